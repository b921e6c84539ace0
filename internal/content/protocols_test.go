package content

import (
	"strings"
	"testing"
	"testing/fstest"

	"resolve/internal/workday"
)

// protocolPage is the _index.md of a minimal valid protocol with the given
// id and calendar, and extra lines added to its protocol: block.
func protocolPage(id, calendar, extra string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte(`---
title: ` + id + `
protocol:
  id: ` + id + `
  partnership: A partnership
  calendar: ` + calendar + `
  version: "1"
  published: 2025-01-01
  review_due: 2030-01-01
  when_to_use: [A disagreement.]
  stages:
    - {title: Talk, who: You, summary: Talk it through., due: {working_days: 2, after: concern}}
` + extra + `---
`)}
}

const islands = `---
title: Islands
calendars:
  - {id: islands, name: The islands, base: england-and-wales, add: [{date: 2025-05-09, name: Liberation Day}]}
---
`

func TestCatalog(t *testing.T) {
	fsys := fstest.MapFS{
		"_index.md":       {Data: []byte("---\ntitle: Home\n---\n")},
		"zeta/_index.md":  protocolPage("zeta", "islands", ""),
		"alpha/_index.md": protocolPage("alpha", "scotland", "    - {title: Panel, who: Managers, summary: They meet., page: panel.md}\n"),
		"alpha/panel.md":  {Data: []byte("---\ntitle: Panel\n---\n")},
		"islands.md":      {Data: []byte(islands)},
	}
	tree, problems := Load(fsys, "content")
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	cat, problems := tree.Catalog(workday.Date{Year: 2026, Month: 1, Day: 1})
	if len(problems) > 0 {
		t.Fatalf("Catalog: %v", problems)
	}
	var ids []string
	for _, p := range cat.Protocols {
		ids = append(ids, p.Protocol.ID+"/"+p.Calendar.ID()+"/"+p.Page.File)
	}
	if got, want := strings.Join(ids, " "), "alpha/scotland/content/alpha/_index.md zeta/islands/content/zeta/_index.md"; got != want {
		t.Errorf("protocols (id/calendar/file) = %s; want %s, sorted by id", got, want)
	}
	for _, id := range append(workday.BuiltinIDs(), "islands") {
		if cat.Calendars[id] == nil {
			t.Errorf("Calendars has no %s", id)
		}
	}
}

func TestCatalogProblems(t *testing.T) {
	tests := []struct {
		name  string
		files fstest.MapFS
		want  string
	}{
		{"calendar defined twice", fstest.MapFS{"a.md": {Data: []byte(islands)}, "b.md": {Data: []byte(islands)}},
			`content/b.md:4: calendar "islands" is already defined at content/a.md:4`},
		{"calendar with a built-in id", fstest.MapFS{"a.md": {Data: []byte(strings.Replace(islands, "id: islands", "id: scotland", 1))}},
			`content/a.md:4: calendar "scotland" is built in: give the custom calendar another id`},
		{"calendar with a bad base", fstest.MapFS{"a.md": {Data: []byte(strings.Replace(islands, "base: england-and-wales", "base: mars", 1))}},
			`content/a.md:4: calendar "islands": `},
		{"protocol not at the top", fstest.MapFS{"a/b/_index.md": protocolPage("b", "scotland", "")},
			"content/a/b/_index.md:3: a protocol lives in a top-level folder, content/<id>/_index.md"},
		{"protocol checked", fstest.MapFS{"a/_index.md": protocolPage("a", "mars", "")},
			`content/a/_index.md:6: protocol: unknown calendar "mars"`},
		{"id used twice", fstest.MapFS{"a/_index.md": protocolPage("a", "scotland", ""), "b/_index.md": protocolPage("a", "scotland", "")},
			`content/b/_index.md:4: protocol id "a" is already used by content/a/_index.md`},
		{"stage page missing", fstest.MapFS{"a/_index.md": protocolPage("a", "scotland", "    - {title: Panel, who: Managers, summary: They meet., page: panel.md}\n")},
			`content/a/_index.md:13: stage 2 page "panel.md" does not exist in content/a`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tree, problems := Load(tc.files, "content")
			if len(problems) > 0 {
				t.Fatal(problems)
			}
			_, problems = tree.Catalog(workday.Date{})
			if got := problems.Error(); !strings.Contains(got, tc.want) {
				t.Errorf("Catalog problems:\n%s\nwant one containing\n%s", got, tc.want)
			}
		})
	}
}
