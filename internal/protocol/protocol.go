// Package protocol is the model of a partnership's escalation procedure: the
// `protocol:` block of a folder's _index.md front matter.
//
// Keys (YAML; an unknown key anywhere is an error reported with file and line):
//
//	protocol:
//	  id:          [a-z0-9-]+, unique across the site; the URL segment and the key in records
//	  partnership: the partnership's full name
//	  calendar:    england-and-wales | scotland | northern-ireland | the id of a custom calendar
//	  version:     a string shown to users and stamped into every record ("2024-06")
//	  published:   YYYY-MM-DD
//	  review_due:  YYYY-MM-DD; `resolve check` warns once it has passed
//	  dates_note:  optional: one line saying where published and review_due come from
//	              when they are not the partnership's own (a source that gives none,
//	              an example site); pages show it after the version instead of the
//	              two dates, so they are not read as fact. Both dates stay required,
//	              and review_due still drives the warning
//	  emergency:   optional banner text shown on every page of the protocol
//	  when_to_use: conditions that must all hold for the procedure to apply
//	  later_start: optional: the id of a flag; a practitioner who answers yes to it
//	              may start the record at any stage (without it, every record
//	              starts at stage 1)
//	  stages:      in order, numbered from 1; each has
//	    title, who, summary   (required)
//	    due:      {working_days: N, after: concern|previous} or {calendar_days: N, after: ...};
//	              no due means "as soon as possible"
//	    timescale: optional, only for a stage without due: how the procedure puts
//	              its timescale in words, such as "Immediately" or "No timescale
//	              given" (default "As soon as possible"); one line, at most 80 bytes
//	    record:   optional: what to record at this stage
//	    prompts:  optional: questions to guide the conversation at this stage
//	    page:     optional: the .md page in this folder that describes the stage in detail
//	  flags:      yes/no facts that change what must happen; each has
//	    id ([a-z0-9_-]+, unique within the protocol), question, action,
//	    from_stage (optional, 1..number of stages), urgent (optional)
//	  template:   questions a practitioner answers before escalating; each has
//	    id ([a-z0-9_-]+, unique within the protocol), question, hint (optional)
//	  contacts:   each has name and at least one of email, phone, url; role is optional;
//	    id:       optional [a-z0-9-]+, unique within the protocol: how a record names
//	              the contact a practitioner chose; required with stage
//	    stage:    optional: the stage whose contacts this is one of (1..number of
//	              stages); where a stage has several (a partnership made of several
//	              local partnerships), the record form lets the practitioner pick theirs
//	  audit:      optional: where and how often practitioners send the audit
//	              returns of their records, shown on the contacts page, the audit
//	              page and beside the record form's audit download; both keys required:
//	    contact:  the id of one of contacts, the one returns are sent to
//	    period:   when-resolved (each return as its disagreement ends) | monthly |
//	              quarterly | half-yearly | yearly
//	  changes:    optional history, newest first: {version, date, summary}
//
// Custom calendars are declared beside protocols, in a `calendars:` list of
// any _index.md (see package workday for their keys).
//
// The browser module links this package, so it keeps to the module's size
// rules (no fmt, encoding/json or net); the rules a protocol must keep to
// before it is published are checked on the host, by package check.
package protocol

import "resolve/internal/workday"

// Protocol is one partnership's procedure.
type Protocol struct {
	ID          string       `yaml:"id" json:"id"`
	Partnership string       `yaml:"partnership" json:"partnership"`
	Calendar    string       `yaml:"calendar" json:"calendar"`
	Version     string       `yaml:"version" json:"version"`
	Published   workday.Date `yaml:"published" json:"published"`
	ReviewDue   workday.Date `yaml:"review_due" json:"review_due"`
	DatesNote   string       `yaml:"dates_note,omitempty" json:"dates_note,omitempty"`
	Emergency   string       `yaml:"emergency,omitempty" json:"emergency,omitempty"`
	WhenToUse   []string     `yaml:"when_to_use" json:"when_to_use"`
	LaterStart  string       `yaml:"later_start,omitempty" json:"later_start,omitempty"`
	Stages      []Stage      `yaml:"stages" json:"stages"`
	Flags       []Flag       `yaml:"flags,omitempty" json:"flags,omitempty"`
	Template    []Question   `yaml:"template,omitempty" json:"template,omitempty"`
	Contacts    []Contact    `yaml:"contacts,omitempty" json:"contacts,omitempty"`
	Audit       *Audit       `yaml:"audit,omitempty" json:"audit,omitempty"`
	Changes     []Change     `yaml:"changes,omitempty" json:"changes,omitempty"`
}

// Stage is one step of escalation. Stages are numbered from 1 in order.
type Stage struct {
	Title   string `yaml:"title" json:"title"`
	Who     string `yaml:"who" json:"who"`
	Summary string `yaml:"summary" json:"summary"`
	Due     *Due   `yaml:"due,omitempty" json:"due,omitempty"`
	// TimescaleText is the timescale in words of a stage without Due.
	TimescaleText string   `yaml:"timescale,omitempty" json:"timescale,omitempty"`
	Record        string   `yaml:"record,omitempty" json:"record,omitempty"`
	Prompts       []string `yaml:"prompts,omitempty" json:"prompts,omitempty"`
	Page          string   `yaml:"page,omitempty" json:"page,omitempty"`
}

// DefaultTimescale is the timescale of a stage with neither due nor timescale.
const DefaultTimescale = "As soon as possible"

// Words returns the timescale of a stage without a due date, in words:
// its timescale key, or "As soon as possible".
func (s Stage) Words() string {
	if s.TimescaleText != "" {
		return s.TimescaleText
	}
	return DefaultTimescale
}

// Due is a stage's timescale. Exactly one of WorkingDays and CalendarDays is set.
type Due struct {
	WorkingDays  int    `yaml:"working_days,omitempty" json:"working_days,omitempty"`
	CalendarDays int    `yaml:"calendar_days,omitempty" json:"calendar_days,omitempty"`
	After        string `yaml:"after" json:"after"` // AfterConcern or AfterPrevious
}

// The values of Due.After.
const (
	AfterConcern  = "concern"  // counted from the date the disagreement arose
	AfterPrevious = "previous" // counted from the completion of the previous stage
)

// UrgentHeading heads a protocol's urgent flags wherever they are listed
// together, before the stages: on the procedure and contacts pages, in the
// record form and in the flowchart. It is neutral on purpose: an urgent
// flag is one to check before anything else, which may be a question of
// immediate risk (ISCP's) or of pace (HIPS's quicker resolution).
const UrgentHeading = "Check these first"

// UrgentHeading returns the constant UrgentHeading, for layouts.
func (p *Protocol) UrgentHeading() string { return UrgentHeading }

// FirstLabel marks the action of an urgent flag answered yes among the
// things to do (the record form's What to do now, and its exports), in the
// same neutral words.
const FirstLabel = "First"

// Flag is a yes/no fact about the case that changes what must happen.
type Flag struct {
	ID        string `yaml:"id" json:"id"`
	Question  string `yaml:"question" json:"question"`
	Action    string `yaml:"action" json:"action"`
	FromStage int    `yaml:"from_stage,omitempty" json:"from_stage,omitempty"`
	Urgent    bool   `yaml:"urgent,omitempty" json:"urgent,omitempty"`
}

// Question is one question of the template a practitioner answers before escalating.
type Question struct {
	ID       string `yaml:"id" json:"id"`
	Question string `yaml:"question" json:"question"`
	Hint     string `yaml:"hint,omitempty" json:"hint,omitempty"`
}

// Contact is a way to reach the partnership. Name and one of Email, Phone or URL are required.
type Contact struct {
	ID    string `yaml:"id,omitempty" json:"id,omitempty"`
	Stage int    `yaml:"stage,omitempty" json:"stage,omitempty"`
	Name  string `yaml:"name" json:"name"`
	Role  string `yaml:"role,omitempty" json:"role,omitempty"`
	Email string `yaml:"email,omitempty" json:"email,omitempty"`
	Phone string `yaml:"phone,omitempty" json:"phone,omitempty"`
	URL   string `yaml:"url,omitempty" json:"url,omitempty"`
}

// Change is one published version of the protocol.
type Change struct {
	Version string       `yaml:"version" json:"version"`
	Date    workday.Date `yaml:"date" json:"date"`
	Summary string       `yaml:"summary" json:"summary"`
}

// StageContacts returns the contacts of stage n (numbered from 1), in order.
func (p *Protocol) StageContacts(n int) []Contact {
	var out []Contact
	for _, c := range p.Contacts {
		if c.Stage == n {
			out = append(out, c)
		}
	}
	return out
}

// ContactByID returns the contact with the given id, or nil.
func (p *Protocol) ContactByID(id string) *Contact {
	if id == "" {
		return nil
	}
	for i := range p.Contacts {
		if p.Contacts[i].ID == id {
			return &p.Contacts[i]
		}
	}
	return nil
}

// LaterStartFlag returns the flag whose yes lets a record start at a later
// stage, or nil when every record starts at stage 1.
func (p *Protocol) LaterStartFlag() *Flag {
	if p.LaterStart == "" {
		return nil
	}
	for i := range p.Flags {
		if p.Flags[i].ID == p.LaterStart {
			return &p.Flags[i]
		}
	}
	return nil
}
