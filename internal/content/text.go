package content

import (
	"bytes"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"resolve/internal/diag"
)

// Control characters have no place in a page: printed in a terminal (in a
// message, or by `resolve plan`) an escape sequence can rewrite what the
// reader sees, and in a page they are invalid HTML. A file may hold tabs
// and line ends; YAML's escapes ("\e", "\x1b", "\u009b") can write the
// others into a front matter value, so values are checked again once the
// YAML is read.

// controlChar reports whether r is a control character other than tab and
// line feed (C0, DEL and C1).
func controlChar(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' || r >= 0x7f && r <= 0x9f
}

// controlInFile returns the line and character of the first control
// character in a UTF-8 file, other than tab, line feed and carriage
// return, or 0 if there is none.
func controlInFile(data []byte) (int, rune) {
	for i := 0; i < len(data); {
		b := data[i]
		if b < utf8.RuneSelf {
			if b < 0x20 && b != '\t' && b != '\n' && b != '\r' || b == 0x7f {
				return bytes.Count(data[:i], []byte("\n")) + 1, rune(b)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r >= 0x80 && r <= 0x9f {
			return bytes.Count(data[:i], []byte("\n")) + 1, r
		}
		i += n
	}
	return 0, 0
}

// controlMessage says what to do about a control character.
func controlMessage(r rune, where string) string {
	return "a control character (U+" + strings.ToUpper(strconv.FormatInt(int64(r)+0x10000, 16)[1:]) + ") " + where + ": remove it; text may hold tabs and line breaks, but no other control characters"
}

// checkValues reports every front matter value that holds a control
// character once YAML's escapes are read, at the value's line.
func checkValues(p *Page) diag.List {
	var problems diag.List
	walkStrings(reflect.ValueOf(&p.Meta).Elem(), nil, func(keys []string, s string) {
		for _, r := range s {
			if controlChar(r) {
				problems.Add(p.File, p.Line(keys...), controlMessage(r, "in "+strings.Join(keys, ".")))
				return
			}
		}
	})
	return problems
}

// walkStrings calls fn with every string in v and the YAML keys (and list
// indexes) that lead to it.
func walkStrings(v reflect.Value, keys []string, fn func(keys []string, s string)) {
	switch v.Kind() {
	case reflect.String:
		fn(keys, v.String())
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkStrings(v.Elem(), keys, fn)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			walkStrings(v.Index(i), append(keys[:len(keys):len(keys)], strconv.Itoa(i)), fn)
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			k := iter.Key()
			if k.Kind() == reflect.String {
				fn(keys, k.String())
				walkStrings(iter.Value(), append(keys[:len(keys):len(keys)], k.String()), fn)
			}
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			if name, ok := yamlKey(t.Field(i)); ok {
				walkStrings(v.Field(i), append(keys[:len(keys):len(keys)], name), fn)
			}
		}
	}
}
