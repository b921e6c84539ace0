package search

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
	"testing/fstest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// testPages is a small manual: two procedures' pages and a glossary.
var testPages = []Page{
	{URL: "/hips/", Title: "Resolving professional differences", Where: "HIPS", Sections: []Section{
		{Text: "Use this procedure when you disagree with another agency's decision about a child."},
		{Heading: "Stage 1: Discussion with your line manager", Anchor: "stage-1", Text: "Talk the disagreement through with your line manager or safeguarding lead."},
		{Heading: "Stage 2: Inter-agency discussion", Anchor: "stage-2", Text: "Contact the other practitioner and discuss the concern within two working days."},
	}},
	{URL: "/hips/stage-3/", Title: "Stage 3: managers talk to each other", Where: "HIPS", Sections: []Section{
		{Heading: "What happens at this stage", Anchor: "what-happens-at-this-stage", Text: "Your line manager contacts their counterpart at the other agency. The managers review the information and escalate if it is not resolved."},
		{Heading: "When it should happen", Anchor: "when-it-should-happen", Text: "Within two working days of finishing stage 2."},
	}},
	{URL: "/tees/stage-4/", Title: "Stage 4: resolution meeting", Where: "TEES", Sections: []Section{
		{Heading: "Who chairs the meeting", Anchor: "who-chairs-the-meeting", Text: "A senior manager who has not been involved chairs the resolution meeting. Escalations are recorded."},
	}},
	{URL: "/glossary/", Title: "Glossary", Sections: []Section{
		{Heading: "Independent Reviewing Officer (IRO)", Anchor: "independent-reviewing-officer", Text: "A social worker who chairs reviews of a Looked After Child's care plan."},
		{Heading: "Designated safeguarding lead (DSL)", Anchor: "designated-safeguarding-lead", Text: "The person who takes lead responsibility for safeguarding in a school. Café résumé."},
	}},
}

// readable lays out the index files one after another for a golden file.
func readable(files []File) []byte {
	var b bytes.Buffer
	for _, f := range files {
		b.WriteString("-- " + f.Name + " --\n")
		b.Write(f.Data)
		b.WriteString("\n")
	}
	return b.Bytes()
}

func TestBuildGolden(t *testing.T) {
	got := readable(Build(testPages))
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
		t.Errorf("Build(testPages) differs from %s (run go test -update if the change is right):\n%s", golden, got)
	}
}

func TestBuildDeterministic(t *testing.T) {
	a, b := readable(Build(testPages)), readable(Build(testPages))
	if !bytes.Equal(a, b) {
		t.Error("Build(testPages) gave different bytes on a second run")
	}
}

// TestIndexAnyOrder checks that pages added in any order, from many
// goroutines at once, give the bytes Build gives, and that a page never
// added is indexed as an empty one.
func TestIndexAnyOrder(t *testing.T) {
	pages := manual(200)
	want := readable(Build(pages))
	x := NewIndex(len(pages), nil)
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
	var emitted []File
	e := NewIndex(len(pages), func(f File) error {
		mu.Lock()
		defer mu.Unlock()
		emitted = append(emitted, f)
		return nil
	})
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
	slices.SortFunc(all[1:], func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	if got := readable(all); !bytes.Equal(got, want) {
		t.Error("emitting pages' files gave different files from Build")
	}

	partial := NewIndex(3, nil)
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

// mapFS makes a file system of index files.
func mapFS(files []File) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, f := range files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return fsys
}

// TestBuildStructure checks the promises of the package comment on a
// manual big enough to split shards.
func TestBuildStructure(t *testing.T) {
	pages := manual(300)
	files := Build(pages)
	fsys := mapFS(files)
	var m Manifest
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
	s := &Searcher{manifest: m}
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
		if len(f.Data) > shardLimit && len(shard) > 1 && len(k) < maxKey {
			t.Errorf("w/%s.json is %d bytes with %d terms; the limit is %d", k, len(f.Data), len(shard), shardLimit)
		}
		for term, ps := range shard {
			if owner := s.owner(term); owner != k {
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

func TestClip(t *testing.T) {
	tests := []struct {
		text string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"one two three four", 10, "one two …"},
		{"ééééé ééééé", 8, "ééééé …"},
	}
	for _, tt := range tests {
		if got := clip(tt.text, tt.n); got != tt.want {
			t.Errorf("clip(%q, %d) = %q; want %q", tt.text, tt.n, got, tt.want)
		}
	}
}

// FuzzFragmentJSON checks that a page's file is written as encoding/json
// would write it.
func FuzzFragmentJSON(f *testing.F) {
	f.Add("Stage 1 <b> & “quotes”", "/a/?b=c&d", "", "Heading", "anchor", "Text with \u2028 and \x01 and \xff.")
	f.Add("", "", "HIPS", "", "", "")
	f.Fuzz(func(t *testing.T, title, url, where, heading, anchor, text string) {
		frag := fragment{Title: title, URL: url, Where: where, Sections: [][3]string{{heading, anchor, text}, {"", "", title}}}
		want, err := json.Marshal(&frag)
		if err != nil {
			t.Fatal(err)
		}
		if got := frag.json(); !bytes.Equal(got, want) {
			t.Fatalf("fragment JSON\n%s\nwant\n%s", got, want)
		}
	})
}
