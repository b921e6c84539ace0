package flowchart

import (
	"strconv"

	"resolve/internal/protocol"
)

// The compact chart comes in two arrangements of the same drawing, each a
// grid of stage cards read left to right and row by row:
//
//   - columns: three columns, compactWidth units wide, drawn for a 720-pixel
//     frame at one unit a pixel: the chart of embeds, of the flowchart page
//     on a wide screen, of presenting and of print. Its text stays legible
//     (12 px and up) down to CompactMinWidth pixels, below which pages show
//     the list of stages instead.
//   - wide: up to six columns, wideWidth units wide, about the shape of a
//     16:9 slide: the picture to download (SVG and PNG).
const (
	compactWidth = 720
	wideWidth    = 1280
	colGap       = 46 // between cards in a row: the "No" arrow and its label
	rowGap       = 48 // between rows: the arrow back to the next row
	sectionGap   = 14 // between the parts of the chart
	compactArrow = 22 // from the start down to stage 1
	compactMinPx = 12 // the smallest text, in pixels, a page may show
)

// CompactMinWidth is the narrowest, in pixels, that pages show the compact
// chart: its body text is then 12 px. Below it they show the list of stages
// (embeds) or the one-column chart (the flowchart page); flowchart.css
// writes the same number (576).
const CompactMinWidth = compactWidth * compactMinPx / bodySize

// grid is an arrangement of the compact chart.
type grid struct {
	width, cols int
}

// columns is the arrangement for frames and pages.
var columns = grid{width: compactWidth, cols: 3}

// wide is the arrangement for pictures of n stages: one row of up to six,
// or rows of equal length, and at least four columns so that a short
// procedure's cards are not too wide.
func wide(n int) grid {
	rows := (n + 5) / 6
	return grid{width: wideWidth, cols: max(4, (n+rows-1)/rows)}
}

func (g grid) full() int { return g.width - 2*margin }
func (g grid) card() int { return (g.full() - (g.cols-1)*colGap) / g.cols }

// compactStep is one stage of the compact chart.
type compactStep struct {
	n     int
	stage shape
	next  connector // "No": to the next stage or to the end
}

// compactLayout is the compact chart, positioned.
type compactLayout struct {
	width, height int
	header        shape
	urgent        *shape
	start         shape
	startArrow    connector
	steps         []compactStep
	end           shape
	outcome       shape   // what "Resolved?" leads to, after every stage
	duties        []shape // each duty, saying which stage it applies from
}

// The compact chart's own words.
const (
	outcomeHeading = "Resolved? After each stage:"
	outcomeYes     = "Yes: " + resolvedAction + "."
	outcomeNo      = "No: go on to the next stage (the arrows marked No)."
)

// layOutCompact positions the compact chart for p, which Draw has checked,
// in the arrangement g.
func layOutCompact(p *protocol.Protocol, f facts, g grid) compactLayout {
	l := compactLayout{width: g.width}
	compactFull, cardWidth, compactCols := g.full(), g.card(), g.cols
	y := margin

	h := &stack{x: margin, width: compactFull, y: y}
	h.add(p.Partnership, titleSize, true, "")
	h.add(heading(p), bodySize, false, "")
	l.header = shape{kind: plainShape, x: margin, y: y, w: compactFull, h: h.y - y, lines: h.lines}
	y = h.y + sectionGap

	if len(f.urgent) > 0 {
		l.urgent = urgentBox(f.urgent, g, y)
		y += l.urgent.h + sectionGap
	}

	// The start spans two columns so that its words fit on one line.
	startW := 2*cardWidth + colGap
	s := newStack(margin, y, startW, pillInset, true)
	s.add(startText, bodySize, true, "")
	l.start = s.box(terminal, margin, y, startW)
	y += l.start.h
	first := margin + cardWidth/2
	l.startArrow = connector{points: [][2]int{{first, y}, {first, y + compactArrow}}, arrow: true}
	y += compactArrow

	// Cards, row by row; each row is as tall as its tallest card.
	n := len(p.Stages)
	cards := make([]shape, n)
	for i, st := range p.Stages {
		s := newStack(0, 0, cardWidth, 0, false) // placed below
		s.add("Stage "+strconv.Itoa(i+1), bodySize, true, stageColor)
		s.add(st.Title, titleSize, true, "")
		s.gap(blockGap)
		s.add(f.timescales[i], bodySize, false, "")
		cards[i] = s.box(stageShape, 0, 0, cardWidth)
	}
	rowTop := make([]int, (n+compactCols-1)/compactCols)
	rowH := make([]int, len(rowTop))
	for i, c := range cards {
		rowH[i/compactCols] = max(rowH[i/compactCols], c.h)
	}
	for r := range rowTop {
		rowTop[r] = y
		y += rowH[r] + rowGap
	}
	for i := range cards {
		r, c := i/compactCols, i%compactCols
		dx, dy := margin+c*(cardWidth+colGap), rowTop[r]
		cards[i] = move(cards[i], dx, dy)
		cards[i].h = rowH[r]
	}

	// The end: in the cell after the last stage or, when the last stage
	// ends a row, below it, with the outcome of "Resolved?" beside it.
	last := cards[n-1]
	e := newStack(0, 0, cardWidth, pillInset, true)
	e.add(f.end, bodySize, true, "")
	end := e.box(terminal, 0, 0, cardWidth)
	outcomeW := compactFull
	if (n-1)%compactCols < compactCols-1 {
		l.end = move(end, last.x+cardWidth+colGap, last.y+(last.h-end.h)/2)
		y = last.y + last.h + sectionGap
	} else {
		y = last.y + last.h + compactArrow + 8
		l.end = move(end, last.x, y)
		outcomeW = last.x - colGap - margin
	}
	for i, c := range cards {
		to := l.end
		if i+1 < n {
			to = cards[i+1]
		}
		l.steps = append(l.steps, compactStep{n: i + 1, stage: c, next: noArrow(c, to)})
	}

	o := newStack(margin, y, outcomeW, 0, false)
	o.add(outcomeHeading, bodySize, true, "")
	o.add(outcomeYes, bodySize, false, "")
	o.add(outcomeNo, bodySize, false, "")
	l.outcome = o.box(outcomeShape, margin, y, outcomeW)
	y = max(y+l.outcome.h, l.end.y+l.end.h) + sectionGap

	// Duties, two or three a row, each saying where it applies from.
	per := max(2, g.cols/2)
	dutyW := (compactFull - (per-1)*colGap/2) / per
	var row []shape
	flush := func() {
		bottom := y
		for _, d := range row {
			bottom = max(bottom, d.y+d.h)
		}
		for i := range row {
			row[i].h = bottom - y
		}
		l.duties = append(l.duties, row...)
		row = nil
		y = bottom + sectionGap/2
	}
	for i, ds := range f.duties {
		for _, fl := range ds {
			x := margin + len(row)*(dutyW+colGap/2)
			s := newStack(x, y, dutyW, noteInset, false)
			s.add("From stage "+strconv.Itoa(i+1)+": "+fl.Question, bodySize, true, "")
			s.add(ifYes+fl.Action, bodySize, false, "")
			row = append(row, s.box(noteShape, x, y, dutyW))
			if len(row) == per {
				flush()
			}
		}
	}
	if len(row) > 0 {
		flush()
	}
	if len(l.duties) > 0 {
		y -= sectionGap / 2
	} else {
		y -= sectionGap
	}
	l.height = y + margin
	return l
}

// urgentBox is the urgent route across the top of the chart at y: its
// heading, then each urgent flag, side by side (up to three) in the wide
// arrangement and one below another in columns.
func urgentBox(urgent []protocol.Flag, g grid, y int) *shape {
	per := 1
	if g.cols > columns.cols {
		per = min(len(urgent), 3)
	}
	s := newStack(margin, y, g.full(), 0, false)
	s.add(urgentHeading, titleSize, true, alertColor)
	lines, bottom := s.lines, s.y
	inner := g.full() - 2*padX
	colW := (inner - (per-1)*colGap/2) / per
	for i := 0; i < len(urgent); i += per {
		top := bottom + blockGap
		for j, fl := range urgent[i:min(i+per, len(urgent))] {
			c := &stack{x: margin + padX + j*(colW+colGap/2), width: colW, y: top}
			c.add(fl.Question, bodySize, true, "")
			c.add(ifYes+fl.Action, bodySize, false, "")
			lines = append(lines, c.lines...)
			bottom = max(bottom, c.y)
		}
	}
	return &shape{kind: urgentShape, x: margin, y: y, w: g.full(), h: bottom + padY - y, lines: lines}
}

// move places s, laid out at the origin, with its top-left corner at (x, y).
func move(s shape, x, y int) shape {
	dx, dy := x-s.x, y-s.y
	s.x, s.y = x, y
	lines := make([]textLine, len(s.lines))
	for i, l := range s.lines {
		l.x += dx
		l.y += dy
		l.top += dy
		lines[i] = l
	}
	s.lines = lines
	return s
}

// noArrow joins a card to what follows it when the stage does not resolve
// the disagreement: straight across to the next card in the row, down to
// an end below it, or down, back and down again to the first card of the
// next row. Its label "No" sits above a straight arrow and beside the first
// leg of the others.
func noArrow(from, to shape) connector {
	switch {
	case to.y < from.y+from.h: // beside it in the same row
		y := from.y + from.h/2
		x0, x1 := from.x+from.w, to.x
		return connector{points: [][2]int{{x0, y}, {x1, y}}, arrow: true, label: label("No", (x0+x1)/2, y-6, true)}
	case to.x == from.x: // straight below
		x := from.x + from.w/2
		y0 := from.y + from.h
		return connector{points: [][2]int{{x, y0}, {x, to.y}}, arrow: true,
			label: label("No", x+8, y0+lineHeight(labelSize)+2, false)}
	default: // back to the start of the next row
		x0, x1 := from.x+from.w/2, to.x+to.w/2
		y0 := from.y + from.h
		mid := y0 + (to.y-y0)/2
		return connector{points: [][2]int{{x0, y0}, {x0, mid}, {x1, mid}, {x1, to.y}}, arrow: true,
			label: label("No", x0+8, y0+lineHeight(labelSize)-2, false)}
	}
}
