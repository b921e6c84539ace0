package search

import (
	"bytes"
	"strconv"
)

// encode writes postings as the JSON array the package comment describes.
// ps is in page and section order.
func encode(ps []posting) []byte {
	var b []byte
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
		// Terms no longer than the key stay; the rest go one level down.
		groups := map[string][]string{}
		var order []string
		for _, t := range ts {
			if len(t) <= len(key) {
				shards[key] = append(shards[key], t)
				continue
			}
			k := t[:len(key)+1]
			if groups[k] == nil {
				order = append(order, k)
			}
			groups[k] = append(groups[k], t)
		}
		for _, k := range order {
			place(k, groups[k])
		}
	}
	groups := map[string][]string{}
	var order []string
	for _, t := range terms {
		k := t
		if len(k) > 2 {
			k = k[:2]
		}
		if groups[k] == nil {
			order = append(order, k)
		}
		groups[k] = append(groups[k], t)
	}
	for _, k := range order {
		place(k, groups[k])
	}
	return shards
}

// shardJSON writes a shard: an object from term to postings, terms sorted.
func shardJSON(terms []string, encoded map[string][]byte) []byte {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, t := range terms {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Quote(t)) // terms are plain ASCII letters and digits
		b.WriteByte(':')
		b.Write(encoded[t])
	}
	b.WriteByte('}')
	return b.Bytes()
}
