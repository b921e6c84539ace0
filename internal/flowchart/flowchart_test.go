package flowchart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"resolve/internal/protocol"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// pageURL is the PageURL the tests pass: a stage's page under the protocol.
func pageURL(page string) string { return "/hips/" + page + "/" }

func draw(t testing.TB, p *protocol.Protocol) *Chart {
	t.Helper()
	c, err := Draw(p, Options{PageURL: pageURL})
	if err != nil {
		t.Fatalf("Draw(%s): %v", p.ID, err)
	}
	return c
}

// preview is a page showing every fragment, so a golden file can be opened
// in a browser with the real stylesheet and script.
func preview(name string, c *Chart) []byte {
	var b bytes.Buffer
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n")
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	b.WriteString("<title>" + name + " flowchart (golden file)</title>\n")
	b.WriteString("<link rel=\"stylesheet\" href=\"../../../static/css/flowchart.css\">\n")
	b.WriteString("<script src=\"../../../static/js/flowchart.js\" defer></script>\n")
	b.WriteString("</head>\n<body>\n<main>\n<h1>" + name + " flowchart</h1>\n<div class=\"fc\">\n")
	b.WriteString(string(c.Trainer))
	b.WriteString(string(c.Compact))
	b.WriteString(string(c.Inline))
	b.WriteString("<h2 id=\"the-stages\">The stages in order</h2>\n")
	b.WriteString(string(c.Steps))
	b.WriteString("</div>\n</main>\n</body>\n</html>\n")
	return b.Bytes()
}

func TestGolden(t *testing.T) {
	for _, ex := range examples() {
		c := draw(t, ex.p)
		golden(t, ex.name+".svg", c.SVG)
		golden(t, ex.name+".html", preview(ex.name, c))
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the drawing (run go test -update and review the diff):\n%s", path, firstDiff(got, want))
	}
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, gl, wl)
		}
	}
	return "(only in line endings)"
}

// svgText returns the text of each <text> element of an SVG document or
// fragment, and an error if it is not well-formed XML.
func svgText(b []byte) ([]string, error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	var texts []string
	depth, inText := 0, false
	var cur strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			depth++
			if tok.Name.Local == "text" {
				inText = true
				cur.Reset()
			}
		case xml.EndElement:
			depth--
			if tok.Name.Local == "text" {
				inText = false
				texts = append(texts, cur.String())
			}
		case xml.CharData:
			if inText {
				cur.Write(tok)
			}
		}
	}
	if depth != 0 {
		return nil, errors.New("unclosed elements at the end")
	}
	return texts, nil
}

// voidElements are the HTML elements that have no end tag.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
}

// checkHTML reports whether b is a well-formed HTML fragment: every element
// that needs an end tag has one, properly nested.
func checkHTML(b []byte) error {
	z := html.NewTokenizer(bytes.NewReader(b))
	var open []string
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				return z.Err()
			}
			if len(open) > 0 {
				return fmt.Errorf("unclosed <%s>", strings.Join(open, "> <"))
			}
			return nil
		case html.StartTagToken:
			name, _ := z.TagName()
			if !voidElements[string(name)] {
				open = append(open, string(name))
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if len(open) == 0 || open[len(open)-1] != string(name) {
				return fmt.Errorf("</%s> closes nothing open (open: %v)", name, open)
			}
			open = open[:len(open)-1]
		}
	}
}

// htmlText is the visible text of an HTML fragment, white space collapsed.
func htmlText(t testing.TB, b []byte) string {
	t.Helper()
	nodes, err := html.ParseFragment(bytes.NewReader(b), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		t.Fatal(err)
	}
	var s strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			s.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return strings.Join(strings.Fields(s.String()), " ")
}

// squeeze removes all white space, so text wrapped over lines (even inside a
// word too long for a line) can be found in the lines joined up.
func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }

func TestTextInChartAndList(t *testing.T) {
	for _, ex := range examples() {
		c := draw(t, ex.p)
		for _, chart := range []struct {
			name string
			b    []byte
			who  bool // the compact chart leaves who is involved to the list
		}{{"SVG", c.SVG, false}, {"Compact", []byte(c.Compact), false}, {"Inline", []byte(c.Inline), true}} {
			texts, err := svgText(chart.b)
			if err != nil {
				t.Fatalf("%s: %s is not well-formed XML: %v", ex.name, chart.name, err)
			}
			all := squeeze(strings.Join(texts, ""))
			for _, want := range mustSay(t, ex.p, chart.who) {
				if !strings.Contains(all, squeeze(want)) {
					t.Errorf("%s: %s does not say %q", ex.name, chart.name, want)
				}
			}
		}
		list := htmlText(t, []byte(c.Steps))
		for _, want := range mustSay(t, ex.p, true) {
			if !strings.Contains(list, strings.Join(strings.Fields(want), " ")) {
				t.Errorf("%s: Steps does not say %q", ex.name, want)
			}
		}
	}
}

// mustSay is every text of p the charts and the list must all show, with
// who is involved at each stage or without.
func mustSay(t testing.TB, p *protocol.Protocol, who bool) []string {
	t.Helper()
	var want []string
	for i, s := range p.Stages {
		ts, err := Timescale(i+1, s.Due)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, "Stage "+strconv.Itoa(i+1), s.Title, ts)
		if who {
			want = append(want, s.Who)
		}
	}
	for _, f := range p.Flags {
		want = append(want, f.Question, ifYes+f.Action)
	}
	return append(want, resolvedQuestion, resolvedAction, endText)
}

func TestListDetails(t *testing.T) {
	p := hips()
	c := draw(t, p)
	list := htmlText(t, []byte(c.Steps))
	for _, s := range p.Stages {
		for _, want := range append([]string{s.Summary, s.Record}, s.Prompts...) {
			if want != "" && !strings.Contains(list, want) {
				t.Errorf("Steps does not say %q", want)
			}
		}
	}
	for i := range p.Stages {
		n := strconv.Itoa(i + 1)
		for _, want := range []string{`<li class="fc-item" id="stage-` + n + `" data-stage="` + n + `">`, `href="#chart-stage-` + n + `"`} {
			if !strings.Contains(string(c.Steps), want) {
				t.Errorf("Steps has no %s", want)
			}
		}
	}
	if got := strings.Count(string(c.Steps), "<details"); got != len(p.Stages) {
		t.Errorf("Steps has %d <details>; want %d", got, len(p.Stages))
	}
	for _, want := range []string{`href="/hips/stage-1/"`, `href="/hips/stage-2/"`} {
		if !strings.Contains(string(c.Steps), want) {
			t.Errorf("Steps has no link %s", want)
		}
	}
	if got := strings.Count(string(c.Steps), "in full</a>"); got != 2 {
		t.Errorf("Steps links to %d stage pages; want 2 (the stages with a page)", got)
	}
}

func TestPageURL(t *testing.T) {
	p := hips()
	for _, tc := range []struct {
		name  string
		url   func(string) string
		links int
		want  string
	}{
		{"nil", nil, 0, ""},
		{"empty", func(string) string { return "" }, 0, ""},
		{"unsafe", func(string) string { return "javascript:alert(1)" }, 2, "#ZgotmplZ"},
		{"escaped", func(p string) string { return "/a b/" + p + "/?x=1&y=2" }, 2, `href="/a%20b/stage-1/?x=1&amp;y=2"`},
	} {
		c, err := Draw(p, Options{PageURL: tc.url})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Count(string(c.Steps), "in full</a>"); got != tc.links {
			t.Errorf("%s: %d links to stage pages; want %d", tc.name, got, tc.links)
		}
		if !strings.Contains(string(c.Steps), tc.want) {
			t.Errorf("%s: Steps does not contain %s", tc.name, tc.want)
		}
	}
}

func TestWellFormed(t *testing.T) {
	for _, ex := range examples() {
		c := draw(t, ex.p)
		if _, err := svgText(c.SVG); err != nil {
			t.Errorf("%s: SVG: %v", ex.name, err)
		}
		if !bytes.HasPrefix(c.SVG, []byte(`<?xml version="1.0" encoding="UTF-8"?>`+"\n<svg xmlns=\"http://www.w3.org/2000/svg\"")) {
			t.Errorf("%s: SVG does not start as a standalone SVG file:\n%.120s", ex.name, c.SVG)
		}
		for _, f := range []struct {
			name string
			b    []byte
		}{{"Compact", []byte(c.Compact)}, {"Inline", []byte(c.Inline)}, {"Steps", []byte(c.Steps)}, {"Trainer", []byte(c.Trainer)}} {
			if err := checkHTML(f.b); err != nil {
				t.Errorf("%s: %s is not well-formed HTML: %v", ex.name, f.name, err)
			}
		}
		// Every id on the page is unique.
		page := string(c.Trainer) + string(c.Compact) + string(c.Inline) + string(c.Steps)
		seen := map[string]bool{}
		for _, m := range regexp.MustCompile(` id="([^"]*)"`).FindAllStringSubmatch(page, -1) {
			if seen[m[1]] {
				t.Errorf("%s: id %q appears twice on the page", ex.name, m[1])
			}
			seen[m[1]] = true
		}
		for i := range ex.p.Stages {
			for _, id := range []string{"stage-", "chart-stage-", "compact-stage-"} {
				if id += strconv.Itoa(i + 1); !seen[id] {
					t.Errorf("%s: no element has id %q", ex.name, id)
				}
			}
		}
	}
}

func TestContentSecurityPolicy(t *testing.T) {
	// The site allows stylesheets from 'self' only: no style attribute or
	// element may appear, and no script, in anything Draw returns.
	for _, ex := range examples() {
		c := draw(t, ex.p)
		for name, s := range map[string]string{
			"SVG": string(c.SVG), "Compact": string(c.Compact), "Inline": string(c.Inline), "Steps": string(c.Steps), "Trainer": string(c.Trainer),
		} {
			for _, bad := range []string{"style=", "<style", "<script", " on"} {
				if i := strings.Index(s, bad); i >= 0 && !(bad == " on" && !isHandler(s[i+1:])) {
					t.Errorf("%s: %s contains %q", ex.name, name, bad)
				}
			}
		}
	}
}

// isHandler reports whether s starts with an inline event handler attribute.
func isHandler(s string) bool { return regexp.MustCompile(`^on[a-z]+=`).MatchString(s) }

func TestAccessibleNames(t *testing.T) {
	c := draw(t, iscp())
	for name, chart := range map[string]struct{ s, id string }{
		"SVG": {string(c.SVG), "fc-compact"}, "Compact": {string(c.Compact), "fc-compact"}, "Inline": {string(c.Inline), "fc-chart"},
	} {
		s := chart.s
		for _, want := range []string{
			`aria-labelledby="` + chart.id + `-title"`, `aria-describedby="` + chart.id + `-desc"`,
			`<title id="` + chart.id + `-title">Islands Safeguarding Children Partnership: resolving professional disagreements, flowchart</title>`,
			`<desc id="` + chart.id + `-desc">A flowchart of the 6 stages of the Islands Safeguarding Children Partnership procedure`,
			"Is a child at risk of serious or immediate harm? If yes: Tell the MASH or the Police now.",
		} {
			if !strings.Contains(s, want) {
				t.Errorf("%s has no %s", name, want)
			}
		}
	}
	if !strings.Contains(string(c.SVG), `role="img"`) {
		t.Error(`SVG is not role="img"`)
	}
	// The charts on pages hold links, which a role="img" would hide from
	// assistive technology.
	for name, chart := range map[string]struct{ s, id string }{"Compact": {string(c.Compact), "compact"}, "Inline": {string(c.Inline), "chart"}} {
		if !strings.Contains(chart.s, `role="group"`) {
			t.Errorf(`%s is not role="group"`, name)
		}
		if !strings.Contains(chart.s, `<a href="#stage-3" id="`+chart.id+`-stage-3" class="fc-stage" data-stage="3">`) {
			t.Errorf("%s's stage 3 is not a link to #stage-3", name)
		}
	}
	if strings.Contains(string(c.SVG), "<a ") {
		t.Error("SVG has links, which mean nothing in a file")
	}
	if !strings.Contains(string(c.SVG), `stroke-dasharray="10 6"`) {
		t.Error("the urgent route is not dashed")
	}
}

func TestDeterministic(t *testing.T) {
	for _, ex := range examples() {
		a, b := draw(t, ex.p), draw(t, ex.p)
		if !bytes.Equal(a.SVG, b.SVG) || a.Compact != b.Compact || a.Inline != b.Inline || a.Steps != b.Steps || a.Trainer != b.Trainer {
			t.Errorf("%s: two draws of the same protocol differ", ex.name)
		}
	}
}

func TestTitleChangesDrawing(t *testing.T) {
	p := hips()
	before := draw(t, p)
	p.Stages[2].Title = "A different title for stage three"
	after := draw(t, p)
	if bytes.Equal(before.SVG, after.SVG) {
		t.Error("changing a stage's title left the SVG the same")
	}
	if before.Inline == after.Inline || before.Steps == after.Steps {
		t.Error("changing a stage's title left the page fragments the same")
	}
	texts, err := svgText(after.SVG)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(squeeze(strings.Join(texts, "")), squeeze("A different title for stage three")) {
		t.Errorf("the SVG does not show the new title: %q", texts)
	}
}
