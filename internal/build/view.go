package build

import (
	"html/template"
	"slices"

	"resolve/internal/workday"

	"resolve/internal/content"
	"resolve/internal/markdown"
)

// View is the data every layout receives.
type View struct {
	Site     *SiteView
	Page     *PageView
	Protocol *protoView // the protocol the page belongs to, or nil
	Data     any        // what the page's kind adds (calendar days, a flowchart, ...)
}

// SiteView is site-wide information.
type SiteView struct {
	Title  string
	Lang   string
	Footer string
	Home   string // URL of the home page
	// Protocols are the site's procedures, without their contents and
	// tools (which a procedure's own pages have, in .Protocol).
	Protocols []*protoView
	Glossary  []content.Term
	// The URLs of the accessibility statement and the privacy notice, or
	// "" when the site has none.
	Accessibility, Privacy string
}

// PageView is the page being rendered.
type PageView struct {
	Title       string
	Description string
	URL         string // with the base path
	Path        string // site path without the base: "/hips/stage-1/"
	Kind        string
	Content     template.HTML
	TOC         []markdown.Heading
	Crumbs      []*navLink // from the home page down to the page's section
	Prev, Next  *navLink
	Children    []*navLink
	IsHome      bool
	// Canonical is the page's full address, for <link rel="canonical">,
	// when the site knows its address (a full base_url); "" otherwise, and
	// for pages left out of the sitemap.
	Canonical string
	// Updated is when the page last changed, from its lastmod (or date)
	// front matter; nil when it gives none.
	Updated *workday.Date

	policy   *policy // the page's security policy, from policy.go
	wroteCSP bool    // the layout wrote .CSP
}

// CSP is the page's Content-Security-Policy, declared in policy.go, for
// its meta tag: <meta http-equiv="Content-Security-Policy"
// content="{{.Page.CSP}}">. A page whose layout writes it gets the same
// policy from _headers; a page whose layout does not (a minimal layout
// set) gets none there either, so the host never forbids what the page's
// own markup does not promise to keep to.
func (v *PageView) CSP() string {
	v.wroteCSP = true
	return v.policy.csp.String()
}

// Referrer is the page's Referrer-Policy, for <meta name="referrer"
// content="{{.Page.Referrer}}">.
func (v *PageView) Referrer() string { return v.policy.referrer }

// siteView is the view of the site every page gets, made once a build.
func (s *site) siteView() *SiteView {
	s.siteOnce.Do(func() { s.siteV = s.makeSiteView() })
	return s.siteV
}

func (s *site) makeSiteView() *SiteView {
	v := &SiteView{Title: s.title, Lang: s.lang, Footer: s.footer, Home: s.url("/"), Glossary: s.glossary,
		Accessibility: s.statementURL("accessibility.md"), Privacy: s.statementURL("privacy.md")}
	for _, pr := range s.protos {
		pv := s.protoView(pr, nil)
		// Each page of a procedure has the procedure's contents
		// (.Protocol); every page need not, so a new title changes the
		// procedure's pages only.
		pv.Contents, pv.Tools = nil, nil
		v.Protocols = append(v.Protocols, pv)
	}
	return v
}

func (s *site) view(p *page) *View {
	pv := &PageView{
		Title:       p.title,
		Description: p.description,
		URL:         s.url(p.url),
		Path:        p.url,
		Kind:        p.kind,
		TOC:         toc(p.doc),
		IsHome:      p.url == "/",
	}
	pv.policy = policyOf(p.kind)
	if full, ok := s.fullURL(p.url); ok && !p.noIndex {
		pv.Canonical = full
	}
	if d := s.modified(p); !d.IsZero() {
		pv.Updated = &d
	}
	if p.doc != nil {
		pv.Content = trusted(p.doc.HTML)
	}
	var crumbs []*navLink
	for q := p.section; q != nil; q = q.section {
		crumbs = append(crumbs, s.link(q))
	}
	slices.Reverse(crumbs) // from the home page down
	if p.url != "/" && p.section == nil && s.byURL["/"] != nil {
		crumbs = []*navLink{s.link(s.byURL["/"])}
	}
	if len(crumbs) > 0 && crumbs[0].URL == s.url("/") {
		crumbs[0].Title = "Home"
	}
	pv.Crumbs = crumbs
	for _, c := range p.children {
		pv.Children = append(pv.Children, s.link(c))
	}
	pv.Prev, pv.Next = s.prevNext(p)
	return &View{Site: s.siteView(), Page: pv, Protocol: s.protoView(p.proto, p), Data: p.data}
}

// prevNext links a content page to its neighbours in reading order: the
// section's index page, then the section's pages. It looks only at the
// page's neighbours in the section, rather than list the section for every
// page (a 100-page section made 10,000 lists of 100 links).
func (s *site) prevNext(p *page) (prev, next *navLink) {
	if p.src == nil || p.url == "/" {
		return nil, nil
	}
	sec := p.section
	if p.src.IsIndex {
		sec = p
	}
	if sec == nil {
		return nil, nil
	}
	inOrder := func(c *page) bool { return c.src != nil && !c.src.IsIndex }
	kids := sec.children
	at := -1 // p's place among kids; -1 for the index page, before them all
	if p != sec {
		at = slices.Index(kids, p)
		if at < 0 || !inOrder(p) {
			return nil, nil
		}
		prev = s.link(sec)
		for i := at - 1; i >= 0; i-- {
			if inOrder(kids[i]) {
				prev = s.link(kids[i])
				break
			}
		}
	}
	for i := at + 1; i < len(kids); i++ {
		if inOrder(kids[i]) {
			next = s.link(kids[i])
			break
		}
	}
	return prev, next
}
