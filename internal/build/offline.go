package build

import (
	"html"
	"path/filepath"
	"strings"

	"resolve/internal/diag"
	"resolve/internal/markdown"
)

// offlinePage renders /offline.html with the "page" layout and adds it to
// the pages to write (not to the sitemap or search, which are done). It
// returns nil when the layouts have no "page" layout.
func (s *site) offlinePage() (*page, error) {
	if !s.layouts.has("page") {
		return nil, nil
	}
	if other := s.byURL[offlinePath]; other != nil {
		file := s.cfg.Content
		if other.src != nil {
			file = other.src.File
		}
		return nil, diag.List{{Path: file, Line: 1, Message: "the URL " + offlinePath + " is the page the site shows offline: rename this page"}}
	}
	var b strings.Builder
	b.WriteString("<p>You are not connected to the internet, and this page has not been saved on this device.</p>")
	b.WriteString("<p>These pages are saved and open without a connection:</p><ul>")
	b.WriteString(`<li><a href="` + html.EscapeString(s.url("/")) + `">The home page</a></li>`)
	for _, pr := range s.protos {
		b.WriteString(`<li><a href="` + html.EscapeString(s.url(pr.index.url)) + `">` + html.EscapeString(pr.index.title) + `</a>, and its <a href="` + html.EscapeString(s.url("/"+pr.ID+"/record/")) + `">record form</a></li>`)
	}
	b.WriteString("</ul><p>So are the pages you have read before on this device. Anything you typed into a record form stays in that page: go back to it rather than reloading.</p>")
	p := &page{
		url:     offlinePath,
		kind:    "page",
		title:   "You are offline",
		noIndex: true,
		doc:     &markdown.Doc{HTML: []byte(b.String())},
	}
	v := s.view(p)
	out, err := s.layouts.execute(p.kind, v)
	p.hasPolicy = v.Page.wroteCSP
	if err != nil {
		return nil, diag.List{{Path: filepath.Join(s.cfg.Layouts, "page.html"), Line: templateLine(err), Message: "rendering " + offlinePath + ": " + err.Error()}}
	}
	p.html = out
	s.byURL[p.url] = p
	s.pages = append(s.pages, p)
	return p, nil
}
