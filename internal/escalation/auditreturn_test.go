package escalation

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"resolve/internal/workday"
)

// fillStrings sets every string in v (struct fields, slice elements, map
// values, and map keys of maps of strings) to a fresh token, and returns
// the tokens.
func fillStrings(v reflect.Value, token func() string) []string {
	var out []string
	switch v.Kind() {
	case reflect.String:
		s := token()
		v.SetString(s)
		out = append(out, s)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				out = append(out, fillStrings(v.Field(i), token)...)
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			out = append(out, fillStrings(v.Index(i), token)...)
		}
	case reflect.Map:
		if v.Type().Elem().Kind() == reflect.String {
			for _, k := range v.MapKeys() {
				s := token()
				v.SetMapIndex(k, reflect.ValueOf(s))
				out = append(out, s)
			}
		}
	}
	return out
}

// TestAuditHoldsNothingTyped fills every string of a record with random
// text, adds answers and flags under typed names, and checks that none of
// it reaches the audit return.
func TestAuditHoldsNothingTyped(t *testing.T) {
	for seed := uint64(0); seed < 200; seed++ {
		rng := rand.New(rand.NewPCG(seed, 1))
		token := func() string {
			// Long enough that it cannot be a word of the format by chance;
			// lower case letters so that it could pass for an id.
			b := make([]byte, 12)
			for i := range b {
				b[i] = byte('a' + rng.IntN(26))
			}
			return string(b)
		}
		for _, f := range fixtures(t) {
			r := f.r
			var outcomes []string
			for _, s := range r.Stages {
				outcomes = append(outcomes, s.Outcome)
			}
			typed := fillStrings(reflect.ValueOf(r).Elem(), token)
			if bytes.Contains(mustAuditJSON(t, r, f), []byte(`"outcome"`)) {
				t.Fatalf("an outcome that is not one of the two words was copied")
			}
			// The outcome is chosen, not typed; put it back so the return
			// is one a valid record would give.
			for i := range r.Stages {
				r.Stages[i].Outcome = outcomes[i]
			}
			for i := 0; i < 3; i++ {
				k := token()
				r.Answers[k] = token()
				r.Flags[token()] = rng.IntN(2) == 0
				typed = append(typed, k, r.Answers[k])
			}
			for k := range r.Flags {
				if flagDef(f.p, k) == nil {
					typed = append(typed, k)
				}
			}
			// Flags the protocol knows are the only names that may appear.
			for _, fl := range f.p.Flags {
				r.Flags[fl.ID] = rng.IntN(2) == 0
			}
			// The sectors are chosen from a list: typed text in their place
			// was dropped above; now one chosen from the list is copied.
			sectors := Sectors()
			r.OtherAgencySector = sectors[rng.IntN(len(sectors))].ID
			out, err := AuditJSON(Audit(r, f.p, f.cal))
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range typed {
				if bytes.Contains(out, []byte(s)) {
					t.Fatalf("seed %d, %s: the audit return holds the typed text %q:\n%s", seed, f.name, s, out)
				}
			}
			if _, err := ParseAudit(out); err != nil {
				t.Fatalf("seed %d, %s: the audit return does not read back: %v\n%s", seed, f.name, err, out)
			}
			if !bytes.Contains(out, []byte(`"other_agency_sector": "`+r.OtherAgencySector+`"`)) {
				t.Fatalf("seed %d, %s: the sector chosen is not in the audit return:\n%s", seed, f.name, out)
			}
		}
	}
}

func TestAudit(t *testing.T) {
	fx := fixtures(t)
	tests := []struct {
		f       fixture
		state   string
		timings []string
		flags   []string
		days    int // -1: none
	}{
		// 19 Dec 2025 to 7 Jan 2026: 22, 23, 24, 29, 30, 31 Dec, 2, 5, 6, 7 Jan.
		{fx[0], "resolved", []string{OnTime, Late, OnTime}, []string{}, 10},
		// Stage 1 has no timescale.
		{fx[1], "exhausted", []string{"", OnTime, Late, Late}, []string{"iro"}, -1},
		{fx[2], "open", []string{OnTime, ""}, []string{"immediate", "cp"}, -1},
	}
	for _, tt := range tests {
		a := Audit(tt.f.r, tt.f.p, tt.f.cal)
		if a.State != tt.state {
			t.Errorf("%s: state %q; want %q", tt.f.name, a.State, tt.state)
		}
		var timings []string
		for _, s := range a.Stages {
			timings = append(timings, s.Timing)
		}
		if !reflect.DeepEqual(timings, tt.timings) {
			t.Errorf("%s: timings %q; want %q", tt.f.name, timings, tt.timings)
		}
		if !reflect.DeepEqual(a.Flags, tt.flags) {
			t.Errorf("%s: flags %q; want %q", tt.f.name, a.Flags, tt.flags)
		}
		if tt.days >= 0 && (a.WorkingDays == nil || *a.WorkingDays != tt.days) {
			t.Errorf("%s: working days %v; want %d", tt.f.name, a.WorkingDays, tt.days)
		}
		if a.Protocol.Calendar != tt.f.cal.ID() || a.Protocol.ID != tt.f.p.ID || a.Protocol.Version != tt.f.p.Version {
			t.Errorf("%s: protocol %+v", tt.f.name, a.Protocol)
		}
	}
	// Tees: 14 April to 10 June 2025, less Good Friday, Easter Monday and
	// the two May bank holidays: 41 weekdays - 4 = 37.
	if a := Audit(fx[1].r, fx[1].p, fx[1].cal); a.WorkingDays == nil || *a.WorkingDays != 37 {
		t.Errorf("tees: working days %v; want 37", a.WorkingDays)
	}
}

func TestParseAuditRefused(t *testing.T) {
	r := hipsRecord(t)
	r.ID, r.AgencySector, r.OtherAgencySector = NewID(), "education", "childrens-social-care"
	p := hips()
	p.Contacts[0].ID, p.Contacts[0].Stage = "hampshire", 5
	r.Contact = "hampshire"
	good, err := AuditJSON(Audit(r, p, englandWales(t)))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"id": "` + r.ID, `"agency_sector": "education"`, `"contact": "hampshire"`, `"arose": "2025-12-19"`, `"updated": "2026-01-07"`} {
		if !bytes.Contains(good, []byte(want)) {
			t.Fatalf("the audit return lacks %s:\n%s", want, good)
		}
	}
	if _, err := ParseAudit(good); err != nil {
		t.Fatalf("a good audit return is refused: %v", err)
	}
	tests := []struct{ name, old, new, want string }{
		{"a record", `"format": "resolve-audit"`, `"format": "resolve-record"`, "a resolve record, not an audit return"},
		{"future version", `"version": 1`, `"version": 2`, "audit return of version 2"},
		{"free text added", `"state":`, `"notes": "x", "state":`, "does not know"},
		{"no procedure", `"id": "hips"`, `"id": ""`, "does not name its procedure"},
		{"no calendar", `"calendar": "england-and-wales"`, `"calendar": ""`, "does not name its calendar"},
		{"version with control characters", `"version": "2024-06"`, `"version": "\u001b[2J"`, "not a short line"},
		{"stage 99", `"stage": 3`, `"stage": 99`, "numbered 99"},
		{"stages out of order", `"stage": 2`, `"stage": 5`, "not in order"},
		{"unknown outcome", `"outcome": "resolved"`, `"outcome": "sorted"`, "unknown outcome"},
		{"unknown timing", `"timing": "late"`, `"timing": "slow"`, "unknown timing"},
		{"state mismatch", `"state": "resolved"`, `"state": "open"`, "state does not match"},
		{"negative days", `"working_days": 10`, `"working_days": -1`, "working days"},
		{"an id typed by hand", `"id": "` + r.ID, `"id": "jsmith`, "identifier is not one this tool makes"},
		{"an agency's name for its sector", `"agency_sector": "education"`, `"agency_sector": "Northfield Primary"`, "kind of agency"},
		{"a contact that is not an id", `"contact": "hampshire"`, `"contact": "Hampshire SCP"`, "contact is not an id"},
		{"timing without a due date", `"due": "2026-01-07",`, ``, "timing without its due"},
	}
	for _, tt := range tests {
		data := strings.Replace(string(good), tt.old, tt.new, 1)
		if data == string(good) {
			t.Fatalf("%s: %q is not in the audit return", tt.name, tt.old)
		}
		_, err := ParseAudit([]byte(data))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: ParseAudit error = %v; want one saying %q", tt.name, err, tt.want)
		}
	}
}

// TestAuditUnfinished checks that an unfinished record gives a return that
// reads back, open, with only the dates entered.
func TestAuditUnfinished(t *testing.T) {
	r := &Record{Format: Format, Version: Version, ID: NewID(), Protocol: ProtocolRef{"hips", "2024-06", "england-and-wales"},
		Answers: map[string]string{}, Flags: map[string]bool{},
		Stages: []Stage{
			{Stage: 1, Outcome: NotResolved},                           // an outcome, no date yet
			{Stage: 2, Completed: mustDate("2025-03-10"), Outcome: ""}, // a date, no outcome yet
		}}
	for _, arose := range []workday.Date{{}, mustDate("2025-03-03")} {
		r.Arose = arose
		out, err := AuditJSON(Audit(r, hips(), englandWales(t)))
		if err != nil {
			t.Fatal(err)
		}
		a, err := ParseAudit(out)
		if err != nil {
			t.Fatalf("arose %v: the return of an unfinished record does not read back: %v\n%s", arose, err, out)
		}
		if a.State != "open" || a.WorkingDays != nil || !a.Stages[0].Started.IsZero() || !a.Stages[1].Started.IsZero() {
			t.Errorf("arose %v: return %+v; want open, no working days, no start dates", arose, a)
		}
	}
	r.Stages = nil
	if _, err := ParseAudit(mustAuditJSON(t, r, fixture{p: hips(), cal: englandWales(t)})); err != nil {
		t.Errorf("the return of a record with no stages does not read back: %v", err)
	}
}

// TestParseAuditVersion1 checks that returns written before the optional
// fields were added still read.
func TestParseAuditVersion1(t *testing.T) {
	for _, name := range []string{"hips", "tees", "iscp"} {
		data, err := os.ReadFile(filepath.Join("testdata", "v1", name+".audit.json"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ParseAudit(data); err != nil {
			t.Errorf("%s: an audit return written by the first release is refused: %v", name, err)
		}
	}
}

func mustAuditJSON(t *testing.T, r *Record, f fixture) []byte {
	t.Helper()
	b, err := AuditJSON(Audit(r, f.p, f.cal))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func FuzzParseAudit(f *testing.F) {
	for _, name := range []string{"hips", "tees", "iscp"} {
		b, err := os.ReadFile(filepath.Join("testdata", "golden", name+".audit.json"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, name := range []string{"hips", "tees", "iscp"} {
		b, err := os.ReadFile(filepath.Join("testdata", "v1", name+".audit.json"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"format":"resolve-audit","version":1}`))
	f.Add([]byte(`{"format":"resolve-audit","version":1,"id":"abcdefghijklmnopqrstuvwxyz","protocol":{"id":"x","version":"","calendar":"y"},"state":"open","agency_sector":"police","contact":"c","stages":[],"flags":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := ParseAudit(data)
		if err != nil {
			if a != nil {
				t.Fatalf("ParseAudit returned a return with its error %v", err)
			}
			return
		}
		out, err := AuditJSON(a)
		if err != nil {
			t.Fatal(err)
		}
		a2, err := ParseAudit(out)
		if err != nil {
			t.Fatalf("an accepted audit return does not read back: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(a, a2) {
			t.Fatalf("read back differs:\n%+v\n%+v", a, a2)
		}
	})
}
