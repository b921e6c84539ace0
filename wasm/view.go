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
}

// stageView is one stage's due date and status, in words.
type stageView struct {
	N      int
	Due    string // "Friday 3 January 2025", or why there is no date
	Status string // "Not due yet: 2 working days left"
	Tag    string // the task list's short status
	Class  string // the tag's colour: tag-grey, tag-blue, tag-red, tag-green, tag-yellow
}

// dutyView is one thing the practitioner must do now.
type dutyView struct {
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

// read reads the form into a record, with the problems reading found.
func (e *engine) read(v values, m meta) (*escalation.Record, []escalation.Problem) {
	return record(v, e.p, m, e.today)
}

// problems lists everything wrong with the form, in page order, one per
// field: the problems of reading it first, then the engine's rules.
func (e *engine) problems(v values, m meta) []escalation.Problem {
	r, ps := e.read(v, m)
	for _, pr := range escalation.Validate(r, e.p, e.today) {
		// A start date left blank is taken from the date before it; when
		// that is missing too, the problem is reported there, not here.
		if f, ok := strings.CutSuffix(pr.Field, ".started"); ok && strings.HasPrefix(f, "stages.") && !dateTyped(v, pr.Field) {
			if n, err := strconv.Atoi(strings.TrimPrefix(f, "stages.")); err == nil && startOf(r, n).IsZero() {
				continue
			}
		}
		ps = append(ps, pr)
	}
	return sortProblems(ps, fieldOrder(e.p, actionRows(v)))
}

// view works out what the page shows for the form values v.
func (e *engine) view(v values, m meta) view {
	r, _ := e.read(v, m)
	var out view
	if r.Arose.IsZero() {
		// Without the date the disagreement arose there is nothing to count from.
		for n := range e.p.Stages {
			out.Stages = append(out.Stages, stageView{N: n + 1, Due: "enter the date the disagreement arose to see this",
				Status: "Not started", Tag: "Not started", Class: "tag-grey"})
		}
		out.Duties = e.flagDuties(r)
		out.Duties = append(out.Duties, dutyView{Text: "Enter the date the disagreement arose to see when each stage is due."})
	} else {
		for _, st := range escalation.Statuses(r, e.p, e.cal, e.today) {
			tag, class := stageTag(st.Kind)
			out.Stages = append(out.Stages, stageView{N: st.Stage, Due: st.DueText(), Status: capital(st.Text()), Tag: tag, Class: class})
		}
		for _, d := range escalation.Duties(r, e.p, e.cal, e.today) {
			out.Duties = append(out.Duties, dutyView{Text: d.Text, Urgent: d.Urgent, Done: d.Done})
		}
	}

	prepare := []string{"reference", "agency", "other_agency", "raised_by"}
	answered := 0
	for _, q := range e.p.Template {
		if strings.TrimSpace(v["answers."+q.ID]) != "" {
			answered++
		}
	}
	switch {
	case !r.Arose.IsZero() && answered == len(e.p.Template):
		out.Tasks = append(out.Tasks, done("section-prepare"))
	case answered > 0 || dateTyped(v, "arose") || anyTyped(v, prepare):
		out.Tasks = append(out.Tasks, inProgress("section-prepare"))
	default:
		out.Tasks = append(out.Tasks, notStarted("section-prepare"))
	}

	if len(e.p.Flags) > 0 {
		facts := 0
		for _, f := range e.p.Flags {
			if v["flags."+f.ID] != "" {
				facts++
			}
		}
		switch facts {
		case len(e.p.Flags):
			out.Tasks = append(out.Tasks, done("section-facts"))
		case 0:
			out.Tasks = append(out.Tasks, notStarted("section-facts"))
		default:
			out.Tasks = append(out.Tasks, inProgress("section-facts"))
		}
	}

	for _, s := range out.Stages {
		out.Tasks = append(out.Tasks, taskView{Section: "section-stage-" + strconv.Itoa(s.N), Status: s.Tag, Class: s.Class})
	}

	resolution := []string{"resolution", "feedback.how"}
	for i := 1; i <= actionRows(v); i++ {
		resolution = append(resolution, actionField(i, "what"), actionField(i, "who"))
	}
	switch {
	case r.State() == escalation.Closed && strings.TrimSpace(r.Resolution) != "":
		out.Tasks = append(out.Tasks, done("section-resolution"))
	case anyTyped(v, resolution) || dateTyped(v, "feedback.given"):
		out.Tasks = append(out.Tasks, inProgress("section-resolution"))
	default:
		out.Tasks = append(out.Tasks, notStarted("section-resolution"))
	}
	return out
}

// flagDuties lists the actions of the flags set, urgent first, for a record
// that has no dates yet.
func (e *engine) flagDuties(r *escalation.Record) []dutyView {
	var urgent, other []dutyView
	for _, f := range e.p.Flags {
		if !r.Flags[f.ID] || f.FromStage > 1 {
			continue
		}
		if f.Urgent {
			urgent = append(urgent, dutyView{Text: f.Action, Urgent: true})
		} else {
			other = append(other, dutyView{Text: f.Action})
		}
	}
	return append(urgent, other...)
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
	case escalation.NotDueYet, escalation.NoTimescale:
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

// startOf returns the start date of stage n in r, or the zero Date.
func startOf(r *escalation.Record, n int) workday.Date {
	for _, s := range r.Stages {
		if s.Stage == n {
			return s.Started
		}
	}
	return workday.Date{}
}
