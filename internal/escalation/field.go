package escalation

import (
	"strconv"
	"strings"
)

// Field ids name one value of a record wherever it appears: the record
// form's control (its id and name), the engine's Problems, the error message
// beside the field and the error summary's link to it. Outside checks drive
// the form by these ids, so they never change; every part of resolve spells
// them through the functions and constants below (the form's layout through
// template functions of the same names).
//
//	reference, agency, agency_sector, other_agency, other_agency_sector, raised_by
//	arose                                 a date: arose-day, arose-month, arose-year
//	answers.<question id>                 a template answer
//	flags.<flag id>                       yes/no radios: flags.<id> (yes), flags.<id>-no
//	start_stage                           the stage the record starts at
//	stages.<n>.started, stages.<n>.completed   dates
//	stages.<n>.with, stages.<n>.notes     texts
//	stages.<n>.outcome                    radios: stages.<n>.outcome (resolved), stages.<n>.outcome-not-resolved
//	contact                               radios, one per contact of the stage: contact, contact-<id>, ...
//	resolution                            text
//	actions.<i>.what, actions.<i>.who, actions.<i>.by   an agreed action (i from 1)
//	feedback.given, feedback.how          when and how the person who raised the concern was told
//
// A field's form group is <field>-group, its hint <field>-hint and its
// error message <field>-error.
const (
	FieldReference         = "reference"
	FieldAgency            = "agency"
	FieldAgencySector      = "agency_sector"
	FieldOtherAgency       = "other_agency"
	FieldOtherAgencySector = "other_agency_sector"
	FieldRaisedBy          = "raised_by"
	FieldArose             = "arose"
	FieldStartStage        = "start_stage"
	FieldContact           = "contact"
	FieldResolution        = "resolution"
	FieldFeedbackGiven     = "feedback.given"
	FieldFeedbackHow       = "feedback.how"
)

// The names of a stage's fields, for StageField.
const (
	StageStarted   = "started"
	StageCompleted = "completed"
	StageWith      = "with"
	StageNotes     = "notes"
	StageOutcome   = "outcome"
)

// The names of an action's fields, for ActionField.
const (
	ActionWhat = "what"
	ActionWho  = "who"
	ActionBy   = "by"
)

// The values of the yes/no radios of a flag.
const (
	Yes = "yes"
	No  = "no"
)

// AnswerField returns the field of the answer to a template question.
func AnswerField(questionID string) string { return "answers." + questionID }

// FlagField returns the field of a flag's yes/no answer.
func FlagField(flagID string) string { return "flags." + flagID }

// StageField returns the field of one of stage n's values (StageStarted, ...).
func StageField(n int, name string) string { return "stages." + strconv.Itoa(n) + "." + name }

// ActionField returns the field of one of action i's values (ActionWhat, ...), i from 1.
func ActionField(i int, name string) string { return "actions." + strconv.Itoa(i) + "." + name }

// DateParts returns the suffixes of a date field's three controls, in order.
func DateParts() [3]string { return [3]string{"-day", "-month", "-year"} }

// ErrorID returns the id of a field's error message.
func ErrorID(field string) string { return field + "-error" }

// HintID returns the id of a field's hint.
func HintID(field string) string { return field + "-hint" }

// GroupID returns the id of a field's form group.
func GroupID(field string) string { return field + "-group" }

// OptionID returns the id of one option of a radio field: the field itself
// for the first option, else the field, a hyphen and the option's value.
func OptionID(field, value string, first bool) string {
	if first {
		return field
	}
	return field + "-" + value
}

// IsDateField reports whether a field is entered as a date.
func IsDateField(field string) bool {
	switch field {
	case FieldArose, FieldFeedbackGiven:
		return true
	}
	if n, name, ok := stageParts(field); ok && n > 0 {
		return name == StageStarted || name == StageCompleted
	}
	if i, name, ok := actionParts(field); ok && i > 0 {
		return name == ActionBy
	}
	return false
}

// FieldOf returns the field a control belongs to: a date part's field
// (arose-day -> arose), else the control's own name.
func FieldOf(control string) string {
	for _, part := range DateParts() {
		if f, ok := strings.CutSuffix(control, part); ok && IsDateField(f) {
			return f
		}
	}
	return control
}

// Anchor returns the id of the control an error about field links to: the
// day of a date, the first option of a radio field, the control itself, or
// "" for a field the form has no control for (the record as a whole).
func Anchor(field string) string {
	switch {
	case IsDateField(field):
		return field + DateParts()[0]
	case isControl(field):
		return field
	}
	return ""
}

// isControl reports whether the form has a control whose id is field.
func isControl(field string) bool {
	switch field {
	case FieldReference, FieldAgency, FieldAgencySector, FieldOtherAgency, FieldOtherAgencySector,
		FieldRaisedBy, FieldStartStage, FieldContact, FieldResolution, FieldFeedbackHow:
		return true
	}
	for _, prefix := range []string{"answers.", "flags."} {
		if id, ok := strings.CutPrefix(field, prefix); ok && validID(id) {
			return true
		}
	}
	if n, name, ok := stageParts(field); ok && n > 0 {
		return name == StageWith || name == StageNotes || name == StageOutcome
	}
	if i, name, ok := actionParts(field); ok && i > 0 {
		return name == ActionWhat || name == ActionWho
	}
	return false
}

// The sections of the form, each a part of the page with its own address
// (#prepare, #stage-2).
const (
	SectionPrepare    = "prepare"
	SectionFacts      = "facts"
	SectionResolution = "the-resolution" // not "resolution", the field's id
)

// StageSection returns the id of stage n's section.
func StageSection(n int) string { return "stage-" + strconv.Itoa(n) }

// stageParts splits "stages.2.notes" into 2 and "notes".
func stageParts(field string) (int, string, bool) {
	return numbered(field, "stages.")
}

// actionParts splits "actions.1.what" into 1 and "what".
func actionParts(field string) (int, string, bool) {
	return numbered(field, "actions.")
}

// ActionOf returns the number (from 1) and name of an action's field
// ("actions.2.who" -> 2, "who"), and false for a field of no action.
func ActionOf(field string) (i int, name string, ok bool) { return actionParts(field) }

func numbered(field, prefix string) (int, string, bool) {
	rest, ok := strings.CutPrefix(field, prefix)
	if !ok {
		return 0, "", false
	}
	num, name, ok := strings.Cut(rest, ".")
	if !ok {
		return 0, "", false
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 1 || n > 1000 || strconv.Itoa(n) != num {
		return 0, "", false
	}
	return n, name, true
}
