package build

import (
	"bytes"
	"errors"
	"html/template"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"resolve/internal/diag"
	"resolve/internal/inputfs"
	"resolve/internal/markdown"
	"resolve/internal/protocol"
	"resolve/internal/workday"
)

// layouts holds the parsed templates: one set per layout, each a clone of
// base.html and the partials with the layout's own file added. All are
// parsed once, before any page renders.
type layouts struct {
	sets map[string]*template.Template
	// keys fingerprint each layout's files (base.html, the partials and
	// its own), for a live build (live.go).
	keys map[string]fingerprint
}

// maxLayout is the largest layout file read: far more than any template.
const maxLayout = 4 << 20

// parseLayouts reads base.html, partials/*.html and every other *.html of
// the layouts folder as a layout of that name.
func parseLayouts(dir *inputfs.Folder, funcs template.FuncMap) (*layouts, diag.List) {
	l := &layouts{sets: map[string]*template.Template{}, keys: map[string]fingerprint{}}
	shared := newHasher() // base.html and the partials, which every layout has
	// Every file, to refuse links out of the folder by name before
	// anything is read.
	problems := inputfs.Walk(dir.FS, dir.Name, inputfs.Options{HiddenFolders: true}, func(inputfs.File) {})
	if len(problems) > 0 {
		return l, problems
	}
	read := func(name string) (string, error) {
		b, err := inputfs.ReadFile(dir.FS, name, maxLayout)
		return string(b), err
	}
	base := template.New("base.html").Funcs(funcs)
	text, err := read("base.html")
	shared.string(text)
	if err == nil {
		_, err = base.Parse(text)
	}
	if err != nil {
		problems.Add(filepath.Join(dir.Name, "base.html"), templateLine(err), "layout: "+err.Error())
		return l, problems
	}
	partials, _ := fs.Glob(dir.FS, "partials/*.html")
	sort.Strings(partials)
	for _, p := range partials {
		text, err := read(p)
		shared.string(p)
		shared.string(text)
		if err == nil {
			_, err = base.New(path.Base(p)).Parse(text)
		}
		if err != nil {
			problems.Add(filepath.Join(dir.Name, "partials"), templateLine(err), "layout: "+err.Error())
			return l, problems
		}
	}
	common := shared.sum()
	files, _ := fs.Glob(dir.FS, "*.html")
	sort.Strings(files)
	for _, f := range files {
		name := strings.TrimSuffix(f, ".html")
		if name == "base" {
			continue
		}
		set, err := base.Clone()
		if err == nil {
			var text string
			if text, err = read(f); err == nil {
				_, err = set.New(f).Parse(text)
			}
			key := newHasher()
			key.fingerprint(common)
			key.string(f)
			key.string(text)
			l.keys[name] = key.sum()
		}
		if err != nil {
			problems.Add(filepath.Join(dir.Name, f), templateLine(err), "layout: "+err.Error())
			continue
		}
		l.sets[name] = set
	}
	return l, problems
}

func (l *layouts) has(name string) bool { return l.sets[name] != nil }

// execute renders a page with its layout. A layout that defines "page"
// (a whole document, such as an embed) is used as is; others fill in
// blocks of base.html.
func (l *layouts) execute(name string, data any) ([]byte, error) {
	var buf bytes.Buffer
	if err := l.executeTo(&buf, name, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// executeTo renders into buf, which the caller may reuse afterwards.
func (l *layouts) executeTo(buf *bytes.Buffer, name string, data any) error {
	set := l.sets[name]
	if set == nil {
		return errors.New("no layout " + strconv.Quote(name))
	}
	root := "base.html"
	if set.Lookup("document") != nil {
		root = "document"
	}
	return set.ExecuteTemplate(buf, root, data)
}

// templateFile names the layout file a template error is in, relative to
// the layouts folder: "template: header.html:2:7: ..." is partials/header.html
// when there is no layouts/header.html.
func templateFile(dir string, err error, kind string) string {
	msg := strings.TrimPrefix(err.Error(), "template: ")
	i := strings.Index(msg, ".html:")
	if i <= 0 || strings.ContainsAny(msg[:i], " \"\n") {
		return kind + ".html"
	}
	name := msg[:i+5]
	if _, e := os.Stat(filepath.Join(dir, name)); e != nil {
		return filepath.Join("partials", name)
	}
	return name
}

// templateLine digs the line out of a template error: "template: x.html:12: ...".
func templateLine(err error) int {
	msg := err.Error()
	for _, part := range strings.Split(msg, ":") {
		if n, e := strconv.Atoi(strings.TrimSpace(part)); e == nil && n > 0 {
			return n
		}
	}
	return 0
}

// funcs are the template functions every layout can use.
func (s *site) funcs() template.FuncMap {
	fm := template.FuncMap{
		"url": s.url,
		"abs": s.absURL,
		"asset": func(name string) (string, error) {
			u, ok := s.assets[name]
			if !ok {
				return "", errors.New("no static file " + strconv.Quote(name))
			}
			return u, nil
		},
		"date":    longDate,
		"weekday": func(d workday.Date) string { return d.Weekday().String() },
		"add":     func(a, b int) int { return a + b },
		"upper":   strings.ToUpper,
		"lower":   strings.ToLower,
		"slug":    markdown.Slug,
		"tel":     func(s string) template.URL { return template.URL(protocol.TelURI(s)) },
		"mailto":  func(s string) template.URL { return template.URL("mailto:" + s) },
	}
	maps.Copy(fm, recordFuncs())
	return fm
}

// longDate writes a date as GOV.UK does: "1 June 2024".
func longDate(d workday.Date) string {
	if d.IsZero() {
		return ""
	}
	return strconv.Itoa(d.Day) + " " + time.Month(d.Month).String() + " " + strconv.Itoa(d.Year)
}
