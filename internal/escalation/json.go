package escalation

// The record and the audit return as JSON, written and read by hand over
// jsonx rather than by encoding/json, which would double the browser
// module's size. The files are exactly those encoding/json wrote and read
// from the json tags of Record and AuditReturn (the schema test reads the
// tags, and the tests compare both ways with encoding/json): a change to
// those types needs a change here, and in decode.go, which reads them.

import (
	"maps"
	"slices"

	"resolve/internal/jsonx"
	"resolve/internal/workday"
)

// writeRecord writes r as encoding/json does, field by field in struct
// order with its omitempty and omitzero rules.
func writeRecord(w *jsonx.Writer, r *Record) {
	w.BeginObject()
	w.Name("format")
	w.String(r.Format)
	w.Name("version")
	w.Int(r.Version)
	w.Name("id")
	w.String(r.ID)
	w.Name("protocol")
	writeRef(w, r.Protocol)
	optString(w, "reference", r.Reference)
	optString(w, "agency", r.Agency)
	optString(w, "agency_sector", r.AgencySector)
	optString(w, "other_agency", r.OtherAgency)
	optString(w, "other_agency_sector", r.OtherAgencySector)
	optString(w, "raised_by", r.RaisedBy)
	optDate(w, "arose", r.Arose)
	w.Name("answers")
	if r.Answers == nil {
		w.Null()
	} else {
		w.BeginObject()
		for _, k := range slices.Sorted(maps.Keys(r.Answers)) {
			w.Name(k)
			w.String(r.Answers[k])
		}
		w.EndObject()
	}
	w.Name("flags")
	if r.Flags == nil {
		w.Null()
	} else {
		w.BeginObject()
		for _, k := range slices.Sorted(maps.Keys(r.Flags)) {
			w.Name(k)
			w.Bool(r.Flags[k])
		}
		w.EndObject()
	}
	w.Name("stages")
	if r.Stages == nil {
		w.Null()
	} else {
		w.BeginArray()
		for _, s := range r.Stages {
			w.BeginObject()
			w.Name("stage")
			w.Int(s.Stage)
			optDate(w, "started", s.Started)
			optDate(w, "completed", s.Completed)
			optString(w, "with", s.With)
			optString(w, "notes", s.Notes)
			optString(w, "outcome", s.Outcome)
			w.EndObject()
		}
		w.EndArray()
	}
	optString(w, "contact", r.Contact)
	optString(w, "resolution", r.Resolution)
	if len(r.Actions) > 0 {
		w.Name("actions")
		w.BeginArray()
		for _, a := range r.Actions {
			w.BeginObject()
			w.Name("what")
			w.String(a.What)
			optString(w, "who", a.Who)
			optDate(w, "by", a.By)
			w.EndObject()
		}
		w.EndArray()
	}
	if r.Feedback != (Feedback{}) {
		w.Name("feedback")
		w.BeginObject()
		optDate(w, "given", r.Feedback.Given)
		optString(w, "how", r.Feedback.How)
		w.EndObject()
	}
	if len(r.DutiesDone) > 0 {
		w.Name("duties_done")
		w.Strings(r.DutiesDone)
	}
	optDate(w, "created", r.Created)
	optDate(w, "updated", r.Updated)
	w.EndObject()
}

// WriteAudit writes a to w as encoding/json does: with w's Indent "  ",
// what AuditJSON saves; with the zero Writer, the same without its white
// space.
func WriteAudit(w *jsonx.Writer, a *AuditReturn) {
	w.BeginObject()
	w.Name("format")
	w.String(a.Format)
	w.Name("version")
	w.Int(a.Version)
	optString(w, "id", a.ID)
	w.Name("protocol")
	writeRef(w, a.Protocol)
	w.Name("state")
	w.String(a.State)
	optDate(w, "arose", a.Arose)
	optString(w, "agency_sector", a.AgencySector)
	optString(w, "other_agency_sector", a.OtherAgencySector)
	optString(w, "contact", a.Contact)
	w.Name("stages")
	if a.Stages == nil {
		w.Null()
	} else {
		w.BeginArray()
		for _, s := range a.Stages {
			w.BeginObject()
			w.Name("stage")
			w.Int(s.Stage)
			optDate(w, "started", s.Started)
			optDate(w, "due", s.Due)
			optDate(w, "completed", s.Completed)
			optString(w, "timing", s.Timing)
			optString(w, "outcome", s.Outcome)
			w.EndObject()
		}
		w.EndArray()
	}
	w.Name("flags")
	w.Strings(a.Flags)
	if a.WorkingDays != nil {
		w.Name("working_days")
		w.Int(*a.WorkingDays)
	}
	optDate(w, "updated", a.Updated)
	w.EndObject()
}

func writeRef(w *jsonx.Writer, p ProtocolRef) {
	w.BeginObject()
	w.Name("id")
	w.String(p.ID)
	w.Name("version")
	w.String(p.Version)
	w.Name("calendar")
	w.String(p.Calendar)
	w.EndObject()
}

// optString writes a member tagged omitempty.
func optString(w *jsonx.Writer, name, s string) {
	if s != "" {
		w.Name(name)
		w.String(s)
	}
}

// optDate writes a date member tagged omitzero.
func optDate(w *jsonx.Writer, name string, d workday.Date) {
	if !d.IsZero() {
		w.Name(name)
		w.String(d.String())
	}
}
