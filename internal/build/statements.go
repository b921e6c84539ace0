package build

import (
	"path"

	"resolve/internal/diag"
)

// statement is a page every public-sector site must publish. Each is an
// ordinary content page at a fixed place at the top of the content, so
// that the footer can link to it and check can say when it is missing;
// `resolve new` starts both for a new site.
type statement struct {
	file string // in the content folder
	what string
	why  string
}

var statements = []statement{
	{"accessibility.md", "accessibility statement",
		"UK public-sector websites must publish one, with the sections of the GOV.UK model statement"},
	{"privacy.md", "privacy notice",
		"say what the site keeps in the browser and that records never leave the device"},
}

// checkStatements warns about each statement the site does not have.
func (s *site) checkStatements(problems *diag.List) {
	for _, st := range statements {
		if !s.tree.Has(st.file) {
			problems.Warn(path.Join(s.cfg.Content, st.file), 0,
				"the site has no "+st.what+": "+st.why+"; write it in this file (resolve new starts one)")
		}
	}
}

// statementURL is the address of the site's statement in file, or "" when
// the site has none.
func (s *site) statementURL(file string) string {
	if p := s.bySrc[file]; p != nil {
		return s.url(p.url)
	}
	return ""
}
