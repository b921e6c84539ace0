package sitetest

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"resolve/internal/browsertest"
	"resolve/internal/escalation"
)

// openFile chooses a file in the form's "Open a saved record" input.
func openFile(t testing.TB, ctx context.Context, name string, data []byte) {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := browsertest.Do(ctx, chromedp.SetUploadFiles(css("open-file"), []string{p})); err != nil {
		t.Fatal(err)
	}
}

// summaryLinks lists where the summary's links go.
const summaryLinks = `[...document.querySelectorAll("#error-summary-list a")].map((a) => a.getAttribute("href"))`

// TestRecordSaveUnfinished saves a record part way through a stage: a
// completion date with no outcome yet, and resolved before the resolution
// is written. The file is saved with everything typed, what is left is
// listed to finish, and the file opens again in a new page with the same
// list.
func TestRecordSaveUnfinished(t *testing.T) {
	base := browsertest.Serve(t, buildSiteForRecord(t))
	ctx := tab(t)
	dir := downloads(t, ctx)
	openRecord(t, ctx, base, "hips")
	waitReady(t, ctx)
	typeIn(t, ctx, "reference", "HALF-DONE")
	typeDate(t, ctx, "arose", today.AddDays(-3))
	typeDate(t, ctx, "stages.1.completed", today.AddDays(-2))
	typeIn(t, ctx, "stages.1.notes", "Called away before the outcome.")
	press(t, ctx, "save-record", kb.Enter)
	_, saved := download(t, dir, "hips-record-", ".json")
	rec, _, err := escalation.Import(saved, recordCases(t)[0].p, today)
	if err != nil {
		t.Fatalf("the unfinished record does not open: %v\n%s", err, saved)
	}
	if rec.Reference != "HALF-DONE" || rec.Stages[0].Completed != today.AddDays(-2) || rec.Stages[0].Outcome != "" {
		t.Errorf("saved %+v; want the completion date and no outcome", rec)
	}
	want := []string{"#stages.1.outcome"}
	if got := poll[[]string](t, ctx, `document.getElementById("error-summary").hidden ? null : `+summaryLinks); !slices.Equal(got, want) {
		t.Errorf("to finish after saving: %q; want %q", got, want)
	}
	if h := text(t, ctx, "error-summary-title"); h != "To finish this record" {
		t.Errorf("the list is headed %q", h)
	}
	if strings.HasPrefix(eval[string](t, ctx, `document.title`), "Error") {
		t.Error("saving an unfinished record marks the page as an error")
	}
	axeClean(t, ctx, "saved unfinished")

	other := tab(t)
	openRecord(t, other, base, "hips")
	waitReady(t, other)
	openFile(t, other, "half.json", saved)
	poll[bool](t, other, `document.getElementById("reference").value === "HALF-DONE"`)
	if got := poll[[]string](t, other, `document.getElementById("error-summary").hidden ? null : `+summaryLinks); !slices.Equal(got, want) {
		t.Errorf("to finish after opening: %q; want %q", got, want)
	}
	if got := value(t, other, "stages.1.notes"); got != "Called away before the outcome." {
		t.Errorf("reopened notes %q", got)
	}
	axeClean(t, other, "opened unfinished")
}

// TestRecordOnlyWhatWasEntered checks that a date that follows from
// another is offered, used for deadlines, and never written down until the
// practitioner uses it: not in the file, the exports or the audit return.
func TestRecordOnlyWhatWasEntered(t *testing.T) {
	base := browsertest.Serve(t, buildSiteForRecord(t))
	ctx := tab(t)
	dir := downloads(t, ctx)
	openRecord(t, ctx, base, "hips")
	waitReady(t, ctx)
	rc := recordCases(t)[0]
	arose, done1, done2 := today.AddDays(-9), today.AddDays(-8), today.AddDays(-6) // 1, 2 and 4 December
	setValues(t, ctx, map[string]string{
		"arose-day": "1", "arose-month": "12", "arose-year": "2025",
		"stages.1.completed-day": "2", "stages.1.completed-month": "12", "stages.1.completed-year": "2025",
		"stages.1.outcome-not-resolved": "",
		"stages.2.completed-day":        "4", "stages.2.completed-month": "12", "stages.2.completed-year": "2025",
	})
	setValues(t, ctx, map[string]string{"stages.2.outcome-not-resolved": ""})
	suggest := poll[string](t, ctx, `(() => { const e = document.getElementById("stages.3.started-suggest"); return !e.hidden && e.textContent; })()`)
	if !strings.Contains(suggest, "Thursday 4 December 2025") {
		t.Errorf("the date offered for stage 3's start: %q; want Thursday 4 December 2025", suggest)
	}
	if got := value(t, ctx, "stages.3.started-day"); got != "" {
		t.Errorf("stage 3's start date was filled in: %q", got)
	}
	due3 := rc.cal.Due(done2, 2)
	if got := text(t, ctx, "due-date-3"); !strings.Contains(got, escalation.LongDate(due3)) {
		t.Errorf("stage 3 due %q; want %s, counted from stage 2's completion", got, escalation.LongDate(due3))
	}

	press(t, ctx, "save-record", kb.Enter)
	_, saved := download(t, dir, "hips-record-", ".json")
	if strings.Contains(string(saved), `"started"`) {
		t.Errorf("the file holds a start date nobody entered:\n%s", saved)
	}
	press(t, ctx, "export-text", kb.Enter)
	_, txt := download(t, dir, "hips-record-", ".txt")
	stage3 := string(txt)[strings.Index(string(txt), "### Stage 3"):]
	if !strings.Contains(stage3[:strings.Index(stage3, "### Stage 4")], "Started: Not recorded yet") {
		t.Errorf("the plain text says of stage 3:\n%s", stage3[:strings.Index(stage3, "### Stage 4")])
	}
	press(t, ctx, "export-audit", kb.Enter)
	_, audit := download(t, dir, "hips-audit-return-", ".json")
	if a, err := escalation.ParseAudit(audit); err != nil || len(a.Stages) != 3 || !a.Stages[2].Started.IsZero() || a.Arose != arose || a.Stages[0].Completed != done1 {
		t.Errorf("audit return %+v, %v; want three stages, stage 3 with no start date", a, err)
	}

	// Using the date offered writes it down.
	press(t, ctx, "stages.3.started-use", kb.Enter)
	poll[bool](t, ctx, `document.getElementById("stages.3.started-day").value === "4"`)
	if got := value(t, ctx, "stages.3.started-month") + "/" + value(t, ctx, "stages.3.started-year"); got != "12/2025" {
		t.Errorf("using the date filled in %q", got)
	}
	if !eval[bool](t, ctx, `document.getElementById("stages.3.started-suggest").hidden`) {
		t.Error("the offer stays once the date is used")
	}
	press(t, ctx, "save-record", kb.Enter)
	_, saved = download(t, dir, "hips-record-", ".json")
	rec, _, err := escalation.Import(saved, rc.p, today)
	if err != nil || rec.Stages[2].Started != done2 {
		t.Errorf("after using the date, stage 3 started %v (%v); want %v", rec.Stages[2].Started, err, done2)
	}
	axeClean(t, ctx, "date offered and used")
}

// TestRecordBigFile opens a record just under the 1 MiB limit (one long
// answer): it opens, whole. How long it takes is BenchmarkRecordOpenBig's
// figure. A broken file is refused with the draft kept as it was.
func TestRecordBigFile(t *testing.T) {
	base := browsertest.Serve(t, buildSiteForRecord(t))
	ctx := tab(t)
	openRecord(t, ctx, base, "hips")
	waitReady(t, ctx)
	press(t, ctx, "keep-draft", " ")
	typeIn(t, ctx, "reference", "IN-PROGRESS")
	poll[bool](t, ctx, `Object.values(`+storedDrafts+`).some((d) => d.includes("IN-PROGRESS"))`)
	kept := eval[map[string]string](t, ctx, storedDrafts)

	openFile(t, ctx, "broken.json", []byte(`{"format": "resolve-record", "version": 1, "id": `))
	poll[bool](t, ctx, `!document.getElementById("open-file-error").hidden`)
	if got := value(t, ctx, "reference"); got != "IN-PROGRESS" {
		t.Errorf("after a broken file the form says %q", got)
	}
	if after := eval[map[string]string](t, ctx, storedDrafts); len(after) != len(kept) || after[firstKey(kept)] != kept[firstKey(kept)] {
		t.Error("refusing a broken file changed the draft kept")
	}

	// The record in the form is kept as a draft, so opening another
	// replaces it without asking.
	big := bigRecord(t)
	start := time.Now()
	openFile(t, ctx, "big.json", big)
	poll[bool](t, ctx, `document.getElementById("reference").value === "BIG-1"`)
	t.Logf("a %d KB record opened in %v (with the test's overhead)", len(big)/1024, time.Since(start).Round(time.Millisecond))
	if n := eval[int](t, ctx, `document.getElementById("answers.concern").value.length`); n != bigAnswer {
		t.Errorf("the long answer came back with %d characters; want %d", n, bigAnswer)
	}
	if !strings.Contains(text(t, ctx, "draft-list"), "IN-PROGRESS") {
		t.Error("the record that was in the form is not listed as a draft")
	}
}

// bigAnswer is the length of the long answer of bigRecord.
const bigAnswer = escalation.MaxSize - 2000

// bigRecord is a HIPS record just under the size limit, nearly all of it
// one answer of words and line breaks.
func bigRecord(t testing.TB) []byte {
	t.Helper()
	var b strings.Builder
	for b.Len() < bigAnswer {
		b.WriteString("The referral was closed again without a visit; ")
		if b.Len()%700 < 50 {
			b.WriteString("\n")
		}
	}
	r := &escalation.Record{Format: escalation.Format, Version: escalation.Version, ID: escalation.NewID(),
		Protocol: escalation.ProtocolRef{ID: "hips", Version: "2025-03", Calendar: "england-and-wales"}, Reference: "BIG-1",
		Arose: today.AddDays(-2), Answers: map[string]string{"concern": b.String()[:bigAnswer]}, Flags: map[string]bool{},
		Stages: []escalation.Stage{{Stage: 1}}}
	data, err := escalation.JSON(r)
	if err != nil || len(data) > escalation.MaxSize {
		t.Fatalf("the big record is %d bytes (%v)", len(data), err)
	}
	return data
}

func firstKey(m map[string]string) string {
	for k := range m {
		return k
	}
	return ""
}
