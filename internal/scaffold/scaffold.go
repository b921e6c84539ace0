// Package scaffold starts a new protocol: `resolve new ID` creates
// content/<id>/ with an _index.md that holds every key of the protocol
// block, each with a comment saying what it is for and the choices it
// takes (the calendars, timescales in working or calendar days counted from
// the concern or the previous stage), and starter pages for its stages. As
// created, the folder builds, with a warning for each placeholder (package
// placeholder: [Partnership name] and the like), so that it can be
// previewed; `resolve check` fails until every placeholder is replaced,
// so nothing with placeholders is published. When
// the site has no accessibility statement or privacy notice yet, New starts
// those too, at the top of the content folder (see statementFiles).
//
// New refuses an id that is not [a-z0-9] words joined by single hyphens,
// an id some protocol already uses (its folder, or a protocol: id in
// another folder), a name a page or file of the content already takes at
// the top of the site, and the names of the folders the build itself writes.
package scaffold

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/template"
	"time"

	"resolve/internal/content"
	"resolve/internal/scaffold/placeholder"
	"resolve/internal/workday"
)

// Errors New wraps, so callers can tell a bad id from a failure to write.
var (
	ErrInvalidID = errors.New("not a valid protocol id")
	ErrInUse     = errors.New("already in use")
)

// reserved are top-level names the build writes itself, or that New gives
// the site's statements: a protocol folder with one of them would clash with
// generated pages or files.
var reserved = map[string]string{
	"accessibility": "the accessibility statement",
	"privacy":       "the privacy notice",
	"a-z":           "the A to Z page",
	"search":        "the search page and its index",
	"schema":        "the record's JSON Schema",
	"wasm":          "the record form's WebAssembly module",
	"css":           "the style sheets",
	"js":            "the scripts",
}

// maxID keeps ids short enough for a URL segment people read and type.
const maxID = 60

// Options says what to create and where.
type Options struct {
	Content string       // the content folder, which must exist
	ID      string       // the protocol's id: its folder and URL segment
	Today   workday.Date // the published date; zero means today
}

// New creates Content/ID/ with its _index.md and starter pages, and
// returns the files written, slash-separated and relative to the folder
// above Content ("content/my-id/_index.md"), in the order written. Nothing
// is written when the id is refused.
func New(opts Options) ([]string, error) {
	if err := ValidID(opts.ID); err != nil {
		return nil, err
	}
	if fi, err := os.Stat(opts.Content); err != nil || !fi.IsDir() {
		return nil, errors.New(opts.Content + ": no such content folder")
	}
	if err := checkUnused(opts.Content, opts.ID); err != nil {
		return nil, err
	}
	if opts.Today.IsZero() {
		opts.Today = workday.Of(time.Now())
	}
	dir := filepath.Join(opts.Content, opts.ID)
	// Mkdir, not MkdirAll: a folder made meanwhile is refused, never merged into.
	if err := os.Mkdir(dir, 0o755); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil, errors.Join(ErrInUse, errors.New(filepath.ToSlash(dir)+": the folder already exists"))
		}
		return nil, err
	}
	data := starterData(opts.ID, opts.Today)
	var written []string
	for _, f := range starterFiles {
		b, err := render(f, data)
		if err != nil {
			return written, err
		}
		name := filepath.Join(dir, f.name)
		if err := os.WriteFile(name, b, 0o644); err != nil {
			return written, err
		}
		written = append(written, filepath.ToSlash(name))
	}
	statements, err := writeStatements(opts.Content, data)
	return append(written, statements...), err
}

// ValidID reports whether id can name a new protocol: lower-case letters
// and digits in words joined by single hyphens, at most 60 characters.
func ValidID(id string) error {
	bad := func(why string) error {
		return errors.Join(ErrInvalidID, errors.New(strconv.Quote(id)+" is not a valid protocol id: "+why))
	}
	switch {
	case id == "":
		return bad("give the id, for example my-partnership")
	case len(id) > maxID:
		return bad("use at most " + strconv.Itoa(maxID) + " characters")
	case strings.HasPrefix(id, "-") || strings.HasSuffix(id, "-") || strings.Contains(id, "--"):
		return bad("join words with single hyphens, as in my-partnership")
	}
	for _, c := range id {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return bad("use only lower-case letters a-z, digits and hyphens, as in my-partnership")
		}
	}
	if what, ok := reserved[id]; ok {
		return bad("the site uses /" + id + "/ for " + what)
	}
	return nil
}

// checkUnused refuses an id whose folder exists, which another protocol
// declares, or whose URL a top-level page or file already takes.
func checkUnused(root, id string) error {
	inUse := func(path, why string) error {
		return errors.Join(ErrInUse, errors.New(filepath.ToSlash(path)+": the id "+strconv.Quote(id)+" is already in use: "+why))
	}
	dir := filepath.Join(root, id)
	if _, err := os.Lstat(dir); err == nil {
		return inUse(dir, "the folder exists; choose another id")
	}
	for _, name := range []string{id + ".md", id + ".html"} {
		if _, err := os.Lstat(filepath.Join(root, name)); err == nil {
			return inUse(filepath.Join(root, name), "this page has the URL /"+id+"/; choose another id")
		}
	}
	entries, err := os.ReadDir(root)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		file := filepath.Join(root, e.Name(), "_index.md")
		data, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		// A page that does not parse is left to `resolve check` to report.
		p, _ := content.Parse(filepath.ToSlash(file), data)
		if p != nil && p.Meta.Protocol != nil && p.Meta.Protocol.ID == id {
			return inUse(file, "this protocol declares it; choose another id")
		}
	}
	return nil
}

// starter is what the templates of the starter files know.
type starter struct {
	ID        string
	Version   string
	Published string
	ReviewDue string
}

func starterData(id string, today workday.Date) starter {
	review := workday.Date{Year: today.Year + 2, Month: today.Month, Day: today.Day}
	if review.Day > workday.DaysIn(review.Year, review.Month) {
		review.Day = workday.DaysIn(review.Year, review.Month) // 29 February, two years on
	}
	return starter{
		ID:        id,
		Version:   today.String()[:7],
		Published: today.String(),
		ReviewDue: review.String(),
	}
}

// starterFile is one file New writes, from a template.
type starterFile struct {
	name string
	tmpl *template.Template
}

var starterFiles = []starterFile{
	{"_index.md", mustParse("_index.md", indexTemplate)},
	{"stage-1.md", mustParse("stage-1.md", stage1Template)},
	{"stage-2.md", mustParse("stage-2.md", stage2Template)},
	{"stage-3.md", mustParse("stage-3.md", stage3Template)},
	{"preparing-your-concern.md", mustParse("preparing-your-concern.md", preparingTemplate)},
}

func mustParse(name, text string) *template.Template {
	return template.Must(template.New(name).Funcs(template.FuncMap{"ph": ph}).Parse(text))
}

// ph writes a placeholder, declared in package placeholder, by its key.
func ph(key string) (string, error) {
	p, ok := placeholder.ByKey(key)
	if !ok {
		return "", errors.New("no placeholder " + strconv.Quote(key))
	}
	return p.Text, nil
}

// render executes f's template with data.
func render(f starterFile, data starter) ([]byte, error) {
	var b bytes.Buffer
	err := f.tmpl.Execute(&b, data)
	return b.Bytes(), err
}
