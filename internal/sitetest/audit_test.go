package sitetest

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"golang.org/x/tools/txtar"

	"resolve/internal/browsertest"
	"resolve/internal/cli"
)

// isAudit reports whether a site path is the partnership's audit page,
// which this file covers and which, like the record form, needs the module.
func isAudit(p string) bool { return p == "/audit/" }

// auditDay is "today" for the audit page's tests.
var auditDay = time.Date(2026, time.December, 21, 12, 0, 0, 0, time.Local)

// auditFiles writes the example returns (internal/audit/testdata/
// example.txtar: returns for the example site's procedures, one sent twice
// as it went on, a copy, a whole record full of text that must never
// show, a broken file, a foreign JSON file and a text file) into a new
// folder, and returns their paths in archive order.
func auditFiles(t testing.TB) []string {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join(repoRoot, "internal", "audit", "testdata", "example.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var paths []string
	for _, f := range ar.Files {
		p := filepath.Join(dir, f.Name)
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// resolveAudit runs `resolve audit` on files, as a business manager with a
// command line would, and returns what it prints.
func resolveAudit(t testing.TB, args ...string) string {
	t.Helper()
	var out, errs bytes.Buffer
	args = append([]string{"audit", "--content", filepath.Join(repoRoot, "content")}, args...)
	cli.Run(context.Background(), args, &out, &errs)
	if out.Len() == 0 {
		t.Fatalf("resolve %s printed nothing: %s", strings.Join(args, " "), errs.String())
	}
	return out.String()
}

// openAudit opens /audit/ with the clock fixed, and waits for the module.
// It returns the tab's request log, started before the page loads.
func openAudit(t testing.TB, ctx context.Context, base string) *browsertest.RequestLog {
	t.Helper()
	log := browsertest.Requests(ctx)
	if err := log.Err(); err != nil {
		t.Fatal(err)
	}
	if err := browsertest.FixClock(ctx, auditDay); err != nil {
		t.Fatal(err)
	}
	open(t, ctx, base+"audit/")
	poll[bool](t, ctx, `document.getElementById("audit-page").getAttribute("data-ready") === "true"`)
	return log
}

// chooseFiles chooses files in the page's file input and waits until
// every one has been read.
func chooseFiles(t testing.TB, ctx context.Context, paths []string) {
	t.Helper()
	chooseFilesWithin(t, ctx, paths, 30*time.Second)
}

func chooseFilesWithin(t testing.TB, ctx context.Context, paths []string, wait time.Duration) {
	t.Helper()
	before := eval[int](t, ctx, `performance.getEntriesByName("audit-read-done").length`)
	if err := browsertest.Do(ctx, chromedp.SetUploadFiles(css("audit-files"), paths)); err != nil {
		t.Fatal(err)
	}
	done := `performance.getEntriesByName("audit-read-done").length > ` + strconv.Itoa(before)
	if _, err := browsertest.Run(ctx, chromedp.Poll[bool](done, chromedp.WithPollingTimeout(wait))); err != nil {
		t.Fatalf("the page did not finish reading %d files within %v: %v", len(paths), wait, err)
	}
}

// pageCSV downloads the page's CSV and returns it without the byte order
// mark the download starts with (for spreadsheets).
func pageCSV(t testing.TB, ctx context.Context, dir string) []byte {
	t.Helper()
	press(t, ctx, "audit-csv", "\r")
	_, data := download(t, dir, "audit-figures-2026-12-21", ".csv")
	if !bytes.HasPrefix(data, []byte("\ufeff")) {
		t.Error("the CSV download has no byte order mark: a spreadsheet would misread its accents and arrows")
	}
	if _, err := csv.NewReader(bytes.NewReader(data)).ReadAll(); err != nil {
		t.Errorf("the CSV download does not read back: %v", err)
	}
	return bytes.TrimPrefix(data, []byte("\ufeff"))
}

// TestAuditPage drops the example returns on /audit/ and checks the page
// against `resolve audit` on the same files: one summary, two doors.
func TestAuditPage(t *testing.T) {
	base := siteURL(t)
	ctx := tab(t)
	dir := downloads(t, ctx)
	log := openAudit(t, ctx, base)
	axeClean(t, ctx, "before any file")
	loaded := len(log.URLs())

	files := auditFiles(t)
	// The same file twice, as a manager choosing from two folders might.
	chosen := append(slices.Clone(files), files[0])
	chooseFiles(t, ctx, chosen)

	// The figures, with counts under 5 held back (the page's default),
	// are exactly `resolve audit --publish --csv`'s.
	cliPublished := resolveAudit(t, append([]string{"--csv", "--publish"}, chosen...)...)
	if got := pageCSV(t, ctx, dir); string(got) != cliPublished {
		t.Errorf("the page's CSV differs from resolve audit --publish --csv:\npage:\n%s\nresolve audit:\n%s", got, cliPublished)
	}
	// And every figure as it is, once the manager asks for exact counts.
	press(t, ctx, "audit-publish", " ")
	poll[bool](t, ctx, `!document.getElementById("audit-publish").checked && document.querySelector("#audit-summary td") !== null`)
	cliExact := resolveAudit(t, append([]string{"--csv"}, chosen...)...)
	if got := pageCSV(t, ctx, dir); string(got) != cliExact {
		t.Errorf("the page's CSV differs from resolve audit --csv:\npage:\n%s\nresolve audit:\n%s", got, cliExact)
	}
	// The table on the page shows the same figures.
	for _, c := range []struct{ table, row, col, want string }{
		{"audit-part-overview-overview", "disagreements", "all", "6"},
		{"audit-part-overview-overview", "disagreements", "hips", "4"},
		{"audit-part-overview-files", "given", "files", "12"},
		{"audit-part-overview-files", "duplicates", "files", "3"},
		{"audit-part-overview-files", "skipped", "files", "3"},
		{"audit-part-hips-resolved-at", "3", "disagreements", "1"},
		{"audit-part-hips-contacts", "southampton", "disagreements", "1"},
	} {
		got := eval[string](t, ctx, `(document.querySelector(`+jsString("#"+c.table+` tr[data-key="`+c.row+`"] td[data-column="`+c.col+`"]`)+`) || {}).textContent || ""`)
		if got != c.want {
			t.Errorf("%s %s/%s = %q; want %q", c.table, c.row, c.col, got, c.want)
		}
	}

	// Files it could not read are named, with the reason.
	notes := text(t, ctx, "audit-file-notes")
	for _, want := range []string{"3 files were not read", "broken.json", "it is not valid JSON", "package.json", "it does not say what format it is", "notes.txt",
		"3 files repeat a disagreement already counted"} {
		if !strings.Contains(notes, want) {
			t.Errorf("the notes on the files lack %q:\n%s", want, notes)
		}
	}
	// Files are read a few at a time, so either of two may come first.
	if !strings.Contains(notes, "hips-3.json: the same disagreement as hips-3-later.json") &&
		!strings.Contains(notes, "hips-3-later.json: the same disagreement as hips-3.json") {
		t.Errorf("the notes do not pair hips-3.json with hips-3-later.json:\n%s", notes)
	}

	// Every chart is an image with a text alternative that gives its figures.
	charts := eval[[]map[string]string](t, ctx, `[...document.querySelectorAll("#audit-summary svg")].map((s) => {
		const [title, desc] = (s.getAttribute("aria-labelledby") || "").split(" ").map((id) => document.getElementById(id));
		return {role: s.getAttribute("role") || "", title: title ? title.textContent : "", desc: desc ? desc.textContent : ""};
	})`)
	if len(charts) < 8 {
		t.Errorf("%d charts; want at least the stages and months of every scope", len(charts))
	}
	for _, c := range charts {
		if c["role"] != "img" || c["title"] == "" || !strings.Contains(c["desc"], ": ") {
			t.Errorf("a chart without its text alternative: %v", c)
		}
	}
	if !slices.ContainsFunc(charts, func(c map[string]string) bool {
		return strings.HasPrefix(c["desc"], "Bar chart of stage at which disagreements were resolved. Stage 1: Discussion")
	}) {
		t.Errorf("no chart describes the stages at which HIPS disagreements were resolved: %v", charts)
	}

	// The board report: the same tables and charts, in one page to print.
	press(t, ctx, "audit-report", "\r")
	_, report := download(t, dir, "audit-report-2026-12-21", ".html")
	for _, want := range []string{"<!DOCTYPE html>", "Made on Monday 21 December 2026.", `role="img"`, "<table>", "Stage at which disagreements were resolved"} {
		if !bytes.Contains(report, []byte(want)) {
			t.Errorf("the board report lacks %q", want)
		}
	}

	// Nothing typed in the whole record is shown, or in a download.
	if body := eval[string](t, ctx, `document.body.innerHTML`); strings.Contains(body, "SECRET") {
		t.Error("text from the whole record is in the page")
	}
	if bytes.Contains(report, []byte("SECRET")) {
		t.Error("text from the whole record is in the board report")
	}

	// No request was made once the page had loaded: the files went nowhere.
	if after := log.URLs(); len(after) != loaded {
		t.Errorf("requests after the page loaded: %q", after[loaded:])
	}
	if f := log.Foreign(base); len(f) > 0 {
		t.Errorf("requests to other sites: %q", f)
	}
	// And nothing was kept in the browser: the manager did not ask.
	if n := eval[int](t, ctx, `localStorage.length`); n != 0 {
		t.Errorf("%d items in local storage; nothing is kept unless the manager asks", n)
	}
	axeClean(t, ctx, "with the summary")
}
