// Package searchtest is what tests of the search index share: a
// reference [Searcher] that reads the index files as static/js/search.js
// does, and manuals to index (a small hand-written one and generated ones
// of any size). Nothing in the site build imports it.
package searchtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/bits"
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
	Terms []string // the query's terms
	Total int      // sections matching every term
	Hits  []Hit    // the best of them, best first
	Read  []string // the index files this query read, beyond those read before
	Bytes int      // their size
}

// Open reads the manifest from fsys, the index folder.
func Open(fsys fs.FS) (*Searcher, error) {
	s := &Searcher{fsys: fsys, shards: map[string]map[string][]int{}, pages: map[int]*page{}}
	if err := s.load("index.json", &s.manifest); err != nil {
		return nil, err
	}
	if s.manifest.Format != "resolve-search" || s.manifest.Version != 1 {
		return nil, fmt.Errorf("search: index.json: not a version 1 resolve-search index")
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

// Search finds the sections that match every term of query and returns
// the best limit of them. A section's score is the sum, over the query's
// terms, of the term's weight in the section times its rarity; ties go to
// the earlier page and section. With prefix set, the query's last word is taken
// to be still being typed: it also matches terms that start with it, and
// terms a few letters shorter that it starts with ("escalati" matches
// "escalat").
func (s *Searcher) Search(query string, prefix bool, limit int) (*Result, error) {
	s.read, s.bytes = nil, 0
	res := &Result{}
	stop := set(s.manifest.Stop)
	words := search.Words(query)
	var last string
	if prefix && len(words) > 0 && !stop[words[len(words)-1]] && len(words[len(words)-1]) >= 3 {
		last = words[len(words)-1]
		words = words[:len(words)-1]
	}
	seen := map[string]bool{}
	var groups [][]string // for each query word, the terms that match it
	for _, w := range words {
		if stop[w] {
			continue
		}
		t := search.Stem(w)
		if !seen[t] {
			seen[t] = true
			res.Terms = append(res.Terms, t)
			groups = append(groups, []string{t})
		}
	}
	if last != "" {
		res.Terms = append(res.Terms, search.Stem(last))
		var g []string
		for _, key := range s.manifest.Shards {
			if !strings.HasPrefix(key, last) && !strings.HasPrefix(last, key) {
				continue
			}
			shard, err := s.shard(key)
			if err != nil {
				return nil, err
			}
			for t := range shard {
				if s.owner(t) == key && prefixMatch(t, last) {
					g = append(g, t)
				}
			}
		}
		sort.Strings(g)
		groups = append(groups, g)
	}
	if len(groups) == 0 {
		res.Read, res.Bytes = s.read, s.bytes
		return res, nil
	}

	type key struct{ page, section int }
	scores := map[key]int{}
	for i, g := range groups {
		best := map[key]int{} // a section's best weight among the group's terms
		for _, t := range g {
			ps, err := s.postings(t)
			if err != nil {
				return nil, err
			}
			r := s.rarity(len(ps) / 3)
			page := 0
			for j := 0; j+2 < len(ps); j += 3 {
				page += ps[j]
				k := key{page, ps[j+1]}
				if w := ps[j+2] * r; w > best[k] {
					best[k] = w
				}
			}
		}
		next := map[key]int{}
		for k, w := range best {
			if i == 0 {
				next[k] = w
			} else if sc, ok := scores[k]; ok {
				next[k] = sc + w
			}
		}
		scores = next
	}
	keys := make([]key, 0, len(scores))
	for k := range scores {
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
	if len(keys) > limit {
		keys = keys[:limit]
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

// rarity weighs a term held by count sections: one more than the bit
// length of sections/count, so a term in one section in a thousand counts
// for 11 and a term in every section for 2. It is integer arithmetic so
// that the browser ranks exactly as Go does.
func (s *Searcher) rarity(count int) int {
	return 1 + bits.Len(uint(s.manifest.Sections/max(1, count)))
}

// prefixMatch reports whether term t matches the unfinished word w.
func prefixMatch(t, w string) bool {
	return strings.HasPrefix(t, w) || t == search.Stem(w) ||
		len(t) >= 3 && strings.HasPrefix(w, t) && len(w)-len(t) <= 3
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

// page is the content of p/N.json.
type page struct {
	Title    string      `json:"t"`
	URL      string      `json:"u"`
	Where    string      `json:"w"`
	Sections [][3]string `json:"s"`
}

// set makes a set of terms.
func set(terms []string) map[string]bool {
	s := make(map[string]bool, len(terms))
	for _, t := range terms {
		s[t] = true
	}
	return s
}
