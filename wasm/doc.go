// Command wasm is the record form's WebAssembly module: a thin binding of
// the escalation engine to the form page /<id>/record/, built with
// GOOS=js GOARCH=wasm by internal/wasmbuild.
//
// The page is complete without it: the build renders every field from the
// protocol, so a practitioner can type, and print the blank template, before
// the module loads or with JavaScript off; static/js/record.js shows it one
// section at a time. The module then reads the protocol and its calendar
// from the page's <script type="application/json" id="protocol-data">
// element and adds what needs the engine: live due dates and statuses, what
// to do now, the dates a blank start date follows from, errors as fields are
// left and a list of what is left to finish, saving and opening record files
// (saving never refuses), the other exports, and the opt-in drafts kept in
// the browser.
//
// # The page's contract
//
// The form (id record-form) holds one control per value, with the ids of
// the engine's field helpers (escalation/field.go), which the layout spells
// through template functions of the same names:
//
//	reference, agency, other_agency, raised_by       text inputs
//	agency_sector, other_agency_sector               selects of escalation.Sectors
//	arose-day, arose-month, arose-year               a date as three inputs
//	answers.<question id>                            textareas
//	flags.<flag id>                                  radios: yes, no
//	start_stage                                      select: 1..N (protocols with later_start)
//	contact, contact-<id>...                         radios: the contacts of a stage that has several
//	stages.<n>.started-day|-month|-year              date, with stages.<n>.started-suggest offering
//	                                                 the date it follows from and stages.<n>.started-use
//	stages.<n>.with, stages.<n>.notes                textareas
//	stages.<n>.completed-day|-month|-year            date
//	stages.<n>.outcome                               radios: resolved, not-resolved
//	resolution                                       textarea
//	actions.<i>.what, actions.<i>.who                text inputs, one row per action
//	actions.<i>.by-day|-month|-year                  date
//	feedback.given-day|-month|-year, feedback.how    date and text
//
// A radio's first option has the field as its id and the others the field,
// a hyphen and their value. A field's form group is <field>-group and its
// error message <field>-error. The sections are panes with their own
// addresses: prepare, facts, stage-<n> and the-resolution, and the hub that
// lists them, tasks (record.js opens the pane of any control that gets the
// focus). Outside the form: save-record and next-due in the bar at the foot
// of the screen, keep-draft, delete-draft and new-record, the error summary
// error-summary, the due table's cells due-date-<n> and due-status-<n>,
// each stage's due-<n>, the task list's status-<section>, and the duty list
// duty-list, whose checkboxes tick duties off (duty-<duty id>). The form gets
// data-ready="true" once the module runs, and data-dirty while it holds
// changes not saved to a file.
//
// Everything the practitioner typed stays in the form exactly as typed: the
// module reads the form, never rewrites it except to open a record or a
// draft, or to use a date it offered, and shows every message as text.
//
// # Drafts
//
// Only when the practitioner ticks keep-draft, and never where the site's
// home page sets record_drafts: false. One draft per record, under
// resolve-draft:<base path>:<protocol id>:<record id> in local storage, kept
// a second after a change (at once when the page is hidden or closed), and
// listed in an index, resolve-draft:<base path>:_index (reference, date and
// procedure of each), so that listing them reads none in full; the newest
// comes back when the page opens, unless the practitioner typed first (then
// both are kept), and the others are listed to open or delete.
// delete-draft, or unticking keep-draft, deletes every draft of the site.
// See drafts.go and draftindex.go.
//
// # Why the code is split
//
// form.go and view.go turn form values into a record and a record into
// what the page shows; pagedata.go reads the page's data and the drafts.
// They have no build constraint, so they are tested on the host with go
// test. The files tagged js && wasm apply that to the page through
// internal/dom, the only package that touches syscall/js: app.go (state,
// events, the form's values), show.go (due dates, duties, offered dates),
// check.go (errors and the list to finish), files.go (saving, exports,
// opening), drafts.go and actions.go.
package main
