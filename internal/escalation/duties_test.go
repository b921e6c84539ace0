package escalation

import (
	"strings"
	"testing"
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
			{kind: DutyTell, stage: 4, done: true}, {kind: DutyRecord, stage: 4},
			{kind: DutyTell, stage: 3, done: true}, {kind: DutyRecord, stage: 3},
			{kind: DutyTell, stage: 2, done: true}, {kind: DutyRecord, stage: 2},
			{kind: DutyTell, stage: 1, done: true}, {kind: DutyRecord, stage: 1},
		}},
		{"iscp: urgent first; cp from stage 3; convenor not reached", 2, func(r *Record) { r.Flags["convenor"] = true }, []duty{
			{kind: DutyFlag, urgent: true, flag: "immediate"},
			{kind: DutyNext, stage: 4},
			{kind: DutyFlag, stage: 3, flag: "cp"},
			{kind: DutyTell, stage: 3}, {kind: DutyRecord, stage: 3},
		}},
		{"hips: flag answered no does nothing; feedback given before stage 3 ended", 0, func(r *Record) {
			r.Feedback.Given = mustDate("2026-01-06")
		}, []duty{
			{kind: DutyNext, stage: 3},
			{kind: DutyTell, stage: 3}, {kind: DutyRecord, stage: 3},
			{kind: DutyTell, stage: 2, done: true}, {kind: DutyRecord, stage: 2},
			{kind: DutyTell, stage: 1, done: true}, {kind: DutyRecord, stage: 1},
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
