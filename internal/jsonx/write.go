package jsonx

import (
	"strconv"
	"unicode/utf8"
)

// Writer builds JSON text the way encoding/json writes it. The caller
// writes names and values in order and keeps the shape right: a Name before
// each value in an object, every Begin matched by an End.
//
// The zero Writer writes compact JSON with <, > and & escaped, as
// json.Marshal does; with Indent "  " it writes what json.MarshalIndent(v,
// "", "  ") does.
type Writer struct {
	Indent   string // written once per level of nesting before each member or element; "" for compact output
	KeepHTML bool   // write <, > and & as they are, as json.Encoder.SetEscapeHTML(false) does

	buf       []byte
	open      []bool // for each array or object under way: whether it has a member or element yet
	afterName bool   // a name has been written; its value comes next
}

// Bytes returns what has been written.
func (w *Writer) Bytes() []byte { return w.buf }

// BeginObject starts an object.
func (w *Writer) BeginObject() { w.begin('{') }

// EndObject ends the object under way.
func (w *Writer) EndObject() { w.end('}') }

// BeginArray starts an array.
func (w *Writer) BeginArray() { w.begin('[') }

// EndArray ends the array under way.
func (w *Writer) EndArray() { w.end(']') }

// Name writes the name of the next member of the object under way.
func (w *Writer) Name(name string) {
	w.next()
	w.buf = w.quote(w.buf, name)
	w.buf = append(w.buf, ':')
	if w.Indent != "" {
		w.buf = append(w.buf, ' ')
	}
	w.afterName = true
}

// String writes a string.
func (w *Writer) String(s string) {
	w.next()
	w.buf = w.quote(w.buf, s)
}

// Int writes a whole number.
func (w *Writer) Int(n int) {
	w.next()
	w.buf = strconv.AppendInt(w.buf, int64(n), 10)
}

// Bool writes true or false.
func (w *Writer) Bool(b bool) {
	w.next()
	w.buf = strconv.AppendBool(w.buf, b)
}

// Null writes null.
func (w *Writer) Null() {
	w.next()
	w.buf = append(w.buf, "null"...)
}

// Number writes a number given as JSON text, such as a Value's Text. The
// caller makes sure it is one.
func (w *Writer) Number(text string) {
	w.next()
	w.buf = append(w.buf, text...)
}

// Strings writes an array of strings, or null for a nil slice, as
// encoding/json does.
func (w *Writer) Strings(list []string) {
	if list == nil {
		w.Null()
		return
	}
	w.BeginArray()
	for _, s := range list {
		w.String(s)
	}
	w.EndArray()
}

// next writes what comes before a value or a name: nothing after a name,
// otherwise a comma after an earlier member or element and, when
// indenting, a new line and the indent.
func (w *Writer) next() {
	if w.afterName {
		w.afterName = false
		return
	}
	n := len(w.open)
	if n == 0 {
		return
	}
	if w.open[n-1] {
		w.buf = append(w.buf, ',')
	}
	w.open[n-1] = true
	w.newline(n)
}

func (w *Writer) newline(depth int) {
	if w.Indent == "" {
		return
	}
	w.buf = append(w.buf, '\n')
	for range depth {
		w.buf = append(w.buf, w.Indent...)
	}
}

func (w *Writer) begin(c byte) {
	w.next()
	w.buf = append(w.buf, c)
	w.open = append(w.open, false)
}

func (w *Writer) end(c byte) {
	n := len(w.open)
	if w.open[n-1] {
		w.newline(n - 1) // an empty array or object stays on one line: [] and {}
	}
	w.open = w.open[:n-1]
	w.buf = append(w.buf, c)
}

// quote appends s as a JSON string (see AppendString).
func (w *Writer) quote(buf []byte, s string) []byte { return AppendString(buf, s, w.KeepHTML) }

const hex = "0123456789abcdef"

// plain marks the ASCII characters a JSON string holds as they are, with
// and without <, > and & (which encoding/json escapes unless told not to).
var plain, plainHTML = func() (t, html [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
		html[c] = t[c] && c != '<' && c != '>' && c != '&'
	}
	return t, html
}()

// AppendString appends s to buf as a JSON string, escaped exactly as
// encoding/json escapes it: invalid UTF-8 becomes U+FFFD, U+2028 and
// U+2029 (line ends to JavaScript) are escaped, and so are <, > and &
// unless keepHTML. It is the Writer's, exported for code that writes JSON
// by hand where a Writer's bookkeeping costs too much (the search index).
func AppendString(buf []byte, s string, keepHTML bool) []byte {
	keep := &plainHTML
	if keepHTML {
		keep = &plain
	}
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if keep[c] {
				i++
				continue
			}
			buf = append(buf, s[start:i]...)
			switch c {
			case '"', '\\':
				buf = append(buf, '\\', c)
			case '\b':
				buf = append(buf, '\\', 'b')
			case '\f':
				buf = append(buf, '\\', 'f')
			case '\n':
				buf = append(buf, '\\', 'n')
			case '\r':
				buf = append(buf, '\\', 'r')
			case '\t':
				buf = append(buf, '\\', 't')
			default: // other control characters, and <, > and & for HTML
				buf = append(buf, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			buf = append(buf, s[start:i]...)
			buf = append(buf, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			// Valid JSON, but line ends to JavaScript: escaped, as
			// encoding/json always does.
			buf = append(buf, s[start:i]...)
			buf = append(buf, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}
