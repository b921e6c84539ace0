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
// A query multiplies it by the term's rarity (see Searcher.Search) and adds
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

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"resolve/internal/jsonx"
)

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

// fragment is the content of p/N.json.
type fragment struct {
	Title    string      `json:"t"`
	URL      string      `json:"u"`
	Where    string      `json:"w,omitempty"`
	Sections [][3]string `json:"s"`
}

// json writes the fragment as encoding/json would, without reflection:
// there is one for every page.
func (f *fragment) json() []byte {
	var w jsonx.Writer
	w.BeginObject()
	w.Name("t")
	w.String(f.Title)
	w.Name("u")
	w.String(f.URL)
	if f.Where != "" {
		w.Name("w")
		w.String(f.Where)
	}
	w.Name("s")
	w.BeginArray()
	for _, s := range f.Sections {
		w.BeginArray()
		for _, v := range s {
			w.String(v)
		}
		w.EndArray()
	}
	w.EndArray()
	w.EndObject()
	return w.Bytes()
}

const (
	// shardLimit is the size above which a shard is split, in bytes of
	// JSON before compression.
	shardLimit = 12 << 10
	// maxKey is the longest shard key: beyond it a shard holds what it holds.
	maxKey = 8
	// maxText is how much of a section's text is kept to show with a hit,
	// in characters; the rest is indexed but not shown.
	maxText = 3000
	// Weights; see the package comment.
	headingWeight = 10
	titleWeight   = 3
	maxCount      = 5
)

// posting is one section that holds a term.
type posting struct {
	page, section, weight int
}

// Index gathers the pages of a search index as they become ready: Add
// may be called from many goroutines at once, so a site can index each
// page as soon as it is rendered, and Files merges them at the end.
// Turning text into terms, most of the work, happens in Add.
type Index struct {
	pages   []indexed
	readers sync.Pool        // of *reader, one per goroutine at a time
	emit    func(File) error // takes each page's file, if set
}

// indexed is one page, read.
type indexed struct {
	added    bool
	postings []termPosting // in section order
	sections int
	file     File              // p/N.json, unless emitted
	sum      [sha256.Size]byte // the SHA-256 of its data, for the manifest's id
}

// termPosting is a posting of one page, before pages are merged.
type termPosting struct {
	term            string
	section, weight int
	id              int // the term's number while merging
}

// reader is what a goroutine reuses from page to page.
type reader struct {
	tm             *termer
	weights        []int   // a section's weight for each term, by term id
	touched        []int32 // the ids weighed in this section
	title, heading []int32
}

// weigh adds w to a term's weight in the section being read.
func (r *reader) weigh(id int32, w int) {
	if int(id) >= len(r.weights) {
		r.weights = append(r.weights, make([]int, int(id)+1-len(r.weights))...)
	}
	if r.weights[id] == 0 {
		r.touched = append(r.touched, id)
	}
	r.weights[id] += w
}

// NewIndex makes an index of n pages, numbered 0 to n-1. When emit is not
// nil, each page's own file (p/N.json) is handed to it as soon as the page
// is added, on the goroutine that added it, rather than kept for Files, so
// a large site is written as it goes instead of held in memory.
func NewIndex(n int, emit func(File) error) *Index {
	return &Index{
		pages:   make([]indexed, n),
		readers: sync.Pool{New: func() any { return &reader{tm: newTermer()} }},
		emit:    emit,
	}
}

// Add indexes p as page number n; each number is added once. Its error is
// emit's.
func (x *Index) Add(n int, p Page) error {
	r := x.readers.Get().(*reader)
	defer x.readers.Put(r)
	out := indexed{added: true, sections: len(p.Sections)}
	r.title = distinct(r.tm.appendIDs(r.title[:0], p.Title))
	frag := fragment{Title: p.Title, URL: p.URL, Where: p.Where, Sections: make([][3]string, 0, len(p.Sections))}
	for si, s := range p.Sections {
		frag.Sections = append(frag.Sections, [3]string{s.Heading, s.Anchor, clip(s.Text, maxText)})
		r.tm.each(s.Text, func(id int32) {
			if int(id) >= len(r.weights) || r.weights[id] < maxCount {
				r.weigh(id, 1)
			}
		})
		r.heading = distinct(r.tm.appendIDs(r.heading[:0], s.Heading))
		for _, id := range r.heading {
			r.weigh(id, headingWeight)
		}
		for _, id := range r.title {
			r.weigh(id, titleWeight)
		}
		for _, id := range r.touched {
			out.postings = append(out.postings, termPosting{term: r.tm.terms[id], section: si, weight: r.weights[id]})
			r.weights[id] = 0
		}
		r.touched = r.touched[:0]
	}
	data := frag.json()
	file := File{Name: "p/" + strconv.Itoa(n) + ".json", Data: data}
	out.sum = sha256.Sum256(data)
	x.pages[n] = out
	if x.emit != nil {
		return x.emit(file)
	}
	x.pages[n].file = file
	return nil
}

// Build indexes the pages, in parallel.
func Build(pages []Page) []File {
	x := NewIndex(len(pages), nil)
	work := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.NumCPU(); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range work {
				x.Add(n, pages[n]) // nothing is emitted: no error
			}
		}()
	}
	for n := range pages {
		work <- n
	}
	close(work)
	wg.Wait()
	files, _ := x.Files() // nothing is emitted: no error
	return files
}

// Files merges the pages into the files of the index: the manifest first,
// then the rest by name, less the pages' files if they were emitted. The
// same pages give the same bytes. A page never added is indexed as an
// empty one; the error is emit's for such a page.
func (x *Index) Files() ([]File, error) {
	var files []File
	sections := 0
	// Merge the pages' postings by term, in two passes so that every
	// term's postings go straight to their place in one slice: first
	// count them (numbering the terms), then fill.
	id := map[string]int{}
	var terms []string // by number
	var count []int    // by number
	total := 0
	for n := range x.pages {
		if !x.pages[n].added {
			if err := x.Add(n, Page{}); err != nil {
				return nil, err
			}
		}
		d := &x.pages[n]
		sections += d.sections
		if x.emit == nil {
			files = append(files, d.file)
		}
		for i, tp := range d.postings {
			t, ok := id[tp.term]
			if !ok {
				t = len(terms)
				id[tp.term] = t
				terms = append(terms, tp.term)
				count = append(count, 0)
			}
			count[t]++
			d.postings[i].id = t
		}
		total += len(d.postings)
	}
	start := make([]int, len(terms)) // where each term's postings begin
	for t := 1; t < len(terms); t++ {
		start[t] = start[t-1] + count[t-1]
	}
	all := make([]posting, total)
	next := slices.Clone(start)
	for n := range x.pages {
		for _, tp := range x.pages[n].postings {
			all[next[tp.id]] = posting{n, tp.section, tp.weight}
			next[tp.id]++
		}
	}
	// Each page added its postings in section order, and pages are merged
	// in page order: the order the encoding needs.
	encoded := make(map[string][]byte, len(terms))
	for t, term := range terms {
		encoded[term] = encode(all[start[t] : start[t]+count[t]])
	}
	slices.Sort(terms)
	shards := split(terms, encoded)
	keys := make([]string, 0, len(shards))
	for k := range shards {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		files = append(files, File{Name: "w/" + k + ".json", Data: shardJSON(shards[k], encoded)})
	}

	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	// The id is a hash of every file's name and hash, pages first.
	sum := sha256.New()
	for n, d := range x.pages {
		sum.Write([]byte("p/" + strconv.Itoa(n) + ".json\x00"))
		sum.Write(d.sum[:])
	}
	for _, f := range files {
		if strings.HasPrefix(f.Name, "w/") {
			h := sha256.Sum256(f.Data)
			sum.Write([]byte(f.Name + "\x00"))
			sum.Write(h[:])
		}
	}
	m := Manifest{
		Format:   "resolve-search",
		Version:  1,
		ID:       hex.EncodeToString(sum.Sum(nil))[:12],
		Pages:    len(x.pages),
		Sections: sections,
		Stop:     stopWords,
		Shards:   keys,
	}
	data, _ := json.Marshal(m)
	return append([]File{{Name: "index.json", Data: data}}, files...), nil
}

// termer is Terms with a memory of the words it has read: a manual uses
// the same few thousand words again and again, so most words cost one map
// lookup and no allocation. Each distinct term gets a small number, its
// id, so a section's weights are kept in a slice rather than a map.
type termer struct {
	ids    map[string]int32 // folded word to the id of its term; -1 for a stop word
	byTerm map[string]int32 // term to id
	terms  []string         // id to term
	word   []byte           // the word being read
}

func newTermer() *termer {
	return &termer{ids: map[string]int32{}, byTerm: map[string]int32{}}
}

// each calls f with the id of each term of text in order: the terms
// Terms returns.
func (tm *termer) each(text string, f func(id int32)) {
	if needsFolding(text) {
		for _, w := range Words(text) {
			if id := tm.id(w); id >= 0 {
				f(id)
			}
		}
		return
	}
	tm.word = eachPlainWord(text, tm.word, func(w []byte) {
		id, ok := tm.ids[string(w)] // a lookup does not allocate
		if !ok {
			id = tm.id(string(w))
		}
		if id >= 0 {
			f(id)
		}
	})
}

// id returns the id of a folded word's term, or -1 for a stop word.
func (tm *termer) id(w string) int32 {
	id, ok := tm.ids[w]
	if ok {
		return id
	}
	id = -1
	if !isStop(w) {
		t := Stem(w)
		if id, ok = tm.byTerm[t]; !ok {
			id = int32(len(tm.terms))
			tm.terms = append(tm.terms, t)
			tm.byTerm[t] = id
		}
	}
	tm.ids[w] = id
	return id
}

// appendIDs appends the ids of the terms of text to dst.
func (tm *termer) appendIDs(dst []int32, text string) []int32 {
	tm.each(text, func(id int32) { dst = append(dst, id) })
	return dst
}

// distinct sorts ids and drops repeats, in place.
func distinct(ids []int32) []int32 {
	slices.Sort(ids)
	return slices.Compact(ids)
}

// encode writes postings as the JSON array the package comment describes.
// ps is in page and section order.
func encode(ps []posting) []byte {
	var b []byte
	b = append(b, '[')
	last := 0
	for i, p := range ps {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(p.page-last), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(p.section), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(p.weight), 10)
		last = p.page
	}
	return append(b, ']')
}

// split groups sorted terms into shards by prefix, splitting any shard
// over shardLimit by one more character.
func split(terms []string, encoded map[string][]byte) map[string][]string {
	shards := map[string][]string{}
	var place func(key string, ts []string)
	place = func(key string, ts []string) {
		size := 0
		for _, t := range ts {
			size += len(t) + len(encoded[t]) + 4
		}
		if size <= shardLimit || len(key) >= maxKey {
			shards[key] = append(shards[key], ts...)
			return
		}
		// Terms no longer than the key stay; the rest go one level down.
		groups := map[string][]string{}
		var order []string
		for _, t := range ts {
			if len(t) <= len(key) {
				shards[key] = append(shards[key], t)
				continue
			}
			k := t[:len(key)+1]
			if groups[k] == nil {
				order = append(order, k)
			}
			groups[k] = append(groups[k], t)
		}
		for _, k := range order {
			place(k, groups[k])
		}
	}
	groups := map[string][]string{}
	var order []string
	for _, t := range terms {
		k := t
		if len(k) > 2 {
			k = k[:2]
		}
		if groups[k] == nil {
			order = append(order, k)
		}
		groups[k] = append(groups[k], t)
	}
	for _, k := range order {
		place(k, groups[k])
	}
	return shards
}

// shardJSON writes a shard: an object from term to postings, terms sorted.
func shardJSON(terms []string, encoded map[string][]byte) []byte {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, t := range terms {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Quote(t)) // terms are plain ASCII letters and digits
		b.WriteByte(':')
		b.Write(encoded[t])
	}
	b.WriteByte('}')
	return b.Bytes()
}

// clip cuts text to at most n characters at a space, marking the cut.
func clip(text string, n int) string {
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	cut := 0
	for i := range text {
		if n == 0 {
			cut = i
			break
		}
		n--
	}
	if sp := strings.LastIndexByte(text[:cut], ' '); sp > 0 {
		cut = sp
	}
	return text[:cut] + " …"
}
