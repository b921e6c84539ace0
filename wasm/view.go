package main

import (
	"strconv"
	"strings"

	"resolve/internal/escalation"
	"resolve/internal/protocol"
	"resolve/internal/workday"
)

// engine is what the module knows that does not change while the page is
// open: the protocol, its calendar and the practitioner's date.
type engine struct {
	p     *protocol.Protocol
	cal   *workday.Calendar
	today workday.Date
}

// view is what the page shows for one state of the form.
type view struct {
	Stages []stageView
	Duties []dutyView
	Tasks  []taskView
	Next   string // the foot of the screen: the stage under way and when it is due
	// AuditStage is the stage that ended the disagreement while the
	// protocol asks for the record's audit return now and it is not ticked
	// off as sent: the stage's section offers the download. 0 otherwise.
	AuditStage int
	Suggest    []suggestion // dates offered beside stages' start dates
}

// stageView is one stage's due date and status, in words.
type stageView struct {
	N      int
	Due    string // "Friday 3 January 2025", or why there is no date
	Status string // "Not due yet: 2 working days left"
	Tag    string // the task list's short status
	Class  string // the tag's colour: tag-grey, tag-blue, tag-red, tag-green, tag-yellow
	Fix    string // the field to put right before the due date can be known, or ""
	// Reached is whether the record has reached the stage: a stage not
	// reached has nothing of the record to print.
	Reached bool
}

// dutyView is one thing the practitioner must do now.
type dutyView struct {
	ID     string // what ticking it off records; "" for the next step, which is not ticked
	Text   string
	Urgent bool
	Done   bool
}

// taskView is one section's status in the task list.
type taskView struct {
	Section string // the section's id
	Status  string
	Class   string
}

// suggestion is a date that follows from another, offered beside a field
// that is blank: never filled in, never saved unless the practitioner uses it.
type suggestion struct {
	Field string
	Date  workday.Date
	Text  string
}

// read reads the form into a record, with the problems reading found.
func (e *engine) read(v values, m meta) (*escalation.Record, []escalation.Problem) {
	return record(v, e.p, m, e.today)
}

// problems lists everything wrong or still to do in the form, in page
// order, one per field: the problems of reading it first, then the
// engine's rules.
func (e *engine) problems(v values, m meta) []escalation.Problem {
	r, ps := e.read(v, m)
	ps = append(ps, escalation.Validate(r, e.p, e.today)...)
	return sortProblems(ps, fieldOrder(e.p, actionRows(v)))
}

// view works out what the page shows for the form values v.
func (e *engine) view(v values, m meta) view {
	r, ps := e.read(v, m)
	bad := map[string]string{}
	for _, pr := range ps {
		bad[pr.Field] = pr.Message
	}
	var out view
	statuses := escalation.Statuses(r, e.p, e.cal, e.today)
	for _, st := range statuses {
		kind := st.Kind
		if r.Arose.IsZero() && (kind == escalation.NotDueYet || kind == escalation.NoTimescale) && !begun(r, st.Stage) {
			kind = escalation.NotStarted // nothing to count from, nothing entered: not begun
		}
		tag, class := stageTag(kind)
		sv := stageView{N: st.Stage, Due: st.DueText(), Status: capital(st.Text()), Tag: tag, Class: class}
		if kind != st.Kind {
			sv.Status = "Not started"
		}
		switch st.Kind {
		case escalation.NotStarted, escalation.NotNeeded, escalation.Skipped:
		default:
			sv.Reached = true
		}
		if st.Timescale {
			for _, f := range e.dependsOn(r, st.Stage) {
				if msg, ok := bad[f]; ok {
					sv.Due, sv.Fix = "not known until a date is put right: "+msg, f
					break
				}
			}
			if sv.Fix == "" && r.Arose.IsZero() && st.Kind != escalation.Skipped && st.Kind != escalation.NotNeeded {
				sv.Due, sv.Fix = "enter the date the disagreement arose to see this", escalation.FieldArose
			}
		}
		out.Stages = append(out.Stages, sv)
	}
	for _, d := range escalation.Duties(r, e.p, e.cal, e.today) {
		dv := dutyView{Text: d.Text, Urgent: d.Urgent, Done: d.Done}
		if d.Kind != escalation.DutyNext {
			dv.ID = d.ID
		}
		if d.Kind == escalation.DutyAudit && !d.Done {
			out.AuditStage = d.Stage
		}
		out.Duties = append(out.Duties, dv)
	}
	out.Next = e.next(r, statuses, bad)
	out.Suggest = e.suggestions(r, v)
	out.Tasks = e.tasks(v, r, out.Stages)
	return out
}

// begun reports whether anything is entered for stage n of r.
func begun(r *escalation.Record, n int) bool {
	for _, s := range r.Stages {
		if s.Stage == n {
			return !s.Started.IsZero() || s.With != "" || s.Notes != ""
		}
	}
	return false
}

// dependsOn lists the date fields stage n's due date is counted from, the
// nearest first.
func (e *engine) dependsOn(r *escalation.Record, n int) []string {
	var out []string
	for ; n >= 1; n-- {
		d := e.p.Stages[n-1].Due
		if d == nil {
			return out
		}
		if d.After == protocol.AfterConcern {
			return append(out, escalation.FieldArose)
		}
		if len(r.Stages) > 0 && n <= r.Stages[0].Stage {
			return append(out, escalation.StageField(n, escalation.StageStarted), escalation.FieldArose)
		}
		out = append(out, escalation.StageField(n-1, escalation.StageCompleted))
	}
	return out
}

// next says, for the foot of the screen, where the record stands: the
// stage under way and when it is due.
func (e *engine) next(r *escalation.Record, statuses []escalation.Status, bad map[string]string) string {
	switch r.State() {
	case escalation.Closed:
		return "Resolved at stage " + strconv.Itoa(r.Stages[len(r.Stages)-1].Stage) + "."
	case escalation.Exhausted:
		return "Every stage of the procedure has been used."
	}
	if _, ok := bad[escalation.FieldArose]; ok || r.Arose.IsZero() {
		return "Enter the date the disagreement arose to see when each stage is due."
	}
	n := r.Stages[len(r.Stages)-1].Stage
	st := statuses[n-1]
	head := "Stage " + strconv.Itoa(n)
	switch {
	case st.Known:
		return head + " is due " + escalation.LongDate(st.Due) + ": " + st.Text() + "."
	case !st.Timescale:
		return head + ": " + lowerFirst(st.Words) + "."
	}
	return head + ": " + st.Text() + "."
}

// suggestions offers, beside each stage reached whose start date is blank,
// the date it follows from.
func (e *engine) suggestions(r *escalation.Record, v values) []suggestion {
	var out []suggestion
	for i, s := range r.Stages {
		field := escalation.StageField(s.Stage, escalation.StageStarted)
		if dateTyped(v, field) {
			continue
		}
		d, entered := r.StartOf(s.Stage)
		if entered || d.IsZero() {
			continue
		}
		why := "the day the disagreement arose"
		if i > 0 {
			why = "the day stage " + strconv.Itoa(s.Stage-1) + " was completed"
		}
		out = append(out, suggestion{Field: field, Date: d,
			Text: "Stage " + strconv.Itoa(s.Stage) + " probably started on " + escalation.LongDate(d) + ", " + why + ". It is counted from then, but it is not written into your record unless you use it."})
	}
	return out
}

// tasks gives each section of the form its status in the task list.
func (e *engine) tasks(v values, r *escalation.Record, stages []stageView) []taskView {
	var out []taskView
	prepare := []string{escalation.FieldReference, escalation.FieldAgency, escalation.FieldOtherAgency, escalation.FieldRaisedBy,
		escalation.FieldAgencySector, escalation.FieldOtherAgencySector}
	answered := 0
	for _, q := range e.p.Template {
		if strings.TrimSpace(v[escalation.AnswerField(q.ID)]) != "" {
			answered++
		}
	}
	switch {
	case !r.Arose.IsZero() && answered == len(e.p.Template):
		out = append(out, done(escalation.SectionPrepare))
	case answered > 0 || dateTyped(v, escalation.FieldArose) || anyTyped(v, prepare):
		out = append(out, inProgress(escalation.SectionPrepare))
	default:
		out = append(out, notStarted(escalation.SectionPrepare))
	}

	if len(e.p.Flags) > 0 {
		facts := 0
		for _, f := range e.p.Flags {
			if v[escalation.FlagField(f.ID)] != "" {
				facts++
			}
		}
		switch facts {
		case len(e.p.Flags):
			out = append(out, done(escalation.SectionFacts))
		case 0:
			out = append(out, notStarted(escalation.SectionFacts))
		default:
			out = append(out, inProgress(escalation.SectionFacts))
		}
	}

	for _, s := range stages {
		out = append(out, taskView{Section: escalation.StageSection(s.N), Status: s.Tag, Class: s.Class})
	}

	resolution := []string{escalation.FieldResolution, escalation.FieldFeedbackHow}
	for i := 1; i <= actionRows(v); i++ {
		resolution = append(resolution, escalation.ActionField(i, escalation.ActionWhat), escalation.ActionField(i, escalation.ActionWho))
	}
	switch {
	case r.State() == escalation.Closed && strings.TrimSpace(r.Resolution) != "":
		out = append(out, done(escalation.SectionResolution))
	case anyTyped(v, resolution) || dateTyped(v, escalation.FieldFeedbackGiven):
		out = append(out, inProgress(escalation.SectionResolution))
	default:
		out = append(out, notStarted(escalation.SectionResolution))
	}
	return out
}

func anyTyped(v values, names []string) bool {
	for _, n := range names {
		if strings.TrimSpace(v[n]) != "" {
			return true
		}
	}
	return false
}

func done(section string) taskView { return taskView{section, "Completed", "tag-green"} }
func inProgress(section string) taskView {
	return taskView{section, "In progress", "tag-blue"}
}
func notStarted(section string) taskView { return taskView{section, "Not started", "tag-grey"} }

// stageTag gives the task list's short status for a stage, and its colour.
func stageTag(k escalation.StatusKind) (string, string) {
	switch k {
	case escalation.Skipped:
		return "Skipped", "tag-grey"
	case escalation.NotDueYet, escalation.NoTimescale, escalation.OutcomeOnly:
		return "In progress", "tag-blue"
	case escalation.DueToday:
		return "Due today", "tag-yellow"
	case escalation.Overdue:
		return "Overdue", "tag-red"
	case escalation.CompletedOnTime, escalation.Completed:
		return "Completed", "tag-green"
	case escalation.CompletedLate:
		return "Completed late", "tag-green"
	case escalation.NotNeeded:
		return "Not needed", "tag-grey"
	}
	return "Not started", "tag-grey"
}

// capital returns s with its first letter in upper case (ASCII).
func capital(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
