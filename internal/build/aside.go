package build

import (
	"path"
	"strings"

	"resolve/internal/content"
	"resolve/internal/diag"
)

// A build that has found problems goes on as far as it safely can, so that
// one run reports every problem: every page is still rendered and its links
// checked. What an earlier problem leaves uncertain is set aside rather than
// reported again: a page whose file has an error is rendered for its links
// but not laid out, and links into it, or into the folder of a protocol or
// an _index.md that could not be read, are not checked (the generated pages
// of a broken protocol do not exist, and saying so would only repeat the
// problem).
type aside struct {
	unsureURL    map[string]bool // addresses of pages that could not be built
	unsureFolder []string        // folder addresses whose pages may be missing
	notLaidOut   map[string]bool // content paths of pages rendered only for their links
}

// unsure reports whether a link to the address u may be broken only
// because of a problem reported already.
func (a *aside) unsure(u string) bool {
	if a.unsureURL[u] || a.unsureURL[u+"/"] {
		return true
	}
	for _, f := range a.unsureFolder {
		if strings.HasPrefix(u, f) {
			return true
		}
	}
	return false
}

// setAside marks the page at a content path as not to be laid out, and its
// address (or, for an _index.md, its folder) as uncertain.
func (a *aside) setAside(contentPath string) {
	if a.unsureURL == nil {
		a.unsureURL, a.notLaidOut = map[string]bool{}, map[string]bool{}
	}
	a.notLaidOut[contentPath] = true
	u := urlOf(contentPath)
	if path.Base(contentPath) == "_index.md" {
		a.unsureFolder = append(a.unsureFolder, u)
	}
	a.unsureURL[u] = true
}

// filesWithErrors returns the files that problems name as having errors.
func filesWithErrors(problems diag.List) map[string]bool {
	bad := map[string]bool{}
	for _, p := range problems {
		if !p.Warning && !p.Note {
			bad[p.Path] = true
		}
	}
	return bad
}

// setAsideProblems sets aside every page with an error and every page that
// could not be read.
func (s *site) setAsideProblems(problems diag.List) {
	bad := filesWithErrors(problems)
	for _, p := range s.tree.Pages {
		if bad[p.File] {
			s.setAside(p.Path)
		}
	}
	for _, b := range s.tree.Broken {
		s.setAside(b)
	}
}

// protocols takes the catalog's protocols into the site, except those
// whose _index.md has errors or whose calendar could not be loaded: their
// pages cannot be made, and their folders are set aside.
func (s *site) protocols(cat *content.Catalog, problems diag.List) {
	bad := filesWithErrors(problems)
	for _, pr := range cat.Protocols {
		if bad[pr.Page.File] || pr.Calendar == nil {
			s.setAside(pr.Page.Path)
			continue
		}
		s.protos = append(s.protos, &proto{Protocol: pr.Protocol, cal: pr.Calendar, src: pr.Page})
	}
}

// brokenSrc reports whether the page at a content path exists but could
// not be read.
func (s *site) brokenSrc(contentPath string) bool {
	for _, b := range s.tree.Broken {
		if b == contentPath {
			return true
		}
	}
	return false
}
