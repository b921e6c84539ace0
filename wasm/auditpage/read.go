//go:build js && wasm

package auditpage

import (
	"strconv"

	"resolve/internal/audit"
	"resolve/internal/dom"
	"resolve/internal/escalation"
)

// reading is how many files are read at once: enough to keep the browser
// busy, few enough that the page answers the manager between them.
const reading = 8

// redrawMs is the least time between two drawings of the summary while
// files are read.
const redrawMs = 500

// reader is the files waiting to be read and those being read.
type reader struct {
	queue  []dom.File
	busy   int // reads under way
	total  int // files chosen since the reader was last idle
	done   int // of those, read (or refused)
	batch  int // bumped by cancel, so reads of an earlier batch are dropped
	start  float64
	marked bool
}

func (r *reader) idle() bool { return len(r.queue) == 0 && r.busy == 0 }

// cancel drops the files waiting and the reads under way.
func (r *reader) cancel() {
	r.queue = nil
	r.busy, r.total, r.done = 0, 0, 0
	r.batch++
}

// read queues files to be read and counted.
func (p *page) read(files []dom.File) {
	if len(files) == 0 {
		return
	}
	r := &p.reader
	if r.idle() {
		r.total, r.done = 0, 0
		r.start = dom.Now()
		dom.Mark("audit-read-start")
	}
	r.queue = append(r.queue, files...)
	r.total += len(files)
	p.status("Reading " + plural(r.total, "file", "files") + "…")
	p.doc.ByID("audit-progress-group").SetHidden(false)
	p.progress()
	p.pump()
}

// pump starts reads until enough are under way.
func (p *page) pump() {
	r := &p.reader
	for r.busy < reading && len(r.queue) > 0 {
		f := r.queue[0]
		r.queue = r.queue[1:]
		name := f.Name()
		if size := f.Size(); size > escalation.MaxSize {
			p.set.Skip(name, "This file "+audit.TooLarge(int64(size))+".")
			p.counted()
			continue
		}
		r.busy++
		batch := r.batch
		f.Read(func(data []byte, err error) {
			p.post(func() {
				if batch != r.batch {
					return // the manager started again
				}
				r.busy--
				if err != nil {
					p.set.Skip(name, "The browser could not read it: "+err.Error()+".")
				} else {
					p.set.Add(name, data)
				}
				p.counted()
				p.pump()
			})
		})
	}
}

// counted moves the progress on after a file, drawing the summary again
// now and then, and at the end.
func (p *page) counted() {
	r := &p.reader
	r.done++
	p.progress()
	if r.idle() {
		p.draw(true)
		p.doc.ByID("audit-progress-group").SetHidden(true)
		p.status("Done. " + audit.Describe(p.sum, p.opts()))
		if p.keep {
			p.store()
		}
		dom.Mark("audit-read-done")
		return
	}
	if now := dom.Now(); now-p.shown >= redrawMs {
		p.draw(false)
	}
}

func (p *page) progress() {
	bar := p.doc.ByID("audit-progress")
	bar.SetAttr("max", strconv.Itoa(max(p.reader.total, 1)))
	bar.SetFormValue(strconv.Itoa(p.reader.done))
	bar.SetText(strconv.Itoa(p.reader.done) + " of " + strconv.Itoa(p.reader.total))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
