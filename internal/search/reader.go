package search

// reader is what a goroutine reuses from page to page. Its termer's ids
// stay valid for as long as the index lives: the pages it read refer to
// their terms by them.
type reader struct {
	no             int32 // its number in Index.readers
	tm             *termer
	counts         []int32 // a section's count of each term, by term id
	where          []uint8 // by term id
	touched        []int32 // the ids seen in this section
	title, heading []int32
	postings       []termPosting // the page's, before they are copied out
}

// see records that the section being read holds a term, count more times
// in its text, and where else.
func (r *reader) see(id int32, count int32, where uint8) {
	if int(id) >= len(r.counts) {
		n := int(id) + 1 - len(r.counts)
		r.counts = append(r.counts, make([]int32, n)...)
		r.where = append(r.where, make([]uint8, n)...)
	}
	if r.counts[id] == 0 && r.where[id] == 0 {
		r.touched = append(r.touched, id)
	}
	r.counts[id] += count
	r.where[id] |= where
}

// reader returns a reader no other goroutine is using.
func (x *Index) reader() *reader {
	x.mu.Lock()
	defer x.mu.Unlock()
	if n := len(x.free); n > 0 {
		r := x.free[n-1]
		x.free = x.free[:n-1]
		return r
	}
	r := &reader{no: int32(len(x.readers)), tm: newTermer(x.syn)}
	x.readers = append(x.readers, r)
	return r
}

// release gives a reader back for another page.
func (x *Index) release(r *reader) {
	x.mu.Lock()
	x.free = append(x.free, r)
	x.mu.Unlock()
}
