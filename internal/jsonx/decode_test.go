package jsonx

import (
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
)

// parseCases are inputs Parse accepts, with the values it reads.
var parseCases = []struct {
	in   string
	want Value
}{
	{`null`, Value{Kind: Null}},
	{` true `, Value{Kind: Bool, Offset: 1, Bool: true}},
	{"\t\r\nfalse", Value{Kind: Bool, Offset: 3}},
	{`0`, Value{Kind: Number, Text: "0"}},
	{`-12.5e+3`, Value{Kind: Number, Text: "-12.5e+3"}},
	{`1E-0`, Value{Kind: Number, Text: "1E-0"}},
	{`""`, Value{Kind: String}},
	{`"plain"`, Value{Kind: String, Text: "plain"}},
	{`"\"\\\/\b\f\n\r\t"`, Value{Kind: String, Text: "\"\\/\b\f\n\r\t"}},
	{`"a\u00e9b\u20AC\u0000"`, Value{Kind: String, Text: "a\u00e9b\u20ac\x00"}},
	{`"\ud83d\ude00 ok"`, Value{Kind: String, Text: "\U0001F600 ok"}},
	{`"ünïcödé ☃ 😀"`, Value{Kind: String, Text: "ünïcödé ☃ 😀"}},
	{`"<&>\u2028"`, Value{Kind: String, Text: "<&>\u2028"}},
	{`[]`, Value{Kind: Array, Items: []Value{}}},
	{`[1, "a", [null]]`, Value{Kind: Array, Items: []Value{
		{Kind: Number, Offset: 1, Text: "1"},
		{Kind: String, Offset: 4, Text: "a"},
		{Kind: Array, Offset: 9, Items: []Value{{Kind: Null, Offset: 10}}},
	}}},
	{`{}`, Value{Kind: Object}},
	{`{"a": {"b": true}, "c": []}`, Value{Kind: Object, Members: []Member{
		{Name: "a", Offset: 1, Value: Value{Kind: Object, Offset: 6, Members: []Member{
			{Name: "b", Offset: 7, Value: Value{Kind: Bool, Offset: 12, Bool: true}},
		}}},
		{Name: "c", Offset: 19, Value: Value{Kind: Array, Offset: 24, Items: []Value{}}},
	}}},
	{`{"x": 1, "X": 2}`, Value{Kind: Object, Members: []Member{ // names are case-exact
		{Name: "x", Offset: 1, Value: Value{Kind: Number, Offset: 6, Text: "1"}},
		{Name: "X", Offset: 9, Value: Value{Kind: Number, Offset: 14, Text: "2"}},
	}}},
}

func TestParse(t *testing.T) {
	for _, tt := range parseCases {
		got, err := Parse([]byte(tt.in))
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Parse(%#q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
}

// refusedCases are inputs Parse refuses, with its messages.
var refusedCases = []struct {
	in   string
	want string // the whole message: position and what was wanted
	eof  bool   // whether the error says the input ended too soon
}{
	{``, "1:1 (byte 0): want a value, found the end of the input", true},
	{`   `, "1:4 (byte 3): want a value, found the end of the input", true},
	{`Case notes`, "1:1 (byte 0): want a value, found 'C'", false},
	{`tru`, "1:4 (byte 3): want true, found the end of the input", true},
	{`nul!`, "1:4 (byte 3): want null, found '!'", false},
	{`-`, "1:2 (byte 1): want a digit, found the end of the input", true},
	{`-x`, "1:2 (byte 1): want a digit, found 'x'", false},
	{`1.`, "1:3 (byte 2): want a digit after the decimal point, found the end of the input", true},
	{`1.e3`, "1:3 (byte 2): want a digit after the decimal point, found 'e'", false},
	{`1e+`, "1:4 (byte 3): want a digit in the exponent, found the end of the input", true},
	{`01`, "1:2 (byte 1): want the end of the input after the value, found '1'", false},
	{`.5`, "1:1 (byte 0): want a value, found '.'", false},
	{`+1`, "1:1 (byte 0): want a value, found '+'", false},
	{`"ab`, "1:4 (byte 3): want '\"' to end the string, found the end of the input", true},
	{"\"a\nb\"", "1:3 (byte 2): want text or '\"', found byte 0x0a: write control characters as escapes", false},
	{`"\x"`, "1:3 (byte 2): want an escape (one of \" \\ / b f n r t u) after '\\', found 'x'", false},
	{`"\'"`, "1:3 (byte 2): want an escape (one of \" \\ / b f n r t u) after '\\', found \"'\"", false},
	{`"\u12G4"`, "1:6 (byte 5): want four hex digits after \\u, found 'G'", false},
	{`"\ud800"`, "1:2 (byte 1): want a \\u escape for the second half of the surrogate pair after this one", false},
	{`"\ud800\u0041"`, "1:8 (byte 7): want the second half of a surrogate pair (\\udc00 to \\udfff)", false},
	{`"\udc00"`, "1:2 (byte 1): want a character, found the second half of a surrogate pair alone", false},
	{"\"\xff\"", "1:2 (byte 1): want UTF-8 text, found byte 0xff", false},
	{"\"\xed\xa0\x80\"", "1:2 (byte 1): want UTF-8 text, found byte 0xed", false}, // a surrogate written as UTF-8
	{"\xef\xbb\xbf{}", "1:1 (byte 0): want a value, found byte 0xef", false},      // a byte order mark
	{`[1 2]`, "1:4 (byte 3): want ',' or ']' after an array element, found '2'", false},
	{`[1,]`, "1:4 (byte 3): want a value, found ']'", false},
	{`[`, "1:2 (byte 1): want a value, found the end of the input", true},
	{`{"a" 1}`, "1:6 (byte 5): want ':' after the member name, found '1'", false},
	{`{"a":1,}`, "1:8 (byte 7): want a member name in double quotes, found '}'", false},
	{`{a:1}`, "1:2 (byte 1): want a member name in double quotes, found 'a'", false},
	{"{\n  \"a\": 1\n  \"b\": 2\n}", "3:3 (byte 13): want ',' or '}' after an object member, found '\"'", false},
	{`{"a":`, "1:6 (byte 5): want a value, found the end of the input", true},
	{`{"a":1,"a":2}`, `1:8 (byte 7): want each name once in an object, found "a" again`, false},
	{`{"a":{"b":1},"a":{"b":1}}`, `1:14 (byte 13): want each name once in an object, found "a" again`, false},
	{`{"a":1,"b":1,"c":1,"d":1,"e":1,"f":1,"g":1,"h":1,"i":1,"j":1,"c":2}`, `1:62 (byte 61): want each name once in an object, found "c" again`, false},
	{`{"\u0061":1,"a":2}`, `1:13 (byte 12): want each name once in an object, found "a" again`, false},
	{`{} {}`, "1:4 (byte 3): want the end of the input after the value, found '{'", false},
	{`"a"x`, "1:4 (byte 3): want the end of the input after the value, found 'x'", false},
	{strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1), "1:65 (byte 64): want arrays and objects nested at most 64 deep", false},
}

func TestParseRefused(t *testing.T) {
	for _, tt := range refusedCases {
		_, err := Parse([]byte(tt.in))
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("Parse(%#q) error = %v; want an *Error", tt.in, err)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("Parse(%#q) error = %q; want %q", tt.in, err, tt.want)
		}
		if errors.Is(err, io.ErrUnexpectedEOF) != tt.eof {
			t.Errorf("Parse(%#q) error wraps io.ErrUnexpectedEOF: %v; want %v", tt.in, !tt.eof, tt.eof)
		}
	}
}

func TestDecoderStream(t *testing.T) {
	d := NewDecoder([]byte(` {"a":1,"a":2} [3] "x" `))
	d.AllowDuplicates = true
	var kinds []Kind
	for d.More() {
		v, err := d.Decode()
		if err != nil {
			t.Fatalf("Decode at byte %d: %v", d.Offset(), err)
		}
		kinds = append(kinds, v.Kind)
		if v.Kind == Object {
			if len(v.Members) != 2 || v.Get("a").Text != "2" {
				t.Errorf("Decode kept %+v; want both members, the last one found by Get", v.Members)
			}
		}
	}
	if want := []Kind{Object, Array, String}; !reflect.DeepEqual(kinds, want) {
		t.Errorf("Decode read %v; want %v", kinds, want)
	}
	if _, err := d.Decode(); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("Decode at the end = %v; want io.ErrUnexpectedEOF", err)
	}
}

func TestKindString(t *testing.T) {
	want := map[Kind]string{Null: "null", Bool: "bool", Number: "number", String: "string", Array: "array", Object: "object"}
	for k, s := range want {
		if k.String() != s {
			t.Errorf("Kind(%d).String() = %q; want %q", k, k.String(), s)
		}
	}
}
