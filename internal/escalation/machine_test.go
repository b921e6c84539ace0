package escalation

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"resolve/internal/protocol"
	"resolve/internal/workday"
)

func TestNew(t *testing.T) {
	p := hips()
	today := date(t, "2025-12-22")
	r, err := New(p, date(t, "2025-12-19"), today)
	if err != nil {
		t.Fatal(err)
	}
	if r.Format != Format || r.Version != Version {
		t.Errorf("New: format %q version %d; want %q %d", r.Format, r.Version, Format, Version)
	}
	if r.Protocol != (ProtocolRef{"hips", "2024-06", "england-and-wales"}) {
		t.Errorf("New: protocol = %+v", r.Protocol)
	}
	if len(r.Stages) != 1 || r.Stages[0] != (Stage{Stage: 1}) {
		t.Errorf("New: stages = %+v; want stage 1, its start date left to enter", r.Stages)
	}
	if start, entered := r.StartOf(1); start != r.Arose || entered {
		t.Errorf("New: StartOf(1) = %v, %v; want the day it arose, not entered", start, entered)
	}
	if r.Created != today || r.Updated != today {
		t.Errorf("New: created %v updated %v; want %v", r.Created, r.Updated, today)
	}
	if r.State() != Open || r.Current() == nil || r.Current().Stage != 1 {
		t.Errorf("New: state %v; want open at stage 1", r.State())
	}
	if ps := Validate(r, p, today); len(ps) != 0 {
		t.Errorf("New: a new record has problems: %v", ps)
	}
	if !validRecordID(r.ID) || len(r.ID) != 26 {
		t.Errorf("New: id %q is not a 26-character identifier", r.ID)
	}
	r2, _ := New(p, date(t, "2025-12-19"), today)
	if r2.ID == r.ID {
		t.Errorf("New: two records share the id %q", r.ID)
	}
}

func TestNewRefused(t *testing.T) {
	today := mustDate("2025-12-22")
	tests := []struct {
		name  string
		arose workday.Date
		field string
	}{
		{"no date", workday.Date{}, "arose"},
		{"future", mustDate("2025-12-23"), "arose"},
	}
	for _, tt := range tests {
		r, err := New(hips(), tt.arose, today)
		var p Problem
		if r != nil || !errors.As(err, &p) || p.Field != tt.field {
			t.Errorf("New(%v) = %v, %v; want a problem with %s", tt.arose, r, err, tt.field)
		}
	}
	empty := hips()
	empty.Stages = nil
	if _, err := New(empty, today, today); err == nil {
		t.Errorf("New with a procedure of no stages: no error")
	}
}

// open returns a HIPS record at the given stage, each earlier stage
// completed not resolved one working day after it started.
func openAt(t *testing.T, stage int) *Record {
	t.Helper()
	p := hips()
	r, err := New(p, date(t, "2025-03-03"), date(t, "2025-03-03"))
	if err != nil {
		t.Fatal(err)
	}
	d := date(t, "2025-03-03")
	for n := 1; n < stage; n++ {
		d = d.AddDays(1)
		if err := r.Complete(p, Completion{Date: d, Outcome: NotResolved}, d); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

func TestTransitions(t *testing.T) {
	today := mustDate("2025-04-01")
	urgent := func(r *Record) *Record { r.Flags["sooner"] = true; return r }
	tests := []struct {
		name  string
		start func(t *testing.T) *Record
		do    func(r *Record) error
		field string                        // "" when the change is allowed
		check func(t *testing.T, r *Record) // for allowed changes
	}{
		// Allowed.
		{"not resolved opens the next stage, its start left to enter",
			func(t *testing.T) *Record { return openAt(t, 1) },
			func(r *Record) error {
				return r.Complete(hipsLater(), Completion{Date: mustDate("2025-03-04"), Outcome: NotResolved}, today)
			}, "",
			func(t *testing.T, r *Record) {
				// That stage 2 began when stage 1 ended is a guess, not written down.
				if len(r.Stages) != 2 || r.Stages[1] != (Stage{Stage: 2}) {
					t.Errorf("stages = %+v; want stage 2 with no start date", r.Stages)
				}
				if r.Stages[0].Outcome != NotResolved || r.Stages[0].Completed != mustDate("2025-03-04") {
					t.Errorf("stage 1 = %+v", r.Stages[0])
				}
				if r.Updated != today {
					t.Errorf("updated = %v; want %v", r.Updated, today)
				}
			}},
		{"not resolved with a later start for the next stage",
			func(t *testing.T) *Record { return openAt(t, 1) },
			func(r *Record) error {
				return r.Complete(hipsLater(), Completion{Date: mustDate("2025-03-04"), Outcome: NotResolved, Next: mustDate("2025-03-06")}, today)
			}, "",
			func(t *testing.T, r *Record) {
				if got := r.Stages[1].Started; got != mustDate("2025-03-06") {
					t.Errorf("stage 2 started %v; want 2025-03-06", got)
				}
			}},
		{"resolved closes the record",
			func(t *testing.T) *Record { return openAt(t, 2) },
			func(r *Record) error {
				return r.Complete(hipsLater(), Completion{Date: mustDate("2025-03-05"), Outcome: Resolved, Resolution: "Agreed a joint visit."}, today)
			}, "",
			func(t *testing.T, r *Record) {
				if r.State() != Closed || r.Current() != nil || r.Resolution != "Agreed a joint visit." || len(r.Stages) != 2 {
					t.Errorf("state %v, resolution %q, %d stages; want closed at stage 2", r.State(), r.Resolution, len(r.Stages))
				}
			}},
		{"resolved keeps a resolution already written",
			func(t *testing.T) *Record { r := openAt(t, 1); r.Resolution = "Drafted earlier."; return r },
			func(r *Record) error {
				return r.Complete(hipsLater(), Completion{Date: mustDate("2025-03-03"), Outcome: Resolved}, today)
			}, "",
			func(t *testing.T, r *Record) {
				if r.State() != Closed || r.Resolution != "Drafted earlier." {
					t.Errorf("state %v resolution %q", r.State(), r.Resolution)
				}
			}},
		{"last stage not resolved exhausts the procedure",
			func(t *testing.T) *Record { return openAt(t, 5) },
			func(r *Record) error {
				return r.Complete(hipsLater(), Completion{Date: mustDate("2025-03-10"), Outcome: NotResolved}, today)
			}, "",
			func(t *testing.T, r *Record) {
				if r.State() != Exhausted || len(r.Stages) != 5 || r.Current() != nil {
					t.Errorf("state %v with %d stages; want exhausted with 5", r.State(), len(r.Stages))
				}
			}},
		{"urgent start at a later stage",
			func(t *testing.T) *Record { return urgent(openAt(t, 1)) },
			func(r *Record) error { return r.StartAt(hipsLater(), 4, mustDate("2025-03-04"), today) }, "",
			func(t *testing.T, r *Record) {
				if len(r.Stages) != 1 || r.Stages[0].Stage != 4 || r.Stages[0].Started != mustDate("2025-03-04") {
					t.Errorf("stages = %+v; want only stage 4", r.Stages)
				}
			}},
		{"a later start with no date leaves it to be entered",
			func(t *testing.T) *Record { return urgent(openAt(t, 1)) },
			func(r *Record) error { return r.StartAt(hipsLater(), 2, workday.Date{}, today) }, "",
			func(t *testing.T, r *Record) {
				if r.Stages[0] != (Stage{Stage: 2}) {
					t.Errorf("stages = %+v; want stage 2 with no start date", r.Stages)
				}
			}},
		{"back to stage 1 needs no flag",
			func(t *testing.T) *Record {
				r := urgent(openAt(t, 1))
				r.Stages[0].Stage = 3
				r.Flags["sooner"] = false
				return r
			},
			func(r *Record) error { return r.StartAt(hipsLater(), 1, mustDate("2025-03-03"), today) }, "",
			func(t *testing.T, r *Record) {
				if r.Stages[0].Stage != 1 {
					t.Errorf("start = %d; want 1", r.Stages[0].Stage)
				}
			}},
		{"undo a resolution",
			func(t *testing.T) *Record {
				r := openAt(t, 2)
				r.Stages[1].Completed, r.Stages[1].Outcome, r.Resolution = mustDate("2025-03-05"), Resolved, "x"
				return r
			},
			func(r *Record) error { return r.Reopen(today) }, "",
			func(t *testing.T, r *Record) {
				if r.State() != Open || r.Current().Stage != 2 || r.Resolution != "x" {
					t.Errorf("state %v resolution %q; want stage 2 under way with the resolution kept", r.State(), r.Resolution)
				}
			}},
		{"undo going on to an empty stage",
			func(t *testing.T) *Record { return openAt(t, 3) },
			func(r *Record) error { return r.Reopen(today) }, "",
			func(t *testing.T, r *Record) {
				if len(r.Stages) != 2 || r.Current().Stage != 2 || !r.Stages[1].Completed.IsZero() {
					t.Errorf("stages = %+v; want stage 2 under way", r.Stages)
				}
			}},

		// Refused.
		{"complete a resolved record",
			func(t *testing.T) *Record {
				r := openAt(t, 1)
				r.Stages[0].Completed, r.Stages[0].Outcome, r.Resolution = mustDate("2025-03-03"), Resolved, "x"
				return r
			},
			func(r *Record) error {
				return r.Complete(hipsLater(), Completion{Date: mustDate("2025-03-04"), Outcome: NotResolved}, today)
			}, "stages", nil},
		{"complete an exhausted record",
			func(t *testing.T) *Record {
				r := openAt(t, 5)
				r.Stages[4].Completed, r.Stages[4].Outcome = mustDate("2025-03-10"), NotResolved
				return r
			},
			func(r *Record) error {
				return r.Complete(hipsLater(), Completion{Date: mustDate("2025-03-11"), Outcome: Resolved, Resolution: "x"}, today)
			}, "stages", nil},
		{"complete with no date",
			func(t *testing.T) *Record { return openAt(t, 2) },
			func(r *Record) error { return r.Complete(hipsLater(), Completion{Outcome: NotResolved}, today) },
			"stages.2.completed", nil},
		{"complete before the stage started",
			func(t *testing.T) *Record { return openAt(t, 2) },
			func(r *Record) error {
				return r.Complete(hipsLater(), Completion{Date: mustDate("2025-03-03"), Outcome: NotResolved}, today)
			}, "stages.2.completed", nil},
		{"complete in the future",
			func(t *testing.T) *Record { return openAt(t, 2) },
			func(r *Record) error {
				return r.Complete(hipsLater(), Completion{Date: mustDate("2025-04-02"), Outcome: NotResolved}, today)
			}, "stages.2.completed", nil},
		{"complete with no outcome",
			func(t *testing.T) *Record { return openAt(t, 2) },
			func(r *Record) error { return r.Complete(hipsLater(), Completion{Date: mustDate("2025-03-05")}, today) },
			"stages.2.outcome", nil},
		{"complete with an unknown outcome",
			func(t *testing.T) *Record { return openAt(t, 2) },
			func(r *Record) error {
				return r.Complete(hipsLater(), Completion{Date: mustDate("2025-03-05"), Outcome: "sorted"}, today)
			}, "stages.2.outcome", nil},
		{"resolved without saying what was agreed",
			func(t *testing.T) *Record { return openAt(t, 2) },
			func(r *Record) error {
				return r.Complete(hipsLater(), Completion{Date: mustDate("2025-03-05"), Outcome: Resolved, Resolution: "  \n"}, today)
			}, "resolution", nil},
		{"next stage started before this one completed",
			func(t *testing.T) *Record { return openAt(t, 2) },
			func(r *Record) error {
				return r.Complete(hipsLater(), Completion{Date: mustDate("2025-03-06"), Outcome: NotResolved, Next: mustDate("2025-03-05")}, today)
			}, "stages.3.started", nil},
		{"next stage started in the future",
			func(t *testing.T) *Record { return openAt(t, 2) },
			func(r *Record) error {
				return r.Complete(hipsLater(), Completion{Date: mustDate("2025-03-06"), Outcome: NotResolved, Next: mustDate("2025-04-02")}, today)
			}, "stages.3.started", nil},
		{"later start without an urgent flag",
			func(t *testing.T) *Record { return openAt(t, 1) },
			func(r *Record) error { return r.StartAt(hipsLater(), 3, mustDate("2025-03-03"), today) },
			"start_stage", nil},
		{"later start with the urgent flag answered no",
			func(t *testing.T) *Record { r := openAt(t, 1); r.Flags["sooner"] = false; return r },
			func(r *Record) error { return r.StartAt(hipsLater(), 3, mustDate("2025-03-03"), today) },
			"start_stage", nil},
		{"later start once a stage is completed",
			func(t *testing.T) *Record { return urgent(openAt(t, 2)) },
			func(r *Record) error { return r.StartAt(hipsLater(), 4, mustDate("2025-03-05"), today) },
			"start_stage", nil},
		{"start at a stage the procedure does not have",
			func(t *testing.T) *Record { return urgent(openAt(t, 1)) },
			func(r *Record) error { return r.StartAt(hipsLater(), 6, mustDate("2025-03-03"), today) },
			"start_stage", nil},
		{"start at stage 0",
			func(t *testing.T) *Record { return urgent(openAt(t, 1)) },
			func(r *Record) error { return r.StartAt(hipsLater(), 0, mustDate("2025-03-03"), today) },
			"start_stage", nil},
		{"start before the disagreement arose",
			func(t *testing.T) *Record { return urgent(openAt(t, 1)) },
			func(r *Record) error { return r.StartAt(hipsLater(), 2, mustDate("2025-03-02"), today) },
			"stages.2.started", nil},
		{"start in the future",
			func(t *testing.T) *Record { return urgent(openAt(t, 1)) },
			func(r *Record) error { return r.StartAt(hipsLater(), 2, mustDate("2025-04-02"), today) },
			"stages.2.started", nil},
		{"later start where the procedure allows none",
			func(t *testing.T) *Record { return urgent(openAt(t, 1)) },
			func(r *Record) error { return r.StartAt(hips(), 2, mustDate("2025-03-03"), today) },
			"start_stage", nil},
		{"undo with nothing completed",
			func(t *testing.T) *Record { return openAt(t, 1) },
			func(r *Record) error { return r.Reopen(today) },
			"stages", nil},
		{"undo would lose the notes of the stage under way",
			func(t *testing.T) *Record { r := openAt(t, 3); r.Stages[2].Notes = "Rang the team manager."; return r },
			func(r *Record) error { return r.Reopen(today) },
			"stages.3.notes", nil},
		{"answer a question the procedure does not have",
			func(t *testing.T) *Record { return openAt(t, 1) },
			func(r *Record) error { return r.SetAnswer(hipsLater(), "name", "x", today) },
			"answers.name", nil},
		{"answer a flag the procedure does not have",
			func(t *testing.T) *Record { return openAt(t, 1) },
			func(r *Record) error { return r.SetFlag(hipsLater(), "iro", true, today) },
			"flags.iro", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.start(t)
			before := mustJSON(t, r)
			err := tt.do(r)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if ps := Validate(r, hipsLater(), today); len(ps) != 0 {
					t.Errorf("the change left problems: %v", ps)
				}
				tt.check(t, r)
				return
			}
			var p Problem
			if !errors.As(err, &p) {
				t.Fatalf("error = %v; want a Problem with field %s", err, tt.field)
			}
			if p.Field != tt.field {
				t.Errorf("field = %q (%s); want %q", p.Field, p.Message, tt.field)
			}
			if p.Message == "" || !strings.HasSuffix(p.Message, ".") {
				t.Errorf("message %q is not a sentence", p.Message)
			}
			if after := mustJSON(t, r); !bytes.Equal(before, after) {
				t.Errorf("a refused change altered the record:\nbefore %s\nafter %s", before, after)
			}
		})
	}
}

// hipsLater is HIPS with its urgent flag letting a record start later, as
// ISCP's procedure allows.
func hipsLater() *protocol.Protocol {
	p := hips()
	p.LaterStart = "sooner"
	return p
}

func TestSetAnswerAndFlag(t *testing.T) {
	p := hips()
	today := mustDate("2025-03-04")
	r := openAt(t, 1)
	if err := r.SetAnswer(p, "concern", "The referral was closed.", today); err != nil {
		t.Fatal(err)
	}
	if got := r.Answers["concern"]; got != "The referral was closed." {
		t.Errorf("answer = %q", got)
	}
	if err := r.SetAnswer(p, "concern", "", today); err != nil {
		t.Fatal(err)
	}
	if _, ok := r.Answers["concern"]; ok {
		t.Errorf("an empty answer was kept")
	}
	if err := r.SetFlag(p, "sooner", false, today); err != nil {
		t.Fatal(err)
	}
	if v, ok := r.Flags["sooner"]; !ok || v {
		t.Errorf("flag = %v, %v; want answered no", v, ok)
	}
	if r.Updated != today {
		t.Errorf("updated = %v; want %v", r.Updated, today)
	}
}

func mustJSON(t *testing.T, r *Record) []byte {
	t.Helper()
	b, err := JSON(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
