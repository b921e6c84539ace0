//go:build js && wasm

package auditpage

import (
	"strconv"
	"time"

	"resolve/internal/audit"
	"resolve/internal/dom"
	"resolve/internal/escalation"
	"resolve/internal/words"
)

// Files are read in batches by the page's script (Node.ReadFiles, with
// audit.js's readFiles, which reads many files of a batch at once): reading
// is how many batches are read at once, so that one is counted while the
// next is read, and batchFiles how many files a batch has. Files are never
// sized before they are read: the browser answers a file's size through its
// file system, one file at a time, which for ten thousand files took longer
// than reading them.
const (
	reading    = 4
	batchFiles = 250
)

// sliceMs is the longest the page counts files without letting the browser
// answer the manager; redrawMs the least time between two drawings of the
// summary while files are read (more when drawing takes long).
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
	p.status("Reading " + words.Count(r.total, "file", "files") + "…")
	p.doc.ByID("audit-progress-group").SetHidden(false)
	p.progress()
	p.pump()
}

// pump starts reading batches until enough are under way. A file larger
// than escalation.MaxSize is not read past the limit, and is refused with
// its size; a file the browser cannot read is skipped with its reason.
func (p *page) pump() {
	r := &p.reader
	for r.busy < reading && len(r.queue) > 0 {
		batch := r.queue[:min(batchFiles, len(r.queue)):min(batchFiles, len(r.queue))]
		r.queue = r.queue[len(batch):]
		r.busy++
		gen := r.gen
		p.doc.ByID("audit-page").ReadFiles("readFiles", batch, escalation.MaxSize, func(data []dom.Read, err error) {
			p.post(func() {
				if gen != r.gen {
					return // the manager started again
				}
				r.busy--
				p.count(batch, data, err)
			})
		})
	}
}

// count counts files read, letting the browser answer the manager every
// sliceMs, then shows the progress and reads on.
func (p *page) count(files []dom.File, data []dom.Read, err error) {
	// The marks let a benchmark tell the module's counting from the
	// browser's reading.
	dom.Mark("audit-count-start")
	r := &p.reader
	gen := r.gen
	start := dom.Now()
	for i, f := range files {
		switch {
		case err != nil:
			p.set.Skip(f.Name(), "The browser could not read it: "+err.Error()+".")
		case data[i].TooLarge > 0:
			p.set.Skip(f.Name(), "This file "+audit.TooLarge(int64(data[i].TooLarge))+".")
		case data[i].Err != "":
			p.set.Skip(f.Name(), "The browser could not read it: "+data[i].Err+".")
		default:
			p.set.Add(f.Name(), data[i].Data)
			data[i].Data = nil // let it go
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
	// Drawing all the returns read so far takes longer as they grow: it
	// may take at most a ninth of the time while files are read.
	if dom.Now()-p.shown >= max(redrawMs, 8*p.drawMs) {
		p.draw(false)
	}
}

func (p *page) progress() {
	bar := p.doc.ByID("audit-progress")
	bar.SetAttr("max", strconv.Itoa(max(p.reader.total, 1)))
	bar.SetFormValue(strconv.Itoa(p.reader.done))
	bar.SetText(strconv.Itoa(p.reader.done) + " of " + strconv.Itoa(p.reader.total))
}
