package sitetest

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"resolve/internal/browsertest"
	"resolve/internal/build"
)

// formState reads every control of the form: id -> value, or "checked"
// for a radio or checkbox that is.
const formState = `(() => { const o = {}; for (const e of document.querySelectorAll("#record-form [name]")) {
  if (e.type === "radio" || e.type === "checkbox") { if (e.checked) o[e.id] = "checked"; } else if (e.value !== "") o[e.id] = e.value; }
  return o; })()`

// storedDrafts reads what local storage holds under draft keys, the index
// of the drafts left out.
const storedDrafts = `Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith("resolve-draft") && !k.endsWith(":_index")).map((k) => [k, localStorage.getItem(k)]))`

// closeTab closes a tab, as the practitioner closing it would.
func closeTab(t testing.TB, ctx context.Context) {
	t.Helper()
	if err := chromedp.Cancel(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestRecordDraftComesBack types a record with a draft kept, closes the
// tab, and opens the form again without touching anything: every value
// comes back exactly, the draft is not written over before it is restored,
// and the form says when it was kept. ISCP has urgent flags and lets a
// record start at a later stage, so its select and radios are restored too.
func TestRecordDraftComesBack(t *testing.T) {
	base := browsertest.Serve(t, buildSiteForRecord(t))
	cases := map[string]map[string]string{
		"hips": {
			"reference": "HIPS-DRAFT 1", "agency": "School", "agency_sector": "education", "other_agency_sector": "childrens-social-care",
			"arose-day": "1", "arose-month": "12", "arose-year": "2025",
			"answers.concern": "line one\nline two <b>", "flags.faster": "", "stages.1.notes": "Talked it through",
			"stages.1.completed-day": "3", "stages.1.completed-month": "12", "stages.1.completed-year": "2025",
			"stages.1.outcome-not-resolved": "", "stages.2.with": "Duty social worker",
		},
		"iscp": {
			"reference": "ISCP-DRAFT 2", "flags.serious_harm": "", "flags.immediate_harm": "", "flags.compulsory_intervention-no": "",
			"start_stage": "3", "arose-day": "8", "arose-month": "12", "arose-year": "2025", "stages.3.notes": "Went straight to managers",
		},
	}
	for id, vs := range cases {
		t.Run(id, func(t *testing.T) {
			first := tab(t)
			openRecord(t, first, base, id)
			waitReady(t, first)
			press(t, first, "keep-draft", " ")
			setValues(t, first, vs)
			want := eval[map[string]string](t, first, formState)
			// A draft is kept a second after the last change, or at once
			// when the page is hidden: hide it, so the draft read below is
			// the last one kept.
			eval[bool](t, first, `document.dispatchEvent(new Event("visibilitychange")), true`)
			poll[bool](t, first, `Object.values(`+storedDrafts+`).some((d) => d.includes(`+jsString(vs["reference"])+`))`)
			kept := eval[map[string]string](t, first, storedDrafts)
			closeTab(t, first)

			second := tab(t)
			openRecord(t, second, base, id)
			waitReady(t, second)
			got := eval[map[string]string](t, second, formState)
			for k, v := range want {
				if got[k] != v {
					t.Errorf("%s restored as %q; want %q", k, got[k], v)
				}
			}
			for k, v := range got {
				if _, ok := want[k]; !ok {
					t.Errorf("%s restored as %q, though it was empty", k, v)
				}
			}
			if msg := text(t, second, "draft-result"); !strings.Contains(msg, "has been restored") {
				t.Errorf("the page says %q; want it to say the draft was restored", msg)
			}
			if after := eval[map[string]string](t, second, storedDrafts); len(after) != len(kept) {
				t.Errorf("drafts after restoring: %d; before: %d", len(after), len(kept))
			} else {
				for k, v := range kept {
					if after[k] != v {
						t.Errorf("the draft %s was written over when the page opened:\nbefore %s\nafter  %s", k, v, after[k])
					}
				}
			}
			if got := text(t, second, "draft-kept"); !strings.Contains(got, "on Wednesday 10 December 2025") {
				t.Errorf("when the draft was kept: %q", got)
			}
			if !eval[bool](t, second, `document.getElementById("keep-draft").checked`) {
				t.Error("the restored page does not show that drafts are kept")
			}
			axeClean(t, second, "draft restored")
		})
	}
}

// TestRecordSeveralDrafts keeps two cases' drafts: the latest comes back,
// the other is listed with its reference and opens, and typing before a
// draft is restored keeps both.
func TestRecordSeveralDrafts(t *testing.T) {
	base := browsertest.Serve(t, buildSiteForRecord(t))
	ctx := tab(t)
	openRecord(t, ctx, base, "tees")
	waitReady(t, ctx)
	press(t, ctx, "keep-draft", " ")
	typeIn(t, ctx, "reference", "FIRST-CASE")
	press(t, ctx, "new-record", kb.Enter)
	poll[bool](t, ctx, `document.getElementById("reference").value === ""`)
	typeIn(t, ctx, "reference", "SECOND-CASE")
	poll[bool](t, ctx, `Object.keys(`+storedDrafts+`).length === 2`)
	if got := text(t, ctx, "draft-list"); !strings.Contains(got, "FIRST-CASE") {
		t.Errorf("the other drafts listed: %q; want FIRST-CASE", got)
	}
	closeTab(t, ctx)

	again := tab(t)
	openRecord(t, again, base, "tees")
	waitReady(t, again)
	if got := value(t, again, "reference"); got != "SECOND-CASE" {
		t.Errorf("restored %q; want the draft kept last, SECOND-CASE", got)
	}
	if err := browsertest.Do(again, chromedp.Click(`[data-open-draft]`)); err != nil {
		t.Fatal(err)
	}
	poll[bool](t, again, `document.getElementById("reference").value === "FIRST-CASE"`)
	if got := text(t, again, "draft-list"); !strings.Contains(got, "SECOND-CASE") {
		t.Errorf("after opening FIRST-CASE, the list shows %q; want SECOND-CASE", got)
	}
	axeClean(t, again, "several drafts")

	// Typing before the module restores a draft keeps both: the typing is
	// a record of its own.
	third := tab(t)
	typeEarly(t, third, "agency", "typed first")
	openRecord(t, third, base, "tees")
	waitReady(t, third)
	if got := value(t, third, "agency"); got != "typed first" {
		t.Errorf("what was typed before the module loaded became %q", got)
	}
	if n := poll[int](t, third, `Object.keys(`+storedDrafts+`).length === 3 && 3`); n != 3 {
		t.Errorf("%d drafts after typing before the restore; want the two and the new one", n)
	}

	// One action deletes every draft.
	press(t, third, "delete-draft", kb.Enter)
	poll[bool](t, third, `Object.keys(`+storedDrafts+`).length === 0`)
}

// TestRecordDraftMoved finds the draft the first release kept, under its
// old key, restores it and moves it under the site's base path.
func TestRecordDraftMoved(t *testing.T) {
	base := browsertest.Serve(t, buildSiteForRecord(t))
	ctx := tab(t)
	open(t, ctx, base+"hips/")
	const old = `{"values":{"reference":"OLD-DRAFT","start_stage":"1","answers.concern":"kept by the first release"},"meta":{"id":"abcdefghijklmnopqrstuvwxyz","created":"2025-12-01","answers":{},"flags":{}}}`
	eval[bool](t, ctx, `localStorage.setItem("resolve-draft-hips", `+jsString(old)+`), true`)
	openRecord(t, ctx, base, "hips")
	waitReady(t, ctx)
	if got := value(t, ctx, "reference") + "|" + value(t, ctx, "answers.concern"); got != "OLD-DRAFT|kept by the first release" {
		t.Errorf("the first release's draft restored as %q", got)
	}
	keys := eval[[]string](t, ctx, `Object.keys(`+storedDrafts+`)`)
	if len(keys) != 1 || keys[0] != "resolve-draft:/:hips:abcdefghijklmnopqrstuvwxyz" {
		t.Errorf("draft keys after moving: %q; want the new key only", keys)
	}
}

// TestRecordDraftsSharedOrigin builds the site under a sub-path, as on a
// project's GitHub Pages, and with drafts turned off: under a sub-path the
// option says other sites on the host can read it, and the key has the
// path; turned off (record_drafts: false), there is no option and
// nothing is stored.
func TestRecordDraftsSharedOrigin(t *testing.T) {
	site := buildSiteForRecord(t)
	ctx := tab(t)
	sub := t.TempDir()
	if _, err := build.Build(build.Config{
		Content: filepath.Join(repoRoot, "content"), Layouts: filepath.Join(repoRoot, "layouts"), Static: filepath.Join(repoRoot, "static"),
		Out: filepath.Join(sub, "site"), BaseURL: "https://someone.github.io/procedures/", Modules: copyModule(t, site),
	}); err != nil {
		t.Fatal(err)
	}
	base := browsertest.ServeAt(t, filepath.Join(sub, "site"), "/procedures/")
	openRecord(t, ctx, base, "tees")
	waitReady(t, ctx)
	if got := text(t, ctx, "shared-origin"); !strings.Contains(got, "someone.github.io") || !strings.Contains(got, "other sites") {
		t.Errorf("the shared-origin warning reads %q", got)
	}
	press(t, ctx, "keep-draft", " ")
	typeIn(t, ctx, "reference", "SUB")
	poll[bool](t, ctx, `Object.keys(`+storedDrafts+`).some((k) => k.startsWith("resolve-draft:/procedures/:tees:"))`)
	axeClean(t, ctx, "shared origin")

	// The home page's record_drafts: false.
	content := t.TempDir()
	if err := os.CopyFS(content, os.DirFS(filepath.Join(repoRoot, "content"))); err != nil {
		t.Fatal(err)
	}
	home := filepath.Join(content, "_index.md")
	data, err := os.ReadFile(home)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(home, []byte(strings.Replace(string(data), "---\n", "---\nrecord_drafts: false\n", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	off := filepath.Join(t.TempDir(), "site")
	if _, err := build.Build(build.Config{Content: content, Layouts: filepath.Join(repoRoot, "layouts"), Static: filepath.Join(repoRoot, "static"), Out: off, Modules: copyModule(t, site)}); err != nil {
		t.Fatal(err)
	}
	ctx = tab(t)
	openRecord(t, ctx, browsertest.Serve(t, off), "tees")
	waitReady(t, ctx)
	if eval[bool](t, ctx, `!!document.getElementById("keep-draft")`) {
		t.Error("with record_drafts: false the form still offers to keep a draft")
	}
	typeIn(t, ctx, "reference", "OFF")
	if n := eval[int](t, ctx, `localStorage.length`); n != 0 {
		t.Errorf("%d items stored with drafts turned off", n)
	}
}

// typeEarly types into a control as soon as the page is parsed, before
// the module can have loaded: a fast typist, for every page the tab opens.
func typeEarly(t testing.TB, ctx context.Context, id, text string) {
	t.Helper()
	js := `document.addEventListener("DOMContentLoaded", () => { const e = document.getElementById(` + jsString(id) + `);
  if (e && !document.getElementById("record-form").hasAttribute("data-ready")) { e.value = ` + jsString(text) + `; e.dispatchEvent(new Event("input", {bubbles: true})); } });`
	err := browsertest.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: js})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
}

// copyModule gives a build the record form's module, already built into
// the shared site, as the build's modules: the pages name its files, as
// in a published site.
func copyModule(t testing.TB, site string) func() (*build.Modules, error) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(site, "wasm", "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var man struct{ Module, Exec string }
	if err := json.Unmarshal(data, &man); err != nil {
		t.Fatal(err)
	}
	return func() (*build.Modules, error) {
		return &build.Modules{
			Files: []build.ModuleFiles{{Name: "record", Module: "wasm/" + man.Module, Exec: "wasm/" + man.Exec}},
			Write: func(dir string) error {
				return os.CopyFS(filepath.Join(dir, "wasm"), os.DirFS(filepath.Join(site, "wasm")))
			},
		}, nil
	}
}
