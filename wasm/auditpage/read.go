//go:build js && wasm

package auditpage

import (
	"strconv"
	"time"

	"resolve/internal/audit"
	"resolve/internal/dom"
	"resolve/internal/escalation"
)

// Files are read in batches (dom.ReadAll), many times faster than one by
// one: reading is how many batches are read at once, batchFiles and
// batchBytes how large a batch may be.
const (
	reading    = 4
	batchFiles = 250
	batchBytes = 4 << 20
)

// sliceMs is the longest the page counts files without letting the browser
// answer the manager; redrawMs the least time between two drawings of the
// summary while files are read.
const (
	sliceMs  = 40
	redrawMs = 1500
)

// reader is the files waiting to be read and those being read.
type reader struct {
	queue []dom.File
	busy  int // batches being read
	total int // files chosen since the reader was last idle
	done  int // of those, counted (or refused)
	gen   int // bumped by cancel, so reads started before are dropped
}

func (r *reader) idle() bool { return len(r.queue) == 0 && r.busy == 0 }

// cancel drops the files waiting and the reads under way.
func (r *reader) cancel() {
	r.queue = nil
	r.busy, r.total, r.done = 0, 0, 0
	r.gen++
}

// read queues files to be read and counted.
func (p *page) read(files []dom.File) {
	if len(files) == 0 {
		return
	}
	r := &p.reader
	if r.idle() {
		r.total, r.done = 0, 0
		dom.Mark("audit-read-start")
	}
	r.queue = append(r.queue, files...)
	r.total += len(files)
	p.status("Reading " + plural(r.total, "file", "files") + "…")
	p.doc.ByID("audit-progress-group").SetHidden(false)
	p.progress()
	p.pump()
}

// pump starts reading batches until enough are under way. A file too
// large is refused by its size, unread. A batch that cannot be read is
// read again file by file, so that only the files that fail are skipped,
// each with its reason.
func (p *page) pump() {
	r := &p.reader
	for r.busy < reading && len(r.queue) > 0 {
		var batch []dom.File
		for size := 0; len(r.queue) > 0 && len(batch) < batchFiles && size < batchBytes; {
			f := r.queue[0]
			r.queue = r.queue[1:]
			if n := f.Size(); n > escalation.MaxSize {
				p.set.Skip(f.Name(), "This file "+audit.TooLarge(int64(n))+".")
				r.done++
			} else {
				size += n
				batch = append(batch, f)
			}
		}
		if len(batch) == 0 {
			p.step()
			continue
		}
		r.busy++
		gen := r.gen
		dom.ReadAll(batch, func(data [][]byte, err error) {
			p.post(func() {
				if gen != r.gen {
					return // the manager started again
				}
				r.busy--
				if err != nil && len(batch) > 1 {
					r.queue = append(batch[:len(batch):len(batch)], r.queue...)
					p.readEach(len(batch))
					return
				}
				p.count(batch, data, err)
			})
		})
	}
}

// readEach reads the next n files one at a time.
func (p *page) readEach(n int) {
	r := &p.reader
	if n == 0 {
		p.pump()
		return
	}
	f := r.queue[0]
	r.queue = r.queue[1:]
	r.busy++
	gen := r.gen
	dom.ReadAll([]dom.File{f}, func(data [][]byte, err error) {
		p.post(func() {
			if gen != r.gen {
				return
			}
			r.busy--
			p.count([]dom.File{f}, data, err)
			p.readEach(n - 1)
		})
	})
}

// count counts files read, letting the browser answer the manager every
// sliceMs, then shows the progress and reads on.
func (p *page) count(files []dom.File, data [][]byte, err error) {
	// The marks let a benchmark tell the module's counting from the
	// browser's reading.
	dom.Mark("audit-count-start")
	r := &p.reader
	gen := r.gen
	start := dom.Now()
	for i, f := range files {
		if err != nil {
			p.set.Skip(f.Name(), "The browser could not read it: "+err.Error()+".")
		} else {
			p.set.Add(f.Name(), data[i])
			data[i] = nil // let it go
		}
		r.done++
		if dom.Now()-start > sliceMs {
			dom.Mark("audit-count-end")
			yield()
			if gen != r.gen {
				return // the manager started again meanwhile
			}
			dom.Mark("audit-count-start")
			start = dom.Now()
		}
	}
	dom.Mark("audit-count-end")
	p.step()
	p.pump()
}

// yield lets the browser handle what is waiting (a click, a key, drawing
// the page) before the module goes on counting.
func yield() { time.Sleep(time.Millisecond) }

// step shows the progress, and draws the summary now and then while files
// are read, and once all are.
func (p *page) step() {
	r := &p.reader
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
	if dom.Now()-p.shown >= redrawMs {
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
