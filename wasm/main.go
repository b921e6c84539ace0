//go:build js && wasm

package main

import (
	"errors"
	"time"

	"resolve/internal/dom"
	"resolve/internal/escalation"
	"resolve/internal/workday"
)

func main() {
	dom.Mark("record-main")
	a, err := start()
	if err != nil {
		// The form stays usable as a template; say why the tool is not there.
		dom.Document().ByID("tool-status-text").SetText("The record tool could not start: " + err.Error() +
			" What you have typed is still in the form: print the page, or copy your answers somewhere safe.")
		return
	}
	a.loop()
}

// start reads the protocol and calendar from the page and wires the form.
// The due dates go live first; drafts and the rest follow, so a
// practitioner sees what matters soonest.
func start() (a *app, err error) {
	defer func() {
		if r := recover(); r != nil {
			a, err = nil, errors.New("the page is not as the tool expects ("+dom.Describe(r)+").")
		}
	}()
	doc := dom.Document()
	form := doc.ByID("record-form")
	src := doc.ByID("protocol-data")
	if !form.OK() || !src.OK() {
		return nil, errors.New("the page has no form or no procedure data.")
	}
	d, err := decodePage([]byte(src.Text()))
	if err != nil {
		return nil, errors.New("the procedure data in the page is damaged (" + err.Error() + ").")
	}
	var cal *workday.Calendar
	if d.Calendar != nil {
		if cal, err = workday.NewCustom(*d.Calendar); err != nil {
			return nil, errors.New("the procedure's calendar is damaged.")
		}
	} else {
		var ok bool
		if cal, ok = workday.Builtin(d.Protocol.Calendar); !ok {
			return nil, errors.New("the procedure's calendar " + d.Protocol.Calendar + " is unknown.")
		}
	}
	y, m, dd := dom.Today()
	today := workday.Date{Year: y, Month: time.Month(m), Day: dd}
	a = &app{
		doc:    doc,
		form:   form,
		e:      &engine{p: d.Protocol, cal: cal, today: today},
		meta:   meta{ID: escalation.NewID(), Created: today},
		shown:  map[string]string{},
		last:   map[string]string{},
		drafts: attr(form, "data-drafts") != "off",
		base:   attr(form, "data-base"),
	}
	a.q = dom.NewQueue(256, a.failed)
	a.wire()
	a.restoreDraft()
	a.refresh()
	a.ready()
	return a, nil
}
