//go:build js && wasm

package auditpage

import (
	"resolve/internal/dom"
	"resolve/internal/words"
)

// keptName is what a kept return is called where a file's name would be.
const keptName = "a return kept in this browser"

// restore counts the returns kept in this browser, if the manager chose
// to keep them.
func (p *page) restore() {
	s, err := dom.LocalStorage()
	if err != nil {
		return
	}
	text, ok := s.Get(storeKey)
	if !ok {
		return
	}
	p.keep = true
	p.doc.ByID("audit-keep").SetChecked(true)
	returns, damaged, err := decodeStore([]byte(text))
	if err != nil {
		p.notice("The returns kept in this browser were damaged and could not be read. Choose the files again; keeping them will replace what was kept.")
		return
	}
	for _, a := range returns {
		p.set.AddReturn(keptName, a)
	}
	msg := "The " + words.Count(len(returns), "return", "returns") + " kept in this browser are counted below. Add more files, or delete them from this browser."
	if damaged > 0 {
		msg += " " + words.Count(damaged, "kept return was", "kept returns were") + " damaged and left out."
	}
	p.notice(msg)
	p.draw(true)
}

// setKeep turns keeping the returns in this browser on or off.
func (p *page) setKeep(on bool) {
	if !on {
		p.forget()
		return
	}
	p.keep = true
	if p.store() {
		p.notice("The audit returns read on this page are kept in this browser, and those you add, until you delete them. Nothing else is kept: no file names, no text from records.")
	}
}

// store keeps the returns read so far, reporting whether it could.
func (p *page) store() bool {
	s, err := dom.LocalStorage()
	if err == nil {
		err = s.Set(storeKey, string(encodeStore(p.set.Returns())))
	}
	if err != nil {
		p.keep = false
		p.doc.ByID("audit-keep").SetChecked(false)
		p.notice("This browser would not keep the returns (" + err.Error() + "). Nothing is kept: keep the files themselves instead.")
		return false
	}
	return true
}

// forget deletes the kept returns and stops keeping them. The summary on
// the page is left as it is.
func (p *page) forget() {
	p.keep = false
	p.doc.ByID("audit-keep").SetChecked(false)
	var err error
	if s, serr := dom.LocalStorage(); serr == nil { // no storage: nothing is kept
		err = s.Remove(storeKey)
	}
	if err != nil {
		p.notice("The returns could not be deleted from this browser: " + err.Error() + ".")
		return
	}
	p.notice("No returns are kept in this browser. The summary on this page has not changed.")
}
