// Command wasm is the record form's WebAssembly module: a thin binding of
// the escalation engine to the form page /<id>/record/, built with
// GOOS=js GOARCH=wasm by internal/wasmbuild.
//
// The page is complete without it: the build renders every field from the
// protocol, so a practitioner can type, and print the blank template, before
// the module loads or with JavaScript off. The module then reads the
// protocol and its calendar from the page's
// <script type="application/json" id="protocol-data"> element and adds what
// needs the engine: live due dates and statuses, what must happen now,
// validation with the GOV.UK error summary, saving and opening record files,
// the other exports, and the opt-in draft kept in the browser.
//
// # The page's contract
//
// The form (id record-form) holds one control per value, named by the
// engine's field ids (see escalation.Problem):
//
//	reference, agency, other_agency, raised_by       text inputs
//	arose-day, arose-month, arose-year               a date as three inputs
//	answers.<question id>                            textareas
//	flags.<flag id>                                  radios: yes, no
//	start_stage                                      select: 1..N (protocols with urgent flags)
//	stages.<n>.started-day|-month|-year              date
//	stages.<n>.with, stages.<n>.notes                textareas
//	stages.<n>.completed-day|-month|-year            date
//	stages.<n>.outcome                               radios: resolved, not-resolved
//	resolution                                       textarea
//	actions.<i>.what, actions.<i>.who                text inputs, one row per action
//	actions.<i>.by-day|-month|-year                  date
//	feedback.given-day|-month|-year, feedback.how    date and text
//
// A control's id is its name, except that a radio's first option has the
// name as its id and the others have the name, a hyphen and their value.
// The field's form group has the id <field>-group and an empty error
// message <field>-error; sections have the ids section-prepare,
// section-facts, section-stage-<n> and section-resolution.
//
// Everything the practitioner typed stays in the form exactly as typed: the
// module reads the form, never rewrites it except to open a record, and
// shows every message as text.
//
// # Why the code is split
//
// form.go and view.go turn form values into a record and a record into
// what the page shows; they have no build constraint, so they are tested on
// the host with go test. The files tagged js && wasm apply that to the page
// through internal/dom, the only package that touches syscall/js.
package main
