package searchtest

import (
	"slices"
	"strings"

	"resolve/internal/search"
)

// Unit is one thing a query looks for: a word, a hyphenated compound or a
// synonym. A section matches a unit when it holds the unit's term, or
// (for the word being typed) a term that starts with it, or (for a word
// the index does not have) a term a typing slip away from it.
type Unit struct {
	Term   string // the term to look up
	Word   string // the folded word typed, for typing slips; "" for a compound or synonym
	Prefix bool   // the word being typed: it may be unfinished
}

// Parse turns a query into units, as static/js/search.js does:
//
//  1. The query's words are read as the index reads text (search.Tokens).
//  2. Words joined by hyphens are one unit, their compound ("e-mail" is
//     "email"), unless that is all digits or a stop word.
//  3. With prefix set, the last word is being typed, if it is a word of at
//     least three letters on its own.
//  4. Stop words go, and the rest are stemmed.
//  5. The longest runs of units that are a member of a synonym group
//     become the group's canonical term.
//  6. A number's word becomes the number ("three" is "3"), which stands
//     for its words too (see Searcher.Search).
//  7. A term repeated is looked for once.
func Parse(m search.Manifest, query string, prefix bool) []Unit {
	type item struct {
		words []string
	}
	var items []item
	for _, tk := range search.Tokens(query) {
		if tk.Joined && len(items) > 0 {
			last := &items[len(items)-1]
			last.words = append(last.words, tk.Word)
			continue
		}
		items = append(items, item{words: []string{tk.Word}})
	}
	stop := set(m.Stop)
	var units []Unit
	for i, it := range items {
		typing := prefix && i == len(items)-1
		if len(it.words) > 1 {
			c := strings.Join(it.words, "")
			if !stop[c] && !allDigits(c) {
				units = append(units, Unit{Term: search.Stem(c)})
				continue
			}
			typing = false
		}
		for j, w := range it.words {
			if stop[w] {
				continue
			}
			u := Unit{Term: search.Stem(w), Word: w}
			u.Prefix = typing && j == len(it.words)-1 && len(w) >= 3
			units = append(units, u)
		}
	}
	units = synonyms(m.Synonyms, units)
	for i, u := range units {
		if g := number(m, u.Term); g != nil {
			units[i] = Unit{Term: g[0]}
		}
	}
	var out []Unit
	type key struct {
		term   string
		prefix bool
	}
	seen := map[key]bool{}
	for _, u := range units {
		if k := (key{u.Term, u.Prefix}); !seen[k] {
			seen[k] = true
			out = append(out, u)
		}
	}
	return out
}

// synonyms replaces the longest runs of units that are a synonym with the
// synonym's canonical term.
func synonyms(syn map[string]string, units []Unit) []Unit {
	longest := 0
	for k := range syn {
		longest = max(longest, strings.Count(k, " ")+1)
	}
	var out []Unit
	for i := 0; i < len(units); {
		n := 0
		for l := min(longest, len(units)-i); l > 0 && n == 0; l-- {
			terms := make([]string, l)
			for j := range terms {
				terms[j] = units[i+j].Term
			}
			if c, ok := syn[strings.Join(terms, " ")]; ok {
				out = append(out, Unit{Term: c})
				n = l
			}
		}
		if n == 0 {
			out = append(out, units[i])
			n = 1
		}
		i += n
	}
	return out
}

// number returns the group of m.Numbers that has term t, or nil.
func number(m search.Manifest, t string) []string {
	for _, g := range m.Numbers {
		if slices.Contains(g, t) {
			return g
		}
	}
	return nil
}

func allDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w != ""
}

// prefixMatch reports whether term t matches the word w being typed: t
// starts with w, or is w's stem, or w is t with up to three more letters
// ("escalati" is on its way from "escalat").
func prefixMatch(t, w string) bool {
	return strings.HasPrefix(t, w) || t == search.Stem(w) ||
		len(t) >= 3 && strings.HasPrefix(w, t) && len(w)-len(t) <= 3
}

// slipMatch reports whether term t is a typing slip away from the word w,
// which the index does not have: w, or w without up to three of its last
// letters (an ending the stemmer does not know), is within one edit of t
// (a letter added, dropped, changed, or two swapped), or two for a word of
// nine letters or more. Words under five letters and terms under four
// are left alone: too many short words are one edit apart.
func slipMatch(w, t string) bool {
	d := 1
	switch {
	case len(w) >= 9:
		d = 2
	case len(w) < 5:
		return false
	}
	if len(t) < 4 {
		return false
	}
	for k := 0; k <= 3 && len(w)-k >= 1; k++ {
		p := w[:len(w)-k]
		if len(p)-len(t) <= d && len(t)-len(p) <= d && distance(p, t, d) <= d {
			return true
		}
	}
	return false
}

// distance is the optimal string alignment distance between a and b (the
// edits of slipMatch), or more than limit once it is sure to be.
func distance(a, b string, limit int) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			low = min(low, v)
		}
		if low > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
