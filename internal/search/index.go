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
	"sync/atomic"
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
	// maxCount is the most times a term is counted in one section's text.
	maxCount = 255
)

// posting is one section that holds a term.
type posting struct {
	page, section, weight int32
}

// Index gathers the pages of a search index as they become ready: Add
// may be called from many goroutines at once, so a site can index each
// page as soon as it is rendered, and Files merges them at the end.
// Turning text into terms, most of the work, happens in Add.
type Index struct {
	pages []indexed
	opt   Options
	syn   *Synonyms
	kept  atomic.Int64 // bytes of emitted page files kept for the bundle

	mu      sync.Mutex
	readers []*reader // every reader made, by number
	free    []*reader // those not in use
}

// indexed is one page, read.
type indexed struct {
	added    bool
	reader   int32 // the number of the reader whose term ids postings hold
	scope    string
	boost    float64
	postings []termPosting // in section order
	lengths  []int32       // the number of terms in each section's text
	file     File          // p/N.json, unless emitted and not kept for the bundle
	sum      [sha256.Size]byte
}

// boostOr1 is the page's Boost, 1 when not set.
func (d *indexed) boostOr1() float64 {
	if d.boost == 0 {
		return 1
	}
	return d.boost
}

// termPosting is a posting of one page, before pages are merged and
// weighed. It holds no pointer, so the garbage collector need not read
// the millions a large site has: its term is an id of the reader that
// read the page.
type termPosting struct {
	id      int32 // the term's id in its reader's termer
	section int32
	count   uint8 // times in the section's text, at most maxCount
	where   uint8 // inHeading and inTitle
}

const (
	inHeading = 1 << iota
	inTitle
)

// NewIndex makes an index of n pages, numbered 0 to n-1.
func NewIndex(n int, opt Options) *Index {
	return &Index{pages: make([]indexed, n), opt: opt, syn: NewSynonyms(opt.Synonyms)}
}

// Add indexes p as page number n; each number is added once. Its error is
// the Emit option's.
func (x *Index) Add(n int, p Page) error {
	r := x.reader()
	defer x.release(r)
	out := indexed{added: true, reader: r.no, scope: p.Scope, boost: p.Boost, lengths: make([]int32, 0, len(p.Sections))}
	r.title = distinct(r.tm.appendIDs(r.title[:0], p.Title))
	r.postings = r.postings[:0]
	frag := fragment{Title: p.Title, URL: p.URL, Where: p.Where, Sections: make([][3]string, 0, len(p.Sections))}
	for si, s := range p.Sections {
		frag.Sections = append(frag.Sections, [3]string{s.Heading, s.Anchor, clip(s.Text, maxText)})
		length := int32(0)
		r.tm.each(s.Text, func(id int32) {
			r.see(id, 1, 0)
			length++
		})
		r.heading = distinct(r.tm.appendIDs(r.heading[:0], s.Heading))
		for _, id := range r.heading {
			r.see(id, 0, inHeading)
		}
		for _, id := range r.title {
			r.see(id, 0, inTitle)
		}
		for _, id := range r.touched {
			r.postings = append(r.postings, termPosting{
				id: id, section: int32(si),
				count: uint8(min(r.counts[id], maxCount)), where: r.where[id],
			})
			r.counts[id], r.where[id] = 0, 0
		}
		r.touched = r.touched[:0]
		out.lengths = append(out.lengths, length)
	}
	out.postings = slices.Clone(r.postings)
	data := frag.json()
	file := File{Name: "p/" + strconv.Itoa(n) + ".json", Data: data}
	out.sum = sha256.Sum256(data)
	if x.opt.Emit == nil || x.opt.BundleLimit > 0 && x.kept.Add(int64(len(data))) <= int64(x.opt.BundleLimit) {
		out.file = file
	}
	x.pages[n] = out
	if x.opt.Emit != nil {
		return x.opt.Emit(file)
	}
	return nil
}

// Build indexes the pages, in parallel.
func Build(pages []Page, opt Options) []File {
	opt.Emit = nil
	x := NewIndex(len(pages), opt)
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
// empty one; the error is Emit's for such a page.
func (x *Index) Files() ([]File, error) {
	for n := range x.pages {
		if !x.pages[n].added {
			if err := x.Add(n, Page{}); err != nil {
				return nil, err
			}
		}
	}
	terms, encoded, sections := x.merge()
	slices.Sort(terms)
	keys, shards := shardFiles(terms, encoded)

	m := Manifest{
		Format:   "resolve-search",
		Version:  2,
		Pages:    len(x.pages),
		Sections: sections,
		Stop:     stopWords,
		Shards:   keys,
		Synonyms: x.syn.Map(),
		Numbers:  numbers(),
		Scopes:   x.scopes(),
	}
	m.ID = x.id(m, shards)

	var files []File
	size := 0
	for n := range x.pages {
		f := x.pages[n].file
		if x.opt.Emit == nil {
			files = append(files, f)
		}
		if f.Data == nil {
			size = -1 // not kept: the index is too big to bundle
		} else if size >= 0 {
			size += len(f.Data)
		}
	}
	files = append(files, shards...)
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	if x.opt.BundleLimit > 0 && size >= 0 {
		for _, f := range shards {
			size += len(f.Data)
		}
		if size <= x.opt.BundleLimit {
			m.Bundle = "all." + m.ID + ".json"
			files = append(files, File{Name: m.Bundle, Data: x.bundle(shards)})
		}
	}
	data, _ := json.Marshal(m)
	return append([]File{{Name: "index.json", Data: data}}, files...), nil
}

// merge weighs the pages' postings and encodes them by term, returning
// the terms, unsorted, and how many sections the pages have. It merges in
// two passes so that every term's postings go straight to their place in
// one slice: first it counts them (numbering the terms), then fills. A
// term is known by its id in the reader that read the page; global maps
// each reader's ids to the merged numbers.
func (x *Index) merge() (terms []string, encoded map[string][]byte, sections int) {
	x.mu.Lock()
	readers := x.readers
	x.mu.Unlock()
	global := make([][]int32, len(readers))
	for i, r := range readers {
		global[i] = make([]int32, len(r.tm.terms))
		for t := range global[i] {
			global[i][t] = -1
		}
	}
	number := map[string]int32{}
	var count []int // by number: how many sections hold the term
	total, length := 0, 0
	for n := range x.pages {
		d := &x.pages[n]
		sections += len(d.lengths)
		for _, l := range d.lengths {
			length += int(l)
		}
		ids, names := global[d.reader], readers[d.reader].tm.terms
		for _, tp := range d.postings {
			t := ids[tp.id]
			if t < 0 {
				// The first of this reader's postings of the term.
				var ok bool
				if t, ok = number[names[tp.id]]; !ok {
					t = int32(len(terms))
					number[names[tp.id]] = t
					terms = append(terms, names[tp.id])
					count = append(count, 0)
				}
				ids[tp.id] = t
			}
			count[t]++
		}
		total += len(d.postings)
	}
	w := newWeigher(sections, length)
	start := make([]int, len(terms)) // where each term's postings begin
	for t := 1; t < len(terms); t++ {
		start[t] = start[t-1] + count[t-1]
	}
	idf := make([]float64, len(terms))
	for t := range terms {
		idf[t] = w.idf(count[t])
	}
	all := make([]posting, total)
	next := slices.Clone(start)
	for n := range x.pages {
		d := &x.pages[n]
		ids := global[d.reader]
		for _, tp := range d.postings {
			t := ids[tp.id]
			all[next[t]] = posting{int32(n), tp.section, int32(w.weight(tp, int(d.lengths[tp.section]), idf[t]*d.boostOr1()))}
			next[t]++
		}
	}
	// Each page added its postings in section order, and pages are merged
	// in page order: the order the encoding needs.
	return terms, encodeAll(terms, all, start, count), sections
}

// id is a hash of everything a query reads: every file's name and hash,
// pages first, and the manifest's stop words, synonyms, numbers and scopes.
func (x *Index) id(m Manifest, shards []File) string {
	sum := sha256.New()
	for n, d := range x.pages {
		sum.Write([]byte("p/" + strconv.Itoa(n) + ".json\x00"))
		sum.Write(d.sum[:])
	}
	for _, f := range shards {
		h := sha256.Sum256(f.Data)
		sum.Write([]byte(f.Name + "\x00"))
		sum.Write(h[:])
	}
	settings, _ := json.Marshal([]any{m.Stop, m.Synonyms, m.Numbers, m.Scopes})
	sum.Write(settings)
	return hex.EncodeToString(sum.Sum(nil))[:12]
}

// scopes fills in the pages of each scope of the options.
func (x *Index) scopes() []Scope {
	out := make([]Scope, 0, len(x.opt.Scopes))
	at := map[string]int{}
	for _, s := range x.opt.Scopes {
		at[s.ID] = len(out)
		out = append(out, Scope{ID: s.ID, URL: s.URL, Pages: [][2]int{}})
	}
	for n, d := range x.pages {
		i, ok := at[d.scope]
		if !ok {
			continue
		}
		ps := out[i].Pages
		if len(ps) > 0 && ps[len(ps)-1][1] == n-1 {
			ps[len(ps)-1][1] = n
		} else {
			out[i].Pages = append(ps, [2]int{n, n})
		}
	}
	return out
}

// bundle writes the whole index as one JSON object from each file's name
// to its content, names sorted.
func (x *Index) bundle(shards []File) []byte {
	var parts []File
	for n := range x.pages {
		parts = append(parts, x.pages[n].file)
	}
	parts = append(parts, shards...)
	sort.Slice(parts, func(i, j int) bool { return parts[i].Name < parts[j].Name })
	var b strings.Builder
	b.WriteByte('{')
	for i, f := range parts {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Quote(f.Name)) // names are plain ASCII
		b.WriteByte(':')
		b.Write(f.Data)
	}
	b.WriteByte('}')
	return []byte(b.String())
}
