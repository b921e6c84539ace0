package build

import (
	"strings"
	"testing"

	"resolve/internal/content"
)

// generatedSite is a site with a few pages and files, as checkGenerated
// sees it once assembled.
func generatedSite(assets ...string) *site {
	s := newSite(Config{Content: "content"})
	for _, u := range []string{"/", "/hips/", "/hips/record/", "/search/", "/404.html"} {
		p := &page{url: u}
		s.pages = append(s.pages, p)
		s.byURL[u] = p
	}
	s.files = []outFile{
		{path: "css/site.0123abcd.css", from: "static/css/site.css"},
		{path: "favicon.svg", from: "static/favicon.svg"},
		{path: "schema/record-v1.json"},
	}
	s.tree = &content.Tree{Assets: assets}
	return s
}

func TestCheckGenerated(t *testing.T) {
	tests := []struct{ asset, want string }{
		{"hips/flowchart.png", ""},
		{"hips/record/blank-form.pdf", ""},
		{"docs/robots.txt", ""},
		{"robots.txt", "content/robots.txt: the build writes robots.txt itself (the robots.txt for search engines)"},
		{"Robots.TXT", "content/Robots.TXT: the build writes Robots.TXT itself"},
		{"favicon.svg", "content/favicon.svg: the build writes favicon.svg itself (static/favicon.svg, published there)"},
		{"FAVICON.SVG", "content/FAVICON.SVG: the build writes FAVICON.SVG itself (static/favicon.svg"},
		{"sitemap.xml", "the build writes sitemap.xml itself (the sitemap)"},
		{"hips/record/index.html", "the build writes hips/record/index.html itself (the page /hips/record/)"},
		{"hips/record", "so hips/record must be a folder"},
		{"css", "so css must be a folder"},
		{"wasm/record.png", "content/wasm/record.png: the folder wasm/ holds the record form's WebAssembly module"},
		{"search/x.png", "the folder search/ holds the search index"},
		{"_resolve/events.txt", "resolve serve's live reload"},
		{"feed.xml/a.png", "the build writes feed.xml (the updates feed) as a file"},
		{"404.html/a.png", "the build writes 404.html (the page /404.html) as a file"},
	}
	for _, tt := range tests {
		got := generatedSite(tt.asset).checkGenerated()
		switch {
		case tt.want == "" && len(got) > 0:
			t.Errorf("asset %s: %v; want no problem", tt.asset, got)
		case tt.want != "" && (len(got) != 1 || !strings.Contains(got[0].String(), tt.want)):
			t.Errorf("asset %s: %v; want one problem holding %q", tt.asset, got, tt.want)
		}
	}
}

// FuzzCheckGenerated checks the collision rule against a model of the
// output folder on a file system that ignores case: every generated file
// is placed in a tree of folders, and a content file is allowed only if
// it can be placed too, as a new file, in no folder that is a file and
// under no folder the build keeps to itself.
func FuzzCheckGenerated(f *testing.F) {
	for _, s := range []string{"a.png", "robots.txt", "ROBOTS.txt", "hips/record", "css/x.png", "wasm/a", "feed.xml/b", "hips/record/index.html/x", "favicon.svg", "a/b/c.pdf"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, asset string) {
		if !validAsset(asset) {
			return
		}
		s := generatedSite(asset)
		if len(s.checkGenerated()) > 0 {
			return
		}
		// The model: each generated path's folders, and the files.
		files, dirs := map[string]bool{}, map[string]bool{}
		place := func(p string) {
			parts := strings.Split(strings.ToLower(p), "/")
			for i := 1; i < len(parts); i++ {
				dirs[strings.Join(parts[:i], "/")] = true
			}
			files[strings.ToLower(p)] = true
		}
		for p := range reservedFiles {
			place(p)
		}
		for _, p := range s.pages {
			place(strings.TrimPrefix(outPath(p.url), "/"))
		}
		for _, f := range s.files {
			place(f.path)
		}
		a := strings.ToLower(asset)
		parts := strings.Split(a, "/")
		if files[a] || dirs[a] {
			t.Fatalf("%q allowed, but the build writes a file or folder of that name", asset)
		}
		for i := 1; i < len(parts); i++ {
			if files[strings.Join(parts[:i], "/")] {
				t.Fatalf("%q allowed, but the build writes %s as a file", asset, strings.Join(parts[:i], "/"))
			}
		}
		if _, ok := reservedFolders[parts[0]]; ok && len(parts) > 1 {
			t.Fatalf("%q allowed inside a folder the build keeps to itself", asset)
		}
	})
}

// validAsset is a path content.Load could give: slash-separated, clean,
// no empty or dot parts.
func validAsset(p string) bool {
	if p == "" || strings.ContainsAny(p, "\\\x00") {
		return false
	}
	for part := range strings.SplitSeq(p, "/") {
		if part == "" || part == "." || part == ".." || strings.HasPrefix(part, ".") {
			return false
		}
	}
	return true
}
