package flowchart

import (
	"strconv"

	"resolve/internal/protocol"
)

// Geometry of the chart, in user units. The chart is one column of stages
// with a narrower column beside it for duties and outcomes; at 440 units wide
// it reads on a 360-pixel phone screen at about 0.8 scale and scales up
// without limit on a projector.
const (
	chartWidth = 440
	margin     = 8
	mainX      = margin                       // left edge of the stages' column
	mainWidth  = 252                          // width of the stages' column
	mainCenter = mainX + mainWidth/2          // where the flow runs down
	sideX      = mainX + mainWidth + 20       // left edge of the duties' column
	sideWidth  = chartWidth - margin - sideX  // width of the duties' column
	diamondW   = 140                          // the "Resolved?" decision
	diamondH   = 72                           // its height
	yesX       = mainCenter + diamondW/2 + 40 // left edge of the "Yes" outcome
	yesWidth   = chartWidth - margin - yesX   // its width
	padX       = 12                           // inside a box, left and right
	padY       = 10                           // inside a box, top and bottom
	titleSize  = 17                           // stage titles and headings
	bodySize   = 15                           // everything else
	fullWidth  = chartWidth - 2*margin        // the header and urgent route
	arrowGap   = 24                           // vertical arrows between shapes
	noGap      = 36                           // the "No" arrow below a decision
	decideGap  = 20                           // from a stage down to its decision
	blockGap   = 6                            // between paragraphs in a box
	stageColor = "#1d70b8"                    // "Stage N" and stage borders
	textColor  = "#0b0c0c"                    // all other text
	alertColor = "#d4351c"                    // the urgent route's border and heading
	goColor    = "#00703c"                    // the "Yes" outcome's border
	noteColor  = "#505a5f"                    // duty notes
	paleColor  = "#f3f2f1"                    // fills of notes and terminals
	whiteColor = "#ffffff"                    // fills of boxes
	noteInset  = 6                            // the bar down a duty note's left edge
	labelSize  = bodySize                     // "Yes" and "No"
	pillInset  = 32                           // keeps text in a pill clear of its round ends
)

// lineHeight is the distance between baselines for text of the given size.
func lineHeight(size int) int { return (size*4 + 2) / 3 }

// ascent is how far below a line's top its baseline sits.
func ascent(size int) int { return size*9/10 + (lineHeight(size)-size)/2 }

// The kinds of shape in the chart. Each has its own outline, so no meaning
// rests on colour alone.
type shapeKind int

const (
	plainShape   shapeKind = iota // no outline (the header)
	stageShape                    // a stage: square-cornered box
	terminal                      // start and end: a pill
	decision                      // "Resolved?": a diamond
	outcomeShape                  // "Yes": a round-cornered box
	noteShape                     // a duty: a box with a bar down its left edge
	urgentShape                   // the urgent route: a dashed box
)

// textLine is one line of text, positioned.
type textLine struct {
	x, y   int    // anchor point: x is the left edge or the centre; y the baseline
	top    int    // the top of the line's box
	size   int    // font size
	bold   bool   //
	middle bool   // centred on x rather than starting at it
	color  string // "" for textColor
	text   string
}

// left and right are the estimated horizontal extent of the line.
func (l textLine) left() float64 {
	if l.middle {
		return float64(l.x) - textWidth(l.text, l.size, l.bold)/2
	}
	return float64(l.x)
}

func (l textLine) right() float64 { return l.left() + textWidth(l.text, l.size, l.bold) }

// bottom is the bottom of the line's box.
func (l textLine) bottom() int { return l.top + lineHeight(l.size) }

// shape is a box of some kind with the text that must fit inside it.
type shape struct {
	kind       shapeKind
	x, y, w, h int
	lines      []textLine
}

// connector is a line, optionally ending in an arrowhead, with an optional label.
type connector struct {
	points [][2]int
	dotted bool // a duty's attachment rather than the flow
	arrow  bool // an arrowhead at the last point
	label  *textLine
}

// step is everything drawn for one stage.
type step struct {
	n        int
	stage    shape
	duties   []shape
	attach   []connector // one per duty
	down     connector   // from the stage to its decision
	decision shape
	yes      connector
	outcome  shape
	no       connector // to the next stage, or to the end
}

// layout is the whole chart, positioned.
type layout struct {
	width, height int
	header        shape
	urgent        *shape // nil when no flag is urgent
	start         shape
	startArrow    connector
	steps         []step
	end           shape
}

// A stack lays out lines of text downwards inside a box.
type stack struct {
	x, width int // the lines' left edge (or centre, if middle) and wrapping width
	middle   bool
	y        int // top of the next line
	lines    []textLine
}

// add wraps s and places its lines.
func (s *stack) add(text string, size int, bold bool, color string) {
	for _, l := range wrap(text, size, bold, float64(s.width)) {
		s.lines = append(s.lines, textLine{
			x: s.x, y: s.y + ascent(size), top: s.y, size: size, bold: bold,
			middle: s.middle, color: color, text: l,
		})
		s.y += lineHeight(size)
	}
}

// gap adds space before the next paragraph, if there has been one.
func (s *stack) gap(n int) {
	if len(s.lines) > 0 {
		s.y += n
	}
}

// box returns a shape around the stacked text, which started at top-padY.
func (s *stack) box(kind shapeKind, x, top, w int) shape {
	return shape{kind: kind, x: x, y: top, w: w, h: s.y + padY - top, lines: s.lines}
}

// newStack starts a stack inside a box whose top-left corner is (x, top),
// leaving inset more room on the left (or, for centred text, shared between
// both sides).
func newStack(x, top, w, inset int, middle bool) *stack {
	s := &stack{x: x + padX + inset, width: w - 2*padX - inset, y: top + padY}
	if middle {
		s.x = x + w/2
		s.middle = true
	}
	return s
}

// The fixed words of the chart.
const (
	resolvedQuestion = "Resolved?"
	resolvedAction   = "Record the outcome and tell the person who raised the concern"
	startText        = "A professional disagreement arises"
	endText          = "End of the procedure"
	urgentHeading    = protocol.UrgentHeading
	ifYes            = "If yes: "
	whoPrefix        = "Who: "
)

// layOut positions every shape of the chart for p, which Draw has checked.
func layOut(p *protocol.Protocol, f facts) layout {
	var l layout
	l.width = chartWidth
	y := margin

	// The header: what this chart is.
	h := &stack{x: mainX, width: fullWidth, y: y} // no padding: it has no border
	h.add(p.Partnership, titleSize, true, "")
	h.add(heading(p), bodySize, false, "")
	l.header = shape{kind: plainShape, x: mainX, y: y, w: fullWidth, h: h.y - y, lines: h.lines}
	y = h.y + arrowGap/2

	// The urgent route, set apart above the flow.
	if len(f.urgent) > 0 {
		s := newStack(mainX, y, fullWidth, 0, false)
		s.add(urgentHeading, titleSize, true, alertColor)
		for _, fl := range f.urgent {
			s.gap(blockGap)
			s.add(fl.Question, bodySize, true, "")
			s.add(ifYes+fl.Action, bodySize, false, "")
		}
		u := s.box(urgentShape, mainX, y, fullWidth)
		l.urgent = &u
		y += u.h + arrowGap
	}

	s := newStack(mainX, y, mainWidth, pillInset, true)
	s.add(startText, bodySize, true, "")
	l.start = s.box(terminal, mainX, y, mainWidth)
	y += l.start.h
	l.startArrow = down(y, y+arrowGap)
	y += arrowGap

	for i, st := range p.Stages {
		n := i + 1
		var t step
		t.n = n
		rowTop := y

		s := newStack(mainX, y, mainWidth, 0, false)
		s.add("Stage "+strconv.Itoa(n), bodySize, true, stageColor)
		s.add(st.Title, titleSize, true, "")
		s.gap(blockGap)
		s.add(whoPrefix+st.Who, bodySize, false, "")
		s.gap(blockGap)
		s.add(f.timescales[i], bodySize, false, "")
		t.stage = s.box(stageShape, mainX, y, mainWidth)
		rowBottom := y + t.stage.h

		// Duties hang beside the stage, each joined to its right edge.
		dy := rowTop
		from := mainX + mainWidth
		for _, fl := range f.duties[i] {
			s := newStack(sideX, dy, sideWidth, noteInset, false)
			s.add(fl.Question, bodySize, true, "")
			s.add(ifYes+fl.Action, bodySize, false, "")
			d := s.box(noteShape, sideX, dy, sideWidth)
			t.duties = append(t.duties, d)
			a, b := rowTop+padY+lineHeight(bodySize)/2, dy+padY+lineHeight(bodySize)/2
			t.attach = append(t.attach, connector{
				points: [][2]int{{from, a}, {from + 10, a}, {from + 10, b}, {sideX, b}},
				dotted: true,
			})
			dy += d.h + blockGap
			rowBottom = max(rowBottom, dy-blockGap)
		}

		// The decision, with "Yes" out to the right and "No" down.
		top := rowBottom + decideGap
		o := newStack(yesX, 0, yesWidth, 0, false) // a trial run, for its height
		o.add(resolvedAction, bodySize, false, "")
		outcomeH := o.y + padY
		rowH := max(diamondH, outcomeH)
		dTop := top + (rowH-diamondH)/2
		oTop := top + (rowH-outcomeH)/2
		t.down = down(t.stage.y+t.stage.h, dTop)

		q := newStack(mainCenter-diamondW/2, dTop+diamondH/2-lineHeight(bodySize)/2-padY, diamondW, 0, true)
		q.add(resolvedQuestion, bodySize, true, "")
		t.decision = shape{kind: decision, x: mainCenter - diamondW/2, y: dTop, w: diamondW, h: diamondH, lines: q.lines}

		o = newStack(yesX, oTop, yesWidth, 0, false)
		o.add(resolvedAction, bodySize, false, "")
		t.outcome = o.box(outcomeShape, yesX, oTop, yesWidth)

		mid := dTop + diamondH/2
		right := mainCenter + diamondW/2
		t.yes = connector{
			points: [][2]int{{right, mid}, {yesX, mid}},
			arrow:  true,
			label:  label("Yes", (right+yesX)/2, mid-6, true),
		}
		y = top + rowH + noGap
		t.no = down(dTop+diamondH, y)
		t.no.label = label("No", mainCenter+8, dTop+diamondH+lineHeight(labelSize)+2, false)
		l.steps = append(l.steps, t)
	}

	e := newStack(mainX, y, mainWidth, pillInset, true)
	e.add(f.end, bodySize, true, "")
	l.end = e.box(terminal, mainX, y, mainWidth)
	l.height = y + l.end.h + margin
	return l
}

// heading is the line under the partnership's name.
func heading(p *protocol.Protocol) string {
	if p.Version == "" {
		return "Resolving professional disagreements"
	}
	return "Resolving professional disagreements, version " + p.Version
}

// down is a vertical arrow down the flow from y0 to y1.
func down(y0, y1 int) connector {
	return connector{points: [][2]int{{mainCenter, y0}, {mainCenter, y1}}, arrow: true}
}

// label is a bold word beside a connector, centred on x or starting at it.
func label(text string, x, baseline int, middle bool) *textLine {
	return &textLine{
		x: x, y: baseline, top: baseline - ascent(labelSize), size: labelSize,
		bold: true, middle: middle, text: text,
	}
}
