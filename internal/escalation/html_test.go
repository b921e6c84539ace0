package escalation

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

func TestEscapeHTML(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain text", "plain text"},
		{"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{`Tom & "Jerry" 'x'`, "Tom &amp; &#34;Jerry&#34; &#39;x&#39;"},
		{"&amp;", "&amp;amp;"},
		{"line\nbreak\r\ttab", "line\nbreak\r\ttab"},
		{"nul\x00", "nul\uFFFD"},
		{"bell\x07 del\x7f c1\u0085", "bell\uFFFD del\uFFFD c1\uFFFD"},
		{"bad \xff\xfe utf-8", "bad \uFFFD\uFFFD utf-8"},
		{"café – ✓ \uFFFD", "café – ✓ \uFFFD"},
		{"<!-- x -->", "&lt;!-- x --&gt;"},
	}
	for _, tt := range tests {
		if got := EscapeHTML(tt.in); got != tt.want {
			t.Errorf("EscapeHTML(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// allowedTags are the elements the printable page's own markup writes.
var allowedTags = map[string]bool{
	"html": true, "head": true, "meta": true, "title": true, "style": true, "body": true,
	"main": true, "h1": true, "h2": true, "h3": true, "p": true, "dl": true, "dt": true,
	"dd": true, "strong": true, "footer": true,
}

// recordWith returns a record of the Tees fixture with s in every place
// text can come from outside: the practitioner's fields, the protocol's
// text, and the names of answers and flags kept from an older version.
func recordWith(t testing.TB, s string) fixture {
	f := fixtures(t)[1]
	r := f.r
	r.Reference, r.Agency, r.OtherAgency, r.RaisedBy, r.Resolution = s, s, s, s, s
	r.ID = s
	r.Protocol.Version = s
	r.Answers = map[string]string{"concern": s, "why": s, s: s}
	r.Flags[s] = true
	for i := range r.Stages {
		r.Stages[i].With, r.Stages[i].Notes = s, s
	}
	r.Actions = []Action{{What: s, Who: s}}
	r.Feedback.How = s
	f.p.Partnership = s
	f.p.Stages[1].Title, f.p.Stages[1].Who = s, s
	f.p.Flags[0].Question, f.p.Flags[0].Action = s, s
	f.p.Template[0].Question = s
	return f
}

// tags lists every tag of an HTML page in order, with its attributes, and
// fails if the page has anything the tokenizer reads as a comment or a
// second doctype.
func tags(t *testing.T, page []byte) []string {
	t.Helper()
	var out []string
	doctypes := 0
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				t.Fatal(z.Err())
			}
			return out
		case html.CommentToken:
			t.Fatalf("the page has a comment: %q", z.Token().Data)
		case html.DoctypeToken:
			if doctypes++; doctypes > 1 {
				t.Fatalf("the page has a second doctype")
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if !allowedTags[tok.Data] {
				t.Fatalf("the page has a <%s> element", tok.Data)
			}
			s := tt.String() + " " + tok.Data
			for _, a := range tok.Attr {
				s += " " + a.Key + "=" + a.Val
			}
			out = append(out, s)
		}
	}
}

func FuzzEscapeHTML(f *testing.F) {
	for _, s := range []string{"", "x", "<script>alert(1)</script>", "</dd><script>", "\"><img src=x onerror=alert(1)>",
		"<!--", "]]>", "<style>", "&lt;", "\x00", "\xff", "<plaintext>", "<textarea>", "<svg><script>x</script>"} {
		f.Add(s)
	}
	for _, fx := range fixtures(f) {
		f.Add(fx.r.Answers["concern"])
	}
	f.Fuzz(func(t *testing.T, s string) {
		esc := EscapeHTML(s)
		if strings.ContainsAny(esc, "<>\"'\x00") {
			t.Fatalf("EscapeHTML(%q) = %q holds markup characters", s, esc)
		}
		if !utf8.ValidString(esc) {
			t.Fatalf("EscapeHTML(%q) is not valid UTF-8", s)
		}
		if got, want := html.UnescapeString(esc), cleanText(s); got != want {
			t.Fatalf("EscapeHTML(%q) reads back as %q; want %q", s, got, want)
		}

		switch s {
		case "concern", "why", "iro", "meeting":
			t.Skip("s is an id of the procedure, so it is not kept as a leftover")
		}
		// The page made with s everywhere has exactly the tags of the page
		// made with a harmless string: s adds only text.
		plain := "x"
		if s == "" {
			plain = ""
		}
		fx, base := recordWith(t, s), recordWith(t, plain)
		got := tags(t, HTML(fx.r, fx.p, fx.cal, fx.today))
		want := tags(t, HTML(base.r, base.p, base.cal, base.today))
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("text %q changed the page's markup:\n got %q\nwant %q", s, got, want)
		}
	})
}

// cleanText is what EscapeHTML promises a reader gets back: s with invalid
// UTF-8 and control characters other than tab, line feed and carriage
// return replaced by U+FFFD.
func cleanText(s string) string {
	var b strings.Builder
	for _, c := range s { // range yields U+FFFD for each invalid byte
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x7f && c <= 0x9f {
			c = utf8.RuneError
		}
		b.WriteRune(c)
	}
	return b.String()
}
