package escalation

import (
	"strconv"
	"unicode/utf8"

	"resolve/internal/jsonx"
	"resolve/internal/protocol"
	"resolve/internal/workday"
)

// The audit return's format name and version.
const (
	AuditFormat  = "resolve-audit"
	AuditVersion = 1
)

// maxAuditStages bounds the stage numbers an audit return may hold, so a
// hand-edited file cannot make a summary allocate without limit.
const maxAuditStages = 50

// The values of AuditStage.Timing.
const (
	OnTime = "on-time"
	Late   = "late"
)

// AuditReturn is what a partnership may collect about one disagreement to
// see how its procedure is used. It holds the record's random id (so a
// return sent twice is counted once), the protocol, dates, stage numbers,
// outcomes, the sectors of the two agencies and the partnership contact
// chosen from fixed lists, and the ids of the flags set, and nothing else:
// no free text, no names, no references, no agencies' names. Field order is
// the JSON key order. A return may come from an unfinished record: its
// state is then open, and dates not yet entered are left out.
type AuditReturn struct {
	Format            string       `json:"format"`
	Version           int          `json:"version"`
	ID                string       `json:"id,omitempty"` // the record's random id
	Protocol          ProtocolRef  `json:"protocol"`
	State             string       `json:"state"`                         // "open", "resolved" or "exhausted"
	Arose             workday.Date `json:"arose,omitzero"`                // the date the disagreement arose
	AgencySector      string       `json:"agency_sector,omitempty"`       // one of Sectors' ids
	OtherAgencySector string       `json:"other_agency_sector,omitempty"` // one of Sectors' ids
	Contact           string       `json:"contact,omitempty"`             // the id of the protocol's contact chosen
	Stages            []AuditStage `json:"stages"`
	Flags             []string     `json:"flags"` // the protocol's flags that are set, in its order
	// WorkingDays is the number of working days from the date the
	// disagreement arose to the completion of the last stage, once the
	// record is resolved or exhausted and both dates are entered.
	WorkingDays *int         `json:"working_days,omitempty"`
	Updated     workday.Date `json:"updated,omitzero"` // the date the record was last changed
}

// AuditStage is one stage reached.
type AuditStage struct {
	Stage     int          `json:"stage"`
	Started   workday.Date `json:"started,omitzero"`
	Due       workday.Date `json:"due,omitzero"`
	Completed workday.Date `json:"completed,omitzero"`
	Timing    string       `json:"timing,omitempty"`  // OnTime, Late, or "" (not completed, or no timescale)
	Outcome   string       `json:"outcome,omitempty"` // Resolved, NotResolved, or "" while under way
}

// Audit returns the audit return of r, a record of p (finished or not)
// whose working days are counted by cal. Only values chosen from the
// protocol or a fixed list, dates, and what this package counts are copied:
// a string the practitioner typed never is.
func Audit(r *Record, p *protocol.Protocol, cal *workday.Calendar) *AuditReturn {
	a := &AuditReturn{
		Format:   AuditFormat,
		Version:  AuditVersion,
		Protocol: ProtocolRef{ID: p.ID, Version: knownVersion(p, r.Protocol.Version), Calendar: cal.ID()},
		State:    r.State().String(),
		Arose:    r.Arose,
		Stages:   []AuditStage{},
		Flags:    []string{},
		Updated:  r.Updated,
	}
	if GeneratedID(r.ID) {
		a.ID = r.ID
	}
	if SectorLabel(r.AgencySector) != "" {
		a.AgencySector = r.AgencySector
	}
	if SectorLabel(r.OtherAgencySector) != "" {
		a.OtherAgencySector = r.OtherAgencySector
	}
	if c := p.ContactByID(r.Contact); c != nil {
		a.Contact = c.ID
	}
	dues := recordDues(r, p, cal)
	for _, s := range r.Stages {
		as := AuditStage{Stage: s.Stage, Started: s.Started, Completed: s.Completed}
		if s.Stage >= 1 && s.Stage <= len(dues) && dues[s.Stage-1].Known {
			as.Due = dues[s.Stage-1].Date
			if !s.Completed.IsZero() {
				as.Timing = OnTime
				if s.Completed.After(as.Due) {
					as.Timing = Late
				}
			}
		}
		switch s.Outcome { // copied only when it is one of the two words
		case Resolved, NotResolved:
			as.Outcome = s.Outcome
		}
		a.Stages = append(a.Stages, as)
	}
	if n := len(a.Stages); n > 0 {
		a.State = stateOf(a.Stages[n-1].Outcome) // an unknown word was not copied
	}
	for _, f := range p.Flags {
		if r.Flags[f.ID] {
			a.Flags = append(a.Flags, f.ID)
		}
	}
	if n := len(r.Stages); a.State != Open.String() && n > 0 && !r.Arose.IsZero() && !r.Stages[n-1].Completed.IsZero() {
		days := cal.WorkingDaysBetween(r.Arose, r.Stages[n-1].Completed)
		a.WorkingDays = &days
	}
	return a
}

// stateOf names the state a record is in when its last stage has the given outcome.
func stateOf(lastOutcome string) string {
	switch lastOutcome {
	case Resolved:
		return Closed.String()
	case NotResolved:
		return Exhausted.String()
	}
	return Open.String()
}

// GeneratedID reports whether id has the shape NewID gives, 26 of a-z and
// 2-7, so that an identifier typed into a file by hand is not copied.
func GeneratedID(id string) bool {
	if len(id) != 26 {
		return false
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; !(c >= 'a' && c <= 'z' || c >= '2' && c <= '7') {
			return false
		}
	}
	return true
}

// knownVersion returns v if it is the protocol's version or one of its
// recorded past versions, and "" otherwise: a version typed into a file by
// hand is not copied.
func knownVersion(p *protocol.Protocol, v string) string {
	if v == p.Version {
		return v
	}
	for _, c := range p.Changes {
		if c.Version == v {
			return v
		}
	}
	return ""
}

// AuditJSON writes an audit return as it is saved: keys in struct order,
// two-space indent, <, > and & escaped, a final newline. The error is
// always nil; it is there for callers written when the encoding could fail.
func AuditJSON(a *AuditReturn) ([]byte, error) {
	w := jsonx.Writer{Indent: "  "}
	WriteAudit(&w, a)
	return append(w.Bytes(), '\n'), nil
}

// ParseAudit reads an audit return with the same strictness as Import, and
// checks that it holds only what Audit writes: stages numbered in order,
// known outcome, timing, sector and state words, ids of the right shape.
// Returns from unfinished records, and those written before the optional
// fields were added, are accepted.
func ParseAudit(data []byte) (*AuditReturn, error) {
	a, err := readAudit(data)
	if err != nil {
		return nil, err
	}
	bad := func(msg string) (*AuditReturn, error) {
		return nil, importError("This audit return is damaged: " + msg)
	}
	switch {
	case !validID(a.Protocol.ID):
		return bad("it does not name its procedure.")
	case !validID(a.Protocol.Calendar):
		return bad("it does not name its calendar.")
	case !plainText(a.Protocol.Version, 64):
		return bad("its procedure version is not a short line of text.")
	case a.ID != "" && !GeneratedID(a.ID):
		return bad("its record identifier is not one this tool makes.")
	case a.AgencySector != "" && SectorLabel(a.AgencySector) == "",
		a.OtherAgencySector != "" && SectorLabel(a.OtherAgencySector) == "":
		return bad("it has a kind of agency this tool does not know.")
	case a.Contact != "" && !validID(a.Contact):
		return bad("its partnership contact is not an id.")
	}
	for i, s := range a.Stages {
		where := "stage " + strconv.Itoa(s.Stage)
		switch {
		case s.Stage < 1 || s.Stage > maxAuditStages:
			return bad("it has a stage numbered " + strconv.Itoa(s.Stage) + ".")
		case i > 0 && s.Stage != a.Stages[i-1].Stage+1:
			return bad("its stages are not in order.")
		case s.Outcome != "" && s.Outcome != Resolved && s.Outcome != NotResolved:
			return bad(where + " has an unknown outcome.")
		case s.Timing != "" && s.Timing != OnTime && s.Timing != Late:
			return bad(where + " has an unknown timing.")
		case s.Timing != "" && (s.Due.IsZero() || s.Completed.IsZero()):
			return bad(where + " has a timing without its due and completion dates.")
		}
	}
	want := Open.String()
	if n := len(a.Stages); n > 0 {
		want = stateOf(a.Stages[n-1].Outcome)
	}
	if a.State != want {
		return bad("its state does not match its stages.")
	}
	if a.WorkingDays != nil && (want == Open.String() || *a.WorkingDays < 0) {
		return bad("its working days to the close are damaged.")
	}
	for _, f := range a.Flags {
		if !validID(f) {
			return bad("it has a flag with an unusable name.")
		}
	}
	return a, nil
}

// plainText reports whether s is at most max bytes of valid UTF-8 with no
// control characters, so that it is safe to print in a terminal table.
func plainText(s string, max int) bool {
	if len(s) > max || !utf8.ValidString(s) {
		return false
	}
	for _, c := range s {
		if c < 0x20 || c >= 0x7f && c <= 0x9f {
			return false
		}
	}
	return true
}
