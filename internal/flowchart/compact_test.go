package flowchart

import (
	"fmt"
	"strconv"
	"testing"

	"resolve/internal/protocol"
)

// compactOf lays out p's compact chart in the arrangement g.
func compactOf(t testing.TB, p *protocol.Protocol, g grid) compactLayout {
	t.Helper()
	f, err := gather(p)
	if err != nil {
		t.Fatal(err)
	}
	return layOutCompact(p, f, g)
}

// arrangements are the two arrangements of p's compact chart, by name.
func arrangements(p *protocol.Protocol) map[string]grid {
	return map[string]grid{"columns": columns, "wide": wide(len(p.Stages))}
}

// compactShapes lists every shape of l with a name for messages.
func compactShapes(l compactLayout) map[string]shape {
	s := map[string]shape{"header": l.header, "start": l.start, "end": l.end, "outcome": l.outcome}
	if l.urgent != nil {
		s["urgent route"] = *l.urgent
	}
	for _, t := range l.steps {
		s[fmt.Sprintf("stage %d", t.n)] = t.stage
	}
	for i, d := range l.duties {
		s[fmt.Sprintf("duty %d", i+1)] = d
	}
	return s
}

// compactMisfits checks the compact layout's arithmetic as misfits does the
// one-column chart's: text inside its shape, shapes and labels inside the
// chart, nothing overlapping.
func compactMisfits(l compactLayout) []string {
	var labels []stageLabel
	for _, t := range l.steps {
		labels = append(labels, stageLabel{t.n, t.next.label})
	}
	return checkFit(compactShapes(l), labels, l.width, l.height)
}

// TestCompactGolden keeps the compact chart of 1 to 12 stages, in both
// arrangements, as SVG files to open and look at (go test -update rewrites
// them).
func TestCompactGolden(t *testing.T) {
	for n := 1; n <= 12; n++ {
		p := generated(n)
		f, err := gather(p)
		if err != nil {
			t.Fatal(err)
		}
		title := p.Partnership + ": compact chart"
		golden(t, "compact-"+strconv.Itoa(n)+".svg", renderCompact(layOutCompact(p, f, columns), title, description(p, f, false), false))
		golden(t, "picture-"+strconv.Itoa(n)+".svg", draw(t, p).SVG)
	}
}

func TestCompactFits(t *testing.T) {
	ps := []*protocol.Protocol{hips(), tees(), iscp()}
	for n := 1; n <= 14; n++ {
		ps = append(ps, generated(n))
	}
	for _, p := range ps {
		for name, g := range arrangements(p) {
			for _, m := range compactMisfits(compactOf(t, p, g)) {
				t.Errorf("%s, %s: %s", p.ID, name, m)
			}
		}
	}
}

func TestCompactGrid(t *testing.T) {
	// The wide arrangement: one row up to six stages, then rows of equal
	// length, never fewer than four columns.
	for _, tc := range []struct{ n, cols int }{
		{1, 4}, {3, 4}, {4, 4}, {5, 5}, {6, 6}, {7, 4}, {8, 4}, {9, 5}, {10, 5}, {11, 6}, {12, 6}, {13, 5}, {18, 6}, {19, 5},
	} {
		if got := wide(tc.n).cols; got != tc.cols {
			t.Errorf("wide(%d).cols = %d; want %d", tc.n, got, tc.cols)
		}
	}
	for n := 1; n <= 12; n++ {
		p := generated(n)
		for name, g := range arrangements(p) {
			l := compactOf(t, p, g)
			if l.width != g.width || len(l.steps) != n {
				t.Fatalf("%s, %s: %d stages in a chart %d wide; want %d in %d", p.ID, name, len(l.steps), l.width, n, g.width)
			}
			for i, s := range l.steps {
				c := s.stage
				row, col := i/g.cols, i%g.cols
				// Read left to right, then row by row, every card alike.
				if want := margin + col*(g.card()+colGap); c.x != want || c.w != g.card() {
					t.Errorf("%s, %s: stage %d is at x %d, %d wide; want column %d at x %d, %d wide", p.ID, name, s.n, c.x, c.w, col+1, want, g.card())
				}
				if i > 0 {
					prev := l.steps[i-1].stage
					sameRow := (i-1)/g.cols == row
					if sameRow && (prev.y != c.y || prev.h != c.h) {
						t.Errorf("%s, %s: stages %d and %d share a row but not its top and height", p.ID, name, s.n-1, s.n)
					}
					if !sameRow && c.y <= prev.y+prev.h {
						t.Errorf("%s, %s: stage %d starts a row but is not below stage %d", p.ID, name, s.n, s.n-1)
					}
				}
				// Its arrow leaves this card and ends on the next shape.
				to := l.end
				if i+1 < n {
					to = l.steps[i+1].stage
				}
				pts := s.next.points
				first, end := pts[0], pts[len(pts)-1]
				if !onEdge(c, first) || !onEdge(to, end) || !s.next.arrow || s.next.label == nil || s.next.label.text != "No" {
					t.Errorf("%s, %s: stage %d's arrow runs %v; want an arrow marked No from its edge to the next shape's", p.ID, name, s.n, pts)
				}
			}
		}
	}
}

// onEdge reports whether point p lies on the outline of s.
func onEdge(s shape, p [2]int) bool {
	x, y := p[0], p[1]
	inX, inY := x >= s.x && x <= s.x+s.w, y >= s.y && y <= s.y+s.h
	return (inY && (x == s.x || x == s.x+s.w)) || (inX && (y == s.y || y == s.y+s.h))
}

// TestCompactSizes checks the sizes the issue asks for: the three example
// procedures' compact charts fit a 700-pixel column (the frame's height
// attribute) without being taller than about a screen, and their pictures
// fit a 16:9 slide by width, at least 1920 pixels wide as PNGs.
func TestCompactSizes(t *testing.T) {
	for _, p := range []*protocol.Protocol{hips(), tees(), iscp()} {
		c := draw(t, p)
		if c.CompactHeight > 1000 {
			t.Errorf("%s: the compact chart is %d units high; want at most 1000", p.ID, c.CompactHeight)
		}
		if c.Width*9 < c.Height*16 && len(p.Stages) <= 6 {
			t.Errorf("%s: the picture is %dx%d, taller than 16:9", p.ID, c.Width, c.Height)
		}
	}
	for n := 1; n <= 12; n++ {
		c := draw(t, generated(n))
		if w := c.Width * c.PNGScale(); w < 1920 || c.Width*(c.PNGScale()-1) >= 1920 {
			t.Errorf("generated(%d): PNG %d wide (scale %d); want the least scale for 1920 or more", n, w, c.PNGScale())
		}
		if want := embedTitle + c.CompactHeight + embedList + embedSource + embedSlack; c.EmbedHeight() != want {
			t.Errorf("generated(%d): EmbedHeight = %d; want %d", n, c.EmbedHeight(), want)
		}
	}
}
