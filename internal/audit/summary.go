package audit

import (
	"slices"
	"strconv"

	"resolve/internal/escalation"
	"resolve/internal/workday"
)

// Filter is the date range to look at: disagreements that arose on or
// after From and on or before To. A zero end is open. With either end set,
// a disagreement whose return does not say when it arose is left out.
type Filter struct {
	From, To workday.Date
}

// Active reports whether f leaves anything out.
func (f Filter) Active() bool { return !f.From.IsZero() || !f.To.IsZero() }

func (f Filter) keeps(a *escalation.AuditReturn) bool {
	if !f.Active() {
		return true
	}
	if a.Arose.IsZero() {
		return false
	}
	return (f.From.IsZero() || !a.Arose.Before(f.From)) && (f.To.IsZero() || !a.Arose.After(f.To))
}

// Summary is what the files say, for all procedures and for each.
type Summary struct {
	Filter     Filter
	Files      int     // files given
	Skipped    int     // files that could not be read
	Duplicates int     // files that repeat a disagreement already counted
	Outside    int     // disagreements the date range leaves out
	All        Scope   // every procedure together; its ID is ""
	Protocols  []Scope // one per procedure, sorted by id
}

// Scope is the use of one procedure, or of all of them.
type Scope struct {
	ID            string // the procedure's id; "" for all of them
	Disagreements int
	Open          int
	Resolved      int
	Exhausted     int
	UrgentStarts  int          // started after stage 1
	ResolvedAt    []int        // ResolvedAt[i] is how many were resolved at stage i+1
	Stages        []StageCount // Stages[i] is stage i+1's completions
	Days          []int        // working days from arising to resolution, of each resolved one that has them, sorted
	Flags         []Count      // by flag id, sorted; only a procedure's own
	Months        []Count      // by "YYYY-MM" of arising, sorted; "" when not recorded
	Versions      []Count      // by procedure version, sorted; "" when not one the procedure lists
	Contacts      []Count      // by contact id, sorted; "" when none was chosen
	Sectors       []Count      // by "agency>other agency" sector ids, "" for one not recorded; sorted
}

// StageCount is how a stage was completed against its timescale.
type StageCount struct {
	Completed int // completed
	Timed     int // completed with a due date
	OnTime    int // completed on or before it
}

// Count is how many disagreements had one value.
type Count struct {
	Key string
	N   int
}

// Median returns the median working days from arising to resolution, and
// false if no resolved disagreement has them.
func (s Scope) Median() (float64, bool) {
	n := len(s.Days)
	if n == 0 {
		return 0, false
	}
	if n%2 == 1 {
		return float64(s.Days[n/2]), true
	}
	return float64(s.Days[n/2-1]+s.Days[n/2]) / 2, true
}

// Timed returns the stages completed against a timescale, and how many of
// them on time, over every stage.
func (s Scope) Timed() (timed, onTime int) {
	for _, st := range s.Stages {
		timed += st.Timed
		onTime += st.OnTime
	}
	return timed, onTime
}

// tally counts values for one of Scope's []Count fields.
type tally map[string]int

func (t tally) sorted() []Count {
	out := make([]Count, 0, len(t))
	for _, k := range sortedKeys(t) {
		out = append(out, Count{k, t[k]})
	}
	return out
}

// sortedKeys returns the keys of m in order. Sorting strings, which the
// module sorts elsewhere too, rather than each kind of struct keeps the
// module small: every type sorted with package slices is a copy of its
// sorting code.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// scopeBuilder gathers one scope.
type scopeBuilder struct {
	Scope
	flags, months, versions, contacts, sectors tally
}

func newScope(id string) *scopeBuilder {
	return &scopeBuilder{Scope: Scope{ID: id}, flags: tally{}, months: tally{}, versions: tally{}, contacts: tally{}, sectors: tally{}}
}

func summarise(entries []entry, f Filter) Summary {
	sum := Summary{Filter: f}
	all := newScope("")
	by := map[string]*scopeBuilder{}
	for _, e := range entries {
		a := e.a
		if !f.keeps(a) {
			sum.Outside++
			continue
		}
		p := by[a.Protocol.ID]
		if p == nil {
			p = newScope(a.Protocol.ID)
			by[a.Protocol.ID] = p
		}
		p.add(a, true)
		all.add(a, false)
	}
	sum.All = all.done()
	for _, id := range sortedKeys(by) {
		sum.Protocols = append(sum.Protocols, by[id].done())
	}
	return sum
}

// add counts one return. Flags, versions and contacts are each
// procedure's own, so they are counted only in the procedure's scope.
func (s *scopeBuilder) add(a *escalation.AuditReturn, own bool) {
	s.Disagreements++
	if len(a.Stages) > 0 && a.Stages[0].Stage > 1 {
		s.UrgentStarts++
	}
	switch a.State {
	case escalation.Closed.String():
		s.Resolved++
		last := a.Stages[len(a.Stages)-1].Stage // 1 to 50: ParseAudit checks
		s.ResolvedAt = grow(s.ResolvedAt, last)
		s.ResolvedAt[last-1]++
		if a.WorkingDays != nil {
			s.Days = append(s.Days, *a.WorkingDays)
		}
	case escalation.Exhausted.String():
		s.Exhausted++
	default:
		s.Open++
	}
	for _, st := range a.Stages {
		if st.Completed.IsZero() {
			continue
		}
		for len(s.Stages) < st.Stage {
			s.Stages = append(s.Stages, StageCount{})
		}
		c := &s.Stages[st.Stage-1]
		c.Completed++
		switch st.Timing {
		case escalation.OnTime:
			c.Timed++
			c.OnTime++
		case escalation.Late:
			c.Timed++
		}
	}
	month := ""
	if !a.Arose.IsZero() {
		month = monthKey(a.Arose.Year, int(a.Arose.Month))
	}
	s.months[month]++
	s.sectors[a.AgencySector+">"+a.OtherAgencySector]++
	if !own {
		return
	}
	for _, fl := range a.Flags {
		s.flags[fl]++
	}
	s.versions[a.Protocol.Version]++
	s.contacts[a.Contact]++
}

func (s *scopeBuilder) done() Scope {
	sortInts(s.Days)
	s.Flags = s.flags.sorted()
	s.Months = s.months.sorted()
	s.Sectors = s.sectors.sorted()
	if s.ID != "" {
		s.Versions = s.versions.sorted()
		s.Contacts = s.contacts.sorted()
	}
	return s.Scope
}

// grow returns xs with at least n elements.
func grow(xs []int, n int) []int {
	for len(xs) < n {
		xs = append(xs, 0)
	}
	return xs
}

// monthKey writes month m of year y as "YYYY-MM"; splitMonth reads it.
func monthKey(y, m int) string {
	if m < 10 {
		return strconv.Itoa(y) + "-0" + strconv.Itoa(m)
	}
	return strconv.Itoa(y) + "-" + strconv.Itoa(m)
}

// sortInts sorts xs in place: a heap sort, written out so that the module
// does not carry a copy of package slices' sort for ints.
func sortInts(xs []int) {
	down := func(i, n int) {
		for {
			c := 2*i + 1
			if c >= n {
				return
			}
			if c+1 < n && xs[c+1] > xs[c] {
				c++
			}
			if xs[i] >= xs[c] {
				return
			}
			xs[i], xs[c] = xs[c], xs[i]
			i = c
		}
	}
	for i := len(xs)/2 - 1; i >= 0; i-- {
		down(i, len(xs))
	}
	for n := len(xs) - 1; n > 0; n-- {
		xs[0], xs[n] = xs[n], xs[0]
		down(0, n)
	}
}
