package build

import (
	"bytes"
	"encoding/xml"

	"resolve/internal/diag"
	"resolve/internal/workday"
)

// The site knows its own address when base_url (or --base-url) is a full
// URL, as the Pages workflow passes it. Then the sitemap, the feed,
// canonical links and embed codes use it. With only a path, nothing can be
// absolute: /sitemap.xml is still written (the design's contract, and what
// a host serves), listing the pages' paths with a comment saying why, but
// the sitemap protocol accepts only full addresses, so robots.txt does not
// name it and search engines are not sent to it; canonical links are left
// out; and `resolve check` warns, once, that these need the full address.

// addressWarning is check's one warning about a site without a full address.
func (s *site) addressWarning(problems *diag.List) {
	if s.origin != "" || s.home == nil {
		return
	}
	file, line := s.home.File, s.home.Line("base_url")
	if s.cfg.BaseURL != "" {
		file, line = "--base-url", 0
	}
	problems.Warn(file, line, "the site's full address is not known, only its path ("+s.base+"): the sitemap, the feed, canonical links, embed codes and oEmbed need it, so set base_url to it, such as https://example.org"+s.base+" (or pass --base-url); until then robots.txt names no sitemap and canonical links are left out")
}

// addFeeds adds sitemap.xml and robots.txt.
func (s *site) addFeeds() {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	if s.origin == "" {
		b.WriteString("<!-- These addresses are paths, because the site's full address is not known: search engines accept only full addresses. Set base_url to the full address (https://...) for a sitemap they can read. -->\n")
	}
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range s.sorted() {
		if p.noIndex {
			continue
		}
		b.WriteString("<url><loc>")
		xml.EscapeText(&b, []byte(s.absURL(p.url)))
		b.WriteString("</loc>")
		if d := s.modified(p); !d.IsZero() {
			b.WriteString("<lastmod>" + d.String() + "</lastmod>")
		}
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	s.files = append(s.files, outFile{path: "sitemap.xml", data: b.Bytes()})
	robots := "User-agent: *\nAllow: /\n"
	if full, ok := s.fullURL("/sitemap.xml"); ok {
		robots += "\nSitemap: " + full + "\n"
	}
	s.files = append(s.files, outFile{path: "robots.txt", data: []byte(robots)})
}

// modified is when a page last changed, as far as its front matter says:
// its lastmod, else its date.
func (s *site) modified(p *page) workday.Date {
	if p.src == nil {
		return workday.Date{}
	}
	if !p.src.Meta.Lastmod.IsZero() {
		return p.src.Meta.Lastmod.Date
	}
	return p.src.Meta.Date.Date
}
