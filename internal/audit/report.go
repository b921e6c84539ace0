package audit

import (
	"strconv"
	"strings"

	"resolve/internal/chart"
	"resolve/internal/escalation"
	"resolve/internal/words"
	"resolve/internal/workday"
)

// Draw returns the chart of t, or nil if it has none. id makes the
// chart's element ids unique in a page.
func (t Table) Draw(id string) *chart.Element {
	if t.Chart == NoChart {
		return nil
	}
	var points []chart.Point
	for _, r := range t.ChartRows() {
		c := r.Cells[0]
		points = append(points, chart.Point{Label: r.Label, Value: c.N, Text: c.Text, Withheld: c.Withheld})
	}
	if len(points) == 0 {
		return nil
	}
	if t.Chart == Timeline {
		return chart.Timeline(id, t.Title, t.Describe(), points)
	}
	return chart.Bars(id, t.Title, t.Describe(), points)
}

// ChartID is the element id of the chart of table t in part p.
func ChartID(p Part, t Table) string { return "chart-" + p.ID + "-" + t.ID }

// Made says when and from what a summary was made, for its heading.
type Made struct {
	Title string       // the site's title, or ""
	Today workday.Date // the date it was made
}

// Describe says in a sentence what the figures cover: the files, the date
// range and, for publication, how small counts are written.
func Describe(s Summary, o Options) string {
	var b strings.Builder
	b.WriteString("From " + words.Count(s.Files, "file", "files") + ": " + words.Count(s.Files-s.Skipped-s.Duplicates, "disagreement", "disagreements") +
		", " + words.Count(s.Duplicates, "repeat", "repeats") + " counted once, " + strconv.Itoa(s.Skipped) + " not read.")
	var when string
	switch f := s.Filter; {
	case !f.From.IsZero() && !f.To.IsZero():
		when = "from " + escalation.LongDate(f.From) + " to " + escalation.LongDate(f.To)
	case !f.From.IsZero():
		when = "on or after " + escalation.LongDate(f.From)
	case !f.To.IsZero():
		when = "on or before " + escalation.LongDate(f.To)
	}
	if when != "" {
		b.WriteString(" Counted: those that arose " + when + " (" + strconv.Itoa(s.Outside) + " left out).")
	}
	if o.Publish {
		b.WriteString(" Counts from 1 to 4 are shown as \u201cfewer than 5\u201d, and figures worked out from fewer than 5 disagreements are not shown.")
	} else {
		b.WriteString(" Every count is shown exactly: not for publication as it is, since small numbers could identify a case.")
	}
	return b.String()
}

// reportStyle is the report's own style sheet: the report is one file,
// opened from the manager's computer, so it carries its styles with it.
const reportStyle = `body{font-family:Arial,sans-serif;color:#0b0c0c;background:#fff;margin:2rem auto;max-width:52rem;padding:0 1rem;line-height:1.4}
h1{font-size:1.8rem}h2{font-size:1.4rem;margin-top:2.5rem;border-top:2px solid #0b0c0c;padding-top:.5rem}h3{font-size:1.1rem;margin-top:1.5rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}caption{text-align:left;font-weight:bold;padding:.25rem 0}
th,td{border-bottom:1px solid #b1b4b6;padding:.3rem .5rem .3rem 0;text-align:left;vertical-align:top}.n{text-align:right}
.chart{display:block;width:100%;max-width:30rem;height:auto;margin:.5rem 0}.note{color:#505a5f;font-size:.9rem}
.chart text{font-family:Arial,sans-serif;font-size:14px;fill:#0b0c0c}.chart-bar{fill:#1d70b8}.chart-axis{stroke:#505a5f;stroke-width:1}
.chart-withheld{fill:none;stroke:#505a5f;stroke-width:2;stroke-dasharray:4 3}
@media print{body{margin:0;max-width:none;font-size:10pt}h2{break-before:page}h2:first-of-type{break-before:auto}table,figure,tr{break-inside:avoid}}
@media (forced-colors:active){.chart-bar,.chart text{fill:CanvasText}.chart-axis,.chart-withheld{stroke:CanvasText}}`

// Report writes the summary as one self-contained HTML page for a board
// report, to print or save as PDF: every table, each chart beside its
// table, no script and nothing fetched from anywhere.
func Report(s Summary, parts []Part, o Options, m Made) []byte {
	e := chart.Escape
	title := "Professional disagreements: how the procedures are used"
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n" +
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n" +
		"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n" +
		"<title>" + e(title) + "</title>\n<style>" + reportStyle + "</style>\n</head>\n<body>\n")
	if m.Title != "" {
		b.WriteString("<p>" + e(m.Title) + "</p>\n")
	}
	b.WriteString("<h1>" + e(title) + "</h1>\n<p>Made on " + e(escalation.LongDate(m.Today)) + ". " + e(Describe(s, o)) + "</p>\n")
	for _, p := range parts {
		b.WriteString("<h2>" + e(p.Title) + "</h2>\n")
		for _, t := range p.Tables {
			b.WriteString("<h3>" + e(t.Title) + "</h3>\n")
			if c := t.Draw(ChartID(p, t)); c != nil {
				b.WriteString(c.XML() + "\n")
			}
			writeTable(&b, t)
		}
	}
	b.WriteString("</body>\n</html>\n")
	return []byte(b.String())
}

// writeTable writes t as an HTML table.
func writeTable(b *strings.Builder, t Table) {
	e := chart.Escape
	if len(t.Rows) == 0 {
		b.WriteString("<p>None.</p>\n")
		return
	}
	b.WriteString("<table>\n<thead><tr>")
	for i, c := range t.Head {
		class := ""
		if i > 0 {
			class = ` class="n"`
		}
		b.WriteString("<th scope=\"col\"" + class + ">" + e(c.Label) + "</th>")
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for _, r := range t.Rows {
		b.WriteString("<tr><th scope=\"row\">" + e(r.Label) + "</th>")
		for _, c := range r.Cells {
			b.WriteString("<td class=\"n\">" + e(c.Text) + "</td>")
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n")
	if t.Note != "" {
		b.WriteString("<p class=\"note\">" + e(t.Note) + "</p>\n")
	}
}
