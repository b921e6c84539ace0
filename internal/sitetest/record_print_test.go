package sitetest

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"resolve/internal/browsertest"
	"resolve/internal/escalation"
)

// setValues drives the form as an outside script would, by the controls'
// ids: it sets each value (a radio or checkbox by id is checked) and
// dispatches the input and change events typing would.
func setValues(t testing.TB, ctx context.Context, vs map[string]string) {
	t.Helper()
	for id, v := range vs {
		js := `(() => { const e = document.getElementById(` + jsString(id) + `); if (!e) return false;
  if (e.type === "radio" || e.type === "checkbox") e.checked = true; else e.value = ` + jsString(v) + `;
  e.dispatchEvent(new Event("input", {bubbles: true})); e.dispatchEvent(new Event("change", {bubbles: true})); return true; })()`
		if !eval[bool](t, ctx, js) {
			t.Fatalf("the form has no control %s", id)
		}
	}
}

// words makes n words of text that no other text of the page has,
// beginning with tag.
func words(tag string, n int) string {
	out := make([]string, n)
	for i := range out {
		out[i] = tag + "w" + strconv.Itoa(i)
	}
	return strings.Join(out, " ")
}

// lines makes n lines of about ten words each.
func lines(tag string, n int) string {
	out := make([]string, n)
	for i := range out {
		out[i] = words(tag+"l"+strconv.Itoa(i), 10)
	}
	return strings.Join(out, "\n")
}

// printPDF prints the tab to an A4 PDF, as the browser's Print does, and
// returns its pages' text.
func printPDF(t testing.TB, ctx context.Context) []string {
	t.Helper()
	var pdf []byte
	err := browsertest.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		res, err := cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: 8.27, PaperHeight: 11.69})
		pdf = res.Data
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	pages, err := pdfText(pdf)
	if err != nil {
		t.Fatalf("reading the printed PDF: %v", err)
	}
	return pages
}

// squeeze drops every space and line break, so that text wrapped onto
// lines by the printer compares with the text typed.
// Ligatures the printer drew as one glyph are spelled out.
func squeeze(s string) string {
	s = strings.NewReplacer("\ufb00", "ff", "\ufb01", "fi", "\ufb02", "fl", "\ufb03", "ffi", "\ufb04", "ffl").Replace(s)
	return strings.Join(strings.Fields(s), "")
}

// TestRecordPrint fills a HIPS record as the issue describes it (seven
// answers of about 60 words, two stages with 25-line notes) and prints the
// page with the browser's own Print, as Ctrl+P does: every character typed
// is in the PDF, with the due dates and statuses, and none of the buttons,
// on at most 10 A4 pages.
func TestRecordPrint(t *testing.T) {
	base := browsertest.Serve(t, buildSiteForRecord(t))
	ctx := tab(t)
	openRecord(t, ctx, base, "hips")
	waitReady(t, ctx)
	hips := recordCases(t)[0].p
	arose := today.AddDays(-9)
	done1 := arose.AddDays(1)
	typed := map[string]string{
		"reference": "PRINT-REF-77", "agency": "Northfield Primary School", "other_agency": "Children's social care",
		"raised_by": "class teacher",
		"arose-day": strconv.Itoa(arose.Day), "arose-month": strconv.Itoa(int(arose.Month)), "arose-year": strconv.Itoa(arose.Year),
		"stages.1.with": "My line manager", "stages.1.notes": lines("one", 25),
		"stages.1.completed-day": strconv.Itoa(done1.Day), "stages.1.completed-month": strconv.Itoa(int(done1.Month)), "stages.1.completed-year": strconv.Itoa(done1.Year),
		"stages.2.with": "The duty social worker", "stages.2.notes": lines("two", 25),
	}
	for i, q := range hips.Template {
		typed["answers."+q.ID] = words("a"+strconv.Itoa(i), 60)
	}
	setValues(t, ctx, typed)
	setValues(t, ctx, map[string]string{"stages.1.outcome-not-resolved": "", "flags.faster-no": "", "flags.cp_conference-no": "", "flags.systemic_or_complaint-no": ""})
	poll[bool](t, ctx, `document.getElementById("due-status-2").textContent.includes("working day")`)

	pages := printPDF(t, ctx)
	all := strings.Join(pages, "\n")
	flat := squeeze(all)
	for id, v := range typed {
		if strings.HasSuffix(id, "-day") || strings.HasSuffix(id, "-month") || strings.HasSuffix(id, "-year") {
			continue
		}
		if !strings.Contains(flat, squeeze(v)) {
			t.Errorf("the printed record lacks what was typed into %s (%.40q...)", id, v)
		}
	}
	r := &escalation.Record{Arose: arose, Stages: []escalation.Stage{{Stage: 1, Completed: done1, Outcome: escalation.NotResolved}, {Stage: 2}}}
	for _, st := range escalation.Statuses(r, hips, recordCases(t)[0].cal, today) {
		if st.Known && !strings.Contains(flat, squeeze(escalation.LongDate(st.Due))) {
			t.Errorf("the printed record lacks stage %d's due date, %s", st.Stage, escalation.LongDate(st.Due))
		}
		if !strings.Contains(strings.ToLower(flat), strings.ToLower(squeeze(st.Text()))) {
			t.Errorf("the printed record lacks stage %d's status, %q", st.Stage, st.Text())
		}
	}
	for _, button := range []string{"Save record to file", "Download a printable copy", "Start a new record", "Delete every draft", "Use this date", "Open a saved record", "Back to your record"} {
		if strings.Contains(all, button) {
			t.Errorf("the printed record shows %q, which only works on screen", button)
		}
	}
	if len(pages) > 10 {
		t.Errorf("the printed record runs to %d A4 pages; want at most 10", len(pages))
	}
	t.Logf("the filled HIPS record prints on %d A4 pages", len(pages))

	// Where the browser cannot grow a text box to its text, record.js
	// prints a copy of it in full: made before printing, gone after.
	copies := `[...document.querySelectorAll("textarea")].every((a) => a.nextElementSibling && a.nextElementSibling.classList.contains("print-copy") && a.nextElementSibling.textContent === a.value)`
	if !eval[bool](t, ctx, `window.dispatchEvent(new Event("beforeprint")), `+copies) {
		t.Error("before printing, not every text box has a full copy to print")
	}
	if n := eval[int](t, ctx, `window.dispatchEvent(new Event("afterprint")), document.querySelectorAll(".print-copy").length`); n != 0 {
		t.Errorf("after printing, %d copies are left in the page", n)
	}
	if testing.Verbose() {
		t.Log(all)
	}
}

// TestRecordPrintWithoutScript prints the blank template with JavaScript
// off: every section, the guidance with it, no tool that cannot work.
func TestRecordPrintWithoutScript(t *testing.T) {
	base := browsertest.Serve(t, buildSiteForRecord(t))
	ctx := tab(t)
	if err := browsertest.Do(ctx, noScript()); err != nil {
		t.Fatal(err)
	}
	open(t, ctx, base+"hips/record/")
	all := strings.Join(printPDF(t, ctx), "\n")
	for _, want := range []string{"Prepare your concern", "Stage 5", "The resolution", "Questions to guide the conversation"} {
		if !strings.Contains(all, want) {
			t.Errorf("the printed template lacks %q", want)
		}
	}
	if strings.Contains(all, "Save record to file") {
		t.Error("the printed template shows the save button")
	}
}
