package build

import (
	"errors"
	"strings"
	"sync"

	"resolve/internal/search"
)

// liveSearch is the search index a live build keeps between builds. A full
// build makes it as any build makes its index; a build after an edit adds
// again only the pages it rendered again (Add keeps them until the build
// is sure to succeed, complete adds them), then merges the whole index
// afresh: every page's weights depend on every other page's words (see
// package search), so its files are all made again and written where they
// changed. Pages keep their numbers: a build that would number them
// differently (a page added, removed or moved between procedures) is a
// full build (live.go).
type liveSearch struct {
	index *search.Index
	emit  func(search.File) error // the build under way's emitSearch
	mu    sync.Mutex
	sizes map[string]int // bytes of each page's own file (p/N.json), for the bundle
	adds  []liveAdd      // pages rendered again, to add once the build succeeds
}

type liveAdd struct {
	n    int
	page search.Page
}

// newLiveSearch makes a live build's index with s's options.
func newLiveSearch(s *site) *liveSearch {
	ls := &liveSearch{sizes: map[string]int{}}
	opt := s.searchOptions()
	opt.Emit = ls.emitFile
	ls.index = search.NewIndex(s.numberSearch(), opt)
	return ls
}

// Add keeps a page rendered again, to add once the build succeeds.
func (ls *liveSearch) Add(n int, p search.Page) error {
	ls.mu.Lock()
	ls.adds = append(ls.adds, liveAdd{n, p})
	ls.mu.Unlock()
	return nil
}

// emitFile writes a page's file through the build under way, noting its
// size.
func (ls *liveSearch) emitFile(f search.File) error {
	ls.mu.Lock()
	ls.sizes[f.Name] = len(f.Data)
	emit := ls.emit
	ls.mu.Unlock()
	return emit(f)
}

// errStale says that what a live build keeps no longer matches what a
// full build would make, so a full build must run.
var errStale = errors.New("a full build is needed")

// complete adds the pages kept by Add to the index, merges it and adds its
// files to the site. It returns errStale when the index's own bookkeeping
// of which page files to bundle (kept in memory up to BundleLimit as pages
// are added, counting each page every time it is added) has drifted from
// what a fresh index of the same pages decides, which happens only after
// many edits of a site whose index is near the limit.
func (ls *liveSearch) complete(s *site) error {
	ls.mu.Lock()
	ls.emit = s.emitSearch
	adds := ls.adds
	ls.adds = nil
	ls.mu.Unlock()
	s.memo.touched = true // from here the index is this build's
	var failed error
	var once sync.Once
	each(s.cfg.Workers, adds, func(a liveAdd) {
		if err := ls.index.Add(a.n, a.page); err != nil {
			once.Do(func() { failed = err })
		}
	})
	if failed != nil {
		return failed
	}
	files, err := ls.index.Files()
	if err != nil {
		return err
	}
	// What a fresh index bundles: everything but the manifest, when it
	// is small enough (see package search).
	size, bundled := 0, false
	for _, n := range ls.sizes {
		size += n
	}
	for _, f := range files {
		switch {
		case strings.HasPrefix(f.Name, "all."):
			bundled = true
		case f.Name != "index.json":
			size += len(f.Data)
		}
	}
	if bundled != (size <= searchBundleLimit) {
		s.memo.stale = true
		return nil
	}
	s.addSearch(files)
	return nil
}
