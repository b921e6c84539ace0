package search

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
)

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
