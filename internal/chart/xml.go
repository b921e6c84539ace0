package chart

import "strings"

// XML writes the element and everything in it as SVG text, with every
// attribute value and text escaped, so that labels from the procedure can
// never become markup.
func (e *Element) XML() string {
	var b strings.Builder
	e.write(&b)
	return b.String()
}

func (e *Element) write(b *strings.Builder) {
	b.WriteString("<" + e.Name)
	for _, a := range e.Attrs {
		b.WriteString(" " + a.Name + `="` + Escape(a.Value) + `"`)
	}
	if e.Text == "" && len(e.Children) == 0 {
		b.WriteString("/>")
		return
	}
	b.WriteString(">" + Escape(e.Text))
	for _, c := range e.Children {
		c.write(b)
	}
	b.WriteString("</" + e.Name + ">")
}

// Escape makes s safe as the text of an element or the value of a quoted
// attribute, in HTML and in XML. (strings.Replacer would do, at several
// kilobytes of the module.)
func Escape(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case '&':
			rep = "&amp;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		case '"':
			rep = "&#34;"
		case '\'':
			rep = "&#39;"
		default:
			if b != nil {
				b = append(b, s[i])
			}
			continue
		}
		if b == nil {
			b = append(make([]byte, 0, len(s)+16), s[:i]...)
		}
		b = append(b, rep...)
	}
	if b == nil {
		return s
	}
	return string(b)
}
