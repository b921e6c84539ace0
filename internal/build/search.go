package build

import (
	"strconv"
	"strings"

	"resolve/internal/content"
	"resolve/internal/markdown"
	"resolve/internal/search"
)

// The search index (see package search) has every page a reader might
// look for, with the text the layouts add from data as well as the
// markdown: a protocol's stages, the glossary's terms, contacts and
// versions. The search and A to Z pages, the 404 page and embeds are not
// in it. Each page is added as soon as its markdown is rendered, and the
// index is written under /search/ once every page is in.

// hasSearch reports whether the site has a search page, and so an index.
func (s *site) hasSearch() bool { return s.byURL["/search/"] != nil }

// numberForSearch gives each page that belongs in the search index its
// number there, in site order, and returns how many there are. Other
// pages get -1.
func (s *site) numberForSearch() int {
	n := 0
	for _, p := range s.pages {
		p.searchNo = -1
		if p.noIndex || p.kind == "search" || p.kind == "a-z" {
			continue
		}
		p.searchNo = n
		n++
	}
	return n
}

// searchPage is what the index holds of a rendered page.
func (s *site) searchPage(p *page) search.Page {
	sp := search.Page{URL: s.url(p.url), Title: p.title}
	if p.proto != nil {
		sp.Where = strings.ToUpper(p.proto.ID)
	}
	if p.doc != nil {
		for _, sec := range p.doc.Sections {
			sp.Sections = append(sp.Sections, search.Section{Heading: sec.Heading, Anchor: sec.ID, Text: sec.Text})
		}
	}
	sp.Sections = append(sp.Sections, s.dataSections(p)...)
	if len(sp.Sections) == 0 || sp.Sections[0].Heading != "" {
		// The page itself, found by its title and description.
		sp.Sections = append([]search.Section{{Text: p.description}}, sp.Sections...)
	}
	return sp
}

// emitSearch writes a file of the index as soon as it is made (a page's
// own file, see search.NewIndex); a check, which writes nothing, drops it.
func (s *site) emitSearch(f search.File) error {
	if s.out == nil {
		return nil
	}
	// The index is written compact already: minifying it again is wasted work.
	return s.out.rec.write(s.out.m, s.out.dir, searchDir+f.Name, "", f.Data)
}

// searchDir is the folder of the index in the site.
const searchDir = "search/"

// addSearch adds the files of the finished index to the site.
func (s *site) addSearch(files []search.File) {
	for _, f := range files {
		// The index is written compact already: minifying it again is wasted work.
		s.files = append(s.files, outFile{path: searchDir + f.Name, data: f.Data})
	}
}

// dataSections are the sections a page's layout writes from data rather
// than markdown, with the anchors the layout gives them.
func (s *site) dataSections(p *page) []search.Section {
	var out []search.Section
	pr := p.proto
	switch {
	case p.kind == "protocol" && pr != nil && pr.index == p:
		if len(pr.WhenToUse) > 0 {
			out = append(out, search.Section{Heading: "When to use this procedure", Anchor: "when-to-use", Text: strings.Join(pr.WhenToUse, " ")})
		}
		for i, st := range pr.Stages {
			n := i + 1
			text := []string{st.Who + ".", st.Summary, st.Timescale(n) + "."}
			for _, f := range pr.Flags {
				if !f.Urgent && (f.FromStage == n || f.FromStage == 0 && n == 1) {
					text = append(text, f.Question, f.Action)
				}
			}
			out = append(out, search.Section{
				Heading: "Stage " + strconv.Itoa(n) + ": " + st.Title,
				Anchor:  "stage-" + strconv.Itoa(n),
				Text:    strings.Join(text, " "),
			})
		}
	case p.kind == "glossary":
		for _, t := range s.glossary {
			out = append(out, glossarySection(t))
		}
	case p.kind == "contacts" && pr != nil:
		var text []string
		for _, c := range pr.Contacts {
			text = append(text, c.Name, c.Role, c.Email, c.Phone, c.URL)
		}
		for _, f := range pr.Flags {
			if f.Urgent {
				text = append(text, f.Question, f.Action)
			}
		}
		out = append(out, search.Section{Text: strings.Join(strings.Fields(strings.Join(text, " ")), " ")})
	case p.kind == "changes" && pr != nil:
		for _, c := range pr.Changes {
			out = append(out, search.Section{Heading: "Version " + c.Version, Anchor: "version-" + markdown.Slug(c.Version), Text: c.Summary})
		}
	}
	return out
}

func glossarySection(t content.Term) search.Section {
	h := t.Term
	if t.Abbr != "" {
		h += " (" + t.Abbr + ")"
	}
	return search.Section{Heading: h, Anchor: markdown.Slug(t.Term), Text: t.Definition}
}

// abbreviations maps each abbreviation in the glossary to the term it
// stands for, for the markdown renderer to mark up with <abbr>.
func abbreviations(tree *content.Tree) map[string]string {
	m := map[string]string{}
	if tree == nil {
		return m
	}
	for _, p := range tree.Pages {
		for _, t := range p.Meta.Glossary {
			if t.Abbr != "" {
				m[t.Abbr] = t.Term
			}
		}
	}
	return m
}
