package build

import (
	"errors"
	"path/filepath"
	"strings"
	"time"

	"resolve/internal/content"
	"resolve/internal/scaffold/placeholder"
)

// A live build (Live, for resolve serve) builds one site again and again
// into one output folder and renders, after an edit, only what the edit
// changed. It is the full build with a memory, not a second way of
// building: every build runs the same steps in the same order (load,
// assemble, render, write), with the same functions, over the whole site;
// what it skips is only work whose result it can prove is what it was.
//
// The dependency model. Every page's output is made from:
//
//   - its kind, and its layout's files (base.html, the partials and the
//     layout's own file);
//   - the site's env: the base path and address (url, abs), the static
//     files' fingerprinted addresses (asset), the glossary's abbreviations
//     and whether markdown keeps sections for search;
//   - the View its layout is given: the site's view (title, footer,
//     procedures, glossary, statements), its own (title, description,
//     contents, breadcrumbs, children, previous and next, date), its
//     procedure's and its kind's data (a flowchart, a form, the A to Z),
//     hashed deeply, every field through every pointer (fingerprint.go);
//   - for a page from markdown, its text, and what each link destination
//     in it resolves to now (markdownKey): the address of the page a .md
//     link names, whether a file exists, the page's own address.
//
// Their SHA-256 is the page's key (pageKey). A build works out each
// page's key from its view and its links' resolution, which costs little,
// and renders and writes again only the pages whose key changed; every
// other page keeps its output, and what the rest of the build reads of it
// (its headings, internal links and anchors, warnings, whether its layout
// wrote its security policy) is taken from the last build (memo.go). So a
// title edit renders the page, its section's list, its neighbours (whose
// previous and next links show it), the A to Z and anything else whose view
// shows the title; a layout edit renders the pages of that layout (all of
// them for base.html); a new stylesheet changes its fingerprinted address
// and so every page's env; a protocol edit changes the site's view
// and so every page, as does the home page's title or footer.
//
// What every build does whole, as a full build does, because it is cheap
// or reads everything: reading the layouts and static files, the
// protocols' checks, assembling (addresses, sections, order, generated
// pages), checking every internal link and anchor against every page
// (from each page's links, kept or new: an edit that removes a heading
// breaks links to it from pages that did not change), the sitemap, the
// feed, the offline page, _headers and the service worker, whose build id
// hashes every output file. The content folder is read through a
// content.Cache, which parses again only the files that changed; what
// placeholders.go finds in a page and a procedure's history from git are
// kept while its file is unchanged. The A to Z is keyed by what its
// entries are made from (every page's address, title, procedure and h2
// headings), so it is filled and laid out only when one of those changed.
// The search index is kept and merged again with the pages rendered again
// (livesearch.go). The WebAssembly modules are the last full build's.
//
// A live build writes in place, once every page has rendered and every
// link is checked (inplace.go): each file whose bytes changed is written
// beside the output and renamed over the old one, each file no longer made
// is removed (with folders left empty), and the mark of a build is written
// again. The pages go first, and Live.Pages is told them (the server
// reloads the browsers then); what is made from every page (the search
// index, the sitemap, the feed, the service worker, _headers) follows. A
// failed build writes nothing, so the last good output stays; the next
// build starts from it.
//
// A full build (the work folder and swap of any build) runs instead for
// the first build, when pages are added, removed or renumbered in the
// search index, when a change is outside the inputs (the WebAssembly
// modules' Go sources), when more than half the pages would render again
// (cheaper whole than in place), and whenever what was kept cannot be
// trusted (a build that failed part-way through writing). The test
// TestLiveMatchesFullBuild applies random edits and compares the output
// after each with a clean build of the same files.

// Live builds a site into one output folder again and again, keeping
// between builds what it needs to render only what changed. Build must not
// be called from two goroutines at once.
type Live struct {
	// Pages, if set, is called during a build that updates the output in
	// place, with the addresses of the pages it wrote, as soon as they are
	// written: before what is made from every page (the search index, the
	// sitemap, the service worker), which a reader of those pages does not
	// need, is written. A full build does not call it.
	Pages func(changed []string)

	cfg   Config
	cache *content.Cache
	state *liveState // the last good build; nil before one, or when it cannot be trusted
	dirty map[string]bool
	// contentChanged are the content files named changed for this build,
	// nil when not known (the folder is walked).
	contentChanged []string
	// placeholders are what placeholders.go found in each page, which
	// the cache gives again while its file is unchanged.
	placeholders map[*content.Page][]placeholder.Found
}

// liveState is what Live keeps of the last good build.
type liveState struct {
	pages     map[string]*pageMemo
	structure fingerprint
	rec       *recorder               // every file the build wrote into the output, with its size and hash
	search    *liveSearch             // nil for a site without search
	assets    map[string]assetStamp   // content files copied to the output
	history   map[string]*historyMemo // each protocol's "What changed" data, by its file
	modules   *Modules                // the WebAssembly modules, whose files are in rec
	layouts   map[string]fingerprint  // each layout's key
}

// assetStamp is the size and time a content file had when it was copied.
type assetStamp struct {
	size int64
	mod  time.Time
}

// NewLive returns a Live for cfg. Its first Build is a full build.
func NewLive(cfg Config) *Live {
	return &Live{cfg: cfg, cache: content.NewCache(), dirty: map[string]bool{}}
}

// Build brings the output up to date after the files named have changed
// (paths under the content, layouts or static folder, as the folders were
// given in the Config, or elsewhere: any other path makes a full build).
// nil names nothing in particular: every content file is read again. A
// failed build leaves the output as it was.
func (l *Live) Build(changed []string) (*Result, error) {
	full := l.state == nil
	l.contentChanged = nil
	if changed == nil {
		l.cache.Reset()
		l.dirty = nil // every content file is copied again
	} else {
		l.contentChanged = []string{}
	}
	for _, name := range changed {
		switch folder, rel := l.locate(name); folder {
		case l.cfg.Content:
			l.contentChanged = append(l.contentChanged, rel)
			l.cache.Forget(rel)
			if l.dirty != nil {
				l.dirty[rel] = true
			}
		case l.cfg.Layouts, l.cfg.Static:
			// Read whole by every build.
		default:
			full = true
		}
	}
	if !full {
		res, err := run(l.cfg, true, l, true)
		if !errors.Is(err, errStale) {
			return res, err
		}
	}
	// A full build replaces the state only when it succeeds: one that
	// fails touches neither the output nor what was kept of it.
	return run(l.cfg, true, l, false)
}

// locate says which input folder a changed path is in (one of the
// Config's) and its slash path inside it, or "" for none.
func (l *Live) locate(name string) (folder, rel string) {
	abs, err := filepath.Abs(name)
	if err != nil {
		return "", ""
	}
	for _, dir := range []string{l.cfg.Content, l.cfg.Layouts, l.cfg.Static} {
		d, err := filepath.Abs(dir)
		if err != nil {
			continue
		}
		r, err := filepath.Rel(d, abs)
		if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
			continue
		}
		return dir, filepath.ToSlash(r)
	}
	return "", ""
}

// newMemo starts an incremental build's memo.
func (l *Live) newMemo() *memo {
	return &memo{prev: l.state.pages, next: map[string]*pageMemo{}}
}

// commit keeps what a build that succeeded made.
func (l *Live) commit(s *site) {
	l.state = &liveState{
		pages:     s.memo.next,
		structure: s.structure,
		rec:       s.written,
		search:    s.search,
		assets:    s.assetStamps,
		history:   s.history,
		modules:   s.modules,
		layouts:   s.layouts.keys,
	}
	l.dirty = map[string]bool{}
}

// forget drops the state after a build that changed it failed: the next
// build is a full one.
func (l *Live) forget() { l.state = nil }
