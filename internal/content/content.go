// Package content loads a site's content tree: markdown files with YAML
// front matter, read through an fs.FS.
//
// Every .md file starts with front matter between two `---` lines. Keys:
//
//	title:       required; the page's h1 and its name in lists
//	description: optional; one sentence for lists, search results and <meta name=description>
//	weight:      optional integer; pages sort by weight, then title, then path
//	layout:      optional; the layout in layouts/ to render with instead of the default
//
// Only the home page (the root _index.md) may also set the site-wide keys:
//
//	language:    the site's language tag, en-GB if absent
//	base_url:    where the site is served: a path (/procedures/) or a full URL
//	footer:      text shown in every page's footer
//
// Any folder's _index.md may carry a `protocol:` block (see package protocol)
// and a `calendars:` list of custom calendars (see package workday). A page
// may carry a `glossary:` list of {term, abbr, definition}.
//
// Unknown keys, front matter that never closes, malformed YAML, bad dates,
// files that are not UTF-8 and control characters (text.go) are errors
// reported as `path:line: message`, with lines counted from the top of the
// file. Files and folders whose names start with "." are ignored. Other
// files are copied to the site beside the pages when files.go allows them:
// images and documents of limited size, and SVG images that are plain
// drawings (svg.go). Nothing is read through a link that leaves the folder.
package content

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"

	"resolve/internal/diag"
	"resolve/internal/protocol"
	"resolve/internal/workday"
)

// Meta is a page's front matter.
type Meta struct {
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	Weight      int    `yaml:"weight"`
	Layout      string `yaml:"layout"`

	Language string `yaml:"language"`
	BaseURL  string `yaml:"base_url"`
	Footer   string `yaml:"footer"`

	Protocol  *protocol.Protocol `yaml:"protocol"`
	Calendars []workday.Spec     `yaml:"calendars"`
	Glossary  []Term             `yaml:"glossary"`
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

// frontMatter is a page's front matter as written, parsed a second time
// (into a yaml.Node, for the lines of keys) only when a message needs a
// line: most builds never do.
type frontMatter struct {
	raw  []byte
	open int // the line of the opening ---
	once sync.Once
	node *yaml.Node
}

// doc returns the front matter's document node, or nil.
func (p *Page) doc() *yaml.Node {
	if p.front == nil {
		return nil
	}
	f := p.front
	f.once.Do(func() {
		var node yaml.Node
		if err := yaml.Unmarshal(f.raw, &node); err == nil && len(node.Content) > 0 {
			// Lines in the node count from the first line after the opening ---.
			shift(&node, f.open)
			f.node = &node
		}
	})
	return f.node
}

// Line returns the file line of the value at a path of keys and sequence
// indexes in the front matter (Line("protocol", "stages", "2", "due")), or of
// the nearest ancestor that exists; 1 if nothing matches.
func (p *Page) Line(keys ...string) int {
	doc := p.doc()
	if doc == nil {
		return 1
	}
	n := doc.Content[0]
	line := n.Line
	for _, k := range keys {
		next, keyLine := child(n, k)
		if next == nil {
			// A missing key: point at the key or item that should hold it.
			break
		}
		n, line = next, next.Line
		if keyLine > 0 {
			line = keyLine
			if next.Kind == yaml.ScalarNode || next.Style&yaml.FlowStyle != 0 {
				line = next.Line
			}
		}
	}
	return line + 1 // the opening --- is line 1
}

// child returns the value at key in a mapping (and the key's line), or the
// item at an index in a sequence.
func child(n *yaml.Node, key string) (*yaml.Node, int) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				return n.Content[i+1], n.Content[i].Line
			}
		}
	case yaml.SequenceNode:
		i, err := strconv.Atoi(key)
		if err == nil && i >= 0 && i < len(n.Content) {
			return n.Content[i], 0
		}
	}
	return nil, 0
}

// KeyLine returns the line of a key itself (rather than its value).
func (p *Page) KeyLine(keys ...string) int {
	if len(keys) == 0 {
		return p.Line()
	}
	parent := p.nodeAt(keys[:len(keys)-1]...)
	if parent != nil && parent.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(parent.Content); i += 2 {
			if parent.Content[i].Value == keys[len(keys)-1] {
				return parent.Content[i].Line + 1
			}
		}
	}
	return p.Line(keys...)
}

func (p *Page) nodeAt(keys ...string) *yaml.Node {
	doc := p.doc()
	if doc == nil {
		return nil
	}
	n := doc.Content[0]
	for _, k := range keys {
		if n, _ = child(n, k); n == nil {
			return nil
		}
	}
	return n
}

// Tree is a loaded content tree.
type Tree struct {
	Pages  []*Page  // every page, sorted by Path
	Assets []string // other files, slash paths inside the content FS, sorted
}

// Parse reads one page. file is the name used in messages. On an error it
// returns a nil page and the problems, each with the file line.
func Parse(file string, data []byte) (*Page, diag.List) {
	var problems diag.List
	if !utf8.Valid(data) {
		problems.Add(file, invalidUTF8Line(data), "the file is not UTF-8 text: save it as UTF-8")
		return nil, problems
	}
	if line, r := controlInFile(data); line > 0 {
		problems.Add(file, line, controlMessage(r, "in the file"))
		return nil, problems
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	p := &Page{File: file}
	var raw []byte
	strict := frontmatter.NewFormat("---", "---", func(b []byte, v any) error {
		raw = b
		dec := yaml.NewDecoder(bytes.NewReader(b))
		dec.KnownFields(true)
		if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		return nil
	})
	body, err := frontmatter.MustParse(bytes.NewReader(data), &p.Meta, strict)
	open := openingLine(data)
	switch {
	case errors.Is(err, frontmatter.ErrNotFound) && open > 0:
		problems.Add(file, open, "the front matter opened here is never closed: end it with a line of three dashes (---)")
		return nil, problems
	case errors.Is(err, frontmatter.ErrNotFound):
		problems.Add(file, 1, "no front matter: a page starts with a line of three dashes (---), its title (title: ...), and another ---")
		return nil, problems
	case err != nil:
		for _, e := range yamlProblems(err, raw) {
			problems.Add(file, open+e.line, e.msg)
		}
		return nil, problems
	}
	p.front = &frontMatter{raw: raw, open: open}
	p.Body = body
	if bytes.HasSuffix(data, body) {
		// The same bytes, in the file's own exactly-sized buffer rather
		// than the larger one the front matter parser read into.
		p.Body = data[len(data)-len(body):]
	}
	p.BodyLine = bytes.Count(data[:len(data)-len(body)], []byte("\n")) + 1
	problems = append(problems, checkValues(p)...)
	if strings.TrimSpace(p.Meta.Title) == "" {
		line := open
		if p.nodeAt("title") != nil {
			line = p.KeyLine("title")
		}
		problems.Add(file, line, "the page has no title: add title: ... to its front matter")
	}
	return p, problems
}

// shift moves node lines so that Page.Line's +1 gives file lines when the
// front matter does not open on line 1.
func shift(n *yaml.Node, open int) {
	n.Line += open - 1
	for _, c := range n.Content {
		shift(c, open)
	}
}

// openingLine returns the line of the opening --- (front matter may follow
// blank lines), or 0 if the file does not start with one.
func openingLine(data []byte) int {
	line := 1
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		var l []byte
		if i < 0 {
			l, data = data, nil
		} else {
			l, data = data[:i], data[i+1:]
		}
		l = bytes.TrimRight(l, "\r")
		switch {
		case len(bytes.TrimSpace(l)) == 0:
			line++
			continue
		case string(l) == "---":
			return line
		}
		return 0
	}
	return 0
}

func invalidUTF8Line(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return bytes.Count(data[:i], []byte("\n")) + 1
		}
		i += n
	}
	return 1
}

type yamlProblem struct {
	line int // line within the front matter, 1-based; the file line is this plus the opening line
	msg  string
}

var (
	yamlLine     = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
	unknownField = regexp.MustCompile(`^field (\S+) not found in type \S+$`)
	cannotDecode = regexp.MustCompile("^cannot unmarshal !!(\\w+) `(.*)` into (\\S+)$")
	cannotNode   = regexp.MustCompile("^cannot unmarshal !!(\\w+) into (\\S+)$")
)

// yamlProblems turns a yaml.v3 error into messages with front matter lines.
// yaml.v3 reports several problems in one error, one a line.
func yamlProblems(err error, raw []byte) []yamlProblem {
	var dateErr *workday.DateError
	if errors.As(err, &dateErr) {
		return []yamlProblem{{line: findScalar(raw, dateErr.Input), msg: dateErr.Error()}}
	}
	var out []yamlProblem
	for _, l := range strings.Split(err.Error(), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || l == "yaml: unmarshal errors:" {
			continue
		}
		m := yamlLine.FindStringSubmatch(l)
		if m == nil {
			out = append(out, yamlProblem{line: 1, msg: "front matter: " + strings.TrimPrefix(l, "yaml: ")})
			continue
		}
		n, _ := strconv.Atoi(m[1])
		msg := m[2]
		if strings.HasPrefix(msg, "did not find expected") {
			// yaml.v3 reports these parser errors at the 0-based line of
			// the unclosed flow collection or block that started them.
			n++
		}
		if f := unknownField.FindStringSubmatch(msg); f != nil {
			msg = "unknown key " + strconv.Quote(f[1]) + " (check its spelling and where it is indented)"
		} else if c := cannotDecode.FindStringSubmatch(msg); c != nil {
			msg = "expected " + kindOf(c[3]) + ", found " + strconv.Quote(c[2])
		} else if c := cannotNode.FindStringSubmatch(msg); c != nil {
			msg = "expected " + kindOf(c[2]) + ", found " + yamlKind(c[1])
		} else {
			msg = "front matter is not valid YAML: " + msg
		}
		out = append(out, yamlProblem{line: n, msg: msg})
	}
	return out
}

func kindOf(goType string) string {
	switch {
	case strings.HasPrefix(goType, "[]"):
		return "a list"
	case strings.HasPrefix(goType, "map"), strings.Contains(goType, "."):
		return "a set of keys"
	case goType == "int":
		return "a whole number"
	case goType == "bool":
		return "true or false"
	}
	return "text"
}

func yamlKind(tag string) string {
	switch tag {
	case "seq":
		return "a list"
	case "map":
		return "a set of keys"
	}
	return "a " + tag
}

// findScalar returns the front matter line holding value, for errors that
// yaml.v3 reports without one.
func findScalar(raw []byte, value string) int {
	var node yaml.Node
	if yaml.Unmarshal(raw, &node) != nil {
		return 1
	}
	var find func(n *yaml.Node) int
	find = func(n *yaml.Node) int {
		if n.Kind == yaml.ScalarNode && n.Value == value {
			return n.Line
		}
		for _, c := range n.Content {
			if l := find(c); l > 0 {
				return l
			}
		}
		return 0
	}
	if l := find(&node); l > 0 {
		return l
	}
	return 1
}
