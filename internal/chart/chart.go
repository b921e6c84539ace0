// Package chart draws the two charts the audit summary needs, as SVG: bars
// (one horizontal bar per row, its label above it, so labels of any length
// fit a phone's width) and a timeline (one column per month, in order).
//
// A chart is a tree of Elements, so the same drawing is written out as
// text (XML, for the printable report and for tests) and built into a page
// element by element by the browser module, which never parses markup.
// Every chart is an image with a text alternative: role="img",
// aria-labelledby naming its <title> and <desc>, the description given by
// the caller (the table beside it has every figure).
//
// Colours, lines and fonts come from classes (chart, chart-bar,
// chart-withheld, chart-axis) that the page's style sheet sets, for dark
// mode, high contrast and print: a chart is always shown in a page, the
// audit page or the board report, never on its own. Fonts are sized in
// the chart's own units (14 to a line). The package uses strconv and
// strings only, so the WebAssembly module can link it.
package chart

import (
	"strconv"
	"strings"
)

// Element is an SVG element.
type Element struct {
	Name     string
	Attrs    []Attr
	Text     string // text content, for <title>, <desc> and <text>
	Children []*Element
}

// Attr is one attribute.
type Attr struct{ Name, Value string }

// Namespace is the SVG namespace, for building elements in a page.
const Namespace = "http://www.w3.org/2000/svg"

// Point is one bar or one month: its label, its value, and the value as
// written beside it.
type Point struct {
	Label string
	Value float64
	Text  string
	// Withheld marks a count held back for publication: it is drawn as a
	// dashed outline the length of WithheldAs, never its true length.
	Withheld bool
}

// WithheldAs is the value a withheld count is drawn as: "fewer than 5".
const WithheldAs = 5

// The drawing's measures, in SVG user units (about a CSS pixel at a
// phone's width).
const (
	width      = 360.0
	lineGap    = 18.0 // from one line of a label to the next
	barHeight  = 18.0
	rowGap     = 12.0
	labelChars = 46 // characters of a label on a line: about (width-4) / 7.6, an average character of the 14-unit font
)

func el(name string, attrs ...string) *Element {
	e := &Element{Name: name}
	for i := 0; i+1 < len(attrs); i += 2 {
		e.Attrs = append(e.Attrs, Attr{attrs[i], attrs[i+1]})
	}
	return e
}

func (e *Element) add(c ...*Element) *Element {
	e.Children = append(e.Children, c...)
	return e
}

func text(x, y float64, s string) *Element {
	t := el("text", "x", num(x), "y", num(y))
	t.Text = s
	return t
}

// frame makes the <svg> with its title and description.
func frame(id, title, desc string, height float64) *Element {
	svg := el("svg", "xmlns", Namespace, "class", "chart", "id", id, "viewBox", "0 0 "+num(width)+" "+num(height),
		"role", "img", "aria-labelledby", id+"-title "+id+"-desc")
	t := el("title", "id", id+"-title")
	t.Text = title
	d := el("desc", "id", id+"-desc")
	d.Text = desc
	return svg.add(t, d)
}

// scale returns the largest value to draw, at least 1, withheld values
// counting as WithheldAs.
func scale(points []Point) float64 {
	top := 1.0
	for _, p := range points {
		v := p.Value
		if p.Withheld {
			v = WithheldAs
		}
		top = max(top, v)
	}
	return top
}

// Bars draws one horizontal bar per point, each under its label and with
// its value written at its end.
func Bars(id, title, desc string, points []Point) *Element {
	top := scale(points)
	valueRoom := 100.0 // for the longest value text, "fewer than 5"
	span := width - valueRoom - 2
	var body []*Element
	y := 0.0
	for _, p := range points {
		for _, line := range wrap(p.Label, labelChars, 3) {
			y += lineGap
			body = append(body, text(2, y-4, line))
		}
		v := p.Value
		if p.Withheld {
			v = WithheldAs
		}
		w := span * v / top
		if w > 0 {
			body = append(body, el("rect", "class", barClass(p), "x", "2", "y", num(y+2), "width", num(w), "height", num(barHeight)))
		}
		body = append(body, text(2+w+6, y+2+barHeight-4, p.Text))
		y += barHeight + rowGap
	}
	svg := frame(id, title, desc, max(y, 24))
	svg.add(el("line", "class", "chart-axis", "x1", "2", "y1", "0", "x2", "2", "y2", num(max(y-rowGap+4, 0)))).add(body...)
	return svg
}

// barClass is a bar's class: chart-withheld, drawn as a dashed outline,
// for a count held back.
func barClass(p Point) string {
	if p.Withheld {
		return "chart-withheld"
	}
	return "chart-bar"
}

// Timeline draws one column per point, in order, with the first month and
// every January named below the axis (points' labels are "Month YYYY")
// and the highest value marked.
func Timeline(id, title, desc string, points []Point) *Element {
	const (
		plotTop    = 24.0
		plotHeight = 140.0
		axisY      = plotTop + plotHeight
		left       = 4.0
	)
	height := axisY + 2*lineGap + 8
	svg := frame(id, title, desc, height)
	top := scale(points)
	n := max(len(points), 1)
	step := (width - left - 4) / float64(n)
	gap := min(step*0.2, 4)
	svg.add(el("line", "class", "chart-axis", "x1", num(left), "y1", num(axisY), "x2", num(width-4), "y2", num(axisY)))
	svg.add(text(left, plotTop-8, "Highest: "+strconv.FormatFloat(top, 'f', -1, 64)))
	lastYear := ""
	for i, p := range points {
		x := left + float64(i)*step + gap/2
		v := p.Value
		if p.Withheld {
			v = WithheldAs
		}
		h := plotHeight * v / top
		if h > 0 {
			col := el("rect", "class", barClass(p), "x", num(x), "y", num(axisY-h), "width", num(max(step-gap, 1)), "height", num(h))
			svg.add(col.add(tooltip(p.Label + ": " + p.Text)))
		}
		month, year, _ := strings.Cut(p.Label, " ")
		if year != lastYear {
			// A tick and the month's short name and year where a year starts.
			svg.add(el("line", "class", "chart-axis", "x1", num(x), "y1", num(axisY), "x2", num(x), "y2", num(axisY+6)))
			if i == 0 || month == "January" && x < width-40 {
				svg.add(text(x, axisY+lineGap, short(month)), text(x, axisY+2*lineGap, year))
			}
			lastYear = year
		}
	}
	return svg
}

// tooltip is the <title> a pointer shows over a column.
func tooltip(s string) *Element {
	t := el("title")
	t.Text = s
	return t
}

// short is a month's first three letters.
func short(month string) string {
	if len(month) > 3 {
		return month[:3]
	}
	return month
}

// wrap breaks s into lines of at most width characters at spaces, at most
// lines of them, the last ending in "…" if s is longer.
func wrap(s string, width, lines int) []string {
	var out []string
	words := strings.Fields(s)
	cur := ""
	for i, w := range words {
		switch {
		case cur == "":
			cur = w
		case len([]rune(cur))+1+len([]rune(w)) <= width:
			cur += " " + w
		default:
			out = append(out, cur)
			cur = w
			if len(out) == lines-1 {
				rest := strings.Join(words[i:], " ")
				if r := []rune(rest); len(r) > width {
					rest = string(r[:width-1]) + "…"
				}
				return append(out, rest)
			}
		}
	}
	if r := []rune(cur); len(r) > width {
		cur = string(r[:width-1]) + "…"
	}
	return append(out, cur)
}

// num writes a measure with at most one decimal.
func num(f float64) string { return strconv.FormatFloat(float64(int(f*10+0.5))/10, 'f', -1, 64) }
