package build

import (
	"bytes"
	"net/url"
	"path"
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
// A to Z, which needs every page's headings, and checks every link.
func (s *site) render() error {
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
	var idx *search.Index
	if s.hasSearch() {
		idx = search.NewIndex(s.numberForSearch(), s.emitSearch)
	}
	var late []*page // laid out once every page's headings are known
	s.parallel(func(p *page) {
		if p.src != nil {
			ps := s.renderMarkdown(p)
			report(ps, lint(p))
			if len(ps) > 0 {
				return
			}
		}
		if idx != nil && p.searchNo >= 0 {
			if err := idx.Add(p.searchNo, s.searchPage(p)); err != nil {
				report(diag.List{{Path: s.cfg.Out, Message: "writing the search index: " + err.Error()}}, nil)
			}
		}
		if p.kind == "a-z" {
			mu.Lock()
			late = append(late, p)
			mu.Unlock()
			return
		}
		report(s.layOut(p), nil)
	})
	s.warnings = append(s.warnings, warnings...)
	if len(problems) > 0 {
		problems.Sort()
		return problems
	}
	// The index's merge runs beside the last layouts.
	index := make(chan error, 1)
	if idx == nil {
		index <- nil
	} else {
		go func() {
			files, err := idx.Files()
			s.addSearch(files)
			index <- err
		}()
	}
	s.fillAZ()
	for _, p := range late {
		problems = append(problems, s.layOut(p)...)
	}
	if err := <-index; err != nil {
		problems.Add(s.cfg.Out, 0, "writing the search index: "+err.Error())
	}
	if len(problems) == 0 {
		problems = s.checkLinks()
	}
	if len(problems) > 0 {
		problems.Sort()
		return problems
	}
	return nil
}

// layOut executes a page's layout and writes the page.
func (s *site) layOut(p *page) diag.List {
	buf := pageBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer pageBuffers.Put(buf)
	v := s.view(p)
	err := s.layouts.executeTo(buf, p.kind, v)
	p.hasPolicy = v.Page.wroteCSP
	out := buf.Bytes()
	if err != nil {
		return diag.List{{Path: filepath.Join(s.cfg.Layouts, templateFile(s.cfg.Layouts, err, p.kind)), Line: templateLine(err), Message: "rendering " + p.url + ": " + err.Error()}}
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

// parallel runs f for every page on a pool of cfg.Workers goroutines.
func (s *site) parallel(f func(*page)) {
	work := make(chan *page)
	var wg sync.WaitGroup
	for i := 0; i < s.cfg.Workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				f(p)
			}
		}()
	}
	for _, p := range s.pages {
		work <- p
	}
	close(work)
	wg.Wait()
}

func (s *site) renderMarkdown(p *page) diag.List {
	var problems diag.List
	resolve := func(dest string, line int) (string, bool) {
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
	p.src.Body = nil // rendered: only the HTML is needed from here on
	for _, l := range doc.Links {
		if strings.HasPrefix(l.Dest, "#") {
			p.links = append(p.links, ref{line: l.Line, url: p.url, anchor: l.Dest[1:], text: l.Dest})
		}
	}
	return problems
}

// resolveLink maps a destination written in page p to the URL to write,
// and a ref to check once all pages exist. A non-empty msg is an error.
func (s *site) resolveLink(p *page, dest string) (out string, r *ref, msg string) {
	u, err := url.Parse(dest)
	if err != nil {
		return "", nil, "not a valid link"
	}
	if u.Scheme != "" || u.Host != "" {
		return "", nil, "" // external: left as written
	}
	target := u.Path
	var site string // site path of the target
	switch {
	case strings.HasPrefix(target, "/"):
		site = target
	case strings.HasSuffix(target, ".md"):
		src := path.Join(path.Dir(p.src.Path), target)
		tp := s.bySrc[src]
		if tp == nil {
			return "", nil, "link to a page that does not exist (" + path.Join(s.cfg.Content, src) + ")"
		}
		site = tp.url
	default:
		site = "/" + path.Join(path.Dir(p.src.Path), target)
		if strings.HasSuffix(target, "/") {
			site += "/"
		}
	}
	out = s.url(site)
	if u.Fragment != "" {
		out += "#" + u.Fragment
	}
	return out, &ref{url: site, anchor: u.Fragment, text: dest}, ""
}

// checkLinks reports every internal link whose page or anchor does not exist.
func (s *site) checkLinks() diag.List {
	var problems diag.List
	files := map[string]bool{}
	for _, f := range s.files {
		files["/"+f.path] = true
	}
	for _, a := range s.tree.Assets {
		files["/"+a] = true
	}
	for _, p := range s.pages {
		for _, r := range p.links {
			target := s.byURL[r.url]
			if target == nil && !strings.HasSuffix(r.url, "/") && !files[r.url] {
				target = s.byURL[r.url+"/"]
			}
			switch {
			case target == nil && files[r.url]:
				continue
			case target == nil:
				problems.Add(p.src.File, r.line, "link to a page that does not exist: "+r.text)
			case r.anchor != "" && !target.hasAnchor(r.anchor):
				problems.Add(p.src.File, r.line, "link to a heading that does not exist: "+r.text+" (no #"+r.anchor+" in "+target.url+")")
			}
		}
	}
	problems.Sort()
	return problems
}

func (p *page) hasAnchor(id string) bool {
	return p.ids[id]
}

// toc lists the headings for "on this page": h2s, when there are at least three.
func toc(doc *markdown.Doc) []markdown.Heading {
	if doc == nil {
		return nil
	}
	var out []markdown.Heading
	for _, h := range doc.Headings {
		if h.Level == 2 {
			out = append(out, h)
		}
	}
	if len(out) < 3 {
		return nil
	}
	return out
}
