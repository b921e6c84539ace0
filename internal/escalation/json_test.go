package escalation

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"resolve/internal/jsonx"
	"resolve/internal/jsonx/jsonxtest"
	"resolve/internal/workday"
)

// The tests in this file hold the hand-written JSON of json.go to what
// encoding/json did (jsonref_test.go keeps that code).

// tricky is text that every escaping rule applies to.
const tricky = "<b>\"Tom\" & 'Jerry'</b>\\ \t\n\x01 \u2028\u2029 \xff 😀"

// fullRecord returns a record with every field set.
func fullRecord() *Record {
	d := mustDate("2025-03-03")
	return &Record{
		Format: Format, Version: Version, ID: "abc",
		Protocol:  ProtocolRef{ID: "hips", Version: "2024-06", Calendar: "england-and-wales"},
		Reference: tricky, Agency: "a", AgencySector: "health", OtherAgency: "b", OtherAgencySector: tricky, RaisedBy: "c",
		Arose:      d,
		Answers:    map[string]string{"z": "last", "concern": tricky, "a-b_c": ""},
		Flags:      map[string]bool{"sooner": true, "cp_plan": false},
		Stages:     []Stage{{Stage: 1, Started: d, Completed: d, With: "w", Notes: tricky, Outcome: NotResolved}, {Stage: 2}},
		Contact:    "hampshire",
		Resolution: "r",
		Actions:    []Action{{What: "w", Who: "x", By: d}, {What: "only"}},
		Feedback:   Feedback{Given: d, How: "h"},
		DutiesDone: []string{"tell-1", tricky},
		Created:    d,
		Updated:    d,
	}
}

// fullAudit returns an audit return with every field set.
func fullAudit() *AuditReturn {
	d := mustDate("2025-03-03")
	n := 3
	return &AuditReturn{
		Format: AuditFormat, Version: AuditVersion, ID: "abcdefghijklmnopqrstuvwxyz",
		Protocol:     ProtocolRef{ID: "hips", Version: tricky, Calendar: "england-and-wales"},
		State:        "resolved",
		Arose:        d,
		AgencySector: "police", OtherAgencySector: tricky, Contact: "c",
		Stages:      []AuditStage{{Stage: 1, Started: d, Due: d, Completed: d, Timing: Late, Outcome: Resolved}, {Stage: 2}},
		Flags:       []string{"a", "<b>"},
		WorkingDays: &n,
		Updated:     d,
	}
}

func TestFullFixturesAreFull(t *testing.T) {
	for name, v := range map[string]any{"fullRecord": fullRecord(), "fullAudit": fullAudit()} {
		if zero := jsonxtest.ZeroFields(v); len(zero) > 0 {
			t.Errorf("%s() leaves %q unset: set them, and make sure json.go writes and reads them", name, zero)
		}
	}
}

func TestJSONAsBefore(t *testing.T) {
	records := []*Record{fullRecord(), {}, {Answers: map[string]string{}, Flags: map[string]bool{}, Stages: []Stage{}, Actions: []Action{}}}
	for _, f := range fixtures(t) {
		records = append(records, f.r)
	}
	for i, r := range records {
		got, err := JSON(r)
		want, werr := refJSON(r)
		if err != nil || werr != nil || !bytes.Equal(got, want) {
			t.Errorf("record %d: JSON wrote\n%s\nencoding/json wrote\n%s", i, got, want)
		}
	}
	zero := 0
	audits := []*AuditReturn{fullAudit(), {}, {Stages: []AuditStage{}, Flags: []string{}, WorkingDays: &zero}}
	for _, f := range fixtures(t) {
		audits = append(audits, Audit(f.r, f.p, f.cal))
	}
	for i, a := range audits {
		got, err := AuditJSON(a)
		want, werr := refAuditJSON(a)
		if err != nil || werr != nil || !bytes.Equal(got, want) {
			t.Errorf("audit return %d: AuditJSON wrote\n%s\nencoding/json wrote\n%s", i, got, want)
		}
	}
}

const (
	recordFormat = `{"format": "resolve-record", `
	recordHead   = `{"format": "resolve-record", "version": 1, `
	auditHead    = `{"format": "resolve-audit", "version": 1, `
)

// readCases are files on which encoding/json had something particular to
// say, or was lenient.
var readCases = []string{
	`null`, `[]`, `"x"`, `1`, `{}`, `0x`, `{"format": null}`, `{"format": ""}`,
	`{"FORMAT": "resolve-record", "version": 1}`,
	`{"format": "x", "format": "resolve-record", "version": 1}`,
	`{"format": "resolve-record", "version": 1, "versIon": 2}`,
	`{"format": "resolve-record", "verſion": 1}`,
	recordFormat + `"version": 1.0}`,
	recordFormat + `"version": -0}`,
	recordFormat + `"version": 1e0}`,
	recordFormat + `"version": 99999999999999999999}`,
	recordFormat + `"version": null}`,
	recordFormat + `"version": [1]}`,
	recordHead + `"id": "x"} x`,
	recordHead + `"id": "x"} {}`,
	recordHead + `"id": "x"} {`,
	recordHead + `"id": "x"} {"A": 1}`,
	recordHead + `"id": 5} {}`,
	recordHead + `"answers": {"a": null}, "flags": {"f": null}, "stages": [null, {"stage": null}]}`,
	recordHead + `"protocol": null, "feedback": null, "arose": null, "actions": null, "stages": null}`,
	recordHead + `"stages": [], "actions": [], "answers": {}, "flags": {}}`,
	recordHead + `"arose": 5}`,
	recordHead + `"arose": true}`,
	recordHead + `"arose": []}`,
	recordHead + `"arose": ""}`,
	recordHead + `"protocol": []}`,
	recordHead + `"answers": 3}`,
	recordHead + `"answers": {"a": 1}}`,
	recordHead + `"answers": {"a": {"x": 1}}}`,
	recordHead + `"flags": {"a": "yes"}}`,
	recordHead + `"stages": {}}`,
	recordHead + `"stages": [1]}`,
	recordHead + `"stages": [{"stage": "1"}]}`,
	recordHead + `"stages": [{"stage": 1.5}]}`,
	recordHead + `"actions": [{"by": 1}]}`,
	recordHead + `"feedback": {"given": "2025-02-30"}}`,
	recordHead + `"id": 5, "arose": "2025-02-30"}`,
	recordHead + `"id": 5, "zzz": 1}`,
	recordHead + `"zzz": 1, "id": 5}`,
	recordHead + `"protocol": [{"Bad": 1}]}`,
	recordHead + `"protocol": [{"bad": 1}]}`,
	recordHead + `"protocol": {"id": "hips", "id": "x"}}`,
	recordHead + `"x": {"y": 1, "y": 2}}`,
	recordHead + `"id": "\u00e9\ud83d\ude00\n"}`,
	recordHead + `"id": "a` + "\u00a0" + `"}`,
	"\u00a0" + recordHead + `"id": "x"}`,
	"\xef\xbb\xbf" + recordHead + `"id": "x"}`,
	recordHead + `"id": "x"`,
	recordHead + `"id": "x",}`,
	auditHead + `"working_days": null}`,
	auditHead + `"working_days": 1.5}`,
	auditHead + `"working_days": "3"}`,
	auditHead + `"flags": [1, null, "a"]}`,
	auditHead + `"stages": [], "flags": []}`,
	auditHead + `"stages": [{"due": 7, "timing": false}]}`,
}

func goldenFiles(t testing.TB) [][]byte {
	names, err := filepath.Glob(filepath.Join("testdata", "golden", "*.json"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no golden JSON files: %v", err)
	}
	var out [][]byte
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

func TestReadAsBefore(t *testing.T) {
	for _, data := range goldenFiles(t) {
		readAsBefore(t, data)
	}
	for _, s := range readCases {
		readAsBefore(t, []byte(s))
	}
}

func FuzzReadAsBefore(f *testing.F) {
	for _, data := range goldenFiles(f) {
		f.Add(data)
	}
	for _, s := range readCases {
		f.Add([]byte(s))
	}
	f.Fuzz(readAsBefore)
}

// readAsBefore checks that readRecord and readAudit read data as
// encoding/json did: the same value, or the same message. The messages may
// differ only where reading is stricter now (text that is not UTF-8, half
// a surrogate pair, nesting deeper than jsonx.MaxDepth: refused now), or
// where something follows the first value (now always refused as "more
// after the end", or as not valid JSON at the right byte; encoding/json
// sometimes counted that byte wrongly).
func readAsBefore(t *testing.T, data []byte) {
	r, err := readRecord(data)
	wr, werr := refReadRecord(data)
	sameRead(t, "readRecord", data, r, err, wr, werr)
	a, err := readAudit(data)
	wa, werr := refReadAudit(data)
	sameRead(t, "readAudit", data, a, err, wa, werr)
}

func sameRead[T any](t *testing.T, name string, data []byte, got *T, err error, want *T, werr error) {
	t.Helper()
	if err == nil {
		if werr != nil {
			t.Fatalf("%s(%q) accepted what encoding/json refused: %v", name, data, werr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s(%q) = %+v; encoding/json read %+v", name, data, got, want)
		}
		return
	}
	if got != nil {
		t.Fatalf("%s(%q) returned a value with its error", name, data)
	}
	if _, ok := err.(*ImportError); !ok {
		t.Fatalf("%s(%q) error %v is not an *ImportError", name, data, err)
	}
	if (werr == nil || err.Error() != werr.Error()) && !stricterNow(data) {
		t.Fatalf("%s(%q) error:\n%v\nencoding/json's:\n%v", name, data, err, werr)
	}
}

// stricterNow reports whether data is one of the files on which reading
// is allowed to differ from encoding/json's.
func stricterNow(data []byte) bool {
	d := jsonx.NewDecoder(data)
	d.AllowDuplicates = true
	for n := 0; d.More(); n++ {
		if n > 0 {
			return true // something follows the first value
		}
		if _, err := d.Decode(); err != nil {
			for _, s := range []string{"nested at most", "surrogate pair", "want UTF-8 text"} {
				if strings.Contains(err.Error(), s) {
					return true
				}
			}
			return false
		}
	}
	return false
}

// TestDecoderKeepsDates checks the one value json.go reads by a method of
// another package: a date, read as workday.Date.UnmarshalText reads it.
func TestDecoderKeepsDates(t *testing.T) {
	var d decoder
	var got workday.Date
	v := jsonx.Value{Kind: jsonx.String, Text: "2024-02-29"}
	if err := d.date(&v, &got); err != nil || got != mustDate("2024-02-29") || d.soft != "" {
		t.Errorf("date(%q) = %v, %v, %q; want 2024-02-29", v.Text, got, err, d.soft)
	}
}
