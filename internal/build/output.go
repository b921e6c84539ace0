package build

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"hash"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"

	"resolve/internal/diag"
	"resolve/internal/inputfs"
)

// maxStatic is the largest static file read.
const maxStatic = 32 << 20

// loadStatic reads static/ and fingerprints CSS and JS: css/site.css is
// written as css/site.<hash>.css so it can be cached for ever, and layouts
// ask for it with {{asset "css/site.css"}}. Files whose names start with
// "." are left out; folders are not (static/.well-known is published).
func (s *site) loadStatic() diag.List {
	dir := s.in.static
	var problems diag.List
	problems = append(problems, inputfs.Walk(dir.FS, dir.Name, inputfs.Options{}, func(f inputfs.File) {
		rel := f.Path
		data, err := inputfs.ReadFile(dir.FS, rel, maxStatic)
		if err != nil {
			problems.Add(path.Join(dir.Name, rel), 0, "cannot read: "+err.Error())
			return
		}
		out := rel
		ext := path.Ext(rel)
		mime := mimeOf(ext)
		if ext == ".css" || ext == ".js" {
			sum := sha256.Sum256(data)
			out = strings.TrimSuffix(rel, ext) + "." + hex.EncodeToString(sum[:4]) + ext
		}
		s.assets[rel] = s.url(out)
		s.files = append(s.files, outFile{path: out, data: data, mime: mime, from: path.Join(dir.Name, rel)})
	})...)
	return problems
}

func mimeOf(ext string) string {
	switch ext {
	case ".css":
		return "text/css"
	case ".js":
		return "application/javascript"
	case ".svg":
		return "image/svg+xml"
	case ".json", ".webmanifest":
		return "application/json"
	case ".html":
		return "text/html"
	}
	return ""
}

func newMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepDefaultAttrVals: true, KeepQuotes: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
	return m
}

// output is the new folder a build writes into, in a work folder beside
// cfg.Out (workdir.go), swapped in only when everything succeeded.
type output struct {
	work    *workDir
	dir     string // the new site: work.site(); for a live build in place, the output folder
	m       *minify.M
	rec     *recorder
	swapped bool
	// inPlace is set for a live build that updates the output where it
	// is (inplace.go): pages wait in memory until the build has succeeded,
	// and temps names its files in the work folder.
	inPlace bool
	temps   atomic.Int64
}

// openOutput makes the new output folder, so pages can be written into it
// as soon as they render (each file makes its own folder, see createFile).
func (s *site) openOutput() error {
	work, err := newWorkDir(s.cfg.Out, time.Now())
	if err != nil {
		return err
	}
	// The service worker's build id needs every file's hash: take them
	// while writing rather than reading the files back.
	_, worker := s.assets[swSource]
	// A live build compares every file it writes with the last build's.
	worker = worker || s.memo != nil
	s.out = &output{work: work, dir: work.site(), m: newMinifier(), rec: &recorder{hash: worker, files: map[string]writtenFile{}}}
	s.written = s.out.rec
	return nil
}

// discard removes the work folder unless the new site was swapped in.
func (o *output) discard(out string) {
	if o != nil && !o.swapped {
		o.work.discard(out)
	}
}

// emit writes a rendered page into the new folder; a check writes nothing.
func (s *site) emit(p *page, html []byte) error {
	if s.out == nil || s.out.inPlace {
		if !s.dry { // a build that has failed keeps nothing
			p.html = bytes.Clone(html) // the caller reuses html
		}
		return nil
	}
	file := outPath(p.url)
	if dir := filepath.Dir(file); dir != "." {
		// Nearly every page has a folder of its own: make it, rather
		// than find it missing when the page is created.
		if err := os.Mkdir(filepath.Join(s.out.dir, dir), 0o755); err != nil && !errors.Is(err, fs.ErrExist) && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	if err := s.out.rec.write(s.out.m, s.out.dir, filepath.ToSlash(file), "text/html", html); err != nil {
		return err
	}
	p.written = true
	return nil
}

// write finishes the site in the new folder (the files that are not
// pages, and pages made late such as the offline page) and swaps it in,
// so a failure at any point leaves the old output as it was.
func (s *site) write() (files int, bytes int64, err error) {
	s.addFeeds()
	if err := s.addPublishing(); err != nil {
		return 0, 0, err
	}
	tmp, m, rec := s.out.dir, s.out.m, s.out.rec
	// Pages, generated files and content files, all written on one pool.
	jobs := make([]func() error, 0, len(s.pages)+len(s.files)+len(s.tree.Assets))
	for _, p := range s.pages {
		p := p
		if p.written {
			continue
		}
		jobs = append(jobs, func() error {
			return rec.write(m, tmp, filepath.ToSlash(outPath(p.url)), "text/html", p.html)
		})
	}
	for _, f := range s.files {
		f := f
		jobs = append(jobs, func() error { return rec.write(m, tmp, f.path, f.mime, f.data) })
	}
	for _, a := range s.tree.Assets {
		a := a
		jobs = append(jobs, func() error {
			s.stampAsset(a) // before it is read: a change after counts as one
			data, err := s.in.readAsset(a)
			if err != nil {
				return errors.New(path.Join(s.in.content.Name, a) + ": " + err.Error())
			}
			return rec.write(m, tmp, a, "", data)
		})
	}
	if err := s.runJobs(jobs); err != nil {
		return 0, 0, err
	}
	if err := s.writeModules(tmp); err != nil {
		return 0, 0, err
	}
	if s.cfg.Extra != nil {
		if err := s.cfg.Extra(tmp); err != nil {
			return 0, 0, err
		}
	}
	if err := writeMarker(tmp); err != nil {
		return 0, 0, err
	}
	if err := s.out.work.swap(s.cfg.Out); err != nil {
		return 0, 0, err
	}
	s.out.swapped = true
	return len(rec.files), rec.bytes.Load(), nil
}

// runJobs runs jobs on a pool of workers and returns the first error.
func (s *site) runJobs(jobs []func() error) error {
	var mu sync.Mutex
	var first error
	each(s.cfg.Workers*2, jobs, func(job func() error) {
		if err := job(); err != nil {
			mu.Lock()
			if first == nil {
				first = err
			}
			mu.Unlock()
		}
	})
	return first
}

// outPath is the file a page URL is served from.
func outPath(url string) string {
	p := strings.TrimPrefix(url, "/")
	if strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".xml") || strings.HasSuffix(p, ".txt") {
		return filepath.FromSlash(p)
	}
	return filepath.Join(filepath.FromSlash(p), "index.html")
}

// createFile creates a file, making its folder (and the folder's
// parents) first when it is missing. Folders are made as files need them,
// on the goroutines writing the files, rather than all at once beforehand:
// on some file systems making thousands of folders is slow enough to matter.
func createFile(name string) (*os.File, error) {
	f, err := os.Create(name)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return nil, err
		}
		f, err = os.Create(name)
	}
	return f, err
}

// recorder writes output files and remembers each one's size and, when
// the service worker needs a build id, its SHA-256, so nothing has to be
// read back from disk afterwards.
type recorder struct {
	hash  bool
	bytes atomic.Int64
	mu    sync.Mutex
	files map[string]writtenFile // by slash path relative to the output folder
	// extra are the files another step put in the folder (the
	// WebAssembly modules), as hashOutput read them.
	extra map[string]writtenFile
}

// addExtra notes a file another step wrote.
func (r *recorder) addExtra(rel string, f writtenFile) {
	r.mu.Lock()
	if r.extra == nil {
		r.extra = map[string]writtenFile{}
	}
	r.extra[rel] = f
	r.mu.Unlock()
}

// fileBuffers are reused between files: a new 64 KB buffer per file
// costs more in allocating and clearing than the write itself.
var fileBuffers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 64<<10) }}

type writtenFile struct {
	size int64
	sum  [sha256.Size]byte
}

// write writes data, minified as mime if set, to root/rel.
func (r *recorder) write(m *minify.M, root, rel, mime string, data []byte) error {
	name := filepath.Join(root, filepath.FromSlash(rel))
	f, err := createFile(name)
	if err != nil {
		return err
	}
	// The minifier writes many small pieces: buffer them into few writes.
	bw := fileBuffers.Get().(*bufio.Writer)
	bw.Reset(f)
	defer fileBuffers.Put(bw)
	cw := &countWriter{w: bw}
	var w io.Writer = cw
	var h hash.Hash
	if r.hash {
		h = sha256.New()
		w = io.MultiWriter(cw, h)
	}
	if mime != "" {
		// A reader with Bytes lets the minifier parse data in place
		// instead of copying it first.
		err = m.Minify(mime, w, bytes.NewBuffer(data))
		if err != nil {
			err = &minifyError{file: name, err: err}
		}
	} else {
		_, err = w.Write(data)
	}
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	r.bytes.Add(cw.n)
	wf := writtenFile{size: cw.n}
	if h != nil {
		h.Sum(wf.sum[:0])
	}
	r.mu.Lock()
	r.files[rel] = wf
	r.mu.Unlock()
	return err
}

type minifyError struct {
	file string
	err  error
}

func (e *minifyError) Error() string { return "minifying " + e.file + ": " + e.err.Error() }

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// sorted returns the pages ordered by URL.
func (s *site) sorted() []*page {
	out := append([]*page(nil), s.pages...)
	sortPages(out)
	return out
}

func sortPages(ps []*page) {
	sort.Slice(ps, func(i, j int) bool { return ps[i].url < ps[j].url })
}
