package build

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The A to Z page (layout a-z.html) lists every page and every h2 heading
// of the site under its first letter. A page's entries are made as soon as
// its markdown is rendered, on the worker that renders it (azEntries); once
// every page is rendered, fillAZ only sorts them and groups them by
// letter, so the little the A to Z page must wait for is quick.

// azData is the A to Z index: every page and every heading, by letter.
// It is filled in after markdown is rendered, when headings are known.
type azData struct {
	Letters []azLetter
}

type azLetter struct {
	Letter  string
	Entries []azEntry
}

type azEntry struct {
	Title string
	URL   string
	Where string // the page a heading is on, "" for a page itself
}

// azItem is an entry with what it is sorted and grouped by.
type azItem struct {
	azEntry
	// key sorts by lower-case title, then the page it is on, then URL
	// (a zero byte sorts before any character, so a title sorts before
	// longer ones it begins).
	key    string
	letter string // "A" to "Z", or "#"
}

// azPage is the A to Z page, if the site has one.
func (s *site) azPage() *page { return s.byURL["/a-z/"] }

// azEntries makes a page's entries in the A to Z page az: the page itself
// and its h2 headings. It reads only the page, so it runs on any worker.
func (s *site) azEntries(q, az *page) []azItem {
	if q.noIndex || q == az || q.url == "/search/" {
		return nil
	}
	where := q.title
	if q.proto != nil {
		where += " (" + strings.ToUpper(q.proto.ID) + ")"
	}
	url := s.url(q.url)
	items := []azItem{newAZItem(azEntry{Title: where, URL: url})}
	if q.doc == nil {
		return items
	}
	for _, h := range q.doc.Headings {
		if h.Level == 2 {
			items = append(items, newAZItem(azEntry{Title: h.Text, URL: url + "#" + h.ID, Where: where}))
		}
	}
	return items
}

func newAZItem(e azEntry) azItem {
	letter := "#"
	if r, _ := utf8.DecodeRuneInString(e.Title); unicode.ToUpper(r) >= 'A' && unicode.ToUpper(r) <= 'Z' {
		letter = string(unicode.ToUpper(r))
	}
	return azItem{azEntry: e, key: strings.ToLower(e.Title) + "\x00" + e.Where + "\x00" + e.URL, letter: letter}
}

// fillAZ lists every page's entries under their first letter, in order.
func (s *site) fillAZ() {
	p := s.azPage()
	if p == nil {
		return
	}
	n := 0
	for _, q := range s.pages {
		n += len(q.az)
	}
	items := make([]azItem, 0, n)
	for _, q := range s.pages {
		items = append(items, q.az...)
		q.az = nil
	}
	order := make([]int32, len(items))
	for i := range order {
		order[i] = int32(i)
	}
	// No two entries have the same key but identical ones (each URL is
	// one page's or one heading's), so an unstable sort, several times
	// quicker, gives the same list.
	slices.SortFunc(order, func(i, j int32) int { return strings.Compare(items[i].key, items[j].key) })
	az := p.data.(*azData)
	for k := 0; k < len(order); {
		// The run of entries under one letter.
		letter := items[order[k]].letter
		end := k + 1
		for end < len(order) && items[order[end]].letter == letter {
			end++
		}
		l := azLetter{Letter: letter, Entries: make([]azEntry, 0, end-k)}
		for _, i := range order[k:end] {
			l.Entries = append(l.Entries, items[i].azEntry)
		}
		az.Letters = append(az.Letters, l)
		k = end
	}
}

// holdBack picks the pages whose layout waits until every page's
// headings are known, to be laid out beside the A to Z page az: the A to
// Z waits for every page and is laid out on one worker, and without them
// the other workers would have only the search index's merge to do
// meanwhile. They are the last pages, one in eight, about as many as take
// as long to lay out as the A to Z on two workers (its entries are a page
// and its h2 headings, several times quicker each than a page); nil
// without an A to Z.
func (s *site) holdBack(az *page) map[*page]bool {
	if az == nil {
		return nil
	}
	n := len(s.pages) / 8
	hold := make(map[*page]bool, n)
	for _, p := range s.pages[len(s.pages)-n:] {
		hold[p] = true
	}
	return hold
}
