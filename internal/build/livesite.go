package build

import (
	"os"
	"path/filepath"
	"sync/atomic"
)

// startLive readies a live build once the site is assembled: the keys
// every page's key is made from, the site's structure, and, for an
// incremental build, which pages of the last build stand (memo.go). It
// returns errStale when the last build cannot be brought up to date in
// place: the pages or their numbers in the search index changed, or more
// than half the pages would render again.
func (s *site) startLive(l *Live, incremental bool) error {
	s.memo.env = s.envKey()
	h := newHasher()
	h.any(s.siteView())
	s.memo.site = h.sum()
	s.memo.layouts = s.layouts.keys
	s.structure = s.structureKey()
	if !incremental {
		return nil
	}
	st := l.state
	if s.structure != st.structure && !s.dry {
		// A build with problems writes nothing, so it may still use what
		// stands to check the rest quickly.
		return errStale
	}
	if _, err := os.Stat(filepath.Join(s.cfg.Out, markerFile)); err != nil && !s.dry {
		// The output is not what the last build left (someone removed
		// it): it is built whole again.
		return errStale
	}
	s.search = st.search
	if s.search != nil {
		s.search.adds = nil
	}
	var again atomic.Int64
	s.parallel(s.pages, func(p *page) {
		if p.kind != "a-z" && !s.memo.reuse(s, p) {
			again.Add(1)
		}
	})
	if !s.dry && again.Load()*2 > int64(len(s.pages)) {
		return errStale
	}
	return nil
}

// envKey fingerprints what any page's output may depend on beyond its own
// view: the template functions' settings (the base path and address, the
// static files' addresses) and the markdown renderer's (the glossary's
// abbreviations, whether sections are kept for search).
func (s *site) envKey() fingerprint {
	h := newHasher()
	h.string(s.base)
	h.string(s.origin)
	h.stringMap(s.assets)
	h.stringMap(abbreviations(s.tree))
	h.any(s.layouts.has("search"))
	return h.sum()
}

// structureKey fingerprints the site's pages, in order, with their
// numbers in the search index and the index's settings: what an
// incremental build must find as it was (it numbers the search pages).
func (s *site) structureKey() fingerprint {
	h := newHasher()
	search := s.hasSearch()
	h.any(search)
	if search {
		s.numberSearch()
		opt := s.searchOptions()
		h.any(opt.Synonyms)
		h.any(opt.Scopes)
		h.uint(uint64(opt.BundleLimit))
	}
	h.uint(uint64(len(s.pages)))
	for _, p := range s.pages {
		h.string(p.url)
		h.string(p.kind)
		h.uint(uint64(p.searchNo))
	}
	return h.sum()
}

// historyMemo is a protocol's "What changed" data and the front matter it
// was read with.
type historyMemo struct {
	key  fingerprint
	data *changesData
}

// historyOf is changesData, which reads the protocol's history from git,
// kept by a live build until the protocol's file changes.
func (s *site) historyOf(pr *proto) *changesData {
	if s.lv == nil {
		return s.changesData(pr)
	}
	raw, line := pr.src.FrontMatter()
	h := newHasher()
	h.string(pr.src.File)
	h.bytes(raw)
	h.uint(uint64(line))
	key := h.sum()
	if s.history == nil {
		s.history = map[string]*historyMemo{}
	}
	if st := s.lv.state; st != nil {
		if m := st.history[pr.src.File]; m != nil && m.key == key {
			s.history[pr.src.File] = m
			return m.data
		}
	}
	m := &historyMemo{key: key, data: s.changesData(pr)}
	s.history[pr.src.File] = m
	return m.data
}
