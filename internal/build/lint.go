package build

import (
	"strconv"
	"strings"

	"resolve/internal/diag"
)

// vagueLinkText is link text that says nothing out of context, which
// screen reader users meet in a list of links (WCAG 2.4.4).
var vagueLinkText = map[string]bool{
	"click here": true, "here": true, "click": true, "this": true, "link": true,
	"this link": true, "read more": true, "more": true, "more info": true, "this page": true,
}

// lint returns warnings about a rendered page that do not stop a build but
// that a reviewer should see: plain-http links, vague link text, images
// without alt text and headings that skip a level.
func lint(p *page) diag.List {
	var out diag.List
	if p.doc == nil {
		return nil
	}
	file := p.src.File
	for _, l := range p.doc.Links {
		text := strings.ToLower(strings.Trim(strings.TrimSpace(l.Text), ".:!"))
		switch {
		case l.Image && strings.TrimSpace(l.Text) == "":
			out.Warn(file, l.Line, "image "+l.Dest+" has no alt text: describe it in the brackets, ![what it shows]("+l.Dest+")")
		case !l.Image && vagueLinkText[text] || strings.HasPrefix(text, "click here"):
			out.Warn(file, l.Line, "link text "+strconv.Quote(l.Text)+" does not say where it goes: use words that make sense on their own")
		}
		if strings.HasPrefix(strings.ToLower(l.Dest), "http://") {
			out.Warn(file, l.Line, "link to "+l.Dest+" is not secure: use https:// if the site supports it")
		}
	}
	level := 1 // the layout's h1
	for _, h := range p.doc.Headings {
		if h.Level == 1 {
			out.Warn(file, h.Line, "heading "+strconv.Quote(h.Text)+" is a second h1: the title is the page's h1, so start headings at ##")
		} else if h.Level > level+1 {
			out.Warn(file, h.Line, "heading "+strconv.Quote(h.Text)+" skips from h"+strconv.Itoa(level)+" to h"+strconv.Itoa(h.Level)+": use "+strings.Repeat("#", level+1))
		}
		level = h.Level
	}
	return out
}
