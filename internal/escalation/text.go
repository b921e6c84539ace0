package escalation

import (
	"strings"

	"resolve/internal/protocol"
	"resolve/internal/workday"
)

// Text returns r as plain text for pasting into a case recording system. It
// is also Markdown: headings start with '#', labelled values are list items.
// What the practitioner wrote is copied as it is, line breaks included.
func Text(r *Record, p *protocol.Protocol, cal *workday.Calendar, today workday.Date) string {
	d := buildDocument(r, p, cal, today)
	// Blocks are separated by one blank line; a run of short fields is one
	// block, so it reads as one list.
	var blocks []string
	var list []string
	flush := func() {
		if len(list) > 0 {
			blocks = append(blocks, strings.Join(list, "\n"))
			list = nil
		}
	}
	blocks = append(blocks, "# "+d.Title, strings.Join(d.Lines, "\n"))
	for _, s := range d.Sections {
		blocks = append(blocks, strings.Repeat("#", s.Level)+" "+s.Heading)
		blocks = append(blocks, s.Text...)
		for _, f := range s.Fields {
			switch {
			case f.Long:
				flush()
				blocks = append(blocks, "- "+label(f.Label), indent(f.Value))
			case f.Strong:
				list = append(list, "- **"+label(f.Label)+"** "+f.Value)
			default:
				list = append(list, "- "+label(f.Label)+" "+f.Value)
			}
		}
		flush()
	}
	blocks = append(blocks, "---", strings.Join(d.Footer, "\n"))
	return strings.Join(blocks, "\n\n") + "\n"
}

// label ends a field's label with a colon, unless it is a question.
func label(s string) string {
	if strings.HasSuffix(s, "?") {
		return s
	}
	return s + ":"
}

// indent puts four spaces before every line of s, so that in Markdown a
// block of free text stays inside its list item and in plain text it stands
// out from the labels. Line endings are made "\n".
func indent(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "    " + l
		}
	}
	return strings.Join(lines, "\n")
}
