package escalation

import (
	"errors"
	"strconv"

	"resolve/internal/protocol"
	"resolve/internal/words"
	"resolve/internal/workday"
)

// due is one stage's due date, if it can be known.
type due struct {
	Date  workday.Date
	Known bool
}

// schedule works out the due date of every stage of p (index 0 is stage 1).
// Stages before first are left unknown. The first stage's "after: previous"
// counts from start; a later stage's counts from the previous stage's
// completion date, or, if that stage is not completed, its due date.
func schedule(p *protocol.Protocol, cal *workday.Calendar, arose workday.Date, first int, start workday.Date, completed func(stage int) workday.Date) []due {
	out := make([]due, len(p.Stages))
	for i := first - 1; i >= 0 && i < len(p.Stages); i++ {
		d := p.Stages[i].Due
		if d == nil {
			continue
		}
		var base workday.Date
		switch {
		case d.After == protocol.AfterConcern:
			base = arose
		case i == first-1:
			base = start
		default:
			base = completed(i) // stage i is the previous one, numbered from 1
			if base.IsZero() {
				if !out[i-1].Known {
					continue // never guessed
				}
				base = out[i-1].Date
			}
		}
		if base.IsZero() {
			continue
		}
		switch {
		case d.WorkingDays > 0:
			out[i] = due{cal.Due(base, d.WorkingDays), true}
		case d.CalendarDays > 0:
			out[i] = due{base.AddDays(d.CalendarDays), true}
		}
	}
	return out
}

// recordDues is the schedule of record r: its own start and completion
// dates, and planned dates for the stages it has not reached. A first stage
// with no start date entered is counted from the date the disagreement arose.
func recordDues(r *Record, p *protocol.Protocol, cal *workday.Calendar) []due {
	first := r.first()
	start, _ := r.StartOf(first)
	completed := func(n int) workday.Date {
		if s := r.stage(n); s != nil {
			return s.Completed
		}
		return workday.Date{}
	}
	return schedule(p, cal, r.Arose, first, start, completed)
}

// StatusKind is where one stage stands against its timescale.
type StatusKind int

const (
	NotStarted      StatusKind = iota // not reached (yet)
	Skipped                           // passed over by an urgent start
	NotDueYet                         // under way, due date ahead
	DueToday                          // under way, due today
	Overdue                           // under way, due date passed
	NoTimescale                       // under way, the protocol gives no timescale
	CompletedOnTime                   // completed on or before its due date
	CompletedLate                     // completed after its due date
	Completed                         // completed; no timescale to measure against
	NotNeeded                         // not reached, and never will be: an earlier stage resolved it
	OutcomeOnly                       // an outcome is entered, the completion date not yet
)

// Status is one stage's standing on a given day.
type Status struct {
	Stage     int
	Title     string
	Kind      StatusKind
	Due       workday.Date // the due date; for a stage not started, the planned one
	Known     bool         // Due is known
	Timescale bool         // the protocol gives the stage a timescale
	Days      int          // working days left (NotDueYet), overdue (Overdue) or late (CompletedLate)
	Published bool         // Due is within the calendar's published bank holidays
	Words     string       // the protocol's timescale in words, for a stage without one ("Immediately")
}

// Text describes the status in a few words: "not due yet: 2 working days left".
func (s Status) Text() string {
	switch s.Kind {
	case Skipped:
		return "skipped: the case was urgent"
	case NotDueYet:
		return "not due yet: " + workingDays(s.Days) + " left"
	case DueToday:
		return "due today"
	case Overdue:
		if s.Days == 0 {
			return "overdue"
		}
		return "overdue by " + workingDays(s.Days)
	case NoTimescale:
		return "under way"
	case CompletedOnTime:
		return "completed on time"
	case CompletedLate:
		if s.Days == 0 {
			return "completed late"
		}
		return "completed late, by " + workingDays(s.Days)
	case Completed:
		return "completed"
	case NotNeeded:
		return "not needed: an earlier stage resolved the disagreement"
	case OutcomeOnly:
		return "outcome recorded: enter the date it was completed"
	}
	return "not started"
}

// DueText describes the due date: "Friday 3 January 2025", with a caution
// when the date is beyond the calendar's published bank holidays, or why
// there is none.
func (s Status) DueText() string {
	switch {
	case s.Known && s.Published:
		return LongDate(s.Due)
	case s.Known:
		return LongDate(s.Due) + " (based on the usual bank holiday rules)"
	case s.Kind == Skipped || s.Kind == NotNeeded:
		return "not applicable"
	case !s.Timescale:
		return words.LowerFirst(s.Words)
	}
	return "no date can be given yet"
}

// Statuses reports where every stage of p stands on today for record r
// (with a zero today, stages under way are only "not due yet").
// Stages not yet reached carry their planned due dates, assuming each
// earlier stage ends on its due date.
func Statuses(r *Record, p *protocol.Protocol, cal *workday.Calendar, today workday.Date) []Status {
	dues := recordDues(r, p, cal)
	first := r.first()
	closed := r.State() != Open
	out := make([]Status, len(p.Stages))
	for i := range p.Stages {
		n := i + 1
		st := Status{Stage: n, Title: p.Stages[i].Title, Due: dues[i].Date, Known: dues[i].Known,
			Timescale: hasTimescale(p.Stages[i]), Words: p.Stages[i].Words()}
		st.Published = st.Known && cal.Published(st.Due)
		s := r.stage(n)
		if s == nil && len(r.Stages) == 0 && n == first {
			s = &Stage{Stage: n} // a record with no stages is at its first
		}
		switch {
		case n < first:
			st.Kind, st.Due, st.Known = Skipped, workday.Date{}, false
		case s == nil && closed: // a planned date would mislead
			st.Kind, st.Due, st.Known, st.Published = NotNeeded, workday.Date{}, false, false
		case s == nil:
			st.Kind = NotStarted
		case s.Completed.IsZero() && s.Outcome != "":
			st.Kind = OutcomeOnly
		case !s.Completed.IsZero():
			switch {
			case !st.Known:
				st.Kind = Completed
			case s.Completed.After(st.Due):
				st.Kind, st.Days = CompletedLate, cal.WorkingDaysBetween(st.Due, s.Completed)
			default:
				st.Kind = CompletedOnTime
			}
		case !st.Known:
			st.Kind = NoTimescale
		case today.IsZero(): // no today to measure against
			st.Kind = NotDueYet
		case today.Before(st.Due):
			st.Kind, st.Days = NotDueYet, cal.WorkingDaysBetween(today, st.Due)
		case today == st.Due:
			st.Kind = DueToday
		default:
			st.Kind, st.Days = Overdue, cal.WorkingDaysBetween(st.Due, today)
		}
		out[i] = st
	}
	return out
}

// PlannedStage is one stage of a plan made ahead of time.
type PlannedStage struct {
	Stage     int
	Title     string
	Due       workday.Date
	Known     bool   // false: no timescale, or an earlier stage without one is not completed
	Published bool   // Due is within the calendar's published bank holidays
	Words     string // the protocol's timescale in words for a stage without one, in lower case ("as soon as possible")
}

// Plan works out every stage's due date for a disagreement that arose on
// the given date, with the stages already completed (stage number -> date).
// A stage not completed is assumed to end on its due date.
func Plan(p *protocol.Protocol, cal *workday.Calendar, arose workday.Date, completed map[int]workday.Date) ([]PlannedStage, error) {
	if arose.IsZero() {
		return nil, errors.New("the date the disagreement arose is missing")
	}
	bad, found := 0, false
	for n := range completed {
		if (n < 1 || n > len(p.Stages)) && (!found || n < bad) {
			bad, found = n, true
		}
	}
	if found {
		return nil, errors.New("there is no stage " + strconv.Itoa(bad) + ": the procedure " + strconv.Quote(p.ID) + " has " + words.Count(len(p.Stages), "stage", "stages"))
	}
	var last workday.Date
	lastStage := 0
	for n := 1; n <= len(p.Stages); n++ {
		d, ok := completed[n]
		if !ok {
			continue
		}
		switch {
		case d.IsZero():
			return nil, errors.New("stage " + strconv.Itoa(n) + ": the completion date is missing")
		case d.Before(arose):
			return nil, errors.New("stage " + strconv.Itoa(n) + " cannot be completed (" + d.String() + ") before the disagreement arose (" + arose.String() + ")")
		case lastStage > 0 && d.Before(last):
			return nil, errors.New("stage " + strconv.Itoa(n) + " cannot be completed (" + d.String() + ") before stage " + strconv.Itoa(lastStage) + " (" + last.String() + ")")
		}
		last, lastStage = d, n
	}
	dues := schedule(p, cal, arose, 1, arose, func(n int) workday.Date { return completed[n] })
	out := make([]PlannedStage, len(p.Stages))
	for i, s := range p.Stages {
		out[i] = PlannedStage{Stage: i + 1, Title: s.Title, Due: dues[i].Date, Known: dues[i].Known, Words: words.LowerFirst(s.Words())}
		out[i].Published = out[i].Known && cal.Published(out[i].Due)
	}
	return out, nil
}

// hasTimescale reports whether the protocol gives stage s a due date.
func hasTimescale(s protocol.Stage) bool {
	return s.Due != nil && (s.Due.WorkingDays > 0 || s.Due.CalendarDays > 0)
}
