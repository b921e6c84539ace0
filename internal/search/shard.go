package search

import (
	"sort"
	"strconv"
)

// encode appends postings to b as the JSON array the package comment
// describes. ps is in page and section order.
func encode(b []byte, ps []posting) []byte {
	b = append(b, '[')
	last := int32(0)
	for i, p := range ps {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(p.page-last), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(p.section), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(p.weight), 10)
		last = p.page
	}
	return append(b, ']')
}

// encodeAll encodes each term's postings, ps[start[t]:start[t]+count[t]]
// for term t, into a few large buffers rather than one growing slice a
// term: a site has tens of thousands of terms.
func encodeAll(terms []string, ps []posting, start, count []int) map[string][]byte {
	encoded := make(map[string][]byte, len(terms))
	var buf []byte
	for t, term := range terms {
		// Most postings take at most 12 bytes; a term whose postings
		// take more grows into a new array, which is just as right.
		need := 2 + 12*count[t]
		if cap(buf)-len(buf) < need {
			buf = make([]byte, 0, max(need, 256<<10))
		}
		n := len(buf)
		buf = encode(buf, ps[start[t]:start[t]+count[t]])
		encoded[term] = buf[n:len(buf):len(buf)]
	}
	return encoded
}

// split groups sorted terms into shards by prefix, splitting any shard
// over shardLimit by one more character.
func split(terms []string, encoded map[string][]byte) map[string][]string {
	shards := map[string][]string{}
	var place func(key string, ts []string)
	place = func(key string, ts []string) {
		size := 0
		for _, t := range ts {
			size += len(t) + len(encoded[t]) + 4
		}
		if size <= shardLimit || len(key) >= maxKey {
			shards[key] = append(shards[key], ts...)
			return
		}
		// The key itself, if a term, stays; the rest go one level down.
		for _, g := range byPrefix(ts, len(key)+1) {
			if g.key == key {
				shards[key] = append(shards[key], g.terms...)
			} else {
				place(g.key, g.terms)
			}
		}
	}
	for _, g := range byPrefix(terms, 2) {
		place(g.key, g.terms)
	}
	return shards
}

// group is terms that share a prefix, their key.
type group struct {
	key   string
	terms []string
}

// byPrefix groups sorted terms by their first n characters (the whole of
// a shorter term), in order.
func byPrefix(terms []string, n int) []group {
	var out []group
	for _, t := range terms {
		k := t[:min(len(t), n)]
		if len(out) == 0 || out[len(out)-1].key != k {
			out = append(out, group{key: k})
		}
		out[len(out)-1].terms = append(out[len(out)-1].terms, t)
	}
	return out
}

// shardJSON writes a shard: an object from term to postings, terms sorted.
func shardJSON(terms []string, encoded map[string][]byte) []byte {
	size := 2
	for _, t := range terms {
		size += len(t) + len(encoded[t]) + 4
	}
	b := make([]byte, 0, size)
	b = append(b, '{')
	for i, t := range terms {
		if i > 0 {
			b = append(b, ',')
		}
		// Terms are plain ASCII letters and digits: nothing to escape.
		b = append(b, '"')
		b = append(b, t...)
		b = append(b, '"', ':')
		b = append(b, encoded[t]...)
	}
	return append(b, '}')
}

// shardFiles splits sorted terms into shards and writes them, returning
// the shards' keys and files, both sorted.
func shardFiles(terms []string, encoded map[string][]byte) ([]string, []File) {
	shards := split(terms, encoded)
	keys := make([]string, 0, len(shards))
	for k := range shards {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	files := make([]File, 0, len(keys))
	for _, k := range keys {
		files = append(files, File{Name: "w/" + k + ".json", Data: shardJSON(shards[k], encoded)})
	}
	return keys, files
}
