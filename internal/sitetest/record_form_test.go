package sitetest

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"resolve/internal/browsertest"
)

// TestRecordValidatesField checks that leaving a date that is not a real
// date shows its error beside it and in the summary, without taking the
// focus away, and that the due dates say which field to put right.
func TestRecordValidatesField(t *testing.T) {
	base := browsertest.Serve(t, buildSiteForRecord(t))
	ctx := tab(t)
	openRecord(t, ctx, base, "hips")
	waitReady(t, ctx)
	typeIn(t, ctx, "arose-day", "12")
	tabTo(t, ctx, `[id="arose-month"]`) // still in the date: no error yet
	if visible(t, ctx, "arose-error") {
		t.Error("an error showed before the date was left")
	}
	typeIn(t, ctx, "arose-month", "1")
	typeIn(t, ctx, "arose-year", "25")
	tabTo(t, ctx, `[id="answers.concern"]`) // out of the date
	msg := poll[string](t, ctx, `(() => { const e = document.getElementById("arose-error"); return !e.hidden && e.textContent; })()`)
	if !strings.Contains(msg, "year in the date the disagreement arose must include 4 numbers") {
		t.Errorf("leaving the date: arose error %q; want it to ask for a 4-number year", msg)
	}
	if f := eval[string](t, ctx, `document.activeElement.id`); f != "answers.concern" {
		t.Errorf("validation moved the focus to %q", f)
	}
	if !visible(t, ctx, "error-summary") || !strings.HasPrefix(eval[string](t, ctx, `document.title`), "Error: ") {
		t.Error("the error summary or the title's Error: is missing")
	}
	// Every due date says why it is not known, linked to the date.
	if got := eval[string](t, ctx, `document.querySelector('[id="due-date-1"] a').getAttribute("href")`); got != "#arose-day" {
		t.Errorf("stage 1's due date links to %q; want #arose-day", got)
	}
	if got := text(t, ctx, "next-due"); !strings.Contains(got, "Enter the date the disagreement arose") {
		t.Errorf("the foot of the screen says %q", got)
	}
	// Putting it right clears the error as soon as the field changes.
	clear(t, ctx, "arose-year")
	typeIn(t, ctx, "arose-year", "2025")
	if err := browsertest.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
		t.Fatal(err)
	}
	poll[bool](t, ctx, `document.getElementById("arose-error").hidden`)
	if visible(t, ctx, "error-summary") || strings.HasPrefix(eval[string](t, ctx, `document.title`), "Error: ") {
		t.Error("the error summary or the title's Error: stayed after the error was put right")
	}
	if got := text(t, ctx, "due-date-1"); !strings.Contains(got, "14 January 2025") {
		t.Errorf("stage 1 due once the date is right = %q; want Tuesday 14 January 2025", got)
	}
}

// TestRecordDraftInBrowser checks that nothing is stored unless the
// practitioner opts in, that an opted-in draft comes back in a new page,
// and that one button wipes it.
func TestRecordDraftInBrowser(t *testing.T) {
	base := browsertest.Serve(t, buildSiteForRecord(t))
	ctx := tab(t)
	openRecord(t, ctx, base, "tees")
	waitReady(t, ctx)
	typeIn(t, ctx, "reference", "KEEP-1")
	if n := eval[int](t, ctx, `localStorage.length + sessionStorage.length`); n != 0 {
		t.Fatalf("%d items stored without opting in", n)
	}
	if eval[bool](t, ctx, `document.getElementById("keep-draft").checked`) {
		t.Fatal("keeping a draft is on by default")
	}
	press(t, ctx, "keep-draft", " ")
	typeIn(t, ctx, "agency", "School")
	poll[bool](t, ctx, `Object.keys(localStorage).some((k) => k.startsWith("resolve-draft:/:tees:") && localStorage.getItem(k).includes("School"))`)

	other := tab(t)
	openRecord(t, other, base, "tees")
	waitReady(t, other)
	if got := value(t, other, "reference") + "|" + value(t, other, "agency"); got != "KEEP-1|School" {
		t.Errorf("draft restored in a new page: %q; want KEEP-1|School", got)
	}
	if !eval[bool](t, other, `document.getElementById("keep-draft").checked`) {
		t.Error("the restored page does not show that a draft is kept")
	}
	press(t, other, "delete-draft", kb.Enter)
	poll[bool](t, other, `localStorage.length === 0`)
	if eval[bool](t, other, `document.getElementById("keep-draft").checked`) || value(t, other, "reference") != "KEEP-1" {
		t.Error("deleting the draft left the option on, or cleared the form")
	}
	if n := eval[int](t, other, `localStorage.length`); n != 0 {
		t.Errorf("%d items left in storage after deleting the draft", n)
	}
	// The first page, still open, stops keeping the draft too, so typing
	// there does not bring it back.
	poll[bool](t, ctx, `!document.getElementById("keep-draft").checked`)
	typeIn(t, ctx, "agency", " again")
	if n := eval[int](t, ctx, `localStorage.length`); n != 0 {
		t.Errorf("the other page stored the draft again after it was deleted: %d items", n)
	}
}

// TestRecordUnsavedWarning checks that leaving the page asks first once
// something is typed, and not before, or after saving.
func TestRecordUnsavedWarning(t *testing.T) {
	base := browsertest.Serve(t, buildSiteForRecord(t))
	ctx := tab(t)
	openRecord(t, ctx, base, "iscp")
	const leave = `(() => { const e = new Event("beforeunload", {cancelable: true}); window.dispatchEvent(e); return e.defaultPrevented; })()`
	if eval[bool](t, ctx, leave) {
		t.Error("leaving an untouched form asks first")
	}
	typeIn(t, ctx, "reference", "x")
	if !eval[bool](t, ctx, leave) {
		t.Error("leaving with unsaved typing does not ask first")
	}
}

// TestRecordWithoutScript checks that with JavaScript off the page is the
// blank template, says what the full tool needs, and prints every action.
func TestRecordWithoutScript(t *testing.T) {
	base := browsertest.Serve(t, buildSiteForRecord(t))
	ctx := tab(t)
	if err := browsertest.Do(ctx, noScript()); err != nil {
		t.Fatal(err)
	}
	open(t, ctx, base+"hips/record/")
	status := text(t, ctx, "tool-status-text")
	if !strings.Contains(status, "JavaScript") || !strings.Contains(status, "print") {
		t.Errorf("status without JavaScript = %q; want it to say what the tool needs and that the page prints", status)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("#record-form textarea, #record-form input").length`); n < 30 {
		t.Errorf("the blank form has %d fields", n)
	}
	if visible(t, ctx, "save-tools") {
		t.Error("the save buttons show though they cannot work")
	}
	if err := browsertest.Do(ctx, media("print")); err != nil {
		t.Fatal(err)
	}
	hiddenActions := eval[int](t, ctx, `[...document.querySelectorAll(".flag-action")].filter((e) => getComputedStyle(e).display === "none").length`)
	if hiddenActions != 0 {
		t.Errorf("%d flag actions are not printed", hiddenActions)
	}
}

// TestRecordAddAction adds an action row with the keyboard: the new row's
// fields have ids of their own, the focus moves to it, and what is typed
// there is saved.
func TestRecordAddAction(t *testing.T) {
	base := browsertest.Serve(t, buildSiteForRecord(t))
	ctx := tab(t)
	dir := downloads(t, ctx)
	openRecord(t, ctx, base, "tees")
	waitReady(t, ctx)
	before := eval[int](t, ctx, `document.querySelectorAll(".action-row").length`)
	press(t, ctx, "add-action", kb.Enter)
	n := strconv.Itoa(before + 1)
	if f := poll[string](t, ctx, `document.activeElement && document.activeElement.id.startsWith("actions.`+n+`.") && document.activeElement.id`); f != "actions."+n+".what" {
		t.Errorf("after adding an action the focus is on %q; want actions.%s.what", f, n)
	}
	if dups := eval[[]string](t, ctx, `(() => { const seen = new Set(), d = []; for (const e of document.querySelectorAll("[id]")) { if (seen.has(e.id)) d.push(e.id); seen.add(e.id); } return d; })()`); len(dups) > 0 {
		t.Errorf("ids used twice after adding an action: %q", dups)
	}
	if lbl := eval[string](t, ctx, `document.querySelector('label[for="actions.`+n+`.what"]').textContent`); lbl == "" {
		t.Error("the new action's field has no label")
	}
	typeDate(t, ctx, "arose", today)
	typeIn(t, ctx, "actions."+n+".what", "Hold a strategy meeting")
	press(t, ctx, "save-record", kb.Enter)
	_, saved := download(t, dir, "tees-record-", ".json")
	var rec struct {
		Actions []struct {
			What string `json:"what"`
		} `json:"actions"`
	}
	if err := json.Unmarshal(saved, &rec); err != nil {
		t.Fatal(err)
	}
	if len(rec.Actions) != 1 || rec.Actions[0].What != "Hold a strategy meeting" {
		t.Errorf("saved actions %+v; want the one typed in the added row", rec.Actions)
	}
	axeClean(t, ctx, "with an added action")
}

// TestRecordPartnershipContact reaches HIPS's stage 5, where the record
// goes to one of four local partnerships: the practitioner is asked to
// choose theirs, "What to do now" names it, and the record and the audit
// return keep the choice.
func TestRecordPartnershipContact(t *testing.T) {
	base := browsertest.Serve(t, buildSiteForRecord(t))
	ctx := tab(t)
	dir := downloads(t, ctx)
	openRecord(t, ctx, base, "hips")
	waitReady(t, ctx)
	vs := map[string]string{"arose-day": "1", "arose-month": "12", "arose-year": "2025"}
	for n, day := range []string{"1", "2", "3", "4"} {
		f := "stages." + strconv.Itoa(n+1) + ".completed"
		vs[f+"-day"], vs[f+"-month"], vs[f+"-year"] = day, "12", "2025"
	}
	setValues(t, ctx, vs)
	for n := 1; n <= 4; n++ {
		setValues(t, ctx, map[string]string{"stages." + strconv.Itoa(n) + ".outcome-not-resolved": ""})
	}
	if got := poll[string](t, ctx, `document.getElementById("duty-list").textContent.includes("Stage 5") && document.getElementById("duty-list").textContent`); !strings.Contains(got, "Choose your partnership's contact in stage 5") {
		t.Errorf("at stage 5 with no contact chosen, what to do now says %q", got)
	}
	press(t, ctx, "contact-portsmouth", " ")
	if got := poll[string](t, ctx, `document.getElementById("duty-list").textContent.includes("Portsmouth") && document.getElementById("duty-list").textContent`); !strings.Contains(got, "Contact: Portsmouth Safeguarding Children Partnership (pscp@portsmouthcc.gov.uk).") {
		t.Errorf("with Portsmouth chosen, what to do now says %q", got)
	}
	press(t, ctx, "save-record", kb.Enter)
	_, saved := download(t, dir, "hips-record-", ".json")
	var rec struct {
		Contact string `json:"contact"`
	}
	if err := json.Unmarshal(saved, &rec); err != nil || rec.Contact != "portsmouth" {
		t.Errorf("the record keeps contact %q (%v); want portsmouth", rec.Contact, err)
	}
	press(t, ctx, "export-audit", kb.Enter)
	if _, audit := download(t, dir, "hips-audit-return-", ".json"); !strings.Contains(string(audit), `"contact": "portsmouth"`) {
		t.Errorf("the audit return does not name the contact chosen:\n%s", audit)
	}
	axeClean(t, ctx, "partnership contact chosen")
}
