package build

import (
	"resolve/internal/content"
	"resolve/internal/diag"
	"resolve/internal/scaffold/placeholder"
)

// checkPlaceholders reports every placeholder `resolve new` wrote that is
// still in a page ([Partnership name] and the rest, declared in package
// placeholder): an error for a check, which CI runs before anything is
// published, and a warning for a build, so that a new site can be
// previewed while it is being written.
func (s *site) checkPlaceholders(problems *diag.List, strict bool) {
	var kept, next map[*content.Page][]placeholder.Found // for a live build: by page, which its Cache keeps while unchanged
	if s.lv != nil {
		kept, next = s.lv.placeholders, map[*content.Page][]placeholder.Found{}
		defer func() { s.lv.placeholders = next }()
	}
	for _, p := range s.tree.Pages {
		found, ok := kept[p]
		if !ok {
			raw, line := p.FrontMatter()
			found = placeholder.Find(raw, line)
			found = append(found, placeholder.Find(p.Body, p.BodyLine)...)
		}
		if next != nil {
			next[p] = found
		}
		for _, f := range found {
			msg := f.Text + " is a placeholder from resolve new: put " + f.Put + " in its place"
			if strict {
				problems.Add(p.File, f.Line, msg)
			} else {
				problems.Warn(p.File, f.Line, msg+" before the site is published")
			}
		}
	}
}
