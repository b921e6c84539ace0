package markdown

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

var testAbbrs = map[string]string{
	"IRO":  "Independent Reviewing Officer",
	"DSL":  "Designated safeguarding lead",
	"HIPS": "Hampshire, Isle of Wight, Portsmouth & Southampton",
}

func renderWith(t testing.TB, r *Renderer, body string) string {
	t.Helper()
	doc, err := r.Render([]byte(body), 1, nil)
	if err != nil {
		t.Fatalf("Render(%q): %v", body, err)
	}
	return strings.TrimSpace(string(doc.HTML))
}

func TestAbbreviations(t *testing.T) {
	r := New(WithAbbreviations(testAbbrs))
	tests := []struct{ body, want string }{
		{"Tell the IRO.", `<p>Tell the <abbr title="Independent Reviewing Officer">IRO</abbr>.</p>`},
		// First use only, per page.
		{"The IRO and the IRO.", `<p>The <abbr title="Independent Reviewing Officer">IRO</abbr> and the IRO.</p>`},
		{"Para one: IRO.\n\nPara two: IRO.", "<p>Para one: <abbr title=\"Independent Reviewing Officer\">IRO</abbr>.</p>\n<p>Para two: IRO.</p>"},
		// Several in one text, in order of use.
		{"The DSL tells the IRO.", `<p>The <abbr title="Designated safeguarding lead">DSL</abbr> tells the <abbr title="Independent Reviewing Officer">IRO</abbr>.</p>`},
		// Whole words in the same case, and plurals.
		{"IROs chair reviews.", `<p><abbr title="Independent Reviewing Officer">IRO</abbr>s chair reviews.</p>`},
		{"HIROSHIMA and iro and IRO2 and xIRO.", `<p>HIROSHIMA and iro and IRO2 and xIRO.</p>`},
		{"The IRO’s view.", `<p>The <abbr title="Independent Reviewing Officer">IRO</abbr>’s view.</p>`},
		{"The IRO's view.", `<p>The <abbr title="Independent Reviewing Officer">IRO</abbr>’s view.</p>`},
		// Not in headings, links or code; the first use is the next one outside.
		{"## Ask the IRO\n\nSee [the IRO](/iro/) and `IRO`, then the IRO.", "<h2 id=\"ask-the-iro\"><a href=\"#ask-the-iro\" class=\"heading-link\">Ask the IRO</a></h2>\n<p>See <a href=\"/iro/\">the IRO</a> and <code>IRO</code>, then the <abbr title=\"Independent Reviewing Officer\">IRO</abbr>.</p>"},
		// The title is escaped.
		{"In HIPS.", `<p>In <abbr title="Hampshire, Isle of Wight, Portsmouth &amp; Southampton">HIPS</abbr>.</p>`},
		// Emphasis and line breaks survive.
		{"The *DSL*\nand the IRO\nagree.", "<p>The <em><abbr title=\"Designated safeguarding lead\">DSL</abbr></em>\nand the <abbr title=\"Independent Reviewing Officer\">IRO</abbr>\nagree.</p>"},
	}
	for _, tt := range tests {
		if got := renderWith(t, r, tt.body); got != tt.want {
			t.Errorf("Render(%q) =\n%s\nwant\n%s", tt.body, got, tt.want)
		}
	}
}

func TestAbbreviationsKeepText(t *testing.T) {
	r := New(WithAbbreviations(testAbbrs), WithSections())
	doc, err := r.Render([]byte("## Heading\n\nThe DSL tells the IRO, and IROs agree.\n"), 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := "The DSL tells the IRO, and IROs agree."
	if len(doc.Sections) != 1 || doc.Sections[0].Text != want {
		t.Errorf("Sections = %+v; want one with text %q", doc.Sections, want)
	}
}

func TestNoAbbreviations(t *testing.T) {
	for _, r := range []*Renderer{New(), New(WithAbbreviations(nil)), New(WithAbbreviations(map[string]string{"": "x", "IRO": ""}))} {
		if got, want := renderWith(t, r, "Tell the IRO."), "<p>Tell the IRO.</p>"; got != want {
			t.Errorf("Render without abbreviations = %s; want %s", got, want)
		}
	}
}

// TestAbbreviationsGolden renders a page of the kind the site has.
func TestAbbreviationsGolden(t *testing.T) {
	in, err := os.ReadFile(filepath.Join("testdata", "abbr.md"))
	if err != nil {
		t.Fatal(err)
	}
	got := []byte(renderWith(t, New(WithAbbreviations(testAbbrs)), string(in)) + "\n")
	golden := filepath.Join("testdata", "abbr.golden")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("rendering testdata/abbr.md differs from %s (run go test -update if the change is right):\n%s", golden, got)
	}
}

func FuzzAbbreviations(f *testing.F) {
	in, err := os.ReadFile(filepath.Join("testdata", "abbr.md"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(in))
	f.Add("The IRO and DSLs, IROs’ HIPS.")
	f.Add("`IRO` [IRO](x) **IRO**")
	r := New(WithAbbreviations(testAbbrs), WithSections())
	plain := New(WithSections())
	f.Fuzz(func(t *testing.T, body string) {
		doc, err := r.Render([]byte(body), 1, nil)
		if err != nil {
			t.Fatal(err)
		}
		ref, err := plain.Render([]byte(body), 1, nil)
		if err != nil {
			t.Fatal(err)
		}
		// Marking abbreviations changes markup only: the text of every
		// section is the same, and there is at most one <abbr> each.
		if len(doc.Sections) != len(ref.Sections) {
			t.Fatalf("%d sections with abbreviations, %d without", len(doc.Sections), len(ref.Sections))
		}
		for i := range doc.Sections {
			if doc.Sections[i] != ref.Sections[i] {
				t.Fatalf("section %d is %+v with abbreviations, %+v without", i, doc.Sections[i], ref.Sections[i])
			}
		}
		for _, title := range testAbbrs {
			esc := strings.ReplaceAll(title, "&", "&amp;")
			if n := bytes.Count(doc.HTML, []byte(`<abbr title="`+esc+`">`)); n > 1 {
				t.Fatalf("%q is marked %d times", title, n)
			}
		}
	})
}
