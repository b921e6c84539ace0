//go:build js && wasm

package main

import (
	"strconv"
	"strings"

	"resolve/internal/dom"
	"resolve/internal/escalation"
	"resolve/internal/protocol"
	"resolve/internal/workday"
)

// refresh shows the due dates, statuses, duties and suggested dates for
// the form as it is, and keeps the draft soon if the practitioner asked for
// that. Only what changed is written to the page.
func (a *app) refresh() {
	v := a.values()
	vw := a.e.view(v, a.meta)
	for _, s := range vw.Stages {
		n := strconv.Itoa(s.N)
		a.text("due-"+n, capital(s.Due)+". "+s.Status+".")
		a.dueCell(n, s)
		a.text("due-status-"+n, s.Status)
		if a.changed("reached-"+n, strconv.FormatBool(s.Reached)) {
			// Printing leaves out the stages not reached: they hold nothing.
			a.doc.ByID(escalation.StageSection(s.N)).SetClass("stage-unreached", !s.Reached)
		}
	}
	for _, t := range vw.Tasks {
		tag := a.doc.ByID("status-" + t.Section)
		if a.text("status-"+t.Section, t.Status) {
			for _, c := range []string{"tag-grey", "tag-blue", "tag-green", "tag-yellow", "tag-red"} {
				tag.SetClass(c, c == t.Class)
			}
			tag.SetHidden(false)
		}
	}
	a.showDuties(vw.Duties)
	a.showAuditPrompt(vw.AuditStage)
	a.text("next-due", vw.Next)
	a.showSuggestions(vw.Suggest)
	if a.keep {
		a.draftSoon()
	}
}

// text sets an element's text if it changed, and reports whether it did.
func (a *app) text(id, s string) bool {
	if !a.changed(id, s) {
		return false
	}
	a.doc.ByID(id).SetText(s)
	return true
}

// changed notes the value last shown under key, and reports whether s
// differs from it.
func (a *app) changed(key, s string) bool {
	if old, ok := a.last[key]; ok && old == s {
		return false
	}
	a.last[key] = s
	return true
}

// dueCell shows a stage's due date in the table, with a link to the field
// to put right when the date cannot be known until it is.
func (a *app) dueCell(n string, s stageView) {
	id := "due-date-" + n
	if !a.changed(id, s.Due+"\x00"+s.Fix) {
		return
	}
	cell := a.doc.ByID(id)
	target := escalation.Anchor(s.Fix)
	if target == "" {
		cell.SetText(capital(s.Due))
		return
	}
	cell.Clear()
	link := dom.El(a.doc, "a", capital(s.Due))
	link.SetFragment(target) // record.js opens the field's section and focuses it
	cell.Append(link)
}

// showDuties shows "What to do now": the next step as text, every other
// duty as a checkbox to tick off. The list is rebuilt only when the duties
// change, so ticking one never moves the focus.
func (a *app) showDuties(ds []dutyView) {
	var key strings.Builder
	for _, d := range ds {
		key.WriteString(d.ID + "\x00" + d.Text + "\x00")
	}
	list := a.doc.ByID("duty-list")
	if key.String() != a.duties {
		a.duties = key.String()
		list.Clear()
		for _, d := range ds {
			li := a.doc.Create("li")
			li.SetClass("duty-urgent", d.Urgent)
			if d.ID == "" {
				if d.Urgent {
					li.Append(dom.El(a.doc, "strong", protocol.FirstLabel+": "))
				}
				li.Append(dom.El(a.doc, "span", d.Text))
				list.Append(li)
				continue
			}
			li.SetAttr("data-duty-item", d.ID)
			box := a.doc.Create("div")
			box.SetClass("checkbox", true)
			in := a.doc.Create("input")
			in.SetAttr("type", "checkbox")
			in.SetAttr("id", "duty-"+d.ID)
			in.SetAttr("data-duty", d.ID)
			in.SetClass("checkbox-input", true)
			label := a.doc.Create("label")
			label.SetAttr("for", "duty-"+d.ID)
			label.SetClass("label", true)
			label.SetClass("checkbox-label", true)
			if d.Urgent {
				label.Append(dom.El(a.doc, "strong", protocol.FirstLabel+": "))
			}
			label.Append(dom.El(a.doc, "span", d.Text))
			box.Append(in)
			box.Append(label)
			li.Append(box)
			list.Append(li)
		}
	}
	for _, d := range ds {
		if d.ID == "" {
			continue
		}
		a.doc.ByID("duty-" + d.ID).SetChecked(d.Done)
		list.Query(`[data-duty-item="`+d.ID+`"]`).SetClass("duty-done", d.Done)
	}
}

// showAuditPrompt offers the audit return's download in the section of
// stage n, the one that ended the disagreement, and hides it elsewhere.
func (a *app) showAuditPrompt(n int) {
	was := a.last["audit-prompt"]
	if !a.changed("audit-prompt", strconv.Itoa(n)) {
		return
	}
	if was != "" && was != "0" {
		a.doc.ByID("audit-prompt-" + was).SetHidden(true)
	}
	if n > 0 {
		a.doc.ByID("audit-prompt-" + strconv.Itoa(n)).SetHidden(false)
	}
}

// showSuggestions offers, beside each blank start date, the date it
// follows from; every other offer is hidden.
func (a *app) showSuggestions(ss []suggestion) {
	next := map[string]workday.Date{}
	for _, s := range ss {
		next[s.Field] = s.Date
		a.text(s.Field+"-suggest-text", s.Text)
		a.doc.ByID(s.Field + "-suggest").SetHidden(false)
	}
	for field := range a.suggest {
		if _, ok := next[field]; !ok {
			a.doc.ByID(field + "-suggest").SetHidden(true)
		}
	}
	a.suggest = next
}

// notice shows a message, with any further points as a list, in one of the
// page's status boxes.
func (a *app) notice(id, msg string, points []string) {
	delete(a.last, id)
	box := a.doc.ByID(id)
	box.Clear()
	box.Append(dom.El(a.doc, "p", msg))
	if len(points) > 0 {
		ul := a.doc.Create("ul")
		for _, p := range points {
			ul.Append(dom.El(a.doc, "li", p))
		}
		box.Append(ul)
	}
	box.SetHidden(false)
}
