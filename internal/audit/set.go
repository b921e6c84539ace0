package audit

import "resolve/internal/escalation"

// Problem is a file that could not be read, and why.
type Problem struct {
	Name string // the file's name as given
	Why  string // a sentence or two
}

// Duplicate is a file that holds a disagreement another file holds too.
type Duplicate struct {
	Name string // the file
	Same string // the file it repeats, whichever of the two is counted
}

// Set is the disagreements read so far, one audit return each. The zero
// Set is not usable: make one with NewSet. It is not safe for concurrent
// use.
type Set struct {
	cfg        Config
	files      int
	problems   []Problem
	duplicates []Duplicate
	byKey      map[string]int // key -> index in entries
	entries    []entry
}

type entry struct {
	name  string
	a     *escalation.AuditReturn
	canon string // escalation.AuditJSON(a), made only when needed: the content key, and the last tie-break
}

// canonical returns the return as escalation.AuditJSON writes it.
func (e *entry) canonical() string {
	if e.canon == "" {
		data, _ := escalation.AuditJSON(e.a)
		e.canon = string(data)
	}
	return e.canon
}

// NewSet returns an empty set that reads files as c says.
func NewSet(c Config) *Set { return &Set{cfg: c, byKey: map[string]int{}} }

// Add reads one file and counts what it holds: a new disagreement, a
// duplicate of one already read, or a problem. It returns the problem's
// reason, or "" when the file was read.
func (s *Set) Add(name string, data []byte) string {
	a, err := s.cfg.Read(data)
	if err != nil {
		s.Skip(name, err.Error())
		return err.Error()
	}
	s.AddReturn(name, a)
	return ""
}

// Skip counts a file that could not be read at all (missing, not a regular
// file, too large), with the reason.
func (s *Set) Skip(name, why string) {
	s.files++
	s.problems = append(s.problems, Problem{Name: name, Why: why})
}

// AddReturn counts an audit return already read, from the file name.
func (s *Set) AddReturn(name string, a *escalation.AuditReturn) {
	s.files++
	e := entry{name: name, a: a}
	var key string
	if a.ID != "" {
		key = "id:" + a.ID
	} else {
		key = "content:" + e.canonical()
	}
	i, seen := s.byKey[key]
	if !seen {
		s.byKey[key] = len(s.entries)
		s.entries = append(s.entries, e)
		return
	}
	old := &s.entries[i]
	s.duplicates = append(s.duplicates, Duplicate{Name: name, Same: old.name})
	if later(&e, old) {
		*old = e
	}
}

// later reports whether e is a later state of the same disagreement than
// old: updated later; on the same date (or with none), further on; then,
// only so that the choice never depends on the order of the files, the
// larger encoding.
func later(e, old *entry) bool {
	if c := e.a.Updated.Compare(old.a.Updated); c != 0 {
		return c > 0
	}
	if n, m := len(e.a.Stages), len(old.a.Stages); n != m {
		return n > m
	}
	if c := completed(e.a) - completed(old.a); c != 0 {
		return c > 0
	}
	return e.canonical() > old.canonical()
}

// completed counts the stages of a with a completion date.
func completed(a *escalation.AuditReturn) int {
	n := 0
	for _, st := range a.Stages {
		if !st.Completed.IsZero() {
			n++
		}
	}
	return n
}

// Files returns how many files have been given.
func (s *Set) Files() int { return s.files }

// Problems returns the files that could not be read, in the order given.
func (s *Set) Problems() []Problem { return s.problems }

// Duplicates returns the files that repeat a disagreement, in the order given.
func (s *Set) Duplicates() []Duplicate { return s.duplicates }

// Returns returns one audit return per disagreement, in a fixed order (by
// id, then by encoding for returns without one), whatever order the files
// came in.
func (s *Set) Returns() []*escalation.AuditReturn {
	keys := sortedKeys(s.byKey)
	out := make([]*escalation.AuditReturn, len(keys))
	for i, k := range keys {
		out[i] = s.entries[s.byKey[k]].a
	}
	return out
}

// Summary sums up the disagreements whose date of arising is within f.
func (s *Set) Summary(f Filter) Summary {
	sum := summarise(s.entries, f)
	sum.Files = s.files
	sum.Skipped = len(s.problems)
	sum.Duplicates = len(s.duplicates)
	return sum
}
