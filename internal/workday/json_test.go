package workday

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"resolve/internal/jsonx"
	"resolve/internal/jsonx/jsonxtest"
)

// specs returns calendars of every shape encoding/json treats apart: full,
// empty, and with empty rather than nil lists.
func specs() []Spec {
	return []Spec{
		{ID: "guernsey", Name: "Bailiwick of <Guernsey> & Alderney", Base: "england-and-wales",
			Add:    []Holiday{{date("2025-05-09"), "Liberation Day"}, {date("2026-05-09"), "Liberation Day \u2028"}},
			Remove: []Holiday{{date("2025-08-25"), "Summer bank holiday"}}},
		{},
		{Add: []Holiday{}, Remove: []Holiday{{}}},
	}
}

func TestFullSpecIsFull(t *testing.T) {
	if zero := jsonxtest.ZeroFields(specs()[0]); len(zero) > 0 {
		t.Errorf("specs()[0] leaves %q unset: set them, and make sure json.go writes and reads them", zero)
	}
}

func TestSpecJSON(t *testing.T) {
	for i, s := range specs() {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.JSON(); !bytes.Equal(got, want) {
			t.Errorf("spec %d: JSON() =\n%s\nencoding/json writes\n%s", i, got, want)
		}
		var back Spec
		if err := json.Unmarshal(want, &back); err != nil {
			t.Fatal(err)
		}
		if got, err := ParseSpecJSON(want); err != nil || !reflect.DeepEqual(got, back) {
			t.Errorf("spec %d: ParseSpecJSON(%s) = %+v, %v; want %+v", i, want, got, err, back)
		}
	}
	// The example calendar of the package comment still makes a calendar
	// after travelling as JSON.
	s, err := ParseSpecJSON(specs()[0].JSON())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewCustom(s); err != nil {
		t.Errorf("NewCustom of the calendar read back: %v", err)
	}
}

// refusedSpecs are documents ParseSpecJSON refuses, with its messages.
var refusedSpecs = []struct{ in, want string }{
	{`"guernsey"`, "1:1 (byte 0): want an object, found a string"},
	{`{"id": "g", "base": "scotland", "bass": "x"}`, `1:33 (byte 32): unknown name "bass"`},
	{`{"add": [{"date": "2025-13-01", "name": "x"}]}`, `1:19 (byte 18): add[0].date: "2025-13-01" is not a real date: month must be 01 to 12`},
	{"{\n\"remove\": [\n{\"date\": null}]}", "3:10 (byte 23): remove[0].date: want a string, found null"},
	{`{"add": {}}`, "1:9 (byte 8): add: want an array, found an object"},
	{`{"name": "a", "name": "b"}`, `1:15 (byte 14): want each name once in an object, found "name" again`},
}

func TestParseSpecJSONRefused(t *testing.T) {
	for _, tt := range refusedSpecs {
		_, err := ParseSpecJSON([]byte(tt.in))
		var e *jsonx.Error
		if !errors.As(err, &e) || err.Error() != tt.want {
			t.Errorf("ParseSpecJSON(%#q) error = %v; want %q", tt.in, err, tt.want)
		}
	}
	if _, err := ParseSpecJSON([]byte(`{"add": [{"date": "9 May"}]}`)); !errors.Is(err, ErrBadDate) {
		t.Errorf("ParseSpecJSON with a bad date: error %v does not wrap ErrBadDate", err)
	}
}

// FuzzParseSpecJSON checks that ParseSpecJSON never panics, that whatever
// it reads encoding/json reads the same, and that JSON writes it back as
// encoding/json does.
func FuzzParseSpecJSON(f *testing.F) {
	for _, s := range specs() {
		f.Add(s.JSON())
	}
	for _, tt := range refusedSpecs {
		f.Add([]byte(tt.in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseSpecJSON(data)
		if err != nil {
			return
		}
		var want Spec
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatalf("ParseSpecJSON(%q) accepted what encoding/json refuses: %v", data, err)
		}
		if !reflect.DeepEqual(s, want) {
			t.Fatalf("ParseSpecJSON(%q) = %+v; encoding/json reads %+v", data, s, want)
		}
		if m, _ := json.Marshal(s); !bytes.Equal(s.JSON(), m) {
			t.Fatalf("JSON() =\n%s\nencoding/json writes\n%s", s.JSON(), m)
		}
	})
}
