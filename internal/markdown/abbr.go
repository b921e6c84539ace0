package markdown

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// WithAbbreviations marks up the first use of each abbreviation in a page
// as <abbr title="what it stands for">, so a reader can find out what it
// means where they meet it. abbrs maps an abbreviation ("IRO") to what it
// stands for ("Independent Reviewing Officer"), as the glossary gives them.
//
// A use is the abbreviation as a whole word, in the same case, or followed
// by a plural "s" ("IROs"). Headings, links, images and code are left alone:
// a tooltip inside a link or a heading would be a second thing to activate
// in one place, and code means what it says. Later uses in the same page
// are plain text, as style guides ask.
func WithAbbreviations(abbrs map[string]string) Option {
	return func(o *options) {
		o.abbrs = make(map[string]string, len(abbrs))
		for k, v := range abbrs {
			if k != "" && v != "" {
				o.abbrs[k] = v
			}
		}
	}
}

// kindAbbr is the kind of the node that marks an abbreviation.
var kindAbbr = ast.NewNodeKind("Abbr")

// abbrNode is an abbreviation; its child is the abbreviation's text.
type abbrNode struct {
	ast.BaseInline
	title string
}

func (n *abbrNode) Kind() ast.NodeKind { return kindAbbr }

func (n *abbrNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Title": n.title}, nil)
}

// abbrTransformer finds the first use of each abbreviation in a document.
type abbrTransformer struct {
	abbrs []string // longest first, so "DSLs" is not taken for "DSL" when both exist
	title map[string]string
}

func newAbbrTransformer(abbrs map[string]string) *abbrTransformer {
	t := &abbrTransformer{title: abbrs}
	for k := range abbrs {
		t.abbrs = append(t.abbrs, k)
	}
	sort.Slice(t.abbrs, func(i, j int) bool {
		if len(t.abbrs[i]) != len(t.abbrs[j]) {
			return len(t.abbrs[i]) > len(t.abbrs[j])
		}
		return t.abbrs[i] < t.abbrs[j]
	})
	return t
}

func (t *abbrTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var texts []*ast.Text
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading, *ast.Link, *ast.AutoLink, *ast.Image, *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			texts = append(texts, n)
		}
		return ast.WalkContinue, nil
	})
	used := map[string]bool{}
	for _, n := range texts {
		if len(used) == len(t.abbrs) {
			return
		}
		t.mark(n, src, used)
	}
}

// mark splits a text node around the first uses it holds of abbreviations
// not yet used in the document.
func (t *abbrTransformer) mark(n *ast.Text, src []byte, used map[string]bool) {
	parent := n.Parent()
	for {
		value := string(n.Segment.Value(src))
		at, abbr := -1, ""
		for _, a := range t.abbrs {
			if used[a] {
				continue
			}
			if i := wordIndex(value, a); i >= 0 && (at < 0 || i < at) {
				at, abbr = i, a
			}
		}
		if at < 0 {
			return
		}
		used[abbr] = true
		seg := n.Segment
		if at > 0 {
			parent.InsertBefore(parent, n, ast.NewTextSegment(seg.WithStop(seg.Start+at)))
		}
		node := &abbrNode{title: t.title[abbr]}
		node.AppendChild(node, ast.NewTextSegment(text.NewSegment(seg.Start+at, seg.Start+at+len(abbr))))
		parent.InsertBefore(parent, n, node)
		// n keeps what follows, with its line-break flags.
		n.Segment = seg.WithStart(seg.Start + at + len(abbr))
	}
}

// wordIndex returns where abbr first stands as a whole word in s, or
// followed by a plural "s", or -1.
func wordIndex(s, abbr string) int {
	for off := 0; ; {
		i := strings.Index(s[off:], abbr)
		if i < 0 {
			return -1
		}
		i += off
		end := i + len(abbr)
		if end < len(s) && s[end] == 's' {
			end++
		}
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if (i == 0 || !isWordRune(before)) && (end == len(s) || !isWordRune(after)) {
			return i
		}
		off = i + 1
	}
}

// isWordRune reports whether r is part of a word.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_'
}

// abbrRenderer writes abbreviation nodes.
type abbrRenderer struct{}

func (abbrRenderer) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(kindAbbr, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<abbr title="`)
			_, _ = w.Write(util.EscapeHTML([]byte(n.(*abbrNode).title)))
			_, _ = w.WriteString(`">`)
		} else {
			_, _ = w.WriteString("</abbr>")
		}
		return ast.WalkContinue, nil
	})
}
