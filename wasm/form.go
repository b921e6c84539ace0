package main

import (
	"strconv"
	"strings"

	"resolve/internal/escalation"
	"resolve/internal/protocol"
	"resolve/internal/workday"
)

// values is the form as typed: control name -> value. A radio group holds
// the value of its checked option, or nothing.
type values map[string]string

// meta is what a record carries that the form has no control for.
type meta struct {
	ID         string
	Created    workday.Date
	Answers    map[string]string // answers to questions the protocol no longer asks
	Flags      map[string]bool   // flags the protocol no longer has
	DutiesDone []string          // the duties ticked off in "What to do now"
}

// record reads the form into a record of p. It returns the record and the
// problems found while reading (dates that are not dates, details entered
// for stages before the starting stage); the engine's own rules are checked
// by escalation.Validate afterwards. The record is never nil, and holds
// only what was typed: a date left blank stays blank, even where another
// date suggests it.
func record(v values, p *protocol.Protocol, m meta, today workday.Date) (*escalation.Record, []escalation.Problem) {
	var ps []escalation.Problem
	date := func(field, label string) workday.Date {
		d, prob := readDate(v, field, label)
		if prob != "" {
			ps = append(ps, escalation.Problem{Field: field, Message: prob})
		}
		return d
	}
	r := &escalation.Record{
		Format:      escalation.Format,
		Version:     escalation.Version,
		ID:          m.ID,
		Protocol:    escalation.ProtocolRef{ID: p.ID, Version: p.Version, Calendar: p.Calendar},
		Reference:   v[escalation.FieldReference],
		Agency:      v[escalation.FieldAgency],
		OtherAgency: v[escalation.FieldOtherAgency],
		RaisedBy:    v[escalation.FieldRaisedBy],
		Arose:       date(escalation.FieldArose, "The date the disagreement arose"),
		Answers:     map[string]string{},
		Flags:       map[string]bool{},
		Resolution:  v[escalation.FieldResolution],
		DutiesDone:  append([]string(nil), m.DutiesDone...),
		Created:     m.Created,
		Updated:     today,
	}
	if s := v[escalation.FieldAgencySector]; escalation.SectorLabel(s) != "" {
		r.AgencySector = s
	}
	if s := v[escalation.FieldOtherAgencySector]; escalation.SectorLabel(s) != "" {
		r.OtherAgencySector = s
	}
	if c := p.ContactByID(v[escalation.FieldContact]); c != nil {
		r.Contact = c.ID
	}
	for id, text := range m.Answers {
		r.Answers[id] = text
	}
	for id, set := range m.Flags {
		r.Flags[id] = set
	}
	for _, q := range p.Template {
		if text := v[escalation.AnswerField(q.ID)]; text != "" {
			r.Answers[q.ID] = text
		}
	}
	for _, f := range p.Flags {
		switch v[escalation.FlagField(f.ID)] {
		case escalation.Yes:
			r.Flags[f.ID] = true
		case escalation.No:
			r.Flags[f.ID] = false
		}
	}
	var startProblems []escalation.Problem
	r.Stages, startProblems = readStages(v, p, date)
	ps = append(ps, startProblems...)

	for i := 1; i <= actionRows(v); i++ {
		a := escalation.Action{What: v[escalation.ActionField(i, escalation.ActionWhat)], Who: v[escalation.ActionField(i, escalation.ActionWho)]}
		typed := dateTyped(v, escalation.ActionField(i, escalation.ActionBy))
		a.By = date(escalation.ActionField(i, escalation.ActionBy), "The date action "+strconv.Itoa(i)+" is due")
		if a.What == "" && a.Who == "" && !typed {
			continue // an empty row is not an action
		}
		r.Actions = append(r.Actions, a)
	}
	r.Feedback = escalation.Feedback{
		Given: date(escalation.FieldFeedbackGiven, "The date feedback was given"),
		How:   v[escalation.FieldFeedbackHow],
	}
	if r.Created.IsZero() {
		r.Created = today
	}
	return r, ps
}

// readStages reads the stages: from the starting stage to the last one with
// anything entered, or opened by a stage that did not resolve the
// disagreement. The starting stage is always there, so a record is always
// somewhere in the procedure.
func readStages(v values, p *protocol.Protocol, date func(field, label string) workday.Date) ([]escalation.Stage, []escalation.Problem) {
	var ps []escalation.Problem
	type stageIn struct {
		s   escalation.Stage
		any bool
	}
	in := make([]stageIn, len(p.Stages)+1)
	for n := 1; n <= len(p.Stages); n++ {
		f := func(name string) string { return escalation.StageField(n, name) }
		s := escalation.Stage{
			Stage:     n,
			Started:   date(f(escalation.StageStarted), "The date stage "+strconv.Itoa(n)+" started"),
			Completed: date(f(escalation.StageCompleted), "The date stage "+strconv.Itoa(n)+" was completed"),
			With:      v[f(escalation.StageWith)],
			Notes:     v[f(escalation.StageNotes)],
			Outcome:   v[f(escalation.StageOutcome)],
		}
		in[n] = stageIn{s, s.With != "" || s.Notes != "" || s.Outcome != "" ||
			dateTyped(v, f(escalation.StageStarted)) || dateTyped(v, f(escalation.StageCompleted))}
	}
	first := startStage(v, p)
	for n := 1; n < first; n++ {
		if in[n].any {
			ps = append(ps, escalation.Problem{Field: escalation.FieldStartStage, Message: "You have chosen to start at stage " + strconv.Itoa(first) +
				", but you have entered details for stage " + strconv.Itoa(n) + ". Start at stage " + strconv.Itoa(n) + ", or clear what you entered for it."})
			break
		}
	}
	last := first
	for n := first; n <= len(p.Stages); n++ {
		if in[n].any {
			last = n
		}
		if n < len(p.Stages) && in[n].s.Outcome == escalation.NotResolved && n+1 > last {
			last = n + 1
		}
	}
	stages := []escalation.Stage{}
	for n := first; n <= last; n++ {
		stages = append(stages, in[n].s)
	}
	return stages, ps
}

// startStage returns the stage the form starts at: its start_stage choice
// where the protocol has one, else 1.
func startStage(v values, p *protocol.Protocol) int {
	if n, err := strconv.Atoi(v[escalation.FieldStartStage]); err == nil && n >= 1 && n <= len(p.Stages) {
		return n
	}
	return 1
}

// actionRows returns the number of action rows the values fill: the highest
// action number any value names.
func actionRows(v values) int {
	n := 0
	for name := range v {
		if i, _, ok := escalation.ActionOf(escalation.FieldOf(name)); ok && i > n {
			n = i
		}
	}
	return n
}

// formValues is the form filled from a record: the inverse of record for
// every value the form has a control for. Values the form cannot show
// (answers to questions the protocol no longer asks) go into the meta.
func formValues(r *escalation.Record, p *protocol.Protocol) (values, meta) {
	v := values{
		escalation.FieldReference:         r.Reference,
		escalation.FieldAgency:            r.Agency,
		escalation.FieldAgencySector:      r.AgencySector,
		escalation.FieldOtherAgency:       r.OtherAgency,
		escalation.FieldOtherAgencySector: r.OtherAgencySector,
		escalation.FieldRaisedBy:          r.RaisedBy,
		escalation.FieldContact:           r.Contact,
		escalation.FieldResolution:        r.Resolution,
		escalation.FieldFeedbackHow:       r.Feedback.How,
	}
	setDate(v, escalation.FieldArose, r.Arose)
	setDate(v, escalation.FieldFeedbackGiven, r.Feedback.Given)
	for _, q := range p.Template {
		v[escalation.AnswerField(q.ID)] = r.Answers[q.ID]
	}
	for _, f := range p.Flags {
		if set, ok := r.Flags[f.ID]; ok {
			v[escalation.FlagField(f.ID)] = escalation.No
			if set {
				v[escalation.FlagField(f.ID)] = escalation.Yes
			}
		}
	}
	if len(r.Stages) > 0 && p.LaterStartFlag() != nil {
		v[escalation.FieldStartStage] = strconv.Itoa(r.Stages[0].Stage)
	}
	for _, s := range r.Stages {
		f := func(name string) string { return escalation.StageField(s.Stage, name) }
		setDate(v, f(escalation.StageStarted), s.Started)
		setDate(v, f(escalation.StageCompleted), s.Completed)
		v[f(escalation.StageWith)] = s.With
		v[f(escalation.StageNotes)] = s.Notes
		v[f(escalation.StageOutcome)] = s.Outcome
	}
	for i, a := range r.Actions {
		v[escalation.ActionField(i+1, escalation.ActionWhat)] = a.What
		v[escalation.ActionField(i+1, escalation.ActionWho)] = a.Who
		setDate(v, escalation.ActionField(i+1, escalation.ActionBy), a.By)
	}
	m := meta{ID: r.ID, Created: r.Created, DutiesDone: append([]string(nil), r.DutiesDone...)}
	answers, flags := escalation.Leftovers(r, p)
	for _, id := range answers {
		if m.Answers == nil {
			m.Answers = map[string]string{}
		}
		m.Answers[id] = r.Answers[id]
	}
	for _, id := range flags {
		if m.Flags == nil {
			m.Flags = map[string]bool{}
		}
		m.Flags[id] = r.Flags[id]
	}
	return v, m
}

// fieldOrder lists the form's fields in page order, for sorting problems
// into the order the practitioner meets them.
func fieldOrder(p *protocol.Protocol, actions int) []string {
	f := []string{escalation.FieldReference, escalation.FieldAgency, escalation.FieldAgencySector,
		escalation.FieldOtherAgency, escalation.FieldOtherAgencySector, escalation.FieldRaisedBy, escalation.FieldArose}
	for _, q := range p.Template {
		f = append(f, escalation.AnswerField(q.ID))
	}
	for _, fl := range p.Flags {
		f = append(f, escalation.FlagField(fl.ID))
	}
	f = append(f, escalation.FieldStartStage)
	for n := 1; n <= len(p.Stages); n++ {
		if len(p.StageContacts(n)) > 1 {
			f = append(f, escalation.FieldContact)
		}
		for _, name := range []string{escalation.StageStarted, escalation.StageWith, escalation.StageNotes, escalation.StageCompleted, escalation.StageOutcome} {
			f = append(f, escalation.StageField(n, name))
		}
	}
	f = append(f, escalation.FieldResolution)
	for i := 1; i <= actions; i++ {
		f = append(f, escalation.ActionField(i, escalation.ActionWhat), escalation.ActionField(i, escalation.ActionWho), escalation.ActionField(i, escalation.ActionBy))
	}
	return append(f, escalation.FieldFeedbackGiven, escalation.FieldFeedbackHow)
}

// sortProblems puts problems in page order and drops repeats of the same
// field, keeping the first (a field shows one message at a time).
// Problems about no field of the form come first: they concern the whole
// record.
func sortProblems(ps []escalation.Problem, order []string) []escalation.Problem {
	rank := make(map[string]int, len(order))
	for i, f := range order {
		rank[f] = i + 1
	}
	out := make([]escalation.Problem, 0, len(ps))
	seen := map[string]bool{}
	for _, pr := range ps {
		if seen[pr.Field] {
			continue
		}
		seen[pr.Field] = true
		out = append(out, pr)
	}
	// Insertion sort: stable, and the lists are short.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && rank[out[j].Field] < rank[out[j-1].Field]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// hubID is the id of the page's hub: the task list of the sections.
const hubID = "tasks"

// fileName makes the name of a downloaded file: the protocol id, what the
// file is, the date and the start of the record's random id, such as
// "hips-record-2025-01-03-k2m4q6.json". Nothing the practitioner typed goes
// into it: a case reference in a file name would stay in download
// histories and recent-file lists.
func fileName(protocolID, what, recordID string, today workday.Date, ext string) string {
	parts := []string{protocolID, what}
	if !today.IsZero() {
		parts = append(parts, today.String())
	}
	if escalation.GeneratedID(recordID) { // never an identifier typed into a file by hand
		parts = append(parts, recordID[:6])
	}
	return strings.Join(parts, "-") + ext
}
