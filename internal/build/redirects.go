package build

import (
	"bytes"
	"html/template"
	"path"
	"strconv"
	"strings"

	"resolve/internal/diag"
)

// A page's aliases (Hugo's front matter key) are its old addresses. Each
// becomes a small page at that address that sends browsers on to the page:
// a meta refresh, a canonical link and a plain link for anyone the refresh
// does not move, with no script, under the site's security policy. Redirect
// pages are left out of the sitemap, search and the A to Z. An alias starting
// with / is a site path; any other is relative to the page's folder
// (old-name/ in hips/stage-1.md is /hips/old-name/); one ending in .html is
// that file, any other a folder with an index.html. An alias may not take the
// address of a page, a generated page or file, or another alias.

// redirectData is what a redirect page shows.
type redirectData struct {
	Lang, Title, SiteTitle string
	To, Canonical          string
	CSP, Referrer          string
}

var redirectPage = template.Must(template.New("redirect").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{{.CSP}}">
<meta name="referrer" content="{{.Referrer}}">
<meta name="robots" content="noindex">
<title>Moved: {{.Title}} – {{.SiteTitle}}</title>
<link rel="canonical" href="{{.Canonical}}">
<meta http-equiv="refresh" content="0; url={{.To}}">
</head>
<body>
<main>
<h1>This page has moved</h1>
<p>It is now <a href="{{.To}}">{{.Title}}</a>.</p>
</main>
</body>
</html>
`))

// addRedirects adds a redirect page for every alias of every page.
func (s *site) addRedirects(problems *diag.List) {
	taken := map[string]bool{}
	for _, f := range s.files {
		taken["/"+f.path] = true
	}
	for _, a := range s.tree.Assets {
		taken["/"+a] = true
	}
	// Files the build writes after the pages (generated.go).
	for f := range reservedFiles {
		taken["/"+f] = true
	}
	for _, p := range append([]*page(nil), s.pages...) {
		if p.src == nil {
			continue
		}
		for i, alias := range p.src.Meta.Aliases {
			line := p.src.Line("aliases", strconv.Itoa(i))
			u, msg := aliasURL(p.src.Dir, alias)
			if msg == "" {
				msg = s.aliasTaken(u, p, taken)
			}
			if msg != "" {
				problems.Add(p.src.File, line, "alias "+strconv.Quote(alias)+": "+msg)
				continue
			}
			r := &page{url: u, kind: "redirect", title: p.title, noIndex: true, data: p}
			s.byURL[u] = r
			s.pages = append(s.pages, r)
		}
	}
}

// aliasURL turns an alias as written in a page in the content folder dir
// into a site path, or says what is wrong with it.
func aliasURL(dir, alias string) (string, string) {
	a := strings.TrimSpace(alias)
	switch {
	case a == "" || a == "/":
		return "", "give the old address, such as /old/path/"
	case strings.Contains(a, "://") || strings.HasPrefix(a, "//"):
		return "", "an alias is an old address on this site, a path such as /old/path/, not a full address"
	case strings.ContainsAny(a, "\\?#%\"'<> \t") || strings.ContainsFunc(a, func(r rune) bool { return r < ' ' || r == 0x7f }):
		return "", "an alias is a plain path, such as /old/path/: no spaces, quotes, \\, ?, # or %"
	}
	for _, seg := range strings.Split(a, "/") {
		if seg == "." || seg == ".." {
			return "", "write the alias from the top of the site, starting with /, without . or .."
		}
	}
	if !strings.HasPrefix(a, "/") {
		if dir == "." {
			a = "/" + a
		} else {
			a = "/" + dir + "/" + a
		}
	}
	a = path.Clean(a)
	if !strings.HasSuffix(a, ".html") {
		a += "/"
	}
	return a, ""
}

// aliasTaken says what already has the address u, if anything.
func (s *site) aliasTaken(u string, p *page, taken map[string]bool) string {
	if q := s.byURL[u]; q != nil {
		switch {
		case q == p:
			return "it is this page's own address"
		case q.kind == "redirect":
			return u + " is already an alias of " + q.data.(*page).src.File
		case q.src != nil:
			return u + " is the address of " + q.src.File
		}
		return u + " is the address of the generated " + q.kind + " page"
	}
	folder := strings.TrimSuffix(u, "/")
	if taken[u] || taken[folder] {
		return u + " is a file the site publishes"
	}
	if u == "/wasm/" || strings.HasPrefix(u, "/wasm/") {
		return u + " is where the record form's module is published"
	}
	return ""
}

// redirectHTML writes a redirect page.
func (s *site) redirectHTML(p *page, buf *bytes.Buffer) error {
	p.hasPolicy = true
	return redirectPage.Execute(buf, s.redirectData(p))
}

// redirectData is everything a redirect page is made from.
func (s *site) redirectData(p *page) redirectData {
	to := p.data.(*page)
	canonical, _ := s.fullURL(to.url)
	pol := policyOf("redirect")
	return redirectData{
		Lang: s.lang, Title: to.title, SiteTitle: s.title,
		To: s.url(to.url), Canonical: canonical,
		CSP: pol.csp.String(), Referrer: pol.referrer,
	}
}
