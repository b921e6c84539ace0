package main

import (
	"reflect"
	"strings"
	"testing"
)

func TestIndexRoundTrip(t *testing.T) {
	in := []indexEntry{
		{Key: "resolve-draft:/:hips:a", Protocol: "hips", Reference: "CS/1 <b>\"", Kept: "2025-12-10T10:00:00.000"},
		{Key: "resolve-draft:/:tees:b", Protocol: "tees", Damaged: true},
	}
	out, err := decodeIndex(encodeIndex(in))
	if err != nil || !reflect.DeepEqual(out, in) {
		t.Errorf("decodeIndex(encodeIndex(%+v)) = %+v, %v", in, out, err)
	}
	if out, err := decodeIndex(encodeIndex(nil)); err != nil || len(out) != 0 {
		t.Errorf("the empty index reads back as %+v, %v", out, err)
	}
}

// TestIndexRefused: the index is outside input; anything not as written
// is refused whole, and made again.
func TestIndexRefused(t *testing.T) {
	for _, bad := range []string{
		``, `{}`, `[1]`, `[{"key": 1}]`, `[{"key": "k", "extra": "x"}]`, `[{"damaged": "yes"}]`, `[{"key": "k"}] x`,
	} {
		if _, err := decodeIndex([]byte(bad)); err == nil {
			t.Errorf("decodeIndex(%q) = no error", bad)
		}
	}
}

func TestReconcile(t *testing.T) {
	e := func(key, protocol, kept string) indexEntry {
		return indexEntry{Key: key, Protocol: protocol, Reference: "ref " + key, Kept: kept}
	}
	index := []indexEntry{
		e("h:a", "hips", "2025-12-01T09:00"),
		e("h:gone", "hips", "2025-12-09T09:00"),
		e("t:x", "tees", "2025-12-05T09:00"),
		e("h:b", "hips", "2025-12-03T09:00"),
		e("h:a", "hips", "2025-12-01T09:00"), // twice
	}
	var read []string
	mine, all, changed := reconcile(index, "h:", "hips", []string{"h:a", "h:b", "h:new"}, func(key string) indexEntry {
		read = append(read, key)
		return e(key, "hips", "2025-12-04T09:00")
	})
	if !changed {
		t.Error("reconcile dropped and added entries, but says nothing changed")
	}
	if !reflect.DeepEqual(read, []string{"h:new"}) {
		t.Errorf("reconcile read %q in full; want only the draft the index did not list", read)
	}
	var keys []string
	for _, m := range mine {
		keys = append(keys, m.Key)
	}
	if strings.Join(keys, " ") != "h:new h:b h:a" {
		t.Errorf("hips drafts, newest first: %q; want h:new h:b h:a", keys)
	}
	if len(all) != 4 || all[1].Key != "t:x" {
		t.Errorf("the whole index: %+v; want the other procedure's entry kept", all)
	}
	// Nothing to do: nothing read, nothing changed.
	_, _, changed = reconcile(all, "h:", "hips", []string{"h:a", "h:b", "h:new"}, func(key string) indexEntry {
		t.Errorf("read %s, which the index lists", key)
		return indexEntry{}
	})
	if changed {
		t.Error("an index that lists every draft changed")
	}
}

func TestUpsertWithout(t *testing.T) {
	index := []indexEntry{{Key: "a", Kept: "1"}, {Key: "b", Kept: "1"}}
	index = upsert(index, indexEntry{Key: "a", Kept: "2"})
	index = upsert(index, indexEntry{Key: "c", Kept: "3"})
	if len(index) != 3 || index[0].Kept != "2" || index[2].Key != "c" {
		t.Errorf("upsert gave %+v", index)
	}
	if got := without(index, "b"); len(got) != 2 || got[0].Key != "a" || got[1].Key != "c" || len(index) != 3 || index[1].Key != "b" {
		t.Errorf("without(b) = %+v, and the index became %+v", got, index)
	}
}

// TestReconcileMismatched: an entry that does not say what its key does
// (another procedure's name under this one's prefix, or this one's name
// under another's) is dropped, and the draft under this prefix read again.
func TestReconcileMismatched(t *testing.T) {
	index := []indexEntry{
		{Key: "h:a", Protocol: "tees", Kept: "2025-12-01T09:00"},
		{Key: "t:x", Protocol: "hips", Kept: "2025-12-02T09:00"},
		{Key: "t:y", Protocol: "tees", Kept: "2025-12-03T09:00"},
	}
	var read []string
	mine, all, changed := reconcile(index, "h:", "hips", []string{"h:a"}, func(key string) indexEntry {
		read = append(read, key)
		return indexEntry{Key: key, Protocol: "hips", Kept: "2025-12-04T09:00"}
	})
	if !changed || !reflect.DeepEqual(read, []string{"h:a"}) {
		t.Errorf("reconcile read %q, changed %v; want h:a read again, and a change", read, changed)
	}
	if len(mine) != 1 || mine[0].Protocol != "hips" {
		t.Errorf("hips drafts: %+v; want h:a as hips", mine)
	}
	if len(all) != 2 || all[0].Key != "t:y" {
		t.Errorf("the whole index: %+v; want t:y and h:a", all)
	}
}

// FuzzIndex: the index is outside input (anything on the origin can write
// it). Reading it never panics, and what is read writes back to the same.
func FuzzIndex(f *testing.F) {
	for _, s := range []string{
		`[]`, `[{"key":"resolve-draft:/:hips:a","protocol":"hips","reference":"CS/1","kept":"2025-12-10T10:00:00.000"}]`,
		`[{"key":"k","damaged":true}]`, `[{"key":"\u003cb\u003e"}]`, `{}`, `[{"key":1}]`, "[\"\xff\"]", `[[[[[[`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		index, err := decodeIndex(data)
		if err != nil {
			return
		}
		again, err := decodeIndex(encodeIndex(index))
		if err != nil {
			t.Fatalf("the index written from %q cannot be read: %v", data, err)
		}
		if len(again) != len(index) || len(index) > 0 && !reflect.DeepEqual(again, index) {
			t.Errorf("%q read back as %+v, then %+v", data, index, again)
		}
		mine, _, _ := reconcile(index, "resolve-draft:/:hips:", "hips", nil, func(string) indexEntry {
			t.Fatal("read a key not in storage")
			return indexEntry{}
		})
		if len(mine) != 0 {
			t.Errorf("with no drafts in storage, the index still lists %+v", mine)
		}
	})
}
