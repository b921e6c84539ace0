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
// fields by the ids of escalation's field helpers (see wasm/doc.go).
func (s *site) recordPage(pr *proto) *page {
	return s.generated("/"+pr.ID+"/record/", "record", "Record a disagreement",
		"Prepare your concern, record each stage and see when each is due. Everything stays on your device.",
		pr, s.recordData(pr))
}

// recordFuncs are the template functions the record form's layout spells
// its ids with: the same helpers the engine and the module use.
func recordFuncs() template.FuncMap {
	return template.FuncMap{
		"errorID":  escalation.ErrorID,
		"hintID":   escalation.HintID,
		"groupID":  escalation.GroupID,
		"optionID": escalation.OptionID,
	}
}

// recordData is what layouts/record.html renders the form from.
type recordData struct {
	// JSON is the protocol and its custom calendar for the module, as the
	// text of <script type="application/json" id="protocol-data">. It
	// is encoded with <, > and & escaped, so it cannot end the element.
	JSON     template.JS
	Manifest string // URL of wasm/manifest.json, which names the module's files
	// Module and Exec are the URLs of the module and its wasm_exec.js when
	// the build knows them (see Modules): the page asks for both at once.
	// Without them, the page's script finds them in the manifest.
	Module, Exec string
	Schema       string // URL of the record's JSON Schema
	Calendar     string // URL of the protocol's "days not counted" page
	Base         string // the site's base path, part of the key of every draft kept in a browser

	// Drafts is whether the site lets practitioners keep drafts in their
	// browser (the home page's record_drafts setting). SharedOrigin is set when
	// the site is served under a sub-path, so that other sites on the same
	// host share the browser's storage with it; Host names that host when
	// the base URL gives it.
	Drafts       bool
	SharedOrigin bool
	Host         string

	Sections   []formSection // the hub's task list, in page order
	Prepare    *formSection  // the sections that are not stages
	Facts      *formSection
	Resolved   *formSection
	About      []control // the case details
	Arose      dateField
	Questions  []control // the template, one textarea each
	Flags      []flagField
	StartStage *control // only where the protocol lets a record start at a later stage
	Stages     []stageForm
	Resolution control
	Actions    []actionRow
	Feedback   dateField
	How        control
}

// formSection is one part of the form with its own address (#stage-2).
type formSection struct {
	ID    string
	Title string
	Next  *formSection // the section after it, nil for the last
}

// control is a text input, a textarea (Rows > 0) or a select (Options).
type control struct {
	Field   string // the engine's field id: the control's id and name
	Label   string
	Hint    string
	Rows    int
	Width   string // a width class for short inputs
	Options []option
}

type option struct {
	Value string
	Text  string
}

// dateField is a date as day, month and year.
type dateField struct {
	Field  string
	Legend string
	Hint   string
	Parts  []datePart
	// Suggest is set for a date that may follow from another: the module
	// offers that date beside the field, with a button to use it.
	Suggest bool
}

type datePart struct {
	ID, Label, Width string
}

// flagField is a yes/no question about the case.
type flagField struct {
	Field     string
	Question  string
	Action    string
	Urgent    bool
	FromStage int
}

// stageForm is one stage's section of the form: the stage as every page
// shows it, and its fields.
type stageForm struct {
	stageView
	Section   string
	Last      bool
	Started   dateField
	With      control
	Notes     control
	Completed dateField
	Nav       *formSection       // the stage's section
	Outcome   string             // the outcome radios' field
	Contacts  []protocol.Contact // the stage's partnership contacts, when there is a choice
	Contact   *protocol.Contact  // its only contact, when there is one
}

// actionRow is one agreed action.
type actionRow struct {
	N    int
	What control
	Who  control
	By   dateField
}

// actionRows is how many empty action rows the page starts with; the
// module adds more when asked.
const actionRows = 3

const dateHint = "For example, 27 3 2025"

func newDate(field, legend, hint string) dateField {
	d := dateField{Field: field, Legend: legend, Hint: hint}
	labels := []string{"Day", "Month", "Year"}
	for i, part := range escalation.DateParts() {
		w := "input-width-2"
		if i == 2 {
			w = "input-width-4"
		}
		d.Parts = append(d.Parts, datePart{ID: field + part, Label: labels[i], Width: w})
	}
	return d
}

func sectorOptions() []option {
	opts := []option{{"", "Choose a kind of agency"}}
	for _, s := range escalation.Sectors() {
		opts = append(opts, option{s.ID, s.Label})
	}
	return opts
}

func (s *site) recordData(pr *proto) *recordData {
	base := "/" + pr.ID + "/"
	d := &recordData{
		Manifest:     s.url("/wasm/manifest.json"),
		Schema:       s.url("/schema/record-v1.json"),
		Calendar:     s.url(base + "calendar/"),
		Base:         s.base,
		Drafts:       s.recordDrafts,
		SharedOrigin: s.base != "/",
		Host:         hostOf(s.origin),
	}
	d.Module, d.Exec = s.moduleURLs("record")
	d.JSON = protocolJSON(pr.Protocol, s.calendarSpec(pr.Calendar))
	d.About = []control{
		{Field: escalation.FieldReference, Label: "Your case reference", Hint: escalation.ReferenceHint, Width: "input-width-20"},
		{Field: escalation.FieldAgency, Label: "Your agency", Width: "input-width-30"},
		{Field: escalation.FieldAgencySector, Label: "What kind of agency is it?", Hint: "The partnership counts disagreements by kind of agency, never by name.", Options: sectorOptions()},
		{Field: escalation.FieldOtherAgency, Label: "The agency you disagree with", Width: "input-width-30"},
		{Field: escalation.FieldOtherAgencySector, Label: "What kind of agency is it?", Options: sectorOptions()},
		{Field: escalation.FieldRaisedBy, Label: "Who raised the concern", Hint: escalation.RaisedByHint, Width: "input-width-30"},
	}
	d.Arose = newDate(escalation.FieldArose, "When did the disagreement arise?", "Due dates are counted from this date. "+dateHint)
	for _, q := range pr.Template {
		d.Questions = append(d.Questions, control{Field: escalation.AnswerField(q.ID), Label: q.Question, Hint: q.Hint, Rows: 4})
	}
	for _, f := range pr.Flags {
		d.Flags = append(d.Flags, flagField{Field: escalation.FlagField(f.ID), Question: f.Question, Action: f.Action, Urgent: f.Urgent, FromStage: f.FromStage})
	}
	if f := pr.LaterStartFlag(); f != nil && len(pr.Stages) > 1 {
		c := &control{Field: escalation.FieldStartStage, Label: "Which stage are you starting at?",
			Hint: "Start at stage 1 unless you answered yes to \"" + f.Question + "\""}
		for i, st := range pr.Stages {
			n := strconv.Itoa(i + 1)
			c.Options = append(c.Options, option{n, "Stage " + n + ": " + st.Title})
		}
		d.StartStage = c
	}
	views := s.protoView(pr, nil).Stages
	for i, st := range pr.Stages {
		n := i + 1
		ns := strconv.Itoa(n)
		f := func(name string) string { return escalation.StageField(n, name) }
		started := "Leave this blank if it started on the day the disagreement arose. " + dateHint
		if n > 1 {
			started = "Leave this blank if it started on the day stage " + strconv.Itoa(n-1) + " was completed. " + dateHint
		}
		sf := stageForm{
			stageView: views[i],
			Section:   escalation.StageSection(n),
			Last:      n == len(pr.Stages),
			Started:   newDate(f(escalation.StageStarted), "When did stage "+ns+" start?", started),
			With:      control{Field: f(escalation.StageWith), Label: "Who took part", Hint: escalation.WithHint, Rows: 2},
			Notes:     control{Field: f(escalation.StageNotes), Label: "What was discussed and agreed", Hint: st.Record, Rows: 6},
			Completed: newDate(f(escalation.StageCompleted), "When was stage "+ns+" completed?", "Leave this blank while the stage is under way. "+dateHint),
			Outcome:   f(escalation.StageOutcome),
		}
		sf.Started.Suggest = true
		switch cs := pr.StageContacts(n); len(cs) {
		case 0:
		case 1:
			sf.Contact = &cs[0]
		default:
			sf.Contacts = cs
		}
		d.Stages = append(d.Stages, sf)
	}
	d.Resolution = control{Field: escalation.FieldResolution, Label: "What was agreed to resolve the disagreement?", Rows: 4}
	for i := 1; i <= actionRows; i++ {
		d.Actions = append(d.Actions, actionRow{
			N:    i,
			What: control{Field: escalation.ActionField(i, escalation.ActionWhat), Label: "What will be done"},
			Who:  control{Field: escalation.ActionField(i, escalation.ActionWho), Label: "Who will do it", Hint: "A role, not a name.", Width: "input-width-30"},
			By:   newDate(escalation.ActionField(i, escalation.ActionBy), "By when", dateHint),
		})
	}
	d.Feedback = newDate(escalation.FieldFeedbackGiven, "When was the person who raised the concern told the outcome?", dateHint)
	d.How = control{Field: escalation.FieldFeedbackHow, Label: "How were they told?", Hint: "For example, by phone or in supervision.", Width: "input-width-30"}

	d.Sections = append(d.Sections, formSection{ID: escalation.SectionPrepare, Title: "Prepare your concern"})
	if len(d.Flags) > 0 {
		d.Sections = append(d.Sections, formSection{ID: escalation.SectionFacts, Title: "Facts about the case"})
	}
	for _, st := range d.Stages {
		d.Sections = append(d.Sections, formSection{ID: st.Section, Title: "Stage " + strconv.Itoa(st.N) + ": " + st.Title})
	}
	d.Sections = append(d.Sections, formSection{ID: escalation.SectionResolution, Title: "The resolution"})
	byID := map[string]*formSection{}
	for i := range d.Sections {
		if i+1 < len(d.Sections) {
			d.Sections[i].Next = &d.Sections[i+1]
		}
		byID[d.Sections[i].ID] = &d.Sections[i]
	}
	d.Prepare, d.Facts, d.Resolved = byID[escalation.SectionPrepare], byID[escalation.SectionFacts], byID[escalation.SectionResolution]
	for i := range d.Stages {
		d.Stages[i].Nav = byID[d.Stages[i].Section]
	}
	return d
}

// hostOf returns the host of an origin such as "https://someone.github.io",
// or "" when the site's base URL is a path.
func hostOf(origin string) string {
	for _, scheme := range []string{"https://", "http://"} {
		if len(origin) > len(scheme) && origin[:len(scheme)] == scheme {
			return origin[len(scheme):]
		}
	}
	return ""
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
