package benchmark

import (
	"os"
	"path/filepath"
	"testing"

	"resolve/internal/build"
)

// TestGenerate checks that a generated manual builds with both of
// resolve's layout sets, that the minimal one does what Hugo's layouts do
// (no search page, no index, no A to Z) and the other adds exactly those.
func TestGenerate(t *testing.T) {
	dir := t.TempDir()
	const n = 150 // two sections
	if err := Generate(dir, n); err != nil {
		t.Fatal(err)
	}
	pages := func(layouts string, wantPages int, search bool) {
		t.Helper()
		out := filepath.Join(dir, "out-"+layouts)
		res, err := build.Build(build.Config{
			Content: filepath.Join(dir, "content"),
			Layouts: filepath.Join(dir, "resolve", layouts),
			Static:  filepath.Join(dir, "resolve", "static"),
			Out:     out,
		})
		if err != nil {
			t.Fatalf("building with %s: %v", layouts, err)
		}
		if res.Pages != wantPages {
			t.Errorf("with %s: %d pages; want %d", layouts, res.Pages, wantPages)
		}
		_, err = os.Stat(filepath.Join(out, "search", "index.json"))
		if got := err == nil; got != search {
			t.Errorf("with %s: a search index is %v; want %v", layouts, got, search)
		}
	}
	// The pages, two section pages, the home page and 404.
	pages("layouts", n+2+1+1, false)
	pages("layouts-search", n+2+1+1+2, true)

	// A second run keeps the pages and writes the layouts again.
	page := filepath.Join(dir, "content", "section-1", "page-1.md")
	before, err := os.Stat(page)
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "resolve", "layouts", "page.html"))
	if err := Generate(dir, n); err != nil {
		t.Fatal(err)
	}
	after, err := os.Stat(page)
	if err != nil || !after.ModTime().Equal(before.ModTime()) {
		t.Errorf("the second run rewrote the pages (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "resolve", "layouts", "page.html")); err != nil {
		t.Errorf("the second run did not write the layouts: %v", err)
	}
}
