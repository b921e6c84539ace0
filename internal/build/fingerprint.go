package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"math"
	"reflect"
	"slices"
	"sort"
	"sync"
)

// A fingerprint is a SHA-256 of everything a piece of output is made from
// (see live.go). Values are hashed deeply, by reflection: every field,
// exported or not, through pointers, slices and maps (in key order), so
// that nothing a layout can reach through its data is left out. Each value
// is written with its kind and, where it varies, its length, so that two
// different values never write the same bytes.

// fingerprint is a finished hash.
type fingerprint [sha256.Size]byte

// hasher writes values into a hash, through a buffer (hashing many small
// writes one at a time costs more than the hashing).
type hasher struct {
	h     hash.Hash
	b     []byte
	stack map[uintptr]int // pointers being hashed, for cycles: their depth
}

// hashers are reused: a build makes one or two for every page.
var hashers = sync.Pool{New: func() any {
	return &hasher{h: sha256.New(), b: make([]byte, 0, 4096), stack: map[uintptr]int{}}
}}

func newHasher() *hasher {
	x := hashers.Get().(*hasher)
	x.h.Reset()
	x.b = x.b[:0]
	return x
}

// free gives the hasher back once its sum is taken.
func (x *hasher) free() { hashers.Put(x) }

func (x *hasher) flush() {
	x.h.Write(x.b)
	x.b = x.b[:0]
}

func (x *hasher) sum() fingerprint {
	x.flush()
	var f fingerprint
	x.h.Sum(f[:0])
	return f
}

func (x *hasher) byte(b byte) { x.b = append(x.b, b) }

func (x *hasher) uint(n uint64) {
	x.b = binary.LittleEndian.AppendUint64(x.b, n)
}

func (x *hasher) string(s string) {
	x.uint(uint64(len(s)))
	if len(s) > cap(x.b)-len(x.b) {
		x.flush()
		if len(s) > cap(x.b) {
			x.h.Write([]byte(s))
			return
		}
	}
	x.b = append(x.b, s...)
}

func (x *hasher) bytes(b []byte) {
	x.uint(uint64(len(b)))
	if len(b) > cap(x.b)-len(x.b) {
		x.flush()
		if len(b) > cap(x.b) {
			x.h.Write(b)
			return
		}
	}
	x.b = append(x.b, b...)
}

func (x *hasher) fingerprint(f fingerprint) { x.b = append(x.b, f[:]...) }

// any hashes v deeply.
func (x *hasher) any(v any) { x.value(reflect.ValueOf(v)) }

func (x *hasher) value(v reflect.Value) {
	if !v.IsValid() {
		x.byte(0)
		return
	}
	x.byte(byte(v.Kind()))
	switch v.Kind() {
	case reflect.Bool:
		x.bool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		x.uint(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		x.uint(v.Uint())
	case reflect.Float32, reflect.Float64:
		x.uint(math.Float64bits(v.Float()))
	case reflect.Complex64, reflect.Complex128:
		c := v.Complex()
		x.uint(math.Float64bits(real(c)))
		x.uint(math.Float64bits(imag(c)))
	case reflect.String:
		x.string(v.String())
	case reflect.Slice:
		if v.IsNil() {
			x.byte(0)
			return
		}
		x.byte(1)
		if v.Type().Elem().Kind() == reflect.Uint8 {
			x.bytes(v.Bytes())
			return
		}
		x.list(v)
	case reflect.Array:
		x.list(v)
	case reflect.Pointer:
		if v.IsNil() {
			x.byte(0)
			return
		}
		p := v.Pointer()
		if depth, ok := x.stack[p]; ok {
			// A cycle: say how far back it leads, which the same
			// structure always gives.
			x.byte(2)
			x.uint(uint64(len(x.stack) - depth))
			return
		}
		x.byte(1)
		x.stack[p] = len(x.stack)
		x.value(v.Elem())
		delete(x.stack, p)
	case reflect.Interface:
		if v.IsNil() {
			x.byte(0)
			return
		}
		x.byte(1)
		x.string(v.Elem().Type().String())
		x.value(v.Elem())
	case reflect.Struct:
		x.string(v.Type().String())
		for i := 0; i < v.NumField(); i++ {
			x.value(v.Field(i))
		}
	case reflect.Map:
		if v.IsNil() {
			x.byte(0)
			return
		}
		x.byte(1)
		x.mapValue(v)
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
		// Code, not data: the same binary runs every build. Only whether
		// there is one counts.
		x.bool(!v.IsNil())
	}
}

func (x *hasher) list(v reflect.Value) {
	n := v.Len()
	x.uint(uint64(n))
	for i := 0; i < n; i++ {
		x.value(v.Index(i))
	}
}

// mapValue hashes a map's entries in the order of their keys' own hashes,
// so that iteration order never counts.
func (x *hasher) mapValue(v reflect.Value) {
	type kv struct {
		key  fingerprint
		elem reflect.Value
	}
	entries := make([]kv, 0, v.Len())
	iter := v.MapRange()
	for iter.Next() {
		k := newHasher()
		k.value(iter.Key())
		entries = append(entries, kv{k.sum(), iter.Value()})
	}
	sort.Slice(entries, func(i, j int) bool { return bytes.Compare(entries[i].key[:], entries[j].key[:]) < 0 })
	x.uint(uint64(len(entries)))
	for _, e := range entries {
		x.fingerprint(e.key)
		x.value(e.elem)
	}
}

// stringMap hashes a map of strings, sorted by key (faster than the
// reflective mapValue for the site's larger maps).
func (x *hasher) stringMap(m map[string]string) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	x.uint(uint64(len(keys)))
	for _, k := range keys {
		x.string(k)
		x.string(m[k])
	}
}

// pageView hashes a page's view of itself by hand, which is several times
// quicker than by reflection for the one value every page has.
// TestPageViewHashCoversEveryField keeps it whole: a field added to
// PageView, navLink or markdown.Heading that is not hashed here fails it.
// Content is left out (the page key stands for it with the markdown's
// key), and so is the policy, which the page's kind decides.
func (x *hasher) pageView(v *PageView) {
	x.string(v.Title)
	x.string(v.Description)
	x.string(v.URL)
	x.string(v.Path)
	x.string(v.Kind)
	x.uint(uint64(len(v.TOC)))
	for _, h := range v.TOC {
		x.uint(uint64(h.Level))
		x.string(h.ID)
		x.string(h.Text)
		x.uint(uint64(h.Line))
	}
	x.navLinks(v.Crumbs)
	x.navLink(v.Prev)
	x.navLink(v.Next)
	x.navLinks(v.Children)
	x.bool(v.IsHome)
	x.string(v.Canonical)
	if v.Updated == nil {
		x.byte(0)
	} else {
		x.byte(1)
		x.uint(uint64(v.Updated.Year))
		x.uint(uint64(v.Updated.Month))
		x.uint(uint64(v.Updated.Day))
	}
	x.bool(v.wroteCSP)
}

func (x *hasher) navLinks(ls []*navLink) {
	x.uint(uint64(len(ls)))
	for _, l := range ls {
		x.navLink(l)
	}
}

func (x *hasher) navLink(l *navLink) {
	if l == nil {
		x.byte(0)
		return
	}
	x.byte(1)
	x.string(l.Title)
	x.string(l.URL)
	x.string(l.Description)
	x.bool(l.Current)
}

func (x *hasher) bool(b bool) {
	if b {
		x.byte(1)
	} else {
		x.byte(0)
	}
}
