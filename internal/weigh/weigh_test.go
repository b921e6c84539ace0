package weigh

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestPageWeights(t *testing.T) {
	dir := t.TempDir()
	r0 := rand.New(rand.NewPCG(1, 2))
	big := make([]byte, 40000)
	for i := range big {
		big[i] = byte('a' + r0.IntN(26)) // text that does not compress to nothing
	}
	write(t, dir, map[string]string{
		"index.html":          `<!DOCTYPE html><link rel="stylesheet" href="/css/site.css"><script src="/js/site.js" defer></script><p>Home`,
		"sub/page/index.html": `<!DOCTYPE html><link rel="stylesheet" href="../../css/site.css"><link rel="icon" href="/x.png"><p>` + string(big),
		"css/site.css":        "body { color: red }",
		"js/site.js":          "console.log(1)",
		"search/index.json":   `{"format":"resolve-search"}`,
		"search/w/ab.json":    `{"ab":[0,0,1]}`,
		"search/index.html":   `<!DOCTYPE html><p>Search`,
	})
	r, err := PageWeights(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Pages) != 3 {
		t.Fatalf("PageWeights found %d pages; want 3: %+v", len(r.Pages), r.Pages)
	}
	h := r.Heaviest()
	if h.File != "sub/page/index.html" || h.Brotli <= Budget/2 || h.Raw < 40000 {
		t.Errorf("Heaviest() = %+v; want sub/page/index.html, over %d B compressed", h, Budget/2)
	}
	if want := []string{"sub/page/index.html", "css/site.css"}; len(h.Files) != 2 || h.Files[1] != want[1] {
		t.Errorf("Heaviest().Files = %q; want %q", h.Files, want)
	}
	var home Page
	for _, p := range r.Pages {
		if p.File == "index.html" {
			home = p
		}
	}
	if len(home.Files) != 3 || home.Brotli <= 0 || home.Brotli >= home.Raw+30 {
		t.Errorf("index.html weighs %+v; want its HTML, CSS and JS, compressed", home)
	}
	if r.SearchFiles != 2 || r.SearchRaw != int64(len(`{"format":"resolve-search"}`)+len(`{"ab":[0,0,1]}`)) {
		t.Errorf("search index: %d files, %d B; want 2 files, the JSON only", r.SearchFiles, r.SearchRaw)
	}
}

func TestPageWeightsUnderSubPath(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"index.html":   `<link rel="stylesheet" href="/procedures/css/site.css">`,
		"css/site.css": "body{}",
	})
	r, err := PageWeights(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Heaviest().Files; len(got) != 2 || got[1] != "css/site.css" {
		t.Errorf("Files = %q; want the stylesheet found under the sub-path", got)
	}
}

func TestPageWeightsMissingFile(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"index.html": `<script src="/js/gone.js"></script>`})
	if _, err := PageWeights(dir); err == nil {
		t.Error("PageWeights with a script that is not in the site: no error")
	}
}

func FuzzUpFront(f *testing.F) {
	f.Add(`<!DOCTYPE html><link rel="stylesheet" href="/css/site.css"><script src="/js/site.js" defer></script>`)
	f.Add(`<link rel=STYLESHEET href=a.css><script>inline()</script><script src=b.js>`)
	f.Fuzz(func(t *testing.T, doc string) {
		refs, err := upFront([]byte(doc))
		if err != nil {
			return
		}
		for _, r := range refs {
			if r == "" {
				t.Errorf("upFront(%q) gave an empty reference", doc)
			}
		}
	})
}

func TestMeasure(t *testing.T) {
	data := bytes.Repeat([]byte("resolve record "), 10000)
	s := Measure(data)
	if s.Raw != len(data) || s.Gzip <= 0 || s.Brotli <= 0 || s.Gzip >= s.Raw || s.Brotli >= s.Raw {
		t.Errorf("Measure of %d repetitive bytes = %v; want both compressions smaller", len(data), s)
	}
	if got := (Size{1, 2, 3}).String(); got != "1 bytes raw, 2 gzip, 3 brotli" {
		t.Errorf("String() = %q", got)
	}
}
