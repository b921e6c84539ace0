package build

import (
	"html/template"
	"strconv"

	"resolve/internal/escalation"
	"resolve/internal/jsonx"
	"resolve/internal/protocol"
	"resolve/internal/workday"
)

// recordPage makes /<id>/record/, the practitioner's form. The whole form is
// rendered here from the protocol, so the page can be filled and printed
// before the WebAssembly module loads, or without it; the module finds its
// fields by the names documented in wasm/doc.go.
func (s *site) recordPage(pr *proto) *page {
	return s.generated("/"+pr.ID+"/record/", "record", "Record a disagreement",
		"Prepare your concern, record each stage and see when each is due. Everything stays on your device.",
		pr, s.recordData(pr))
}

// recordData is what layouts/record.html renders the form from.
type recordData struct {
	// JSON is the protocol and its custom calendar for the module, as the
	// text of <script type="application/json" id="protocol-data">. It
	// is encoded with <, > and & escaped, so it cannot end the element.
	JSON     template.JS
	Manifest string // URL of wasm/manifest.json, which names the module's files
	Schema   string // URL of the record's JSON Schema
	Calendar string // URL of the protocol's "days not counted" page

	About      []textField // the case details
	Arose      dateField
	Questions  []textField // the template, one textarea each
	Flags      []flagField
	StartStage *selectField // only when an urgent flag lets a record start later
	Stages     []stageForm
	Resolution textField
	Actions    []actionRow
	Feedback   dateField
	How        textField
}

// textField is a text input or, when Rows > 0, a textarea.
type textField struct {
	Field string // the engine's field id: the control's id and name
	Label string
	Hint  string
	Rows  int
	Width string // a width class for short inputs
}

// dateField is a date as day, month and year.
type dateField struct {
	Field  string
	Legend string
	Hint   string
}

// flagField is a yes/no question about the case.
type flagField struct {
	Field     string
	Question  string
	Action    string
	Urgent    bool
	FromStage int
}

// selectField is a choice from a list.
type selectField struct {
	Field   string
	Label   string
	Hint    string
	Options []option
}

type option struct {
	Value string
	Text  string
}

// stageForm is one stage's section of the form: the stage as every page
// shows it, and its fields.
type stageForm struct {
	stageView
	Last      bool
	Started   dateField
	With      textField
	Notes     textField
	Completed dateField
	Outcome   string // the outcome radios' field
}

// actionRow is one agreed action.
type actionRow struct {
	N    int
	What textField
	Who  textField
	By   dateField
}

// actionRows is how many empty action rows the page starts with; the
// module adds more when asked.
const actionRows = 3

const dateHint = "For example, 27 3 2025"

func (s *site) recordData(pr *proto) *recordData {
	base := "/" + pr.ID + "/"
	d := &recordData{
		Manifest: s.url("/wasm/manifest.json"),
		Schema:   s.url("/schema/record-v1.json"),
		Calendar: s.url(base + "calendar/"),
	}
	d.JSON = protocolJSON(pr.Protocol, s.calendarSpec(pr.Calendar))
	d.About = []textField{
		{Field: "reference", Label: "Your case reference", Hint: escalation.ReferenceHint, Width: "input-width-20"},
		{Field: "agency", Label: "Your agency", Width: "input-width-30"},
		{Field: "other_agency", Label: "The agency you disagree with", Width: "input-width-30"},
		{Field: "raised_by", Label: "Who raised the concern", Hint: escalation.RaisedByHint, Width: "input-width-30"},
	}
	d.Arose = dateField{Field: "arose", Legend: "When did the disagreement arise?", Hint: "Due dates are counted from this date. " + dateHint}
	for _, q := range pr.Template {
		d.Questions = append(d.Questions, textField{Field: "answers." + q.ID, Label: q.Question, Hint: q.Hint, Rows: 4})
	}
	urgent := false
	for _, f := range pr.Flags {
		d.Flags = append(d.Flags, flagField{Field: "flags." + f.ID, Question: f.Question, Action: f.Action, Urgent: f.Urgent, FromStage: f.FromStage})
		urgent = urgent || f.Urgent
	}
	if urgent && len(pr.Stages) > 1 {
		sf := &selectField{Field: "start_stage", Label: "Which stage are you starting at?",
			Hint: "Start at stage 1 unless you answered yes to an urgent question above."}
		for i, st := range pr.Stages {
			n := strconv.Itoa(i + 1)
			sf.Options = append(sf.Options, option{Value: n, Text: "Stage " + n + ": " + st.Title})
		}
		d.StartStage = sf
	}
	views := s.protoView(pr, nil).Stages
	for i, st := range pr.Stages {
		n := i + 1
		ns := strconv.Itoa(n)
		f := func(name string) string { return "stages." + ns + "." + name }
		started := "Leave this blank if it started on the day the disagreement arose. " + dateHint
		if n > 1 {
			started = "Leave this blank if it started on the day stage " + strconv.Itoa(n-1) + " was completed. " + dateHint
		}
		d.Stages = append(d.Stages, stageForm{
			stageView: views[i],
			Last:      n == len(pr.Stages),
			Started:   dateField{Field: f("started"), Legend: "When did stage " + ns + " start?", Hint: started},
			With:      textField{Field: f("with"), Label: "Who took part", Hint: escalation.WithHint, Rows: 2},
			Notes:     textField{Field: f("notes"), Label: "What was discussed and agreed", Hint: st.Record, Rows: 6},
			Completed: dateField{Field: f("completed"), Legend: "When was stage " + ns + " completed?", Hint: "Leave this blank while the stage is under way. " + dateHint},
			Outcome:   f("outcome"),
		})
	}
	d.Resolution = textField{Field: "resolution", Label: "What was agreed to resolve the disagreement?", Rows: 4}
	for i := 1; i <= actionRows; i++ {
		n := strconv.Itoa(i)
		d.Actions = append(d.Actions, actionRow{
			N:    i,
			What: textField{Field: "actions." + n + ".what", Label: "What will be done"},
			Who:  textField{Field: "actions." + n + ".who", Label: "Who will do it", Hint: "A role, not a name.", Width: "input-width-30"},
			By:   dateField{Field: "actions." + n + ".by", Legend: "By when", Hint: dateHint},
		})
	}
	d.Feedback = dateField{Field: "feedback.given", Legend: "When was the person who raised the concern told the outcome?", Hint: dateHint}
	d.How = textField{Field: "feedback.how", Label: "How were they told?", Hint: "For example, by phone or in supervision.", Width: "input-width-30"}
	return d
}

// calendarSpec returns the definition of a custom calendar, or nil for a
// built-in one: the module has the built-in calendars itself.
func (s *site) calendarSpec(id string) *workday.Spec {
	if _, ok := workday.Builtin(id); ok {
		return nil
	}
	for _, p := range s.tree.Pages {
		for i := range p.Meta.Calendars {
			if p.Meta.Calendars[i].ID == id {
				return &p.Meta.Calendars[i]
			}
		}
	}
	return nil
}

// protocolJSON writes what the module reads from the page, with the
// protocol's and calendar's own encoders (the module decodes with their
// decoders): {"protocol": ..., "calendar": ...}, the calendar only when it
// is a custom one. <, > and & are escaped inside strings, so the result is
// safe as the text of a script element.
func protocolJSON(p *protocol.Protocol, cal *workday.Spec) template.JS {
	var w jsonx.Writer
	w.BeginObject()
	w.Name("protocol")
	p.WriteJSON(&w)
	if cal != nil {
		w.Name("calendar")
		cal.WriteJSON(&w)
	}
	w.EndObject()
	return template.JS(w.Bytes())
}
