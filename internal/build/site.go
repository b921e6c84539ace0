package build

import (
	"html/template"
	"path"
	"strconv"
	"strings"
	"sync"

	"resolve/internal/content"
	"resolve/internal/diag"
	"resolve/internal/markdown"
	"resolve/internal/protocol"
	"resolve/internal/workday"
)

// site is everything a build knows, filled in step by step.
type site struct {
	cfg          Config
	in           *inputs // the input folders, open while the build runs
	tree         *content.Tree
	home         *content.Page
	title        string
	lang         string
	footer       string
	recordDrafts bool   // the record form may offer to keep drafts in the browser
	base         string // path, always starting and ending with /
	origin       string // scheme and host when the base URL gave them, else ""
	protos       []*proto
	pages        []*page          // every page, in output order
	byURL        map[string]*page // every URL, pages and generated files
	bySrc        map[string]*page // content path -> page
	assets       map[string]string
	layouts      *layouts
	md           *markdown.Renderer
	files        []outFile // non-page files to write: static, content assets, generated data
	warnings     diag.List
	glossary     []content.Term
	siteOnce     sync.Once
	siteV        *SiteView // the same for every page, so made once
	written      *recorder // the files the build wrote, with their sizes (and hashes)
	out          *output   // where a build writes; nil for a check
	modules      *Modules  // the WebAssembly modules, when the caller gives them
	index        indexer   // the search index while pages are rendered, if the site has search
	memo         *memo     // for resolve serve: what the last build made of each page (live.go); nil otherwise
	// What a live build keeps for the next (live.go): nil or zero otherwise.
	lv          *Live
	structure   fingerprint
	search      *liveSearch
	assetStamps map[string]assetStamp
	history     map[string]*historyMemo
	stampMu     sync.Mutex
	azOnce      sync.Once
	azSum       fingerprint
	azLate      *page // the A to Z, when an incremental build lays it out after the pages
	// dry is set when problems were found before rendering: pages are
	// still rendered and laid out, to find every link problem in one run,
	// but nothing is kept.
	dry bool

	drafts    map[string]*content.Page // content path -> a page left out as a draft
	draftURLs map[string]string        // the address a draft would have -> its file
	assetSet  map[string]bool          // content files that are not pages, for links
	aside                              // what problems already reported leave uncertain
}

// proto is a protocol and where it lives.
type proto struct {
	*protocol.Protocol
	index *page
	cal   *workday.Calendar
	src   *content.Page
}

// page is one output HTML page, from content or generated.
type page struct {
	src         *content.Page // nil for generated pages
	url         string        // site path: "/hips/stage-1/"
	kind        string        // the layout
	title       string
	description string
	weight      int
	section     *page   // the index page of the folder this page is in; nil for home
	children    []*page // for index pages: the folder's pages and subfolders, ordered
	proto       *proto  // the protocol the page belongs to, if any
	doc         *markdown.Doc
	searchNo    int             // the page's number in the search index; -1 if not in it
	data        any             // kind-specific data for the layout
	noIndex     bool            // left out of the sitemap and search (404, embeds)
	links       []ref           // internal links to check
	ids         map[string]bool // the ids in the rendered page
	hasPolicy   bool            // its layout wrote its security policy into it
	written     bool            // already in the output folder
	html        []byte
	az          []azItem // its entries in the A to Z, until the A to Z is made

	// For a live build (memo.go): what the page's markdown was rendered
	// from, its warnings, and whether the last build's output stands.
	md    fingerprint
	dests []linkDest
	lint  diag.List
	kept  bool
}

// outFile is a file to write that is not a rendered page.
type outFile struct {
	path string // relative to the output folder
	data []byte
	mime string // minify as this type, if set
	from string // the input file it is copied from, for messages; "" for a generated file
	// policy is a generated file's policy (policy.go), sent from _headers;
	// nil for a file that needs none beyond every response's.
	policy *policy
}

func newSite(cfg Config) *site {
	s := &site{
		cfg:    cfg,
		lang:   "en-GB",
		byURL:  map[string]*page{},
		bySrc:  map[string]*page{},
		assets: map[string]string{},

		drafts:    map[string]*content.Page{},
		draftURLs: map[string]string{},
		md:        markdown.New(),
	}
	return s
}

// load reads the content, static files and layouts. A site that comes
// back without a home page or layouts cannot be assembled; otherwise the
// build goes on whatever the problems, to report every one it can find.
func load(cfg Config, in *inputs) (*site, diag.List) {
	all, problems := in.loadTree()
	tree, drafts := all.Published()
	s := newSite(cfg)
	s.in = in
	s.tree = tree
	// Made before pages render in parallel, which only read it.
	s.assetSet = make(map[string]bool, len(tree.Assets))
	for _, a := range tree.Assets {
		s.assetSet[a] = true
	}
	for _, d := range drafts {
		s.drafts[d.Path] = d
		s.draftURLs[urlOf(d.Path)] = d.File
		problems.Note(d.File, d.KeyLine("draft"), "draft: true: this page is left out of the site")
	}
	for _, p := range tree.Pages {
		s.checkKeys(p, &problems)
		if p.Path == "_index.md" {
			s.home = p
		}
	}
	if s.home == nil {
		if !tree.Has("_index.md") { // one that could not be read has its problems reported
			problems.Add(path.Join(cfg.Content, "_index.md"), 0, "the home page is missing: create it with a title and the site's settings")
		}
		return s, problems
	}
	s.title = s.home.Meta.Title
	if s.home.Meta.Language != "" {
		s.lang = s.home.Meta.Language
	}
	s.footer = s.home.Meta.Footer
	s.checkSynonyms(s.home, &problems)
	s.recordDrafts = s.home.Meta.RecordDrafts == nil || *s.home.Meta.RecordDrafts
	base := s.home.Meta.BaseURL
	if cfg.BaseURL != "" {
		base = cfg.BaseURL
	}
	var err error
	if s.origin, s.base, err = ParseBaseURL(base); err != nil {
		s.base = "/"
		problems.Add(s.home.File, s.home.Line("base_url"), err.Error())
	}
	problems = append(problems, s.loadStatic()...)
	cat, catProblems := tree.Catalog(cfg.Today)
	problems = append(problems, catProblems...)
	s.protocols(cat, problems)
	s.checkStatements(&problems)
	var lerr diag.List
	s.layouts, lerr = parseLayouts(in.layouts, s.funcs())
	problems = append(problems, lerr...)
	if len(lerr) > 0 {
		s.layouts = nil // nothing can be laid out: the build stops after loading
	}
	// Glossary abbreviations are marked on first use; each section's text
	// is kept for the search index when the site has one.
	opts := []markdown.Option{markdown.WithAbbreviations(abbreviations(tree))}
	if s.layouts != nil && s.layouts.has("search") {
		opts = append(opts, markdown.WithSections())
	}
	s.md = markdown.New(opts...)
	for _, p := range tree.Pages {
		if p.Meta.Layout != "" && s.layouts != nil && !s.layouts.has(p.Meta.Layout) {
			problems.Add(p.File, p.Line("layout"), "unknown layout "+strconv.Quote(p.Meta.Layout)+": there is no "+path.Join(cfg.Layouts, p.Meta.Layout+".html"))
		}
	}
	return s, problems
}

// checkKeys refuses keys in the wrong kind of page.
func (s *site) checkKeys(p *content.Page, problems *diag.List) {
	if p.Path != "_index.md" {
		for key, set := range map[string]bool{"language": p.Meta.Language != "", "base_url": p.Meta.BaseURL != "", "footer": p.Meta.Footer != "", "synonyms": p.Meta.Synonyms != nil, "record_drafts": p.Meta.RecordDrafts != nil} {
			if set {
				problems.Add(p.File, p.KeyLine(key), key+" is a site setting: set it in the home page, "+path.Join(s.cfg.Content, "_index.md"))
			}
		}
	}
	if !p.IsIndex {
		if p.Meta.Protocol != nil {
			problems.Add(p.File, p.KeyLine("protocol"), "a protocol: block belongs in a folder's _index.md")
		}
		if p.Meta.Calendars != nil {
			problems.Add(p.File, p.KeyLine("calendars"), "a calendars: list belongs in an _index.md")
		}
	}
}

// urlOf maps a content path to its page URL.
func urlOf(p string) string {
	dir, name := path.Split(p)
	if name == "_index.md" || name == "index.md" && dir != "" { // a folder's page, or a page bundle's
		if dir == "" {
			return "/"
		}
		return "/" + dir
	}
	return "/" + dir + strings.TrimSuffix(name, ".md") + "/"
}

// url gives a site path with the base path in front.
func (s *site) url(p string) string {
	return s.base + strings.TrimPrefix(p, "/")
}

// absURL gives a full URL where the base URL had an origin, else the path.
func (s *site) absURL(p string) string {
	return s.origin + s.url(p)
}

// fullURL gives the full address of a site path
// (https://example.org/procedures/hips/) and true when the site knows its
// address, that is when base_url (or --base-url) is a full URL; otherwise
// the path with the base path in front and false. The sitemap, the feed,
// canonical links, embed codes and oEmbed responses need the full address.
func (s *site) fullURL(p string) (string, bool) {
	return s.absURL(p), s.origin != ""
}

// add registers a page, refusing a URL used twice.
func (s *site) add(p *page, problems *diag.List) bool {
	if other, ok := s.byURL[p.url]; ok {
		file, line := "", 1
		if p.src != nil {
			file = p.src.File
		} else if other.src != nil {
			file, other = other.src.File, p
		}
		what := "the generated " + other.kind + " page"
		if other.src != nil {
			what = other.src.File
		}
		problems.Add(file, line, "the URL "+p.url+" is used twice: this page and "+what+" both make it; rename one")
		return false
	}
	s.byURL[p.url] = p
	s.pages = append(s.pages, p)
	if p.src != nil {
		s.bySrc[p.src.Path] = p
	}
	return true
}

func (s *site) htmlPages() int { return len(s.pages) }

// less orders pages by weight, then title, then URL, so order never
// depends on the file system or map iteration.
func less(a, b *page) bool {
	if a.weight != b.weight {
		return a.weight < b.weight
	}
	if a.title != b.title {
		return a.title < b.title
	}
	return a.url < b.url
}

// navLink is a link in navigation.
type navLink struct {
	Title       string
	URL         string
	Description string
	Current     bool
}

func (s *site) link(p *page) *navLink {
	if p == nil {
		return nil
	}
	return &navLink{Title: p.title, URL: s.url(p.url), Description: p.description}
}

// trusted marks trusted markup produced by the build for a layout.
func trusted(b []byte) template.HTML { return template.HTML(b) }
