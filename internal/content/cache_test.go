package content

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestCacheReadsWhatChanged loads a folder through a Cache again and again
// and checks that it gives the same pages for unchanged files, and reads a
// file again when its size or time changed, when Forget names it (an edit
// that kept both), and gives nothing for a file removed.
func TestCacheReadsWhatChanged(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string, at time.Time) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, at, at); err != nil {
			t.Fatal(err)
		}
	}
	at := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	write("a.md", "---\ntitle: A\n---\nOne.\n", at)
	write("b.md", "---\ntitle: B\n---\nTwo.\n", at)
	c := NewCache()
	load := func() map[string]*Page {
		t.Helper()
		tree, problems := c.Load(os.DirFS(dir), "content")
		if len(problems) > 0 {
			t.Fatal(problems)
		}
		pages := map[string]*Page{}
		for _, p := range tree.Pages {
			pages[p.Path] = p
		}
		return pages
	}
	first := load()
	again := load()
	if again["a.md"] != first["a.md"] || again["b.md"] != first["b.md"] {
		t.Fatal("a second load read unchanged files again")
	}
	// The same size and time: only Forget tells.
	write("a.md", "---\ntitle: C\n---\nOne.\n", at)
	if p := load()["a.md"]; p != first["a.md"] {
		t.Fatal("a file with the same size and time was read again without Forget")
	}
	c.Forget("a.md")
	if p := load()["a.md"]; p.Meta.Title != "C" {
		t.Errorf("after Forget, a.md has title %q; want C", p.Meta.Title)
	}
	write("b.md", "---\ntitle: B\n---\nTwo, longer.\n", at)
	if p := load()["b.md"]; p == first["b.md"] || string(p.Body) != "Two, longer.\n" {
		t.Errorf("a file whose size changed was not read again: %q", p.Body)
	}
	write("b.md", "---\ntitle: D\n---\nTwo, longer.\n", at.Add(time.Second))
	if p := load()["b.md"]; p.Meta.Title != "D" {
		t.Errorf("a file whose time changed was not read again: title %q", p.Meta.Title)
	}
	if err := os.Remove(filepath.Join(dir, "a.md")); err != nil {
		t.Fatal(err)
	}
	if p, ok := load()["a.md"]; ok {
		t.Errorf("a removed file is still a page: %v", p)
	}
	if _, ok := c.files["a.md"]; ok {
		t.Error("the cache still holds a removed file")
	}
}
