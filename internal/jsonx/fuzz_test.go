package jsonx

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDecode checks that Parse never panics; that anything it accepts,
// encoding/json accepts too and reads as the same value, and writes back
// as Writer does; and that anything it refuses that encoding/json accepts
// is refused for one of the reasons this package is stricter.
func FuzzDecode(f *testing.F) {
	for _, c := range parseCases {
		f.Add([]byte(c.in))
	}
	for _, c := range refusedCases {
		f.Add([]byte(c.in))
	}
	files, _ := filepath.Glob(filepath.Join("..", "escalation", "testdata", "golden", "*.json"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := Parse(data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Offset < 0 || e.Offset > len(data) || e.Line < 1 || e.Column < 1 {
				t.Fatalf("Parse(%q) error %#v: want an *Error at a place in the input", data, err)
			}
			if json.Valid(data) && !stricter(err) {
				t.Fatalf("Parse(%q) = %v; encoding/json accepts it", data, err)
			}
			return
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var want any
		if err := dec.Decode(&want); err != nil {
			t.Fatalf("Parse(%q) accepted what encoding/json refuses: %v", data, err)
		}
		if got := toAny(&v); !reflect.DeepEqual(got, want) {
			t.Fatalf("Parse(%q) = %#v; encoding/json reads %#v", data, got, want)
		}
		for _, keep := range []bool{false, true} {
			w := Writer{Indent: "  ", KeepHTML: keep}
			writeSorted(&w, &v)
			if m := marshal(t, want, "  ", !keep); !bytes.Equal(w.Bytes(), m) {
				t.Fatalf("Writer{KeepHTML: %v} wrote\n%s\nencoding/json writes\n%s", keep, w.Bytes(), m)
			}
		}
	})
}

// stricter reports whether err is one of the reasons Parse refuses input
// that encoding/json accepts.
func stricter(err error) bool {
	for _, s := range []string{"once in an object", "nested at most", "surrogate pair", "want UTF-8 text"} {
		if strings.Contains(err.Error(), s) {
			return true
		}
	}
	return false
}

// toAny returns v as encoding/json reads it into an interface with UseNumber.
func toAny(v *Value) any {
	switch v.Kind {
	case Bool:
		return v.Bool
	case Number:
		return json.Number(v.Text)
	case String:
		return v.Text
	case Array:
		out := make([]any, len(v.Items))
		for i := range v.Items {
			out[i] = toAny(&v.Items[i])
		}
		return out
	case Object:
		out := make(map[string]any, len(v.Members))
		for i := range v.Members {
			out[v.Members[i].Name] = toAny(&v.Members[i].Value)
		}
		return out
	}
	return nil
}

// writeSorted writes v with its members sorted by name, as encoding/json
// writes a map.
func writeSorted(w *Writer, v *Value) {
	switch v.Kind {
	case Null:
		w.Null()
	case Bool:
		w.Bool(v.Bool)
	case Number:
		w.Number(v.Text)
	case String:
		w.String(v.Text)
	case Array:
		w.BeginArray()
		for i := range v.Items {
			writeSorted(w, &v.Items[i])
		}
		w.EndArray()
	case Object:
		ms := slices.Clone(v.Members)
		slices.SortFunc(ms, func(a, b Member) int { return strings.Compare(a.Name, b.Name) })
		w.BeginObject()
		for i := range ms {
			w.Name(ms[i].Name)
			writeSorted(w, &ms[i].Value)
		}
		w.EndObject()
	}
}

// FuzzWriteString checks that Writer escapes any string as encoding/json
// does, and that Parse reads back any valid UTF-8 string it wrote.
func FuzzWriteString(f *testing.F) {
	for _, s := range trickyStrings {
		f.Add(s)
	}
	for _, c := range parseCases {
		f.Add(c.want.Text)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, keep := range []bool{false, true} {
			w := Writer{KeepHTML: keep}
			w.String(s)
			if want := marshal(t, s, "", !keep); !bytes.Equal(w.Bytes(), want) {
				t.Fatalf("Writer{KeepHTML: %v}.String(%q) wrote %s; want %s", keep, s, w.Bytes(), want)
			}
			v, err := Parse(w.Bytes())
			if err != nil {
				t.Fatalf("Parse(%s) = %v", w.Bytes(), err)
			}
			if utf8.ValidString(s) && v.Text != s {
				t.Fatalf("Parse(%s) = %q; want %q", w.Bytes(), v.Text, s)
			}
		}
	})
}
