package escalation

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"resolve/internal/protocol"
	"resolve/internal/workday"
)

func goldenRecord(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "golden", name+".record.json"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRoundTrip(t *testing.T) {
	for _, f := range fixtures(t) {
		data := goldenRecord(t, f.name)
		r, notes, err := Import(data, f.p, f.today)
		if err != nil {
			t.Fatalf("%s: Import: %v", f.name, err)
		}
		if len(notes) != 0 {
			t.Errorf("%s: notices for a current record: %q", f.name, notes)
		}
		if !reflect.DeepEqual(r, f.r) {
			t.Errorf("%s: imported record differs from the one exported:\n got %+v\nwant %+v", f.name, r, f.r)
		}
		out := mustJSON(t, r)
		if !bytes.Equal(out, data) {
			t.Errorf("%s: JSON -> record -> JSON is not byte-equal:\n%s", f.name, firstDiff(string(data), string(out)))
		}
		if !bytes.HasSuffix(out, []byte("}\n")) || !bytes.HasPrefix(out, []byte("{\n  \"format\": \"resolve-record\",\n  \"version\": 1,\n")) {
			t.Errorf("%s: the file does not start with format and version, two-space indented, or lacks the final newline", f.name)
		}
	}
}

func TestImportRefused(t *testing.T) {
	good := string(goldenRecord(t, "hips"))
	today := mustDate("2026-01-20")
	tests := []struct {
		name string
		data string
		p    *protocol.Protocol
		want string // in the message
	}{
		{"empty", "", nil, "empty"},
		{"white space", " \n\t", nil, "empty"},
		{"too large", "{" + strings.Repeat(" ", MaxSize) + "}", nil, "too large"},
		{"not JSON", "Case notes: the referral was closed", nil, "not valid JSON"},
		{"truncated", good[:len(good)/2], nil, "not valid JSON"},
		{"an array", "[1, 2]", nil, "does not hold a JSON object"},
		{"a string", `"resolve-record"`, nil, "does not hold a JSON object"},
		{"no format", `{"version": 1}`, nil, "does not say what format"},
		{"format not a string", `{"format": 1, "version": 1}`, nil, "does not say what format"},
		{"another format", `{"format": "vcard", "version": 1}`, nil, `its format is "vcard"`},
		{"an audit return", `{"format": "resolve-audit", "version": 1}`, nil, "audit return, not a record"},
		{"a future version", strings.Replace(good, `"version": 1`, `"version": 3`, 1), nil,
			"This is a resolve record of version 3; this tool reads version 1."},
		{"version 0", strings.Replace(good, `"version": 1`, `"version": 0`, 1), nil, "version number is missing or damaged"},
		{"version as text", strings.Replace(good, `"version": 1`, `"version": "1"`, 1), nil, "version number is missing or damaged"},
		{"version 1.5", strings.Replace(good, `"version": 1`, `"version": 1.5`, 1), nil, "version number is missing or damaged"},
		{"another protocol", good, tees(), `for the procedure "hips", but this page is for "tees"`},
		{"unknown field", strings.Replace(good, `"reference":`, `"child_name": "X", "reference":`, 1), nil, `"child_name"`},
		{"unknown nested field", strings.Replace(good, `"stage": 1,`, `"stage": 1, "extra": true,`, 1), nil, `"extra"`},
		{"name in capitals", strings.Replace(good, `"reference":`, `"Reference":`, 1), nil, `"Reference"`},
		{"name with a Kelvin sign", strings.Replace(good, `"feedback":`, `"feedbac\u212a":`, 1), nil, "does not know"},
		{"repeated name", strings.Replace(good, `"reference":`, `"agency": "X", "reference":`, 1), nil, `"agency" appears twice`},
		{"trailing data", good + "{}", nil, "more after the end"},
		{"trailing text", good + "x", nil, "damaged"},
		{"not a real date", strings.Replace(good, `"2025-12-19"`, `"2025-02-29"`, 1), nil, "not a real date"},
		{"a date written otherwise", strings.Replace(good, `"2025-12-19"`, `"19/12/2025"`, 1), nil, "not a real date"},
		{"stage as text", strings.Replace(good, `"stage": 1,`, `"stage": "one",`, 1), nil, `"stages.stage"`},
		{"an outcome no form gives", strings.Replace(good, `"outcome": "resolved"`, `"outcome": "sorted"`, 1), nil,
			"is damaged. The outcome of stage 3 is not one this tool knows."},
		{"a stage the procedure lacks", strings.Replace(good, `"stage": 3,`, `"stage": 9,`, 1), nil, "This procedure has no stage 9"},
		{"stages out of order", strings.Replace(good, `"stage": 2,`, `"stage": 3,`, 1), nil, "must follow in order"},
		{"a sector not in the list", strings.Replace(good, `"agency":`, `"agency_sector": "Northfield School", "agency":`, 1), nil, "kind of agency"},
		{"null stages", strings.Replace(good, `"stages": [`, `"stages": null, "x": [`, 1), nil, "damaged"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.p
			if p == nil {
				p = hips()
			}
			r, notes, err := Import([]byte(tt.data), p, today)
			if r != nil || notes != nil {
				t.Errorf("Import returned a record or notices with its error")
			}
			var ie *ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("Import error = %v; want an *ImportError", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Import error = %q; want it to say %q", err, tt.want)
			}
		})
	}
}

// TestImportUnfinished checks that a record saved unfinished, or with
// dates that cannot be right, opens again as it was saved, and that
// Validate lists what is left to do.
func TestImportUnfinished(t *testing.T) {
	today := mustDate("2026-01-20")
	good := string(goldenRecord(t, "hips"))
	tests := []struct{ name, old, new, field string }{
		{"no date it arose", `  "arose": "2025-12-19",
`, ``, "arose"},
		{"outcome before its date", `      "completed": "2026-01-07",
`, ``, "stages.3.completed"},
		{"a date and no outcome", `,
      "outcome": "resolved"`, ``, "stages.3.outcome"},
		{"resolved, nothing agreed yet", `  "resolution": "Referral reopened; assessment to start within 5 working days.",
`, ``, "resolution"},
		{"not resolved: the next stage is to come", `"outcome": "resolved"`, `"outcome": "not-resolved"`, "stages.4.started"},
		{"a date after today", `"updated": "2026-01-07"`, `"updated": "2026-02-07"`, "updated"},
		{"no start dates", `      "started": "2025-12-22",
`, ``, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(good, tt.old) {
				t.Fatalf("the golden record has no %q", tt.old)
			}
			data := []byte(strings.Replace(good, tt.old, tt.new, 1))
			r, _, err := Import(data, hips(), today)
			if err != nil {
				t.Fatalf("Import refused an unfinished record: %v", err)
			}
			again, _ := JSON(r)
			if !bytes.Equal(again, data) {
				t.Errorf("the record saved again differs from the file:\n%s", again)
			}
			var fields []string
			for _, p := range Validate(r, hips(), today) {
				fields = append(fields, p.Field)
			}
			if tt.field == "" && len(fields) > 0 || tt.field != "" && !slices.Contains(fields, tt.field) {
				t.Errorf("Validate lists %q; want %q", fields, tt.field)
			}
		})
	}
}

func TestImportNotices(t *testing.T) {
	today := mustDate("2026-01-20")
	tests := []struct {
		name   string
		change func(r *Record)
		want   []string
	}{
		{"older version", func(r *Record) { r.Protocol.Version = "2023-01" },
			[]string{`made with version "2023-01" of the procedure; the procedure is now at version "2024-06". It has changed since: version 2024-06 (2024-06-01): Five stages of two working days.`}},
		{"unknown version", func(r *Record) { r.Protocol.Version = "draft" },
			[]string{`made with version "draft"`, "Check that the stages and timescales"}},
		{"calendar changed", func(r *Record) { r.Protocol.Calendar = "scotland" },
			[]string{`by the "scotland" calendar; due dates are now worked out with the "england-and-wales" calendar.`}},
		{"questions dropped", func(r *Record) { r.Answers["gone"] = "kept"; r.Flags["old"] = true },
			[]string{"answers to 1 question the procedure no longer asks", "answers 1 question about the case"}},
	}
	for _, tt := range tests {
		r := hipsRecord(t)
		tt.change(r)
		data := mustJSON(t, r)
		got, notes, err := Import(data, hips(), today)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !reflect.DeepEqual(got, r) {
			t.Errorf("%s: the record changed on import", tt.name)
		}
		all := strings.Join(notes, "\n")
		for _, w := range tt.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: notices %q; want one saying %q", tt.name, notes, w)
			}
		}
	}
}

func TestImportNormalises(t *testing.T) {
	// A hand-made file: no flags, an empty answer and an empty action list
	// are accepted and tidied.
	data := []byte(`{"format":"resolve-record","version":1,"id":"abc","protocol":{"id":"hips","version":"2024-06","calendar":"england-and-wales"},` +
		`"arose":"2025-03-03","answers":{"concern":""},"flags":null,"stages":[{"stage":1,"started":"2025-03-03"}],"actions":[]}`)
	r, _, err := Import(data, hips(), mustDate("2025-03-03"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Answers == nil || len(r.Answers) != 0 || r.Flags == nil || r.Actions != nil {
		t.Errorf("Import did not tidy the record: %+v", r)
	}
	again, _, err := Import(mustJSON(t, r), hips(), mustDate("2025-03-03"))
	if err != nil || !reflect.DeepEqual(again, r) {
		t.Errorf("re-import = %+v, %v; want %+v", again, err, r)
	}
}

func TestCheckNames(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{`{"a": {"b": [1, {"c": "d"}], "e": "f"}}`, true},
		{`{"a": "b", "c": ["a", "a"]}`, true},    // values may repeat
		{`{"a": {"x": 1}, "b": {"x": 2}}`, true}, // names repeat only across objects
		{`{"a": 1, "a": 2}`, false},
		{`{"a": {"x": 1, "x": 2}}`, false},
		{`[{"ok": 1}, {"Bad": 1}]`, false},
		{`{"a b": 1}`, false},
		{`{"": 1}`, false},
	}
	for _, tt := range tests {
		if err := checkNames([]byte(tt.in)); (err == nil) != tt.ok {
			t.Errorf("checkNames(%s) = %v; want ok %v", tt.in, err, tt.ok)
		}
	}
}

func FuzzImport(f *testing.F) {
	for _, name := range []string{"hips", "tees", "iscp"} {
		f.Add(goldenRecord(f, name))
	}
	for _, name := range []string{"hips", "tees", "iscp"} {
		b, err := os.ReadFile(filepath.Join("testdata", "v1", name+".record.json"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, r := range []*Record{
		{Format: Format, Version: Version, ID: "x", Protocol: ProtocolRef{ID: "hips"}, Stages: []Stage{{Stage: 1, Outcome: Resolved}}},
		{Format: Format, Version: Version, ID: "x", Protocol: ProtocolRef{ID: "iscp"}, AgencySector: "police", Contact: "panel",
			Stages: []Stage{{Stage: 3, Completed: mustDate("2028-12-04")}, {Stage: 4}}, DutiesDone: []string{"tell-3"}},
	} {
		b, _ := JSON(r)
		f.Add(b)
	}
	f.Add([]byte(`{"format":"resolve-record","version":1}`))
	f.Add([]byte(`{"format":"resolve-audit","version":1}`))
	f.Add([]byte(`[]`))
	protocols := []*protocol.Protocol{hips(), tees(), iscp()}
	cals := []*workday.Calendar{englandWales(f), englandWales(f), guernsey(f)}
	today := workday.Date{Year: 2030, Month: 1, Day: 1}
	f.Fuzz(func(t *testing.T, data []byte) {
		for i, p := range protocols {
			r, notes, err := Import(data, p, today)
			if err != nil {
				if r != nil || notes != nil {
					t.Fatalf("Import returned part of a record with its error %v", err)
				}
				var ie *ImportError
				if !errors.As(err, &ie) || ie.Message == "" {
					t.Fatalf("Import error %v is not an *ImportError with a message", err)
				}
				continue
			}
			if ps := Damage(r, p); len(ps) != 0 {
				t.Fatalf("Import returned a damaged record: %v", ps)
			}
			// Whatever opens, finished or not, can be shown, exported and
			// counted.
			Validate(r, p, today)
			Text(r, p, cals[i], today)
			HTML(r, p, cals[i], today)
			ICal(r, p, cals[i], today)
			if ret, err := AuditJSON(Audit(r, p, cals[i])); err != nil {
				t.Fatal(err)
			} else if _, err := ParseAudit(ret); err != nil {
				t.Fatalf("the audit return of a record that opened does not read back: %v\n%s", err, ret)
			}
			out, err := JSON(r)
			if err != nil {
				t.Fatal(err)
			}
			r2, _, err := Import(out, p, today)
			if err != nil {
				t.Fatalf("a record Import accepted does not re-import: %v\n%s", err, out)
			}
			if !reflect.DeepEqual(r, r2) {
				t.Fatalf("re-import differs:\n%+v\n%+v", r, r2)
			}
			if out2, _ := JSON(r2); !bytes.Equal(out, out2) {
				t.Fatalf("re-export differs:\n%s\n%s", out, out2)
			}
		}
	})
}
