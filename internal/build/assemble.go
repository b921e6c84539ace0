package build

import (
	"path"
	"sort"
	"strings"

	"resolve/internal/content"
	"resolve/internal/diag"
	"resolve/internal/escalation"
)

// assemble gives every content page its URL, section and layout, adds the
// generated pages and the redirects of pages' aliases, and orders each
// section.
func (s *site) assemble() diag.List {
	var problems diag.List
	indexes := map[string]*page{} // folder -> its index page
	bundles := s.bundles(&problems)
	for _, c := range s.tree.Pages {
		if bundles[c.Dir] != nil && bundles[c.Dir] != c {
			continue // reported by bundles
		}
		p := &page{
			src:         c,
			url:         urlOf(c.Path),
			title:       c.Meta.Title,
			description: c.Meta.Description,
			weight:      c.Meta.Weight,
			kind:        "page",
		}
		switch {
		case c.Path == "_index.md":
			p.kind = "home"
		case c.IsIndex && c.Meta.Protocol != nil:
			p.kind = "protocol"
		case c.IsIndex:
			p.kind = "section"
		case len(c.Meta.Glossary) > 0:
			p.kind = "glossary"
			s.glossary = append(s.glossary, c.Meta.Glossary...)
		}
		if c.Meta.Layout != "" {
			p.kind = c.Meta.Layout
		}
		if s.add(p, &problems) && c.IsIndex {
			indexes[c.Dir] = p
		}
	}
	// A folder with pages but no _index.md still gets an index page (a
	// page bundle's folder is its page).
	for _, c := range s.tree.Pages {
		for dir := folderOf(c); dir != "."; dir = path.Dir(dir) {
			if indexes[dir] != nil {
				continue
			}
			p := &page{url: "/" + dir + "/", title: titleFromName(path.Base(dir)), kind: "section"}
			if s.add(p, &problems) {
				indexes[dir] = p
			}
		}
	}
	for _, pr := range s.protos {
		pr.index = indexes[pr.src.Dir]
		pr.index.proto = pr
	}
	for _, p := range s.pages {
		if p.src != nil && p.src.IsIndex && p.kind == "protocol" && p.proto == nil {
			// A protocol set aside for its problems: its page is not
			// laid out (setAside), and as a folder it is a plain section.
			p.kind = "section"
		}
	}
	// Sections: each page belongs to the index of its folder; each index
	// page to the index of the folder above.
	for _, p := range s.pages {
		dir := ""
		switch {
		case p.url == "/":
			continue
		case p.src != nil && !p.src.IsIndex:
			dir = folderOf(p.src)
		default:
			dir = path.Dir(strings.Trim(p.url, "/"))
		}
		parent := indexes[dir]
		if parent == nil {
			continue
		}
		p.section = parent
		parent.children = append(parent.children, p)
	}
	for _, p := range s.pages {
		sort.SliceStable(p.children, func(i, j int) bool { return less(p.children[i], p.children[j]) })
		if p.proto == nil {
			for q := p.section; q != nil; q = q.section {
				if q.proto != nil {
					p.proto = q.proto
					break
				}
			}
		}
	}
	for _, pr := range s.protos {
		s.addProtocolPages(pr, &problems)
	}
	s.addSitePages(&problems)
	s.addRedirects(&problems)
	problems.Sort()
	return problems
}

// A page bundle, as Hugo calls it, is a folder whose page is its index.md,
// with the files it shows beside it: content/manual/flowcharts/index.md is
// the page /manual/flowcharts/, and ![chart](chart.png) in it is
// content/manual/flowcharts/chart.png, as a browser reads it too. The
// folder holds no other pages.

// isBundle reports whether a page is a page bundle's index.md.
func isBundle(c *content.Page) bool {
	return path.Base(c.Path) == "index.md" && c.Dir != "."
}

// folderOf is the folder whose section a page belongs to: its own folder,
// or for a page bundle the folder above it.
func folderOf(c *content.Page) string {
	if isBundle(c) {
		return path.Dir(c.Dir)
	}
	return c.Dir
}

// bundles returns the page bundles by folder, and refuses any other page
// in a bundle's folder.
func (s *site) bundles(problems *diag.List) map[string]*content.Page {
	out := map[string]*content.Page{}
	for _, c := range s.tree.Pages {
		if isBundle(c) {
			out[c.Dir] = c
		}
	}
	for _, c := range s.tree.Pages {
		if b := out[c.Dir]; b != nil && b != c {
			problems.Add(c.File, 1, c.Dir+"/ is a page bundle: "+b.File+" is the page of the folder, which holds only the files that page shows; move this page to another folder, or rename index.md")
		}
	}
	return out
}

// titleFromName turns a folder name into a title: "child-in-need" -> "Child in need".
func titleFromName(name string) string {
	t := strings.ReplaceAll(name, "-", " ")
	if t == "" {
		return t
	}
	return strings.ToUpper(t[:1]) + t[1:]
}

// generated makes a page the build writes from data rather than markdown.
func (s *site) generated(url, kind, title, description string, pr *proto, data any) *page {
	p := &page{url: url, kind: kind, title: title, description: description, proto: pr, data: data}
	if pr != nil {
		p.section = pr.index
	}
	return p
}

// addSitePages adds the pages every site has, 404, and the A to Z index
// and search when the layouts have a page for them (a-z.html,
// search.html): a site whose layouts leave search out gets no index.
func (s *site) addSitePages(problems *diag.List) {
	nf := s.generated("/404.html", "404", "Page not found", "", nil, nil)
	nf.noIndex = true
	s.add(nf, problems)
	if s.layouts.has("a-z") {
		s.add(s.generated("/a-z/", "a-z", "A to Z", "Every page and section of this site, from A to Z.", nil, &azData{}), problems)
	}
	if s.layouts.has("search") {
		s.add(s.generated("/search/", "search", "Search", "Search every page of this site.", nil, nil), problems)
	}
	s.addAuditPage(problems)
	// The JSON Schemas of the record practitioners save and of the audit
	// return they send the partnership, for anyone who reads or checks
	// those files.
	s.files = append(s.files,
		outFile{path: "schema/record-v1.json", data: escalation.SchemaJSON, mime: "application/json"},
		outFile{path: "schema/audit-v1.json", data: escalation.AuditSchemaJSON, mime: "application/json"})
}
