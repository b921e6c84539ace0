//go:build js && wasm

package main

import (
	"strings"
	"sync/atomic"

	"resolve/internal/dom"
	"resolve/internal/escalation"
	"resolve/internal/workday"
)

// app is the form page with the engine behind it. All its state is owned by
// the goroutine running loop: event listeners only queue work for it, so
// they return at once and never race with each other.
type app struct {
	doc, form dom.Node
	e         *engine
	meta      meta
	ls        dom.Listeners
	q         *dom.Queue
	queued    atomic.Bool // a refresh is waiting in work

	shown   map[string]string // field -> the error message on show
	mode    summaryMode       // what the summary box says its list is
	last    map[string]string // element id -> the text last shown, so unchanged text is not rewritten
	duties  string            // the duties on show, so the list is rebuilt only when they change
	suggest map[string]workday.Date

	drafts    bool   // the site lets practitioners keep drafts
	base      string // the site's base path, part of every draft's key
	keep      bool   // the practitioner chose to keep drafts in this browser
	lastDraft string // the draft last kept, without its time, so an unchanged one is not rewritten
	draftDue  bool   // a change waits to be kept (draftSoon)
	pending   func() // what to do once the practitioner agrees to replace unsaved changes
}

// opened is a record read from a file or a draft, waiting to fill the form.
type opened struct {
	name    string
	rec     *escalation.Record
	notices []string
}

// loop runs queued work for ever, one piece at a time (see dom.Queue).
func (a *app) loop() {
	defer a.ls.Release()
	a.q.Run()
}

// failed shows a panic in a piece of work: what the practitioner typed is
// in the form, untouched, and can still be saved.
func (a *app) failed(what string) {
	box := a.doc.ByID("tool-error")
	box.SetText("Something went wrong in the record tool (" + what + "). What you have typed is still in the form. Save it to a file now, or copy it somewhere safe, then reload the page.")
	box.SetHidden(false)
}

// attr returns the value of an attribute, or "".
func attr(n dom.Node, name string) string {
	v, _ := n.Attr(name)
	return v
}

// post queues work for the loop. It never waits: the channel is large and
// the loop drains it between browser events.
func (a *app) post(f func()) { a.q.Post(f) }

// on listens for an event and queues handle for the loop.
func (a *app) on(n dom.Node, event string, handle func(dom.Event)) {
	a.ls.On(n, event, func(ev dom.Event) { a.post(func() { handle(ev) }) })
}

// click listens for clicks (and Enter or Space on a button) on the element
// with the given id.
func (a *app) click(id string, handle func()) {
	a.ls.On(a.doc.ByID(id), "click", func(ev dom.Event) {
		ev.PreventDefault()
		a.post(handle)
	})
}

// dataOf returns the value of a data attribute of the element an event
// happened on, or of the nearest element above it that has one.
func dataOf(ev dom.Event, name string) string {
	return attr(ev.Target().Closest("["+name+"]"), name)
}

// wire registers every listener the page needs.
func (a *app) wire() {
	refresh := func(dom.Event) { a.refreshSoon() }
	a.ls.On(a.form, "input", refresh)
	a.on(a.form, "change", func(ev dom.Event) {
		// A field whose error is on show is checked again as soon as it
		// changes, so the message goes once it is put right.
		if _, ok := a.shown[escalation.FieldOf(attr(ev.Target(), "name"))]; ok {
			a.recheck("")
		}
	})
	// A field is checked when the practitioner leaves it: its date is not
	// a real date, or cannot be right.
	a.ls.On(a.form, "focusout", func(ev dom.Event) {
		group := ev.Target().Closest(".form-group")
		if !group.OK() || group.Contains(ev.Related()) {
			return
		}
		field, ok := strings.CutSuffix(group.ID(), escalation.GroupID(""))
		if ok {
			a.post(func() { a.recheck(field) })
		}
	})
	a.ls.On(a.form, "click", func(ev dom.Event) {
		if field := dataOf(ev, "data-use-date"); field != "" {
			ev.PreventDefault()
			a.post(func() { a.useDate(field) })
		}
		if dataOf(ev, "data-export") == "audit" { // the offer in the section of the stage that ended it
			ev.PreventDefault()
			a.post(func() { a.export("audit") })
		}
	})
	a.ls.On(a.doc.ByID("error-summary-list"), "click", func(ev dom.Event) {
		href, _ := ev.Target().Closest("a").Attr("href")
		if id, ok := strings.CutPrefix(href, "#"); ok {
			ev.PreventDefault()
			// Focusing a field opens its section (record.js).
			a.post(func() { a.doc.ByID(id).Focus() })
		}
	})
	a.ls.On(a.doc.ByID("duty-list"), "change", func(ev dom.Event) {
		id, on := attr(ev.Target(), "data-duty"), ev.Target().Checked()
		if id != "" {
			a.post(func() { a.tick(id, on) })
		}
	})
	a.click("save-record", a.save)
	a.click("export-html", func() { a.export("html") })
	a.click("export-text", func() { a.export("text") })
	a.click("export-ics", func() { a.export("ics") })
	a.click("export-audit", func() { a.export("audit") })
	a.click("add-action", func() {
		a.addAction()
		a.doc.ByID(escalation.ActionField(a.actionCount(), escalation.ActionWhat)).Focus()
	})
	a.click("replace-yes", func() {
		if f := a.pending; f != nil {
			a.pending = nil
			a.doc.ByID("replace-confirm").SetHidden(true)
			f()
		}
	})
	a.click("replace-no", func() {
		a.pending = nil
		a.doc.ByID("replace-confirm").SetHidden(true)
		a.notice("open-result", "Nothing was changed. The form still has what you typed.", nil)
		a.doc.ByID("open-file").Focus()
	})
	a.click("new-record", func() {
		a.confirm("Start a new record?", "You have changes you have not saved to a file. Starting a new record will clear them.", a.newRecord)
	})
	file := a.doc.ByID("open-file")
	a.ls.On(file, "change", func(dom.Event) {
		files := file.Files()
		a.post(func() { a.open(files) })
	})
	if a.drafts {
		a.wireDrafts()
	}
}

// refreshSoon queues one refresh, however many events ask for it before
// the loop gets to it.
func (a *app) refreshSoon() {
	if !a.queued.Swap(true) {
		a.post(func() {
			a.queued.Store(false)
			a.refresh()
		})
	}
}

// ready shows the parts of the page that need the module.
func (a *app) ready() {
	for _, n := range a.doc.QueryAll(".js-only") {
		n.SetHidden(false)
	}
	a.doc.ByID("tool-status-text").SetText("The record tool is ready. It works on this device only: nothing you type is sent anywhere.")
	a.form.SetAttr("data-ready", "true")
	dom.Mark("record-ready")
}

// controls returns the form's named controls.
func (a *app) controls() []dom.Node {
	return a.form.QueryAll("input[name], textarea[name], select[name]")
}

// values reads the form exactly as typed.
func (a *app) values() values {
	v := values{}
	for _, c := range a.controls() {
		name := attr(c, "name")
		switch c.Type() {
		case "radio", "checkbox":
			if c.Checked() {
				v[name] = c.FormValue()
			} else if _, ok := v[name]; !ok {
				v[name] = ""
			}
		default:
			v[name] = c.FormValue()
		}
	}
	return v
}

// formChanged reports whether anything in the form differs from what the page
// gave it: typing, a choice, a date.
func (a *app) formChanged() bool {
	for _, c := range a.controls() {
		if c.Changed() {
			return true
		}
	}
	return false
}

// fill sets every control of the form from v, and every other control
// back to what the page gave it.
func (a *app) fill(v values) {
	a.form.Reset()
	for a.actionCount() < actionRows(v) {
		a.addAction()
	}
	for _, c := range a.controls() {
		name := attr(c, "name")
		val, ok := v[name]
		if !ok {
			continue
		}
		switch c.Type() {
		case "radio", "checkbox":
			c.SetChecked(val != "" && c.FormValue() == val)
		default:
			c.SetFormValue(val)
		}
	}
}

// confirm does f at once if nothing would be lost, and otherwise asks
// first: when the form has changes not saved to a file and not kept as a
// draft.
func (a *app) confirm(title, text string, f func()) {
	if attr(a.form, "data-dirty") != "true" || a.keep {
		f()
		return
	}
	a.pending = f
	a.doc.ByID("replace-title").SetText(title)
	a.doc.ByID("replace-text").SetText(text)
	a.doc.ByID("replace-confirm").SetHidden(false)
	a.doc.ByID("replace-title").Focus()
}

// newRecord clears the form for another case. The record that was in it is
// kept as a draft if the practitioner keeps drafts.
func (a *app) newRecord() {
	if a.keep {
		a.storeDraft(a.values())
	}
	a.meta = meta{ID: escalation.NewID(), Created: a.e.today}
	a.fill(values{})
	a.show(nil, "", false)
	a.form.SetAttr("data-dirty", "false")
	a.lastDraft = ""
	a.doc.ByID("draft-kept").SetText("")
	delete(a.last, "draft-kept")
	a.refresh()
	a.listDrafts()
	a.notice("open-result", "The form is empty, ready for a new record.", nil)
	a.doc.ByID(escalation.FieldReference).Focus()
}

// tick records a duty of "What to do now" as done, or not.
func (a *app) tick(id string, on bool) {
	var kept []string
	for _, d := range a.meta.DutiesDone {
		if d != id {
			kept = append(kept, d)
		}
	}
	if on {
		kept = append(kept, id)
	}
	a.meta.DutiesDone = kept
	a.form.SetAttr("data-dirty", "true")
	a.refresh()
}

// useDate fills a date field with the date offered beside it.
func (a *app) useDate(field string) {
	d, ok := a.suggest[field]
	if !ok {
		return
	}
	parts := escalation.DateParts()
	v := values{}
	setDate(v, field, d)
	for _, part := range parts {
		a.doc.ByID(field + part).SetFormValue(v[field+part])
	}
	a.form.SetAttr("data-dirty", "true")
	a.refresh()
	a.recheck(field)
	a.doc.ByID(field + parts[0]).Focus()
}
