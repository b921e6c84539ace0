package sitetest

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"resolve/internal/browsertest"
)

// countWrites counts, in every page the tab opens, how often a draft (not
// the index of drafts) is written to local storage: window.__draftWrites.
func countWrites(t testing.TB, ctx context.Context) {
	t.Helper()
	const js = `window.__draftWrites = 0; (() => { const set = Storage.prototype.setItem;
  Storage.prototype.setItem = function (k, v) { if (String(k).startsWith("resolve-draft:") && !String(k).endsWith(":_index")) window.__draftWrites++; return set.call(this, k, v); }; })();`
	err := browsertest.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: js})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
}

// TestRecordDraftTypingAndClosing types a long stretch with a draft kept:
// the draft is written a few times, not at every key, yet the last
// character typed, with the tab closed at once after it, is in the draft
// when the form opens again.
func TestRecordDraftTypingAndClosing(t *testing.T) {
	base := browsertest.Serve(t, buildSiteForRecord(t))
	ctx := tab(t)
	countWrites(t, ctx)
	openRecord(t, ctx, base, "hips")
	waitReady(t, ctx)
	press(t, ctx, "keep-draft", " ")
	poll[bool](t, ctx, `window.__draftWrites === 1`) // kept at once when asked
	const typed = "The decision to close the referral was made without the school's information."
	typeIn(t, ctx, "answers.concern", typed)
	if n := eval[int](t, ctx, `window.__draftWrites`); n > 1+len(typed)/4 {
		t.Errorf("typing %d characters wrote the draft %d times; want a few, not one a key", len(typed), n)
	}
	// One more key, and the tab closed before the draft is due.
	typeIn(t, ctx, "answers.concern", "!")
	closeTab(t, ctx)

	again := tab(t)
	openRecord(t, again, base, "hips")
	waitReady(t, again)
	if got := value(t, again, "answers.concern"); got != typed+"!" {
		t.Errorf("after closing the tab at once, the draft came back as %q; want %q", got, typed+"!")
	}
}

// TestRecordDraftIndex: the drafts are listed from their index, not read
// in full: a draft the index lists is shown by its reference even when its
// body cannot be read (and says so only when opened); an index that is
// gone or damaged is made again from the drafts themselves.
func TestRecordDraftIndex(t *testing.T) {
	base := browsertest.Serve(t, buildSiteForRecord(t))
	ctx := tab(t)
	openRecord(t, ctx, base, "tees")
	waitReady(t, ctx)
	press(t, ctx, "keep-draft", " ")
	typeIn(t, ctx, "reference", "FIRST")
	press(t, ctx, "new-record", "\r")
	poll[bool](t, ctx, `document.getElementById("reference").value === ""`)
	typeIn(t, ctx, "reference", "SECOND")
	poll[bool](t, ctx, `Object.keys(`+storedDrafts+`).length === 2 && Object.values(`+storedDrafts+`).some((d) => d.includes("SECOND"))`)
	index := `JSON.parse(localStorage.getItem("resolve-draft:/:_index") || "[]")`
	if got := eval[[]string](t, ctx, index+`.map((e) => e.protocol + " " + e.reference).sort()`); strings.Join(got, ",") != "tees FIRST,tees SECOND" {
		t.Errorf("the index lists %q; want both drafts with their references", got)
	}

	// FIRST's body damaged: the list, read from the index, still shows it.
	eval[bool](t, ctx, `(() => { const k = Object.keys(`+storedDrafts+`).find((k) => localStorage.getItem(k).includes("FIRST")); localStorage.setItem(k, "{damaged"); return true; })()`)
	closeTab(t, ctx)
	ctx = tab(t)
	openRecord(t, ctx, base, "tees")
	waitReady(t, ctx)
	if got := value(t, ctx, "reference"); got != "SECOND" {
		t.Errorf("restored %q; want SECOND, kept last", got)
	}
	if got := text(t, ctx, "draft-list"); !strings.Contains(got, "FIRST") {
		t.Errorf("the list, from the index, shows %q; want FIRST", got)
	}
	if err := browsertest.Do(ctx, chromedp.Click(`[data-open-draft]`)); err != nil {
		t.Fatal(err)
	}
	poll[bool](t, ctx, `document.getElementById("draft-result").textContent.includes("could not be opened")`)

	// The index gone, or damaged: made again, the damaged draft counted, not listed.
	for _, broken := range []string{`localStorage.removeItem("resolve-draft:/:_index")`, `localStorage.setItem("resolve-draft:/:_index", "[{\"key\": 1}]")`} {
		eval[bool](t, ctx, `(`+broken+`, true)`)
		ctx = tab(t)
		openRecord(t, ctx, base, "tees")
		waitReady(t, ctx)
		if got := value(t, ctx, "reference"); got != "SECOND" {
			t.Errorf("with the index broken (%s), restored %q; want SECOND", broken, got)
		}
		if got := eval[[]string](t, ctx, index+`.filter((e) => !e.damaged).map((e) => e.reference)`); strings.Join(got, ",") != "SECOND" {
			t.Errorf("the index made again lists %q; want SECOND (FIRST is damaged)", got)
		}
	}

	// Deleting one draft takes it out of the index too; unticking
	// keep-draft deletes the index with every draft.
	press(t, ctx, "new-record", "\r")
	poll[bool](t, ctx, `document.getElementById("reference").value === ""`)
	typeIn(t, ctx, "reference", "THIRD")
	poll[bool](t, ctx, index+`.some((e) => e.reference === "THIRD")`)
	if err := browsertest.Do(ctx, chromedp.SendKeys(chromedp.CSS(`[data-delete-draft]`), "\r")); err != nil {
		t.Fatal(err)
	}
	poll[bool](t, ctx, `!Object.values(`+storedDrafts+`).some((d) => d.includes("SECOND"))`)
	if got := eval[[]string](t, ctx, index+`.filter((e) => !e.damaged).map((e) => e.reference)`); strings.Join(got, ",") != "THIRD" {
		t.Errorf("after deleting SECOND, the index lists %q; want THIRD", got)
	}
	press(t, ctx, "keep-draft", " ")
	poll[bool](t, ctx, `!Object.keys(localStorage).some((k) => k.startsWith("resolve-draft"))`)
}
