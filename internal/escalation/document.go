package escalation

import (
	"strconv"

	"resolve/internal/protocol"
	"resolve/internal/workday"
)

// document is what the text and printable exports show, in reading order.
// Building it once keeps the two exports saying the same things.
type document struct {
	Title    string
	Lines    []string // under the title: the procedure, the calendar
	Sections []section
	Footer   []string
}

type section struct {
	Heading string
	Level   int      // 2 for a part of the record, 3 for a stage within "Stages"
	Text    []string // paragraphs in the tool's own words
	Fields  []field
}

// field is one labelled value. Long values are the practitioner's free
// text, shown as a block with its line breaks kept.
type field struct {
	Label  string
	Value  string
	Long   bool
	Strong bool // urgent: shown in bold
}

const (
	notAnswered = "Not answered"
	notYet      = "Not recorded yet"
)

// buildDocument lays out r for reading on today.
func buildDocument(r *Record, p *protocol.Protocol, cal *workday.Calendar, today workday.Date) document {
	d := document{Title: "Record of a professional disagreement"}
	proc := "Procedure: " + p.ID
	if p.Partnership != "" {
		proc = "Procedure: " + p.Partnership + " (" + p.ID + ")"
	}
	d.Lines = append(d.Lines, proc+", version "+r.Protocol.Version,
		"Working days are counted by the "+cal.Name()+" calendar.")
	if r.Protocol.Version != p.Version {
		d.Lines = append(d.Lines, "The procedure is now at version "+p.Version+"; dates and duties below follow the current version.")
	}

	cs := section{Heading: "The case", Level: 2, Fields: []field{
		{Label: "Case reference", Value: orNot(r.Reference)},
		{Label: "Your agency", Value: orNot(r.Agency)},
	}}
	if l := SectorLabel(r.AgencySector); l != "" {
		cs.Fields = append(cs.Fields, field{Label: "Kind of agency", Value: l})
	}
	cs.Fields = append(cs.Fields, field{Label: "Agency the disagreement is with", Value: orNot(r.OtherAgency)})
	if l := SectorLabel(r.OtherAgencySector); l != "" {
		cs.Fields = append(cs.Fields, field{Label: "Kind of agency the disagreement is with", Value: l})
	}
	cs.Fields = append(cs.Fields,
		field{Label: "Role of the person who raised the concern", Value: orNot(r.RaisedBy)},
		field{Label: "Date the disagreement arose", Value: dateOrNotYet(r.Arose)})
	if c := p.ContactByID(r.Contact); c != nil {
		cs.Fields = append(cs.Fields, field{Label: "Partnership contact", Value: ContactText(*c)})
	}
	d.Sections = append(d.Sections, cs)

	where := section{Heading: "Where it stands", Level: 2, Text: []string{NextStep(r, p, cal, today)}}
	d.Sections = append(d.Sections, where)

	var duties []field
	for _, du := range Duties(r, p, cal, today) {
		switch {
		case du.Kind == DutyNext:
			continue // said under "Where it stands"
		case du.Done:
			duties = append(duties, field{Label: "Done", Value: du.Text})
		case du.Urgent:
			duties = append(duties, field{Label: protocol.FirstLabel, Value: du.Text, Strong: true})
		default:
			duties = append(duties, field{Label: "To do", Value: du.Text})
		}
	}
	if len(duties) > 0 {
		d.Sections = append(d.Sections, section{Heading: "What must be done", Level: 2, Fields: duties})
	}

	concern := section{Heading: "The concern", Level: 2}
	for _, q := range p.Template {
		concern.Fields = append(concern.Fields, field{Label: q.Question, Value: orNot(r.Answers[q.ID]), Long: r.Answers[q.ID] != ""})
	}
	oldAnswers, oldFlags := Leftovers(r, p)
	for _, id := range oldAnswers {
		concern.Fields = append(concern.Fields, field{Label: "Answer to a question no longer in the procedure (" + id + ")", Value: r.Answers[id], Long: true})
	}
	if len(concern.Fields) > 0 {
		d.Sections = append(d.Sections, concern)
	}

	about := section{Heading: "About the case", Level: 2}
	for _, f := range p.Flags {
		about.Fields = append(about.Fields, field{Label: f.Question, Value: yesNo(r.Flags, f.ID)})
	}
	for _, id := range oldFlags {
		about.Fields = append(about.Fields, field{Label: "Question no longer in the procedure (" + id + ")", Value: yesNo(r.Flags, id)})
	}
	if len(about.Fields) > 0 {
		d.Sections = append(d.Sections, about)
	}

	d.Sections = append(d.Sections, section{Heading: "Stages", Level: 2})
	for _, st := range Statuses(r, p, cal, today) {
		s := r.stage(st.Stage)
		sec := section{Heading: "Stage " + strconv.Itoa(st.Stage) + ": " + st.Title, Level: 3}
		sec.Fields = append(sec.Fields, field{Label: "Status", Value: capital(st.Text())})
		if st.Kind != Skipped && st.Kind != NotNeeded {
			sec.Fields = append(sec.Fields, field{Label: "Due", Value: capital(st.DueText())})
		}
		if s != nil {
			// Only dates entered: one that merely follows from another is
			// not written down as a fact.
			sec.Fields = append(sec.Fields, field{Label: "Started", Value: dateOrNotYet(s.Started)})
			if !s.Completed.IsZero() || s.Outcome != "" {
				sec.Fields = append(sec.Fields,
					field{Label: "Completed", Value: dateOrNotYet(s.Completed)},
					field{Label: "Outcome", Value: outcomeText(s.Outcome)})
			}
			sec.Fields = append(sec.Fields,
				field{Label: "Who took part", Value: orNone(s.With), Long: s.With != ""},
				field{Label: "Notes", Value: orNone(s.Notes), Long: s.Notes != ""})
		}
		d.Sections = append(d.Sections, sec)
	}

	if r.Resolution != "" || r.State() == Closed {
		d.Sections = append(d.Sections, section{Heading: "Resolution", Level: 2, Fields: []field{
			{Label: "What was agreed", Value: orNot(r.Resolution), Long: r.Resolution != ""},
		}})
	}
	if len(r.Actions) > 0 {
		acts := section{Heading: "Agreed actions", Level: 2}
		for i, a := range r.Actions {
			v := a.What
			if a.Who != "" {
				v += "\nWho: " + a.Who
			}
			if !a.By.IsZero() {
				v += "\nBy: " + LongDate(a.By)
			}
			acts.Fields = append(acts.Fields, field{Label: "Action " + strconv.Itoa(i+1), Value: v, Long: true})
		}
		d.Sections = append(d.Sections, acts)
	}
	if !r.Feedback.Given.IsZero() || r.Feedback.How != "" {
		d.Sections = append(d.Sections, section{Heading: "Feedback to the person who raised the concern", Level: 2, Fields: []field{
			{Label: "Date given", Value: orNot(LongDate(r.Feedback.Given))},
			{Label: "How", Value: orNot(r.Feedback.How), Long: r.Feedback.How != ""},
		}})
	}

	d.Footer = []string{
		"Record " + r.ID + ". Created " + orNot(LongDate(r.Created)) + ", last changed " + orNot(LongDate(r.Updated)) + ". Produced on " + LongDate(today) + ".",
		"Keep this record with the child's file, following your agency's record-keeping policy.",
	}
	return d
}

func orNot(s string) string {
	if s == "" {
		return notAnswered
	}
	return s
}

// dateOrNotYet writes a date entered, or says it is not recorded yet.
func dateOrNotYet(d workday.Date) string {
	if d.IsZero() {
		return notYet
	}
	return LongDate(d)
}

func orNone(s string) string {
	if s == "" {
		return "None written yet"
	}
	return s
}

func yesNo(flags map[string]bool, id string) string {
	v, ok := flags[id]
	switch {
	case !ok:
		return notAnswered
	case v:
		return "Yes"
	}
	return "No"
}

func outcomeText(o string) string {
	switch o {
	case Resolved:
		return "Resolved"
	case NotResolved:
		return "Not resolved"
	}
	return notYet
}
