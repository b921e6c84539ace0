package search

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestHTMLSections(t *testing.T) {
	tests := []struct {
		name string
		page string
		want []Section
	}{
		{"headings, ids from around them, and what is left out", `<!doctype html><html><head><title>T</title><script>var x = "no";</script></head>
<body><header><a href="/">Site</a><input id="site-search"></header>
<main id="main"><span class="caption">HIPS</span><h1>Flowchart</h1><p>The stages, in <strong>order</strong>.</p>
<div hidden><p>Hidden text</p></div><svg><text>Drawn</text></svg><button>Present</button>
<h2 id="the-stages">The stages</h2><ol><li id="stage-1"><details><summary><span>Stage 1</span> <span>Talk</span></summary>
<dl><dt>Who</dt><dd>You and your manager</dd><dt>Timescale</dt><dd>2 working days</dd></dl></details></li>
<li id="stage-2"><h3>Stage 2: <a href="/x/">Inter-agency</a></h3><p>Talk to them<br>today.</p><p aria-hidden="true">Decoration</p></li></ol>
<h2>No id</h2><p>Under it.</p><h2 id="empty"></h2><h2 id="contacts">Contacts</h2><ul><li><h3>One</h3><p>a@b</p></li></ul></main><footer>Footer text</footer></body></html>`,
			[]Section{
				{Text: "HIPS The stages, in order."},
				{Heading: "The stages", Anchor: "the-stages"},
				{Heading: "Stage 1 Talk", Anchor: "stage-1", Text: "Who You and your manager Timescale 2 working days"},
				{Heading: "Stage 2: Inter-agency", Anchor: "stage-2", Text: "Talk to them today."},
				{Heading: "No id", Text: "Under it."},
				{Heading: "Contacts", Anchor: "contacts"},
				{Heading: "One", Anchor: "contacts", Text: "a@b"},
			}},
		{"a glossary's terms", `<main><h1>Glossary</h1><div><p>Words.</p></div><dl class="glossary">
<dt id="iro">Independent Reviewing Officer <abbr>(IRO)</abbr></dt><dd>Chairs reviews.</dd>
<dt id="dsl">Designated safeguarding lead</dt><dd>Leads &amp; supports.</dd></dl></main>`,
			[]Section{
				{Text: "Words."},
				{Heading: "Independent Reviewing Officer (IRO)", Anchor: "iro", Text: "Chairs reviews."},
				{Heading: "Designated safeguarding lead", Anchor: "dsl", Text: "Leads & supports."},
			}},
		{"no main: the body", `<body><h1>T</h1><p>Text</p><h2 id="a">A</h2>b</body>`,
			[]Section{{Text: "Text"}, {Heading: "A", Anchor: "a", Text: "b"}}},
		{"nothing", ``, []Section{{}}},
		{"unclosed", `<main><p>One<h2 id="x">Two<p>three`, []Section{{Text: "One"}, {Heading: "Two three", Anchor: "x"}}},
	}
	for _, tt := range tests {
		if got := HTMLSections([]byte(tt.page)); !slices.Equal(got, tt.want) {
			t.Errorf("%s: HTMLSections =\n%q\nwant\n%q", tt.name, got, tt.want)
		}
	}
}

// FuzzHTMLSections checks that any page gives sections of plain text:
// the first has no heading, and no section is empty but the first.
func FuzzHTMLSections(f *testing.F) {
	f.Add(`<main><h1>T</h1><p>a</p><h2 id="x">H</h2><li id="y"><h3>I</h3>t</li></main>`)
	f.Add(`<body><dl><dt id="a">A</dt><dd>d</dd></dl><svg><h2>no</h2></svg><div hidden><h2>no</h2></div></body>`)
	f.Add(`<main><summary><h2>x</h2></summary></main></main><main>`)
	f.Fuzz(func(t *testing.T, page string) {
		secs := HTMLSections([]byte(page))
		if len(secs) == 0 || secs[0].Heading != "" || secs[0].Anchor != "" {
			t.Fatalf("HTMLSections(%q) = %q: the first section is not the page's own", page, secs)
		}
		for i, s := range secs {
			if i > 0 && s.Heading == "" && s.Text == "" {
				t.Errorf("HTMLSections(%q): section %d is empty", page, i)
			}
			for _, v := range []string{s.Heading, s.Text} {
				if v != strings.Join(strings.Fields(v), " ") {
					t.Errorf("HTMLSections(%q): %q has loose spaces", page, v)
				}
				if utf8.ValidString(page) && !utf8.ValidString(v) {
					t.Errorf("HTMLSections(%q): %q is not UTF-8", page, v)
				}
			}
		}
	})
}
