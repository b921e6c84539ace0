package content

import (
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"

	"resolve/internal/diag"
	"resolve/internal/protocol"
	"resolve/internal/protocol/check"
	"resolve/internal/workday"
)

// Protocol is a protocol a tree declares, checked, with the calendar it
// counts working days on.
type Protocol struct {
	Protocol *protocol.Protocol
	Calendar *workday.Calendar // nil when the protocol names an unknown calendar (an error)
	Page     *Page             // the _index.md that declares it
}

// Catalog is what a tree declares beyond its pages: its protocols and the
// calendars they count days on. It is all `resolve plan` and `resolve
// audit` need, and what a build starts from.
type Catalog struct {
	Protocols []*Protocol                  // sorted by id
	Calendars map[string]*workday.Calendar // the built-in calendars and the tree's own, by id
}

// Catalog loads the tree's custom calendars and checks its protocols (with
// package check; today is for review-date warnings, zero for none). It
// returns what it could load and every problem, custom calendars' first.
func (t *Tree) Catalog(today workday.Date) (*Catalog, diag.List) {
	var problems diag.List
	c := &Catalog{Calendars: map[string]*workday.Calendar{}}
	for _, id := range workday.BuiltinIDs() {
		c.Calendars[id], _ = workday.Builtin(id)
	}
	declared := t.loadCalendars(c.Calendars, &problems)
	c.Protocols = t.loadProtocols(c.Calendars, declared, today, &problems)
	return c, problems
}

// loadCalendars adds the calendars of every page's calendars: list to cals,
// and returns every id declared, including those of calendars with
// problems: a protocol that names one is not also told its calendar is
// unknown.
func (t *Tree) loadCalendars(cals map[string]*workday.Calendar, problems *diag.List) map[string]bool {
	declared := map[string]bool{}
	type declaration struct {
		file string
		line int
	}
	seen := map[string]declaration{}
	for _, p := range t.Pages {
		for i, spec := range p.Meta.Calendars {
			declared[spec.ID] = true
			line := p.Line("calendars", strconv.Itoa(i), "id")
			if d, ok := seen[spec.ID]; ok {
				problems.Add(p.File, line, "calendar "+strconv.Quote(spec.ID)+" is already defined at "+d.file+":"+strconv.Itoa(d.line))
				continue
			}
			if _, ok := workday.Builtin(spec.ID); ok {
				problems.Add(p.File, line, "calendar "+strconv.Quote(spec.ID)+" is built in: give the custom calendar another id")
				continue
			}
			cal, err := workday.NewCustom(spec)
			if err != nil {
				problems.Add(p.File, line, "calendar "+strconv.Quote(spec.ID)+": "+err.Error())
				continue
			}
			seen[spec.ID] = declaration{p.File, line}
			cals[spec.ID] = cal
		}
	}
	return declared
}

// loadProtocols checks every protocol: block, that each lives in a
// top-level folder's _index.md, that ids are unique and that the pages its
// stages name exist. A calendar declared with problems, or that a page
// which could not be read may declare, is not also reported unknown: the
// protocol's Calendar is then nil.
func (t *Tree) loadProtocols(cals map[string]*workday.Calendar, declared map[string]bool, today workday.Date, problems *diag.List) []*Protocol {
	var out []*Protocol
	ids := map[string]string{}
	for _, p := range t.Pages {
		pr := p.Meta.Protocol
		if pr == nil {
			continue
		}
		folder := p.Dir
		if strings.Contains(folder, "/") || folder == "." {
			problems.Add(p.File, p.KeyLine("protocol"), "a protocol lives in a top-level folder, content/<id>/_index.md")
			continue
		}
		*problems = append(*problems, check.Protocol(pr, check.Env{
			File:          p.File,
			Folder:        folder,
			Line:          p.Line,
			CalendarKnown: func(id string) bool { return cals[id] != nil || declared[id] || len(t.Broken) > 0 },
			Today:         today,
		})...)
		if prev, ok := ids[pr.ID]; ok {
			problems.Add(p.File, p.Line("protocol", "id"), "protocol id "+strconv.Quote(pr.ID)+" is already used by "+prev)
		}
		ids[pr.ID] = p.File
		for i, st := range pr.Stages {
			if st.Page != "" && t.isDraft(path.Join(folder, st.Page)) {
				problems.Add(p.File, p.Line("protocol", "stages", strconv.Itoa(i), "page"), "stage "+strconv.Itoa(i+1)+" page "+strconv.Quote(st.Page)+" has draft: true, so it is not published: publish it, or take page: off the stage")
			} else if st.Page != "" && !t.Has(path.Join(folder, st.Page)) {
				// The page's File is the content folder's name joined to its path.
				problems.Add(p.File, p.Line("protocol", "stages", strconv.Itoa(i), "page"), "stage "+strconv.Itoa(i+1)+" page "+strconv.Quote(st.Page)+" does not exist in "+path.Dir(p.File))
			}
		}
		out = append(out, &Protocol{Protocol: pr, Calendar: cals[pr.Calendar], Page: p})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Protocol.ID < out[j].Protocol.ID })
	return out
}

// Has reports whether the tree has a page at the slash path p, whether or
// not it could be read (see Broken).
func (t *Tree) Has(p string) bool {
	for _, q := range t.Pages {
		if q.Path == p {
			return true
		}
	}
	_, broken := slices.BinarySearch(t.Broken, p)
	return broken
}
