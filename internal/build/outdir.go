package build

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"resolve/internal/diag"
)

// The output folder (--out) is replaced whole by every successful build,
// so a build first makes sure it replaces only an earlier build. It
// refuses, before reading anything, an output folder that:
//
//   - is the root of the file system, the user's home folder or a folder
//     holding either;
//   - is a repository (a folder holding .git or go.mod) or holds the
//     repository the inputs or the working folder are in;
//   - is, holds or lies inside the content, layouts or static folder;
//   - is a file, or a symbolic link;
//   - holds anything but an earlier build: a folder is an earlier build
//     when it has the mark a build leaves (markerFile) and nothing at its
//     top that the mark does not list, or when it was written by a version
//     of resolve from before the mark (its _headers starts with the line
//     those versions wrote, and it has a sitemap.xml).
//
// A new or empty folder is always fine. Code that adds files to a finished
// build in place (incremental rebuilds) must call writeMarker again when it
// adds a top-level name, or the next full build will refuse the folder.
// The mark is a file whose name
// starts with ".": GitHub Pages' upload-pages-artifact (v4 and later) and
// Netlify leave such files out of what they publish, and the site's own
// hosts (package statichost, behind resolve serve and the browser tests)
// never serve them. It holds nothing secret either way: the names of the
// folder's top-level files, which the site publishes anyway.

// markerFile marks a folder written by resolve build.
const markerFile = ".resolve-build"

// markerHead is the mark's first line.
const markerHead = "resolve build: every build replaces this folder whole; keep nothing else in it. Top-level names:"

// legacyHeaders is the first line of the _headers that versions before
// the mark wrote, by which their output is recognised.
const legacyHeaders = "# Headers for Netlify and Cloudflare Pages, written by resolve build."

// junk are names systems leave in any folder, which a build may replace.
var junk = []string{".DS_Store", "Thumbs.db", "desktop.ini"}

// outGuard is what the guard compares the output folder with: absolute,
// cleaned paths with symbolic links resolved.
type outGuard struct {
	home   string   // the user's home folder, "" if unknown
	inputs []named  // the content, layouts and static folders
	repos  []string // repositories holding an input or the working folder
}

type named struct{ name, path string }

// CheckOut returns why a build must not replace cfg.Out, as a problem
// naming it, or nil. Build runs it first; resolve serve runs it before
// serving what is already in the folder.
func CheckOut(cfg Config) error {
	if problems := checkOut(cfg); problems != nil {
		return problems
	}
	return nil
}

// checkOut returns why cfg.Out must not be replaced, as a problem naming
// it, or nil.
func checkOut(cfg Config) diag.List {
	refuse := func(msg string) diag.List {
		return diag.List{{Path: cfg.Out, Message: msg}}
	}
	if info, err := os.Lstat(cfg.Out); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		return refuse(contentsProblem(cfg.Out)) // says it is a link
	}
	out, err := realPath(cfg.Out)
	if err != nil {
		return refuse("cannot use as the output folder: " + err.Error())
	}
	g := outGuard{}
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		g.home, _ = realPath(home)
	}
	starts := []string{"."}
	for _, in := range []named{{"content", cfg.Content}, {"layouts", cfg.Layouts}, {"static", cfg.Static}} {
		if p, err := realPath(in.path); err == nil {
			g.inputs = append(g.inputs, named{in.name, p})
			starts = append(starts, p)
		}
	}
	for _, s := range starts {
		if r := repoOf(s); r != "" && !slices.Contains(g.repos, r) {
			g.repos = append(g.repos, r)
		}
	}
	if msg := g.problem(out); msg != "" {
		return refuse(msg)
	}
	if msg := g.sameFileProblem(out); msg != "" {
		return refuse(msg)
	}
	if msg := contentsProblem(cfg.Out); msg != "" {
		return refuse(msg)
	}
	return nil
}

// problem judges out by its path alone: first what it is, then what it
// holds, then what it is inside.
func (g outGuard) problem(out string) string {
	const what = " --out names the folder each build replaces whole, deleting what is in it: give a folder of its own, such as site"
	if filepath.Dir(out) == out {
		return "is the root of the file system:" + what
	}
	for _, r := range g.repos {
		if out == r {
			return "is the repository (it holds .git or go.mod):" + what + " inside it"
		}
	}
	if g.home != "" && out == g.home {
		return "is your home folder:" + what
	}
	for _, in := range g.inputs {
		if out == in.path {
			return "is the " + in.name + " folder:" + what
		}
	}
	for _, r := range g.repos {
		if inside(out, r) {
			return "holds the repository " + r + ":" + what
		}
	}
	if g.home != "" && inside(out, g.home) {
		return "holds your home folder:" + what
	}
	for _, in := range g.inputs {
		switch {
		case inside(out, in.path):
			return "holds the " + in.name + " folder " + in.path + ":" + what
		case inside(in.path, out):
			return "is inside the " + in.name + " folder " + in.path + ", which the build reads:" + what + " outside it"
		}
	}
	return ""
}

// sameFileProblem compares out with the folders the guard protects by
// identity rather than by name, for file systems that ignore case (macOS,
// Windows) or mount a folder twice: out must not be any of them or hold
// any of them.
func (g outGuard) sameFileProblem(out string) string {
	outInfo, err := os.Stat(out)
	if err != nil {
		return "" // a new folder holds nothing
	}
	protected := []named{{"your home folder", g.home}}
	for _, r := range g.repos {
		protected = append(protected, named{"the repository " + r, r})
	}
	for _, in := range g.inputs {
		protected = append(protected, named{"the " + in.name + " folder", in.path})
	}
	for _, p := range protected {
		if p.path == "" {
			continue
		}
		for dir := p.path; ; dir = filepath.Dir(dir) {
			if info, err := os.Stat(dir); err == nil && os.SameFile(info, outInfo) {
				return "is or holds " + p.name + ": --out names the folder each build replaces whole; give a folder of its own, such as site"
			}
			if filepath.Dir(dir) == dir {
				break
			}
		}
	}
	return ""
}

// inside reports whether the cleaned absolute path p lies strictly below
// dir.
func inside(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// realPath returns p absolute and clean, with the symbolic links of the
// part of it that exists resolved.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for dir := abs; ; dir = filepath.Dir(dir) {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(real, rest), nil
		}
		if filepath.Dir(dir) == dir {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(dir), rest)
	}
}

// repoOf returns the nearest folder at or above dir holding .git or
// go.mod, or "".
func repoOf(dir string) string {
	dir, err := realPath(dir)
	if err != nil {
		return ""
	}
	for ; ; dir = filepath.Dir(dir) {
		for _, name := range []string{".git", "go.mod"} {
			if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
				return dir
			}
		}
		if filepath.Dir(dir) == dir {
			return ""
		}
	}
}

// contentsProblem judges an existing output folder by what it holds.
func contentsProblem(out string) string {
	info, err := os.Lstat(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return ""
	case err != nil:
		return "cannot use as the output folder: " + err.Error()
	case info.Mode()&fs.ModeSymlink != 0:
		target, _ := os.Readlink(out)
		return "is a symbolic link (to " + target + "): a build would replace the link, not the folder it leads to; give that folder as --out, or remove the link"
	case !info.IsDir():
		return "is a file, not a folder: --out names the folder each build replaces; give a new or empty folder"
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return "cannot use as the output folder: " + err.Error()
	}
	var names []string
	for _, e := range entries {
		if !slices.Contains(junk, e.Name()) {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		return ""
	}
	for _, repo := range []string{".git", "go.mod"} {
		if slices.Contains(names, repo) {
			return "holds " + repo + ", so it is a repository, not an earlier build: --out names the folder each build replaces whole; give a new or empty folder"
		}
	}
	listed, marked := readMarker(filepath.Join(out, markerFile))
	switch {
	case marked:
		var strangers []string
		for _, n := range names {
			if n != markerFile && !listed[n] {
				strangers = append(strangers, n)
			}
		}
		if len(strangers) > 0 {
			return "holds " + nameList(strangers) + ", which resolve build did not write, and a build would delete " + them(len(strangers)) + ": --out replaces only an earlier build. Move " + them(len(strangers)) + " out (a file to publish belongs in static/), or give a new or empty folder"
		}
	case !legacyBuild(out):
		return "is not empty and is not an earlier build (it has no " + markerFile + " mark, and no _headers and sitemap.xml written by resolve), and a build would delete what it holds: --out replaces only an earlier build; give a new or empty folder"
	}
	return ""
}

// readMarker reads a build's mark: the top-level names it lists, and
// whether it is a mark at all.
func readMarker(name string) (map[string]bool, bool) {
	f, err := os.Open(name)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	if !sc.Scan() || sc.Text() != markerHead {
		return nil, false
	}
	names := map[string]bool{}
	for sc.Scan() {
		names[sc.Text()] = true
	}
	return names, sc.Err() == nil
}

// writeMarker marks dir, a finished build, listing its top-level names.
func writeMarker(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(markerHead + "\n")
	for _, e := range entries {
		if e.Name() != markerFile {
			b.WriteString(e.Name() + "\n")
		}
	}
	return os.WriteFile(filepath.Join(dir, markerFile), []byte(b.String()), 0o644)
}

// legacyBuild recognises the output of a version before the mark.
func legacyBuild(dir string) bool {
	if _, err := os.Stat(filepath.Join(dir, "sitemap.xml")); err != nil {
		return false
	}
	f, err := os.Open(filepath.Join(dir, headersFile))
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	return sc.Scan() && sc.Text() == legacyHeaders
}

// nameList writes up to three names: "a, b and 4 more".
func nameList(names []string) string {
	slices.Sort(names)
	if len(names) > 3 {
		return strings.Join(names[:3], ", ") + " and " + strconv.Itoa(len(names)-3) + " more"
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

func them(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}
