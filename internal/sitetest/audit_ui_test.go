package sitetest

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"resolve/internal/browsertest"
)

// openWithFiles opens /audit/ and reads the example returns.
func openWithFiles(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	openAudit(t, ctx, base)
	chooseFiles(t, ctx, auditFiles(t))
}

// overviewAll reads the overview's count of all disagreements.
func overviewAll(t *testing.T, ctx context.Context) string {
	t.Helper()
	return eval[string](t, ctx, `(document.querySelector('#audit-part-overview-overview tr[data-key="disagreements"] td[data-column="all"]') || {}).textContent || ""`)
}

// TestAuditKeep: nothing is kept unless the manager ticks the box; what is
// kept is the returns alone, and comes back; one button deletes it.
func TestAuditKeep(t *testing.T) {
	base := siteURL(t)
	ctx := tab(t)
	openAudit(t, ctx, base)
	press(t, ctx, "audit-keep", " ")
	poll[bool](t, ctx, `!document.getElementById("audit-keep-result").hidden`)
	chooseFiles(t, ctx, auditFiles(t))
	kept := eval[string](t, ctx, `localStorage.getItem("resolve-audit-returns") || ""`)
	if !strings.HasPrefix(kept, `{"returns":[{"format":"resolve-audit"`) {
		t.Fatalf("kept = %.80q; want the returns", kept)
	}
	for _, never := range []string{"SECRET", "hips-1.json", "broken", "resolve-record"} {
		if strings.Contains(kept, never) {
			t.Errorf("what is kept holds %q: only returns may be kept", never)
		}
	}
	if n := strings.Count(kept, `"format":"resolve-audit"`); n != 6 {
		t.Errorf("%d returns kept; want one per disagreement, 6", n)
	}

	// The next visit counts them again, without the files.
	openAudit(t, ctx, base)
	if got := overviewAll(t, ctx); got != "6" {
		t.Errorf("after a reload the summary counts %q disagreements; want the 6 kept", got)
	}
	if !eval[bool](t, ctx, `document.getElementById("audit-keep").checked`) ||
		!strings.Contains(text(t, ctx, "audit-keep-result"), "The 6 returns kept in this browser are counted below.") {
		t.Errorf("after a reload: keep %v, %q", eval[bool](t, ctx, `document.getElementById("audit-keep").checked`), text(t, ctx, "audit-keep-result"))
	}

	// One action deletes them, and nothing comes back.
	press(t, ctx, "audit-forget", "\r")
	poll[bool](t, ctx, `localStorage.getItem("resolve-audit-returns") === null && !document.getElementById("audit-keep").checked`)
	openAudit(t, ctx, base)
	if visible(t, ctx, "audit-results") || eval[int](t, ctx, `localStorage.length`) != 0 {
		t.Error("after deleting the kept returns, a reload still shows or keeps some")
	}

	// Storage changed by something else is read as outside input.
	eval[bool](t, ctx, `localStorage.setItem("resolve-audit-returns", '{"returns":[{"format":"resolve-audit","version":1,"child":"x"}, 7]}'), true`)
	openAudit(t, ctx, base)
	if got := text(t, ctx, "audit-keep-result"); !strings.Contains(got, "2 kept returns were damaged and left out.") {
		t.Errorf("damaged storage: %q", got)
	}
}

// TestAuditDateRange: a date range counts the same as resolve audit
// --from --to, and a date that is not one is an error, GOV.UK style.
func TestAuditDateRange(t *testing.T) {
	base := siteURL(t)
	ctx := tab(t)
	dir := downloads(t, ctx)
	files := auditFiles(t)
	openAudit(t, ctx, base)
	chooseFiles(t, ctx, files)
	for id, v := range map[string]string{"audit-from-day": "1", "audit-from-month": "2", "audit-from-year": "2026", "audit-to-day": "28", "audit-to-month": "2", "audit-to-year": "2026"} {
		typeIn(t, ctx, id, v)
	}
	poll[bool](t, ctx, `document.querySelector('#audit-part-overview-files tr[data-key="outside"]') !== null`)
	// February 2026: hips-2 and hips-3 arose then.
	if got := overviewAll(t, ctx); got != "fewer than 5" {
		t.Errorf("February 2026 counts %q; want fewer than 5 (2)", got)
	}
	want := resolveAudit(t, append([]string{"--csv", "--publish", "--from", "2026-02-01", "--to", "2026-02-28"}, files...)...)
	if got := pageCSV(t, ctx, dir); string(got) != want {
		t.Errorf("the page's CSV for February differs from resolve audit's:\npage:\n%s\nresolve audit:\n%s", got, want)
	}

	// 30 February is not a date: the error says so, linked from the
	// summary at the top, and the figures stay as they were.
	clear(t, ctx, "audit-to-day")
	typeIn(t, ctx, "audit-to-day", "30")
	poll[bool](t, ctx, `!document.getElementById("audit-error-summary").hidden`)
	if got := text(t, ctx, "audit-to-error"); got != "Error: The last date must be a real date, for example 1 4 2025" {
		t.Errorf("the date's error = %q", got)
	}
	if href := eval[string](t, ctx, `document.querySelector("#audit-error-summary-list a").getAttribute("href")`); href != "#audit-to-day" {
		t.Errorf("the error summary links to %q", href)
	}
	if got := overviewAll(t, ctx); got != "fewer than 5" {
		t.Errorf("with a date that is not one, the summary counts %q; want the last range's", got)
	}
	axeClean(t, ctx, "with a date error")
}

// TestAuditWithoutJavaScript: with JavaScript off the page says how to
// make the summary without it, and still says where returns go.
func TestAuditWithoutJavaScript(t *testing.T) {
	ctx := tab(t)
	if err := browsertest.Do(ctx, noScript()); err != nil {
		t.Fatal(err)
	}
	open(t, ctx, siteURL(t)+"audit/")
	if got := text(t, ctx, "audit-status-text"); !strings.Contains(got, "resolve audit --content content FOLDER") {
		t.Errorf("without JavaScript the page says %q", got)
	}
	if visible(t, ctx, "audit-page") {
		t.Error("without JavaScript the tool that needs it is shown")
	}
	if got := eval[string](t, ctx, `document.querySelector(".audit-where").innerText`); !strings.Contains(got, "Send the audit return of each record to ISCP Business Manager") {
		t.Errorf("where returns go: %q", got)
	}
}

// TestAuditLayouts: the summary reads on a phone, prints without the
// controls, and keeps its contrast in every colour theme.
func TestAuditLayouts(t *testing.T) {
	base := siteURL(t)
	t.Run("phone", func(t *testing.T) {
		ctx := tab(t)
		if err := browsertest.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile)); err != nil {
			t.Fatal(err)
		}
		openWithFiles(t, ctx, base)
		if w := eval[int](t, ctx, `document.documentElement.scrollWidth`); w > 390 {
			t.Errorf("the page is %d px wide on a 390 px phone", w)
		}
		if wide := eval[[]string](t, ctx, `[...document.querySelectorAll("#audit-summary svg")].filter((s) => s.getBoundingClientRect().right > 390).map((s) => s.id)`); len(wide) > 0 {
			t.Errorf("charts wider than the phone: %q", wide)
		}
		axeClean(t, ctx, "on a phone")
	})
	t.Run("print", func(t *testing.T) {
		ctx := tab(t)
		openWithFiles(t, ctx, base)
		if err := browsertest.Do(ctx, media("print")); err != nil {
			t.Fatal(err)
		}
		got := eval[map[string]bool](t, ctx, `(() => {
			const seen = (id) => { const e = document.getElementById(id); return !!e && e.getClientRects().length > 0; };
			return {form: seen("audit-form"), summary: seen("audit-summary"), buttons: seen("audit-csv"), chart: seen("chart-all-resolved-at")};
		})()`)
		if got["form"] || got["buttons"] || !got["summary"] || !got["chart"] {
			t.Errorf("in print: %v; want the summary and its charts, not the form or buttons", got)
		}
	})
	for _, th := range []struct {
		name string
		set  chromedp.Action[chromedp.Void]
		high bool
	}{
		{"dark", media("", "prefers-color-scheme", "dark"), false},
		{"more-contrast", media("", "prefers-contrast", "more"), false},
		{"forced-colors", media("", "forced-colors", "active"), false},
		{"high-contrast", media(""), true},
	} {
		t.Run(th.name, func(t *testing.T) {
			ctx := tab(t)
			if err := browsertest.Do(ctx, th.set); err != nil {
				t.Fatal(err)
			}
			if th.high {
				open(t, ctx, base+"audit/")
				eval[bool](t, ctx, `localStorage.setItem("resolve-contrast", "high"), true`)
			}
			openWithFiles(t, ctx, base)
			for _, v := range colourAxe(t, ctx) {
				t.Errorf("axe (%s), counts held back: %s", th.name, v)
			}
			press(t, ctx, "audit-publish", " ") // every count as it is: solid bars
			poll[bool](t, ctx, `document.querySelector("#audit-summary .chart-bar") !== null`)
			for _, v := range colourAxe(t, ctx) {
				t.Errorf("axe (%s): %s", th.name, v)
			}
			// The bars stand out from the page in every theme.
			if same := eval[bool](t, ctx, `getComputedStyle(document.querySelector("#audit-summary .chart-bar")).fill === getComputedStyle(document.body).backgroundColor`); same {
				t.Error("the chart's bars are the colour of the page")
			}
		})
	}
}

// TestAuditKeyboard: everything on the page is reached with Tab, in order,
// and a download is made with Enter.
func TestAuditKeyboard(t *testing.T) {
	ctx := tab(t)
	dir := downloads(t, ctx)
	openWithFiles(t, ctx, siteURL(t))
	eval[bool](t, ctx, `(document.activeElement && document.activeElement.blur(), document.getElementById("files-title").scrollIntoView(), true)`)
	eval[bool](t, ctx, `(document.getElementById("audit-files").focus(), true)`)
	seen, err := browsertest.PressTab(ctx, 40)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(seen, "\n")
	order := []string{"input#audit-from-day", "input#audit-to-year", "input#audit-publish", "input#audit-keep", "button#audit-forget",
		"button#audit-clear", "button#audit-csv", "button#audit-report", `a[href="#audit-part-overview"]`, `div "Measure All procedures`}
	at := 0
	for _, want := range order {
		i := strings.Index(got[at:], want)
		if i < 0 {
			t.Fatalf("Tab from the file input does not reach %s after the controls before it:\n%s", want, got)
		}
		at += i
	}
	eval[bool](t, ctx, `(document.getElementById("audit-report").focus(), true)`)
	if err := browsertest.Do(ctx, chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	if _, report := download(t, dir, "audit-report-", ".html"); !strings.Contains(string(report), "<svg") {
		t.Error("the board report made with Enter has no chart")
	}
}
