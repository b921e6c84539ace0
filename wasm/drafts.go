//go:build js && wasm

package main

import (
	"strings"
	"time"

	"resolve/internal/dom"
	"resolve/internal/escalation"
	"resolve/internal/workday"
)

// Drafts are kept in the browser's local storage only when the practitioner
// asks, one per record, under
//
//	resolve-draft:<base path>:<protocol id>:<record id>
//
// The base path keeps two sites on one host apart (someone.github.io/a/ and
// /b/), though they can read each other's storage; the page says so.
// The first release kept one draft per protocol under
// resolve-draft-<protocol id>: it is moved to the new key when found.
// Beside the drafts, resolve-draft:<base path>:_index lists them
// (draftindex.go), so that listing them reads none in full.
//
// A draft is kept draftDelay after a change, not at every key: the whole
// record is written each time, and a long answer made every key slow. What
// is waiting is kept at once when the page is hidden or closed
// (visibilitychange, pagehide), so closing the tab loses nothing.
const (
	draftPrefix  = "resolve-draft:"
	legacyPrefix = "resolve-draft-"
	draftIndex   = "_index" // not a protocol id, which has no "_"
	draftDelay   = time.Second
)

// sitePrefix is the start of the key of every draft of this site.
func (a *app) sitePrefix() string { return draftPrefix + a.base + ":" }

// protocolPrefix is the start of the key of every draft of this protocol.
func (a *app) protocolPrefix() string { return a.sitePrefix() + a.e.p.ID + ":" }

// draftKey is where the draft of the record in the form is kept.
func (a *app) draftKey() string { return a.protocolPrefix() + a.meta.ID }

// indexKey is where the index of this site's drafts is kept.
func (a *app) indexKey() string { return a.sitePrefix() + draftIndex }

func (a *app) wireDrafts() {
	keep := a.doc.ByID("keep-draft")
	a.ls.On(keep, "change", func(dom.Event) {
		on := keep.Checked()
		a.post(func() { a.setKeep(on) })
	})
	a.click("delete-draft", a.deleteDrafts)
	// The page may go at any moment now: keep what is waiting at once.
	flush := func(dom.Event) { a.post(a.flushDraft) }
	a.ls.On(dom.Window(), "pagehide", flush)
	a.ls.On(a.doc, "visibilitychange", flush)
	a.ls.On(a.doc.ByID("draft-list"), "click", func(ev dom.Event) {
		if key := dataOf(ev, "data-open-draft"); key != "" {
			a.post(func() { a.openDraft(key) })
		} else if key := dataOf(ev, "data-delete-draft"); key != "" {
			a.post(func() { a.deleteDraft(key) })
		}
	})
	// Another page of this site deleted this draft, or all of them: stop
	// keeping one here too, so the wipe holds.
	a.ls.On(dom.Window(), "storage", func(ev dom.Event) {
		key, _ := ev.Prop("key")
		_, stored := ev.Prop("newValue")
		if key != "" && !strings.HasPrefix(key, draftPrefix) && !strings.HasPrefix(key, legacyPrefix) {
			return
		}
		a.post(func() {
			if a.keep && !stored && (key == "" || key == a.draftKey()) {
				a.keep = false
				a.doc.ByID("keep-draft").SetChecked(false)
				a.doc.ByID("draft-kept").SetText("")
				a.notice("draft-result", "The draft was deleted from this browser in another page, so none is kept now. What is in the form has not changed.", nil)
			}
			a.listDrafts()
		})
	})
}

// keptDrafts returns the drafts of this protocol kept in storage, the most
// recently kept first, from the index: only a draft the index does not
// list is read, and then listed. Drafts that could not be read are
// counted, not returned.
func (a *app) keptDrafts() (out []indexEntry, damaged int) {
	s, err := dom.LocalStorage()
	if err != nil {
		return nil, 0
	}
	mine, all, changed := reconcile(a.readIndex(s), a.protocolPrefix(), a.e.p.ID, s.Keys(a.protocolPrefix()), func(key string) indexEntry {
		text, ok := s.Get(key)
		e, _ := a.parseDraft(key, text, ok)
		return e
	})
	if changed {
		a.writeIndex(s, all)
	}
	for _, e := range mine {
		if e.Damaged {
			damaged++
		} else {
			out = append(out, e)
		}
	}
	return out, damaged
}

// parseDraft reads the draft kept under key, and returns its index entry
// (a damaged one, and an empty draft, if it cannot be read).
func (a *app) parseDraft(key, text string, found bool) (indexEntry, draft) {
	d, err := decodeDraft([]byte(text))
	if !found || err != nil || d.Meta.ID == "" || key != a.protocolPrefix()+d.Meta.ID {
		return indexEntry{Key: key, Protocol: a.e.p.ID, Damaged: true}, draft{}
	}
	return entryOf(key, a.e.p.ID, d.Values, d.Kept), d
}

// readIndex reads the index of this site's drafts; none, or a damaged one,
// reads as empty, and is made again.
func (a *app) readIndex(s dom.Storage) []indexEntry {
	text, _ := s.Get(a.indexKey())
	index, err := decodeIndex([]byte(text))
	if err != nil {
		return nil
	}
	return index
}

// index changes the stored index with f, read afresh, as another page may
// have changed it.
func (a *app) index(s dom.Storage, f func([]indexEntry) []indexEntry) error {
	return a.writeIndex(s, f(a.readIndex(s)))
}

// writeIndex stores the index; an empty one is removed, so that when the
// last draft goes, nothing of the drafts is left in storage.
func (a *app) writeIndex(s dom.Storage, index []indexEntry) error {
	if len(index) == 0 {
		return s.Remove(a.indexKey())
	}
	return s.Set(a.indexKey(), string(encodeIndex(index)))
}

// migrate moves the draft the first release kept for this protocol to its
// key under this site.
func (a *app) migrate() {
	s, err := dom.LocalStorage()
	if err != nil {
		return
	}
	old := legacyPrefix + a.e.p.ID
	text, ok := s.Get(old)
	if !ok {
		return
	}
	d, err := decodeDraft([]byte(text))
	if err != nil || d.Meta.ID == "" {
		return // left as it is: "delete every draft" removes it
	}
	if s.Set(a.protocolPrefix()+d.Meta.ID, string(encodeDraft(d))) == nil {
		s.Remove(old)
	}
}

// restoreDraft fills the form from the draft kept most recently, if the
// practitioner chose to keep drafts. Nothing is written over a draft before
// this has run, and if the practitioner has already changed the form, the
// draft is left as it is, listed to open, and what they typed becomes a
// draft of its own.
func (a *app) restoreDraft() {
	if !a.drafts {
		return
	}
	a.migrate()
	list, damaged := a.keptDrafts()
	// The newest draft that can be read: only it is read in full.
	var latest draft
	found := false
	for _, e := range list {
		if d, ok := a.readDraft(e.Key); ok {
			latest, found = d, true
			break
		}
		damaged++
	}
	if !found {
		if damaged > 0 {
			a.notice("draft-result", "A draft kept in this browser was damaged and could not be restored.", nil)
		}
		return
	}
	a.keep = true
	a.doc.ByID("keep-draft").SetChecked(true)
	if a.formChanged() {
		a.notice("draft-result", "You started typing before your draft could be restored, so both are kept: what you typed, and the draft, listed below to open.", nil)
		a.draftSoon()
		a.listDrafts()
		return
	}
	a.meta = latest.Meta
	a.fill(latest.Values)
	a.lastDraft = string(encodeDraft(draft{Values: a.values(), Meta: a.meta}))
	a.keptAt(latest.Kept)
	a.notice("draft-result", "Your draft kept in this browser has been restored. Save it to a file to keep it with the child's records.", nil)
	a.listDrafts()
}

// readDraft reads the draft kept under key, and reports whether it could.
// Its index entry is put right if it does not match what was read (the
// draft was written by a page that did not note it, or was damaged).
func (a *app) readDraft(key string) (draft, bool) {
	s, err := dom.LocalStorage()
	if err != nil {
		return draft{}, false
	}
	text, ok := s.Get(key)
	e, d := a.parseDraft(key, text, ok)
	index := a.readIndex(s)
	for _, old := range index {
		if old.Key == key && old == e {
			return d, !e.Damaged
		}
	}
	if ok { // a draft that has gone is dropped by the next listing
		a.writeIndex(s, upsert(index, e))
	}
	return d, !e.Damaged
}

// draftSoon keeps the draft draftDelay from now, unless it is already due
// to be kept: the form as it is then is kept, so typing on keeps the draft
// about once in draftDelay.
func (a *app) draftSoon() {
	if a.draftDue {
		return
	}
	a.draftDue = true
	time.AfterFunc(draftDelay, func() { a.post(a.flushDraft) })
}

// flushDraft keeps the draft now, if one is due to be kept.
func (a *app) flushDraft() {
	if !a.draftDue {
		return
	}
	a.draftDue = false
	if a.keep {
		a.storeDraft(a.values())
	}
}

// storeDraft keeps the form in this browser's storage, if it changed, and
// notes it in the index.
func (a *app) storeDraft(v values) {
	a.draftDue = false // what was waiting is kept now
	plain := string(encodeDraft(draft{Values: v, Meta: a.meta}))
	if plain == a.lastDraft {
		return
	}
	now := dom.LocalTime()
	s, err := dom.LocalStorage()
	if err == nil {
		err = s.Set(a.draftKey(), string(encodeDraft(draft{Values: v, Meta: a.meta, Kept: now})))
	}
	if err == nil {
		// The index is only a guide: if it cannot be written, the next
		// listing finds the draft and reads it.
		key := a.draftKey()
		a.index(s, func(index []indexEntry) []indexEntry {
			return upsert(index, entryOf(key, a.e.p.ID, v, now))
		})
	}
	if err != nil {
		a.keep = false
		a.doc.ByID("keep-draft").SetChecked(false)
		a.notice("draft-result", "This browser would not keep the draft ("+err.Error()+"). Save your record to a file instead.", nil)
		return
	}
	a.lastDraft = plain
	a.keptAt(now)
}

// keptAt says when the draft was last kept.
func (a *app) keptAt(when string) {
	a.text("draft-kept", "Draft last kept in this browser "+timeText(when)+".")
}

// timeText writes "2025-01-03T14:05:09.042" as "at 14:05 on Friday 3
// January 2025".
func timeText(when string) string {
	date, clock, _ := strings.Cut(when, "T")
	if len(clock) > 5 {
		clock = clock[:5]
	}
	d, err := workday.ParseDate(date)
	if err != nil {
		return "at an unknown time"
	}
	if clock == "" {
		return "on " + escalation.LongDate(d)
	}
	return "at " + clock + " on " + escalation.LongDate(d)
}

// listDrafts lists the drafts kept in this browser other than the one in
// the form, each with its reference, when it was kept, and buttons to open
// or delete it.
func (a *app) listDrafts() {
	list := a.doc.ByID("draft-list")
	list.Clear()
	drafts, _ := a.keptDrafts()
	n := 0
	for _, k := range drafts {
		if k.Key == a.draftKey() {
			continue
		}
		n++
		ref := k.Reference
		if strings.TrimSpace(ref) == "" {
			ref = "No case reference"
		}
		li := a.doc.Create("li")
		li.Append(dom.El(a.doc, "span", ref+", last kept "+timeText(k.Kept)))
		for _, b := range []struct{ text, attr string }{{"Open", "data-open-draft"}, {"Delete", "data-delete-draft"}} {
			btn := dom.El(a.doc, "button", b.text)
			btn.SetAttr("type", "button")
			btn.SetAttr(b.attr, k.Key)
			btn.SetClass("button", true)
			btn.SetClass("button-secondary", true)
			which := dom.El(a.doc, "span", " the draft "+ref)
			which.SetClass("visually-hidden", true)
			btn.Append(which)
			li.Append(btn)
		}
		list.Append(li)
	}
	a.doc.ByID("draft-others").SetHidden(n == 0)
}

// openDraft fills the form with another draft. The record in the form is
// kept as a draft already, so nothing is lost.
func (a *app) openDraft(key string) {
	d, ok := a.readDraft(key)
	if !ok {
		a.notice("draft-result", "That draft could not be opened: it has been deleted or damaged.", nil)
		a.listDrafts()
		return
	}
	if a.keep {
		a.storeDraft(a.values())
	}
	a.meta = d.Meta
	a.fill(d.Values)
	a.show(nil, "", false)
	a.lastDraft = string(encodeDraft(draft{Values: a.values(), Meta: a.meta}))
	a.refresh()
	a.keptAt(d.Kept)
	a.listDrafts()
	a.notice("draft-result", "The draft is open. The record you had open is kept as a draft, listed below.", nil)
	a.doc.ByID("tasks-title").Focus()
}

// deleteDraft removes one draft, not the one in the form.
func (a *app) deleteDraft(key string) {
	if s, err := dom.LocalStorage(); err == nil {
		s.Remove(key)
		a.index(s, func(index []indexEntry) []indexEntry { return without(index, key) })
	}
	a.listDrafts()
	a.notice("draft-result", "The draft was deleted from this browser.", nil)
	a.doc.ByID("keep-draft").Focus()
}

// setKeep turns keeping drafts in this browser on or off. Off deletes
// every draft: keeping none is one action.
func (a *app) setKeep(on bool) {
	if !on {
		a.deleteDrafts()
		return
	}
	a.keep = true
	a.lastDraft = ""
	dom.Persist()
	a.storeDraft(a.values())
	if a.keep {
		a.notice("draft-result", "A draft of this record is kept in this browser and updated as you type. It stays until you delete it or the browser clears it: save to a file to be sure.", nil)
	}
}

// deleteDrafts removes every draft of this site from this browser (and any
// the first release kept) and stops keeping one. The form is left as it is.
func (a *app) deleteDrafts() {
	a.keep = false
	a.draftDue = false
	a.doc.ByID("keep-draft").SetChecked(false)
	var err error
	if s, serr := dom.LocalStorage(); serr == nil { // no storage: nothing is kept
		for _, key := range append(s.Keys(a.sitePrefix()), s.Keys(legacyPrefix)...) {
			if rerr := s.Remove(key); rerr != nil {
				err = rerr
			}
		}
	}
	a.doc.ByID("draft-kept").SetText("")
	delete(a.last, "draft-kept")
	a.listDrafts()
	if err != nil {
		a.notice("draft-result", "The drafts could not all be deleted: "+err.Error()+".", nil)
		return
	}
	a.notice("draft-result", "No draft is kept in this browser. What is in the form has not changed.", nil)
}
