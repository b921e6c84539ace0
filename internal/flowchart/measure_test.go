package flowchart

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"resolve/internal/protocol"
)

func TestTextWidth(t *testing.T) {
	for _, tc := range []struct {
		s    string
		size int
		bold bool
		want float64 // before the safety margin
	}{
		{"", 15, false, 0},
		{"i", 1000, false, 222},
		{"W", 1000, false, 944},
		{"Stage 1", 10, false, 10 * (667 + 278 + 556 + 556 + 556 + 278 + 556) / 1000.0},
		{"Stage 1", 10, true, 10 * (667 + 333 + 556 + 611 + 556 + 278 + 556) / 1000.0},
		{"’", 1000, false, 278},
		{"漢", 1000, false, 1000},
		{"é", 1000, false, 778}, // precomposed: a guess as wide as a capital
	} {
		got := textWidth(tc.s, tc.size, tc.bold)
		if want := tc.want * widthMargin; got < want-1e-9 || got > want+1e-9 {
			t.Errorf("textWidth(%q, %d, %v) = %.3f; want %.3f", tc.s, tc.size, tc.bold, got, want)
		}
	}
}

func TestWidthTables(t *testing.T) {
	// Spot checks against Helvetica's metrics, and the shape of the tables:
	// digits all one width, bold never narrower than regular (but for @,
	// which Helvetica Bold draws narrower).
	for _, tc := range []struct {
		r    rune
		bold bool
		want int
	}{{' ', false, 278}, {'A', false, 667}, {'m', false, 833}, {'~', false, 584}, {'m', true, 889}, {'r', true, 389}} {
		if got := runeWidth(tc.r, tc.bold); got != tc.want {
			t.Errorf("runeWidth(%q, %v) = %d; want %d", tc.r, tc.bold, got, tc.want)
		}
	}
	for r := rune(' '); r <= '~'; r++ {
		if b, n := runeWidth(r, true), runeWidth(r, false); b < n && r != '@' {
			t.Errorf("runeWidth(%q) is %d bold but %d regular", r, b, n)
		}
		if r >= '0' && r <= '9' && runeWidth(r, false) != runeWidth('0', false) {
			t.Errorf("runeWidth(%q) = %d; want the width of every digit, %d", r, runeWidth(r, false), runeWidth('0', false))
		}
	}
}

func TestWrap(t *testing.T) {
	four := textWidth("aaaa", 10, false) // the lengths are in these units
	two := textWidth("aaaa aaaa", 10, false)
	for _, tc := range []struct {
		s    string
		max  float64
		want []string
	}{
		{"", 100, nil},
		{"   ", 100, nil},
		{"aaaa", four, []string{"aaaa"}},
		{"aaaa aaaa", two, []string{"aaaa aaaa"}},
		{"aaaa aaaa", two - 0.01, []string{"aaaa", "aaaa"}},
		{"  aaaa \n\t aaaa  ", two, []string{"aaaa aaaa"}},
		{"aaaa aaaa aaaa", two + 1, []string{"aaaa aaaa", "aaaa"}},
		{"aaaaaaaaaa", four, []string{"aaaa", "aaaa", "aa"}},
		{"a aaaaaaaaaa a", four, []string{"a", "aaaa", "aaaa", "aa a"}},
		{"aaaa", 1, []string{"a", "a", "a", "a"}}, // a line always takes at least one character
	} {
		got := wrap(tc.s, 10, false, tc.max)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("wrap(%q, 10, false, %v) = %q; want %q", tc.s, tc.max, got, tc.want)
		}
	}
}

// wrapProblems checks wrap's promises for one input.
func wrapProblems(s string, max float64) []string {
	var bad []string
	lines := wrap(s, bodySize, false, max)
	if strings.Join(strings.Fields(strings.Join(lines, " ")), "") != strings.Join(strings.Fields(s), "") {
		bad = append(bad, "the lines do not hold exactly the words")
	}
	for _, l := range lines {
		if l == "" || strings.TrimSpace(l) != l {
			bad = append(bad, "line "+l+" is empty or has space at an end")
		}
		if textWidth(l, bodySize, false) > max && utf8.RuneCountInString(l) > 1 {
			bad = append(bad, "line "+l+" is too wide")
		}
	}
	return bad
}

func FuzzWrap(f *testing.F) {
	for _, ex := range examples() {
		for _, s := range ex.p.Stages {
			f.Add(s.Title, 240.0)
			f.Add(s.Who, 116.0)
		}
	}
	f.Add("Supercalifragilisticexpialidocious", 50.0)
	f.Add("a\u00a0b\u3000c\xffd", 20.0)
	f.Fuzz(func(t *testing.T, s string, max float64) {
		if max < 20 || max > 2000 || len(s) > 2000 {
			return // narrower than one glyph, or beyond any box in the chart
		}
		for _, p := range wrapProblems(s, max) {
			t.Errorf("wrap(%q, %v): %s", s, max, p)
		}
	})
}

// FuzzDraw draws protocols made of arbitrary text and checks that the output
// is well-formed and that the layout's text stays inside its boxes.
func FuzzDraw(f *testing.F) {
	for _, ex := range examples() {
		p := ex.p
		for i, s := range p.Stages {
			q, a := "Q?", "A."
			if len(p.Flags) > 0 {
				q, a = p.Flags[i%len(p.Flags)].Question, p.Flags[i%len(p.Flags)].Action
			}
			f.Add(p.Partnership, s.Title, s.Who, q, a, uint8(len(p.Stages)))
		}
	}
	f.Add("<&>", "]]><!-- \x00 \x01 \ufffe", "\"'", "&amp;", "\xff\xfe", uint8(3))
	f.Fuzz(func(t *testing.T, partnership, title, who, question, action string, n uint8) {
		if len(title)+len(who)+len(question)+len(action)+len(partnership) > 4000 {
			return
		}
		p := &protocol.Protocol{ID: "fuzz", Partnership: partnership}
		for i := 0; i < int(n%24)+1; i++ {
			p.Stages = append(p.Stages, protocol.Stage{Title: title, Who: who, Due: workingDays(i+1, protocol.AfterPrevious)})
		}
		p.Flags = []protocol.Flag{
			{ID: "duty", Question: question, Action: action, FromStage: len(p.Stages)},
			{ID: "urgent", Question: question, Action: action, Urgent: true},
		}
		c, err := Draw(p, Options{PageURL: func(s string) string { return s }})
		if strings.TrimSpace(title) == "" {
			if err == nil {
				t.Fatal("Draw accepted a stage with no title")
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svgText(c.SVG); err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		for name, b := range map[string]string{"Inline": string(c.Inline), "Compact": string(c.Compact)} {
			if _, err := svgText([]byte(b)); err != nil {
				t.Fatalf("%s is not well-formed XML: %v", name, err)
			}
		}
		for name, b := range map[string]string{"Inline": string(c.Inline), "Compact": string(c.Compact), "Steps": string(c.Steps)} {
			if err := checkHTML([]byte(b)); err != nil {
				t.Fatalf("%s is not well-formed HTML: %v", name, err)
			}
		}
		for _, m := range misfits(layoutOf(t, p)) {
			t.Error(m)
		}
		for name, g := range arrangements(p) {
			for _, m := range compactMisfits(compactOf(t, p, g)) {
				t.Errorf("%s: %s", name, m)
			}
		}
	})
}
