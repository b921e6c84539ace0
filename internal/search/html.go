package search

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTMLSections reads the sections of a rendered page: the text of its
// <main> element (of <body> if it has none), split where a heading (h2 to
// h6), a <summary> or a <dt> with an id begins. A section's anchor is the
// id of its heading, or of the nearest element around it that has one,
// or else the anchor of the section it is part of (the last section
// begun by a heading of a higher level); the first section, the text
// before any heading, has none. The page's <h1> is its title, not text.
//
// What a reader does not see as text is left out: scripts, styles,
// drawings (<svg>), controls (<button>, <select>, <textarea>), navigation,
// and anything hidden or aria-hidden.
func HTMLSections(page []byte) []Section {
	z := html.NewTokenizer(bytes.NewReader(page))
	r := htmlReader{sections: []Section{{}}, levels: []int{1}}
	inBody, hasMain := false, bytes.Contains(page, []byte("<main"))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return r.finish()
		case html.TextToken:
			if inBody && r.skip == 0 {
				r.text(string(z.Text()))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			var id string
			hidden := false
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch string(k) {
				case "id":
					id = string(v)
				case "hidden":
					hidden = true
				case "aria-hidden":
					hidden = hidden || string(v) == "true"
				}
			}
			if !inBody {
				if a == atom.Main || !hasMain && a == atom.Body {
					inBody = true
					r.root = len(r.stack)
					r.mainID = id
				}
				if voidElement(a) || tt == html.SelfClosingTagToken {
					continue
				}
				r.stack = append(r.stack, element{a, id})
				continue
			}
			if voidElement(a) || tt == html.SelfClosingTagToken {
				if a == atom.Br || a == atom.Img || a == atom.Hr {
					r.space()
				}
				continue
			}
			r.stack = append(r.stack, element{a, id})
			if r.skip > 0 {
				continue
			}
			if hidden || skipped(a) {
				r.skip = len(r.stack)
				continue
			}
			r.open(a, id)
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			// Close up to the matching element, as a browser would.
			i := len(r.stack) - 1
			for i >= 0 && r.stack[i].a != a {
				i--
			}
			if i < 0 {
				continue
			}
			for len(r.stack) > i {
				top := r.stack[len(r.stack)-1]
				r.stack = r.stack[:len(r.stack)-1]
				if r.skip > len(r.stack) {
					r.skip = 0
				} else if r.skip == 0 && inBody {
					r.close(top.a)
				}
				if inBody && len(r.stack) <= r.root {
					return r.finish()
				}
			}
		}
	}
}

// element is an open element.
type element struct {
	a  atom.Atom
	id string
}

// htmlReader is the state of HTMLSections.
type htmlReader struct {
	sections []Section
	levels   []int // each section's heading level: 2 to 6, 7 for a summary or term
	stack    []element
	root     int    // the depth of <main> (or <body>)
	mainID   string // its id, which is not an anchor
	skip     int    // the depth of the element being skipped, or 0
	title    int    // the depth of the open <h1>, or 0
	heading  int    // the depth of the open heading, or 0
	head     strings.Builder
	body     strings.Builder
}

// open starts an element.
func (r *htmlReader) open(a atom.Atom, id string) {
	switch {
	case a == atom.H1 && r.heading == 0 && r.title == 0:
		r.title = len(r.stack)
	case (isHeading(a) || a == atom.Summary || a == atom.Dt && id != "") && r.heading == 0 && r.title == 0:
		r.flush()
		anchor := id
		for i := len(r.stack) - 2; anchor == "" && i >= r.root; i-- {
			if r.stack[i].id != r.mainID {
				anchor = r.stack[i].id
			}
		}
		level := headingLevel(a)
		for i := len(r.sections) - 1; anchor == "" && i > 0; i-- {
			if r.levels[i] < level {
				anchor = r.sections[i].Anchor
			}
		}
		r.sections = append(r.sections, Section{Anchor: anchor})
		r.levels = append(r.levels, level)
		r.heading = len(r.stack)
	case !inline(a):
		r.space()
	}
}

// close ends an element.
func (r *htmlReader) close(a atom.Atom) {
	switch {
	case r.title > len(r.stack):
		r.title = 0
	case r.heading > len(r.stack):
		r.heading = 0
		r.sections[len(r.sections)-1].Heading = collapse(r.head.String())
		r.head.Reset()
	case !inline(a):
		r.space()
	}
}

func (r *htmlReader) text(s string) {
	switch {
	case r.title > 0:
	case r.heading > 0:
		r.head.WriteString(s)
	default:
		r.body.WriteString(s)
	}
}

func (r *htmlReader) space() {
	if r.heading > 0 {
		r.head.WriteByte(' ')
	} else if r.title == 0 {
		r.body.WriteByte(' ')
	}
}

// flush ends the text of the section being read.
func (r *htmlReader) flush() {
	r.sections[len(r.sections)-1].Text = collapse(r.body.String())
	r.body.Reset()
}

func (r *htmlReader) finish() []Section {
	if r.heading > 0 {
		r.sections[len(r.sections)-1].Heading = collapse(r.head.String())
	}
	r.flush()
	out := r.sections[:1] // the text before any heading stays, for the page itself
	for _, s := range r.sections[1:] {
		if s.Heading != "" || s.Text != "" {
			out = append(out, s)
		}
	}
	return out
}

// collapse joins the words of s with single spaces.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// headingLevel is the level of a heading, 7 (below every heading) for
// another element that starts a section.
func headingLevel(a atom.Atom) int {
	switch a {
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 7
}

func isHeading(a atom.Atom) bool {
	switch a {
	case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// skipped elements hold nothing a reader reads as text.
func skipped(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Template, atom.Svg, atom.Math, atom.Noscript,
		atom.Button, atom.Select, atom.Textarea, atom.Nav, atom.Iframe, atom.Object:
		return true
	}
	return false
}

// inline elements run on with the text around them; others separate it.
func inline(a atom.Atom) bool {
	switch a {
	case atom.A, atom.Abbr, atom.B, atom.Bdi, atom.Bdo, atom.Cite, atom.Code, atom.Data, atom.Dfn,
		atom.Em, atom.I, atom.Kbd, atom.Mark, atom.Q, atom.S, atom.Samp, atom.Small, atom.Span,
		atom.Strong, atom.Sub, atom.Sup, atom.Time, atom.U, atom.Var, atom.Label, atom.Ins, atom.Del:
		return true
	}
	return false
}

// voidElement elements have no end tag.
func voidElement(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input,
		atom.Link, atom.Meta, atom.Source, atom.Track, atom.Wbr:
		return true
	}
	return false
}
