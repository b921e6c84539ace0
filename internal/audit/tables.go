package audit

import (
	"strconv"
	"strings"
	"time"

	"resolve/internal/escalation"
	"resolve/internal/protocol"
)

// maxTimelineMonths is the longest run of months a timeline fills in with
// the months that had no disagreement; beyond it (dates far apart, or
// mistyped) only the months that had one are listed.
const maxTimelineMonths = 240

// Tables lays the summary out: first the files and an overview of every
// procedure side by side, then the tables of all procedures together, then
// each procedure's own.
func Tables(s Summary, o Options) []Part {
	parts := []Part{{ID: "overview", Title: "Overview", Tables: []Table{o.filesTable(s), o.overview(s)}}}
	parts = append(parts, Part{ID: "all", Title: "All procedures", Tables: o.scopeTables(s.All)})
	for _, p := range s.Protocols {
		parts = append(parts, Part{ID: p.ID, Title: o.scopeTitle(p.ID), Tables: o.scopeTables(p)})
	}
	return parts
}

// protocol returns the procedure with the given id, or nil.
func (o Options) protocol(id string) *protocol.Protocol {
	if o.Labels == nil || id == "" {
		return nil
	}
	p, _, ok := o.Labels(id)
	if !ok {
		return nil
	}
	return p
}

// scopeTitle names a procedure: "HIPS: Hampshire, ...".
func (o Options) scopeTitle(id string) string {
	name := upper(id)
	if p := o.protocol(id); p != nil && p.Partnership != "" {
		name += ": " + p.Partnership
	}
	return name
}

func (o Options) filesTable(s Summary) Table {
	t := Table{ID: "files", Title: "The files read", Head: []Column{{"row", "Files"}, {"files", "Number"}}}
	plain := Options{} // counts of files, not of disagreements, are never held back
	add := func(key, label string, c Cell) {
		t.Rows = append(t.Rows, Row{Key: key, Label: label, Cells: []Cell{c}})
	}
	add("given", "Files given", plain.count(s.Files))
	add("duplicates", "Repeating a disagreement already counted (counted once)", plain.count(s.Duplicates))
	add("skipped", "Could not be read (skipped)", plain.count(s.Skipped))
	if s.Filter.Active() {
		add("outside", "Disagreements outside the date range (left out)", o.count(s.Outside))
	}
	add("counted", "Disagreements counted", o.count(s.All.Disagreements))
	return t
}

// overviewRows are the overview's measures, in order: key and label.
var overviewRows = [][2]string{
	{"disagreements", "Disagreements"},
	{"open", "Open"},
	{"resolved", "Resolved"},
	{"exhausted", "Not resolved at the last stage"},
	{"urgent-starts", "Started after stage 1 (urgent)"},
	{"stages-timed", "Stages completed against a timescale"},
	{"stages-on-time", "Of those, completed on time"},
	{"on-time-percent", "Stages on time"},
	{"median-days", "Median working days to resolution"},
	{"shortest-days", "Fewest working days to resolution"},
	{"longest-days", "Most working days to resolution"},
}

// overview puts each measure of every scope side by side.
func (o Options) overview(s Summary) Table {
	scopes := append([]Scope{s.All}, s.Protocols...)
	t := Table{ID: "overview", Title: "Disagreements by procedure", Head: []Column{{"row", "Measure"}, {"all", "All procedures"}}}
	for _, p := range s.Protocols {
		t.Head = append(t.Head, Column{p.ID, upper(p.ID)})
	}
	for _, row := range overviewRows {
		r := Row{Key: row[0], Label: row[1]}
		for _, sc := range scopes {
			r.Cells = append(r.Cells, o.measure(row[0], sc))
		}
		t.Rows = append(t.Rows, r)
	}
	t.Note = "Working days to resolution count from the day the disagreement arose to the day its last stage was completed, for resolved disagreements whose returns give both dates."
	return t
}

// measure is one of the overview's measures of a scope.
func (o Options) measure(key string, sc Scope) Cell {
	timed, onTime := sc.Timed()
	n := 0
	switch key {
	case "disagreements":
		n = sc.Disagreements
	case "open":
		n = sc.Open
	case "resolved":
		n = sc.Resolved
	case "exhausted":
		n = sc.Exhausted
	case "urgent-starts":
		n = sc.UrgentStarts
	case "stages-timed":
		n = timed
	case "stages-on-time":
		n = onTime
	case "on-time-percent":
		return o.percent(onTime, timed)
	default: // the working days
		days := len(sc.Days)
		if days == 0 {
			return Cell{}
		}
		v, _ := sc.Median()
		switch key {
		case "shortest-days":
			v = float64(sc.Days[0])
		case "longest-days":
			v = float64(sc.Days[days-1])
		}
		return o.days(v, days)
	}
	return o.count(n)
}

// scopeTables are the tables of one scope.
func (o Options) scopeTables(sc Scope) []Table {
	p := o.protocol(sc.ID)
	stageLabel := func(n int) string {
		l := "Stage " + strconv.Itoa(n)
		if p != nil && n <= len(p.Stages) {
			l += ": " + p.Stages[n-1].Title
		}
		return l
	}
	stages := len(sc.ResolvedAt)
	if len(sc.Stages) > stages {
		stages = len(sc.Stages)
	}
	if p != nil && len(p.Stages) > stages {
		stages = len(p.Stages)
	}

	at := Table{ID: "resolved-at", Scope: sc.ID, Title: "Stage at which disagreements were resolved", Chart: Bars,
		Head: []Column{{"row", "Stage"}, {"disagreements", "Disagreements"}}}
	timing := Table{ID: "on-time", Scope: sc.ID, Title: "Stages completed against their timescale",
		Head: []Column{{"row", "Stage"}, {"completed", "Completed"}, {"timed", "Against a timescale"},
			{"on-time", "On time"}, {"late", "Late"}, {"on-time-percent", "On time (%)"}},
		Note: "A stage counts against its timescale when the procedure gives it one and its due date could be worked out."}
	for n := 1; n <= stages; n++ {
		key := strconv.Itoa(n)
		at.Rows = append(at.Rows, Row{Key: key, Label: stageLabel(n), Cells: []Cell{o.count(atIndex(sc.ResolvedAt, n-1))}})
		var c StageCount
		if n <= len(sc.Stages) {
			c = sc.Stages[n-1]
		}
		timing.Rows = append(timing.Rows, Row{Key: key, Label: stageLabel(n), Cells: []Cell{
			o.count(c.Completed), o.count(c.Timed), o.count(c.OnTime), o.count(c.Timed - c.OnTime), o.percent(c.OnTime, c.Timed)}})
	}
	out := []Table{at, timing, o.months(sc)}
	if sc.ID != "" {
		out = append(out, o.flags(sc, p), o.versions(sc))
		if c := o.contacts(sc, p); c.Chart == Bars || len(sc.Contacts) > 0 && sc.Contacts[len(sc.Contacts)-1].Key != "" {
			out = append(out, c) // the procedure offers a choice, or a return made one
		}
	}
	sectors := o.countTable("sectors", sc.ID, "Agencies in disagreement, by sector", "Practitioner's agency → other agency", byCount(sc.Sectors), nil, sectorPair)
	return append(out, sectors)
}

// months is the disagreements per month of arising, with the months
// between that had none.
func (o Options) months(sc Scope) Table {
	var keys []string
	var dated []Count
	for _, c := range sc.Months {
		if c.Key != "" {
			dated = append(dated, c)
		}
	}
	if n := len(dated); n > 0 {
		y, m := splitMonth(dated[0].Key)
		ly, lm := splitMonth(dated[n-1].Key)
		if span := (ly-y)*12 + lm - m; span < maxTimelineMonths {
			for ; y < ly || y == ly && m <= lm; m++ {
				if m > 12 {
					y, m = y+1, 1
				}
				keys = append(keys, monthKey(y, m))
			}
		} else {
			for _, c := range dated {
				keys = append(keys, c.Key)
			}
		}
	}
	t := o.countTable("months", sc.ID, "Disagreements per month", "Month", sc.Months, keys, monthLabel)
	t.Chart = Timeline
	t.Note = "By the month the disagreement arose."
	return t
}

func (o Options) flags(sc Scope, p *protocol.Protocol) Table {
	var keys []string
	label := func(id string) string { return id }
	if p != nil {
		for _, f := range p.Flags {
			keys = append(keys, f.ID)
		}
		label = func(id string) string {
			for _, f := range p.Flags {
				if f.ID == id {
					return f.Question
				}
			}
			return id
		}
	}
	t := o.countTable("flags", sc.ID, "Flags set", "Flag", sc.Flags, keys, label)
	t.Chart = Bars
	t.Note = "How many disagreements answered yes to each of the procedure's questions about the case."
	return t
}

func (o Options) versions(sc Scope) Table {
	return o.countTable("versions", sc.ID, "Procedure versions followed", "Version", sc.Versions, nil, func(v string) string {
		if v == "" {
			return "Not a version this procedure lists"
		}
		return v
	})
}

// contacts is the partnership contact chosen; it has a chart when the
// procedure offers a choice of several.
func (o Options) contacts(sc Scope, p *protocol.Protocol) Table {
	var keys []string
	label := func(id string) string {
		if id == "" {
			return "None chosen"
		}
		return id
	}
	if p != nil {
		for _, c := range p.Contacts {
			if c.ID != "" {
				keys = append(keys, c.ID)
			}
		}
		label = func(id string) string {
			if c := p.ContactByID(id); c != nil {
				return c.Name
			}
			if id == "" {
				return "None chosen"
			}
			return id
		}
	}
	t := o.countTable("contacts", sc.ID, "Partnership contact chosen", "Contact", sc.Contacts, keys, label)
	if len(keys) > 1 {
		t.Chart = Bars
	}
	return t
}

// byCount orders counts from the most to the fewest, then by key.
func byCount(cs []Count) []Count {
	out := append([]Count(nil), cs...)
	for i := 1; i < len(out); i++ { // an insertion sort: a few dozen pairs at most
		for j := i; j > 0 && (out[j].N > out[j-1].N || out[j].N == out[j-1].N && out[j].Key < out[j-1].Key); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// sectorPair names "education>health" as "Education → Health".
func sectorPair(key string) string {
	a, b, _ := strings.Cut(key, ">")
	return sectorName(a) + " → " + sectorName(b)
}

// sectorName is a sector's label up to its first colon, or "Not recorded".
func sectorName(id string) string {
	l := escalation.SectorLabel(id)
	if l == "" {
		return "Not recorded"
	}
	l, _, _ = strings.Cut(l, ":")
	return l
}

func monthLabel(key string) string {
	if key == "" {
		return "Date not recorded"
	}
	y, m := splitMonth(key)
	return time.Month(m).String() + " " + strconv.Itoa(y)
}

func splitMonth(key string) (y, m int) {
	y, _ = strconv.Atoi(key[:4])
	m, _ = strconv.Atoi(key[5:])
	return y, m
}

func atIndex(xs []int, i int) int {
	if i < len(xs) {
		return xs[i]
	}
	return 0
}

// upper writes a procedure's id in capitals, as the site names it: "HIPS".
// Ids are ASCII, and strings.ToUpper would bring Unicode's tables into
// the module.
func upper(id string) string {
	b := []byte(id)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}
