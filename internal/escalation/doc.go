// Package escalation is the record of one professional disagreement as it
// moves through a protocol's stages: the state machine that moves it on, the
// deadlines and duties that follow from it, and the files a practitioner
// downloads (the saved record, a printable page, plain text for case systems,
// an iCalendar file of due dates and an anonymous audit return).
//
// It is compiled both natively and into the browser module (GOOS=js
// GOARCH=wasm), so it avoids fmt, regexp and the template packages: they would
// make the module much larger.
//
// # The record
//
// A record is JSON with its keys in this order (the order of the Go structs),
// indented by two spaces and ending in a newline, described by the JSON Schema
// in record-v1.schema.json (SchemaJSON); docs/record-format.md describes
// every field. Optional fields are left out when empty:
//
//	format               "resolve-record"
//	version              1
//	id                   a random identifier, so calendar entries and audit returns stay distinct
//	protocol             {id, version, calendar} of the procedure the record follows
//	reference            the practitioner's own case reference (never a child's name)
//	agency               the practitioner's agency
//	agency_sector        its kind, one of Sectors' ids
//	other_agency         the agency the disagreement is with
//	other_agency_sector  its kind, one of Sectors' ids
//	raised_by            the role of the person who raised the concern (not a name)
//	arose                YYYY-MM-DD, the date the disagreement arose
//	answers              template question id -> text
//	flags                flag id -> yes (true) or no (false); absent means not answered
//	stages               [{stage, started, completed, with, notes, outcome}], in order
//	contact              the id of the partnership contact the practitioner chose
//	resolution           what was agreed
//	actions              [{what, who, by}] agreed actions
//	feedback             {given, how}: when and how the person who raised the concern was told
//	duties_done          ids of the duties ticked off (see Duty.ID)
//	created              YYYY-MM-DD
//	updated              YYYY-MM-DD
//
// A record may be unfinished, and holds only what the practitioner entered
// or confirmed: arose, a stage's started, completed and outcome, and the
// resolution may each be missing, and stages may be empty. A date that
// merely follows from another (a stage starting when the one before ended,
// see Record.StartOf) counts towards deadlines but is never written down.
// Saving never refuses: Validate lists what is left to finish or put right,
// and Import opens any record without Damage.
//
// # The rules
//
// A record starts at stage 1; it may instead start at a later stage, while
// no stage is completed, only if the protocol names a flag for that
// (later_start) and the practitioner answered yes to it. Completing a stage
// as "resolved" closes the record and needs a resolution; "not-resolved"
// opens the next stage. Completing the last stage not resolved exhausts the
// procedure: what happens next is for the partnership. No stage is skipped
// otherwise. Dates never go backwards (started >= arose, completed >=
// started, a stage starts no earlier than the previous one completed) and are
// never after the practitioner's today.
//
// # Deadlines
//
// A stage's due date follows its timescale in the protocol: N working days
// (or calendar days) after the date the disagreement arose ("after: concern")
// or after the previous stage was completed ("after: previous"). For a stage
// not yet reached, the previous stage is assumed to end on its due date; if
// that stage has no timescale, the later date is unknown rather than guessed.
// For the first stage of a record, "after: previous" counts from the date it
// started, or the date the disagreement arose if no start date is entered.
// A stage without a timescale shows the protocol's words for it ("As soon as
// possible", "Immediately").
//
// Every error a practitioner can see is a Problem: a stable field id the form
// uses (answers.concern, stages.2.completed) and a sentence in plain English.
package escalation
