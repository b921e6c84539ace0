package escalation

import (
	"strconv"
	"strings"

	"resolve/internal/protocol"
	"resolve/internal/words"
	"resolve/internal/workday"
)

// DutyKind says where a duty comes from.
type DutyKind int

const (
	DutyFlag   DutyKind = iota // the action of a flag that is set
	DutyNext                   // the next step of the procedure
	DutyTell                   // tell the person who raised the concern the outcome of a stage
	DutyRecord                 // record a stage's discussion and outcome on the child's file
	DutyAudit                  // send the record's audit return, where the protocol asks for it at the end
)

// Duty is something the practitioner must do now.
type Duty struct {
	ID     string // stable across saves: "flag-<flag id>", "record-<n>", "tell-<n>", "audit"; "" for DutyNext
	Kind   DutyKind
	Text   string
	Urgent bool
	Stage  int    // the stage it belongs to; 0 for a flag that applies from the start
	Flag   string // the flag's id, for DutyFlag
	Done   bool   // ticked off (Record.DutiesDone), or for DutyTell, feedback given since the stage ended
}

// Duties lists what applies to r now, the stage under way first: the
// actions of the urgent flags that are set, the next step, sending the
// audit return once the disagreement has ended (only where the protocol's
// audit key asks for returns when-resolved: at whatever stage it ends), the
// actions of the other flags set whose stage has been reached, then for
// each completed stage in order, recording its outcome on the child's file
// and telling the person who raised the concern (asked, not assumed: the
// practitioner may have raised it). Every duty but the next step can be
// ticked off by adding its ID to r.DutiesDone.
func Duties(r *Record, p *protocol.Protocol, cal *workday.Calendar, today workday.Date) []Duty {
	reached := 0
	for _, s := range r.Stages {
		reached = max(reached, s.Stage)
	}
	if reached == 0 {
		reached = r.first()
	}
	done := map[string]bool{}
	for _, id := range r.DutiesDone {
		done[id] = true
	}
	var urgent, other []Duty
	for _, f := range p.Flags {
		if !r.Flags[f.ID] || f.FromStage > reached {
			continue
		}
		d := Duty{ID: "flag-" + f.ID, Kind: DutyFlag, Text: f.Action, Urgent: f.Urgent, Stage: f.FromStage, Flag: f.ID}
		d.Done = done[d.ID]
		if f.Urgent {
			urgent = append(urgent, d)
		} else {
			other = append(other, d)
		}
	}
	out := append(urgent, Duty{Kind: DutyNext, Text: NextStep(r, p, cal, today), Stage: reached})
	if text := auditDuty(r, p); text != "" {
		out = append(out, Duty{ID: "audit", Kind: DutyAudit, Text: text, Stage: reached, Done: done["audit"]})
	}
	out = append(out, other...)
	for _, s := range r.Stages {
		if s.Completed.IsZero() && s.Outcome == "" {
			continue
		}
		n := strconv.Itoa(s.Stage)
		told := !r.Feedback.Given.IsZero() && !s.Completed.IsZero() && !r.Feedback.Given.Before(s.Completed)
		out = append(out,
			Duty{ID: "record-" + n, Kind: DutyRecord, Stage: s.Stage, Done: done["record-"+n],
				Text: "Record the discussion and outcome of stage " + n + " on the child's file."},
			Duty{ID: "tell-" + n, Kind: DutyTell, Stage: s.Stage, Done: told || done["tell-"+n],
				Text: "If someone else raised the concern, tell them the outcome of stage " + n + "."})
	}
	return out
}

// auditDuty asks for the record's audit return when the protocol wants
// returns as each disagreement ends (ISCP's audit tool) and r has ended:
// resolved at any stage, or through every stage. It returns "" otherwise.
func auditDuty(r *Record, p *protocol.Protocol) string {
	if !p.AuditOnEnd() {
		return ""
	}
	var now string
	switch r.State() {
	case Closed:
		now = "Now that the disagreement is resolved"
	case Exhausted:
		now = "Now that every stage has been used"
	default:
		return ""
	}
	return now + ", send the audit return of this record to " + ContactText(*p.AuditContact()) + ": download it with \"" + AuditButton + "\"."
}

// AuditButton is the words of the record form's button that downloads the
// audit return, which the audit duty names.
const AuditButton = "Download an audit return"

// NextStep says in words what happens next in r.
func NextStep(r *Record, p *protocol.Protocol, cal *workday.Calendar, today workday.Date) string {
	switch r.State() {
	case Closed:
		last := r.Stages[len(r.Stages)-1]
		on := ""
		if !last.Completed.IsZero() {
			on = " on " + LongDate(last.Completed)
		}
		return "The disagreement was resolved at " + stageName(last.Stage) + on +
			". Share the outcome and any agreed actions with everyone involved, and check that the actions happen."
	case Exhausted:
		who := "the safeguarding partnership"
		if p.Partnership != "" {
			who = p.Partnership
		}
		return "Every stage of this procedure has been used without resolving the disagreement, and it has no further stage. " +
			"Ask " + who + " how the matter will be taken forward, and keep the child's safety under review. " +
			"If a child is at risk of immediate harm, act on that now through the usual emergency routes."
	}
	n := r.first()
	if cur := r.Current(); cur != nil {
		n = cur.Stage
	}
	def := stageDef(p, n)
	if def == nil {
		return "This record has a stage the procedure does not have."
	}
	if r.Arose.IsZero() && n == r.first() {
		return capital(stageName(n)) + ": " + sentence(def.Title) + " Enter the date the disagreement arose to see when each stage is due."
	}
	st := Statuses(r, p, cal, today)[n-1]
	text := capital(stageName(n)) + ": " + sentence(def.Title) + " Who takes part: " + sentence(def.Who) + " "
	switch st.Kind {
	case NoTimescale:
		text += "Timescale: " + words.LowerFirst(sentence(st.Words))
	case OutcomeOnly:
		text += "Enter the date it was completed."
	case NotStarted:
		text += "Its due date follows when the stage before it is completed."
	case DueToday:
		text += "It is due today."
	case Overdue:
		text += "It was due on " + st.DueText() + " and is " + st.Text() + "."
	default:
		text += "It is due by " + st.DueText() + "."
	}
	if c := contactFor(r, p, n); c != "" {
		text += " " + c
	}
	if next := stageDef(p, n+1); next != nil {
		text += " If it does not resolve the disagreement, go on to " + stageName(n+1) + ": " + sentence(next.Title)
	} else {
		text += " This is the last stage of the procedure."
	}
	return text
}

// contactFor says whom to contact at stage n: the partnership contact the
// practitioner chose, the stage's only contact, or that there is a choice
// to make. It returns "" for a stage with no contacts.
func contactFor(r *Record, p *protocol.Protocol, n int) string {
	cs := p.StageContacts(n)
	var c *protocol.Contact
	switch {
	case len(cs) == 0:
		return ""
	case len(cs) == 1:
		c = &cs[0]
	default:
		if chosen := p.ContactByID(r.Contact); chosen != nil && chosen.Stage == n {
			c = chosen
		}
	}
	if c == nil {
		return "Choose your partnership's contact in " + stageName(n) + " of this form."
	}
	return "Contact: " + ContactText(*c) + "."
}

// ContactText writes a contact as one line: its name and how to reach it.
func ContactText(c protocol.Contact) string {
	var ways []string
	for _, w := range []string{c.Email, c.Phone, c.URL} {
		if w != "" {
			ways = append(ways, w)
		}
	}
	if len(ways) == 0 {
		return c.Name
	}
	return c.Name + " (" + strings.Join(ways, ", ") + ")"
}
