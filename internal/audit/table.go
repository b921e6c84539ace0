package audit

import (
	"strconv"
	"strings"

	"resolve/internal/words"
)

// Options says how to lay out a summary.
type Options struct {
	// Publish writes counts from 1 to 4 as "fewer than 5" and leaves out
	// figures worked out from fewer than 5 disagreements, for anything that
	// will be shared or published.
	Publish bool
	// Labels names procedures, stages, flags and contacts; without it,
	// they are named by their ids.
	Labels Lookup
}

// Part is a group of tables: the overview, or one scope's.
type Part struct {
	ID     string // "overview", "all", or a procedure's id
	Title  string
	Tables []Table
}

// Table is one table of the summary, the same for every output.
type Table struct {
	ID    string // unique within its part: "resolved-at"
	Scope string // the procedure's id, "" for all of them
	Title string
	Head  []Column // Head[0] heads the row labels
	Rows  []Row
	Chart Chart // the chart that draws the first value column, if any
	Note  string
}

// Chart is a kind of chart.
type Chart string

// The charts a table may have.
const (
	NoChart  Chart = ""
	Bars     Chart = "bars"     // one horizontal bar per row
	Timeline Chart = "timeline" // one column per month, in order
)

// Column is one column: a stable key for the CSV and a heading.
type Column struct {
	Key   string
	Label string
}

// Row is one row: a stable key for the CSV, its label, and one cell per
// column after the first.
type Row struct {
	Key   string
	Label string
	Cells []Cell
}

// Cell is one figure as written. N is its value for a chart; a cell that
// is not a plain number, or is held back for publication, has N 0.
type Cell struct {
	Text string
	N    float64
	// Withheld is set when Publish held the figure back ("fewer than 5").
	Withheld bool
}

// FewerThan5 is how a count from 1 to 4 is written for publication.
const FewerThan5 = "fewer than 5"

// NotShown is how a figure worked out from fewer than 5 is written for
// publication.
const NotShown = "not shown"

// withheld reports whether n is a count Publish holds back.
func (o Options) withheld(n int) bool { return o.Publish && n > 0 && n < 5 }

// count writes a count.
func (o Options) count(n int) Cell {
	if o.withheld(n) {
		return Cell{Text: FewerThan5, Withheld: true}
	}
	return Cell{Text: strconv.Itoa(n), N: float64(n)}
}

// percent writes part of whole as a whole percentage, "" when whole is 0.
// For publication it is held back when the part, the whole or the rest is
// a withheld count, any of which it would give away.
func (o Options) percent(part, whole int) Cell {
	if whole == 0 {
		return Cell{}
	}
	if o.withheld(part) || o.withheld(whole) || o.withheld(whole-part) {
		return Cell{Text: NotShown, Withheld: true}
	}
	p := 100 * float64(part) / float64(whole)
	return Cell{Text: strconv.FormatFloat(p, 'f', 0, 64) + "%", N: p}
}

// days writes a number of working days worked out from n disagreements.
func (o Options) days(v float64, n int) Cell {
	if n == 0 {
		return Cell{}
	}
	if o.Publish && n < 5 {
		return Cell{Text: NotShown, Withheld: true}
	}
	return Cell{Text: strconv.FormatFloat(v, 'f', -1, 64), N: v}
}

// countTable makes a table of one count per row, from keyed counts, with
// a row for each of keys (in order, zero when missing), then for each
// other key counted, then for "" if it was counted.
func (o Options) countTable(id, scope, title, rowHead string, counts []Count, keys []string, label func(string) string) Table {
	t := Table{ID: id, Scope: scope, Title: title, Head: []Column{{"row", rowHead}, {"disagreements", "Disagreements"}}}
	got := map[string]int{}
	for _, c := range counts {
		got[c.Key] = c.N
	}
	done := map[string]bool{}
	for _, k := range keys {
		done[k] = true
		t.Rows = append(t.Rows, Row{Key: k, Label: label(k), Cells: []Cell{o.count(got[k])}})
	}
	var none *Row // the count of "" (not recorded, none chosen) goes last
	for _, c := range counts {
		if done[c.Key] {
			continue
		}
		r := Row{Key: c.Key, Label: label(c.Key), Cells: []Cell{o.count(c.N)}}
		if c.Key == "" {
			none = &r
			continue
		}
		t.Rows = append(t.Rows, r)
	}
	if none != nil {
		t.Rows = append(t.Rows, *none)
	}
	return t
}

// Describe puts a chart's figures into words, as its text alternative:
// each row's label and first figure, or for many rows the highest and how
// many there are.
func (t Table) Describe() string {
	var b strings.Builder
	kind := "Bar chart"
	if t.Chart == Timeline {
		kind = "Timeline"
	}
	b.WriteString(kind + " of " + words.LowerFirst(t.Title) + ". ")
	rows := t.ChartRows()
	if len(rows) == 0 {
		b.WriteString("Nothing to show.")
		return b.String()
	}
	if len(rows) <= 12 {
		for i, r := range rows {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(r.Label + ": " + r.Cells[0].Text)
		}
		b.WriteString(".")
		return b.String()
	}
	top := rows[0]
	for _, r := range rows[1:] {
		if r.Cells[0].N > top.Cells[0].N {
			top = r
		}
	}
	b.WriteString(strconv.Itoa(len(rows)) + " " + words.LowerFirst(t.Head[0].Label) + "s from " + rows[0].Label + " to " + rows[len(rows)-1].Label +
		"; the most, " + top.Cells[0].Text + ", in " + top.Label + ". The table gives every figure.")
	return b.String()
}

// ChartRows returns the rows a chart draws: every row with a first cell,
// but for a timeline only the dated ones.
func (t Table) ChartRows() []Row {
	var out []Row
	for _, r := range t.Rows {
		if len(r.Cells) == 0 || t.Chart == Timeline && r.Key == "" {
			continue
		}
		out = append(out, r)
	}
	return out
}
