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
// there is one for every page.
func (f *fragment) json() []byte {
	var w jsonx.Writer
	w.BeginObject()
	w.Name("t")
	w.String(f.Title)
	w.Name("u")
	w.String(f.URL)
	if f.Where != "" {
		w.Name("w")
		w.String(f.Where)
	}
	w.Name("s")
	w.BeginArray()
	for _, s := range f.Sections {
		w.BeginArray()
		for _, v := range s {
			w.String(v)
		}
		w.EndArray()
	}
	w.EndArray()
	w.EndObject()
	return w.Bytes()
}

// clip cuts text to at most n characters at a space, marking the cut.
func clip(text string, n int) string {
	if utf8.RuneCountInString(text) <= n {
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
