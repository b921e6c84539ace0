package auditpage

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"resolve/internal/escalation"
	"resolve/internal/protocol"
	"resolve/internal/workday"
)

func TestDecodePage(t *testing.T) {
	p := &protocol.Protocol{ID: "hips", Calendar: "england-and-wales", Stages: []protocol.Stage{{Title: "One"}}}
	g := &protocol.Protocol{ID: "iscp", Calendar: "guernsey"}
	data := `{"protocols": [{"protocol": ` + string(p.JSON()) + `}, {"protocol": ` + string(g.JSON()) +
		`, "calendar": {"id": "guernsey", "name": "Guernsey", "base": "england-and-wales"}}]}`
	sp, err := decodePage([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	got, cal, ok := sp.lookup()("hips")
	if !ok || got.Stages[0].Title != "One" || cal.ID() != "england-and-wales" {
		t.Errorf("lookup(hips) = %+v, %v, %v", got, cal, ok)
	}
	if _, cal, ok := sp.lookup()("iscp"); !ok || cal.ID() != "guernsey" {
		t.Errorf("lookup(iscp) = %v, %v; want the custom calendar", cal, ok)
	}
	if _, _, ok := sp.lookup()("tees"); ok {
		t.Error("lookup(tees) found a protocol the page does not have")
	}
	for _, bad := range []string{
		`{"protocols": [{"calendar": null}]}`,
		`{"protocols": [{"protocol": {"id": "x", "calendar": "mars"}}]}`,
		`{"procedures": []}`,
		`[`,
	} {
		if _, err := decodePage([]byte(bad)); err == nil {
			t.Errorf("decodePage(%s) = nil error", bad)
		}
	}
}

func TestReadDate(t *testing.T) {
	tests := []struct {
		d, m, y string
		want    workday.Date
		problem string
	}{
		{"", "", "", workday.Date{}, ""},
		{" 1", "4 ", "2025", workday.Date{Year: 2025, Month: time.April, Day: 1}, ""},
		{"29", "2", "2024", workday.Date{Year: 2024, Month: time.February, Day: 29}, ""},
		{"29", "2", "2025", workday.Date{}, "From must be a real date"},
		{"1", "", "2025", workday.Date{}, "From must include a month"},
		{"", "", "2025", workday.Date{}, "From must include a day and a month"},
		{"1", "13", "2025", workday.Date{}, "From must be a real date"},
		{"1", "1", "25", workday.Date{}, "From must be a real date"},
		{"x", "1", "2025", workday.Date{}, "From must be a real date"},
	}
	for _, tt := range tests {
		got, problem := readDate("From", tt.d, tt.m, tt.y)
		if got != tt.want || !strings.HasPrefix(problem, tt.problem) || (tt.problem == "") != (problem == "") {
			t.Errorf("readDate(%q, %q, %q) = %v, %q; want %v, %q", tt.d, tt.m, tt.y, got, problem, tt.want, tt.problem)
		}
	}
}

func TestStore(t *testing.T) {
	days := 3
	returns := []*escalation.AuditReturn{
		{Format: escalation.AuditFormat, Version: 1, ID: "abcdefghijklmnopqrstuvwxyz", Protocol: escalation.ProtocolRef{ID: "hips", Version: "v \"1\"", Calendar: "england-and-wales"},
			State: "resolved", Arose: workday.Date{Year: 2025, Month: 3, Day: 3}, AgencySector: "health",
			Stages: []escalation.AuditStage{{Stage: 1, Completed: workday.Date{Year: 2025, Month: 3, Day: 6}, Outcome: escalation.Resolved}},
			Flags:  []string{"a"}, WorkingDays: &days},
		{Format: escalation.AuditFormat, Version: 1, Protocol: escalation.ProtocolRef{ID: "tees", Calendar: "england-and-wales"},
			State: "open", Stages: []escalation.AuditStage{}, Flags: []string{}},
	}
	data := encodeStore(returns)
	if strings.ContainsAny(string(data), "\n") {
		t.Errorf("kept returns are not compact:\n%s", data)
	}
	got, damaged, err := decodeStore(data)
	if err != nil || damaged != 0 || !reflect.DeepEqual(got, returns) {
		t.Errorf("decodeStore(encodeStore) = %+v, %d, %v; want the returns back", got, damaged, err)
	}

	// Storage changed by something else: a return with a name it must not
	// have, and one that is not an object, are counted as damaged.
	tampered := strings.Replace(string(data), `"state":"open"`, `"state":"open","child":"Name"`, 1)
	tampered = strings.TrimSuffix(tampered, `]}`) + `,42]}`
	got, damaged, err = decodeStore([]byte(tampered))
	if err != nil || damaged != 2 || len(got) != 1 || got[0].ID != returns[0].ID {
		t.Errorf("decodeStore(tampered) = %d returns, %d damaged, %v; want 1 and 2", len(got), damaged, err)
	}
	for _, bad := range []string{`[]`, `{"returns": {}}`, `{"returns": [], "more": 1}`, `{`} {
		if _, _, err := decodeStore([]byte(bad)); err == nil {
			t.Errorf("decodeStore(%s) = nil error", bad)
		}
	}
}

func FuzzDecodeStore(f *testing.F) {
	f.Add(encodeStore(nil))
	f.Add([]byte(`{"returns":[{"format":"resolve-audit","version":1,"protocol":{"id":"a","version":"","calendar":"b"},"state":"open","stages":[],"flags":[]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		returns, _, err := decodeStore(data)
		if err != nil {
			return
		}
		again, damaged, err := decodeStore(encodeStore(returns))
		if err != nil || damaged != 0 || len(again) != len(returns) {
			t.Fatalf("kept returns do not read back: %d of %d, %d damaged, %v", len(again), len(returns), damaged, err)
		}
	})
}
