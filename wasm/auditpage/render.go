//go:build js && wasm

package auditpage

import (
	"strconv"

	"resolve/internal/audit"
	"resolve/internal/chart"
	"resolve/internal/dom"
	"resolve/internal/words"
)

// mostListed is how many files the notes list by name; beyond it they say
// how many more there are.
const mostListed = 500

// draw works the summary out again and shows it. The notes on the files
// are drawn only once every file has been read (final), since they can be
// long and change with every file.
func (p *page) draw(final bool) {
	p.shown = dom.Now()
	defer func() { p.drawMs = dom.Now() - p.shown }()
	p.sum = p.set.Summary(p.filter)
	o := p.opts()
	p.parts = audit.Tables(p.sum, o)
	results := p.doc.ByID("audit-results")
	if p.sum.Files == 0 {
		results.SetHidden(true)
		return
	}
	p.doc.ByID("audit-describe").SetText(audit.Describe(p.sum, o))
	if final {
		p.drawNotes()
	}
	contents := p.doc.ByID("audit-contents-list")
	contents.Clear()
	box := p.doc.Create("div")
	for _, part := range p.parts {
		id := "audit-part-" + part.ID
		li := p.doc.Create("li")
		link := dom.El(p.doc, "a", part.Title)
		link.SetFragment(id)
		li.Append(link)
		contents.Append(li)
		box.Append(p.drawPart(id, part))
	}
	summary := p.doc.ByID("audit-summary")
	summary.Clear()
	summary.Append(box)
	results.SetHidden(false)
}

// drawPart makes one part: its heading, then each table with its chart.
func (p *page) drawPart(id string, part audit.Part) dom.Node {
	sec := p.doc.Create("section")
	sec.SetClass("audit-part", true)
	sec.SetAttr("id", id)
	sec.SetAttr("aria-labelledby", id+"-title")
	h := dom.El(p.doc, "h2", part.Title)
	h.SetAttr("id", id+"-title")
	sec.Append(h)
	for _, t := range part.Tables {
		tid := id + "-" + t.ID
		h3 := dom.El(p.doc, "h3", t.Title)
		h3.SetAttr("id", tid+"-title")
		sec.Append(h3)
		if c := t.Draw(audit.ChartID(part, t)); c != nil {
			fig := p.doc.Create("figure")
			fig.SetClass("audit-chart", true)
			fig.Append(p.svg(c))
			sec.Append(fig)
		}
		sec.Append(p.table(tid, t))
		if t.Note != "" {
			note := dom.El(p.doc, "p", t.Note)
			note.SetClass("audit-note", true)
			sec.Append(note)
		}
	}
	return sec
}

// table makes an HTML table of t, named by its heading. A table of more
// than three columns may be wider than a phone: it scrolls, in a region
// the keyboard can reach.
func (p *page) table(id string, t audit.Table) dom.Node {
	if len(t.Rows) == 0 {
		return dom.El(p.doc, "p", "None.")
	}
	tbl := p.doc.Create("table")
	tbl.SetClass("audit-table", true)
	tbl.SetAttr("id", id)
	tbl.SetAttr("aria-labelledby", id+"-title")
	head := p.doc.Create("thead")
	tr := p.doc.Create("tr")
	for i, c := range t.Head {
		th := dom.El(p.doc, "th", c.Label)
		th.SetAttr("scope", "col")
		th.SetClass("num", i > 0)
		tr.Append(th)
	}
	head.Append(tr)
	tbl.Append(head)
	body := p.doc.Create("tbody")
	for _, r := range t.Rows {
		tr := p.doc.Create("tr")
		tr.SetAttr("data-key", r.Key)
		th := dom.El(p.doc, "th", r.Label)
		th.SetAttr("scope", "row")
		tr.Append(th)
		for i, c := range r.Cells {
			td := dom.El(p.doc, "td", c.Text)
			td.SetClass("num", true)
			if i+1 < len(t.Head) {
				td.SetAttr("data-column", t.Head[i+1].Key)
			}
			tr.Append(td)
		}
		body.Append(tr)
	}
	tbl.Append(body)
	if len(t.Head) <= 3 {
		return tbl
	}
	wrap := p.doc.Create("div")
	wrap.SetClass("table-scroll", true)
	wrap.SetAttr("role", "region")
	wrap.SetAttr("aria-labelledby", id+"-title")
	wrap.SetAttr("tabindex", "0")
	wrap.Append(tbl)
	return wrap
}

// svg builds a chart in the page, element by element.
func (p *page) svg(e *chart.Element) dom.Node {
	n := p.doc.CreateNS(chart.Namespace, e.Name)
	for _, a := range e.Attrs {
		if a.Name != "xmlns" { // the namespace is the element's own
			n.SetAttr(a.Name, a.Value)
		}
	}
	if e.Text != "" {
		n.SetText(e.Text)
	}
	for _, c := range e.Children {
		n.Append(p.svg(c))
	}
	return n
}

// drawNotes lists the files that could not be read, with the reason, and
// those that repeat a disagreement.
func (p *page) drawNotes() {
	box := p.doc.ByID("audit-file-notes")
	box.Clear()
	if probs := p.set.Problems(); len(probs) > 0 {
		h := dom.El(p.doc, "h3", words.Count(len(probs), "file was", "files were")+" not read")
		h.SetAttr("id", "audit-problems-title")
		box.Append(h)
		t := audit.Table{Head: []audit.Column{{Key: "file", Label: "File"}, {Key: "why", Label: "Why"}}}
		for i, pr := range probs {
			if i == mostListed {
				break
			}
			t.Rows = append(t.Rows, audit.Row{Key: strconv.Itoa(i), Label: pr.Name, Cells: []audit.Cell{{Text: pr.Why}}})
		}
		box.Append(p.table("audit-problems", t))
		if n := len(probs) - mostListed; n > 0 {
			box.Append(dom.El(p.doc, "p", "And "+words.Count(n, "more file", "more files")+"."))
		}
	}
	if dups := p.set.Duplicates(); len(dups) > 0 {
		d := p.doc.Create("details")
		d.SetAttr("id", "audit-repeats")
		d.Append(dom.El(p.doc, "summary", words.Count(len(dups), "file repeats", "files repeat")+" a disagreement already counted, so "+
			map[bool]string{true: "it was", false: "they were"}[len(dups) == 1]+" counted once"))
		ul := p.doc.Create("ul")
		for i, dup := range dups {
			if i == mostListed {
				ul.Append(dom.El(p.doc, "li", "And "+words.Count(len(dups)-mostListed, "more file", "more files")+"."))
				break
			}
			ul.Append(dom.El(p.doc, "li", dup.Name+": the same disagreement as "+dup.Same))
		}
		d.Append(ul)
		box.Append(d)
	}
}
