package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"resolve/internal/content"
	"resolve/internal/protocol"
	"resolve/internal/workday"
)

// examplePages encodes each example protocol, with its custom calendar if
// it has one, as internal/build writes it into the form page: with
// encoding/json, from the types' json tags.
func examplePages(t testing.TB) map[string][]byte {
	t.Helper()
	root := filepath.Join("..", "content")
	tree, problems := content.Load(os.DirFS(root), root)
	if problems.Errors() > 0 {
		t.Fatal(problems)
	}
	specs := map[string]*workday.Spec{}
	for _, p := range tree.Pages {
		for i := range p.Meta.Calendars {
			specs[p.Meta.Calendars[i].ID] = &p.Meta.Calendars[i]
		}
	}
	out := map[string][]byte{}
	for _, p := range tree.Pages {
		if pr := p.Meta.Protocol; pr != nil {
			b, err := json.Marshal(struct {
				Protocol *protocol.Protocol `json:"protocol"`
				Calendar *workday.Spec      `json:"calendar,omitempty"`
			}{pr, specs[pr.Calendar]})
			if err != nil {
				t.Fatal(err)
			}
			out[pr.ID] = b
		}
	}
	if len(out) < 3 {
		t.Fatalf("found %d example protocols; want 3", len(out))
	}
	return out
}

// TestDecodePage reads what the build writes and compares it with what
// encoding/json reads from the same bytes.
func TestDecodePage(t *testing.T) {
	for id, data := range examplePages(t) {
		var want struct {
			Protocol *protocol.Protocol `json:"protocol"`
			Calendar *workday.Spec      `json:"calendar"`
		}
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatal(err)
		}
		got, err := decodePage(data)
		if err != nil {
			t.Errorf("%s: decodePage: %v", id, err)
			continue
		}
		if !reflect.DeepEqual(got.Protocol, want.Protocol) {
			t.Errorf("%s: decodePage protocol = %+v; want %+v", id, got.Protocol, want.Protocol)
		}
		if !reflect.DeepEqual(got.Calendar, want.Calendar) {
			t.Errorf("%s: decodePage calendar = %+v; want %+v", id, got.Calendar, want.Calendar)
		}
	}
}

func TestDecodePageRefuses(t *testing.T) {
	tests := []struct{ in, want string }{
		{``, "end"},
		{`{}`, "procedure is missing"},
		{`{"protocol": {"id": 7}}`, "protocol.id"},
		{`{"protocol": {"stages": [{"due": {"working_days": "two"}}]}}`, "protocol.stages[0].due.working_days"},
		{`{"protocol": {"published": "2025-02-30"}}`, "not a real date"},
		{`{"protocol": {"id": "x"}, "calendar": {"add": [{"date": 1}]}}`, "calendar.add[0].date"},
		{`{"protocol": {"id": "x"}} trailing`, "end of the input"},
		{`{"protocol": {"id": "x"}, "extra": 1}`, "extra"},
	}
	for _, tt := range tests {
		_, err := decodePage([]byte(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("decodePage(%#q) error = %v; want one mentioning %q", tt.in, err, tt.want)
		}
	}
}

func TestDraftRoundTrip(t *testing.T) {
	d := draft{
		Values: values{"reference": "CASE <1> & \"2\"", "answers.concern": "line one\nline two\u2028", "flags.x": "yes", "empty": ""},
		Meta: meta{ID: "abc", Created: day(2025, 1, 2),
			Answers: map[string]string{"old": "kept"}, Flags: map[string]bool{"gone": true, "off": false},
			DutiesDone: []string{"tell-1", "flag-x"}},
		Kept: "2025-01-03T14:05",
	}
	data := encodeDraft(d)
	got, err := decodeDraft(data)
	if err != nil {
		t.Fatalf("decodeDraft(encodeDraft(d)): %v\n%s", err, data)
	}
	if !reflect.DeepEqual(got, d) {
		t.Errorf("draft round trip = %+v; want %+v", got, d)
	}
	// What encoding/json reads from it is the same draft, so the writer
	// wrote real JSON.
	var std struct {
		Values map[string]string `json:"values"`
		Meta   struct {
			ID string `json:"id"`
		} `json:"meta"`
	}
	if err := json.Unmarshal(data, &std); err != nil || !reflect.DeepEqual(values(std.Values), d.Values) || std.Meta.ID != "abc" {
		t.Errorf("encoding/json reads %+v, %v from the draft", std, err)
	}
	// An empty draft has no leftovers.
	got, err = decodeDraft(encodeDraft(draft{Values: values{}, Meta: meta{ID: "x"}}))
	if err != nil || got.Meta.Answers != nil || got.Meta.Flags != nil || got.Meta.DutiesDone != nil {
		t.Errorf("empty draft = %+v, %v", got, err)
	}
}

func TestDecodeDraftRefuses(t *testing.T) {
	for _, in := range []string{
		`{"values": {"reference": 1}}`,
		`{"values": [], "meta": {}}`,
		`{"meta": {"created": "yesterday"}}`,
		`{"meta": {"flags": {"x": "yes"}}}`,
		`{"meta": {"unknown": 1}}`,
		`{"other": 1}`,
		`{"values": {"a": "1", "a": "2"}}`,
		`{"meta": {"duties_done": "tell-1"}}`,
		`{"kept": 5}`,
	} {
		if _, err := decodeDraft([]byte(in)); err == nil {
			t.Errorf("decodeDraft(%#q) accepted it", in)
		}
	}
}

// FuzzDecodeDraft reads whatever might be in storage: never a panic, and a
// draft it accepts writes back to the same draft.
// TestDecodeFirstReleaseDraft reads a draft as the first release kept it:
// no duties ticked off, no time kept.
func TestDecodeFirstReleaseDraft(t *testing.T) {
	d, err := decodeDraft([]byte(`{"values":{"reference":"KEEP-1","start_stage":"1"},"meta":{"id":"abc","created":"2025-01-02","answers":{},"flags":{}}}`))
	if err != nil || d.Values["reference"] != "KEEP-1" || d.Meta.ID != "abc" || d.Kept != "" {
		t.Errorf("a first-release draft = %+v, %v", d, err)
	}
}

func FuzzDecodeDraft(f *testing.F) {
	f.Add(encodeDraft(draft{Values: values{"reference": "x"}, Meta: meta{ID: "abc", Created: day(2025, 1, 2)}}))
	f.Add([]byte(`{"values": {}, "meta": {"answers": {"a": "b"}, "flags": {"c": true}}}`))
	f.Add([]byte(`{"values": {"a": "\ud800"}}`))
	f.Add([]byte(`{"values": {}, "meta": {"duties_done": ["a"]}, "kept": "2025-01-03T14:05"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := decodeDraft(data)
		if err != nil {
			return
		}
		again, err := decodeDraft(encodeDraft(d))
		if err != nil || !reflect.DeepEqual(again, d) {
			t.Errorf("draft %+v does not survive a round trip: %+v, %v", d, again, err)
		}
	})
}

// FuzzDecodePage reads arbitrary page data without panicking, seeded with
// the example protocols.
func FuzzDecodePage(f *testing.F) {
	for _, data := range examplePages(f) {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := decodePage(data)
		if err == nil && d.Protocol == nil {
			t.Error("decodePage accepted data with no protocol")
		}
	})
}
