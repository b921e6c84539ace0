package escalation

import (
	"strings"
	"testing"

	"resolve/internal/protocol"
	"resolve/internal/workday"
)

// The expected dates in these tables were worked out by hand from the
// published bank holidays, so they check the counting rules, not the code.

func TestPlan(t *testing.T) {
	ew := englandWales(t)
	tests := []struct {
		name      string
		p         *protocol.Protocol
		cal       *workday.Calendar
		arose     string
		completed map[int]workday.Date
		want      []string // due dates; "" for unknown
	}{
		{"hips over christmas", hips(), ew, "2025-12-19", nil,
			// 22, 23 | 24, 29 (25, 26 holidays) | 30, 31 | 2 Jan (1 Jan), 5 | 6, 7
			[]string{"2025-12-23", "2025-12-29", "2025-12-31", "2026-01-05", "2026-01-07"}},
		{"hips with stages completed", hips(), ew, "2025-12-19",
			map[int]workday.Date{1: mustDate("2025-12-22"), 2: mustDate("2026-01-05")},
			[]string{"2025-12-23", "2025-12-24", "2026-01-07", "2026-01-09", "2026-01-13"}},
		{"hips completed late", hips(), ew, "2025-04-15",
			map[int]workday.Date{1: mustDate("2025-04-24")},
			// Good Friday 18, Easter Monday 21 April 2025
			[]string{"2025-04-17", "2025-04-28", "2025-04-30", "2025-05-02", "2025-05-07"}}, // 5 May bank holiday
		{"tees: no timescale for stage 1 makes the rest unknown", tees(), ew, "2025-04-14", nil,
			[]string{"", "", "", ""}},
		{"tees: once stage 1 is completed", tees(), ew, "2025-04-14",
			map[int]workday.Date{1: mustDate("2025-04-16")},
			// 17, 22, 23, 24, 25 | 28, 29, 30, 1 May, 2 May | +28 calendar days
			[]string{"", "2025-04-25", "2025-05-02", "2025-05-30"}},
		{"iscp on its own calendar", iscp(), guernsey(t), "2028-05-04",
			nil,
			// 5, 8 | 10, 11, 12 (9 May is Liberation Day) | 15-19 | 22-26, 30 May-2 June, 5 June
			// (29 May is a bank holiday) | 20 working days on: 3 July
			[]string{"2028-05-08", "2028-05-12", "2028-05-19", "2028-06-05", "2028-07-03", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Plan(tt.p, tt.cal, mustDate(tt.arose), tt.completed)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("Plan gave %d stages; want %d", len(got), len(tt.want))
			}
			for i, g := range got {
				gotDue := ""
				if g.Known {
					gotDue = g.Due.String()
				}
				if gotDue != tt.want[i] || g.Stage != i+1 || g.Title != tt.p.Stages[i].Title {
					t.Errorf("Plan(%s, %s) stage %d = %d %q due %q; want due %q", tt.p.ID, tt.arose, i+1, g.Stage, g.Title, gotDue, tt.want[i])
				}
				if g.Known && !g.Published {
					t.Errorf("stage %d: %v is within the published data but not marked so", i+1, g.Due)
				}
			}
		})
	}
}

func TestPlanPublished(t *testing.T) {
	ew := englandWales(t)
	got, err := Plan(hips(), ew, mustDate("2028-12-20"), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range got {
		if want := g.Due.Year <= 2028; g.Published != want {
			t.Errorf("stage %d due %v: Published = %v; want %v", g.Stage, g.Due, g.Published, want)
		}
	}
	if got[len(got)-1].Due.Year != 2029 {
		t.Fatalf("the test needs a due date in 2029; got %v", got[len(got)-1].Due)
	}
}

func TestPlanRefused(t *testing.T) {
	ew := englandWales(t)
	tests := []struct {
		name      string
		arose     workday.Date
		completed map[int]workday.Date
		want      string
	}{
		{"no date", workday.Date{}, nil, "missing"},
		{"stage 6", mustDate("2025-01-06"), map[int]workday.Date{6: mustDate("2025-01-08")}, "no stage 6"},
		{"stage 0", mustDate("2025-01-06"), map[int]workday.Date{0: mustDate("2025-01-08"), 9: mustDate("2025-01-08")}, "no stage 0"},
		{"before it arose", mustDate("2025-01-06"), map[int]workday.Date{1: mustDate("2025-01-03")}, "before the disagreement arose"},
		{"out of order", mustDate("2025-01-06"), map[int]workday.Date{1: mustDate("2025-01-09"), 3: mustDate("2025-01-08")}, "before stage 1"},
		{"zero date", mustDate("2025-01-06"), map[int]workday.Date{2: {}}, "missing"},
	}
	for _, tt := range tests {
		_, err := Plan(hips(), ew, tt.arose, tt.completed)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Plan(%v, %v) error = %v; want one saying %q", tt.arose, tt.completed, err, tt.want)
		}
	}
}

func TestStatuses(t *testing.T) {
	ew := englandWales(t)
	// A HIPS record under way at stage 2, which started on Tuesday 4 March
	// 2025 and is due on Thursday 6 March.
	atStage2 := func() *Record {
		r := &Record{Arose: mustDate("2025-03-03"), Flags: map[string]bool{}, Stages: []Stage{
			{Stage: 1, Started: mustDate("2025-03-03"), Completed: mustDate("2025-03-04"), Outcome: NotResolved},
			{Stage: 2, Started: mustDate("2025-03-04")},
		}}
		return r
	}
	tests := []struct {
		name  string
		r     *Record
		p     *protocol.Protocol
		today string
		want  []string // Text() of each stage
	}{
		{"not due yet", atStage2(), hips(), "2025-03-04",
			[]string{"completed on time", "not due yet: 2 working days left", "not started", "not started", "not started"}},
		{"one day left", atStage2(), hips(), "2025-03-05",
			[]string{"completed on time", "not due yet: 1 working day left", "not started", "not started", "not started"}},
		{"due today", atStage2(), hips(), "2025-03-06",
			[]string{"completed on time", "due today", "not started", "not started", "not started"}},
		{"overdue over a weekend", atStage2(), hips(), "2025-03-10",
			[]string{"completed on time", "overdue by 2 working days", "not started", "not started", "not started"}},
		{"overdue on a saturday", atStage2(), hips(), "2025-03-08",
			[]string{"completed on time", "overdue by 1 working day", "not started", "not started", "not started"}},
		{"completed late", func() *Record {
			r := atStage2()
			r.Stages[1].Completed, r.Stages[1].Outcome = mustDate("2025-03-11"), NotResolved
			r.Stages = append(r.Stages, Stage{Stage: 3, Started: mustDate("2025-03-11")})
			return r
		}(), hips(), "2025-03-11",
			[]string{"completed on time", "completed late, by 3 working days", "not due yet: 2 working days left", "not started", "not started"}},
		{"resolved: later stages not needed", func() *Record {
			r := atStage2()
			r.Stages[1].Completed, r.Stages[1].Outcome = mustDate("2025-03-05"), Resolved
			return r
		}(), hips(), "2025-03-20",
			[]string{"completed on time", "completed on time", "not needed: an earlier stage resolved the disagreement", "not needed: an earlier stage resolved the disagreement", "not needed: an earlier stage resolved the disagreement"}},
		{"no timescale", &Record{Arose: mustDate("2025-04-14"), Stages: []Stage{{Stage: 1, Started: mustDate("2025-04-14")}}}, tees(), "2025-04-30",
			[]string{"under way", "not started", "not started", "not started"}},
		{"no stages yet: the first is under way", &Record{Arose: mustDate("2025-03-03"), Stages: []Stage{}}, hips(), "2025-03-04",
			[]string{"not due yet: 1 working day left", "not started", "not started", "not started", "not started"}},
		{"no start date entered: counted from the day it arose", &Record{Arose: mustDate("2025-03-03"), Stages: []Stage{{Stage: 1}}}, hips(), "2025-03-06",
			[]string{"overdue by 1 working day", "not started", "not started", "not started", "not started"}},
		{"an outcome without its date", &Record{Arose: mustDate("2025-03-03"), Stages: []Stage{{Stage: 1, Outcome: NotResolved}, {Stage: 2}}}, hips(), "2025-03-04",
			[]string{"outcome recorded: enter the date it was completed", "not due yet: 3 working days left", "not started", "not started", "not started"}},
		{"completed with no timescale", &Record{Arose: mustDate("2025-04-14"), Stages: []Stage{
			{Stage: 1, Started: mustDate("2025-04-14"), Completed: mustDate("2025-04-15"), Outcome: NotResolved},
			{Stage: 2, Started: mustDate("2025-04-15")}}}, tees(), "2025-04-15",
			[]string{"completed", "not due yet: 5 working days left", "not started", "not started"}},
		{"urgent start skips stages", &Record{Arose: mustDate("2025-03-03"), Stages: []Stage{{Stage: 3, Started: mustDate("2025-03-03")}}}, hips(), "2025-03-03",
			[]string{"skipped: the case was urgent", "skipped: the case was urgent", "not due yet: 2 working days left", "not started", "not started"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Statuses(tt.r, tt.p, ew, mustDate(tt.today))
			for i, s := range got {
				if s.Text() != tt.want[i] {
					t.Errorf("Statuses(%s) stage %d = %q (due %v); want %q", tt.today, i+1, s.Text(), s.Due, tt.want[i])
				}
			}
		})
	}
}

func TestStatusesPlannedDates(t *testing.T) {
	// Stage 2 of the Tees fixture is under way; stage 3 is planned from
	// stage 2's due date, stage 4 from stage 3's.
	r := &Record{Arose: mustDate("2025-04-14"), Stages: []Stage{
		{Stage: 1, Started: mustDate("2025-04-14"), Completed: mustDate("2025-04-16"), Outcome: NotResolved},
		{Stage: 2, Started: mustDate("2025-04-16")}}}
	got := Statuses(r, tees(), englandWales(t), mustDate("2025-04-16"))
	want := []string{"", "2025-04-25", "2025-05-02", "2025-05-30"}
	for i, s := range got {
		d := ""
		if s.Known {
			d = s.Due.String()
		}
		if d != want[i] {
			t.Errorf("stage %d due %q; want %q", i+1, d, want[i])
		}
	}
	if got[0].DueText() != "as soon as possible" {
		t.Errorf("DueText of a stage with no timescale = %q; want the default wording", got[0].DueText())
	}
	p := tees()
	p.Stages[0].TimescaleText = "Immediately"
	if got := Statuses(r, p, englandWales(t), mustDate("2025-04-16"))[0].DueText(); got != "immediately" {
		t.Errorf("DueText of a stage whose timescale is Immediately = %q", got)
	}
}

func TestDueText(t *testing.T) {
	s := Status{Known: true, Due: mustDate("2029-01-25"), Published: false}
	if got, want := s.DueText(), "Thursday 25 January 2029 (based on the usual bank holiday rules)"; got != want {
		t.Errorf("DueText() = %q; want %q", got, want)
	}
	s.Published = true
	if got, want := s.DueText(), "Thursday 25 January 2029"; got != want {
		t.Errorf("DueText() = %q; want %q", got, want)
	}
}
