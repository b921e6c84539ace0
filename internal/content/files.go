package content

import (
	"errors"
	"io/fs"
	"path"
	"sort"
	"strings"

	"resolve/internal/diag"
	"resolve/internal/inputfs"
)

// What a content folder may hold besides pages, and how large each file
// may be. Content is what a pull request changes, so it holds only what
// cannot run in a reader's browser or on their computer: pages (markdown),
// images and documents. Scripts, stylesheets and HTML belong in static/ and
// layouts/, which the site's security policy covers and a maintainer
// reviews; an SVG image is allowed only when it is a drawing (svg.go).

// MaxPage is the largest markdown file a content folder may hold: far more
// than any procedure's page (the longest example page is under 20 KB),
// small enough that no page can slow a build down.
const MaxPage = 4 << 20

// fileKind is a kind of content file that is not a page.
type fileKind struct {
	what  string // "an image", for messages
	limit int64  // the largest such file, in bytes
}

var (
	image    = fileKind{"an image", 16 << 20}
	drawing  = fileKind{"an SVG image", 2 << 20}
	document = fileKind{"a document", 32 << 20}
	text     = fileKind{"a text or data file", 8 << 20}
)

// fileKinds are the extensions (lower case) a content file may have,
// besides .md.
var fileKinds = map[string]fileKind{
	".png": image, ".jpg": image, ".jpeg": image, ".gif": image, ".webp": image, ".avif": image,
	".svg": drawing,
	".pdf": document,
	// Office documents without macros, Microsoft's and OpenDocument's.
	".doc": document, ".docx": document, ".xls": document, ".xlsx": document,
	".ppt": document, ".pptx": document, ".odt": document, ".ods": document,
	".odp": document, ".odg": document, ".rtf": document, ".epub": document,
	".csv": text, ".tsv": text, ".txt": text,
}

// refusedKinds are extensions that are not allowed, with where such a file
// belongs or what to do instead.
var refusedKinds = map[string]string{}

func init() {
	for _, ext := range []string{".html", ".htm", ".xhtml", ".shtml", ".xht", ".php", ".asp", ".aspx", ".jsp"} {
		refusedKinds[ext] = "a web page cannot be published from content/: pages are markdown (.md) files, and a page's HTML comes from a layout in layouts/"
	}
	for _, ext := range []string{".js", ".mjs", ".cjs", ".jsx", ".ts", ".wasm", ".css", ".map", ".swf", ".xsl", ".xslt"} {
		refusedKinds[ext] = "scripts, stylesheets and modules cannot be published from content/: they belong in static/ (or a layout in layouts/), where the site's security policy covers them"
	}
	for _, ext := range []string{".xml", ".json", ".webmanifest", ".svgz"} {
		refusedKinds[ext] = "the build writes the site's data files itself; an XML or JSON file in content/ could take the place of one (an XML file can also run script): link to the data from a page, or put it in static/"
	}
	// Office's macro-enabled formats (Word, Excel, PowerPoint, their
	// templates and add-ins): macros run on the reader's computer.
	for _, ext := range []string{".docm", ".dotm", ".xlsm", ".xltm", ".xlsb", ".xlam", ".pptm", ".potm", ".ppsm", ".ppam", ".sldm"} {
		refusedKinds[ext] = "a macro-enabled Office file: macros run on the reader's computer; save it without macros (.docx, .xlsx or .pptx)"
	}
	for _, ext := range []string{".exe", ".msi", ".bat", ".cmd", ".com", ".scr", ".ps1", ".vbs", ".sh", ".jar", ".apk", ".dmg", ".lnk", ".hta", ".reg"} {
		refusedKinds[ext] = "a program cannot be published from content/"
	}
}

// allowedList is the allowed extensions for messages: ".avif, .csv, ...".
func allowedList() string {
	exts := make([]string, 0, len(fileKinds))
	for ext := range fileKinds {
		exts = append(exts, ext)
	}
	sort.Strings(exts)
	return strings.Join(exts, ", ")
}

// checkFile returns what is wrong with a content file that is not a page,
// or "" if it may be published. p is its slash path in the folder.
func checkFile(p string, size int64) string {
	ext := strings.ToLower(path.Ext(p))
	if why, ok := refusedKinds[ext]; ok {
		return why
	}
	kind, ok := fileKinds[ext]
	if !ok {
		what := "a file with no extension"
		if ext != "" {
			what = "a " + ext + " file"
		}
		return "content/ holds pages, images and documents only, and " + what + " is none of them: the kinds it may hold are .md, " + allowedList()
	}
	if size > kind.limit {
		return inputfs.Over(size, kind.limit) + " " + kind.what + " may be: make it smaller, or publish it elsewhere and link to it"
	}
	return ""
}

// isDrawing reports whether a content file must pass the SVG check.
func isDrawing(p string) bool { return strings.EqualFold(path.Ext(p), ".svg") }

// pageTooLarge is the message for a markdown file over MaxPage.
func pageTooLarge(size int64) string {
	return inputfs.Over(size, MaxPage) + " a page may be: split it into several pages"
}

// loadDrawing reads an SVG image and returns every way it is more than a
// drawing.
func loadDrawing(fsys fs.FS, root, p string) diag.List {
	file := path.Join(root, p)
	data, err := inputfs.ReadFile(fsys, p, drawing.limit)
	var tooLarge *inputfs.TooLargeError
	switch {
	case errors.As(err, &tooLarge):
		return diag.List{{Path: file, Message: checkFile(p, tooLarge.Size)}}
	case err != nil:
		return diag.List{{Path: file, Message: "cannot read: " + err.Error()}}
	}
	var problems diag.List
	for _, sp := range CheckSVG(data) {
		problems.Add(file, sp.Line, sp.Message)
	}
	return problems
}

// Limit is the largest a content file at the slash path p may be: MaxPage
// for a page, its kind's limit for a file Load allows, 0 for others.
func Limit(p string) int64 {
	if strings.HasSuffix(p, ".md") {
		return MaxPage
	}
	return fileKinds[strings.ToLower(path.Ext(p))].limit
}
