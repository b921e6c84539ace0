package markdown

import (
	"strconv"
	"strings"
	"testing"
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
	r := New()
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
