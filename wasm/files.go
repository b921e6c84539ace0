//go:build js && wasm

package main

import (
	"strconv"

	"resolve/internal/dom"
	"resolve/internal/escalation"
)

// save downloads the record as the JSON file the practitioner keeps. It
// never refuses: an unfinished record is saved with everything typed, and
// what is left to do is listed to finish.
func (a *app) save() {
	v := a.values()
	r, read := a.e.read(v, a.meta)
	data, err := escalation.JSON(r)
	name := fileName(a.e.p.ID, "record", r.ID, a.e.today, ".json")
	if err == nil {
		err = dom.Download(a.doc, name, "application/json", data)
	}
	if err != nil {
		a.say("The record could not be saved: " + err.Error() + ". Copy what you typed somewhere safe.")
		return
	}
	a.form.SetAttr("data-dirty", "false")
	intro := "Your record is saved with everything you typed, as " + name + " in your downloads. When you can, finish these and save again:"
	if len(read) > 0 {
		intro = "Your record is saved as " + name + " in your downloads. Dates that are not real dates could not go into it: put them right and save again. Still to finish:"
	}
	if a.finish("To finish this record", intro, true) == 0 {
		a.say("Saved as " + name + " in your downloads. Keep it with the child's records.")
		return
	}
	a.say("Saved as " + name + ", with things still to finish (listed at the top).")
}

// say shows a short message at the foot of the screen, beside the button
// that saves.
func (a *app) say(msg string) {
	box := a.doc.ByID("save-result")
	box.SetText(msg)
	box.SetHidden(false)
}

// export downloads one of the engine's other files, of the record as it
// is, finished or not: what is not recorded yet says so.
func (a *app) export(kind string) {
	r, _ := a.e.read(a.values(), a.meta)
	p, cal, today := a.e.p, a.e.cal, a.e.today
	var (
		data      []byte
		err       error
		what, ext = "record", ""
		mime      string
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
		what, ext, mime = "audit-return", ".json", "application/json"
	}
	if err == nil {
		err = dom.Download(a.doc, fileName(p.ID, what, r.ID, today, ext), mime, data)
	}
	if err != nil {
		a.say("The file could not be made: " + err.Error())
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
	a.confirm("Replace what is in the form?", "You have changes you have not saved to a file. Opening the record will replace them.", func() { a.apply(o) })
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

// apply replaces the form with a record read from a file, and lists what
// is left to finish in it.
func (a *app) apply(o *opened) {
	if a.keep {
		a.storeDraft(a.values()) // what was in the form stays a draft
	}
	a.load(o.rec)
	a.doc.ByID("open-file").SetFormValue("")
	a.notice("open-result", "The record in "+o.name+" is open. Carry on from where you left off.", o.notices)
	a.finish("To finish this record", "The record is open. Still to finish:", false)
	dom.Mark("record-opened")
}

// load fills the form with a record: its values, and what it carries that
// the form does not show.
func (a *app) load(r *escalation.Record) {
	v, m := formValues(r, a.e.p)
	a.meta = m
	a.fill(v)
	a.show(nil, "", false)
	a.form.SetAttr("data-dirty", "false")
	a.lastDraft = ""
	a.refresh()
	if a.drafts {
		a.listDrafts()
	}
}
