package flowchart

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"strings"
)

// Ids inside the chart, named in the package's DOM contract.
const (
	titleID = "fc-chart-title"
	descID  = "fc-chart-desc"
)

// svgWriter writes SVG markup. Every attribute value and every piece of text
// passes through encoding/xml's escaper, which also replaces characters XML
// cannot hold, so the output is well-formed XML whatever the protocol says
// and is safe to place in an HTML page as it is. Element and attribute names
// only ever come from this package.
type svgWriter struct {
	b      bytes.Buffer
	inline bool // for the page rather than the standalone file
}

// open writes a start tag; attrs are name, value pairs, and a pair whose
// value is empty is left out.
func (w *svgWriter) open(name string, attrs ...string) {
	w.tag(name, attrs)
	w.b.WriteString(">")
}

// empty writes an element with no content.
func (w *svgWriter) empty(name string, attrs ...string) {
	w.tag(name, attrs)
	w.b.WriteString("/>\n")
}

func (w *svgWriter) tag(name string, attrs []string) {
	w.b.WriteString("<")
	w.b.WriteString(name)
	for i := 0; i+1 < len(attrs); i += 2 {
		if attrs[i+1] == "" {
			continue
		}
		w.b.WriteString(" ")
		w.b.WriteString(attrs[i])
		w.b.WriteString(`="`)
		w.escape(attrs[i+1])
		w.b.WriteString(`"`)
	}
}

func (w *svgWriter) close(name string) {
	w.b.WriteString("</")
	w.b.WriteString(name)
	w.b.WriteString(">\n")
}

func (w *svgWriter) escape(s string) {
	xml.EscapeText(&w.b, []byte(s)) // writes to a bytes.Buffer cannot fail
}

// hidden is the aria-hidden value for parts that only repeat, as a picture,
// what the chart's description and links already say. The standalone file is
// a single image, so it needs none.
func (w *svgWriter) hidden() string {
	if w.inline {
		return "true"
	}
	return ""
}

func itoa(n int) string { return strconv.Itoa(n) }

// ids name the chart's title and description, and prefix its stages' ids,
// so that two charts can share a page.
type ids struct {
	chart       string // the class of the div around the inline chart
	title, desc string
	stage       string // stage N's box is stage + N
}

var (
	tallIDs    = ids{chart: "fc-chart fc-tall", title: titleID, desc: descID, stage: "chart-stage-"}
	compactIDs = ids{chart: "fc-chart fc-compact", title: "fc-compact-title", desc: "fc-compact-desc", stage: "compact-stage-"}
)

// begin writes the start of a chart width by height: the svg element, its
// title and description, and its white background.
func (w *svgWriter) begin(id ids, width, height int, title, desc string) {
	size := "0 0 " + itoa(width) + " " + itoa(height)
	if w.inline {
		// A group, not an image: an image's children are presentational,
		// and the stages inside are links.
		w.b.WriteString(`<div class="` + id.chart + `">` + "\n")
		w.open("svg", "class", "fc-svg", "viewBox", size, "width", "100%",
			"role", "group", "aria-labelledby", id.title, "aria-describedby", id.desc,
			"font-family", fontFamily, "fill", textColor)
	} else {
		w.b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
		w.open("svg", "xmlns", "http://www.w3.org/2000/svg", "viewBox", size,
			"width", itoa(width), "height", itoa(height),
			"role", "img", "aria-labelledby", id.title, "aria-describedby", id.desc,
			"font-family", fontFamily, "fill", textColor)
	}
	w.b.WriteString("\n")
	w.open("title", "id", id.title)
	w.escape(title)
	w.close("title")
	w.open("desc", "id", id.desc)
	w.escape(desc)
	w.close("desc")
	w.empty("rect", "class", "fc-bg", "width", itoa(width), "height", itoa(height), "fill", whiteColor)
}

// end closes what begin opened.
func (w *svgWriter) end() {
	w.close("svg")
	if w.inline {
		w.b.WriteString("</div>\n")
	}
}

// group draws shapes inside a g of the given class.
func (w *svgWriter) group(class string, hidden bool, shapes ...shape) {
	h := ""
	if hidden {
		h = w.hidden()
	}
	w.open("g", "class", class, "aria-hidden", h)
	w.b.WriteString("\n")
	for _, s := range shapes {
		w.shape(s)
	}
	w.close("g")
}

// stage draws stage n's box: a link to its details on a page, a group in a file.
func (w *svgWriter) stage(id ids, n string, s shape) {
	if w.inline {
		w.open("a", "href", "#stage-"+n, "id", id.stage+n, "class", "fc-stage", "data-stage", n)
	} else {
		w.open("g", "id", id.stage+n, "class", "fc-stage")
	}
	w.b.WriteString("\n")
	w.shape(s)
	if w.inline {
		w.close("a")
	} else {
		w.close("g")
	}
}

// render writes the one-column chart as inline SVG for a page or as a
// standalone file.
func render(l layout, title, desc string, inline bool) []byte {
	w := &svgWriter{inline: inline}
	w.begin(tallIDs, l.width, l.height, title, desc)
	w.opening(l.header, l.urgent, l.start, l.startArrow)

	for _, t := range l.steps {
		n := itoa(t.n)
		w.open("g", "class", "fc-step", "data-stage", n)
		w.b.WriteString("\n")
		w.stage(tallIDs, n, t.stage)
		for i, d := range t.duties {
			w.open("g", "class", "fc-duty")
			w.b.WriteString("\n")
			w.connector(t.attach[i])
			w.shape(d)
			w.close("g")
		}
		w.open("g", "class", "fc-decision", "aria-hidden", w.hidden())
		w.b.WriteString("\n")
		w.connector(t.down)
		w.shape(t.decision)
		w.connector(t.yes)
		w.shape(t.outcome)
		w.connector(t.no)
		w.close("g")
		w.close("g")
	}

	w.group("fc-end", true, l.end)
	w.end()
	return w.b.Bytes()
}

// opening draws what every arrangement of the chart starts with: the
// header, the urgent route when a flag is urgent, and the start with its
// arrow to the first stage.
func (w *svgWriter) opening(header shape, urgent *shape, start shape, arrow connector) {
	w.group("fc-header", true, header)
	if urgent != nil {
		w.group("fc-urgent-route", false, *urgent)
	}
	w.open("g", "class", "fc-start", "aria-hidden", w.hidden())
	w.b.WriteString("\n")
	w.shape(start)
	w.connector(arrow)
	w.close("g")
}

// shape draws s's outline and its text.
func (w *svgWriter) shape(s shape) {
	x, y, wd, h := itoa(s.x), itoa(s.y), itoa(s.w), itoa(s.h)
	switch s.kind {
	case stageShape:
		w.empty("rect", "class", "fc-box", "x", x, "y", y, "width", wd, "height", h, "rx", "4",
			"fill", whiteColor, "stroke", stageColor, "stroke-width", "3")
	case terminal:
		w.empty("rect", "class", "fc-box", "x", x, "y", y, "width", wd, "height", h, "rx", itoa(s.h/2),
			"fill", paleColor, "stroke", textColor, "stroke-width", "2")
	case decision:
		cx, cy := s.x+s.w/2, s.y+s.h/2
		pts := points([][2]int{{cx, s.y}, {s.x + s.w, cy}, {cx, s.y + s.h}, {s.x, cy}})
		w.empty("polygon", "class", "fc-box", "points", pts,
			"fill", whiteColor, "stroke", textColor, "stroke-width", "2")
	case outcomeShape:
		w.empty("rect", "class", "fc-box", "x", x, "y", y, "width", wd, "height", h, "rx", "14",
			"fill", whiteColor, "stroke", goColor, "stroke-width", "2")
	case noteShape:
		w.empty("rect", "class", "fc-box", "x", x, "y", y, "width", wd, "height", h,
			"fill", paleColor, "stroke", noteColor, "stroke-width", "2")
		w.empty("rect", "class", "fc-bar", "x", x, "y", y, "width", itoa(noteInset), "height", h, "fill", noteColor)
	case urgentShape:
		w.empty("rect", "class", "fc-box", "x", x, "y", y, "width", wd, "height", h, "rx", "4",
			"fill", whiteColor, "stroke", alertColor, "stroke-width", "3", "stroke-dasharray", "10 6")
	}
	for _, l := range s.lines {
		w.text(l)
	}
}

// text draws one line.
func (w *svgWriter) text(l textLine) {
	weight, anchor := "", ""
	if l.bold {
		weight = "bold"
	}
	if l.middle {
		anchor = "middle"
	}
	w.open("text", "x", itoa(l.x), "y", itoa(l.y), "font-size", itoa(l.size),
		"font-weight", weight, "text-anchor", anchor, "fill", l.color)
	w.escape(l.text)
	w.close("text")
}

// connector draws a line with its arrowhead and label. Arrows in this chart
// point down or to the right.
func (w *svgWriter) connector(c connector) {
	pts := c.points
	var head string
	if c.arrow {
		pts = append([][2]int(nil), pts...)
		end := pts[len(pts)-1]
		x, y := end[0], end[1]
		if pts[len(pts)-2][1] == y { // horizontal: points right
			head = points([][2]int{{x - 10, y - 6}, {x - 10, y + 6}, {x, y}})
			pts[len(pts)-1][0] -= 6
		} else {
			head = points([][2]int{{x - 6, y - 10}, {x + 6, y - 10}, {x, y}})
			pts[len(pts)-1][1] -= 6
		}
	}
	dash := ""
	stroke := textColor
	if c.dotted {
		dash, stroke = "2 4", noteColor
	}
	w.empty("polyline", "class", "fc-line", "points", points(pts), "fill", "none",
		"stroke", stroke, "stroke-width", "2", "stroke-dasharray", dash)
	if head != "" {
		w.empty("polygon", "class", "fc-arrow", "points", head, "fill", textColor)
	}
	if c.label != nil {
		w.text(*c.label)
	}
}

// points formats a list of points for a points attribute.
func points(ps [][2]int) string {
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(itoa(p[0]))
		b.WriteByte(',')
		b.WriteString(itoa(p[1]))
	}
	return b.String()
}
