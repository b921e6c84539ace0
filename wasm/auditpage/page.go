//go:build js && wasm

package auditpage

import (
	"errors"
	"strconv"
	"time"

	"resolve/internal/audit"
	"resolve/internal/dom"
	"resolve/internal/workday"
)

// page is the audit page with the summary behind it. All its state is
// owned by the goroutine running loop: listeners and file reads only queue
// work for it, so they return at once and never race with each other.
type page struct {
	doc    dom.Node
	site   *sitePage
	title  string // the site's title, for the board report
	today  workday.Date
	ls     dom.Listeners
	q      *dom.Queue
	set    *audit.Set
	filter audit.Filter
	keep   bool // the manager chose to keep the returns in this browser
	reader reader
	shown  float64 // when the summary was last drawn, in ms since the page loaded
	drawMs float64 // how long drawing it took
	sum    audit.Summary
	parts  []audit.Part
}

// Run starts the audit page and serves it for ever. It returns only if the
// page cannot be started, after saying why in the page.
func Run() {
	dom.Mark("audit-main")
	p, err := start()
	if err != nil {
		dom.Document().ByID("audit-status-text").SetText("The audit tool could not start: " + err.Error() +
			" The same summary can be made on a computer with resolve: resolve audit --content content FOLDER.")
		return
	}
	p.loop()
}

func start() (p *page, err error) {
	defer func() {
		if r := recover(); r != nil {
			p, err = nil, errors.New("the page is not as the tool expects ("+dom.Describe(r)+").")
		}
	}()
	doc := dom.Document()
	src := doc.ByID("protocol-data")
	if !doc.ByID("audit-page").OK() || !src.OK() {
		return nil, errors.New("the page has no procedure data.")
	}
	sp, err := decodePage([]byte(src.Text()))
	if err != nil {
		return nil, errors.New("the procedure data in the page is damaged (" + err.Error() + ").")
	}
	y, m, d := dom.Today()
	today := workday.Date{Year: y, Month: time.Month(m), Day: d}
	site, _ := doc.ByID("audit-page").Attr("data-site")
	p = &page{doc: doc, site: sp, title: site, today: today}
	p.q = dom.NewQueue(1024, p.failed)
	p.set = audit.NewSet(p.config())
	p.wire()
	p.restore()
	p.doc.ByID("audit-page").SetHidden(false)
	p.status("The audit tool is ready. The files you choose are read on this computer only: nothing is sent anywhere.")
	p.doc.ByID("audit-page").SetAttr("data-ready", "true")
	dom.Mark("audit-ready")
	return p, nil
}

func (p *page) config() audit.Config { return audit.Config{Protocols: p.site.lookup(), Today: p.today} }

// loop runs queued work for ever, one piece at a time (see dom.Queue).
func (p *page) loop() {
	defer p.ls.Release()
	p.q.Run()
}

// failed shows a panic in a piece of work.
func (p *page) failed(what string) {
	box := p.doc.ByID("audit-error")
	box.SetText("Something went wrong in the audit tool (" + what + "). Reload the page and choose the files again.")
	box.SetHidden(false)
}

// post queues work for the loop without waiting: the queue is long, and at
// most a few file reads are under way at once.
func (p *page) post(f func()) { p.q.Post(f) }

// click listens for clicks (and Enter or Space on a button) on the element
// with the given id.
func (p *page) click(id string, handle func()) {
	p.ls.On(p.doc.ByID(id), "click", func(ev dom.Event) {
		ev.PreventDefault()
		p.post(handle)
	})
}

// wire registers every listener the page needs.
func (p *page) wire() {
	input := p.doc.ByID("audit-files")
	p.ls.On(input, "change", func(dom.Event) {
		files := input.Files()
		p.post(func() {
			p.read(files)
			input.SetFormValue("") // so the same files can be chosen again
		})
	})
	drop := p.doc.ByID("audit-drop")
	for _, ev := range []string{"dragenter", "dragover"} {
		p.ls.On(drop, ev, func(e dom.Event) {
			e.PreventDefault() // or the browser opens the file instead
			drop.SetClass("drop-zone-over", true)
		})
	}
	p.ls.On(drop, "dragleave", func(dom.Event) { drop.SetClass("drop-zone-over", false) })
	p.ls.On(drop, "drop", func(e dom.Event) {
		e.PreventDefault()
		drop.SetClass("drop-zone-over", false)
		files := e.DroppedFiles()
		p.post(func() { p.read(files) })
	})
	// A file dropped beside the box must not replace the page.
	p.ls.On(dom.Window(), "dragover", func(e dom.Event) { e.PreventDefault() })
	p.ls.On(dom.Window(), "drop", func(e dom.Event) { e.PreventDefault() })

	form := p.doc.ByID("audit-form")
	p.ls.On(form, "input", func(ev dom.Event) {
		if id := ev.Target().ID(); id != "audit-files" && id != "audit-keep" {
			p.post(p.options)
		}
	})
	p.ls.On(form, "change", func(ev dom.Event) {
		if ev.Target().ID() == "audit-publish" {
			p.post(p.options)
		}
	})
	p.ls.On(p.doc.ByID("audit-error-summary-list"), "click", func(ev dom.Event) {
		href, _ := ev.Target().Closest("a").Attr("href")
		if len(href) > 1 && href[0] == '#' {
			ev.PreventDefault()
			id := href[1:]
			p.post(func() { p.doc.ByID(id).Focus() })
		}
	})
	keep := p.doc.ByID("audit-keep")
	p.ls.On(keep, "change", func(dom.Event) {
		on := keep.Checked()
		p.post(func() { p.setKeep(on) })
	})
	p.click("audit-forget", p.forget)
	p.click("audit-clear", p.clear)
	p.click("audit-csv", p.downloadCSV)
	p.click("audit-report", p.downloadReport)
	// Another page of the site deleted the kept returns: stop keeping them
	// here too, so the wipe holds.
	p.ls.On(dom.Window(), "storage", func(ev dom.Event) {
		key, _ := ev.Prop("key")
		_, stored := ev.Prop("newValue")
		if (key == storeKey || key == "") && !stored {
			p.post(func() {
				if p.keep {
					p.keep = false
					p.doc.ByID("audit-keep").SetChecked(false)
					p.notice("The returns kept in this browser were deleted in another page, so none are kept now. The summary on this page has not changed.")
				}
			})
		}
	})
}

// status says what the tool is doing.
func (p *page) status(msg string) { p.doc.ByID("audit-status-text").SetText(msg) }

// notice says what keeping the returns did.
func (p *page) notice(msg string) {
	box := p.doc.ByID("audit-keep-result")
	box.SetText(msg)
	box.SetHidden(false)
}

// options reads the date range and the publication choice and draws the
// summary again.
func (p *page) options() {
	var problems [][2]string // field, message
	var f audit.Filter
	for _, d := range []struct {
		id, what string
		to       *workday.Date
	}{{"audit-from", "The first date", &f.From}, {"audit-to", "The last date", &f.To}} {
		v := func(part string) string { return p.doc.ByID(d.id + "-" + part).FormValue() }
		date, problem := readDate(d.what, v("day"), v("month"), v("year"))
		p.fieldError(d.id, problem)
		if problem != "" {
			problems = append(problems, [2]string{d.id + "-day", problem})
		}
		*d.to = date
	}
	if len(problems) == 0 && !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		msg := "The last date must be the same as or after the first date"
		p.fieldError("audit-to", msg)
		problems = append(problems, [2]string{"audit-to-day", msg})
	}
	p.errorSummary(problems)
	if len(problems) == 0 {
		p.filter = f
	}
	p.draw(p.reader.idle())
}

// fieldError shows a date's error message, or clears it.
func (p *page) fieldError(id, msg string) {
	dom.SetFieldError(p.doc, p.doc.ByID(id+"-group"), p.doc.ByID(id+"-error"), msg)
}

// errorSummary lists the date range's problems, each linked to its field.
func (p *page) errorSummary(problems [][2]string) {
	list := p.doc.ByID("audit-error-summary-list")
	list.Clear()
	for _, pr := range problems {
		a := dom.El(p.doc, "a", pr[1])
		a.SetFragment(pr[0])
		li := p.doc.Create("li")
		li.Append(a)
		list.Append(li)
	}
	p.doc.ByID("audit-error-summary").SetHidden(len(problems) == 0)
}

// publish reports whether counts under 5 are to be held back.
func (p *page) publish() bool { return p.doc.ByID("audit-publish").Checked() }

// opts is how the summary is laid out now.
func (p *page) opts() audit.Options {
	return audit.Options{Publish: p.publish(), Labels: p.site.lookup()}
}

// clear forgets every file read, and the kept returns with them.
func (p *page) clear() {
	p.reader.cancel()
	p.set = audit.NewSet(p.config())
	p.doc.ByID("audit-results").SetHidden(true)
	p.doc.ByID("audit-progress-group").SetHidden(true)
	if p.keep {
		p.store()
	}
	p.status("No files are read now. Choose the files to start again.")
	p.doc.ByID("audit-files").Focus()
}

// downloadCSV offers the figures as CSV, with a byte order mark so that a
// spreadsheet reads it as UTF-8.
func (p *page) downloadCSV() {
	data := append([]byte("\ufeff"), audit.CSV(p.parts)...)
	p.download("audit-figures-"+p.today.String()+".csv", "text/csv;charset=utf-8", data)
}

// downloadReport offers the board report: the summary as one page to
// print or save as PDF.
func (p *page) downloadReport() {
	data := audit.Report(p.sum, p.parts, p.opts(), audit.Made{Title: p.title, Today: p.today})
	p.download("audit-report-"+p.today.String()+".html", "text/html;charset=utf-8", data)
}

func (p *page) download(name, mime string, data []byte) {
	if err := dom.Download(p.doc, name, mime, data); err != nil {
		p.status("The file could not be made: " + err.Error())
		return
	}
	p.status("Saved " + name + " (" + strconv.Itoa(len(data)/1024+1) + " KB) to your browser's downloads.")
}
