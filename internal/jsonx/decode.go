package jsonx

import (
	"io"
	"strconv"
	"unicode/utf8"
)

// MaxDepth is how deeply arrays and objects may nest. The formats read with
// this package nest four or five deep; the limit keeps hostile input from
// exhausting the stack.
const MaxDepth = 64

// Parse reads data as exactly one JSON value, with nothing but white space
// after it. Repeated member names are refused.
func Parse(data []byte) (Value, error) {
	d := NewDecoder(data)
	v, err := d.Decode()
	if err == nil && d.More() {
		e := d.fail(d.off, "want the end of the input after the value, found "+d.found()).(*Error)
		e.locate(data)
		err = e
	}
	if err != nil {
		return Value{}, err
	}
	return v, nil
}

// Unmarshal parses data with Parse and decodes the value with decode. An
// error from either is an *Error that gives the line and column in data.
func Unmarshal[T any](data []byte, decode func(*Value) (T, error)) (T, error) {
	v, err := Parse(data)
	if err == nil {
		var t T
		if t, err = decode(&v); err == nil {
			return t, nil
		}
	}
	var zero T
	e, ok := AsError(err)
	if !ok {
		return zero, &Error{Msg: err.Error(), Err: err, Line: 1, Column: 1}
	}
	c := *e
	c.locate(data)
	return zero, &c
}

// Decoder reads JSON values one after another from a byte slice, as a
// stream of values separated by white space.
//
// It allocates little, since a page may read ten thousand files in a row:
// the text of every string and number without escapes is a slice of one
// copy of the input, made when the first is read (so later changes to the
// input change nothing read), and the members of objects and elements of
// arrays are gathered on stacks the decoder reuses, then carved, exactly
// sized, from blocks shared by many objects. What a Value holds keeps the
// copy of the input, and its block, alive.
type Decoder struct {
	// AllowDuplicates keeps every member of an object that names the same
	// member twice, rather than refusing the input. Value.Get returns the
	// last of them.
	AllowDuplicates bool

	data  []byte
	text  string // data as a string, once a string or number has needed it
	off   int
	depth int

	members []Member // members of the objects being read, innermost last
	items   []Value  // elements of the arrays being read, likewise
	mblock  []Member // what is left of the block finished objects' members are carved from
	iblock  []Value  // likewise for arrays' elements

	// Where the stacks start, so that reading a small file needs no
	// allocation for them.
	mstart [16]Member
	istart [8]Value
}

// NewDecoder returns a decoder that reads data from the start.
func NewDecoder(data []byte) *Decoder { return &Decoder{data: data} }

// More reports whether anything but white space is left to read.
func (d *Decoder) More() bool {
	d.space()
	return d.off < len(d.data)
}

// Offset returns how many bytes of the input have been read.
func (d *Decoder) Offset() int { return d.off }

// Decode reads the next value. At the end of the input it returns an
// *Error that wraps io.ErrUnexpectedEOF. The error gives the line and
// column.
func (d *Decoder) Decode() (Value, error) {
	d.depth = 0
	if d.members == nil {
		d.members, d.items = d.mstart[:0], d.istart[:0]
	}
	v, err := d.value()
	d.members, d.items = d.members[:0], d.items[:0] // after an error, they hold what was read of the value
	if err != nil {
		err.(*Error).locate(d.data)
		return Value{}, err
	}
	return v, nil
}

func (d *Decoder) space() {
	for d.off < len(d.data) {
		switch d.data[d.off] {
		case ' ', '\t', '\n', '\r':
			d.off++
		default:
			return
		}
	}
}

// fail returns a syntax error at offset at; at the end of the input it says
// so and wraps io.ErrUnexpectedEOF.
func (d *Decoder) fail(at int, msg string) error {
	e := &Error{Offset: at, Msg: msg}
	if at >= len(d.data) {
		e.Err = io.ErrUnexpectedEOF
	}
	return e
}

// found describes the byte at the read offset, for messages.
func (d *Decoder) found() string {
	if d.off >= len(d.data) {
		return "the end of the input"
	}
	c := d.data[d.off]
	switch {
	case c == '\'':
		return `"'"`
	case c >= 0x20 && c < 0x7f:
		return "'" + string(rune(c)) + "'"
	}
	return "byte 0x" + strconv.FormatUint(uint64(c)|0x100, 16)[1:]
}

func (d *Decoder) value() (Value, error) {
	d.space()
	v := Value{Offset: d.off}
	if d.off >= len(d.data) {
		return v, d.fail(d.off, "want a value, found the end of the input")
	}
	switch c := d.data[d.off]; {
	case c == '{':
		return d.object()
	case c == '[':
		return d.array()
	case c == '"':
		s, err := d.str()
		v.Kind, v.Text = String, s
		return v, err
	case c == '-' || '0' <= c && c <= '9':
		err := d.number()
		v.Kind, v.Text = Number, d.slice(v.Offset, d.off)
		return v, err
	case c == 't':
		v.Kind, v.Bool = Bool, true
		return v, d.literal("true")
	case c == 'f':
		v.Kind = Bool
		return v, d.literal("false")
	case c == 'n':
		return v, d.literal("null")
	}
	return v, d.fail(d.off, "want a value, found "+d.found())
}

func (d *Decoder) literal(word string) error {
	for i := 0; i < len(word); i++ {
		if d.off >= len(d.data) || d.data[d.off] != word[i] {
			return d.fail(d.off, "want "+word+", found "+d.found())
		}
		d.off++
	}
	return nil
}

// number reads -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (d *Decoder) number() error {
	if d.data[d.off] == '-' {
		d.off++
	}
	switch {
	case d.off < len(d.data) && d.data[d.off] == '0':
		d.off++
	case !d.digits():
		return d.fail(d.off, "want a digit, found "+d.found())
	}
	if d.off < len(d.data) && d.data[d.off] == '.' {
		d.off++
		if !d.digits() {
			return d.fail(d.off, "want a digit after the decimal point, found "+d.found())
		}
	}
	if d.off < len(d.data) && (d.data[d.off] == 'e' || d.data[d.off] == 'E') {
		d.off++
		if d.off < len(d.data) && (d.data[d.off] == '+' || d.data[d.off] == '-') {
			d.off++
		}
		if !d.digits() {
			return d.fail(d.off, "want a digit in the exponent, found "+d.found())
		}
	}
	return nil
}

// digits reads [0-9]* and reports whether it read any.
func (d *Decoder) digits() bool {
	start := d.off
	for d.off < len(d.data) && '0' <= d.data[d.off] && d.data[d.off] <= '9' {
		d.off++
	}
	return d.off > start
}

// str reads a string from its opening quote to its closing one.
func (d *Decoder) str() (string, error) {
	d.off++ // the opening quote
	start := d.off
	var buf []byte // nil until the first escape: most strings have none
	for {
		if d.off >= len(d.data) {
			return "", d.fail(d.off, "want '\"' to end the string, found the end of the input")
		}
		c := d.data[d.off]
		switch {
		case c == '"':
			end := d.off
			d.off++
			if buf != nil {
				return string(append(buf, d.data[start:end]...)), nil
			}
			return d.slice(start, end), nil
		case c == '\\':
			buf = append(buf, d.data[start:d.off]...)
			var err error
			if buf, err = d.escape(buf); err != nil {
				return "", err
			}
			start = d.off
		case c < 0x20:
			return "", d.fail(d.off, "want text or '\"', found "+d.found()+": write control characters as escapes")
		case c < utf8.RuneSelf:
			d.off++
		default:
			r, size := utf8.DecodeRune(d.data[d.off:])
			if r == utf8.RuneError && size == 1 {
				return "", d.fail(d.off, "want UTF-8 text, found "+d.found())
			}
			d.off += size
		}
	}
}

// slice returns the input from i to j as a string: a slice of the one copy
// of the input every such string shares.
func (d *Decoder) slice(i, j int) string {
	if d.text == "" {
		d.text = string(d.data)
	}
	return d.text[i:j]
}

// escape reads one escape sequence, from its backslash, onto buf.
func (d *Decoder) escape(buf []byte) ([]byte, error) {
	d.off++ // the backslash
	if d.off >= len(d.data) {
		return nil, d.fail(d.off, "want an escape after '\\', found the end of the input")
	}
	c := d.data[d.off]
	d.off++
	switch c {
	case '"', '\\', '/':
		return append(buf, c), nil
	case 'b':
		return append(buf, '\b'), nil
	case 'f':
		return append(buf, '\f'), nil
	case 'n':
		return append(buf, '\n'), nil
	case 'r':
		return append(buf, '\r'), nil
	case 't':
		return append(buf, '\t'), nil
	case 'u':
		r, err := d.hex4()
		if err != nil {
			return nil, err
		}
		switch {
		case r >= 0xDC00 && r <= 0xDFFF:
			return nil, d.fail(d.off-6, "want a character, found the second half of a surrogate pair alone")
		case r >= 0xD800 && r <= 0xDBFF:
			at := d.off - 6
			if d.off+1 >= len(d.data) || d.data[d.off] != '\\' || d.data[d.off+1] != 'u' {
				return nil, d.fail(at, "want a \\u escape for the second half of the surrogate pair after this one")
			}
			d.off += 2
			lo, err := d.hex4()
			if err != nil {
				return nil, err
			}
			if lo < 0xDC00 || lo > 0xDFFF {
				return nil, d.fail(d.off-6, "want the second half of a surrogate pair (\\udc00 to \\udfff)")
			}
			r = 0x10000 + (r-0xD800)<<10 + (lo - 0xDC00)
		}
		return utf8.AppendRune(buf, r), nil
	}
	d.off--
	return nil, d.fail(d.off, "want an escape (one of \" \\ / b f n r t u) after '\\', found "+d.found())
}

// hex4 reads the four hex digits of a \u escape.
func (d *Decoder) hex4() (rune, error) {
	var r rune
	for i := 0; i < 4; i++ {
		if d.off >= len(d.data) {
			return 0, d.fail(d.off, "want four hex digits after \\u, found the end of the input")
		}
		c := d.data[d.off]
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, d.fail(d.off, "want four hex digits after \\u, found "+d.found())
		}
		r = r<<4 | rune(c)
		d.off++
	}
	return r, nil
}

func (d *Decoder) array() (Value, error) {
	v := Value{Kind: Array, Offset: d.off}
	if err := d.enter(); err != nil {
		return v, err
	}
	d.off++ // [
	d.space()
	if d.off < len(d.data) && d.data[d.off] == ']' {
		d.off++
		d.depth--
		v.Items = []Value{}
		return v, nil
	}
	base := len(d.items)
	for {
		e, err := d.value()
		if err != nil {
			return v, err
		}
		d.items = append(d.items, e)
		d.space()
		if d.off >= len(d.data) {
			return v, d.fail(d.off, "want ',' or ']' after an array element, found the end of the input")
		}
		switch d.data[d.off] {
		case ',':
			d.off++
			continue
		case ']':
			d.off++
			d.depth--
			v.Items = carve(&d.items, &d.iblock, base, 32, len(d.data)-d.off)
			return v, nil
		}
		return v, d.fail(d.off, "want ',' or ']' after an array element, found "+d.found())
	}
}

func (d *Decoder) object() (Value, error) {
	v := Value{Kind: Object, Offset: d.off}
	if err := d.enter(); err != nil {
		return v, err
	}
	d.off++ // {
	d.space()
	if d.off < len(d.data) && d.data[d.off] == '}' {
		d.off++
		d.depth--
		return v, nil
	}
	base := len(d.members)
	var seen map[string]bool // made once an object has many members
	for {
		d.space()
		if d.off >= len(d.data) || d.data[d.off] != '"' {
			return v, d.fail(d.off, "want a member name in double quotes, found "+d.found())
		}
		at := d.off
		name, err := d.str()
		if err != nil {
			return v, err
		}
		if !d.AllowDuplicates {
			read := d.members[base:]
			if seen == nil && len(read) >= 32 {
				seen = make(map[string]bool, 2*len(read))
				for _, m := range read {
					seen[m.Name] = true
				}
			}
			if seen[name] || seen == nil && named(read, name) {
				return v, d.fail(at, "want each name once in an object, found "+strconv.Quote(name)+" again")
			}
			if seen != nil {
				seen[name] = true
			}
		}
		d.space()
		if d.off >= len(d.data) || d.data[d.off] != ':' {
			return v, d.fail(d.off, "want ':' after the member name, found "+d.found())
		}
		d.off++
		e, err := d.value()
		if err != nil {
			return v, err
		}
		d.members = append(d.members, Member{Name: name, Offset: at, Value: e})
		d.space()
		if d.off >= len(d.data) {
			return v, d.fail(d.off, "want ',' or '}' after an object member, found the end of the input")
		}
		switch d.data[d.off] {
		case ',':
			d.off++
			continue
		case '}':
			d.off++
			d.depth--
			v.Members = carve(&d.members, &d.mblock, base, 64, len(d.data)-d.off)
			return v, nil
		}
		return v, d.fail(d.off, "want ',' or '}' after an object member, found "+d.found())
	}
}

// named reports whether one of ms has the given name.
func named(ms []Member, name string) bool {
	for i := range ms {
		if ms[i].Name == name {
			return true
		}
	}
	return false
}

// carve moves the values just read, (*pending)[base:] (an object's
// members or an array's elements), into a slice of their own cut from
// *block, which is made anew when too short: at least floor values, or one
// for every 16 bytes of input left if fewer.
func carve[T any](pending, block *[]T, base, floor, left int) []T {
	n := len(*pending) - base
	if n > len(*block) {
		*block = make([]T, max(n, min(floor, 1+left/16)))
	}
	out := (*block)[:n:n]
	*block = (*block)[n:]
	copy(out, (*pending)[base:])
	*pending = (*pending)[:base]
	return out
}

// enter counts one more level of nesting.
func (d *Decoder) enter() error {
	d.depth++
	if d.depth > MaxDepth {
		return d.fail(d.off, "want arrays and objects nested at most "+strconv.Itoa(MaxDepth)+" deep")
	}
	return nil
}
