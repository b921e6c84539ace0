package build

import (
	"crypto/sha256"
	"sync"
	"sync/atomic"

	"resolve/internal/content"
	"resolve/internal/diag"
	"resolve/internal/markdown"
)

// memo is what a live build knows of each page of the last good build,
// and what it records of this one's, so that a page whose inputs have not
// changed is not rendered again (see live.go for the model).
type memo struct {
	prev     map[string]*pageMemo // by URL: the last good build's; nil for a full build
	mu       sync.Mutex
	next     map[string]*pageMemo // this build's
	env      fingerprint          // what every page may depend on beyond its view
	site     fingerprint          // the view of the site every page gets
	layouts  map[string]fingerprint
	rendered atomic.Int64 // pages laid out this build
	// stale is set when what the last build left cannot be brought up to
	// date in place, so a full build must run; touched once this build
	// has changed the output folder or the kept search index, so that a
	// failure from then on leaves nothing to build on.
	stale, touched bool
}

// pageMemo is what one page's output was made from, and what the rest of
// the build needs of it without rendering it again.
type pageMemo struct {
	key       fingerprint   // pageKey: everything the page's output is made from
	md        fingerprint   // markdownKey, for a page from markdown
	src       *content.Page // the page it was made from, and its text's hash:
	body      fingerprint   // a content.Cache gives the same Page while its file is unchanged
	dests     []linkDest    // the link destinations its markdown resolved, in order
	headings  []markdown.Heading
	links     []ref           // its internal links, checked on every build
	ids       map[string]bool // the anchors in it, which links to it may use
	hasPolicy bool
	lint      diag.List // its warnings
}

// linkDest is a link destination as written in markdown, and its line.
type linkDest struct {
	text string
	line int
}

// incremental reports whether the build may keep pages of the last one.
func (m *memo) incremental() bool { return m != nil && m.prev != nil }

// reuse reports whether page p of this build is what it was in the last
// good build, and if so gives p what the rest of the build needs of it.
// It renders nothing: it works out p's keys from its view and its
// markdown's links, as a render would, and compares them. The A to Z's
// view holds every page's headings: it is asked about once they are in.
func (m *memo) reuse(s *site, p *page) bool {
	if !m.incremental() {
		return false
	}
	old := m.prev[p.url]
	if old == nil {
		return false
	}
	if p.src != nil {
		if s.notLaidOut[p.src.Path] {
			return false
		}
		p.md = s.markdownKey(p, old.dests, m.bodyKey(p))
		if p.md != old.md {
			return false
		}
		// The same markdown gives the same headings, which the
		// contents, the A to Z and the search index read.
		p.doc = &markdown.Doc{Headings: old.headings}
	}
	if s.pageKey(p, nil) != old.key {
		p.doc = nil
		return false
	}
	m.keep(s, p, old)
	return true
}

// keep takes a page of the last build into this one as it was.
func (m *memo) keep(s *site, p *page, old *pageMemo) {
	p.links, p.ids, p.hasPolicy, p.lint = old.links, old.ids, old.hasPolicy, old.lint
	p.kept = true
	m.mu.Lock()
	m.next[p.url] = old
	m.mu.Unlock()
}

// record notes a page just laid out, with its key.
func (m *memo) record(p *page, key fingerprint) {
	if m == nil {
		return
	}
	e := &pageMemo{key: key, md: p.md, dests: p.dests, links: p.links, ids: p.ids, hasPolicy: p.hasPolicy, lint: p.lint}
	if p.doc != nil {
		e.headings = p.doc.Headings
	}
	if p.src != nil {
		e.src, e.body = p.src, m.bodyKey(p)
	}
	m.rendered.Add(1)
	m.mu.Lock()
	m.next[p.url] = e
	m.mu.Unlock()
}

// bodyKey is the SHA-256 of a page's text, taken from the last build
// when the page is the same.
func (m *memo) bodyKey(p *page) fingerprint {
	if old := m.prev[p.url]; old != nil && old.src == p.src {
		return old.body
	}
	return sha256.Sum256(p.src.Body)
}

// markdownKey is the fingerprint of what a page's markdown renders from:
// its file, its text and where the text starts, and what each link
// destination in it resolves to now (the page's address, the pages and
// files it names). body is the text's SHA-256. The renderer's settings (glossary abbreviations,
// sections for search) are in the site's env. dests are the destinations
// the renderer asked to resolve, which the text alone decides.
func (s *site) markdownKey(p *page, dests []linkDest, body fingerprint) fingerprint {
	h := newHasher()
	defer h.free()
	h.string(p.src.File)
	h.fingerprint(body)
	h.uint(uint64(p.src.BodyLine))
	h.string(p.url)
	h.uint(uint64(len(dests)))
	for _, d := range dests {
		out, r, msg := s.resolveLink(p, d.text)
		h.string(d.text)
		h.uint(uint64(d.line))
		h.string(out)
		h.string(msg)
		h.any(r)
	}
	return h.sum()
}

// pageKey is the fingerprint of everything a page's output is made from:
// its kind, its layout's files, the site's env, the view its layout gets
// (less the markdown's HTML, which p.md stands for) and p.md. v is the
// page's view, made here when nil.
func (s *site) pageKey(p *page, v *View) fingerprint {
	h := newHasher()
	defer h.free()
	h.string(p.kind)
	h.fingerprint(s.memo.env)
	h.fingerprint(p.md)
	if p.kind == "redirect" {
		h.any(s.redirectData(p))
		return h.sum()
	}
	h.fingerprint(s.memo.layouts[p.kind])
	if v == nil {
		v = s.view(p)
	}
	h.fingerprint(s.memo.site)
	h.pageView(v.Page)
	h.any(v.Protocol)
	if p.kind == "a-z" {
		// What the A to Z's entries are made from, rather than the
		// entries, which need every page's to be sorted first.
		h.fingerprint(s.azKey())
	} else {
		h.any(v.Data)
	}
	return h.sum()
}

// azKey fingerprints what fillAZ makes the A to Z from: every page's
// address, title and procedure, whether it is left out, and its h2
// headings, in the site's order. Worked out once a build, when every
// page's headings are known.
func (s *site) azKey() fingerprint {
	s.azOnce.Do(func() {
		h := newHasher()
		defer h.free()
		h.string(s.base)
		for _, q := range s.pages {
			h.string(q.url)
			h.string(q.title)
			h.any(q.noIndex)
			if q.proto != nil {
				h.string(q.proto.ID)
			}
			if q.doc == nil {
				h.byte(0)
				continue
			}
			h.byte(1)
			for _, hd := range q.doc.Headings {
				if hd.Level == 2 {
					h.string(hd.Text)
					h.string(hd.ID)
				}
			}
			h.byte(2)
		}
		s.azSum = h.sum()
	})
	return s.azSum
}
