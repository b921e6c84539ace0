package escalation

import (
	"maps"
	"slices"
	"sort"
	"strconv"

	"resolve/internal/protocol"
	"resolve/internal/words"
	"resolve/internal/workday"
)

// Validate lists everything wrong with r as a record of protocol p, in the
// order of the form: what damages it (see Damage), then what is still to
// finish or put right, in form order: the case details, the template answers
// in the protocol's order, the flags, each stage, the resolution, the actions
// and the feedback. An empty list means r is a complete, consistent record.
// A record with problems is still a record: it can be saved and opened
// again, and the list says what is left to do. Dates after today are
// problems unless today is the zero Date.
//
// Answers and flags under ids the protocol no longer has are not problems:
// they are kept (see Leftovers), so nothing a practitioner wrote is lost when
// the procedure changes.
func Validate(r *Record, p *protocol.Protocol, today workday.Date) []Problem {
	damage := Damage(r, p)
	ps := damage
	add := func(field, msg string) { ps = append(ps, Problem{field, msg}) }
	future := func(d workday.Date) bool { return !today.IsZero() && d.After(today) }

	switch {
	case r.Arose.IsZero():
		add(FieldArose, "Enter the date the disagreement arose.")
	case future(r.Arose):
		add(FieldArose, "The date the disagreement arose must be today or in the past.")
	}

	if len(damage) == 0 {
		ps = append(ps, validateStages(r, p, today)...)
	}
	if r.Contact != "" && validID(r.Contact) && p.ContactByID(r.Contact) == nil {
		add(FieldContact, "The partnership contact chosen is no longer in the procedure. Choose the contact again.")
	}

	if r.State() == Closed && blank(r.Resolution) {
		add(FieldResolution, "Say what was agreed to resolve the disagreement.")
	}

	for i, a := range r.Actions {
		n := strconv.Itoa(i + 1)
		if blank(a.What) {
			add(ActionField(i+1, ActionWhat), "Say what action "+n+" is, or remove it.")
		}
		if !a.By.IsZero() && !r.Arose.IsZero() && a.By.Before(r.Arose) {
			add(ActionField(i+1, ActionBy), "The date action "+n+" is due cannot be before the disagreement arose ("+LongDate(r.Arose)+").")
		}
	}

	if g := r.Feedback.Given; !g.IsZero() {
		switch {
		case !r.Arose.IsZero() && g.Before(r.Arose):
			add(FieldFeedbackGiven, "Feedback cannot have been given before the disagreement arose ("+LongDate(r.Arose)+").")
		case future(g):
			add(FieldFeedbackGiven, "The date feedback was given must be today or in the past.")
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

// Damage lists what makes r unusable as a record of p, as no form could
// have saved it: another format or version, a damaged identifier, another
// procedure, names that are not ids, an agency sector not in the list,
// stage numbers the procedure does not have or that do not follow in
// order, an outcome that is neither of the two words. Import refuses a file
// with damage; anything else wrong is for the practitioner to put right.
func Damage(r *Record, p *protocol.Protocol) []Problem {
	var ps []Problem
	add := func(field, msg string) { ps = append(ps, Problem{field, msg}) }
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
	for _, f := range []struct{ field, id string }{{FieldAgencySector, r.AgencySector}, {FieldOtherAgencySector, r.OtherAgencySector}} {
		if f.id != "" && SectorLabel(f.id) == "" {
			add(f.field, "The kind of agency "+strconv.Quote(f.id)+" is not one this tool knows.")
		}
	}
	if r.Contact != "" && !validID(r.Contact) {
		add(FieldContact, "The partnership contact is filed under a name this tool cannot use.")
	}
	for _, id := range r.DutiesDone {
		if !validID(id) {
			add("duties_done", "One of the duties ticked off is filed under a name this tool cannot use.")
			break
		}
	}
	for i, s := range r.Stages {
		n := s.Stage
		switch {
		case stageDef(p, n) == nil:
			add(StageField(n, StageStarted), "This procedure has no "+stageName(n)+": it has "+words.Count(len(p.Stages), "stage", "stages")+".")
			return ps // later checks would only repeat the damage
		case i > 0 && n != r.Stages[i-1].Stage+1:
			add(StageField(n, StageStarted), "The stages must follow in order: "+stageName(n)+" comes after "+stageName(r.Stages[i-1].Stage)+".")
			return ps
		}
		switch s.Outcome {
		case "", Resolved, NotResolved:
		default:
			add(StageField(n, StageOutcome), "The outcome of "+stageName(n)+" is not one this tool knows.")
		}
	}
	return ps
}

// validateStages checks the stages, whose numbers Damage has checked,
// against the procedure's rules: what is left to enter, and dates that
// cannot be right.
func validateStages(r *Record, p *protocol.Protocol, today workday.Date) []Problem {
	var ps []Problem
	add := func(field, msg string) { ps = append(ps, Problem{field, msg}) }
	if first := r.first(); first > 1 && !laterStartAllowed(r, p) {
		if f := p.LaterStartFlag(); f != nil {
			add(FieldStartStage, "The record starts at "+stageName(first)+", which this procedure allows only if the answer to \""+f.Question+"\" is yes. Answer it, or start at stage 1.")
		} else {
			add(FieldStartStage, "The record starts at "+stageName(first)+", but this procedure starts every record at stage 1.")
		}
	}
	var prevCompleted workday.Date
	for i := range r.Stages {
		s := &r.Stages[i]
		n := s.Stage
		if err := checkStarted(r, n, s.Started, prevCompleted, today); err != nil {
			ps = append(ps, err.(Problem))
		}
		last := i == len(r.Stages)-1
		start, _ := r.StartOf(n)
		switch {
		case s.Completed.IsZero() && s.Outcome != "":
			add(StageField(n, StageCompleted), "Enter the date "+stageName(n)+" was completed.")
		case !s.Completed.IsZero() && s.Outcome == "":
			add(StageField(n, StageOutcome), "Say whether "+stageName(n)+" resolved the disagreement.")
		}
		switch {
		case s.Completed.IsZero():
		case !start.IsZero() && s.Completed.Before(start):
			add(StageField(n, StageCompleted), capital(stageName(n))+" cannot be completed before it started ("+LongDate(start)+").")
		case !today.IsZero() && s.Completed.After(today):
			add(StageField(n, StageCompleted), "The date "+stageName(n)+" was completed must be today or in the past.")
		}
		if !last {
			switch {
			case s.Outcome == Resolved:
				add(StageField(n, StageOutcome), capital(stageName(n))+" resolved the disagreement, so the record cannot go on to "+stageName(n+1)+". Clear what is entered for "+stageName(n+1)+", or change the outcome.")
			case s.Outcome == "" && s.Completed.IsZero():
				add(StageField(n, StageCompleted), "Enter the date "+stageName(n)+" was completed, and its outcome: the record goes on to "+stageName(n+1)+".")
			}
		} else if s.Outcome == NotResolved && n < len(p.Stages) {
			add(StageField(n+1, StageStarted), capital(stageName(n))+" did not resolve the disagreement, so "+stageName(n+1)+" comes next.")
		}
		if !s.Completed.IsZero() {
			prevCompleted = s.Completed
		}
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
