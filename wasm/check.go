//go:build js && wasm

package main

import (
	"strings"

	"resolve/internal/dom"
	"resolve/internal/escalation"
)

// summaryMode is what the summary box at the top of the page is showing.
type summaryMode int

const (
	summaryNone   summaryMode = iota
	summaryErrors             // problems found as the practitioner left fields: "There is a problem"
	summaryFinish             // everything still to do, after saving or opening: "To finish this record"
)

// recheck brings the messages on show up to date: those put right go, the
// others change with the form. With a field, that field's own problems are
// added if the practitioner has typed into it (an empty field is not an
// error when it is left; it is listed as to finish when the record is saved).
func (a *app) recheck(field string) {
	v := a.values()
	ps := a.e.problems(v, a.meta)
	var show []escalation.Problem
	for _, p := range ps {
		_, on := a.shown[p.Field]
		if on || field != "" && p.Field == field && typed(v, field) {
			show = append(show, p)
		}
	}
	if a.mode == summaryNone && len(show) > 0 {
		a.mode = summaryErrors
	}
	a.show(show, "", false)
}

// finish shows everything still to do, as a list to finish under heading,
// and with focus moves the focus to it. It returns how many things there
// are.
func (a *app) finish(heading, intro string, focus bool) int {
	ps := a.e.problems(a.values(), a.meta)
	a.mode = summaryFinish
	a.doc.ByID("error-summary-title").SetText(heading)
	a.show(ps, intro, focus)
	return len(ps)
}

// typed reports whether the practitioner has entered anything for field.
func typed(v values, field string) bool {
	if escalation.IsDateField(field) {
		return dateTyped(v, field)
	}
	return strings.TrimSpace(v[field]) != ""
}

// show puts the problems beside their fields and in the summary, and
// clears every message no longer in the list.
func (a *app) show(ps []escalation.Problem, intro string, focus bool) {
	next := map[string]string{}
	for _, p := range ps {
		next[p.Field] = p.Message
	}
	for field := range a.shown {
		if _, ok := next[field]; !ok {
			a.fieldError(field, "")
		}
	}
	for _, p := range ps {
		if a.shown[p.Field] != p.Message {
			a.fieldError(p.Field, p.Message)
		}
	}
	a.shown = next
	if len(ps) == 0 {
		a.mode = summaryNone
	}
	a.summary(ps, intro, focus)
}

// fieldError shows msg as the error of a field, or clears it when msg is "".
func (a *app) fieldError(field, msg string) {
	group := a.doc.ByID(escalation.GroupID(field))
	box := a.doc.ByID(escalation.ErrorID(field))
	dom.SetFieldError(a.doc, group, box, msg)
	target := group.Query("fieldset")
	if !target.OK() {
		target = a.doc.ByID(field)
	}
	describedBy(target, escalation.ErrorID(field), msg != "")
}

// describedBy adds id to, or removes it from, n's aria-describedby list.
func describedBy(n dom.Node, id string, on bool) {
	if !n.OK() {
		return
	}
	cur, _ := n.Attr("aria-describedby")
	var ids []string
	for _, x := range strings.Fields(cur) {
		if x != id {
			ids = append(ids, x)
		}
	}
	if on {
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		n.RemoveAttr("aria-describedby")
		return
	}
	n.SetAttr("aria-describedby", strings.Join(ids, " "))
}

// summary shows the GOV.UK error summary with a link to each field. As a
// list of errors it puts "Error: " before the page's title; as a list of
// things to finish it does not, since nothing was refused.
func (a *app) summary(ps []escalation.Problem, intro string, focus bool) {
	box := a.doc.ByID("error-summary")
	list := a.doc.ByID("error-summary-list")
	list.Clear()
	for _, p := range ps {
		li := a.doc.Create("li")
		link := dom.El(a.doc, "a", p.Message)
		target := escalation.Anchor(p.Field)
		if target == "" {
			target = hubID + "-title" // a problem of the record as a whole
		}
		link.SetFragment(target)
		li.Append(link)
		list.Append(li)
	}
	text := a.doc.ByID("error-summary-text")
	text.SetText(intro)
	text.SetHidden(intro == "")
	box.SetHidden(len(ps) == 0)
	title := strings.TrimPrefix(a.doc.Title(), "Error: ")
	if len(ps) > 0 && a.mode == summaryErrors {
		a.doc.ByID("error-summary-title").SetText("There is a problem")
		title = "Error: " + title
	}
	a.doc.SetTitle(title)
	if len(ps) > 0 && focus {
		box.Focus()
	}
}
