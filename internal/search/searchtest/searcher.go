// Package searchtest is what tests of the search index share: a
// reference [Searcher] that reads the index files as static/js/search.js
// does and ranks as it does, and manuals to index (a small hand-written
// one and generated ones of any size). Nothing in the site build imports
// it.
package searchtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"resolve/internal/search"
)

// Searcher answers queries from the index files, reading them as
// static/js/search.js fetches them: the manifest first, then only the
// shards and pages a query needs. It is the reference for the browser's
// search, used to test the index and to measure what a query costs.
type Searcher struct {
	fsys     fs.FS
	manifest search.Manifest
	shards   map[string]map[string][]int
	pages    map[int]*page
	read     []string // files read since the last query began
	bytes    int
}

// Options shape a query.
type Options struct {
	Prefix bool   // the last word is being typed
	Limit  int    // how many hits to return
	In     string // search only the pages of this scope
	Near   string // rank the pages of this scope higher (the reader is on one)
}

// Hit is one section that matches a query.
type Hit struct {
	Page, Section int
	Score         int
	URL           string // the page's URL, with #anchor for a heading
	Title         string // the page's title
	Where         string
	Heading       string
	Text          string
}

// Result is the answer to a query.
type Result struct {
	Units []Unit   // what the query looked for
	Total int      // sections matching any unit
	Hits  []Hit    // the best of them, best first
	Read  []string // the index files this query read, beyond those read before
	Bytes int      // their size
}

// page is the content of p/N.json.
type page struct {
	Title    string      `json:"t"`
	URL      string      `json:"u"`
	Where    string      `json:"w"`
	Sections [][3]string `json:"s"`
}

// Open reads the manifest from fsys, the index folder.
func Open(fsys fs.FS) (*Searcher, error) {
	s := &Searcher{fsys: fsys, shards: map[string]map[string][]int{}, pages: map[int]*page{}}
	if err := s.load("index.json", &s.manifest); err != nil {
		return nil, err
	}
	if s.manifest.Format != "resolve-search" || s.manifest.Version != 2 {
		return nil, fmt.Errorf("search: index.json: not a version 2 resolve-search index")
	}
	return s, nil
}

// Manifest returns the index's manifest.
func (s *Searcher) Manifest() search.Manifest { return s.manifest }

func (s *Searcher) load(name string, v any) error {
	data, err := fs.ReadFile(s.fsys, name)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	s.read = append(s.read, name)
	s.bytes += len(data)
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("search: %s: %w", name, err)
	}
	return nil
}

// alternative is a term that stands for a unit, and what its weights
// count for: all of them for the unit's own term, less for a term the
// word being typed may become or a slip may stand for.
type alternative struct {
	term     string
	num, den int
}

// Search finds the sections that match any unit of the query (see Parse)
// and returns the best o.Limit of them.
//
// A section's score is the sum, over the query's units, of the best
// weight in the section of the unit's alternatives: its own term at its
// full weight, a number's words ("three", "third" for 3) at half, other
// terms the word being typed may become at three quarters, and, only when
// the index has none of those, terms a slip away at half. That sum is
// scaled by (m+1)/(n+1) for a section that matches m of the query's n
// units, so that more of the query's words outrank more of one word. The
// pages of the scope o.Near score half as much again. Ties go to the
// earlier page and section. Everything is integer arithmetic, so that the
// browser ranks exactly as Go does.
func (s *Searcher) Search(query string, o Options) (*Result, error) {
	s.read, s.bytes = nil, 0
	res := &Result{Units: Parse(s.manifest, query, o.Prefix)}
	type key struct{ page, section int }
	scores := map[key]int{}
	matched := map[key]int{} // how many units a section matches
	in, near := s.scope(o.In), s.scope(o.Near)
	if o.In != "" && in == nil {
		in = [][2]int{} // an unknown scope has no pages
	}
	for _, u := range res.Units {
		alts, err := s.alternatives(u)
		if err != nil {
			return nil, err
		}
		best := map[key]int{}
		for _, a := range alts {
			ps, err := s.postings(a.term)
			if err != nil {
				return nil, err
			}
			page := 0
			for j := 0; j+2 < len(ps); j += 3 {
				page += ps[j]
				k := key{page, ps[j+1]}
				if in != nil && !within(in, page) {
					continue
				}
				if w := ps[j+2] * a.num / a.den; w > best[k] {
					best[k] = w
				}
			}
		}
		for k, w := range best {
			scores[k] += w
			matched[k]++
		}
	}
	keys := make([]key, 0, len(scores))
	for k := range scores {
		scores[k] = scores[k] * (matched[k] + 1) / (len(res.Units) + 1)
		if near != nil && within(near, k.page) {
			scores[k] = scores[k] * 3 / 2
		}
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if scores[a] != scores[b] {
			return scores[a] > scores[b]
		}
		if a.page != b.page {
			return a.page < b.page
		}
		return a.section < b.section
	})
	res.Total = len(keys)
	if len(keys) > o.Limit {
		keys = keys[:o.Limit]
	}
	for _, k := range keys {
		f, err := s.page(k.page)
		if err != nil {
			return nil, err
		}
		if k.section >= len(f.Sections) {
			return nil, fmt.Errorf("search: p/%d.json has no section %d", k.page, k.section)
		}
		sec := f.Sections[k.section]
		u := f.URL
		if sec[1] != "" {
			u += "#" + sec[1]
		}
		res.Hits = append(res.Hits, Hit{
			Page: k.page, Section: k.section, Score: scores[k],
			URL: u, Title: f.Title, Where: f.Where, Heading: sec[0], Text: sec[2],
		})
	}
	res.Read, res.Bytes = s.read, s.bytes
	return res, nil
}

// alternatives lists the terms that stand for a unit, sorted.
func (s *Searcher) alternatives(u Unit) ([]alternative, error) {
	alts := []alternative{{u.Term, 1, 1}}
	if g := number(s.manifest, u.Term); g != nil {
		for _, t := range g[1:] {
			alts = append(alts, alternative{t, 1, 2})
		}
	}
	if u.Prefix {
		for _, key := range s.manifest.Shards {
			if !strings.HasPrefix(key, u.Word) && !strings.HasPrefix(u.Word, key) {
				continue
			}
			shard, err := s.shard(key)
			if err != nil {
				return nil, err
			}
			for t := range shard {
				if t != u.Term && s.owner(t) == key && prefixMatch(t, u.Word) {
					alts = append(alts, alternative{t, 3, 4})
				}
			}
		}
	}
	found := false
	for _, a := range alts {
		ps, err := s.postings(a.term)
		if err != nil {
			return nil, err
		}
		found = found || len(ps) > 0
	}
	if !found && u.Word != "" {
		if key := s.owner(u.Term); key != "" {
			shard, err := s.shard(key)
			if err != nil {
				return nil, err
			}
			for t := range shard {
				if slipMatch(u.Word, t) {
					alts = append(alts, alternative{t, 1, 2})
				}
			}
		}
	}
	sort.Slice(alts, func(i, j int) bool { return alts[i].term < alts[j].term })
	return alts, nil
}

// scope returns the page ranges of a scope, or nil for none.
func (s *Searcher) scope(id string) [][2]int {
	for _, sc := range s.manifest.Scopes {
		if id != "" && sc.ID == id {
			return sc.Pages
		}
	}
	return nil
}

func within(ranges [][2]int, page int) bool {
	for _, r := range ranges {
		if page >= r[0] && page <= r[1] {
			return true
		}
	}
	return false
}

// owner returns the shard key a term belongs to.
func (s *Searcher) owner(t string) string { return Owner(s.manifest.Shards, t) }

// Owner returns the key of the shard that holds term t: the longest of
// keys it starts with, or "" when there is none.
func Owner(keys []string, t string) string {
	best := ""
	for _, k := range keys {
		if len(k) > len(best) && strings.HasPrefix(t, k) {
			best = k
		}
	}
	return best
}

func (s *Searcher) shard(key string) (map[string][]int, error) {
	if sh, ok := s.shards[key]; ok {
		return sh, nil
	}
	sh := map[string][]int{}
	if err := s.load("w/"+key+".json", &sh); err != nil {
		return nil, err
	}
	s.shards[key] = sh
	return sh, nil
}

func (s *Searcher) postings(t string) ([]int, error) {
	key := s.owner(t)
	if key == "" {
		return nil, nil
	}
	sh, err := s.shard(key)
	if err != nil {
		return nil, err
	}
	ps := sh[t]
	if len(ps)%3 != 0 {
		return nil, errors.New("search: w/" + key + ".json: postings of " + strconv.Quote(t) + " are not triples")
	}
	return ps, nil
}

func (s *Searcher) page(n int) (*page, error) {
	if f, ok := s.pages[n]; ok {
		return f, nil
	}
	if n < 0 || n >= s.manifest.Pages {
		return nil, fmt.Errorf("search: a posting names page %d of %d", n, s.manifest.Pages)
	}
	f := &page{}
	if err := s.load("p/"+strconv.Itoa(n)+".json", f); err != nil {
		return nil, err
	}
	s.pages[n] = f
	return f, nil
}

// set makes a set of terms.
func set(terms []string) map[string]bool {
	s := make(map[string]bool, len(terms))
	for _, t := range terms {
		s[t] = true
	}
	return s
}
