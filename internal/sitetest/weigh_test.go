package sitetest

// What a reader downloads to read each page of a built site, against the
// budget in the design: a page's HTML, and the stylesheets and scripts it
// loads up front, at most 15 KB once brotli-compressed. The search index,
// which no page loads up front, and the record form's module are weighed
// too.
//
// A file's weight is its size compressed on its own with brotli at the
// highest quality, as a static host precompresses it. A page's weight is
// the sum over its HTML and every <link rel="stylesheet"> and
// <script src> in it: deferred scripts are loaded up front too, while
// what scripts fetch later (the search index, the form's WebAssembly
// module) is not.

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"golang.org/x/net/html"
)

// pageBudget is the most a page may weigh, in bytes brotli-compressed.
const pageBudget = 15 * 1000

// pageWeight is the weight of one HTML page.
type pageWeight struct {
	File   string   // the HTML file, slash-separated, relative to the site
	Files  []string // the HTML file, then what it loads up front, in order
	Raw    int      // their bytes as written
	Brotli int      // their bytes compressed, each file on its own
}

// weightReport is the weight of a built site.
type weightReport struct {
	Pages        []pageWeight // heaviest first
	SearchFiles  int          // files of the search index (search/*.json and below)
	SearchRaw    int64
	SearchBrotli int64
}

// heaviest returns the heaviest page, or a zero pageWeight for a site with none.
func (r *weightReport) heaviest() pageWeight {
	if len(r.Pages) == 0 {
		return pageWeight{}
	}
	return r.Pages[0]
}

// String summarises the report in a few lines for `make bench`.
func (r *weightReport) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "pages: %d, budget %d B brotli each\n", len(r.Pages), pageBudget)
	for i, p := range r.Pages {
		if i == 5 {
			break
		}
		fmt.Fprintf(&b, "  %6d B brotli (%6d B raw)  %s\n", p.Brotli, p.Raw, p.File)
	}
	fmt.Fprintf(&b, "search index: %d files, %d B raw, %d B brotli\n", r.SearchFiles, r.SearchRaw, r.SearchBrotli)
	return b.String()
}

// pageWeights weighs every HTML page of the site built in dir.
func pageWeights(dir string) (*weightReport, error) {
	fsys := os.DirFS(dir)
	sizes := map[string][2]int{} // file -> raw, brotli; each file compressed once
	weigh := func(name string) ([2]int, error) {
		if s, ok := sizes[name]; ok {
			return s, nil
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return [2]int{}, err
		}
		s := [2]int{len(data), brotliSize(data)}
		sizes[name] = s
		return s, nil
	}
	r := &weightReport{}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		if strings.HasPrefix(name, "search/") && strings.HasSuffix(name, ".json") {
			s, err := weigh(name)
			if err != nil {
				return err
			}
			r.SearchFiles++
			r.SearchRaw += int64(s[0])
			r.SearchBrotli += int64(s[1])
			return nil
		}
		if !strings.HasSuffix(name, ".html") {
			return nil
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		p := pageWeight{File: name, Files: []string{name}}
		refs, err := upFront(data)
		if err != nil {
			return fmt.Errorf("%s: %w", filepath.Join(dir, name), err)
		}
		for _, ref := range refs {
			f, ok := resolve(fsys, name, ref)
			if !ok {
				return fmt.Errorf("%s: loads %s, which is not in the site", filepath.Join(dir, name), ref)
			}
			p.Files = append(p.Files, f)
		}
		for _, f := range p.Files {
			s, err := weigh(f)
			if err != nil {
				return err
			}
			p.Raw += s[0]
			p.Brotli += s[1]
		}
		r.Pages = append(r.Pages, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(r.Pages, func(i, j int) bool {
		if r.Pages[i].Brotli != r.Pages[j].Brotli {
			return r.Pages[i].Brotli > r.Pages[j].Brotli
		}
		return r.Pages[i].File < r.Pages[j].File
	})
	return r, nil
}

// upFront lists the stylesheets and scripts an HTML document loads.
func upFront(data []byte) ([]string, error) {
	var refs []string
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case html.ErrorToken:
			if errors.Is(z.Err(), io.EOF) {
				return refs, nil
			}
			return nil, z.Err()
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			attrs := map[string]string{}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				attrs[string(k)] = string(v)
			}
			switch string(name) {
			case "link":
				if strings.EqualFold(attrs["rel"], "stylesheet") && attrs["href"] != "" {
					refs = append(refs, attrs["href"])
				}
			case "script":
				if attrs["src"] != "" {
					refs = append(refs, attrs["src"])
				}
			}
		}
	}
}

// resolve finds the site file a page's reference names. A site built under
// a sub-path (/procedures/css/site.css) has its files at the top of dir, so
// leading segments of an absolute path that name no folder are dropped.
func resolve(fsys fs.FS, page, ref string) (string, bool) {
	u, err := url.Parse(ref)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return "", false
	}
	p := u.Path
	if !strings.HasPrefix(p, "/") {
		p = path.Join("/", path.Dir(page), p)
	}
	p = strings.TrimPrefix(path.Clean(p), "/")
	for {
		if fi, err := fs.Stat(fsys, p); err == nil && !fi.IsDir() {
			return p, true
		}
		i := strings.IndexByte(p, '/')
		if i < 0 {
			return "", false
		}
		p = p[i+1:]
	}
}

// moduleBudget is the most the record form's WebAssembly module may weigh
// brotli-compressed: design.md's budget for the form page's module.
const moduleBudget = 800 * 1024

// fileSize is a file's weight as sent: as it is, gzip-compressed and
// brotli-compressed, each at the best compression a static host would use.
type fileSize struct {
	Raw, Gzip, Brotli int
}

// sizesOf measures the file at path.
func sizesOf(path string) (fileSize, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return fileSize{}, err
	}
	return measure(data), nil
}

// measure weighs data raw, with gzip at level 9 and with [brotliSize].
func measure(data []byte) fileSize {
	var g bytes.Buffer
	gw, _ := gzip.NewWriterLevel(&g, gzip.BestCompression)
	gw.Write(data) // writes to a bytes.Buffer cannot fail
	gw.Close()
	return fileSize{Raw: len(data), Gzip: g.Len(), Brotli: brotliSize(data)}
}

// String reads "4595627 bytes raw, 1251786 gzip, 926386 brotli".
func (s fileSize) String() string {
	return strconv.Itoa(s.Raw) + " bytes raw, " + strconv.Itoa(s.Gzip) + " gzip, " + strconv.Itoa(s.Brotli) + " brotli"
}

// brotliSize returns the size of data compressed with brotli at the
// highest quality (11) and its default 4 MiB window (lgwin 22), as a
// static host precompresses files: the one measure of a weight here.
func brotliSize(data []byte) int {
	var b bytes.Buffer
	w := brotli.NewWriterLevel(&b, brotli.BestCompression)
	w.Write(data) // writes to a bytes.Buffer cannot fail
	w.Close()
	return b.Len()
}

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
	r, err := pageWeights(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Pages) != 3 {
		t.Fatalf("pageWeights found %d pages; want 3: %+v", len(r.Pages), r.Pages)
	}
	h := r.heaviest()
	if h.File != "sub/page/index.html" || h.Brotli <= pageBudget/2 || h.Raw < 40000 {
		t.Errorf("heaviest() = %+v; want sub/page/index.html, over %d B compressed", h, pageBudget/2)
	}
	if want := []string{"sub/page/index.html", "css/site.css"}; len(h.Files) != 2 || h.Files[1] != want[1] {
		t.Errorf("heaviest().Files = %q; want %q", h.Files, want)
	}
	var home pageWeight
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
	r, err := pageWeights(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.heaviest().Files; len(got) != 2 || got[1] != "css/site.css" {
		t.Errorf("Files = %q; want the stylesheet found under the sub-path", got)
	}
}

func TestPageWeightsMissingFile(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"index.html": `<script src="/js/gone.js"></script>`})
	if _, err := pageWeights(dir); err == nil {
		t.Error("pageWeights with a script that is not in the site: no error")
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
	s := measure(data)
	if s.Raw != len(data) || s.Gzip <= 0 || s.Brotli <= 0 || s.Gzip >= s.Raw || s.Brotli >= s.Raw {
		t.Errorf("measure of %d repetitive bytes = %v; want both compressions smaller", len(data), s)
	}
	if got := (fileSize{1, 2, 3}).String(); got != "1 bytes raw, 2 gzip, 3 brotli" {
		t.Errorf("String() = %q", got)
	}
}
