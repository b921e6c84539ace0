package content

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

func TestParse(t *testing.T) {
	p, problems := Parse("content/a.md", []byte("---\ntitle: A page\nweight: 3\ndescription: About it.\n---\n# Body\n\nText.\n"))
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	if p.Meta.Title != "A page" || p.Meta.Weight != 3 || p.Meta.Description != "About it." {
		t.Errorf("meta = %+v", p.Meta)
	}
	if p.BodyLine != 6 || !strings.HasPrefix(string(p.Body), "# Body") {
		t.Errorf("body starts on line %d with %q; want line 6 and # Body", p.BodyLine, p.Body)
	}
	if got := p.Line("weight"); got != 3 {
		t.Errorf("Line(weight) = %d; want 3", got)
	}
}

func TestParseProblems(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"no front matter", "# Just markdown\n", "content/a.md:1: no front matter"},
		{"unclosed", "---\ntitle: A\n\nBody text\n", "content/a.md:1: the front matter opened here is never closed"},
		{"unclosed after blank lines", "\n\n---\ntitle: A\n", "content/a.md:3: the front matter opened here is never closed"},
		{"unknown key", "---\ntitle: A\ntitel: B\n---\n", `content/a.md:3: unknown key "titel"`},
		{"nested unknown key", "---\ntitle: A\nprotocol:\n  id: x\n  colour: red\n---\n", `content/a.md:5: unknown key "colour"`},
		{"bad YAML", "---\ntitle: A\n  weight: 2\n---\n", "content/a.md:3: front matter is not valid YAML"},
		{"bad date", "---\ntitle: A\nprotocol:\n  published: 2023-02-29\n---\n", `content/a.md:4: "2023-02-29" is not a real date`},
		{"wrong type", "---\ntitle: A\nweight: [1]\n---\n", "content/a.md:3: expected a whole number"},
		{"not UTF-8", "---\ntitle: A\n---\n\xff\n", "content/a.md:4: the file is not UTF-8 text"},
		{"empty title", "---\ntitle: \"\"\n---\n", "content/a.md:2: the page has no title"},
		{"empty front matter", "---\n---\nBody\n", "content/a.md:1: the page has no title"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, problems := Parse("content/a.md", []byte(tt.data))
			if len(problems) == 0 {
				t.Fatalf("Parse(%q) found no problem; want %q", tt.data, tt.want)
			}
			got := problems.Error()
			if !strings.Contains(got, tt.want) {
				t.Errorf("Parse(%q) = %s; want %s", tt.data, got, tt.want)
			}
			if p != nil && problems.Errors() > 0 && !strings.Contains(tt.want, "no title") {
				t.Errorf("Parse returned a page with errors")
			}
		})
	}
}

func TestLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"_index.md":        {Data: []byte("---\ntitle: Home\n---\n")},
		"a/_index.md":      {Data: []byte("---\ntitle: A\n---\n")},
		"a/page.md":        {Data: []byte("---\ntitle: Page\n---\n")},
		"a/image.png":      {Data: []byte("png")},
		".hidden/x.md":     {Data: []byte("not even front matter")},
		"a/.draft.md":      {Data: []byte("nor this")},
		"b/broken.md":      {Data: []byte("---\ntitle: B\n")},
		"b/also-broken.md": {Data: []byte("---\nnope: 1\ntitle: C\n---\n")},
	}
	tree, problems := Load(fsys, "content")
	if len(tree.Pages) != 3 {
		t.Errorf("loaded %d pages; want 3", len(tree.Pages))
	}
	for i, want := range []string{"_index.md", "a/_index.md", "a/page.md"} {
		if i < len(tree.Pages) && tree.Pages[i].Path != want {
			t.Errorf("page %d = %s; want %s", i, tree.Pages[i].Path, want)
		}
	}
	if len(tree.Assets) != 1 || tree.Assets[0] != "a/image.png" {
		t.Errorf("assets = %v", tree.Assets)
	}
	// Every problem is reported, not just the first.
	msg := problems.Error()
	for _, want := range []string{"content/b/broken.md:1:", `content/b/also-broken.md:2: unknown key "nope"`} {
		if !strings.Contains(msg, want) {
			t.Errorf("problems = %s; want %s", msg, want)
		}
	}
}

// FuzzParse checks that no input makes the front matter loader panic, that
// a page is only returned without errors, and that every problem names the
// file and a line inside it.
func FuzzParse(f *testing.F) {
	seeds := []string{
		"---\ntitle: A\n---\nBody\n",
		"---\ntitle: A\nprotocol:\n  id: hips\n  stages:\n    - title: S\n      due: {working_days: 2, after: concern}\n---\n",
		"---\ntitle: A\n",
		"\n\n---\n---\n",
		"---\ntitle: [\n---\n",
		"---\ncalendars:\n  - id: g\n    add: [{date: 2025-05-09, name: L}]\n---\n",
		"\xef\xbb\xbf---\ntitle: BOM\n---\n",
		"---\r\ntitle: CRLF\r\n---\r\nBody\r\n",
		"---\ntitle: A\ndraft: true\naliases: [/old/, old-name/]\ndate: 2024-06-01T09:30:00+01:00\nlastmod: 2024-07-01\n---\n",
		"---\ntitle: &a A\ndescription: *a\n---\n",
		"---\ntitle: \"open\nweight: 1\nx: \"y\"\n---\n",
		"---\ntitle: A\ntitle: B\n---\n",
		"---\n- a\n- b\n---\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	// Every mistake of the YAML golden test, made in a real protocol.
	if base, err := os.ReadFile("testdata/hips_index.md"); err == nil {
		t := &testing.T{}
		for _, m := range yamlMistakes {
			f.Add([]byte(applyEdits(t, string(base), m.edits)))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, problems := Parse("c.md", data)
		lines := strings.Count(string(data), "\n") + 1
		for _, pr := range problems {
			if pr.Path != "c.md" {
				t.Errorf("problem names %q", pr.Path)
			}
			if pr.Line < 1 || pr.Line > lines+1 {
				t.Errorf("problem line %d outside the file's %d lines: %s", pr.Line, lines, pr)
			}
		}
		if p != nil {
			for _, keys := range [][]string{{"title"}, {"protocol", "stages", "0", "due"}, {"aliases", "1"}, {}} {
				if l := p.Line(keys...); l < 1 || l > lines {
					t.Errorf("Line(%q) = %d, outside the file's %d lines", keys, l, lines)
				}
				if l := p.KeyLine(keys...); l < 1 || l > lines {
					t.Errorf("KeyLine(%q) = %d, outside the file's %d lines", keys, l, lines)
				}
			}
		}
		if p != nil && problems.Errors() == 0 {
			if strings.TrimSpace(p.Meta.Title) == "" {
				t.Error("page without a title passed")
			}
			if !utf8.Valid(p.Body) {
				t.Error("body is not UTF-8")
			}
		}
	})
}
