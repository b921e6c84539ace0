// Package markdown renders page bodies to HTML with goldmark, and reports
// what the build needs to check and index: headings with stable, readable
// ids, every link and image with its line, and the text of each section.
//
// CommonMark plus tables, footnotes and typographic quotes. Raw HTML is not
// rendered. Relative links to .md files become the URLs of those pages;
// site-absolute links (/hips/contacts/) get the base path in front.
package markdown

import (
	"bytes"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Heading is a heading of a page.
type Heading struct {
	Level int
	ID    string
	Text  string
	Line  int
}

// Link is a link or image found in a page.
type Link struct {
	Dest  string // as written
	Text  string // the link text, or an image's alt text
	Image bool
	Line  int
}

// Section is the plain text of a page from one heading to the next, for search.
type Section struct {
	Heading string // "" for the text before the first heading
	ID      string
	Text    string
}

// Doc is a rendered page body.
type Doc struct {
	HTML     []byte
	Headings []Heading
	Links    []Link
	Sections []Section
}

// Resolver turns a link destination, written on the given file line, into
// the URL to write in the page. It is called for every link and image
// destination that is not a plain in-page anchor; ok false leaves the
// destination as written.
type Resolver func(dest string, line int) (url string, ok bool)

// Renderer holds the one goldmark instance of a build. It is safe for
// concurrent use.
type Renderer struct {
	md       goldmark.Markdown
	sections bool
}

// Option changes how [New] builds the renderer.
type Option func(*options)

type options struct {
	abbrs    map[string]string
	sections bool
}

// WithSections fills [Doc.Sections] with the plain text of each section,
// for a search index. Without it they are left empty, which saves copying
// every page's text when nothing reads it.
func WithSections() Option {
	return func(o *options) { o.sections = true }
}

// New builds the renderer.
func New(opts ...Option) *Renderer {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	transformers := []util.PrioritizedValue{util.Prioritized(transformer{}, 100)}
	if len(o.abbrs) > 0 {
		transformers = append(transformers, util.Prioritized(newAbbrTransformer(o.abbrs), 90))
	}
	md := goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Footnote, extension.NewTypographer(
			// Characters rather than goldmark's HTML entities: the text
			// of headings and sections is plain text, shown as it is
			// in tables of contents, the A to Z and search results.
			extension.WithTypographicSubstitutions(map[extension.TypographicPunctuation]string{
				extension.LeftSingleQuote:  "‘",
				extension.RightSingleQuote: "’",
				extension.LeftDoubleQuote:  "“",
				extension.RightDoubleQuote: "”",
				extension.EnDash:           "–",
				extension.EmDash:           "—",
				extension.Ellipsis:         "…",
				extension.LeftAngleQuote:   "«",
				extension.RightAngleQuote:  "»",
				extension.Apostrophe:       "’",
			}),
		)),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(transformers...),
		),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(abbrRenderer{}, 500))),
	)
	return &Renderer{md: md, sections: o.sections}
}

var key = parser.NewContextKey()

// state is the per-document information the transformer reads and fills.
type state struct {
	resolve  Resolver
	firstLn  int
	source   []byte
	starts   []int // the offset in source of each line's first byte, for line numbers
	headings []Heading
	links    []Link

	// The sections, collected on the same walk when collect is set: the
	// one being read, its text so far, and whether the walk is inside its
	// heading.
	collect   bool
	sections  []Section
	section   Section
	text      spacedText
	inHeading bool
}

// collecting reports whether text met now belongs to a section's text.
func (st *state) collecting() bool { return st.collect && !st.inHeading }

// endSection finishes the section being read, if it has anything in it.
func (st *state) endSection() {
	if !st.collect {
		return
	}
	st.section.Text = st.text.String()
	if st.section.Text != "" || st.section.Heading != "" {
		st.sections = append(st.sections, st.section)
	}
	st.text.Reset()
}

// Render converts body, whose first line is line firstLine of its file.
func (r *Renderer) Render(body []byte, firstLine int, resolve Resolver) (*Doc, error) {
	st := &state{resolve: resolve, firstLn: firstLine, source: body, starts: lineStarts(body), collect: r.sections}
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	ctx.Set(key, st)
	doc := r.md.Parser().Parse(text.NewReader(body), parser.WithContext(ctx))
	var buf bytes.Buffer
	buf.Grow(len(body) + len(body)/2) // HTML is a little longer than its markdown
	if err := r.md.Renderer().Render(&buf, body, doc); err != nil {
		return nil, err
	}
	return &Doc{
		HTML:     buf.Bytes(),
		Headings: st.headings,
		Links:    st.links,
		Sections: st.sections,
	}, nil
}

type transformer struct{}

func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(key).(*state)
	if st == nil {
		return
	}
	src := reader.Source()
	// One walk finds headings and links and collects each section's text:
	// the text of every block, a space between blocks, code as written.
	// A heading at the top level starts a section; one inside a quote or
	// a list is text.
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n.Type() == ast.TypeBlock {
				st.text.gap()
			}
			if n.Kind() == ast.KindHeading {
				st.inHeading = false
			}
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			if st.collecting() {
				st.text.add(n.Segment.Value(src))
				if n.SoftLineBreak() || n.HardLineBreak() {
					st.text.gap()
				}
			}
		case *ast.String:
			if st.collecting() {
				st.text.add(n.Value)
			}
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			for i := 0; st.collect && i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				st.text.add(seg.Value(src))
			}
			return ast.WalkSkipChildren, nil
		case *ast.Heading:
			id, _ := n.AttributeString("id")
			idb, _ := id.([]byte)
			h := Heading{Level: n.Level, ID: string(idb), Text: plain(n, src), Line: st.line(n)}
			st.headings = append(st.headings, h)
			if n.Parent() == doc {
				st.endSection()
				st.section = Section{Heading: h.Text, ID: h.ID}
			} else if st.collect {
				st.text.add([]byte(h.Text))
			}
			st.inHeading = true // its text is taken whole, not piece by piece
			if h.ID != "" && !hasLink(n) {
				wrapInLink(n, "#"+h.ID)
				return ast.WalkSkipChildren, nil
			}
		case *ast.Link:
			l := Link{Dest: string(n.Destination), Text: plain(n, src), Line: st.line(n)}
			st.links = append(st.links, l)
			n.Destination = st.rewrite(n.Destination, l.Line)
		case *ast.Image:
			l := Link{Dest: string(n.Destination), Text: plain(n, src), Image: true, Line: st.line(n)}
			st.links = append(st.links, l)
			n.Destination = st.rewrite(n.Destination, l.Line)
		case *ast.AutoLink:
			st.links = append(st.links, Link{Dest: string(n.URL(src)), Text: string(n.Label(src)), Line: st.line(n)})
			if st.collecting() {
				st.text.add(n.Label(src))
			}
		}
		return ast.WalkContinue, nil
	})
	st.endSection()
}

func (st *state) rewrite(dest []byte, line int) []byte {
	if st.resolve == nil || len(dest) == 0 || dest[0] == '#' {
		return dest
	}
	if u, ok := st.resolve(string(dest), line); ok {
		return []byte(u)
	}
	return dest
}

// lineStarts indexes the start of every line of source, once per page, so
// that the line of each heading and link is a binary search rather than a
// count of line breaks from the top (which made long pages with many links
// quadratic: 12 s for 8 MB).
func lineStarts(source []byte) []int {
	starts := make([]int, 1, bytes.Count(source, []byte("\n"))+1)
	for i := 0; ; {
		j := bytes.IndexByte(source[i:], '\n')
		if j < 0 {
			return starts
		}
		i += j + 1
		starts = append(starts, i)
	}
}

// lineAt returns the file line of an offset in the source.
func (st *state) lineAt(offset int) int {
	i, _ := slices.BinarySearch(st.starts, offset+1)
	return st.firstLn + i - 1
}

// line returns the file line where a node starts: goldmark records where
// each link, image and autolink starts (its [ or <); other nodes are at the
// first line of the block that holds them.
func (st *state) line(n ast.Node) int {
	if pos := n.Pos(); pos >= 0 && pos <= len(st.source) && n.Type() == ast.TypeInline {
		return st.lineAt(pos)
	}
	for b := n; b != nil; b = b.Parent() {
		if b.Type() == ast.TypeBlock && b.Lines().Len() > 0 {
			return st.lineAt(b.Lines().At(0).Start)
		}
	}
	return st.firstLn
}

func hasLink(n ast.Node) bool {
	found := false
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && (c.Kind() == ast.KindLink || c.Kind() == ast.KindAutoLink) {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// wrapInLink moves a heading's content into a link to the heading itself,
// so every section can be linked to without extra, repeated link text.
func wrapInLink(h *ast.Heading, href string) {
	link := ast.NewLink()
	link.Destination = []byte(href)
	link.SetAttributeString("class", []byte("heading-link"))
	for c := h.FirstChild(); c != nil; {
		next := c.NextSibling()
		h.RemoveChild(h, c)
		link.AppendChild(link, c)
		c = next
	}
	h.AppendChild(h, link)
}

// plain returns the text of a node's inline content.
func plain(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			// its Text children are walked
		case *ast.AutoLink:
			b.Write(c.Label(src))
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// DangerousScheme reports whether a link destination, read as a browser
// reads it, starts with a scheme that runs code or carries a whole document
// (javascript:, vbscript:, data:), and which. Browsers drop leading and
// trailing control characters and spaces and every tab and line break
// before they read the scheme, in any case: "  Java\tScript:..." is
// javascript:.
func DangerousScheme(dest string) (scheme string, dangerous bool) {
	dest = strings.TrimFunc(dest, func(r rune) bool { return r <= ' ' })
	var b strings.Builder
	for i := 0; i < len(dest) && b.Len() < len("javascript:"); i++ {
		switch c := dest[i]; {
		case c == '\t' || c == '\n' || c == '\r':
			continue
		case c == ':':
			scheme = strings.ToLower(b.String())
			switch scheme {
			case "javascript", "vbscript", "data":
				return scheme, true
			}
			return scheme, false
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || b.Len() > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
			b.WriteByte(c)
		default:
			return "", false
		}
	}
	return "", false
}
