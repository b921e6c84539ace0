package escalation

import (
	"strings"
	"unicode/utf8"

	"resolve/internal/protocol"
	"resolve/internal/workday"
)

// printCSS is the printable page's only styling: readable on screen, plain
// on paper, no colour needed to understand anything.
const printCSS = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;line-height:1.45;color:#0b0c0c;background:#fff;margin:0}
main,footer{max-width:46rem;margin:0 auto;padding:0 1rem}
h1{font-size:1.6rem;margin:1.5rem 0 .5rem}
h2{font-size:1.3rem;margin:1.8rem 0 .5rem;border-top:2px solid #0b0c0c;padding-top:.5rem}
h3{font-size:1.1rem;margin:1.2rem 0 .4rem}
h2,h3{break-after:avoid;page-break-after:avoid}
dl{margin:0 0 1rem}
dt{font-weight:700;margin-top:.6rem}
dd{margin:.1rem 0 0 0}
dd.long{white-space:pre-wrap;overflow-wrap:anywhere;border-left:4px solid #b1b4b6;padding-left:.6rem}
strong{font-weight:700}
footer{border-top:1px solid #b1b4b6;margin-top:2rem;padding-top:.5rem;font-size:.9rem}
@media print{body{font-size:11pt}main,footer{max-width:none;padding:0}@page{margin:18mm}dd.long{border-left-color:#000}}
`

// HTML returns r as one self-contained page to print or save as PDF: inline
// CSS, no script, no outside requests. Every string that is not the page's
// own markup goes through EscapeHTML.
func HTML(r *Record, p *protocol.Protocol, cal *workday.Calendar, today workday.Date) []byte {
	d := buildDocument(r, p, cal, today)
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n")
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	b.WriteString("<title>" + EscapeHTML(d.Title) + "</title>\n<style>\n" + printCSS + "</style>\n</head>\n<body>\n<main>\n")
	b.WriteString("<h1>" + EscapeHTML(d.Title) + "</h1>\n")
	for _, l := range d.Lines {
		b.WriteString("<p>" + EscapeHTML(l) + "</p>\n")
	}
	for _, s := range d.Sections {
		h := "h2"
		if s.Level == 3 {
			h = "h3"
		}
		b.WriteString("<" + h + ">" + EscapeHTML(s.Heading) + "</" + h + ">\n")
		for _, t := range s.Text {
			b.WriteString("<p>" + EscapeHTML(t) + "</p>\n")
		}
		if len(s.Fields) == 0 {
			continue
		}
		b.WriteString("<dl>\n")
		for _, f := range s.Fields {
			b.WriteString("<dt>" + EscapeHTML(f.Label) + "</dt>\n")
			switch {
			case f.Long:
				b.WriteString("<dd class=\"long\">" + EscapeHTML(f.Value) + "</dd>\n")
			case f.Strong:
				b.WriteString("<dd><strong>" + EscapeHTML(f.Value) + "</strong></dd>\n")
			default:
				b.WriteString("<dd>" + EscapeHTML(f.Value) + "</dd>\n")
			}
		}
		b.WriteString("</dl>\n")
	}
	b.WriteString("</main>\n<footer>\n")
	for _, l := range d.Footer {
		b.WriteString("<p>" + EscapeHTML(l) + "</p>\n")
	}
	b.WriteString("</footer>\n</body>\n</html>\n")
	return []byte(b.String())
}

// EscapeHTML makes s safe as the text of an element or the value of a
// double- or single-quoted attribute: it writes & < > " ' as character
// references, and replaces what an HTML parser would refuse or alter
// (invalid UTF-8, NUL and other control characters but tab, line feed and
// carriage return) with U+FFFD, the replacement character.
func EscapeHTML(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == '&':
			b.WriteString("&amp;")
		case c == '<':
			b.WriteString("&lt;")
		case c == '>':
			b.WriteString("&gt;")
		case c == '"':
			b.WriteString("&#34;")
		case c == '\'':
			b.WriteString("&#39;")
		case c == utf8.RuneError && size == 1, // invalid UTF-8
			c < 0x20 && c != '\t' && c != '\n' && c != '\r',
			c >= 0x7f && c <= 0x9f:
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}
