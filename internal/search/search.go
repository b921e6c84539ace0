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
// Text becomes terms by [Terms]: words are folded to plain lower-case ASCII
// ([Words]), stop words dropped and the rest stemmed ([Stem]). A section
// matches a term when its heading, its text or its page's title holds it.
//
// # Files
//
// Build returns these files, named relative to the index folder (the site
// writes them under /search/):
//
//	index.json     the manifest, fetched when a reader first types a query:
//	               {"format":"resolve-search","version":1,"id":"…","pages":N,
//	                "sections":M,"stop":["a",…],"shards":["ab","ac",…]}
//	w/KEY.json     a shard of the inverted index: every term that starts with
//	               KEY and with no longer key in "shards", mapped to its
//	               postings, {"escalat":[3,0,12,0,2,1,…]}
//	p/N.json       page N's sections, fetched only to show a hit:
//	               {"t":"title","u":"/hips/stage-1/","w":"HIPS",
//	                "s":[["heading","anchor","text"],…]}
//
// Postings are flat triples of page, section and weight, ordered by page and
// section, with each page number given as the difference from the one
// before. The weight ranks a hit: 10 when the heading holds the term, 3 when
// the page title does, plus the number of times the text does (at most 5).
// A query multiplies it by the term's rarity (see searchtest.Searcher) and adds
// up the terms.
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
	URL      string // the page's address as the site links to it, base path included
	Title    string
	Where    string // what the page belongs to, such as "HIPS"; "" for none
	Sections []Section
}

// Section is the text under one heading of a page.
type Section struct {
	Heading string // "" for the text before the first heading
	Anchor  string // the heading's id; "" for the page itself
	Text    string
}

// File is a file of the index.
type File struct {
	Name string // slash-separated, relative to the index folder
	Data []byte
}

// Manifest is the content of index.json.
type Manifest struct {
	Format   string   `json:"format"`
	Version  int      `json:"version"`
	ID       string   `json:"id"`
	Pages    int      `json:"pages"`
	Sections int      `json:"sections"`
	Stop     []string `json:"stop"`
	Shards   []string `json:"shards"`
}
