package search

import (
	"slices"
	"strconv"
	"strings"
)

// Synonyms are groups of words and phrases that mean the same to a
// reader: an abbreviation and what it stands for, two spellings, a
// number and its word. Each group has one canonical term. Wherever the
// index reads a member of a group it also records the group's canonical
// term, and a query's member becomes that term, so a query for any member
// finds every member.
//
// A member is matched by its terms: "Independent Reviewing Officer" is
// the phrase "independent review officer", and matches that phrase
// anywhere, whatever the case, the endings and the stop words between.
type Synonyms struct {
	canon   map[string]string   // a member's terms, joined by spaces, to the group's canonical term
	byLast  map[string][]phrase // the members of more than one term, by their last term
	longest int                 // the most terms in a member
}

// phrase is a member of a group as terms.
type phrase struct {
	terms []string
	canon string
}

// numberWords are the numbers a reader may type as words: stage three is
// stage 3. Unlike synonyms they are not recorded where the text has them
// ("no one" is not 1): a query's number stands for its words, and its
// words for it, in the query only (see Manifest.Numbers).
var numberWords = [][]string{
	{"one", "first", "1st"}, {"two", "second", "2nd"}, {"three", "third", "3rd"},
	{"four", "fourth", "4th"}, {"five", "fifth", "5th"}, {"six", "sixth", "6th"},
	{"seven", "seventh", "7th"}, {"eight", "eighth", "8th"}, {"nine", "ninth", "9th"},
	{"ten", "tenth", "10th"},
}

// numbers are numberWords as terms, each group with its digits first.
func numbers() [][]string {
	out := make([][]string, len(numberWords))
	for i, ws := range numberWords {
		out[i] = []string{strconv.Itoa(i + 1)}
		for _, w := range ws {
			out[i] = append(out[i], Stem(w))
		}
	}
	return out
}

// NewSynonyms makes synonyms of groups of words and phrases. Groups that
// share a member become one group. A member with no terms (only stop words, or nothing)
// is left out, and so is a group with fewer than two members left.
func NewSynonyms(groups [][]string) *Synonyms {
	// Union the groups that share a member, by the member's terms.
	parent := map[string]string{}
	var find func(k string) string
	find = func(k string) string {
		if p, ok := parent[k]; ok && p != k {
			r := find(p)
			parent[k] = r
			return r
		}
		return k
	}
	terms := map[string][]string{}
	for _, g := range groups {
		first := ""
		for _, m := range g {
			ts := wordTerms(m)
			if len(ts) == 0 {
				continue
			}
			k := strings.Join(ts, " ")
			terms[k] = ts
			if _, ok := parent[k]; !ok {
				parent[k] = k
			}
			if first == "" {
				first = k
			} else if a, b := find(first), find(k); a != b {
				parent[b] = a
			}
		}
	}
	members := map[string][]string{} // root to its members
	for k := range parent {
		r := find(k)
		members[r] = append(members[r], k)
	}
	s := &Synonyms{canon: map[string]string{}, byLast: map[string][]phrase{}}
	for _, ms := range members {
		if len(ms) < 2 {
			continue
		}
		canon := canonical(ms)
		for _, k := range ms {
			ts := terms[k]
			if k == canon {
				continue
			}
			s.canon[k] = canon
			s.longest = max(s.longest, len(ts))
			last := ts[len(ts)-1]
			s.byLast[last] = append(s.byLast[last], phrase{terms: ts, canon: canon})
		}
	}
	for _, ps := range s.byLast {
		slices.SortFunc(ps, func(a, b phrase) int {
			return strings.Compare(strings.Join(a.terms, " "), strings.Join(b.terms, " "))
		})
	}
	return s
}

// canonical picks a group's canonical term: its shortest member of one
// term (the abbreviation, the digit), or else its members' shortest
// phrase written as one word.
func canonical(members []string) string {
	best := ""
	better := func(a, b string) bool {
		sa, sb := !strings.Contains(a, " "), !strings.Contains(b, " ")
		if sa != sb {
			return sa
		}
		if len(a) != len(b) {
			return len(a) < len(b)
		}
		return a < b
	}
	for _, m := range members {
		if best == "" || better(m, best) {
			best = m
		}
	}
	return strings.ReplaceAll(best, " ", "")
}

// Map returns the members of every group, as terms joined by spaces, with
// the canonical term of their group: what a query needs. A member that is
// its group's canonical term is left out.
func (s *Synonyms) Map() map[string]string {
	if s == nil {
		return nil
	}
	return s.canon
}
