package escalation

import (
	"math/rand/v2"

	"resolve/internal/jsonx"
	"resolve/internal/protocol"
	"resolve/internal/workday"
)

// The record file's format name, the version this package reads and writes,
// and the largest file Import accepts.
const (
	Format  = "resolve-record"
	Version = 1
	MaxSize = 1 << 20
)

// The values of Stage.Outcome.
const (
	Resolved    = "resolved"
	NotResolved = "not-resolved"
)

// Hints the form shows beside the fields that could identify someone.
const (
	ReferenceHint = "Your own case reference, as used in your agency's records. Never the child's or family's name."
	RaisedByHint  = "The role of the person who raised the concern, for example \"health visitor\". Not their name."
	WithHint      = "The roles and agencies of the people who took part. You do not need to give names."
)

// Record is one professional disagreement, as saved by the practitioner.
// The field order is the key order of the JSON file. A record may be
// unfinished: every date, outcome and text is optional, and holds only what
// the practitioner entered or confirmed.
type Record struct {
	Format            string            `json:"format"`
	Version           int               `json:"version"`
	ID                string            `json:"id"`
	Protocol          ProtocolRef       `json:"protocol"`
	Reference         string            `json:"reference,omitempty"`
	Agency            string            `json:"agency,omitempty"`
	AgencySector      string            `json:"agency_sector,omitempty"` // one of Sectors' ids
	OtherAgency       string            `json:"other_agency,omitempty"`
	OtherAgencySector string            `json:"other_agency_sector,omitempty"` // one of Sectors' ids
	RaisedBy          string            `json:"raised_by,omitempty"`
	Arose             workday.Date      `json:"arose,omitzero"`
	Answers           map[string]string `json:"answers"`
	Flags             map[string]bool   `json:"flags"`
	Stages            []Stage           `json:"stages"`
	Contact           string            `json:"contact,omitempty"` // the id of the partnership contact chosen
	Resolution        string            `json:"resolution,omitempty"`
	Actions           []Action          `json:"actions,omitempty"`
	Feedback          Feedback          `json:"feedback,omitzero"`
	DutiesDone        []string          `json:"duties_done,omitempty"` // ids of the duties ticked off, see Duty.ID
	Created           workday.Date      `json:"created,omitzero"`
	Updated           workday.Date      `json:"updated,omitzero"`
}

// ProtocolRef names the procedure, and the version of it, a record follows.
type ProtocolRef struct {
	ID       string `json:"id"`
	Version  string `json:"version"`
	Calendar string `json:"calendar"`
}

// Stage is what happened at one stage of the procedure.
type Stage struct {
	Stage     int          `json:"stage"`
	Started   workday.Date `json:"started,omitzero"` // as entered; see Record.StartOf
	Completed workday.Date `json:"completed,omitzero"`
	With      string       `json:"with,omitempty"`
	Notes     string       `json:"notes,omitempty"`
	Outcome   string       `json:"outcome,omitempty"` // Resolved, NotResolved, or "" while open
}

// Action is something the people involved agreed to do.
type Action struct {
	What string       `json:"what"`
	Who  string       `json:"who,omitempty"`
	By   workday.Date `json:"by,omitzero"`
}

// Feedback is when and how the person who raised the concern was told the outcome.
type Feedback struct {
	Given workday.Date `json:"given,omitzero"`
	How   string       `json:"how,omitempty"`
}

// State is where a record stands as a whole.
type State int

const (
	Open      State = iota // a stage is under way
	Closed                 // a stage resolved the disagreement
	Exhausted              // the last stage ended without resolution
)

// String returns the state's name as the audit return writes it.
func (s State) String() string {
	switch s {
	case Closed:
		return "resolved"
	case Exhausted:
		return "exhausted"
	}
	return "open"
}

// State reports whether r is open, closed as resolved, or has used every stage.
func (r *Record) State() State {
	if len(r.Stages) == 0 {
		return Open
	}
	last := r.Stages[len(r.Stages)-1]
	switch last.Outcome {
	case Resolved:
		return Closed
	case NotResolved:
		return Exhausted // an unresolved stage that is last has no stage after it
	}
	return Open
}

// Current returns the stage under way, or nil if the record is closed or exhausted.
func (r *Record) Current() *Stage {
	if len(r.Stages) == 0 || r.State() != Open {
		return nil
	}
	return &r.Stages[len(r.Stages)-1]
}

// stage returns the record of stage n, or nil if the record never reached it.
func (r *Record) stage(n int) *Stage {
	for i := range r.Stages {
		if r.Stages[i].Stage == n {
			return &r.Stages[i]
		}
	}
	return nil
}

// first returns the stage the record starts at: 1 unless it says otherwise.
func (r *Record) first() int {
	if len(r.Stages) > 0 {
		return r.Stages[0].Stage
	}
	return 1
}

// StartOf returns when stage n started: the date entered, or else the date
// it follows from (the first stage starts when the disagreement arose, a
// later one when the stage before it was completed), with false for a date
// that follows rather than one entered. The zero Date means no date is known.
// A date that follows is good for counting deadlines and for suggesting in
// the form, never for writing down as a fact.
func (r *Record) StartOf(n int) (workday.Date, bool) {
	if s := r.stage(n); s != nil && !s.Started.IsZero() {
		return s.Started, true
	}
	if n <= r.first() {
		return r.Arose, false
	}
	if prev := r.stage(n - 1); prev != nil {
		return prev.Completed, false
	}
	return workday.Date{}, false
}

// New starts a record of a disagreement that arose on the given date, at
// stage 1 of p, whose start date is left for the practitioner to enter.
// today is the practitioner's date.
func New(p *protocol.Protocol, arose, today workday.Date) (*Record, error) {
	if len(p.Stages) == 0 {
		return nil, Problem{"protocol", "This procedure has no stages, so a record cannot be started."}
	}
	if arose.IsZero() {
		return nil, Problem{FieldArose, "Enter the date the disagreement arose."}
	}
	if !today.IsZero() && arose.After(today) {
		return nil, Problem{FieldArose, "The date the disagreement arose must be today or in the past."}
	}
	return &Record{
		Format:   Format,
		Version:  Version,
		ID:       NewID(),
		Protocol: ProtocolRef{ID: p.ID, Version: p.Version, Calendar: p.Calendar},
		Arose:    arose,
		Answers:  map[string]string{},
		Flags:    map[string]bool{},
		Stages:   []Stage{{Stage: 1}},
		Created:  today,
		Updated:  today,
	}, nil
}

// NewID returns a fresh random record identifier: 26 letters and digits.
// It only needs to be unique, not secret, so math/rand (seeded by the
// runtime from the system's random source) is enough and keeps the browser
// module small.
func NewID() string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz234567"
	b := make([]byte, 26)
	hi, lo := rand.Uint64(), rand.Uint64()
	for i := range b {
		var v uint64
		if i < 13 {
			v = hi >> (5 * i)
		} else {
			v = lo >> (5 * (i - 13))
		}
		b[i] = alphabet[v&31]
	}
	return string(b)
}

// JSON returns the record as it is saved: keys in struct order, two-space
// indent, a final newline. Importing the result and exporting it again gives
// the same bytes. The error is always nil; it is there for callers written
// when the encoding could fail.
func JSON(r *Record) ([]byte, error) {
	// <, > and & are kept as they are: the file is read by people and
	// parsers, never pasted into HTML.
	w := jsonx.Writer{Indent: "  ", KeepHTML: true}
	writeRecord(&w, r)
	return append(w.Bytes(), '\n'), nil
}

// normalise makes equal records compare equal after a round trip: empty
// maps rather than nil, no empty answers, no empty action list.
func normalise(r *Record) {
	if r.Answers == nil {
		r.Answers = map[string]string{}
	}
	for id, text := range r.Answers {
		if text == "" {
			delete(r.Answers, id)
		}
	}
	if r.Flags == nil {
		r.Flags = map[string]bool{}
	}
	if r.Stages == nil {
		r.Stages = []Stage{}
	}
	if len(r.Actions) == 0 {
		r.Actions = nil
	}
	if len(r.DutiesDone) == 0 {
		r.DutiesDone = nil
	}
}

// stageDef returns stage n (numbered from 1) of p, or nil.
func stageDef(p *protocol.Protocol, n int) *protocol.Stage {
	if n < 1 || n > len(p.Stages) {
		return nil
	}
	return &p.Stages[n-1]
}

// laterStartAllowed reports whether r may start after stage 1: the
// protocol names a flag for that, and r answers yes to it.
func laterStartAllowed(r *Record, p *protocol.Protocol) bool {
	f := p.LaterStartFlag()
	return f != nil && r.Flags[f.ID]
}
