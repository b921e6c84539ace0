package content

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestCheckFile(t *testing.T) {
	tests := []struct {
		path string
		size int64
		want string // "" for allowed
	}{
		{"hips/flowchart.png", 1000, ""},
		{"hips/Photo.JPG", 1000, ""},
		{"docs/form.docx", 1000, ""},
		{"docs/minutes.odt", 1000, ""},
		{"data/counts.csv", 1000, ""},
		{"a.svg", 1000, ""},
		{"hips/record/index.html", 10, "a web page cannot be published from content/: pages are markdown (.md) files, and a page's HTML comes from a layout in layouts/"},
		{"page.HTM", 10, "a web page cannot be published"},
		{"js/site.0123abcd.js", 10, "they belong in static/"},
		{"x.mjs", 10, "they belong in static/"},
		{"record.wasm", 10, "they belong in static/"},
		{"css/site.css", 10, "they belong in static/"},
		{"sitemap.xml", 10, "an XML file can also run script"},
		{"search/index.json", 10, "the build writes the site's data files itself"},
		{"form.docm", 10, "a macro-enabled Office file"},
		{"budget.XLSM", 10, "a macro-enabled Office file"},
		{"deck.pptm", 10, "a macro-enabled Office file"},
		{"setup.exe", 10, "a program cannot be published"},
		{"_headers", 10, "a file with no extension is none of them"},
		{"CNAME", 10, "a file with no extension"},
		{"_redirects", 10, "a file with no extension"},
		{"movie.mp4", 10, "a .mp4 file is none of them: the kinds it may hold are .md, .avif, .csv,"},
		{"big.png", 17 << 20, "17 MB is more than the 16 MB an image may be"},
		{"big.pdf", 33 << 20, "33 MB is more than the 32 MB a document may be"},
		{"big.svg", 3 << 20, "3 MB is more than the 2 MB an SVG image may be"},
	}
	for _, tt := range tests {
		got := checkFile(tt.path, tt.size)
		if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
			t.Errorf("checkFile(%q, %d) = %q; want %q", tt.path, tt.size, got, tt.want)
		}
	}
}

// TestLoadRefuses loads a tree holding one of each kind of file content
// must not hold, and checks each is reported by name while the rest loads.
func TestLoadRefuses(t *testing.T) {
	page := &fstest.MapFile{Data: []byte("---\ntitle: A\n---\nText.\n")}
	fsys := fstest.MapFS{
		"_index.md":                 page,
		"hips/_index.md":            page,
		"hips/chart.png":            {Data: []byte("png")},
		"hips/chart.svg":            {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)},
		"hips/evil.svg":             {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`)},
		"hips/record/index.html":    {Data: []byte("<form>")},
		"js/site.0123abcd.js":       {Data: []byte("alert(1)")},
		"form.docm":                 {Data: []byte("macro")},
		"huge.md":                   {Data: make([]byte, MaxPage+1)},
		"README.MD":                 page,
		".github/workflows/x.yml":   {Data: []byte("ignored")},
		".DS_Store":                 {Data: []byte("ignored")},
		"hips/.hidden/anything.exe": {Data: []byte("ignored")},
	}
	tree, problems := Load(fsys, "content")
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	want := []string{
		"content/README.MD: a page's name ends in .md, in lower case: rename it",
		"content/form.docm: a macro-enabled Office file",
		"content/hips/evil.svg:1: the attribute onload on <svg> is not allowed: event attributes run script",
		"content/hips/record/index.html: a web page cannot be published from content/",
		"content/huge.md: 4194305 bytes is more than the 4194304 bytes a page may be: split it into several pages",
		"content/js/site.0123abcd.js: scripts, stylesheets and modules cannot be published from content/",
	}
	slices.Sort(got)
	if len(got) != len(want) {
		t.Fatalf("problems:\n%s\nwant %d", strings.Join(got, "\n"), len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d = %q; want it to start %q", i, got[i], want[i])
		}
	}
	if !slices.Equal(tree.Assets, []string{"hips/chart.png", "hips/chart.svg"}) || len(tree.Pages) != 2 {
		t.Errorf("assets %q, %d pages; want the PNG, the plain SVG and 2 pages", tree.Assets, len(tree.Pages))
	}
}

// FuzzCheckFile checks the extension allow-list: a file is allowed only
// with an extension on the list, in any case, and never one that runs in a
// browser or holds macros, whatever its name.
func FuzzCheckFile(f *testing.F) {
	for _, s := range []string{"a.png", "b/c.JPG", "x.html", "y.docm", "z", "_headers", "a.svg.js", "a.js.png", "a.", ".png", "a/.b/c.pdf", "a.PnG"} {
		f.Add(s, int64(10))
	}
	f.Fuzz(func(t *testing.T, p string, size int64) {
		msg := checkFile(p, size)
		i := strings.LastIndexByte(p, '.')
		ext := ""
		if i >= 0 && !strings.Contains(p[i:], "/") {
			ext = strings.ToLower(p[i:])
		}
		kind, listed := fileKinds[ext]
		switch {
		case msg == "" && !listed:
			t.Fatalf("checkFile(%q) allowed an extension not on the list (%q)", p, ext)
		case msg == "" && size > kind.limit:
			t.Fatalf("checkFile(%q, %d) allowed a file over the %d limit", p, size, kind.limit)
		case msg != "" && listed && size <= kind.limit:
			t.Fatalf("checkFile(%q, %d) = %q; want it allowed", p, size, msg)
		}
		for _, run := range []string{".html", ".htm", ".js", ".mjs", ".wasm", ".css", ".xml", ".docm", ".xlsm", ".pptm"} {
			if ext == run && msg == "" {
				t.Fatalf("checkFile(%q) allowed %s", p, run)
			}
		}
	})
}
