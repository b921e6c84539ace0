package search_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"resolve/internal/search"
	"resolve/internal/search/searchtest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// readable lays out the index files one after another for a golden file.
func readable(files []search.File) []byte {
	var b bytes.Buffer
	for _, f := range files {
		b.WriteString("-- " + f.Name + " --\n")
		b.Write(f.Data)
		b.WriteString("\n")
	}
	return b.Bytes()
}

func TestBuildGolden(t *testing.T) {
	got := readable(search.Build(searchtest.Small, searchtest.SmallOptions))
	golden := filepath.Join("testdata", "index.golden")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("search.Build(searchtest.Small, searchtest.SmallOptions) differs from %s (run go test -update if the change is right):\n%s", golden, got)
	}
}

func TestBuildDeterministic(t *testing.T) {
	a, b := readable(search.Build(searchtest.Small, searchtest.SmallOptions)), readable(search.Build(searchtest.Small, searchtest.SmallOptions))
	if !bytes.Equal(a, b) {
		t.Error("search.Build(searchtest.Small, searchtest.SmallOptions) gave different bytes on a second run")
	}
}

// TestIndexAnyOrder checks that pages added in any order, from many
// goroutines at once, give the bytes Build gives, and that a page never
// added is indexed as an empty one.
func TestIndexAnyOrder(t *testing.T) {
	pages := searchtest.Manual(200)
	want := readable(search.Build(pages, search.Options{}))
	x := search.NewIndex(len(pages), search.Options{})
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := len(pages) - 1 - g; n >= 0; n -= 4 {
				x.Add(n, pages[n])
			}
		}()
	}
	wg.Wait()
	files, err := x.Files()
	if err != nil {
		t.Fatal(err)
	}
	if got := readable(files); !bytes.Equal(got, want) {
		t.Error("adding pages backwards from four goroutines gave different bytes from Build")
	}

	// Emitting pages' files as they are added: the same files in all.
	var mu sync.Mutex
	var emitted []search.File
	e := search.NewIndex(len(pages), search.Options{Emit: func(f search.File) error {
		mu.Lock()
		defer mu.Unlock()
		emitted = append(emitted, f)
		return nil
	}})
	for n := len(pages) - 1; n >= 0; n-- {
		if err := e.Add(n, pages[n]); err != nil {
			t.Fatal(err)
		}
	}
	rest, err := e.Files()
	if err != nil {
		t.Fatal(err)
	}
	all := append(rest[:1:1], append(emitted, rest[1:]...)...)
	slices.SortFunc(all[1:], func(a, b search.File) int { return strings.Compare(a.Name, b.Name) })
	if got := readable(all); !bytes.Equal(got, want) {
		t.Error("emitting pages' files gave different files from Build")
	}

	partial := search.NewIndex(3, search.Options{})
	partial.Add(0, pages[0])
	partial.Add(2, pages[2])
	files, err = partial.Files()
	if err != nil {
		t.Fatal(err)
	}
	var empty []byte
	for _, f := range files {
		if f.Name == "p/1.json" {
			empty = f.Data
		}
	}
	if string(empty) != `{"t":"","u":"","s":[]}` {
		t.Errorf("the page never added is %s", empty)
	}
}

// TestBuildStructure checks the promises of the package comment on a
// manual big enough to split shards.
func TestBuildStructure(t *testing.T) {
	pages := searchtest.Manual(300)
	files := search.Build(pages, search.Options{})
	fsys := searchtest.FS(files)
	var m search.Manifest
	if err := json.Unmarshal(fsys["index.json"].Data, &m); err != nil {
		t.Fatal(err)
	}
	if m.Pages != len(pages) {
		t.Errorf("manifest pages = %d; want %d", m.Pages, len(pages))
	}
	deep := false
	for _, k := range m.Shards {
		deep = deep || len(k) > 2
	}
	if !deep {
		t.Errorf("no shard of a %d-page manual was split: shards %q", len(pages), m.Shards)
	}
	postings := 0
	for _, k := range m.Shards {
		f := fsys["w/"+k+".json"]
		if f == nil {
			t.Fatalf("manifest lists shard %q but w/%s.json is missing", k, k)
		}
		var shard map[string][]int
		if err := json.Unmarshal(f.Data, &shard); err != nil {
			t.Fatalf("w/%s.json: %v", k, err)
		}
		if len(f.Data) > search.ShardLimit && len(shard) > 1 && len(k) < search.MaxKey {
			t.Errorf("w/%s.json is %d bytes with %d terms; the limit is %d", k, len(f.Data), len(shard), search.ShardLimit)
		}
		for term, ps := range shard {
			if owner := searchtest.Owner(m.Shards, term); owner != k {
				t.Errorf("term %q is in w/%s.json; its owner is %q", term, k, owner)
			}
			if len(ps)%3 != 0 {
				t.Errorf("w/%s.json: %q has %d numbers, not triples", k, term, len(ps))
			}
			page := 0
			for i := 0; i < len(ps); i += 3 {
				page += ps[i]
				if page >= len(pages) || ps[i+1] >= len(pages[page].Sections) || ps[i+2] <= 0 {
					t.Errorf("w/%s.json: %q has a bad posting %v", k, term, ps[i:i+3])
				}
			}
			postings += len(ps) / 3
		}
	}
	if postings == 0 {
		t.Error("the index has no postings")
	}
	for i := range pages {
		if fsys["p/"+strconv.Itoa(i)+".json"] == nil {
			t.Errorf("p/%d.json is missing", i)
		}
	}
}

// TestBoost checks that a page's Boost scales its weights.
func TestBoost(t *testing.T) {
	weights := func(boost float64) []int {
		pages := []search.Page{
			{URL: "/a/", Title: "Escalation", Boost: boost, Sections: []search.Section{{Text: "Escalate the disagreement to your manager."}}},
			{URL: "/b/", Title: "Other", Sections: []search.Section{{Text: "Nothing to see."}}},
		}
		s, err := searchtest.Open(searchtest.FS(search.Build(pages, search.Options{})))
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.Search("escalate disagreement manager", searchtest.Options{Limit: 1})
		if err != nil || len(res.Hits) != 1 {
			t.Fatalf("Search: %v, %d hits", err, len(res.Hits))
		}
		return []int{res.Hits[0].Score}
	}
	full, none, half := weights(1)[0], weights(0)[0], weights(0.5)[0]
	if full != none {
		t.Errorf("a Boost of 0 scores %d, of 1 %d; want the same", none, full)
	}
	if half > full*6/10 || half < full*4/10 {
		t.Errorf("a Boost of 0.5 scores %d, of 1 %d; want about half", half, full)
	}
}
