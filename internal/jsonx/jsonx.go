// Package jsonx reads and writes JSON without reflection, so that the
// browser module does not carry encoding/json (about 190 KB compressed,
// with the reflection and formatting code it brings). Each type the module
// exchanges has a hand-written encoder and decoder beside it, built on this
// package and tested against encoding/json.
//
// # Reading
//
// Parse reads one JSON value into a tree of Values; a Decoder reads a
// stream of them. They accept RFC 8259 JSON and refuse, with an *Error that
// gives the byte offset, the line and column, and what was wanted:
//
//   - text that is not UTF-8, inside strings or out;
//   - a \u escape that is half of a surrogate pair;
//   - an object that has the same name twice (unless
//     Decoder.AllowDuplicates is set);
//   - arrays and objects nested more than MaxDepth deep;
//   - with Parse, anything but white space after the value.
//
// Neither limits the size of the input: callers do, before reading.
// Anything Parse accepts, encoding/json accepts too and reads as the same
// value.
//
// Value's methods Str, Int, Boolean, Strings and Object, and the function
// Slice, turn a value into Go values, refusing a value of the wrong kind
// with an *Error that says where it is, as in "stages[2].due: want an
// object, found a string". Unmarshal parses and decodes in one step and
// gives such errors a line and column.
//
// # Writing
//
// A Writer writes what encoding/json writes for the same values, byte for
// byte: compact as json.Marshal does, or indented as json.MarshalIndent
// does; <, > and & escaped as \u003c, \u003e and \u0026 unless KeepHTML is
// set; U+2028 and U+2029 always escaped; invalid UTF-8 written as \ufffd.
// The caller writes members in the order encoding/json would (struct field
// order, map keys sorted), so files written before this package keep their
// exact bytes.
package jsonx
