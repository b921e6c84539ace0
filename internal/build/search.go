package build

import (
	"slices"
	"strconv"
	"strings"

	"resolve/internal/content"
	"resolve/internal/diag"
	"resolve/internal/search"
)

// The search index (see package search) has every page a reader might
// look for. Plain pages and sections are indexed from their markdown as
// soon as it is rendered; every other page (the home page, procedures,
// the glossary and the pages made from data: flowcharts, contacts,
// calendars, changes, record forms) from its rendered HTML, so the index
// holds what the layouts write. The search and A to Z pages, the 404 page
// and embeds are not in it. Pages are numbered with each procedure's
// pages together, so a reader can search one procedure. The glossary's
// abbreviations and the home page's `synonyms:` make synonyms. The index
// is written under /search/ once every page is in.

// hasSearch reports whether the site has a search page, and so an index.
func (s *site) hasSearch() bool { return s.byURL["/search/"] != nil }

// searchDir is the folder of the index in the site.
const searchDir = "search/"

// searchBundleLimit is the largest index also written as one file, for a
// reader's device to keep for offline use (see package search).
const searchBundleLimit = 1 << 20

// indexer takes pages into the search index: the index itself, or in a
// live build the pages to add to the last build's index once the build
// has succeeded (livesearch.go).
type indexer interface {
	Add(n int, p search.Page) error
}

// newSearchIndex numbers the pages and makes the index.
func (s *site) newSearchIndex() *search.Index {
	return search.NewIndex(s.numberSearch(), s.searchOptions())
}

// numberSearch numbers the pages that belong in the index, each
// procedure's together, in site order otherwise (other pages get -1), and
// returns how many there are.
func (s *site) numberSearch() int {
	order := map[*proto]int{}
	for i, pr := range s.protos {
		order[pr] = i + 1
	}
	var in []*page
	for _, p := range s.pages {
		p.searchNo = -1
		if p.noIndex || p.kind == "search" || p.kind == "a-z" {
			continue
		}
		in = append(in, p)
	}
	slices.SortStableFunc(in, func(a, b *page) int { return order[a.proto] - order[b.proto] })
	for n, p := range in {
		p.searchNo = n
	}
	return len(in)
}

// searchOptions are what the index is made with.
func (s *site) searchOptions() search.Options {
	opt := search.Options{Emit: s.emitSearch, BundleLimit: searchBundleLimit}
	for _, pr := range s.protos {
		opt.Scopes = append(opt.Scopes, search.Scope{ID: pr.ID, URL: s.url(pr.index.url)})
	}
	for _, t := range s.glossary {
		if t.Abbr != "" {
			opt.Synonyms = append(opt.Synonyms, []string{t.Abbr, t.Term})
		}
	}
	if s.home != nil {
		opt.Synonyms = append(opt.Synonyms, s.home.Meta.Synonyms...)
	}
	return opt
}

// searchBoost is what the hits of a kind of page count for: pages that
// say again, in short, what other pages say in full (the glossary and the
// home page summarise, flowcharts and record forms repeat each stage) rank
// below those pages for the same words.
func searchBoost(kind string) float64 {
	switch kind {
	case "glossary", "home":
		return 0.7
	case "flowchart", "record":
		return 0.8
	}
	return 1
}

// searchFromHTML reports whether a page is indexed from its rendered HTML
// rather than its markdown.
func searchFromHTML(p *page) bool { return p.kind != "page" && p.kind != "section" }

// searchPage is what the index holds of a page: the sections of its
// markdown, or of its rendered HTML when html is not nil.
func (s *site) searchPage(p *page, html []byte) search.Page {
	sp := search.Page{URL: s.url(p.url), Title: p.title, Boost: searchBoost(p.kind)}
	if p.proto != nil {
		sp.Where = strings.ToUpper(p.proto.ID)
		sp.Scope = p.proto.ID
	}
	switch {
	case html != nil:
		sp.Sections = search.HTMLSections(html)
	case p.doc != nil:
		for _, sec := range p.doc.Sections {
			sp.Sections = append(sp.Sections, search.Section{Heading: sec.Heading, Anchor: sec.ID, Text: sec.Text})
		}
	}
	switch {
	case len(sp.Sections) == 0 || sp.Sections[0].Heading != "":
		// The page itself, found by its title and description.
		sp.Sections = append([]search.Section{{Text: p.description}}, sp.Sections...)
	case sp.Sections[0].Text == "":
		sp.Sections[0].Text = p.description
	}
	return sp
}

// indexRendered adds a page indexed from its HTML to the index, once it
// is laid out.
func (s *site) indexRendered(p *page, html []byte) diag.List {
	if s.index == nil || p.searchNo < 0 || !searchFromHTML(p) {
		return nil
	}
	if err := s.index.Add(p.searchNo, s.searchPage(p, html)); err != nil {
		return diag.List{{Path: s.cfg.Out, Message: "writing the search index: " + err.Error()}}
	}
	return nil
}

// emitSearch writes a file of the index as soon as it is made (a page's
// own file, see search.Options); a check, which writes nothing, drops it.
func (s *site) emitSearch(f search.File) error {
	if s.out == nil {
		return nil
	}
	if s.out.inPlace { // a live build's: renamed into place, if it changed
		_, err := s.out.replace(searchDir+f.Name, "", f.Data)
		return err
	}
	// The index is written compact already: minifying it again is wasted work.
	return s.out.rec.write(s.out.m, s.out.dir, searchDir+f.Name, "", f.Data)
}

// addSearch adds the files of the finished index to the site.
func (s *site) addSearch(files []search.File) {
	for _, f := range files {
		// The index is written compact already: minifying it again is wasted work.
		s.files = append(s.files, outFile{path: searchDir + f.Name, data: f.Data})
	}
}

// checkSynonyms checks the home page's synonyms: groups of at least two
// words or phrases, each with a word that is not too common to search for.
func (s *site) checkSynonyms(home *content.Page, problems *diag.List) {
	for i, g := range home.Meta.Synonyms {
		if len(g) < 2 {
			problems.Add(home.File, home.Line("synonyms", strconv.Itoa(i)), "a group of synonyms needs two or more words or phrases that mean the same")
		}
		for j, m := range g {
			if len(search.Terms(m)) == 0 {
				problems.Add(home.File, home.Line("synonyms", strconv.Itoa(i), strconv.Itoa(j)), "synonym "+strconv.Quote(m)+" has no word to search for: it is empty or only words too common to search for, such as “the”")
			}
		}
	}
}

// abbreviations maps each abbreviation in the glossary to the term it
// stands for, for the markdown renderer to mark up with <abbr>.
func abbreviations(tree *content.Tree) map[string]string {
	m := map[string]string{}
	if tree == nil {
		return m
	}
	for _, p := range tree.Pages {
		for _, t := range p.Meta.Glossary {
			if t.Abbr != "" {
				m[t.Abbr] = t.Term
			}
		}
	}
	return m
}
