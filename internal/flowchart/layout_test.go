package flowchart

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"resolve/internal/protocol"
)

// allShapes lists every shape of l with a name for messages.
func allShapes(l layout) map[string]shape {
	s := map[string]shape{"header": l.header, "start": l.start, "end": l.end}
	if l.urgent != nil {
		s["urgent route"] = *l.urgent
	}
	for _, t := range l.steps {
		s[fmt.Sprintf("stage %d", t.n)] = t.stage
		s[fmt.Sprintf("decision %d", t.n)] = t.decision
		s[fmt.Sprintf("outcome %d", t.n)] = t.outcome
		for i, d := range t.duties {
			s[fmt.Sprintf("duty %d of stage %d", i+1, t.n)] = d
		}
	}
	return s
}

// misfits checks the layout's arithmetic: every line of text fits inside its
// shape (by the same width estimate used to wrap it), every shape and label
// is inside the chart, and no two shapes overlap.
func misfits(l layout) []string {
	var labels []stageLabel
	for _, t := range l.steps {
		for _, c := range []connector{t.yes, t.no} {
			labels = append(labels, stageLabel{t.n, c.label})
		}
	}
	return checkFit(allShapes(l), labels, l.width, l.height)
}

// stageLabel is a connector's label and the number of the stage it is in.
type stageLabel struct {
	n     int
	label *textLine
}

// checkFit is the arithmetic of misfits and compactMisfits: shapes, named
// for messages, and labels in a width by height chart.
func checkFit(shapes map[string]shape, labels []stageLabel, width, height int) []string {
	var bad []string
	for name, s := range shapes {
		if s.x < 0 || s.y < 0 || s.x+s.w > width || s.y+s.h > height || s.w <= 0 || s.h <= 0 {
			bad = append(bad, fmt.Sprintf("%s (%d,%d %dx%d) is not inside the %dx%d chart", name, s.x, s.y, s.w, s.h, width, height))
		}
		for _, line := range s.lines {
			if !fits(s, line) {
				bad = append(bad, fmt.Sprintf("%s: line %q (x %.1f to %.1f, y %d to %d) overflows its box (%d,%d %dx%d)",
					name, line.text, line.left(), line.right(), line.top, line.bottom(), s.x, s.y, s.w, s.h))
			}
		}
		for other, o := range shapes {
			if name < other && overlap(s, o) {
				bad = append(bad, fmt.Sprintf("%s overlaps %s", name, other))
			}
		}
	}
	for _, sl := range labels {
		lb := sl.label
		if lb.left() < 0 || lb.right() > float64(width) || lb.top < 0 || lb.bottom() > height {
			bad = append(bad, fmt.Sprintf("stage %d: label %q is outside the chart", sl.n, lb.text))
		}
		for name, s := range shapes {
			if lb.right() > float64(s.x) && lb.left() < float64(s.x+s.w) && lb.bottom() > s.y && lb.top < s.y+s.h {
				bad = append(bad, fmt.Sprintf("stage %d: label %q overlaps %s", sl.n, lb.text, name))
			}
		}
	}
	return bad
}

// fits reports whether line lies inside s, clear of its outline.
func fits(s shape, line textLine) bool {
	const clear = 3 // the widest stroke is 3 units, half of it inside
	l, r := line.left(), line.right()
	top, bottom := float64(line.top), float64(line.bottom())
	switch s.kind {
	case plainShape:
		return l >= float64(s.x) && r <= float64(s.x+s.w) && top >= float64(s.y) && bottom <= float64(s.y+s.h)
	case decision:
		// Every corner of the line's box must be inside the diamond.
		cx, cy := float64(s.x)+float64(s.w)/2, float64(s.y)+float64(s.h)/2
		for _, x := range []float64{l, r} {
			for _, y := range []float64{top, bottom} {
				if math.Abs(x-cx)/(float64(s.w)/2-clear)+math.Abs(y-cy)/(float64(s.h)/2-clear) > 1 {
					return false
				}
			}
		}
		return true
	case terminal:
		// A pill: every corner must be within the straight middle or the
		// round ends.
		rad := float64(s.h)/2 - clear
		cy := float64(s.y) + float64(s.h)/2
		for _, x := range []float64{l, r} {
			for _, y := range []float64{top, bottom} {
				cx := math.Min(math.Max(x, float64(s.x)+float64(s.h)/2), float64(s.x+s.w)-float64(s.h)/2)
				if math.Hypot(x-cx, y-cy) > rad {
					return false
				}
			}
		}
		return true
	}
	return l >= float64(s.x+clear) && r <= float64(s.x+s.w-clear) &&
		top >= float64(s.y+clear) && bottom <= float64(s.y+s.h-clear)
}

func overlap(a, b shape) bool {
	return a.x < b.x+b.w && b.x < a.x+a.w && a.y < b.y+b.h && b.y < a.y+a.h
}

func layoutOf(t testing.TB, p *protocol.Protocol) layout {
	t.Helper()
	f, err := gather(p)
	if err != nil {
		t.Fatal(err)
	}
	return layOut(p, f)
}

func TestLayoutFits(t *testing.T) {
	for _, ex := range examples() {
		l := layoutOf(t, ex.p)
		for _, m := range misfits(l) {
			t.Errorf("%s: %s", ex.name, m)
		}
	}
}

func TestLayoutFollowsTheData(t *testing.T) {
	for _, ex := range examples() {
		l := layoutOf(t, ex.p)
		if len(l.steps) != len(ex.p.Stages) {
			t.Errorf("%s: %d stages drawn; want %d", ex.name, len(l.steps), len(ex.p.Stages))
		}
		// The stages run down the page in order.
		for i := 1; i < len(l.steps); i++ {
			if l.steps[i].stage.y <= l.steps[i-1].decision.y {
				t.Errorf("%s: stage %d is not below stage %d's decision", ex.name, i+1, i)
			}
		}
		// Each duty sits beside the stage it applies from, starting level with it.
		for _, s := range l.steps {
			for i, d := range s.duties {
				if d.x <= s.stage.x+s.stage.w {
					t.Errorf("%s: duty %d of stage %d is not beside the stage", ex.name, i+1, s.n)
				}
				if i == 0 && d.y != s.stage.y {
					t.Errorf("%s: stage %d's first duty starts at y %d; want %d, level with the stage", ex.name, s.n, d.y, s.stage.y)
				}
			}
		}
		// The urgent route, when there is one, is above everything in the flow.
		if l.urgent != nil && l.urgent.y+l.urgent.h > l.start.y {
			t.Errorf("%s: the urgent route is not above the start", ex.name)
		}
	}
	// A longer title makes a taller box, and everything below moves down.
	short, long := hips(), hips()
	long.Stages[0].Title = strings.Repeat("A much longer title ", 6)
	a, b := layoutOf(t, short), layoutOf(t, long)
	if b.steps[0].stage.h <= a.steps[0].stage.h || b.height <= a.height {
		t.Errorf("a longer title left stage 1 %d high (was %d) and the chart %d high (was %d)",
			b.steps[0].stage.h, a.steps[0].stage.h, b.height, a.height)
	}
}

func TestLayoutSizes(t *testing.T) {
	// Heights grow with the number of stages; the width never changes.
	prev := 0
	for _, n := range []int{1, 2, 5, 12, 25} {
		l := layoutOf(t, generated(n))
		if l.width != chartWidth || l.height <= prev {
			t.Errorf("generated(%d) is %dx%d; want %d wide and taller than %d", n, l.width, l.height, chartWidth, prev)
		}
		for _, m := range misfits(l) {
			t.Errorf("generated(%d): %s", n, m)
		}
		prev = l.height
	}
}
