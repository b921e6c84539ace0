package protocol

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"resolve/internal/jsonx"
	"resolve/internal/jsonx/jsonxtest"
	"resolve/internal/workday"
)

// tricky is text that every escaping rule of the page's JSON applies to.
const tricky = "</script><!-- \"a\" & 'b' \\ \t\n\x01 \u2028\u2029 😀"

func day(t testing.TB, s string) workday.Date {
	t.Helper()
	d, err := workday.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// fullProtocol returns a protocol with every field set.
func fullProtocol(t testing.TB) *Protocol {
	return &Protocol{
		ID: "test", Partnership: tricky, Calendar: "guernsey", Version: "2024-06",
		Published: day(t, "2024-06-01"), ReviewDue: day(t, "2026-06-01"),
		DatesNote: "Example dates.", Emergency: "Call 999.",
		WhenToUse: []string{"One", tricky}, LaterStart: "cp_plan",
		Stages: []Stage{
			{Title: "Talk", Who: "You", Summary: tricky, Due: &Due{WorkingDays: 2, CalendarDays: 3, After: AfterConcern}, // both, to test both
				TimescaleText: "Now", Record: "r", Prompts: []string{"What?"}, Page: "talk.md"},
			{Title: "Meet", Who: "Managers", Summary: "s", Due: &Due{CalendarDays: 5, After: AfterPrevious}},
			{Title: "Panel", Who: "All", Summary: "s"},
		},
		Flags:    []Flag{{ID: "cp_plan", Question: "q", Action: "a", FromStage: 2, Urgent: true}, {ID: "b", Question: "q", Action: "a"}},
		Template: []Question{{ID: "concern", Question: "q", Hint: "h"}, {ID: "b", Question: "q"}},
		Contacts: []Contact{{ID: "n", Stage: 3, Name: "n", Role: "r", Email: "a@example.org", Phone: "01234", URL: "https://example.org/?a=1&b=<2>"}, {Name: "m", Phone: "1"}},
		Changes:  []Change{{Version: "2024-06", Date: day(t, "2024-06-01"), Summary: "s"}},
	}
}

// protocols returns protocols of every shape encoding/json treats apart:
// full, empty, and with empty rather than nil lists.
func protocols(t testing.TB) []*Protocol {
	empty := &Protocol{WhenToUse: []string{}, Stages: []Stage{{Prompts: []string{}, Due: &Due{}}}, Flags: []Flag{},
		Template: []Question{}, Contacts: []Contact{}, Changes: []Change{}}
	return []*Protocol{fullProtocol(t), {}, empty}
}

func TestFullProtocolIsFull(t *testing.T) {
	if zero := jsonxtest.ZeroFields(fullProtocol(t)); len(zero) > 0 {
		t.Errorf("fullProtocol leaves %q unset: set them, and make sure json.go writes and reads them", zero)
	}
}

func TestJSON(t *testing.T) {
	for i, p := range protocols(t) {
		want, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.JSON(); !bytes.Equal(got, want) {
			t.Errorf("protocol %d: JSON() =\n%s\nencoding/json writes\n%s", i, got, want)
		}
	}
}

func TestParseJSON(t *testing.T) {
	for i, p := range protocols(t) {
		data, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		var want Protocol
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatal(err)
		}
		got, err := ParseJSON(data)
		if err != nil || !reflect.DeepEqual(got, &want) {
			t.Errorf("protocol %d: ParseJSON(%s) = %+v, %v; want %+v", i, data, got, err, &want)
		}
		// Indented, as a person might keep it, it reads the same.
		var buf bytes.Buffer
		if err := json.Indent(&buf, data, "", "  "); err != nil {
			t.Fatal(err)
		}
		if again, err := ParseJSON(buf.Bytes()); err != nil || !reflect.DeepEqual(again, got) {
			t.Errorf("protocol %d: ParseJSON of the indented JSON = %+v, %v; want %+v", i, again, err, got)
		}
	}
}

// refusedJSON are documents ParseJSON refuses, with the message it gives.
var refusedJSON = []struct{ in, want string }{
	{``, "1:1 (byte 0): want a value, found the end of the input"},
	{`[]`, "1:1 (byte 0): want an object, found an array"},
	{`{"id": "a", "ID": "b"}`, `1:13 (byte 12): unknown name "ID"`},
	{`{"id": "a", "id": "b"}`, `1:13 (byte 12): want each name once in an object, found "id" again`},
	{`{"id": 1}`, "1:8 (byte 7): id: want a string, found a number"},
	{`{"id": null}`, "1:8 (byte 7): id: want a string, found null"},
	{`{"published": "2025-02-30"}`, `1:15 (byte 14): published: "2025-02-30" is not a real date: there is no such day in that month`},
	{`{"when_to_use": ["a", 2]}`, "1:23 (byte 22): when_to_use[1]: want a string, found a number"},
	{"{\"stages\": [\n  {\"title\": \"a\"},\n  {\"due\": {\"working_days\": 1.5}}\n]}",
		"3:28 (byte 58): stages[1].due.working_days: want a whole number, found 1.5"},
	{`{"stages": [{"due": {"after": "concern", "extra": 1}}]}`, `1:42 (byte 41): stages[0].due: unknown name "extra"`},
	{`{"flags": [{"urgent": "yes"}]}`, "1:23 (byte 22): flags[0].urgent: want true or false, found a string"},
	{`{"contacts": {}}`, "1:14 (byte 13): contacts: want an array, found an object"},
	{`{"changes": [{"date": 20240601}]}`, "1:23 (byte 22): changes[0].date: want a string, found a number"},
	{`{"template": [{"id": "a", "\u0068int": 1}]}`, "1:40 (byte 39): template[0].hint: want a string, found a number"},
	{`{} {}`, "1:4 (byte 3): want the end of the input after the value, found '{'"},
}

func TestParseJSONRefused(t *testing.T) {
	for _, tt := range refusedJSON {
		p, err := ParseJSON([]byte(tt.in))
		var e *jsonx.Error
		if p != nil || !errors.As(err, &e) || err.Error() != tt.want {
			t.Errorf("ParseJSON(%#q) = %v, %v; want the error %q", tt.in, p, err, tt.want)
		}
	}
	_, err := ParseJSON([]byte(`{"published": "1 June"}`))
	if !errors.Is(err, workday.ErrBadDate) {
		t.Errorf("ParseJSON with a bad date: error %v does not wrap workday.ErrBadDate", err)
	}
}

// FuzzParseJSON checks that ParseJSON never panics, that whatever it
// reads encoding/json reads the same, and that JSON writes it back as
// encoding/json does, in a form ParseJSON reads back as encoding/json does.
func FuzzParseJSON(f *testing.F) {
	for _, p := range protocols(f) {
		f.Add(p.JSON())
	}
	for _, tt := range refusedJSON {
		f.Add([]byte(tt.in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParseJSON(data)
		if err != nil {
			if p != nil {
				t.Fatalf("ParseJSON(%q) returned a protocol with its error", data)
			}
			return
		}
		var want Protocol
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatalf("ParseJSON(%q) accepted what encoding/json refuses: %v", data, err)
		}
		if !reflect.DeepEqual(p, &want) {
			t.Fatalf("ParseJSON(%q) = %+v; encoding/json reads %+v", data, p, &want)
		}
		out := p.JSON()
		if m, _ := json.Marshal(p); !bytes.Equal(out, m) {
			t.Fatalf("JSON() =\n%s\nencoding/json writes\n%s", out, m)
		}
		// Read back, it is what encoding/json reads back (not always p:
		// an empty list is left out, and reads back as nil).
		var back Protocol
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatal(err)
		}
		if again, err := ParseJSON(out); err != nil || !reflect.DeepEqual(again, &back) {
			t.Fatalf("ParseJSON(%s) = %+v, %v; want %+v", out, again, err, &back)
		}
	})
}

func TestJSONSafeInScript(t *testing.T) {
	out := string(fullProtocol(t).JSON())
	for _, s := range []string{"<", ">", "&", "\u2028", "\u2029"} {
		if strings.Contains(out, s) {
			t.Errorf("JSON() holds %q, which is not safe in a script element", s)
		}
	}
}
