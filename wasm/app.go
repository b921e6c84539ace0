//go:build js && wasm

package main

import (
	"strconv"
	"strings"
	"sync/atomic"

	"resolve/internal/dom"
	"resolve/internal/escalation"
)

// app is the form page with the engine behind it. All its state is owned by
// the goroutine running loop: event listeners only queue work for it, so
// they return at once and never race with each other.
type app struct {
	doc, form dom.Node
	e         *engine
	meta      meta
	ls        dom.Listeners
	work      chan func()
	queued    atomic.Bool       // a refresh is waiting in work
	shown     map[string]string // field -> the error message on show
	title     string            // the page's title without "Error: "
	keep      bool              // the practitioner chose to keep a draft in this browser
	pending   *opened           // a record read from a file, waiting for the practitioner to confirm
}

// opened is a record read from a file.
type opened struct {
	name    string
	rec     *escalation.Record
	notices []string
}

// loop runs queued work for ever, one piece at a time. A panic in one piece
// is shown in the page and the loop goes on: what the practitioner typed is
// in the form, untouched, and can still be saved.
func (a *app) loop() {
	defer a.ls.Release()
	for f := range a.work {
		a.run(f)
	}
}

func (a *app) run(f func()) {
	defer func() {
		if r := recover(); r != nil {
			box := a.doc.ByID("tool-error")
			box.SetText("Something went wrong in the record tool (" + describe(r) + "). What you have typed is still in the form. Save it to a file now, or copy it somewhere safe, then reload the page.")
			box.SetHidden(false)
		}
	}()
	f()
}

// attr returns the value of an attribute, or "".
func attr(n dom.Node, name string) string {
	v, _ := n.Attr(name)
	return v
}

// describe puts a recovered panic into words, without fmt.
func describe(r any) string {
	switch v := r.(type) {
	case error:
		return v.Error()
	case string:
		return v
	}
	return "an unexpected failure"
}

// post queues work for the loop. It never waits: the channel is large and
// the loop drains it between browser events.
func (a *app) post(f func()) { a.work <- f }

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

// wire registers every listener the page needs.
func (a *app) wire() {
	refresh := func(dom.Event) {
		if !a.queued.Swap(true) {
			a.post(func() {
				a.queued.Store(false)
				a.refresh()
			})
		}
	}
	a.ls.On(a.form, "input", refresh)
	a.on(a.form, "change", func(ev dom.Event) {
		// A field whose error is on show is checked again as soon as it
		// changes, so the message goes once it is put right.
		if _, ok := a.shown[fieldOf(attr(ev.Target(), "name"))]; ok {
			a.validate(nil, false)
		}
	})
	a.ls.On(a.form, "focusout", func(ev dom.Event) {
		section := ev.Target().Closest("section.record-section")
		next := ev.Related()
		if !section.OK() || !next.OK() || section.Contains(next) {
			return
		}
		id := section.ID()
		a.post(func() { a.validate(func(field string) bool { return sectionOf(field) == id }, false) })
	})
	a.ls.On(a.doc.ByID("error-summary-list"), "click", func(ev dom.Event) {
		link := ev.Target().Closest("a")
		href, _ := link.Attr("href")
		if id, ok := strings.CutPrefix(href, "#"); ok {
			ev.PreventDefault()
			a.post(func() { a.doc.ByID(id).Focus() })
		}
	})
	a.click("save-record", a.save)
	a.click("export-html", func() { a.export("html") })
	a.click("export-text", func() { a.export("text") })
	a.click("export-ics", func() { a.export("ics") })
	a.click("export-audit", func() { a.export("audit") })
	a.click("add-action", func() {
		a.addAction()
		a.doc.ByID(actionField(a.actionCount(), "what")).Focus()
	})
	a.click("delete-draft", a.deleteDraft)
	a.click("replace-yes", func() {
		if o := a.pending; o != nil {
			a.apply(o)
		}
	})
	a.click("replace-no", func() {
		a.pending = nil
		a.doc.ByID("replace-confirm").SetHidden(true)
		a.notice("open-result", "Nothing was changed. The form still has what you typed.", nil)
		a.doc.ByID("open-file").Focus()
	})
	file := a.doc.ByID("open-file")
	a.ls.On(file, "change", func(dom.Event) {
		files := file.Files()
		a.post(func() { a.open(files) })
	})
	// Another page of this site deleted the draft: stop keeping one here
	// too, so the wipe holds.
	a.ls.On(dom.Window(), "storage", func(ev dom.Event) {
		key, _ := ev.Prop("key")
		_, stored := ev.Prop("newValue")
		if (key == a.draftKey() || key == "") && !stored {
			a.post(func() {
				if a.keep {
					a.keep = false
					a.doc.ByID("keep-draft").SetChecked(false)
					a.notice("draft-result", "The draft was deleted from this browser in another page, so none is kept now. What is in the form has not changed.", nil)
				}
			})
		}
	})
	keep := a.doc.ByID("keep-draft")
	a.ls.On(keep, "change", func(dom.Event) {
		on := keep.Checked()
		a.post(func() { a.setKeep(on) })
	})
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

// fill sets every control of the form from v, clearing the others.
func (a *app) fill(v values) {
	for a.actionCount() < actionRows(v) {
		a.addAction()
	}
	for _, c := range a.controls() {
		name := attr(c, "name")
		switch c.Type() {
		case "radio", "checkbox":
			c.SetChecked(v[name] != "" && c.FormValue() == v[name])
		default:
			c.SetFormValue(v[name])
		}
	}
}

// refresh shows the due dates, statuses and duties for the form as it is,
// and keeps the draft if the practitioner asked for that.
func (a *app) refresh() {
	v := a.values()
	vw := a.e.view(v, a.meta)
	for _, s := range vw.Stages {
		n := strconv.Itoa(s.N)
		a.doc.ByID("due-" + n).SetText(capital(s.Due) + ". " + s.Status + ".")
		a.doc.ByID("due-date-" + n).SetText(capital(s.Due))
		a.doc.ByID("due-status-" + n).SetText(s.Status)
	}
	for _, t := range vw.Tasks {
		tag := a.doc.ByID("status-" + t.Section)
		tag.SetText(t.Status)
		for _, c := range []string{"tag-grey", "tag-blue", "tag-green", "tag-yellow", "tag-red"} {
			tag.SetClass(c, c == t.Class)
		}
		tag.SetHidden(false)
	}
	list := a.doc.ByID("duty-list")
	list.Clear()
	for _, d := range vw.Duties {
		li := a.doc.Create("li")
		switch {
		case d.Urgent:
			li.SetClass("duty-urgent", true)
			li.Append(dom.El(a.doc, "strong", "Urgent: "))
		case d.Done:
			li.SetClass("duty-done", true)
			li.Append(dom.El(a.doc, "strong", "Done: "))
		}
		li.Append(dom.El(a.doc, "span", d.Text))
		list.Append(li)
	}
	if a.keep {
		a.storeDraft(v)
	}
}

// validate checks the form and shows its problems. With a filter, only the
// problems of fields it accepts are added to those on show; without one,
// the problems on show are brought up to date (put right, or changed). With
// all true every problem is shown and the focus moves to the summary.
func (a *app) validate(filter func(string) bool, all bool) []escalation.Problem {
	ps := a.e.problems(a.values(), a.meta)
	next := map[string]string{}
	var show []escalation.Problem
	for _, p := range ps {
		_, onShow := a.shown[p.Field]
		if all || onShow || filter != nil && filter(p.Field) {
			next[p.Field] = p.Message
			show = append(show, p)
		}
	}
	for field := range a.shown {
		if _, ok := next[field]; !ok {
			a.fieldError(field, "")
		}
	}
	for _, p := range show {
		a.fieldError(p.Field, p.Message)
	}
	a.shown = next
	a.summary(show, all)
	return ps
}

// fieldError shows msg as the error of a field, or clears it when msg is "".
func (a *app) fieldError(field, msg string) {
	group := a.doc.ByID(field + "-group")
	box := a.doc.ByID(field + "-error")
	group.SetClass("form-group-error", msg != "")
	box.Clear()
	if msg != "" {
		hidden := dom.El(a.doc, "span", "Error: ")
		hidden.SetClass("visually-hidden", true)
		box.Append(hidden)
		box.Append(dom.El(a.doc, "span", msg))
	}
	box.SetHidden(msg == "")
	target := group.Query("fieldset")
	if !target.OK() {
		target = a.doc.ByID(field)
	}
	describedBy(target, field+"-error", msg != "")
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

// summary shows the GOV.UK error summary with a link to each field, and
// puts "Error: " before the page title while it shows.
func (a *app) summary(ps []escalation.Problem, focus bool) {
	box := a.doc.ByID("error-summary")
	list := a.doc.ByID("error-summary-list")
	list.Clear()
	for _, p := range ps {
		li := a.doc.Create("li")
		link := dom.El(a.doc, "a", p.Message)
		link.SetFragment(anchor(p.Field))
		li.Append(link)
		list.Append(li)
	}
	box.SetHidden(len(ps) == 0)
	if len(ps) == 0 {
		a.doc.SetTitle(a.title)
		return
	}
	a.doc.SetTitle("Error: " + a.title)
	if focus {
		box.Focus()
	}
}

// record reads the form and checks all of it, showing any problems. It
// returns the record only when there are none.
func (a *app) record() *escalation.Record {
	if ps := a.validate(nil, true); len(ps) > 0 {
		return nil
	}
	r, _ := a.e.read(a.values(), a.meta)
	return r
}

// save downloads the record as the JSON file the practitioner keeps.
func (a *app) save() {
	r := a.record()
	if r == nil {
		return
	}
	data, err := escalation.JSON(r)
	if err == nil {
		name := fileName(a.e.p.ID, "record", r.Reference, true, a.e.today, ".json")
		if err = dom.Download(a.doc, name, "application/json", data); err == nil {
			a.form.SetAttr("data-dirty", "false")
			a.notice("save-result", "Your record has been saved as "+name+", in your browser's downloads. Keep it with the child's records.", nil)
			return
		}
	}
	a.notice("save-result", "The record could not be saved: "+err.Error(), nil)
}

// export downloads one of the engine's other files.
func (a *app) export(kind string) {
	r := a.record()
	if r == nil {
		return
	}
	p, cal, today := a.e.p, a.e.cal, a.e.today
	var (
		data      []byte
		err       error
		what, ext = "record", ""
		mime      string
		withRef   = true
	)
	switch kind {
	case "html":
		data, ext, mime = escalation.HTML(r, p, cal, today), ".html", "text/html;charset=utf-8"
	case "text":
		data, ext, mime = []byte(escalation.Text(r, p, cal, today)), ".txt", "text/plain;charset=utf-8"
	case "ics":
		data, what, ext, mime = escalation.ICal(r, p, cal, today), "due-dates", ".ics", "text/calendar;charset=utf-8"
	case "audit":
		data, err = escalation.AuditJSON(escalation.Audit(r, p, cal))
		what, ext, mime, withRef = "audit-return", ".json", "application/json", false
	}
	if err == nil {
		err = dom.Download(a.doc, fileName(p.ID, what, r.Reference, withRef, today, ext), mime, data)
	}
	if err != nil {
		a.notice("save-result", "The file could not be made: "+err.Error(), nil)
	}
}

// open reads a record file the practitioner chose. The form is not touched
// until the file has been read and checked in full.
func (a *app) open(files []dom.File) {
	a.pending = nil
	a.doc.ByID("replace-confirm").SetHidden(true)
	a.doc.ByID("open-result").SetHidden(true)
	if len(files) == 0 {
		return
	}
	f := files[0]
	name := f.Name()
	if f.Size() > escalation.MaxSize {
		a.refuse(name, "It is too large to be a record ("+strconv.Itoa(f.Size()/1024)+" KB; a record is at most "+strconv.Itoa(escalation.MaxSize/1024)+" KB).")
		return
	}
	f.Read(func(data []byte, err error) {
		a.post(func() { a.read(name, data, err) })
	})
}

func (a *app) read(name string, data []byte, err error) {
	if err != nil {
		a.refuse(name, err.Error()+".")
		return
	}
	rec, notices, err := escalation.Import(data, a.e.p, a.e.today)
	if err != nil {
		a.refuse(name, err.Error())
		return
	}
	a.fileError("")
	o := &opened{name: name, rec: rec, notices: notices}
	if attr(a.form, "data-dirty") == "true" {
		a.pending = o
		a.doc.ByID("replace-confirm").SetHidden(false)
		a.doc.ByID("replace-title").Focus()
		return
	}
	a.apply(o)
}

// refuse says why a file cannot be opened. The form is left as it was.
func (a *app) refuse(name, why string) {
	a.fileError("The file " + name + " could not be opened. " + why + " Nothing in the form has changed.")
	a.doc.ByID("open-file").SetFormValue("")
}

func (a *app) fileError(msg string) {
	a.doc.ByID("open-file-group").SetClass("form-group-error", msg != "")
	box := a.doc.ByID("open-file-error")
	box.SetText(msg)
	box.SetHidden(msg == "")
	describedBy(a.doc.ByID("open-file"), "open-file-error", msg != "")
}

// apply replaces the form with a record read from a file.
func (a *app) apply(o *opened) {
	a.pending = nil
	a.doc.ByID("replace-confirm").SetHidden(true)
	v, m := formValues(o.rec, a.e.p)
	a.meta = m
	a.fill(v)
	for field := range a.shown {
		a.fieldError(field, "")
	}
	a.shown = map[string]string{}
	a.summary(nil, false)
	a.form.SetAttr("data-dirty", "false")
	a.doc.ByID("open-file").SetFormValue("")
	a.refresh()
	a.notice("open-result", "The record in "+o.name+" is open. Carry on from where you left off.", o.notices)
}

// notice shows a message, with any further points as a list, in one of the
// page's status boxes.
func (a *app) notice(id, msg string, points []string) {
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

// actionCount returns how many action rows the form has.
func (a *app) actionCount() int { return len(a.form.QueryAll(".action-row")) }

// addAction adds an empty action row, a copy of the last with its number
// changed, and moves the focus to it when the practitioner asked for it.
func (a *app) addAction() {
	rows := a.form.QueryAll(".action-row")
	if len(rows) == 0 {
		return
	}
	n := len(rows)
	from, to := "actions."+strconv.Itoa(n)+".", "actions."+strconv.Itoa(n+1)+"."
	row := rows[n-1].Clone()
	row.SetAttr("id", "action-"+strconv.Itoa(n+1))
	row.SetAttr("data-action", strconv.Itoa(n+1))
	for _, el := range row.QueryAll("[id], [name], [for], [aria-describedby]") {
		for _, attr := range []string{"id", "name", "for", "aria-describedby"} {
			if val, ok := el.Attr(attr); ok {
				el.SetAttr(attr, strings.ReplaceAll(val, from, to))
			}
		}
	}
	for _, c := range row.QueryAll("input, textarea") {
		c.SetFormValue("")
	}
	for _, g := range row.QueryAll(".form-group-error") {
		g.SetClass("form-group-error", false)
	}
	for _, e := range row.QueryAll(".error-message") {
		e.Clear()
		e.SetHidden(true)
	}
	row.Query(".action-number").SetText(strconv.Itoa(n + 1))
	rows[n-1].Parent().Append(row)
}

// draftKey is where the draft of this protocol's record is kept.
func (a *app) draftKey() string { return "resolve-draft-" + a.e.p.ID }

// restoreDraft fills the form from the draft kept in this browser, if the
// practitioner chose to keep one and has not typed anything yet.
func (a *app) restoreDraft() {
	s, err := dom.LocalStorage()
	if err != nil {
		return
	}
	text, ok := s.Get(a.draftKey())
	if !ok {
		return
	}
	a.keep = true
	a.doc.ByID("keep-draft").SetChecked(true)
	d, err := decodeDraft([]byte(text))
	if err != nil || d.Meta.ID == "" {
		a.notice("draft-result", "The draft kept in this browser was damaged and could not be restored.", nil)
		return
	}
	if anyTyped(a.values(), keys(a.values())) {
		a.notice("draft-result", "You started typing before the draft kept in this browser could be restored, so it was not. What you typed replaces it.", nil)
		return
	}
	a.meta = d.Meta
	a.fill(d.Values)
	a.notice("draft-result", "Your draft kept in this browser has been restored. Save it to a file to keep it with the child's records.", nil)
}

func keys(v values) []string {
	out := make([]string, 0, len(v))
	for k := range v {
		out = append(out, k)
	}
	return out
}

// storeDraft keeps the form in this browser's storage.
func (a *app) storeDraft(v values) {
	s, err := dom.LocalStorage()
	if err == nil {
		err = s.Set(a.draftKey(), string(encodeDraft(draft{Values: v, Meta: a.meta})))
	}
	if err != nil {
		a.keep = false
		a.doc.ByID("keep-draft").SetChecked(false)
		a.notice("draft-result", "This browser would not keep the draft ("+err.Error()+"). Save your record to a file instead.", nil)
	}
}

// setKeep turns keeping a draft in this browser on or off.
func (a *app) setKeep(on bool) {
	if !on {
		a.deleteDraft()
		return
	}
	a.keep = true
	a.storeDraft(a.values())
	if a.keep {
		a.notice("draft-result", "A draft of this record is kept in this browser and updated as you type, until you delete it.", nil)
	}
}

// deleteDraft removes the draft from this browser and stops keeping one.
// The form is left as it is.
func (a *app) deleteDraft() {
	a.keep = false
	a.doc.ByID("keep-draft").SetChecked(false)
	var err error
	if s, serr := dom.LocalStorage(); serr == nil { // no storage: nothing is kept
		err = s.Remove(a.draftKey())
	}
	if err != nil {
		a.notice("draft-result", "The draft could not be deleted: "+err.Error()+".", nil)
		return
	}
	a.notice("draft-result", "No draft is kept in this browser. What is in the form has not changed.", nil)
}
