package build

import (
	"bytes"
	"path/filepath"
	"strings"
	"sync"

	"resolve/internal/diag"
	"resolve/internal/markdown"
	"resolve/internal/search"
)

// render turns each page's markdown into HTML, adds it to the search
// index and lays it out, all in one pass on the worker pool, so a page is
// finished and written while its markdown is fresh; then it lays out the
// A to Z, which needs every page's headings, beside the index's merge and
// the layouts of the last pages, held back to keep the pool busy
// meanwhile (see holdBack), and checks every link. It
// returns every problem: a page with a broken link is still laid out, so
// that links to it can be checked and every link problem of the site is
// reported together.
func (s *site) render() diag.List {
	var mu sync.Mutex
	var problems, warnings diag.List
	report := func(ps, ws diag.List) {
		if len(ps)+len(ws) == 0 {
			return
		}
		mu.Lock()
		problems = append(problems, ps...)
		warnings = append(warnings, ws...)
		mu.Unlock()
	}
	var whole *search.Index // made afresh; nil when a live build adds to the last one's
	switch {
	case !s.hasSearch():
	case s.memo.incremental():
		if s.search != nil {
			s.index = s.search
		}
	case s.memo != nil:
		// A live build's first: an index it keeps (livesearch.go).
		s.search = newLiveSearch(s)
		s.search.emit = s.emitSearch
		whole = s.search.index
		s.index = whole
	default:
		whole = s.newSearchIndex()
		s.index = whole
	}
	idx := s.index
	az := s.azPage()
	hold := s.holdBack(az)
	var late []*page // laid out once every page's headings are known: the A to Z and those held back
	if az != nil {
		late = append(late, az) // first: it takes longest
	}
	s.parallel(s.pages, func(p *page) {
		if p.kept { // a live build's page that has not changed (memo.go)
			report(nil, p.lint)
			if az != nil {
				p.az = s.azEntries(p, az) // its headings are the last build's
			}
			return
		}
		if p.src != nil {
			ps := s.renderMarkdown(p)
			p.lint = lint(p)
			report(ps, p.lint)
		}
		if az != nil {
			p.az = s.azEntries(p, az)
		}
		if p.src != nil && s.notLaidOut[p.src.Path] {
			return // set aside for a problem reported already
		}
		if idx != nil && p.searchNo >= 0 && !searchFromHTML(p) {
			if err := idx.Add(p.searchNo, s.searchPage(p, nil)); err != nil {
				report(diag.List{{Path: s.cfg.Out, Message: "writing the search index: " + err.Error()}}, nil)
			}
		}
		if p == az {
			return
		}
		if hold[p] && !(idx != nil && p.searchNo >= 0 && searchFromHTML(p)) {
			mu.Lock()
			late = append(late, p)
			mu.Unlock()
			return
		}
		report(s.layOut(p), nil)
	})
	// The index's merge runs beside the last layouts.
	index := make(chan error, 1)
	if whole == nil {
		index <- nil
	} else {
		go func() {
			files, err := whole.Files()
			s.addSearch(files)
			index <- err
		}()
	}
	var layouts []*page
	for _, p := range late {
		if p == az {
			if s.memo.reuse(s, p) {
				continue // a live build's A to Z, whose entries are as they were
			}
			if s.azAfterPages(p) {
				s.azLate = p // laid out once the pages are written (inplace.go)
				continue
			}
			s.fillAZ()
		}
		layouts = append(layouts, p)
	}
	s.parallel(layouts, func(p *page) { report(s.layOut(p), nil) })
	if err := <-index; err != nil {
		problems.Add(s.cfg.Out, 0, "writing the search index: "+err.Error())
	}
	s.warnings = append(s.warnings, warnings...)
	s.index = nil // complete: pages laid out from now on are not in it
	problems = append(problems, s.checkLinks()...)
	// A live build adds the pages it rendered again to the last build's
	// index as it writes, once it is sure to succeed (inplace.go).
	problems.Sort()
	return problems
}

// layOut executes a page's layout and writes the page.
func (s *site) layOut(p *page) diag.List {
	buf := pageBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer pageBuffers.Put(buf)
	var err error
	var key fingerprint // for a live build: what the page is made from
	if p.kind == "redirect" {
		if s.memo != nil {
			key = s.pageKey(p, nil)
		}
		err = s.redirectHTML(p, buf)
	} else {
		v := s.view(p)
		if s.memo != nil {
			key = s.pageKey(p, v)
		}
		err = s.layouts.executeTo(buf, p.kind, v)
		p.hasPolicy = v.Page.wroteCSP
	}
	out := buf.Bytes()
	if err != nil {
		return diag.List{{Path: filepath.Join(s.cfg.Layouts, templateFile(s.cfg.Layouts, err, p.kind)), Line: templateLine(err), Message: "rendering " + p.url + ": " + err.Error()}}
	}
	if ps := s.indexRendered(p, out); len(ps) > 0 {
		return ps
	}
	p.ids = idsIn(out)
	if p.doc != nil {
		// In the page now, and indexed: only the headings are needed
		// from here on (for the A to Z), so let the rest go.
		p.doc.HTML, p.doc.Sections = nil, nil
	}
	// Write the page now, while other pages render, rather than holding
	// every page in memory until the end.
	if err := s.emit(p, out); err != nil {
		return diag.List{{Path: s.cfg.Out, Message: "writing " + p.url + ": " + err.Error()}}
	}
	s.memo.record(p, key)
	return nil
}

// pageBuffers are reused between pages: a page is written as soon as it is
// rendered, so its buffer is free again straight after.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// idsIn lists the id attributes of a rendered page: the anchors a link to
// it may use. Layouts and markdown write attributes as id="...", so a plain
// scan finds them, several times faster than a regular expression.
func idsIn(page []byte) map[string]bool {
	ids := map[string]bool{}
	for {
		i := bytes.Index(page, []byte(` id="`))
		if i < 0 {
			return ids
		}
		page = page[i+5:]
		j := bytes.IndexByte(page, '"')
		if j < 0 {
			return ids
		}
		ids[string(page[:j])] = true
		page = page[j+1:]
	}
}

// parallel runs f for every page of pages, in order, on a pool of
// cfg.Workers goroutines.
func (s *site) parallel(pages []*page, f func(*page)) { each(s.cfg.Workers, pages, f) }

// each runs f for every item, handed out in order, on a pool of n
// goroutines, and returns when all are done.
func each[T any](n int, items []T, f func(T)) {
	work := make(chan T)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for item := range work {
				f(item)
			}
		}()
	}
	for _, item := range items {
		work <- item
	}
	close(work)
	wg.Wait()
}

func (s *site) renderMarkdown(p *page) diag.List {
	var problems diag.List
	p.dests = nil
	resolve := func(dest string, line int) (string, bool) {
		if s.memo != nil {
			p.dests = append(p.dests, linkDest{dest, line})
		}
		u, r, msg := s.resolveLink(p, dest)
		if msg != "" {
			problems.Add(p.src.File, line, msg+": "+dest)
			return "", false
		}
		if r != nil {
			r.line = line
			p.links = append(p.links, *r)
		}
		return u, u != ""
	}
	doc, err := s.md.Render(p.src.Body, p.src.BodyLine, resolve)
	if err != nil {
		problems.Add(p.src.File, p.src.BodyLine, "markdown: "+err.Error())
		return problems
	}
	p.doc = doc
	if s.memo == nil {
		p.src.Body = nil // rendered: only the HTML is needed from here on
	} else {
		// A live build keeps the page's text, and notes what the HTML
		// was made from (memo.go).
		p.md = s.markdownKey(p, p.dests, s.memo.bodyKey(p))
	}
	for _, l := range doc.Links {
		if strings.HasPrefix(l.Dest, "#") {
			p.links = append(p.links, ref{line: l.Line, url: p.url, anchor: l.Dest[1:], text: l.Dest})
		}
		if scheme, bad := markdown.DangerousScheme(l.Dest); bad {
			problems.Add(p.src.File, l.Line, dangerMessage(scheme, l.Dest))
		}
	}
	return problems
}

// dangerMessage says why a link with a dangerous scheme is refused.
func dangerMessage(scheme, dest string) string {
	if len(dest) > 40 {
		dest = dest[:37] + "..."
	}
	if scheme == "data" {
		return "a data: link carries a whole file inside the page, which browsers may run as a page of its own: put the file in content/ beside the page and link to it: " + dest
	}
	return "a " + scheme + ": link runs code in the reader's browser and is not allowed: link to a page or a file instead: " + dest
}

// toc lists the headings for "on this page": h2s, when there are at least three.
func toc(doc *markdown.Doc) []markdown.Heading {
	if doc == nil {
		return nil
	}
	n := 0
	for _, h := range doc.Headings {
		if h.Level == 2 {
			n++
		}
	}
	if n < 3 {
		return nil
	}
	out := make([]markdown.Heading, 0, n)
	for _, h := range doc.Headings {
		if h.Level == 2 {
			out = append(out, h)
		}
	}
	return out
}
