package sitetest

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"resolve/internal/browsertest"
	"resolve/internal/escalation"
)

// completeStage enters stage n's completion date (the nth of December
// 2025, a working day in every calendar) and its outcome.
func completeStage(t testing.TB, ctx context.Context, n int, resolved bool) {
	t.Helper()
	f := "stages." + strconv.Itoa(n) + "."
	day := strconv.Itoa(n)
	setValues(t, ctx, map[string]string{f + "completed-day": day, f + "completed-month": "12", f + "completed-year": "2025"})
	outcome := f + "outcome" // the first option: resolved
	if !resolved {
		outcome += "-not-resolved"
	}
	setValues(t, ctx, map[string]string{outcome: ""})
}

// TestRecordAuditPrompt: ISCP asks for each record's audit return when the
// disagreement ends (its audit: key, period when-resolved). The form says
// where returns go beside the download, and as soon as the record is
// resolved, at any stage, the stage's section offers the download and
// "What to do now" asks for it; ticked off, the offer goes. HIPS, with no
// audit key, says and asks nothing.
func TestRecordAuditPrompt(t *testing.T) {
	base := browsertest.Serve(t, buildSiteForRecord(t))
	ctx := tab(t)
	dir := downloads(t, ctx)
	openRecord(t, ctx, base, "iscp")
	waitReady(t, ctx)
	if got := text(t, ctx, "audit-where"); !strings.Contains(got, "ISCP Business Manager") || !strings.Contains(got, "when the disagreement is resolved") {
		t.Errorf("beside the audit download: %q; want where and when returns are sent", got)
	}
	setValues(t, ctx, map[string]string{"arose-day": "1", "arose-month": "12", "arose-year": "2025"})
	completeStage(t, ctx, 1, false)
	if visible(t, ctx, "audit-prompt-1") || eval[bool](t, ctx, `!!document.getElementById("duty-audit")`) {
		t.Error("the audit return is asked for while the disagreement is under way")
	}

	// Resolved at stage 2.
	completeStage(t, ctx, 2, true)
	poll[bool](t, ctx, `!document.getElementById("audit-prompt-2").hidden`)
	if got := text(t, ctx, "duty-list"); !strings.Contains(got, "Now that the disagreement is resolved, send the audit return of this record to ISCP Business Manager") {
		t.Errorf("What to do now: %q; want it to ask for the audit return", got)
	}
	axeClean(t, ctx, "audit return asked for at stage 2")
	// The offer's own button downloads the return.
	// From the outcome, past the contact's telephone link, to the offer's button.
	press(t, ctx, "stages.2.outcome", kb.Tab+kb.Tab)
	if got := eval[string](t, ctx, `document.activeElement.textContent`); got != "Download an audit return" {
		t.Fatalf("after the outcome, the focus is on %q; want the offer's button", got)
	}
	if err := browsertest.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	_, data := download(t, dir, "iscp-audit-return-", ".json")
	if a, err := escalation.ParseAudit(data); err != nil || len(a.Stages) != 2 || a.Stages[1].Outcome != escalation.Resolved {
		t.Errorf("the offered audit return: %+v, %v; want two stages, resolved at stage 2", a, err)
	}

	// Not resolved after all: on to stage 5, which resolves it.
	completeStage(t, ctx, 2, false)
	poll[bool](t, ctx, `document.getElementById("audit-prompt-2").hidden`)
	for n := 3; n <= 4; n++ {
		completeStage(t, ctx, n, false)
	}
	if visible(t, ctx, "audit-prompt-4") {
		t.Error("the audit return is asked for at stage 4, which did not end the disagreement")
	}
	completeStage(t, ctx, 5, true)
	poll[bool](t, ctx, `!document.getElementById("audit-prompt-5").hidden && document.getElementById("audit-prompt-2").hidden`)
	if !eval[bool](t, ctx, `!!document.getElementById("duty-audit")`) {
		t.Error("resolved at stage 5, What to do now does not ask for the audit return")
	}
	// Ticked off as sent: the offer goes.
	press(t, ctx, "duty-audit", " ")
	poll[bool](t, ctx, `document.getElementById("audit-prompt-5").hidden`)

	// HIPS has no audit key: nothing said, nothing asked.
	ctx = tab(t)
	openRecord(t, ctx, base, "hips")
	waitReady(t, ctx)
	setValues(t, ctx, map[string]string{"arose-day": "1", "arose-month": "12", "arose-year": "2025"})
	completeStage(t, ctx, 1, true)
	poll[bool](t, ctx, `document.getElementById("duty-list").textContent.includes("resolved at stage 1")`)
	if eval[bool](t, ctx, `!!document.getElementById("audit-where") || !!document.querySelector(".audit-prompt") || !!document.getElementById("duty-audit")`) {
		t.Error("HIPS, which has no audit key, says where returns go or asks for one")
	}
}
