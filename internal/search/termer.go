package search

import (
	"slices"
	"strings"
)

// termer finds the terms of text as the index records them (see the
// package comment): each word's term, each hyphenated compound's and each
// synonym's canonical term. It remembers the words it has read: a manual
// uses the same few thousand words again and again, so most words cost
// one map lookup and no allocation. Each distinct term gets a small
// number, its id, so a section's weights are kept in a slice rather than
// a map.
type termer struct {
	ids    map[string]int32 // folded word to the id of its term; -1 for a stop word
	byTerm map[string]int32 // term to id
	terms  []string         // id to term
	ends   [][]phrase       // id to the synonyms that end with its term
	syn    *Synonyms        // nil for none
	word   []byte           // the word being read
	chain  []byte           // the words of a hyphenated compound so far
	links  int              // how many words chain holds
	window []int32          // the last terms read, for synonyms
}

func newTermer(syn *Synonyms) *termer {
	return &termer{ids: map[string]int32{}, byTerm: map[string]int32{}, syn: syn}
}

// each calls f with the id of each term of text in order: each word's
// term, then after a hyphenated compound ("e-mail") the compound's term
// ("email"), and after a synonym's last word the canonical term of its
// group.
func (tm *termer) each(text string, f func(id int32)) {
	if !needsFolding(text) {
		tm.eachPlain(text, f)
	} else {
		tm.eachWord(text, f)
	}
}

// eachWord is each for any text, word by word as eachWord reads it.
func (tm *termer) eachWord(text string, f func(id int32)) {
	tm.chain, tm.links, tm.window = tm.chain[:0], 0, tm.window[:0]
	tm.word = eachWord(text, tm.word, func(w []byte, joined bool) {
		if !joined {
			tm.compound(f)
			tm.chain, tm.links = tm.chain[:0], 0
		}
		tm.chain = append(tm.chain, w...)
		tm.links++
		id, ok := tm.ids[string(w)] // a lookup does not allocate
		if !ok {
			id = tm.id(string(w))
		}
		tm.term(id, f)
	})
	tm.compound(f)
}

// eachPlain is each for text that needs no folding, most text, read as
// eachPlainWord reads it but in one loop: a word already folded is looked
// up as it stands in text, with no copy, and a compound's text is put
// together only once a second word joins the first.
func (tm *termer) eachPlain(text string, f func(id int32)) {
	tm.window = tm.window[:0]
	last := -1         // where the last word ended
	first, end := 0, 0 // where the compound being read starts and ends
	links := 0         // its words so far
	for i := 0; i < len(text); {
		j, fold := plainWordEnd(text, i)
		if j == i {
			i++ // a separator
			continue
		}
		var id int32
		if fold {
			tm.word = foldPlain(append(tm.word[:0], text[i:j]...))
			if len(tm.word) == 0 {
				i = j
				continue
			}
			var ok bool
			if id, ok = tm.ids[string(tm.word)]; !ok {
				id = tm.id(string(tm.word))
			}
		} else {
			var ok bool
			if id, ok = tm.ids[text[i:j]]; !ok {
				id = tm.id(strings.Clone(text[i:j])) // not the whole text's memory
			}
		}
		if last >= 0 && joins(text[last:i]) {
			links++
		} else {
			tm.plainCompound(text[first:end], links, f)
			first, links = i, 1
		}
		end, last = j, j
		tm.term(id, f)
		i = j
	}
	tm.plainCompound(text[first:end], links, f)
}

// plainCompound emits the term of a compound of links words read by
// eachPlain, if it has two or more: its words run together, which is its
// text without the hyphens and apostrophes, folded.
func (tm *termer) plainCompound(text string, links int, f func(id int32)) {
	if links < 2 {
		return
	}
	tm.chain = tm.chain[:0]
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			tm.chain = append(tm.chain, c)
		case c >= 'A' && c <= 'Z':
			tm.chain = append(tm.chain, c+('a'-'A'))
		}
	}
	tm.links = links
	tm.compound(f)
}

// term emits a word's term, unless it is a stop word (id -1), and the
// canonical term of each synonym that ends with it.
func (tm *termer) term(id int32, f func(id int32)) {
	if id < 0 {
		return
	}
	f(id)
	if tm.syn == nil || tm.syn.longest == 0 {
		return
	}
	if len(tm.window) == tm.syn.longest {
		copy(tm.window, tm.window[1:])
		tm.window = tm.window[:len(tm.window)-1]
	}
	tm.window = append(tm.window, id)
	tm.synonyms(f, tm.window)
}

// compound emits the term of the hyphenated compound just read, if any.
func (tm *termer) compound(f func(id int32)) {
	if tm.links < 2 || allDigits(tm.chain) {
		return
	}
	id, ok := tm.ids[string(tm.chain)]
	if !ok {
		id = tm.id(string(tm.chain))
	}
	if id < 0 {
		return
	}
	f(id)
	if tm.syn != nil {
		// A compound is one word: it matches one-word synonyms only.
		tm.synonyms(f, []int32{id})
	}
}

// synonyms emits the canonical term of each synonym that window ends with.
func (tm *termer) synonyms(f func(id int32), window []int32) {
	last := window[len(window)-1]
	emitted := int32(-1)
	for _, p := range tm.ends[last] {
		if len(p.terms) > len(window) {
			continue
		}
		tail := window[len(window)-len(p.terms):]
		match := true
		for i, t := range p.terms {
			if tm.terms[tail[i]] != t {
				match = false
				break
			}
		}
		if match {
			if c := tm.termID(p.canon); c != emitted {
				f(c)
				emitted = c
			}
		}
	}
}

// id returns the id of a folded word's term, or -1 for a stop word.
func (tm *termer) id(w string) int32 {
	id, ok := tm.ids[w]
	if ok {
		return id
	}
	id = -1
	if !isStop(w) {
		id = tm.termID(Stem(w))
	}
	tm.ids[w] = id
	return id
}

// termID returns the id of a term, giving it one if it has none.
func (tm *termer) termID(t string) int32 {
	id, ok := tm.byTerm[t]
	if !ok {
		id = int32(len(tm.terms))
		tm.terms = append(tm.terms, t)
		tm.byTerm[t] = id
		var ends []phrase
		if tm.syn != nil {
			ends = tm.syn.byLast[t]
		}
		tm.ends = append(tm.ends, ends)
	}
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
