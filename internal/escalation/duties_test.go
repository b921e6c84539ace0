package escalation

import (
	"strings"
	"testing"

	"resolve/internal/protocol"
)

func TestDuties(t *testing.T) {
	type duty struct {
		kind   DutyKind
		stage  int
		urgent bool
		done   bool
		flag   string
	}
	tests := []struct {
		name  string
		fx    int // index into fixtures
		setup func(r *Record)
		want  []duty
	}{
		{"tees exhausted: the IRO from stage 1, the meeting flag unset", 1, nil, []duty{
			{kind: DutyNext, stage: 4},
			{kind: DutyFlag, stage: 1, flag: "iro"},
			{kind: DutyRecord, stage: 1}, {kind: DutyTell, stage: 1, done: true},
			{kind: DutyRecord, stage: 2}, {kind: DutyTell, stage: 2, done: true},
			{kind: DutyRecord, stage: 3}, {kind: DutyTell, stage: 3, done: true},
			{kind: DutyRecord, stage: 4}, {kind: DutyTell, stage: 4, done: true},
		}},
		{"iscp: urgent first; cp from stage 3; convenor not reached", 2, func(r *Record) { r.Flags["convenor"] = true }, []duty{
			{kind: DutyFlag, urgent: true, flag: "immediate"},
			{kind: DutyNext, stage: 4},
			{kind: DutyFlag, stage: 3, flag: "cp"},
			{kind: DutyRecord, stage: 3}, {kind: DutyTell, stage: 3},
		}},
		{"hips: flag answered no does nothing; feedback given before stage 3 ended", 0, func(r *Record) {
			r.Feedback.Given = mustDate("2026-01-06")
		}, []duty{
			{kind: DutyNext, stage: 3},
			{kind: DutyRecord, stage: 1}, {kind: DutyTell, stage: 1, done: true},
			{kind: DutyRecord, stage: 2}, {kind: DutyTell, stage: 2, done: true},
			{kind: DutyRecord, stage: 3}, {kind: DutyTell, stage: 3},
		}},
		{"ticked off: by id, only those", 2, func(r *Record) { r.DutiesDone = []string{"flag-immediate", "tell-3", "record-9", "flag-unknown"} }, []duty{
			{kind: DutyFlag, urgent: true, flag: "immediate", done: true},
			{kind: DutyNext, stage: 4},
			{kind: DutyFlag, stage: 3, flag: "cp"},
			{kind: DutyRecord, stage: 3}, {kind: DutyTell, stage: 3, done: true},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fixtures(t)[tt.fx]
			if tt.setup != nil {
				tt.setup(f.r)
			}
			got := Duties(f.r, f.p, f.cal, f.today)
			if len(got) != len(tt.want) {
				t.Fatalf("Duties gave %d duties; want %d: %+v", len(got), len(tt.want), got)
			}
			for i, d := range got {
				g := duty{d.Kind, d.Stage, d.Urgent, d.Done, d.Flag}
				if g != tt.want[i] {
					t.Errorf("duty %d = %+v (%q); want %+v", i, g, d.Text, tt.want[i])
				}
				if d.Text == "" {
					t.Errorf("duty %d has no text", i)
				}
			}
		})
	}
}

// TestTellAsks checks that telling the person who raised the concern is
// asked, not assumed: the practitioner may have raised it themselves.
func TestTellAsks(t *testing.T) {
	f := fixtures(t)[2]
	for _, d := range Duties(f.r, f.p, f.cal, f.today) {
		if d.Kind == DutyTell && !strings.HasPrefix(d.Text, "If someone else raised the concern") {
			t.Errorf("the duty to tell reads %q; want it to ask whether someone else raised the concern", d.Text)
		}
		if d.Kind != DutyNext && d.ID == "" {
			t.Errorf("duty %q has no id to tick it off by", d.Text)
		}
	}
}

// TestNextStepContact checks that the stage that goes to the partnership
// names the contact chosen, or the only one, or asks for a choice.
func TestNextStepContact(t *testing.T) {
	p := hips()
	p.Contacts = []protocol.Contact{
		{ID: "north", Stage: 5, Name: "North partnership", Email: "north@example.org"},
		{ID: "south", Stage: 5, Name: "South partnership", Phone: "01234 567890"},
	}
	r := openAt(t, 5)
	today := mustDate("2025-03-10")
	if got := NextStep(r, p, englandWales(t), today); !strings.Contains(got, "Choose your partnership's contact in stage 5") {
		t.Errorf("with no contact chosen, NextStep = %q; want it to ask for one", got)
	}
	r.Contact = "south"
	if got := NextStep(r, p, englandWales(t), today); !strings.Contains(got, "Contact: South partnership (01234 567890).") {
		t.Errorf("with south chosen, NextStep = %q", got)
	}
	p.Contacts = p.Contacts[:1]
	if got := NextStep(r, p, englandWales(t), today); !strings.Contains(got, "Contact: North partnership (north@example.org).") {
		t.Errorf("with one contact for the stage, NextStep = %q", got)
	}
	r4 := openAt(t, 4)
	if got := NextStep(r4, p, englandWales(t), today); strings.Contains(got, "Contact:") {
		t.Errorf("at stage 4 NextStep names a contact of stage 5: %q", got)
	}
}

func TestNextStep(t *testing.T) {
	fx := fixtures(t)
	tests := []struct {
		name string
		f    fixture
		want []string
	}{
		{"resolved", fx[0], []string{"resolved at stage 3 on Wednesday 7 January 2026"}},
		{"exhausted", fx[1], []string{"no further stage", "Tees safeguarding children partnerships"}},
		{"under way", fx[2], []string{"Stage 4: Agency representatives on the partnership.", "Who takes part: Senior managers.",
			"due by Wednesday 27 December 2028", "go on to stage 5: Learning and Improvement Resolution Panel."}},
	}
	for _, tt := range tests {
		got := NextStep(tt.f.r, tt.f.p, tt.f.cal, tt.f.today)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: NextStep = %q; want it to say %q", tt.name, got, w)
			}
		}
	}
	// The last stage, started on Friday 7 March 2025 and so due on Tuesday 11th.
	r := openAt(t, 5)
	got := NextStep(r, hips(), englandWales(t), mustDate("2025-03-17"))
	for _, w := range []string{"last stage", "overdue by 4 working days", "Tuesday 11 March 2025"} {
		if !strings.Contains(got, w) {
			t.Errorf("NextStep at stage 5 = %q; want it to say %q", got, w)
		}
	}
}

// TestAuditDuty: where a protocol asks for each record's audit return when
// the disagreement ends (ISCP), the duties ask for it as soon as the record
// is resolved at any stage, or through every stage, and not before; other
// periods, and protocols without the key, never ask.
func TestAuditDuty(t *testing.T) {
	withAudit := func(period string) func(*protocol.Protocol) {
		return func(p *protocol.Protocol) {
			p.Contacts = append(p.Contacts, protocol.Contact{ID: "business-manager", Name: "ISCP Business Manager", Phone: "223845", Stage: 5})
			p.Audit = &protocol.Audit{Contact: "business-manager", Period: period}
		}
	}
	resolveAt := func(n int, outcome string) func(*Record) {
		return func(r *Record) {
			r.Stages = nil
			for i := 3; i <= n; i++ {
				s := Stage{Stage: i, Started: date(t, "2028-12-04"), Completed: date(t, "2028-12-11"), Outcome: NotResolved}
				if i == n {
					s.Outcome = outcome
				}
				r.Stages = append(r.Stages, s)
			}
		}
	}
	tests := []struct {
		name     string
		protocol func(*protocol.Protocol)
		record   func(*Record)
		want     string // the start of the audit duty's text, "" for none
		stage    int
	}{
		{"resolved at stage 3", withAudit("when-resolved"), resolveAt(3, Resolved), "Now that the disagreement is resolved", 3},
		{"resolved at stage 5", withAudit("when-resolved"), resolveAt(5, Resolved), "Now that the disagreement is resolved", 5},
		{"through every stage", withAudit("when-resolved"), resolveAt(6, NotResolved), "Now that every stage has been used", 6},
		{"still under way", withAudit("when-resolved"), nil, "", 0},
		{"returns sent every three months", withAudit("quarterly"), resolveAt(3, Resolved), "", 0},
		{"no audit key", nil, resolveAt(3, Resolved), "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fixtures(t)[2]
			if tt.protocol != nil {
				tt.protocol(f.p)
			}
			if tt.record != nil {
				tt.record(f.r)
			}
			var audit []Duty
			for i, d := range Duties(f.r, f.p, f.cal, f.today) {
				if d.Kind == DutyAudit {
					audit = append(audit, d)
					if prev := Duties(f.r, f.p, f.cal, f.today)[i-1]; prev.Kind != DutyNext {
						t.Errorf("the audit duty follows %+v; want it right after the next step", prev)
					}
				}
			}
			if tt.want == "" {
				if len(audit) != 0 {
					t.Errorf("Duties asked for the audit return: %+v", audit)
				}
				return
			}
			if len(audit) != 1 {
				t.Fatalf("Duties gave %d audit duties; want 1", len(audit))
			}
			d := audit[0]
			if !strings.HasPrefix(d.Text, tt.want) || !strings.Contains(d.Text, "ISCP Business Manager (223845)") || !strings.Contains(d.Text, AuditButton) {
				t.Errorf("audit duty %q; want it to start %q, name the contact and the button", d.Text, tt.want)
			}
			if d.ID != "audit" || d.Stage != tt.stage || d.Done {
				t.Errorf("audit duty %+v; want id audit, stage %d, not done", d, tt.stage)
			}
			f.r.DutiesDone = []string{"audit"}
			for _, d := range Duties(f.r, f.p, f.cal, f.today) {
				if d.Kind == DutyAudit && !d.Done {
					t.Error("the audit duty, ticked off, is not done")
				}
			}
		})
	}
}
