package main

import (
	"strconv"
	"strings"
	"time"

	"resolve/internal/escalation"
	"resolve/internal/protocol"
	"resolve/internal/workday"
)

// values is the form as typed: control name -> value. A radio group holds
// the value of its checked option, or nothing.
type values map[string]string

// meta is what a record carries that the form has no field for.
type meta struct {
	ID      string
	Created workday.Date
	Answers map[string]string // answers to questions the protocol no longer asks
	Flags   map[string]bool   // flags the protocol no longer has
}

// The values of the yes/no radios.
const (
	yes = "yes"
	no  = "no"
)

// The parts of a date field, as suffixes of its control names.
var dateParts = [3]string{"-day", "-month", "-year"}

// isDateField reports whether a field is entered as a date.
func isDateField(field string) bool {
	return field == "arose" || field == "feedback.given" ||
		strings.HasSuffix(field, ".started") || strings.HasSuffix(field, ".completed") ||
		(strings.HasPrefix(field, "actions.") && strings.HasSuffix(field, ".by"))
}

// stageField returns the field id of one field of stage n.
func stageField(n int, name string) string { return "stages." + strconv.Itoa(n) + "." + name }

// actionField returns the field id of one field of action i (from 1).
func actionField(i int, name string) string { return "actions." + strconv.Itoa(i) + "." + name }

// record reads the form into a record of p. It returns the record and the
// problems found while reading (dates that are not dates, details entered
// for stages before the starting stage); the engine's own rules are checked
// by escalation.Validate afterwards. The record is never nil.
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
		Reference:   v["reference"],
		Agency:      v["agency"],
		OtherAgency: v["other_agency"],
		RaisedBy:    v["raised_by"],
		Arose:       date("arose", "The date the disagreement arose"),
		Answers:     map[string]string{},
		Flags:       map[string]bool{},
		Resolution:  v["resolution"],
		Created:     m.Created,
		Updated:     today,
	}
	for id, text := range m.Answers {
		r.Answers[id] = text
	}
	for id, set := range m.Flags {
		r.Flags[id] = set
	}
	for _, q := range p.Template {
		if text := v["answers."+q.ID]; text != "" {
			r.Answers[q.ID] = text
		}
	}
	for _, f := range p.Flags {
		switch v["flags."+f.ID] {
		case yes:
			r.Flags[f.ID] = true
		case no:
			r.Flags[f.ID] = false
		}
	}

	// Stages: from the starting stage to the last one with anything entered
	// or opened by a stage that did not resolve the disagreement.
	type stageIn struct {
		started, completed workday.Date
		with, notes        string
		outcome            string
		any                bool
	}
	in := make([]stageIn, len(p.Stages)+1)
	for n := 1; n <= len(p.Stages); n++ {
		s := &in[n]
		s.started = date(stageField(n, "started"), "The date stage "+strconv.Itoa(n)+" started")
		s.completed = date(stageField(n, "completed"), "The date stage "+strconv.Itoa(n)+" was completed")
		s.with = v[stageField(n, "with")]
		s.notes = v[stageField(n, "notes")]
		s.outcome = v[stageField(n, "outcome")]
		s.any = s.with != "" || s.notes != "" || s.outcome != "" ||
			dateTyped(v, stageField(n, "started")) || dateTyped(v, stageField(n, "completed"))
	}
	first := 1
	if n, err := strconv.Atoi(v["start_stage"]); err == nil && n >= 1 && n <= len(p.Stages) {
		first = n
	}
	for n := 1; n < first; n++ {
		if in[n].any {
			ps = append(ps, escalation.Problem{Field: "start_stage", Message: "You have chosen to start at stage " + strconv.Itoa(first) +
				", but you have entered details for stage " + strconv.Itoa(n) + ". Start at stage " + strconv.Itoa(n) + ", or clear what you entered for it."})
			break
		}
	}
	last := first
	for n := first; n <= len(p.Stages); n++ {
		if in[n].any {
			last = n
		}
		if n < len(p.Stages) && in[n].outcome == escalation.NotResolved && n+1 > last {
			last = n + 1
		}
	}
	r.Stages = []escalation.Stage{}
	for n := first; n <= last; n++ {
		s := in[n]
		started := s.started
		if started.IsZero() && !dateTyped(v, stageField(n, "started")) {
			// Left blank: the first stage starts when the disagreement
			// arose, a later one when the stage before it was completed.
			if n == first {
				started = r.Arose
			} else {
				started = in[n-1].completed
			}
		}
		r.Stages = append(r.Stages, escalation.Stage{
			Stage: n, Started: started, Completed: s.completed,
			With: s.with, Notes: s.notes, Outcome: s.outcome,
		})
	}

	for i := 1; i <= actionRows(v); i++ {
		a := escalation.Action{What: v[actionField(i, "what")], Who: v[actionField(i, "who")]}
		typed := dateTyped(v, actionField(i, "by"))
		a.By = date(actionField(i, "by"), "The date action "+strconv.Itoa(i)+" is due")
		if a.What == "" && a.Who == "" && !typed {
			continue // an empty row is not an action
		}
		r.Actions = append(r.Actions, a)
	}
	r.Feedback = escalation.Feedback{
		Given: date("feedback.given", "The date feedback was given"),
		How:   v["feedback.how"],
	}
	if r.Created.IsZero() {
		r.Created = today
	}
	return r, ps
}

// actionRows returns the number of action rows the values fill: the highest
// action number any value names.
func actionRows(v values) int {
	n := 0
	for name := range v {
		rest, ok := strings.CutPrefix(name, "actions.")
		if !ok {
			continue
		}
		num, _, _ := strings.Cut(rest, ".")
		if i, err := strconv.Atoi(num); err == nil && i > n && i < 1000 {
			n = i
		}
	}
	return n
}

// dateTyped reports whether any part of a date field has something in it.
func dateTyped(v values, field string) bool {
	for _, part := range dateParts {
		if strings.TrimSpace(v[field+part]) != "" {
			return true
		}
	}
	return false
}

// readDate reads a date typed as day, month and year. It returns the zero
// Date when nothing was typed, and a message in the GOV.UK pattern's words
// when the parts are incomplete or are not a real date.
func readDate(v values, field, label string) (workday.Date, string) {
	var raw [3]string
	var missing []string
	for i, part := range dateParts {
		raw[i] = strings.TrimSpace(v[field+part])
		if raw[i] == "" {
			missing = append(missing, part[1:])
		}
	}
	switch len(missing) {
	case 3:
		return workday.Date{}, ""
	case 2:
		return workday.Date{}, label + " must include a " + missing[0] + " and " + missing[1] + "."
	case 1:
		return workday.Date{}, label + " must include a " + missing[0] + "."
	}
	var num [3]int
	for i, s := range raw {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return workday.Date{}, label + " must be a real date, written in numbers."
		}
		num[i] = n
	}
	if len(raw[2]) != 4 {
		return workday.Date{}, "The year in " + lowerFirst(label) + " must include 4 numbers."
	}
	d, m, y := num[0], num[1], num[2]
	if m < 1 || m > 12 || d < 1 || d > workday.DaysIn(y, time.Month(m)) || y < 1900 || y > 2999 {
		return workday.Date{}, label + " must be a real date."
	}
	return workday.Date{Year: y, Month: time.Month(m), Day: d}, ""
}

// lowerFirst lowers the first letter of s ("The date" -> "the date").
func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return string(s[0]-'A'+'a') + s[1:]
}

// formValues is the form filled from a record: the inverse of record for
// every value the form has a field for. Values the form cannot show
// (answers to questions the protocol no longer asks) go into the meta.
func formValues(r *escalation.Record, p *protocol.Protocol) (values, meta) {
	v := values{
		"reference":    r.Reference,
		"agency":       r.Agency,
		"other_agency": r.OtherAgency,
		"raised_by":    r.RaisedBy,
		"resolution":   r.Resolution,
		"feedback.how": r.Feedback.How,
	}
	setDate(v, "arose", r.Arose)
	setDate(v, "feedback.given", r.Feedback.Given)
	for _, q := range p.Template {
		v["answers."+q.ID] = r.Answers[q.ID]
	}
	for _, f := range p.Flags {
		if set, ok := r.Flags[f.ID]; ok {
			v["flags."+f.ID] = no
			if set {
				v["flags."+f.ID] = yes
			}
		}
	}
	if len(r.Stages) > 0 {
		v["start_stage"] = strconv.Itoa(r.Stages[0].Stage)
	}
	for _, s := range r.Stages {
		setDate(v, stageField(s.Stage, "started"), s.Started)
		setDate(v, stageField(s.Stage, "completed"), s.Completed)
		v[stageField(s.Stage, "with")] = s.With
		v[stageField(s.Stage, "notes")] = s.Notes
		v[stageField(s.Stage, "outcome")] = s.Outcome
	}
	for i, a := range r.Actions {
		v[actionField(i+1, "what")] = a.What
		v[actionField(i+1, "who")] = a.Who
		setDate(v, actionField(i+1, "by"), a.By)
	}
	m := meta{ID: r.ID, Created: r.Created}
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

// setDate writes d into a date field's three parts, or clears them.
func setDate(v values, field string, d workday.Date) {
	if d.IsZero() {
		for _, part := range dateParts {
			v[field+part] = ""
		}
		return
	}
	v[field+"-day"] = strconv.Itoa(d.Day)
	v[field+"-month"] = strconv.Itoa(int(d.Month))
	v[field+"-year"] = strconv.Itoa(d.Year)
}

// fieldOrder lists the form's fields in page order, for sorting problems
// into the order the practitioner meets them.
func fieldOrder(p *protocol.Protocol, actions int) []string {
	f := []string{"reference", "agency", "other_agency", "raised_by", "arose"}
	for _, q := range p.Template {
		f = append(f, "answers."+q.ID)
	}
	for _, fl := range p.Flags {
		f = append(f, "flags."+fl.ID)
	}
	f = append(f, "start_stage")
	for n := 1; n <= len(p.Stages); n++ {
		for _, name := range []string{"started", "with", "notes", "completed", "outcome"} {
			f = append(f, stageField(n, name))
		}
	}
	f = append(f, "resolution")
	for i := 1; i <= actions; i++ {
		f = append(f, actionField(i, "what"), actionField(i, "who"), actionField(i, "by"))
	}
	return append(f, "feedback.given", "feedback.how")
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

// anchor returns the id of the control an error about field links to: the
// day of a date, the first option of a radio group, else the control named
// by the field. A problem about the record as a whole (its format, its
// dates of change) links to the form itself.
func anchor(field string) string {
	switch {
	case isDateField(field):
		return field + "-day"
	case isFormField(field):
		return field
	}
	return "record-form"
}

// isFormField reports whether the form has a control for field.
func isFormField(field string) bool {
	switch field {
	case "reference", "agency", "other_agency", "raised_by", "start_stage", "resolution", "feedback.how":
		return true
	}
	for _, prefix := range []string{"answers.", "flags."} {
		if strings.HasPrefix(field, prefix) && len(field) > len(prefix) {
			return true
		}
	}
	if rest, ok := strings.CutPrefix(field, "stages."); ok {
		_, name, _ := strings.Cut(rest, ".")
		return name == "with" || name == "notes" || name == "outcome"
	}
	if rest, ok := strings.CutPrefix(field, "actions."); ok {
		_, name, _ := strings.Cut(rest, ".")
		return name == "what" || name == "who"
	}
	return false
}

// sectionOf returns the id of the section a field is in.
func sectionOf(field string) string {
	switch {
	case strings.HasPrefix(field, "stages."):
		n, _, _ := strings.Cut(strings.TrimPrefix(field, "stages."), ".")
		return "section-stage-" + n
	case strings.HasPrefix(field, "flags.") || field == "start_stage":
		return "section-facts"
	case field == "resolution" || strings.HasPrefix(field, "actions.") || strings.HasPrefix(field, "feedback."):
		return "section-resolution"
	}
	return "section-prepare"
}

// fieldOf returns the field a control's name belongs to: a date part's
// name without its suffix, else the name itself.
func fieldOf(name string) string {
	for _, part := range dateParts {
		if f, ok := strings.CutSuffix(name, part); ok && isDateField(f) {
			return f
		}
	}
	return name
}

// fileName makes the name of a downloaded file: the protocol id, what the
// file is, the practitioner's reference made safe for a file name, and the
// date, such as "hips-record-abc-123-2025-01-03.json". The reference is
// left out unless withRef is true: an audit return names no case.
func fileName(protocolID, what, reference string, withRef bool, today workday.Date, ext string) string {
	parts := []string{protocolID, what}
	if withRef {
		if ref := slug(reference); ref != "" {
			parts = append(parts, ref)
		}
	}
	if !today.IsZero() {
		parts = append(parts, today.String())
	}
	return strings.Join(parts, "-") + ext
}

// slug lowers s and keeps letters and digits, joining runs of anything
// else with one hyphen, to at most 40 characters.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		if b.Len() >= 40 {
			break
		}
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(c)
		default:
			dash = true
		}
	}
	return b.String()
}
