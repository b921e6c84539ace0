package jsonx

import (
	"bytes"
	"encoding/json"
	"testing"
)

// trickyStrings holds every kind of character encoding/json escapes.
var trickyStrings = []string{
	"",
	"plain text",
	`quote " and backslash \ and slash /`,
	"\b\f\n\r\t",
	"\x00\x01\x1f\x7f",
	"<script>alert('x')</script> & co",
	"line\u2028separator\u2029paragraph",
	"ünïcödé ☃ 😀",
	"bad \xff utf-8 \xed\xa0\x80 and cut \xe2\x82",
	"\ufffd",
}

// marshal returns encoding/json's encoding of v, indented or not and with
// or without HTML escaping, without the encoder's final newline.
func marshal(t testing.TB, v any, indent string, escapeHTML bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", indent)
	enc.SetEscapeHTML(escapeHTML)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

func TestWriterString(t *testing.T) {
	for _, s := range trickyStrings {
		for _, keep := range []bool{false, true} {
			w := Writer{KeepHTML: keep}
			w.String(s)
			if want := marshal(t, s, "", !keep); !bytes.Equal(w.Bytes(), want) {
				t.Errorf("Writer{KeepHTML: %v}.String(%q) wrote %s; want %s", keep, s, w.Bytes(), want)
			}
		}
	}
}

// shape is a value with every kind of nesting, written by encoding/json
// from this struct and by hand with a Writer.
type shape struct {
	ID     string            `json:"id"`
	N      int               `json:"n"`
	Neg    int               `json:"neg"`
	Yes    bool              `json:"yes"`
	No     bool              `json:"no"`
	Nil    *int              `json:"nil"`
	Empty  []string          `json:"empty"`
	None   []string          `json:"none"`
	List   []string          `json:"list"`
	Obj    struct{}          `json:"obj"`
	Map    map[string]string `json:"map"`
	Nested [][]int           `json:"nested"`
	Rows   []row             `json:"rows"`
}

type row struct {
	A string `json:"a"`
	B []int  `json:"b"`
}

func TestWriterShape(t *testing.T) {
	v := shape{
		ID: "<a & b>", N: 42, Neg: -7, Yes: true, Empty: []string{}, List: []string{"x", "y"},
		Map:    map[string]string{"k": "v", "a\u2028": ""},
		Nested: [][]int{{}, {1, 2}, nil},
		Rows:   []row{{A: "1", B: []int{3}}, {B: []int{}}},
	}
	write := func(w *Writer) {
		w.BeginObject()
		w.Name("id")
		w.String(v.ID)
		w.Name("n")
		w.Int(v.N)
		w.Name("neg")
		w.Int(v.Neg)
		w.Name("yes")
		w.Bool(v.Yes)
		w.Name("no")
		w.Bool(v.No)
		w.Name("nil")
		w.Null()
		w.Name("empty")
		w.Strings(v.Empty)
		w.Name("none")
		w.Strings(v.None)
		w.Name("list")
		w.Strings(v.List)
		w.Name("obj")
		w.BeginObject()
		w.EndObject()
		w.Name("map")
		w.BeginObject()
		for _, k := range []string{"a\u2028", "k"} { // sorted, as encoding/json sorts map keys
			w.Name(k)
			w.String(v.Map[k])
		}
		w.EndObject()
		w.Name("nested")
		w.BeginArray()
		for _, l := range v.Nested {
			if l == nil {
				w.Null()
				continue
			}
			w.BeginArray()
			for _, n := range l {
				w.Number(itoa(n))
			}
			w.EndArray()
		}
		w.EndArray()
		w.Name("rows")
		w.BeginArray()
		for _, r := range v.Rows {
			w.BeginObject()
			w.Name("a")
			w.String(r.A)
			w.Name("b")
			w.BeginArray()
			for _, n := range r.B {
				w.Int(n)
			}
			w.EndArray()
			w.EndObject()
		}
		w.EndArray()
		w.EndObject()
	}
	for _, indent := range []string{"", "  ", "\t"} {
		for _, keep := range []bool{false, true} {
			w := Writer{Indent: indent, KeepHTML: keep}
			write(&w)
			if want := marshal(t, v, indent, !keep); !bytes.Equal(w.Bytes(), want) {
				t.Errorf("Writer{Indent: %q, KeepHTML: %v} wrote\n%s\nwant\n%s", indent, keep, w.Bytes(), want)
			}
		}
	}
}

func itoa(n int) string {
	w := Writer{}
	w.Int(n)
	return string(w.Bytes())
}

func TestWriterTopLevel(t *testing.T) {
	tests := []struct {
		write func(w *Writer)
		want  string
	}{
		{func(w *Writer) { w.Null() }, `null`},
		{func(w *Writer) { w.Int(-3) }, `-3`},
		{func(w *Writer) { w.Bool(true) }, `true`},
		{func(w *Writer) { w.BeginArray(); w.EndArray() }, `[]`},
		{func(w *Writer) { w.BeginObject(); w.EndObject() }, `{}`},
		{func(w *Writer) { w.BeginArray(); w.Int(1); w.EndArray() }, "[\n  1\n]"},
	}
	for i, tt := range tests {
		w := Writer{Indent: "  "}
		tt.write(&w)
		if string(w.Bytes()) != tt.want {
			t.Errorf("case %d wrote %q; want %q", i, w.Bytes(), tt.want)
		}
	}
}
