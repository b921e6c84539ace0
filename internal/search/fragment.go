package search

import (
	"strings"
	"unicode/utf8"

	"resolve/internal/jsonx"
)

// fragment is the content of p/N.json.
type fragment struct {
	Title    string      `json:"t"`
	URL      string      `json:"u"`
	Where    string      `json:"w,omitempty"`
	Sections [][3]string `json:"s"`
}

// json writes the fragment as encoding/json would, without reflection:
// there is one for every page, most of it text, so the buffer is sized
// once and the text copied in runs between the few characters escaped.
func (f *fragment) json() []byte {
	size := len(f.Title) + len(f.URL) + len(f.Where) + 32
	for _, s := range f.Sections {
		size += len(s[0]) + len(s[1]) + len(s[2]) + 12
	}
	b := make([]byte, 0, size+size/32)
	b = append(b, `{"t":`...)
	b = appendString(b, f.Title)
	b = append(b, `,"u":`...)
	b = appendString(b, f.URL)
	if f.Where != "" {
		b = append(b, `,"w":`...)
		b = appendString(b, f.Where)
	}
	b = append(b, `,"s":[`...)
	for i, s := range f.Sections {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendString(b, s[0])
		b = append(b, ',')
		b = appendString(b, s[1])
		b = append(b, ',')
		b = appendString(b, s[2])
		b = append(b, ']')
	}
	return append(b, "]}"...)
}

// appendString appends s as a JSON string, escaped exactly as
// encoding/json escapes it.
func appendString(b []byte, s string) []byte { return jsonx.AppendString(b, s, false) }

// clip cuts text to at most n characters at a space, marking the cut.
func clip(text string, n int) string {
	if len(text) <= n || utf8.RuneCountInString(text) <= n {
		return text
	}
	cut := 0
	for i := range text {
		if n == 0 {
			cut = i
			break
		}
		n--
	}
	if sp := strings.LastIndexByte(text[:cut], ' '); sp > 0 {
		cut = sp
	}
	return text[:cut] + " …"
}
