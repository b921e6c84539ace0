package markdown

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Café: résumé!", "cafe-resume"},
		{"Stage 1: discussion with your line manager", "stage-1-discussion-with-your-line-manager"},
		{"  What's the child's plan?  ", "whats-the-childs-plan"},
		{"Working Together (2023)", "working-together-2023"},
		{"Ærø – øre", "r-re"}, // letters with no ASCII decomposition are dropped, not mangled
		{"!!!", ""},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestRender(t *testing.T) {
	r := New(WithSections())
	body := []byte("Intro text.\n\n## Café: résumé!\n\nSee [stage 2](stage-2.md#who) and\n[the site](/hips/contacts/).\n\n## Café: résumé!\n\n![A chart](chart.png)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nA note.[^1]\n\n[^1]: The footnote.\n")
	var asked []string
	doc, err := r.Render(body, 10, func(dest string, line int) (string, bool) {
		asked = append(asked, dest+"@"+strconv.Itoa(line))
		return "/resolved/" + dest, true
	})
	if err != nil {
		t.Fatal(err)
	}
	html := string(doc.HTML)
	for _, want := range []string{
		`<h2 id="cafe-resume"><a href="#cafe-resume" class="heading-link">Café: résumé!</a></h2>`,
		`<h2 id="cafe-resume-2">`,
		`href="/resolved/stage-2.md#who"`,
		`src="/resolved/chart.png"`,
		`<table>`,
		`class="footnotes"`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %s\n%s", want, html)
		}
	}
	if got := strings.Join(asked, " "); got != "stage-2.md#who@14 /hips/contacts/@15 chart.png@19" {
		t.Errorf("the resolver was asked %s", got)
	}
	if len(doc.Headings) != 2 || doc.Headings[0].Line != 12 || doc.Headings[1].Line != 17 {
		t.Errorf("headings = %+v; want two, on lines 12 and 17", doc.Headings)
	}
	wantLinks := []Link{
		{Dest: "stage-2.md#who", Text: "stage 2", Line: 14},
		{Dest: "/hips/contacts/", Text: "the site", Line: 15},
		{Dest: "chart.png", Text: "A chart", Image: true, Line: 19},
	}
	if len(doc.Links) < len(wantLinks) {
		t.Fatalf("links = %+v; want at least %+v", doc.Links, wantLinks)
	}
	for i, w := range wantLinks {
		if doc.Links[i] != w {
			t.Errorf("link %d = %+v; want %+v", i, doc.Links[i], w)
		}
	}
	if len(doc.Sections) != 3 || doc.Sections[0].Text != "Intro text." || doc.Sections[1].ID != "cafe-resume" {
		t.Errorf("sections = %+v", doc.Sections)
	}
}

func TestRawHTMLNotRendered(t *testing.T) {
	doc, err := New().Render([]byte("<script>alert(1)</script>\n\nText <b onclick=x>bold</b>\n"), 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(doc.HTML), "<script") || strings.Contains(string(doc.HTML), "onclick") {
		t.Errorf("raw HTML passed through: %s", doc.HTML)
	}
}

// TestSections checks the plain text of each section that search indexes:
// every block's text once, blocks apart, white space collapsed, code as
// written, typographic characters as characters rather than entities.
func TestSections(t *testing.T) {
	tests := []struct {
		name, body string
		want       []Section
	}{
		{"empty", "", nil},
		{"text before any heading", "One\ntwo  three.\n\nFour.", []Section{{Text: "One two three. Four."}}},
		{"headings split", "Intro.\n\n## A\n\nText *a*.\n\n### B\n\nText `b`.\n", []Section{
			{Text: "Intro."},
			{Heading: "A", ID: "a", Text: "Text a."},
			{Heading: "B", ID: "b", Text: "Text b."},
		}},
		{"empty section kept for its heading", "## A\n## B\nx", []Section{{Heading: "A", ID: "a"}, {Heading: "B", ID: "b", Text: "x"}}},
		{"typography", "## The child's plan -- \"now\"...\n\nIt's done --- \"really\".", []Section{
			{Heading: "The child’s plan – “now”…", ID: "the-childs-plan-now", Text: "It’s done — “really”."},
		}},
		{"lists and quotes", "- one\n- two\n\n> quoted\n> ## inner heading\n\n1. three", []Section{{Text: "one two quoted inner heading three"}}},
		{"table", "| a | b |\n|---|---|\n| 1 | 2 |\n", []Section{{Text: "a b 1 2"}}},
		{"code", "```\nx := 1\n  y\n```\n\n    indented\n", []Section{{Text: "x := 1 y indented"}}},
		{"links", "See [the plan](plan.md) and <https://example.org/a>.", []Section{{Text: "See the plan and https://example.org/a."}}},
		{"heading with a link", "## [Linked](x.md) heading\n\nBody.", []Section{{Heading: "Linked heading", ID: "linked-x-md-heading", Text: "Body."}}},
		{"unicode spaces", "a\u00a0\u00a0b\u2003c", []Section{{Text: "a b c"}}},
		{"footnotes", "Claim.[^1]\n\n[^1]: The source.\n", []Section{{Text: "Claim. The source."}}},
	}
	r := New(WithSections())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := r.Render([]byte(tt.body), 1, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Sections) != len(tt.want) {
				t.Fatalf("sections = %q; want %q", doc.Sections, tt.want)
			}
			for i := range tt.want {
				if doc.Sections[i] != tt.want[i] {
					t.Errorf("section %d = %q; want %q", i, doc.Sections[i], tt.want[i])
				}
			}
		})
	}
}

// TestNoSections checks that without WithSections no text is collected,
// while headings and links still are.
func TestNoSections(t *testing.T) {
	doc, err := New().Render([]byte("Intro.\n\n## A\n\nSee [b](b.md).\n"), 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Sections) != 0 || len(doc.Headings) != 1 || len(doc.Links) != 1 {
		t.Errorf("sections %q, headings %v, links %v; want no sections, one heading and one link", doc.Sections, doc.Headings, doc.Links)
	}
}

// FuzzSpacedText checks the section text collector against what it stands
// for, strings.Fields joined with single spaces, however the text arrives
// in pieces of whole characters.
func FuzzSpacedText(f *testing.F) {
	f.Add("  one two\t\tthree \n four  ", uint8(3))
	f.Add("a\u00a0\u2003b  c\u3000", uint8(1))
	f.Add("x \xff y", uint8(2))
	f.Fuzz(func(t *testing.T, s string, cut uint8) {
		var st spacedText
		rest := []byte(s)
		for len(rest) > 0 {
			// Pieces are whole characters, as goldmark's segments are.
			n := min(int(cut)%7+1, len(rest))
			for n < len(rest) && !utf8.RuneStart(rest[n]) {
				n++
			}
			st.add(rest[:n])
			rest = rest[n:]
			if cut%3 == 0 {
				st.gap()
			}
		}
		want := strings.Join(strings.Fields(s), " ")
		if cut%3 == 0 {
			// A gap after every piece can split a word: compare the
			// letters only.
			if got := strings.ReplaceAll(st.String(), " ", ""); got != strings.ReplaceAll(want, " ", "") {
				t.Fatalf("pieces of %q with gaps gave %q", s, st.String())
			}
			return
		}
		if got := st.String(); got != want {
			t.Fatalf("pieces of %q gave %q; want %q", s, got, want)
		}
	})
}

func TestDangerousScheme(t *testing.T) {
	tests := []struct {
		dest, scheme string
		bad          bool
	}{
		{"javascript:alert(1)", "javascript", true},
		{"JavaScript:alert(1)", "javascript", true},
		{" \x01java\tscript:alert(1)", "javascript", true},
		{"java\nscript:alert(1)", "javascript", true},
		{"vbscript:msgbox", "vbscript", true},
		{"data:text/html,<script>", "data", true},
		{"DATA:image/png;base64,AAAA", "data", true},
		{"https://example.org/javascript:", "https", false},
		{"mailto:a@example.org", "mailto", false},
		{"../javascript:x", "", false},
		{"stage-2.md", "", false},
		{"/hips/", "", false},
		{"#javascript:", "", false},
	}
	for _, tt := range tests {
		scheme, bad := DangerousScheme(tt.dest)
		if scheme != tt.scheme || bad != tt.bad {
			t.Errorf("DangerousScheme(%q) = %q, %v; want %q, %v", tt.dest, scheme, bad, tt.scheme, tt.bad)
		}
	}
}

// FuzzRenderLinks renders any markdown and checks every link's and
// heading's line: inside the body, on the line where the link's [ or < is
// written, the line the resolver was told, and moved by exactly as much as
// the body's first line moves.
func FuzzRenderLinks(f *testing.F) {
	for _, s := range []string{
		"See [stage 2](stage-2.md#who) and\n[the site](/hips/contacts/).\n",
		"## Heading\n\n![A chart](chart.png)\n\n<https://example.org/>\n",
		"[multi\nline](x.md) text [ref][r]\n\n[r]: /ref/\n",
		"> quote [a](b)\n>\n> - item [c](d)\n",
		"| a | [b](c) |\n|---|---|\n| [d](e) | f |\n",
		"text\r\n[crlf](x)\r\n",
		"[](empty) [x]() <mailto:a@example.org>\n",
		"Note.[^1]\n\n[^1]: A [footnote link](f.md).\n",
		string(linkHeavy(2000)),
	} {
		f.Add([]byte(s), 1)
	}
	r := New()
	f.Fuzz(func(t *testing.T, body []byte, first int) {
		if first < 1 || first > 1<<20 {
			first = 1
		}
		told := map[string][]int{}
		resolve := func(dest string, line int) (string, bool) {
			told[dest] = append(told[dest], line)
			return "", false
		}
		doc, err := r.Render(body, first, resolve)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(body), "\n")
		last := first + len(lines) - 1
		for _, h := range doc.Headings {
			if h.Line < first || h.Line > last {
				t.Errorf("heading %q on line %d, outside lines %d to %d", h.Text, h.Line, first, last)
			}
		}
		seen := map[string]int{}
		for _, l := range doc.Links {
			if l.Line < first || l.Line > last {
				t.Fatalf("link %q on line %d, outside lines %d to %d", l.Dest, l.Line, first, last)
			}
			text := lines[l.Line-first]
			if !strings.ContainsAny(text, "[<") {
				t.Errorf("link %q on line %d, which has no [ or <: %q", l.Dest, l.Line, text)
			}
			if l.Dest == "" || strings.HasPrefix(l.Dest, "#") || told[l.Dest] == nil {
				continue
			}
			// The resolver hears of links and images, not autolinks.
			if i := seen[l.Dest]; i < len(told[l.Dest]) && told[l.Dest][i] != l.Line {
				t.Errorf("link %q: the resolver was told line %d; Doc says %d", l.Dest, told[l.Dest][i], l.Line)
			}
			seen[l.Dest]++
		}
		moved, err := r.Render(body, first+7, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(moved.Links) != len(doc.Links) || len(moved.Headings) != len(doc.Headings) {
			t.Fatalf("moving the first line changed what was found")
		}
		for i, l := range moved.Links {
			if l.Line != doc.Links[i].Line+7 {
				t.Errorf("link %q: line %d from line %d; %d from line %d", l.Dest, doc.Links[i].Line, first, l.Line, first+7)
			}
		}
	})
}
