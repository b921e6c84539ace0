package search

import "slices"

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
