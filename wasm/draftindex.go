package main

// The index of the drafts kept in the browser: for each draft, its key,
// its procedure, the case reference and when it was kept, so that listing
// the drafts, or finding the newest to restore, never reads every draft in
// full (each can hold a record of up to a megabyte). It is kept beside the
// drafts, under indexKey (drafts.go), and is only ever a guide: a draft it
// does not list is read once and added, an entry whose draft has gone is
// dropped, and an entry that does not match its draft is put right when
// that draft is read, so an index that another page or an older version
// of the tool left behind, damaged, or none at all, costs only one full
// reading of each draft it does not know.

import (
	"strings"

	"resolve/internal/escalation"
	"resolve/internal/jsonx"
)

// indexEntry is one draft in the index.
type indexEntry struct {
	Key       string // its key in storage
	Protocol  string // the procedure's id
	Reference string // the case reference typed in the draft
	Kept      string // when it was kept: "2025-01-03T14:05:09.042"
	Damaged   bool   // it could not be read: listed nowhere, counted
}

// encodeIndex writes the index as JSON.
func encodeIndex(entries []indexEntry) []byte {
	var w jsonx.Writer
	w.BeginArray()
	for _, e := range entries {
		w.BeginObject()
		w.Name("key")
		w.String(e.Key)
		w.Name("protocol")
		w.String(e.Protocol)
		w.Name("reference")
		w.String(e.Reference)
		w.Name("kept")
		w.String(e.Kept)
		if e.Damaged {
			w.Name("damaged")
			w.Bool(true)
		}
		w.EndObject()
	}
	w.EndArray()
	return w.Bytes()
}

// decodeIndex reads the index. Like a draft, it is outside input: anything
// on the site's origin can change it, so any value of the wrong kind, or a
// name the index does not have, refuses it whole (and it is made again).
func decodeIndex(data []byte) ([]indexEntry, error) {
	return jsonx.Unmarshal(data, func(v *jsonx.Value) ([]indexEntry, error) {
		return jsonx.Slice(v, func(v *jsonx.Value) (indexEntry, error) {
			var e indexEntry
			err := v.Object(func(name string, v *jsonx.Value) error {
				switch name {
				case "key":
					return str(v, &e.Key)
				case "protocol":
					return str(v, &e.Protocol)
				case "reference":
					return str(v, &e.Reference)
				case "kept":
					return str(v, &e.Kept)
				case "damaged":
					var err error
					e.Damaged, err = v.Boolean()
					return err
				}
				return jsonx.ErrUnknownName
			})
			return e, err
		})
	})
}

// newestFirst sorts entries by when they were kept, the newest first, the
// order found kept for the same time: an insertion sort of a few entries
// (slices.SortStableFunc adds 9 KB to the module).
func newestFirst(entries []indexEntry) {
	for i := 1; i < len(entries); i++ {
		for j := i; j > 0 && entries[j].Kept > entries[j-1].Kept; j-- {
			entries[j], entries[j-1] = entries[j-1], entries[j]
		}
	}
}

// reconcile brings the entries of one procedure's drafts, those whose key
// starts with prefix, up to date with the keys found in storage under it:
// an entry whose draft has gone, that names another procedure, or that
// names this one under another key, is dropped, and read is asked for each
// key the index does not list. It returns the procedure's entries, the
// newest first, the whole index as it should now be stored, and whether
// that changed.
func reconcile(index []indexEntry, prefix, protocol string, keys []string, read func(key string) indexEntry) (mine, all []indexEntry, changed bool) {
	present := map[string]bool{}
	for _, k := range keys {
		present[k] = true
	}
	listed := map[string]bool{}
	for _, e := range index {
		ours := strings.HasPrefix(e.Key, prefix)
		if listed[e.Key] || ours && (!present[e.Key] || e.Protocol != protocol) || !ours && e.Protocol == protocol {
			changed = true // listed twice, gone, or not what it says
			continue
		}
		listed[e.Key] = true
		all = append(all, e)
	}
	for _, k := range keys {
		if !listed[k] {
			all = append(all, read(k))
			listed[k] = true
			changed = true
		}
	}
	for _, e := range all {
		if strings.HasPrefix(e.Key, prefix) {
			mine = append(mine, e)
		}
	}
	newestFirst(mine)
	return mine, all, changed
}

// entryOf is the index entry of a draft.
func entryOf(key, protocol string, v values, when string) indexEntry {
	return indexEntry{Key: key, Protocol: protocol, Reference: v[escalation.FieldReference], Kept: when}
}

// upsert puts e into the index in place of any entry with its key.
func upsert(index []indexEntry, e indexEntry) []indexEntry {
	for i := range index {
		if index[i].Key == e.Key {
			index[i] = e
			return index
		}
	}
	return append(index, e)
}

// without returns the index without the entry for key.
func without(index []indexEntry, key string) []indexEntry {
	out := index[:0:0]
	for _, e := range index {
		if e.Key != key {
			out = append(out, e)
		}
	}
	return out
}
