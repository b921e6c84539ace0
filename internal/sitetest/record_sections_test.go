package sitetest

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"resolve/internal/browsertest"
)

// openPane reports the pane that is open: its id, and whether exactly
// one pane is.
const openPane = `(() => { const open = [...document.querySelectorAll(".record-pane")].filter((p) => !p.classList.contains("pane-closed") && !p.hasAttribute("aria-hidden")); return open.length === 1 ? open[0].id : "panes open: " + open.map((p) => p.id).join(","); })()`

// TestRecordSections goes through the form one section at a time with the
// keyboard: the hub's task list opens a section on its own, with its own
// heading, title and address; Tab stays in it; the next section's link
// and the browser's back button behave as on a service of separate pages;
// and focusing a field by its id opens its section.
func TestRecordSections(t *testing.T) {
	base := browsertest.Serve(t, buildSiteForRecord(t))
	ctx := tab(t)
	openRecord(t, ctx, base, "hips")
	waitReady(t, ctx)
	if p := eval[string](t, ctx, openPane); p != "tasks" {
		t.Fatalf("on opening, the pane open is %q; want the hub, tasks", p)
	}
	axeClean(t, ctx, "hub")

	// The hub's first task, by keyboard.
	tabTo(t, ctx, `.task-list a[href="#prepare"]`)
	if err := browsertest.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	poll[bool](t, ctx, `document.activeElement.id === "prepare-title"`)
	if p := eval[string](t, ctx, openPane); p != "prepare" {
		t.Errorf("after following the task, the pane open is %q", p)
	}
	if got := eval[string](t, ctx, `location.hash + " " + document.title`); !strings.HasPrefix(got, "#prepare Prepare your concern – ") {
		t.Errorf("address and title %q; want #prepare and the section's own title", got)
	}
	axeClean(t, ctx, "a section open")
	// Tab never reaches a control of a closed pane.
	for range 25 {
		if err := browsertest.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		if where := eval[string](t, ctx, `(() => { const p = document.activeElement.closest(".record-pane"); return p ? p.id : ""; })()`); where != "" && where != "prepare" {
			t.Fatalf("Tab reached %s in the closed pane %s", eval[string](t, ctx, `document.activeElement.id`), where)
		}
	}

	// The link onwards, then the back button twice.
	if err := browsertest.Do(ctx, chromedp.Focus(`#prepare .section-nav .button`), chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	poll[bool](t, ctx, `document.activeElement.id === "facts-title"`)
	if err := browsertest.Do(ctx, chromedp.NavigateBack()); err != nil {
		t.Fatal(err)
	}
	poll[bool](t, ctx, `location.hash === "#prepare" && document.activeElement.id === "prepare-title"`)
	if err := browsertest.Do(ctx, chromedp.NavigateBack()); err != nil {
		t.Fatal(err)
	}
	poll[bool](t, ctx, `location.hash === "" && !document.getElementById("tasks").classList.contains("pane-closed")`)

	// Anything that drives the form by its ids: focusing a field opens its
	// section, and setting a value in a closed section counts.
	eval[bool](t, ctx, `document.getElementById("stages.3.notes").focus(), true`)
	if got := eval[string](t, ctx, openPane+` + " " + document.activeElement.id + " " + location.hash`); got != "stage-3 stages.3.notes #stage-3" {
		t.Errorf("focusing stages.3.notes by id: %q; want its section open, the field focused and #stage-3", got)
	}
	setValues(t, ctx, map[string]string{"arose-day": "1", "arose-month": "12", "arose-year": "2025"})
	if got := poll[string](t, ctx, `document.getElementById("due-date-1").textContent.includes("2025") && document.getElementById("due-date-1").textContent`); !strings.Contains(got, "3 December 2025") {
		t.Errorf("a date set in a closed section gives stage 1 due %q", got)
	}
	// An address naming a field opens its section.
	open(t, ctx, base+"hips/record/#answers.impact")
	waitReady(t, ctx)
	if got := eval[string](t, ctx, openPane); got != "prepare" {
		t.Errorf("opening #answers.impact shows the pane %q", got)
	}
}

// TestRecordPhone checks the form on a phone 390 px wide: nothing wider
// than the screen, the next due date and Save within the screen wherever
// the practitioner is, and the first field at the top of its section.
func TestRecordPhone(t *testing.T) {
	base := browsertest.Serve(t, buildSiteForRecord(t))
	ctx := tab(t)
	err := browsertest.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 390, Height: 844, DeviceScaleFactor: 3, Mobile: true})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	openRecord(t, ctx, base, "hips")
	waitReady(t, ctx)
	const inView = `((id) => { const r = document.getElementById(id).getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight && r.height > 0; })`
	check := func(where string) {
		t.Helper()
		for _, id := range []string{"next-due", "save-record"} {
			if !eval[bool](t, ctx, inView+`(`+jsString(id)+`)`) {
				t.Errorf("%s: %s is not within the screen", where, id)
			}
		}
		if w := eval[int](t, ctx, `document.documentElement.scrollWidth`); w > 390 {
			t.Errorf("%s: the page is %d px wide on a 390 px screen", where, w)
		}
	}
	check("the hub")
	setValues(t, ctx, map[string]string{"arose-day": "1", "arose-month": "12", "arose-year": "2025"})
	if got := text(t, ctx, "next-due"); !strings.Contains(got, "Stage 1 is due Wednesday 3 December 2025") {
		t.Errorf("the foot of the screen says %q", got)
	}
	eval[bool](t, ctx, `location.hash = "#prepare", true`)
	poll[bool](t, ctx, `document.activeElement.id === "prepare-title"`)
	if !eval[bool](t, ctx, `document.getElementById("reference").getBoundingClientRect().top < innerHeight`) {
		t.Error("the first field of the first section is not on the first screen")
	}
	check("the first section")
	eval[bool](t, ctx, `document.getElementById("stages.2.notes").focus(), document.getElementById("stages.2.notes").scrollIntoView(), true`)
	check("stage 2's notes")
	eval[bool](t, ctx, `scrollTo(0, document.body.scrollHeight), true`)
	check("the foot of the page")
	axeClean(t, ctx, "phone")
}
