// Package search builds the site's search index: static JSON files that
// static/js/search.js reads in the browser, so search needs no server and
// no third party, and a reader downloads only the small parts of the index
// their query touches.
//
// A result is a section of a page: the text under one heading, or the text
// before the first heading. Every section is known by its page number (the
// order of the pages given to [Build]) and its number in the page.
//
// # Terms
//
// Text becomes terms as [Terms] says: words are folded to plain lower-case
// ASCII ([Words]), stop words dropped and the rest stemmed ([Stem]); words
// joined by hyphens ("e-mail", "co-ordinate") also count as one word
// ("email", "coordinate"), so either spelling finds both. Where the text
// holds a member of a group of [Synonyms] (an abbreviation the glossary
// defines and its long form, or a group a site adds), the index also
// records the group's canonical term, so a query for any member finds every
// member. A section holds a term when its heading, its text or its page's
// title does.
//
// # Files
//
// Build returns these files, named relative to the index folder (the site
// writes them under /search/):
//
//	index.json     the manifest, fetched when a reader first types a query:
//	               {"format":"resolve-search","version":2,"id":"…","pages":N,
//	                "sections":M,"stop":["a",…],"shards":["ab","ac",…],
//	                "synonyms":{"independent review officer":"iro",…},
//	                "numbers":[["1","one","first","1st"],…],
//	                "scopes":[{"id":"hips","url":"/hips/","pages":[[3,19]]},…],
//	                "bundle":"all.<id>.json"}
//	w/KEY.json     a shard of the inverted index: every term that starts with
//	               KEY and with no longer key in "shards", mapped to its
//	               postings, {"escalat":[3,0,12,0,2,31,…]}
//	p/N.json       page N's sections, fetched only to show a hit:
//	               {"t":"title","u":"/hips/stage-1/","w":"HIPS",
//	                "s":[["heading","anchor","text"],…]}
//	all.<id>.json  only for an index of at most Options.BundleLimit bytes:
//	               every file but the manifest, in one object from name to
//	               content, {"p/0.json":{…},"w/ab.json":{…},…}, which the
//	               browser fetches once a reader has searched, so that the
//	               service worker keeps it and search works offline
//
// Postings are flat triples of page, section and weight, ordered by page and
// section, with each page number given as the difference from the one
// before. The weight is the term's BM25 score in the section (see
// weight.go), times ten, rounded: it counts the term's rarity, how often the
// section's text holds it against the section's length, and whether the
// section's heading and its page's title hold it, and the page's Boost. A
// query adds up the weights of its words (see searchtest.Searcher for the
// whole ranking).
//
// "synonyms" maps each member of a group, as its terms joined by spaces, to
// the group's canonical term; "numbers" are the terms of the numbers one to
// ten as digits and words, which a query treats as one; "scopes" are the
// parts of the site a reader can search alone (the procedures), with the
// ranges of their page numbers.
//
// A shard's key is the first two characters of its terms (one for a
// one-character term); a shard that would be bigger than shardLimit is split
// into keys one character longer, and so on, so no shard is large unless a
// single term is. A term belongs to the longest key in "shards" that it
// starts with. "id" changes whenever any file does; the browser adds it to
// the address of every shard and page it fetches, so a cached file is never
// read against a newer manifest.
package search

// Page is one page to index.
type Page struct {
	URL   string // the page's address as the site links to it, base path included
	Title string
	Where string // what the page belongs to, as shown with a hit, such as "HIPS"; "" for none
	Scope string // the id of the Scope the page belongs to; "" for none
	// Boost is what the page's hits count for: 1 (or 0) in full, less for
	// a page that only repeats what others say in full.
	Boost    float64
	Sections []Section
}

// Section is the text under one heading of a page.
type Section struct {
	Heading string // "" for the text before the first heading
	Anchor  string // the heading's id; "" for the page itself
	Text    string
}

// Scope is a part of a site a reader can search alone, such as one
// procedure.
type Scope struct {
	ID  string `json:"id"`
	URL string `json:"url"` // where its pages are, base path included: "/hips/"
	// Pages are the numbers of its pages, as ranges [first, last]; the
	// index fills them in from each page's Scope.
	Pages [][2]int `json:"pages"`
}

// Options are what an index is made with, beyond its pages.
type Options struct {
	// Synonyms are groups of words and phrases that mean the same (see
	// NewSynonyms); nil for the numbers only.
	Synonyms [][]string
	// Scopes are the parts of the site a reader may search alone.
	Scopes []Scope
	// Emit, when set, takes each page's own file (p/N.json) as soon as the
	// page is added, on the goroutine that added it, rather than keeping
	// it for Files, so a large site is written as it goes instead of held
	// in memory.
	Emit func(File) error
	// BundleLimit is the size, in bytes before compression, up to which
	// the whole index is also written as one file (see the package
	// comment); 0 for no bundle.
	BundleLimit int
}

// File is a file of the index.
type File struct {
	Name string // slash-separated, relative to the index folder
	Data []byte
}

// Manifest is the content of index.json.
type Manifest struct {
	Format   string            `json:"format"`
	Version  int               `json:"version"`
	ID       string            `json:"id"`
	Pages    int               `json:"pages"`
	Sections int               `json:"sections"`
	Stop     []string          `json:"stop"`
	Shards   []string          `json:"shards"`
	Synonyms map[string]string `json:"synonyms"`
	Numbers  [][]string        `json:"numbers"`
	Scopes   []Scope           `json:"scopes"`
	Bundle   string            `json:"bundle,omitempty"`
}
