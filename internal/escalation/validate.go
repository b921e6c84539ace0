package escalation

import (
	"maps"
	"slices"
	"sort"
	"strconv"

	"resolve/internal/protocol"
	"resolve/internal/workday"
)

// Validate lists everything wrong with r as a record of protocol p, in the
// order of the form: the case details, the template answers in the
// protocol's order, the flags, each stage, the resolution, the actions and
// the feedback. An empty list means r is a consistent record (a draft may
// still have questions unanswered). Dates after today are refused unless
// today is the zero Date.
//
// Answers and flags under ids the protocol no longer has are not problems:
// they are kept (see Leftovers), so nothing a practitioner wrote is lost when
// the procedure changes.
func Validate(r *Record, p *protocol.Protocol, today workday.Date) []Problem {
	var ps []Problem
	add := func(field, msg string) { ps = append(ps, Problem{field, msg}) }
	future := func(d workday.Date) bool { return !today.IsZero() && d.After(today) }

	if r.Format != Format {
		add("format", "This is not a resolve record.")
	}
	if r.Version != Version {
		add("version", "This tool reads records of version "+strconv.Itoa(Version)+".")
	}
	if !validRecordID(r.ID) {
		add("id", "The record's identifier is missing or damaged.")
	}
	if r.Protocol.ID != p.ID {
		add("protocol", "This record is for the procedure "+strconv.Quote(r.Protocol.ID)+", not "+strconv.Quote(p.ID)+".")
	}

	switch {
	case r.Arose.IsZero():
		add("arose", "Enter the date the disagreement arose.")
	case future(r.Arose):
		add("arose", "The date the disagreement arose must be today or in the past.")
	}

	for _, id := range slices.Sorted(maps.Keys(r.Answers)) {
		if !validID(id) {
			add("answers", "One of the answers is filed under a name this tool cannot use: "+strconv.Quote(id)+".")
		}
	}
	for _, id := range slices.Sorted(maps.Keys(r.Flags)) {
		if !validID(id) {
			add("flags", "One of the questions about the case is filed under a name this tool cannot use: "+strconv.Quote(id)+".")
		}
	}

	ps = append(ps, validateStages(r, p, today)...)

	if r.State() == Closed && blank(r.Resolution) {
		add("resolution", "Say what was agreed to resolve the disagreement.")
	}

	for i, a := range r.Actions {
		n := strconv.Itoa(i + 1)
		if blank(a.What) {
			add("actions."+n+".what", "Say what action "+n+" is, or remove it.")
		}
		if !a.By.IsZero() && !r.Arose.IsZero() && a.By.Before(r.Arose) {
			add("actions."+n+".by", "The date action "+n+" is due cannot be before the disagreement arose ("+LongDate(r.Arose)+").")
		}
	}

	if g := r.Feedback.Given; !g.IsZero() {
		switch {
		case !r.Arose.IsZero() && g.Before(r.Arose):
			add("feedback.given", "Feedback cannot have been given before the disagreement arose ("+LongDate(r.Arose)+").")
		case future(g):
			add("feedback.given", "The date feedback was given must be today or in the past.")
		}
	}

	switch {
	case !r.Created.IsZero() && !r.Updated.IsZero() && r.Updated.Before(r.Created):
		add("updated", "The record says it was last changed before it was created.")
	case future(r.Created) || future(r.Updated):
		add("updated", "The record says it was changed after today. Check your device's date.")
	}
	return ps
}

// validateStages checks the stages list against the state machine's rules.
func validateStages(r *Record, p *protocol.Protocol, today workday.Date) []Problem {
	var ps []Problem
	add := func(field, msg string) { ps = append(ps, Problem{field, msg}) }
	if len(r.Stages) == 0 {
		add("stages", "The record has no stages. It must have at least the stage under way.")
		return ps
	}
	first := r.Stages[0].Stage
	if first > 1 && first <= len(p.Stages) && urgentSet(r, p) == nil {
		add("start_stage", "The record starts at "+stageName(first)+", which is only allowed when the case is urgent. Set the urgent question about the case, or start at stage 1.")
	}
	var prev *Stage
	for i := range r.Stages {
		s := &r.Stages[i]
		n := s.Stage
		if stageDef(p, n) == nil {
			add(stageField(n, "started"), "This procedure has no "+stageName(n)+": it has "+plural(len(p.Stages), "stage", "stages")+".")
			return ps // later checks would only repeat the damage
		}
		if prev != nil && n != prev.Stage+1 {
			add(stageField(n, "started"), "The stages must follow in order: "+stageName(n)+" comes after "+stageName(prev.Stage)+".")
			return ps
		}
		var prevCompleted workday.Date
		if prev != nil {
			prevCompleted = prev.Completed
		}
		if err := checkStarted(r, n, s.Started, prevCompleted, today); err != nil {
			ps = append(ps, err.(Problem))
		}
		last := i == len(r.Stages)-1
		switch s.Outcome {
		case "", Resolved, NotResolved:
		default:
			add(stageField(n, "outcome"), "Say whether "+stageName(n)+" resolved the disagreement.")
		}
		switch {
		case s.Completed.IsZero() && s.Outcome != "":
			add(stageField(n, "completed"), "Enter the date "+stageName(n)+" was completed.")
		case !s.Completed.IsZero() && s.Outcome == "":
			add(stageField(n, "outcome"), "Say whether "+stageName(n)+" resolved the disagreement.")
		case !s.Completed.IsZero() && !s.Started.IsZero() && s.Completed.Before(s.Started):
			add(stageField(n, "completed"), capital(stageName(n))+" cannot be completed before it started ("+LongDate(s.Started)+").")
		case !today.IsZero() && s.Completed.After(today):
			add(stageField(n, "completed"), "The date "+stageName(n)+" was completed must be today or in the past.")
		}
		if !last {
			switch s.Outcome {
			case Resolved:
				add(stageField(n, "outcome"), capital(stageName(n))+" resolved the disagreement, so the record cannot go on to "+stageName(n+1)+".")
			case "":
				if !s.Completed.IsZero() {
					break // already reported: no outcome
				}
				add(stageField(n, "completed"), capital(stageName(n))+" must be completed before "+stageName(n+1)+" starts.")
			}
		} else if s.Outcome == NotResolved && n < len(p.Stages) {
			add(stageField(n+1, "started"), capital(stageName(n))+" did not resolve the disagreement, so "+stageName(n+1)+" should have started. Enter the date it started.")
		}
		prev = s
	}
	return ps
}

// validRecordID reports whether id is usable as a record identifier: 1 to
// 64 ASCII letters, digits and '-'.
func validRecordID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// Leftovers returns, sorted, the answer and flag ids of r that p does not
// have: kept from an earlier version of the procedure.
func Leftovers(r *Record, p *protocol.Protocol) (answers, flags []string) {
	for id := range r.Answers {
		if !hasQuestion(p, id) {
			answers = append(answers, id)
		}
	}
	for id := range r.Flags {
		if flagDef(p, id) == nil {
			flags = append(flags, id)
		}
	}
	sort.Strings(answers)
	sort.Strings(flags)
	return answers, flags
}
