// Package audit sums up how a partnership's escalation procedures are used,
// from the anonymous audit returns practitioners send in (see
// escalation.AuditReturn) or from whole records, which it turns into audit
// returns first so that nothing but the return's facts is ever counted.
//
// Per procedure it counts the disagreements, how many are open, resolved or
// exhausted, how many started at a later stage because the case was urgent,
// the stage at which they were resolved, the share of completed stages that
// were on time, the median working days from the disagreement arising to its
// resolution, and how often each flag was set. A file that cannot be read is
// reported by name and skipped; the totals say how many were.
//
// A command needs only:
//
//	files := ... // each FILE argument's name and contents
//	sum, errs := audit.Config{Protocols: lookup, Today: today}.Summarise(files)
//	for _, err := range errs { fmt.Fprintln(os.Stderr, err) }
//	if csv { sum.WriteCSV(os.Stdout) } else { sum.WriteTable(os.Stdout) }
package audit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"

	"resolve/internal/escalation"
	"resolve/internal/protocol"
	"resolve/internal/workday"
)

// File is one file given to the audit: its name, for messages, and its contents.
type File struct {
	Name string
	Data []byte
}

// Lookup returns the procedure with the given id and the calendar its
// working days are counted by, or false if the site has no such procedure.
type Lookup func(protocolID string) (*protocol.Protocol, *workday.Calendar, bool)

// Config says how to read whole records. With no Protocols, only audit
// returns can be read and records are skipped with a message. Today is the
// date records are checked against (no dates after it); zero skips that check.
type Config struct {
	Protocols Lookup
	Today     workday.Date
}

// Summary is what the files say, per procedure.
type Summary struct {
	Files     int        // files given
	Skipped   int        // files that could not be read; each has an error
	Protocols []Protocol // sorted by id
}

// Protocol is the use of one procedure.
type Protocol struct {
	ID            string
	Versions      []string // the procedure versions the returns name, sorted; "" is unknown
	Disagreements int
	Open          int
	Resolved      int
	Exhausted     int
	UrgentStarts  int   // started after stage 1 because the case was urgent
	ResolvedAt    []int // ResolvedAt[i] is how many were resolved at stage i+1
	StagesTimed   int   // completed stages that had a due date
	StagesOnTime  int   // of those, completed on or before it
	Days          []int // working days from arising to resolution, of each resolved one, sorted
	Flags         []FlagCount
}

// FlagCount is how many disagreements had one flag set.
type FlagCount struct {
	ID    string
	Count int
}

// Median returns the median working days from arising to resolution, and
// false if nothing was resolved.
func (p Protocol) Median() (float64, bool) {
	n := len(p.Days)
	if n == 0 {
		return 0, false
	}
	if n%2 == 1 {
		return float64(p.Days[n/2]), true
	}
	return float64(p.Days[n/2-1]+p.Days[n/2]) / 2, true
}

// OnTimeShare returns the percentage of timed stages completed on time, and
// false if no stage had a due date.
func (p Protocol) OnTimeShare() (float64, bool) {
	if p.StagesTimed == 0 {
		return 0, false
	}
	return 100 * float64(p.StagesOnTime) / float64(p.StagesTimed), true
}

// Summarise reads audit returns only: Config{}.Summarise.
func Summarise(files []File) (Summary, []error) { return Config{}.Summarise(files) }

// Summarise reads every file as an audit return or a whole record and sums
// them up. Each file that cannot be read gives one error, "name: why", and
// is left out of the summary.
func (c Config) Summarise(files []File) (Summary, []error) {
	var errs []error
	by := map[string]*Protocol{}
	flags := map[string]map[string]int{}
	s := Summary{Files: len(files)}
	for _, f := range files {
		a, err := c.read(f.Data)
		if err != nil {
			s.Skipped++
			errs = append(errs, fmt.Errorf("%s: %w", f.Name, err))
			continue
		}
		p := by[a.Protocol.ID]
		if p == nil {
			p = &Protocol{ID: a.Protocol.ID}
			by[a.Protocol.ID] = p
			flags[a.Protocol.ID] = map[string]int{}
		}
		add(p, a, flags[a.Protocol.ID])
	}
	for id, p := range by {
		for flag, n := range flags[id] {
			p.Flags = append(p.Flags, FlagCount{flag, n})
		}
		sort.Slice(p.Flags, func(i, j int) bool { return p.Flags[i].ID < p.Flags[j].ID })
		sort.Strings(p.Versions)
		sort.Ints(p.Days)
		s.Protocols = append(s.Protocols, *p)
	}
	sort.Slice(s.Protocols, func(i, j int) bool { return s.Protocols[i].ID < s.Protocols[j].ID })
	return s, errs
}

// read returns the audit return in data, converting a whole record.
func (c Config) read(data []byte) (*escalation.AuditReturn, error) {
	var head struct {
		Format   string `json:"format"`
		Protocol struct {
			ID string `json:"id"`
		} `json:"protocol"`
	}
	// A file that is not even this much is left to ParseAudit to describe.
	if json.NewDecoder(bytes.NewReader(data)).Decode(&head) != nil || head.Format != escalation.Format {
		return escalation.ParseAudit(data)
	}
	if c.Protocols == nil {
		return nil, errors.New("this is a whole record; the audit reads records only with the site's procedures (give the content folder), or send its audit return instead")
	}
	p, cal, ok := c.Protocols(head.Protocol.ID)
	if !ok {
		return nil, fmt.Errorf("this record is for the procedure %q, which the site does not have", head.Protocol.ID)
	}
	r, _, err := escalation.Import(data, p, c.Today)
	if err != nil {
		return nil, err
	}
	return escalation.Audit(r, p, cal), nil
}

// add counts one audit return into p.
func add(p *Protocol, a *escalation.AuditReturn, flags map[string]int) {
	p.Disagreements++
	if !slices.Contains(p.Versions, a.Protocol.Version) {
		p.Versions = append(p.Versions, a.Protocol.Version)
	}
	if len(a.Stages) > 0 && a.Stages[0].Stage > 1 {
		p.UrgentStarts++
	}
	switch a.State {
	case "resolved":
		p.Resolved++
		last := a.Stages[len(a.Stages)-1].Stage // at most 50: ParseAudit checks
		for len(p.ResolvedAt) < last {
			p.ResolvedAt = append(p.ResolvedAt, 0)
		}
		p.ResolvedAt[last-1]++
		if a.WorkingDays != nil { // nil when a date is still to be entered
			p.Days = append(p.Days, *a.WorkingDays)
		}
	case "exhausted":
		p.Exhausted++
	default:
		p.Open++
	}
	for _, st := range a.Stages {
		switch st.Timing {
		case escalation.OnTime:
			p.StagesTimed++
			p.StagesOnTime++
		case escalation.Late:
			p.StagesTimed++
		}
	}
	for _, f := range a.Flags {
		flags[f]++
	}
}

// Total is the sum over every procedure, with ID "all". Flags are not
// summed: each procedure's flags are its own questions.
func (s Summary) Total() Protocol {
	t := Protocol{ID: "all"}
	for _, p := range s.Protocols {
		t.Disagreements += p.Disagreements
		t.Open += p.Open
		t.Resolved += p.Resolved
		t.Exhausted += p.Exhausted
		t.UrgentStarts += p.UrgentStarts
		t.StagesTimed += p.StagesTimed
		t.StagesOnTime += p.StagesOnTime
		t.Days = append(t.Days, p.Days...)
		for i, n := range p.ResolvedAt {
			for len(t.ResolvedAt) <= i {
				t.ResolvedAt = append(t.ResolvedAt, 0)
			}
			t.ResolvedAt[i] += n
		}
	}
	sort.Ints(t.Days)
	return t
}
