// Package weigh measures what a reader downloads to read each page of a
// built site, against the budget in the design: a page's HTML, and the
// stylesheets and scripts it loads up front, at most 15 KB once
// brotli-compressed. It also weighs the search index, which no page loads
// up front.
//
// A file's weight is its size compressed on its own with brotli at the
// highest quality, as a static host precompresses it. A page's weight is
// the sum over its HTML and every <link rel="stylesheet"> and
// <script src> in it: deferred scripts are loaded up front too, while
// what scripts fetch later (the search index, the form's WebAssembly
// module) is not. [Measure] weighs one file, such as the module, raw and
// with gzip and brotli.
//
// It serves tests and `make bench`: production code never imports it.
package weigh

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// Budget is the most a page may weigh, in bytes brotli-compressed.
const Budget = 15 * 1000

// Page is the weight of one HTML page.
type Page struct {
	File   string   // the HTML file, slash-separated, relative to the site
	Files  []string // the HTML file, then what it loads up front, in order
	Raw    int      // their bytes as written
	Brotli int      // their bytes compressed, each file on its own
}

// Report is the weight of a built site.
type Report struct {
	Pages        []Page // heaviest first
	SearchFiles  int    // files of the search index (search/*.json and below)
	SearchRaw    int64
	SearchBrotli int64
}

// Heaviest returns the heaviest page, or a zero Page for a site with none.
func (r *Report) Heaviest() Page {
	if len(r.Pages) == 0 {
		return Page{}
	}
	return r.Pages[0]
}

// String summarises the report in a few lines for `make bench`.
func (r *Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "pages: %d, budget %d B brotli each\n", len(r.Pages), Budget)
	for i, p := range r.Pages {
		if i == 5 {
			break
		}
		fmt.Fprintf(&b, "  %6d B brotli (%6d B raw)  %s\n", p.Brotli, p.Raw, p.File)
	}
	fmt.Fprintf(&b, "search index: %d files, %d B raw, %d B brotli\n", r.SearchFiles, r.SearchRaw, r.SearchBrotli)
	return b.String()
}

// PageWeights weighs every HTML page of the site built in dir.
func PageWeights(dir string) (*Report, error) {
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
		s := [2]int{len(data), Compressed(data)}
		sizes[name] = s
		return s, nil
	}
	r := &Report{}
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
		p := Page{File: name, Files: []string{name}}
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
