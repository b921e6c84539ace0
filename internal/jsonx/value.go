package jsonx

import (
	"errors"
	"strconv"
)

// Kind is the kind of a JSON value.
type Kind uint8

// The kinds of JSON value. The zero Kind is Null.
const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

// String returns the kind's name as encoding/json's error messages give it:
// "null", "bool", "number", "string", "array" or "object".
func (k Kind) String() string {
	switch k {
	case Bool:
		return "bool"
	case Number:
		return "number"
	case String:
		return "string"
	case Array:
		return "array"
	case Object:
		return "object"
	}
	return "null"
}

// article returns the kind's name with "a" or "an", for messages.
func (k Kind) article() string {
	switch k {
	case Null:
		return "null"
	case Array, Object:
		return "an " + k.String()
	}
	return "a " + k.String()
}

// Value is one JSON value as read from the input.
type Value struct {
	Kind    Kind
	Offset  int      // of the value's first byte in the input, counted from 0
	Bool    bool     // a Bool's value
	Text    string   // a String's text, unescaped; a Number as written ("-1.5e3")
	Items   []Value  // an Array's elements
	Members []Member // an Object's members, in input order
}

// Member is one name and value of an object.
type Member struct {
	Name   string
	Offset int // of the name's opening quote
	Value  Value
}

// Get returns the value of the last member of an object with the given
// name, or nil if there is none (or v is not an object).
func (v *Value) Get(name string) *Value {
	for i := len(v.Members) - 1; i >= 0; i-- {
		if v.Members[i].Name == name {
			return &v.Members[i].Value
		}
	}
	return nil
}

// ErrUnknownName is what a function passed to Object returns for a member
// name it does not know; Object turns it into an *Error at the name.
var ErrUnknownName = errors.New("unknown name")

// Str returns a string's text. Any other kind is an error.
func (v *Value) Str() (string, error) {
	if v.Kind != String {
		return "", v.wrongKind("a string")
	}
	return v.Text, nil
}

// Boolean returns a true or false. Any other kind is an error.
func (v *Value) Boolean() (bool, error) {
	if v.Kind != Bool {
		return false, v.wrongKind("true or false")
	}
	return v.Bool, nil
}

// Int returns a number written as a whole number (no fraction or exponent)
// that fits an int. Anything else is an error.
func (v *Value) Int() (int, error) {
	if v.Kind != Number {
		return 0, v.wrongKind("a whole number")
	}
	n, err := strconv.ParseInt(v.Text, 10, strconv.IntSize)
	if err != nil {
		return 0, &Error{Offset: v.Offset, Msg: "want a whole number, found " + v.Text}
	}
	return int(n), nil
}

// Strings returns an array of strings; null is a nil slice.
func (v *Value) Strings() ([]string, error) {
	return Slice(v, (*Value).Str)
}

// Object calls f with each member of an object in turn, stopping at the
// first error. An error f returns is given the member's name as the start
// of its path; ErrUnknownName becomes "unknown name" at the name, and any
// other error that is not an *Error is wrapped in one at the value. Any
// kind but an object is an error.
func (v *Value) Object(f func(name string, v *Value) error) error {
	if v.Kind != Object {
		return v.wrongKind("an object")
	}
	for i := range v.Members {
		m := &v.Members[i]
		err := f(m.Name, &m.Value)
		switch {
		case err == nil:
			continue
		case err == ErrUnknownName: // as returned by f, not from a member deeper down
			return &Error{Offset: m.Offset, Msg: "unknown name " + strconv.Quote(m.Name), Err: err}
		}
		return within(err, m.Value.Offset, quoteName(m.Name))
	}
	return nil
}

// Slice decodes an array with f, one element at a time; null is a nil
// slice and [] an empty one, as encoding/json reads them. An error f
// returns is given the element's index as the start of its path.
func Slice[T any](v *Value, f func(*Value) (T, error)) ([]T, error) {
	switch v.Kind {
	case Null:
		return nil, nil
	case Array:
	default:
		return nil, v.wrongKind("an array")
	}
	out := make([]T, len(v.Items))
	for i := range v.Items {
		e, err := f(&v.Items[i])
		if err != nil {
			return nil, within(err, v.Items[i].Offset, "["+strconv.Itoa(i)+"]")
		}
		out[i] = e
	}
	return out, nil
}

func (v *Value) wrongKind(want string) error {
	return &Error{Offset: v.Offset, Msg: "want " + want + ", found " + v.Kind.article()}
}

// quoteName writes a member name for a path: as it is if it is made of
// letters, digits, '_' and '-', quoted otherwise.
func quoteName(name string) string {
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-') {
			return strconv.Quote(name)
		}
	}
	if name == "" {
		return `""`
	}
	return name
}

// within puts err at offset (if it has no place yet) and under step in the
// document's path.
func within(err error, offset int, step string) error {
	e, ok := AsError(err)
	if !ok {
		return &Error{Offset: offset, Path: step, Msg: err.Error(), Err: err}
	}
	c := *e
	switch {
	case c.Path == "":
		c.Path = step
	case c.Path[0] == '[':
		c.Path = step + c.Path
	default:
		c.Path = step + "." + c.Path
	}
	return &c
}

// Error is a problem with JSON input: where it is and what was wanted.
type Error struct {
	Offset       int    // of the byte at fault, counted from 0
	Line, Column int    // of the same byte, counted from 1 (the column in bytes); 0 if not known
	Path         string // where in the document, as in stages[2].due; "" for a syntax error
	Msg          string // what was found and what was wanted
	Err          error  // what caused it, if anything: io.ErrUnexpectedEOF when the input ends too soon
}

func (e *Error) Error() string {
	s := "byte " + strconv.Itoa(e.Offset) + ": "
	if e.Line > 0 {
		s = strconv.Itoa(e.Line) + ":" + strconv.Itoa(e.Column) + " (byte " + strconv.Itoa(e.Offset) + "): "
	}
	if e.Path != "" {
		s += e.Path + ": "
	}
	return s + e.Msg
}

func (e *Error) Unwrap() error { return e.Err }

// locate fills in e's line and column from the input it is about.
func (e *Error) locate(data []byte) {
	if e.Line > 0 {
		return
	}
	e.Line, e.Column = 1, 1
	for i := 0; i < e.Offset && i < len(data); i++ {
		if data[i] == '\n' {
			e.Line++
			e.Column = 1
		} else {
			e.Column++
		}
	}
}

// AsError finds the first *Error in err's chain, as errors.As(err, &e)
// does with e an *Error: err itself, what it unwraps to (each of them, in
// order, for an error that wraps several), or what its As method gives.
// It is written out because errors.As, with errors.Is, is all that brings
// package reflectlite (about 27 KB) into the browser modules.
func AsError(err error) (*Error, bool) {
	for err != nil {
		if e, ok := err.(*Error); ok {
			return e, true
		}
		var e *Error
		if x, ok := err.(interface{ As(any) bool }); ok && x.As(&e) {
			return e, true
		}
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		case interface{ Unwrap() []error }:
			for _, w := range u.Unwrap() {
				if e, ok := AsError(w); ok {
					return e, true
				}
			}
			return nil, false
		default:
			return nil, false
		}
	}
	return nil, false
}
