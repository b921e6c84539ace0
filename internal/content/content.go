// Package content loads a site's content tree: markdown files with YAML
// front matter, read through an fs.FS.
//
// Every .md file starts with front matter between two `---` lines. Keys:
//
//	title:       required; the page's h1 and its name in lists
//	description: optional; one sentence for lists, search results and <meta name=description>
//	weight:      optional integer; pages sort by weight, then title, then path
//	layout:      optional; the layout in layouts/ to render with instead of the default
//	draft:       optional; true leaves the page out of the site (check notes each one)
//	aliases:     optional list of the page's old addresses (/old/path/ or, relative to
//	             the page's folder, old-name/); each gets a small page that sends
//	             browsers on to this one
//	date:        optional; when the page was first published (2024-06-01, or a date and
//	             time as Hugo writes it: the time is ignored)
//	lastmod:     optional; when the page last changed, in the same form: shown as
//	             "Last updated" and given to search engines in the sitemap (date, when
//	             lastmod is not set)
//
// A folder whose page is its index.md (a page bundle, as Hugo calls it) is
// that page, with the files it shows beside it: manual/flowcharts/index.md
// is the page /manual/flowcharts/. Such a folder holds no other pages.
//
// draft, aliases, date and lastmod are the keys of Hugo's that a manual
// moved from Hugo keeps as they are. Hugo's other common keys are refused,
// each with a message saying what to write instead (see hugo.go): slug and
// url (the address is the file's name; keep the old one in aliases),
// summary (description), linkTitle, tags, categories, keywords, menu, type,
// toc, publishDate, expiryDate and the rest.
//
// Only the home page (the root _index.md) may also set the site-wide keys:
//
//	language:    the site's language tag, en-GB if absent
//	base_url:    where the site is served: a path (/procedures/), or its full address
//	             (https://example.org/procedures/), which the sitemap, the feed,
//	             canonical links and embed codes need
//	footer:      text shown in every page's footer
//	synonyms:    optional; for search, a list of groups of words or phrases that
//	             mean the same to a reader, such as [[phone, telephone], [CiN, Child in Need]]:
//	             searching for any member of a group finds them all (the glossary's
//	             abbreviations are synonyms of their terms already)
//	record_drafts: false stops the record form offering to keep drafts of
//	             records in the practitioner's browser (on by default; a draft
//	             is only ever kept when the practitioner asks)
//
// Any folder's _index.md may carry a `protocol:` block (see package protocol)
// and a `calendars:` list of custom calendars (see package workday). A page
// may carry a `glossary:` list of {term, abbr, definition}.
//
// Unknown keys, a key given twice, front matter that never closes, malformed
// YAML, values of the wrong kind, bad dates, files that are not UTF-8 and
// control characters (text.go) are errors reported as `path:line: message`,
// every one in a file at once, with lines counted from the top of the file
// and the column in the message where the YAML parser gives one. Files and
// folders whose names start with "." are ignored. Other files are copied to
// the site beside the pages when files.go allows them: images and documents
// of limited size, and SVG images that are plain drawings (svg.go). Nothing
// is read through a link that leaves the folder (load.go).
package content

import (
	"resolve/internal/protocol"
	"resolve/internal/workday"
)

// Meta is a page's front matter.
type Meta struct {
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	Weight      int    `yaml:"weight"`
	Layout      string `yaml:"layout"`

	Language     string     `yaml:"language"`
	BaseURL      string     `yaml:"base_url"`
	Footer       string     `yaml:"footer"`
	Synonyms     [][]string `yaml:"synonyms"`
	RecordDrafts *bool      `yaml:"record_drafts"`

	Protocol  *protocol.Protocol `yaml:"protocol"`
	Calendars []workday.Spec     `yaml:"calendars"`
	Glossary  []Term             `yaml:"glossary"`

	// Keys a manual moved from Hugo keeps (see the package doc).
	Draft   bool     `yaml:"draft"`
	Aliases []string `yaml:"aliases"`
	Date    When     `yaml:"date"`
	Lastmod When     `yaml:"lastmod"`
}

// Term is one entry of a glossary.
type Term struct {
	Term       string `yaml:"term"`
	Abbr       string `yaml:"abbr"`
	Definition string `yaml:"definition"`
}

// Page is one markdown file.
type Page struct {
	Path     string // slash path inside the content FS: "hips/stage-1.md"
	File     string // the path to show in messages: "content/hips/stage-1.md"
	Dir      string // the folder inside the content FS: "hips", or "." at the top
	IsIndex  bool   // an _index.md: the page of its folder
	Meta     Meta
	Body     []byte
	BodyLine int // the file line of the first byte of Body

	front *frontMatter // for positions
}

// Tree is a loaded content tree.
type Tree struct {
	Pages  []*Page  // every page, sorted by Path
	Assets []string // other files, slash paths inside the content FS, sorted
	// Broken lists the pages that exist but could not be read (their
	// problems are reported), sorted: what follows from them being
	// missing, such as a link to one, is not a problem of its own.
	Broken []string
	// Drafts lists the pages with draft: true left out by Published, sorted.
	Drafts []string
}
