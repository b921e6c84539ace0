package escalation

import (
	"strconv"

	"resolve/internal/protocol"
	"resolve/internal/workday"
)

// DutyKind says where a duty comes from.
type DutyKind int

const (
	DutyFlag   DutyKind = iota // the action of a flag that is set
	DutyNext                   // the next step of the procedure
	DutyTell                   // tell the person who raised the concern the outcome of a stage
	DutyRecord                 // record a stage's discussion and outcome on the child's file
)

// Duty is something the practitioner must do now.
type Duty struct {
	Kind   DutyKind
	Text   string
	Urgent bool
	Stage  int    // the stage it belongs to; 0 for a flag that applies from the start
	Flag   string // the flag's id, for DutyFlag
	Done   bool   // DutyTell only: feedback was given on or after the stage was completed
}

// Duties lists what applies to r now: the actions of the flags that are set
// and whose stage has been reached (urgent ones first, and marked urgent),
// the next step, and for each completed stage, newest first, telling the
// person who raised the concern and recording the outcome on the child's file.
func Duties(r *Record, p *protocol.Protocol, cal *workday.Calendar, today workday.Date) []Duty {
	reached := 0
	for _, s := range r.Stages {
		reached = max(reached, s.Stage)
	}
	var urgent, other []Duty
	for _, f := range p.Flags {
		if !r.Flags[f.ID] || f.FromStage > reached {
			continue
		}
		d := Duty{Kind: DutyFlag, Text: f.Action, Urgent: f.Urgent, Stage: f.FromStage, Flag: f.ID}
		if f.Urgent {
			urgent = append(urgent, d)
		} else {
			other = append(other, d)
		}
	}
	out := append(urgent, Duty{Kind: DutyNext, Text: NextStep(r, p, cal, today), Stage: reached})
	out = append(out, other...)
	for i := len(r.Stages) - 1; i >= 0; i-- {
		s := r.Stages[i]
		if s.Completed.IsZero() {
			continue
		}
		n := strconv.Itoa(s.Stage)
		told := !r.Feedback.Given.IsZero() && !r.Feedback.Given.Before(s.Completed)
		out = append(out,
			Duty{Kind: DutyTell, Stage: s.Stage, Done: told,
				Text: "Tell the person who raised the concern the outcome of stage " + n + "."},
			Duty{Kind: DutyRecord, Stage: s.Stage,
				Text: "Record the discussion and outcome of stage " + n + " on the child's file."})
	}
	return out
}

// NextStep says in words what happens next in r.
func NextStep(r *Record, p *protocol.Protocol, cal *workday.Calendar, today workday.Date) string {
	switch r.State() {
	case Closed:
		last := r.Stages[len(r.Stages)-1]
		return "The disagreement was resolved at " + stageName(last.Stage) + " on " + LongDate(last.Completed) +
			". Share the outcome and any agreed actions with everyone involved, and check that the actions happen."
	case Exhausted:
		who := "the safeguarding partnership"
		if p.Partnership != "" {
			who = p.Partnership
		}
		return "Every stage of this procedure has been used without resolving the disagreement, and it has no further stage. " +
			"Ask " + who + " how the matter will be taken forward, and keep the child's safety under review. " +
			"If a child is at risk of immediate harm, act on that now through the usual emergency routes."
	}
	cur := r.Current()
	if cur == nil {
		return "Enter the date the disagreement arose to start the record."
	}
	def := stageDef(p, cur.Stage)
	if def == nil {
		return "This record has a stage the procedure does not have."
	}
	st := Statuses(r, p, cal, today)[cur.Stage-1]
	text := capital(stageName(cur.Stage)) + ": " + sentence(def.Title) + " Who takes part: " + sentence(def.Who) + " "
	switch st.Kind {
	case NoTimescale:
		text += "There is no set timescale: do it as soon as possible."
	case DueToday:
		text += "It is due today."
	case Overdue:
		text += "It was due on " + st.DueText() + " and is " + st.Text() + "."
	default:
		text += "It is due by " + st.DueText() + "."
	}
	if next := stageDef(p, cur.Stage+1); next != nil {
		text += " If it does not resolve the disagreement, go on to " + stageName(cur.Stage+1) + ": " + sentence(next.Title)
	} else {
		text += " This is the last stage of the procedure."
	}
	return text
}
