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
// see how its procedure is used. It holds the protocol, dates, stage numbers,
// outcomes and the ids of the flags set, and nothing else: no free text, no
// names, no references, no agencies. Field order is the JSON key order.
type AuditReturn struct {
	Format   string       `json:"format"`
	Version  int          `json:"version"`
	Protocol ProtocolRef  `json:"protocol"`
	State    string       `json:"state"` // "open", "resolved" or "exhausted"
	Stages   []AuditStage `json:"stages"`
	Flags    []string     `json:"flags"` // the protocol's flags that are set, in its order
	// WorkingDays is the number of working days from the date the
	// disagreement arose to the completion of the last stage, once the
	// record is resolved or exhausted.
	WorkingDays *int `json:"working_days,omitempty"`
}

// AuditStage is one stage reached.
type AuditStage struct {
	Stage     int          `json:"stage"`
	Started   workday.Date `json:"started"`
	Due       workday.Date `json:"due,omitzero"`
	Completed workday.Date `json:"completed,omitzero"`
	Timing    string       `json:"timing,omitempty"`  // OnTime, Late, or "" (not completed, or no timescale)
	Outcome   string       `json:"outcome,omitempty"` // Resolved, NotResolved, or "" while under way
}

// Audit returns the audit return of r, a valid record of p whose working
// days are counted by cal. Only values chosen from the protocol or counted
// by this package are copied: a string the practitioner typed never is.
func Audit(r *Record, p *protocol.Protocol, cal *workday.Calendar) *AuditReturn {
	a := &AuditReturn{
		Format:   AuditFormat,
		Version:  AuditVersion,
		Protocol: ProtocolRef{ID: p.ID, Version: knownVersion(p, r.Protocol.Version), Calendar: cal.ID()},
		State:    r.State().String(),
		Stages:   []AuditStage{},
		Flags:    []string{},
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
	for _, f := range p.Flags {
		if r.Flags[f.ID] {
			a.Flags = append(a.Flags, f.ID)
		}
	}
	if a.State != Open.String() && len(r.Stages) > 0 {
		n := cal.WorkingDaysBetween(r.Arose, r.Stages[len(r.Stages)-1].Completed)
		a.WorkingDays = &n
	}
	return a
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
	writeAudit(&w, a)
	return append(w.Bytes(), '\n'), nil
}

// ParseAudit reads an audit return with the same strictness as Import, and
// checks that it is consistent: stages numbered in order, known outcome and
// timing words, flag ids of the right shape.
func ParseAudit(data []byte) (*AuditReturn, error) {
	a, err := readAudit(data)
	if err != nil {
		return nil, err
	}
	bad := func(msg string) (*AuditReturn, error) {
		return nil, importError("This audit return is damaged: " + msg)
	}
	if !validID(a.Protocol.ID) {
		return bad("it does not name its procedure.")
	}
	if !validID(a.Protocol.Calendar) {
		return bad("it does not name its calendar.")
	}
	if !plainText(a.Protocol.Version, 64) {
		return bad("its procedure version is not a short line of text.")
	}
	if len(a.Stages) == 0 {
		return bad("it has no stages.")
	}
	for i, s := range a.Stages {
		where := "stage " + strconv.Itoa(s.Stage)
		switch {
		case s.Stage < 1 || s.Stage > maxAuditStages:
			return bad("it has a stage numbered " + strconv.Itoa(s.Stage) + ".")
		case i > 0 && s.Stage != a.Stages[i-1].Stage+1:
			return bad("its stages are not in order.")
		case s.Started.IsZero():
			return bad(where + " has no start date.")
		case s.Outcome != "" && s.Outcome != Resolved && s.Outcome != NotResolved:
			return bad(where + " has an unknown outcome.")
		case s.Timing != "" && s.Timing != OnTime && s.Timing != Late:
			return bad(where + " has an unknown timing.")
		case (s.Outcome == "") != s.Completed.IsZero():
			return bad(where + " has an outcome without a completion date, or the other way round.")
		case i < len(a.Stages)-1 && s.Outcome != NotResolved:
			return bad(where + " is followed by another stage but was not left unresolved.")
		}
	}
	want := "open"
	switch a.Stages[len(a.Stages)-1].Outcome {
	case Resolved:
		want = "resolved"
	case NotResolved:
		want = "exhausted"
	}
	if a.State != want {
		return bad("its state does not match its stages.")
	}
	if (a.WorkingDays != nil) != (want != "open") || a.WorkingDays != nil && *a.WorkingDays < 0 {
		return bad("its working days to the close are missing or damaged.")
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
