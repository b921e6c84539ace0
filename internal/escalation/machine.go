package escalation

import (
	"strconv"

	"resolve/internal/protocol"
	"resolve/internal/workday"
)

// Each change below either succeeds completely or leaves the record exactly
// as it was and returns a Problem: the practitioner's work is never half
// changed. Each takes the practitioner's today, stamps it as the record's
// updated date and refuses dates after it.

// SetAnswer records the answer to template question id. An empty text
// removes the answer.
func (r *Record) SetAnswer(p *protocol.Protocol, id, text string, today workday.Date) error {
	if !hasQuestion(p, id) {
		return Problem{AnswerField(id), "This procedure has no template question " + strconv.Quote(id) + "."}
	}
	if text == "" {
		delete(r.Answers, id)
	} else {
		if r.Answers == nil {
			r.Answers = map[string]string{}
		}
		r.Answers[id] = text
	}
	r.touch(today)
	return nil
}

// SetFlag records the yes or no answer to flag id.
func (r *Record) SetFlag(p *protocol.Protocol, id string, set bool, today workday.Date) error {
	if flagDef(p, id) == nil {
		return Problem{FlagField(id), "This procedure has no question " + strconv.Quote(id) + " about the case."}
	}
	if r.Flags == nil {
		r.Flags = map[string]bool{}
	}
	r.Flags[id] = set
	r.touch(today)
	return nil
}

// StartAt moves the start of the record to stage n, started on the given
// date (the zero Date leaves it to be entered). Only a record with no
// completed stage can move its start, and only to stage 1 unless the
// protocol lets a record start later and the practitioner answered yes to
// its flag for that. Notes already written for the first stage stay with it.
func (r *Record) StartAt(p *protocol.Protocol, n int, started, today workday.Date) error {
	const field = FieldStartStage
	if len(r.Stages) != 1 || !r.Stages[0].Completed.IsZero() {
		return Problem{field, "The starting stage can only be changed before any stage is completed."}
	}
	if stageDef(p, n) == nil {
		return Problem{field, "Choose a stage from 1 to " + strconv.Itoa(len(p.Stages)) + "."}
	}
	if n > 1 && !laterStartAllowed(r, p) {
		if f := p.LaterStartFlag(); f != nil {
			return Problem{field, "A record starts at stage 1 unless the answer to \"" + f.Question + "\" is yes. Answer it first if it applies."}
		}
		return Problem{field, "This procedure starts every record at stage 1."}
	}
	if err := checkStarted(r, n, started, workday.Date{}, today); err != nil {
		return err
	}
	r.Stages[0].Stage = n
	r.Stages[0].Started = started
	r.touch(today)
	return nil
}

// Completion is the end of the stage under way.
type Completion struct {
	Date       workday.Date // the date the stage was completed
	Outcome    string       // Resolved or NotResolved
	Resolution string       // what was agreed; needed when resolved unless the record already has one
	Next       workday.Date // when the next stage started, if entered
}

// Complete ends the stage under way. Resolved closes the record; not
// resolved opens the next stage, or exhausts the procedure after its last stage.
func (r *Record) Complete(p *protocol.Protocol, c Completion, today workday.Date) error {
	cur := r.Current()
	if cur == nil {
		if r.State() == Closed {
			return Problem{"stages", "This disagreement has been resolved, so no stage is under way. Undo the last completion to change it."}
		}
		return Problem{"stages", "Every stage of this procedure has been completed, so no stage is under way."}
	}
	n := cur.Stage
	if c.Date.IsZero() {
		return Problem{StageField(n, StageCompleted), "Enter the date " + stageName(n) + " was completed."}
	}
	if start, _ := r.StartOf(n); !start.IsZero() && c.Date.Before(start) {
		return Problem{StageField(n, StageCompleted), capital(stageName(n)) + " cannot be completed before it started (" + LongDate(start) + ")."}
	}
	if !today.IsZero() && c.Date.After(today) {
		return Problem{StageField(n, StageCompleted), "The date " + stageName(n) + " was completed must be today or in the past."}
	}
	switch c.Outcome {
	case Resolved:
		if blank(c.Resolution) && blank(r.Resolution) {
			return Problem{FieldResolution, "Say what was agreed to resolve the disagreement."}
		}
		if !blank(c.Resolution) {
			r.Resolution = c.Resolution
		}
	case NotResolved:
		if n < len(p.Stages) {
			// The next stage's start date is written down only if it was
			// entered: that it began when this one ended is a guess.
			if err := checkStarted(r, n+1, c.Next, c.Date, today); err != nil {
				return err
			}
			cur.Completed, cur.Outcome = c.Date, c.Outcome
			r.Stages = append(r.Stages, Stage{Stage: n + 1, Started: c.Next})
			r.touch(today)
			return nil
		}
	default:
		return Problem{StageField(n, StageOutcome), "Say whether " + stageName(n) + " resolved the disagreement."}
	}
	cur.Completed, cur.Outcome = c.Date, c.Outcome
	r.touch(today)
	return nil
}

// Reopen undoes the last completion: a closed or exhausted record has its
// last stage under way again; an open record whose stage under way has no
// notes yet goes back to the stage before. The resolution text is kept.
func (r *Record) Reopen(today workday.Date) error {
	switch r.State() {
	case Closed, Exhausted:
		last := &r.Stages[len(r.Stages)-1]
		last.Completed, last.Outcome = workday.Date{}, ""
	default:
		if len(r.Stages) < 2 {
			return Problem{"stages", "No stage has been completed, so there is nothing to undo."}
		}
		cur := r.Stages[len(r.Stages)-1]
		if cur.With != "" || cur.Notes != "" {
			return Problem{StageField(cur.Stage, StageNotes), capital(stageName(cur.Stage)) + " already has notes. Remove them first if you want to undo the completion of " + stageName(cur.Stage-1) + "."}
		}
		r.Stages = r.Stages[:len(r.Stages)-1]
		prev := &r.Stages[len(r.Stages)-1]
		prev.Completed, prev.Outcome = workday.Date{}, ""
	}
	r.touch(today)
	return nil
}

// checkStarted checks the start date of stage n: not before the
// disagreement arose or the previous stage's completion, not in the future.
// A blank date is not checked: it is left to be entered.
func checkStarted(r *Record, n int, started, prevCompleted, today workday.Date) error {
	field := StageField(n, StageStarted)
	switch {
	case started.IsZero():
		return nil
	case !r.Arose.IsZero() && started.Before(r.Arose):
		return Problem{field, capital(stageName(n)) + " cannot start before the disagreement arose (" + LongDate(r.Arose) + ")."}
	case !prevCompleted.IsZero() && started.Before(prevCompleted):
		return Problem{field, capital(stageName(n)) + " cannot start before " + stageName(n-1) + " was completed (" + LongDate(prevCompleted) + ")."}
	case !today.IsZero() && started.After(today):
		return Problem{field, "The date " + stageName(n) + " started must be today or in the past."}
	}
	return nil
}

// touch records that r was changed today.
func (r *Record) touch(today workday.Date) {
	if !today.IsZero() {
		r.Updated = today
	}
}

func hasQuestion(p *protocol.Protocol, id string) bool {
	for _, q := range p.Template {
		if q.ID == id {
			return true
		}
	}
	return false
}

func flagDef(p *protocol.Protocol, id string) *protocol.Flag {
	for i := range p.Flags {
		if p.Flags[i].ID == id {
			return &p.Flags[i]
		}
	}
	return nil
}
