package escalation

import (
	"reflect"
	"strings"
	"testing"

	"resolve/internal/workday"
)

func TestValidateFixtures(t *testing.T) {
	for _, f := range fixtures(t) {
		if ps := Validate(f.r, f.p, f.today); len(ps) != 0 {
			t.Errorf("%s: the fixture record has problems: %v", f.name, ps)
		}
	}
}

func TestValidate(t *testing.T) {
	today := mustDate("2026-01-20")
	tests := []struct {
		name   string
		change func(r *Record)
		want   []string // the fields, in order
	}{
		{"wrong format", func(r *Record) { r.Format = "other" }, []string{"format"}},
		{"wrong version", func(r *Record) { r.Version = 2 }, []string{"version"}},
		{"no id", func(r *Record) { r.ID = "" }, []string{"id"}},
		{"id with markup", func(r *Record) { r.ID = "<b>" }, []string{"id"}},
		{"other protocol", func(r *Record) { r.Protocol.ID = "tees" }, []string{"protocol"}},
		{"no arose", func(r *Record) { r.Arose = workday.Date{} }, []string{"arose"}},
		{"arose in the future, after stage dates", func(r *Record) { r.Arose = mustDate("2026-01-21") },
			[]string{"arose", "stages.1.started", "stages.2.started", "stages.3.started", "actions.1.by", "feedback.given"}},
		{"answer under a bad name", func(r *Record) { r.Answers["Bad Name"] = "x" }, []string{"answers"}},
		{"flag under a bad name", func(r *Record) { r.Flags[""] = true }, []string{"flags"}},
		{"no stages: nothing entered for any stage yet", func(r *Record) { r.Stages = nil; r.Resolution = "" }, nil},
		{"stage the procedure lacks", func(r *Record) { r.Stages[2].Stage = 9 }, []string{"stages.9.started"}},
		{"stages out of order", func(r *Record) { r.Stages[1].Stage = 3 }, []string{"stages.3.started"}},
		{"starts at stage 2 without urgency", func(r *Record) { r.Stages = r.Stages[1:]; r.Stages[0].Stage, r.Stages[1].Stage = 2, 3 },
			[]string{"start_stage"}},
		{"stage with no start: it follows from the stage before", func(r *Record) { r.Stages[1].Started = workday.Date{} }, nil},
		{"completed before the day it follows it started", func(r *Record) {
			r.Stages[1].Started = workday.Date{}
			r.Stages[1].Completed = mustDate("2025-12-21")
		}, []string{"stages.2.completed"}},
		{"sector not in the list", func(r *Record) { r.OtherAgencySector = "Social care" }, []string{"other_agency_sector"}},
		{"contact the procedure lacks", func(r *Record) { r.Contact = "north" }, []string{"contact"}},
		{"contact not an id", func(r *Record) { r.Contact = "North SCP" }, []string{"contact"}},
		{"duty ticked off under a bad name", func(r *Record) { r.DutiesDone = []string{"Tell them"} }, []string{"duties_done"}},
		{"started before the previous completed", func(r *Record) { r.Stages[1].Started = mustDate("2025-12-21") }, []string{"stages.2.started"}},
		{"completed before started", func(r *Record) { r.Stages[2].Completed = mustDate("2026-01-04") },
			[]string{"stages.3.completed"}},
		{"completed in the future", func(r *Record) { r.Stages[2].Completed = mustDate("2026-01-21") }, []string{"stages.3.completed"}},
		{"unknown outcome", func(r *Record) { r.Stages[2].Outcome = "done"; r.Resolution = "" }, []string{"stages.3.outcome"}},
		{"outcome without completion", func(r *Record) { r.Stages[2].Completed = workday.Date{} }, []string{"stages.3.completed"}},
		{"completion without outcome", func(r *Record) { r.Stages[2].Outcome = ""; r.Resolution = "" }, []string{"stages.3.outcome"}},
		{"resolved, then another stage", func(r *Record) { r.Stages[1].Outcome = Resolved }, []string{"stages.2.outcome"}},
		{"open stage followed by another", func(r *Record) { r.Stages[1].Completed, r.Stages[1].Outcome = workday.Date{}, "" },
			[]string{"stages.2.completed"}},
		{"not resolved, no next stage", func(r *Record) { r.Stages[2].Outcome = NotResolved }, []string{"stages.4.started"}},
		{"resolved without a resolution", func(r *Record) { r.Resolution = " " }, []string{"resolution"}},
		{"empty action", func(r *Record) { r.Actions[1].What = "" }, []string{"actions.2.what"}},
		{"action due before it arose", func(r *Record) { r.Actions[0].By = mustDate("2025-01-01") }, []string{"actions.1.by"}},
		{"feedback before it arose", func(r *Record) { r.Feedback.Given = mustDate("2025-01-01") }, []string{"feedback.given"}},
		{"feedback in the future", func(r *Record) { r.Feedback.Given = mustDate("2026-02-01") }, []string{"feedback.given"}},
		{"updated before created", func(r *Record) { r.Updated = mustDate("2025-01-01") }, []string{"updated"}},
		{"created in the future", func(r *Record) { r.Created = mustDate("2026-02-01"); r.Updated = r.Created }, []string{"updated"}},
		{"damage first, then the rest in form order", func(r *Record) {
			r.Resolution = ""
			r.Stages[0].Outcome = "x"
			r.Answers["Q"] = "x"
			r.Arose = workday.Date{}
		}, []string{"answers", "stages.1.outcome", "arose", "resolution"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := hipsRecord(t)
			tt.change(r)
			ps := Validate(r, hips(), today)
			var got []string
			for _, p := range ps {
				got = append(got, p.Field)
				if !strings.HasSuffix(p.Message, ".") || strings.Contains(p.Message, "json") {
					t.Errorf("message %q is not a plain sentence", p.Message)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Validate fields = %q; want %q\n%v", got, tt.want, ps)
			}
		})
	}
}

func TestValidateUrgentStart(t *testing.T) {
	f := fixtures(t)[2] // iscp, started at stage 3
	if ps := Validate(f.r, f.p, f.today); len(ps) != 0 {
		t.Fatalf("urgent start refused: %v", ps)
	}
	f.r.Flags["immediate"] = false
	ps := Validate(f.r, f.p, f.today)
	if len(ps) != 1 || ps[0].Field != "start_stage" || !strings.Contains(ps[0].Message, f.p.Flags[0].Question) {
		t.Errorf("a later start with the later-start flag unset: %v; want one start_stage problem naming its question", ps)
	}
	// An urgent flag does not let a record start later unless the
	// procedure says so.
	f.r.Flags["immediate"] = true
	f.p.LaterStart = ""
	ps = Validate(f.r, f.p, f.today)
	if len(ps) != 1 || ps[0].Field != "start_stage" {
		t.Errorf("a later start where the procedure has no later_start: %v; want one start_stage problem", ps)
	}
}

func TestLeftovers(t *testing.T) {
	r := hipsRecord(t)
	r.Answers["old_b"], r.Answers["old_a"] = "b", "a"
	r.Flags["gone"] = true
	answers, flags := Leftovers(r, hips())
	if !reflect.DeepEqual(answers, []string{"old_a", "old_b"}) || !reflect.DeepEqual(flags, []string{"gone"}) {
		t.Errorf("Leftovers = %q, %q", answers, flags)
	}
	if ps := Validate(r, hips(), mustDate("2026-01-20")); len(ps) != 0 {
		t.Errorf("answers kept from an older version are problems: %v", ps)
	}
}
