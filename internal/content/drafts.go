package content

import "slices"

// Published returns the tree without its draft pages (draft: true), and the
// drafts, which the build leaves out. The tree returned knows the drafts'
// paths (Drafts), so that a protocol naming one as a stage's page is told
// so rather than that the page does not exist.
func (t *Tree) Published() (*Tree, []*Page) {
	var drafts []*Page
	out := &Tree{Assets: t.Assets, Broken: t.Broken}
	for _, p := range t.Pages {
		if p.Meta.Draft {
			drafts = append(drafts, p)
			out.Drafts = append(out.Drafts, p.Path)
			continue
		}
		out.Pages = append(out.Pages, p)
	}
	slices.Sort(out.Drafts)
	return out, drafts
}

// isDraft reports whether the page at the slash path p was left out as a draft.
func (t *Tree) isDraft(p string) bool {
	_, ok := slices.BinarySearch(t.Drafts, p)
	return ok
}
