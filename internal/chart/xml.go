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

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;")

// Escape makes s safe as the text of an element or the value of a quoted
// attribute, in HTML and in XML.
func Escape(s string) string { return escaper.Replace(s) }
