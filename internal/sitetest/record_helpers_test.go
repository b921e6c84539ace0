package sitetest

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	cdpnetwork "github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"resolve/internal/browsertest"
	"resolve/internal/content"
	"resolve/internal/protocol"
	"resolve/internal/wasmbuild"
	"resolve/internal/workday"
)

// recordModule is the record form's module, put into the shared site once.
var recordModule struct {
	once sync.Once
	err  error
}

// buildSiteForRecord returns the shared site with the record form's
// WebAssembly module in it: built there by TestMain's wasmStep when it has
// one, else built here, once, as `resolve build` does.
func buildSiteForRecord(t testing.TB) string {
	t.Helper()
	recordModule.once.Do(func() {
		if _, err := os.Stat(filepath.Join(siteDir, "wasm", "manifest.json")); err == nil {
			return
		}
		_, recordModule.err = wasmbuild.New(wasmbuild.Config{Root: repoRoot}).Build(context.Background(), siteDir)
	})
	if recordModule.err != nil {
		t.Fatal(recordModule.err)
	}
	return siteDir
}

// recordCase is one example protocol as the record tests use it.
type recordCase struct {
	id  string
	p   *protocol.Protocol
	cal *workday.Calendar
}

func recordCases(t testing.TB) []recordCase {
	t.Helper()
	tree, problems := content.Load(os.DirFS(filepath.Join(repoRoot, "content")), "content")
	if problems.Errors() > 0 {
		t.Fatal(problems)
	}
	specs := map[string]workday.Spec{}
	for _, pg := range tree.Pages {
		for _, s := range pg.Meta.Calendars {
			specs[s.ID] = s
		}
	}
	var out []recordCase
	for _, pg := range protocols(t) {
		p := pg.Meta.Protocol
		cal, ok := workday.Builtin(p.Calendar)
		if !ok {
			var err error
			if cal, err = workday.NewCustom(specs[p.Calendar]); err != nil {
				t.Fatal(err)
			}
		}
		out = append(out, recordCase{p.ID, p, cal})
	}
	return out
}

// css selects the element with the given id, which may hold dots.
func css(id string) chromedp.CSS { return chromedp.CSS(`[id="` + id + `"]`) }

// typeIn types text into the control with the given id, key by key.
func typeIn(t testing.TB, ctx context.Context, id, text string) {
	t.Helper()
	if err := browsertest.Do(ctx, chromedp.SendKeys(css(id), text)); err != nil {
		t.Fatalf("typing into %s: %v", id, err)
	}
}

// press presses a key on the control with the given id: Space chooses a
// radio button or ticks a checkbox, Enter presses a button.
func press(t testing.TB, ctx context.Context, id, key string) {
	t.Helper()
	if err := browsertest.Do(ctx, chromedp.SendKeys(css(id), key)); err != nil {
		t.Fatalf("pressing %q on %s: %v", key, id, err)
	}
}

// typeDate types a date into a date field's day, month and year.
func typeDate(t testing.TB, ctx context.Context, field string, d workday.Date) {
	t.Helper()
	typeIn(t, ctx, field+"-day", strconv.Itoa(d.Day))
	typeIn(t, ctx, field+"-month", strconv.Itoa(int(d.Month)))
	typeIn(t, ctx, field+"-year", strconv.Itoa(d.Year))
}

// clear empties a text control with the keyboard: End, then Backspace
// until it is empty.
func clear(t testing.TB, ctx context.Context, id string) {
	t.Helper()
	n := len([]rune(value(t, ctx, id)))
	press(t, ctx, id, kb.End+strings.Repeat(kb.Backspace, n))
	if v := value(t, ctx, id); v != "" {
		t.Fatalf("clearing %s left %q", id, v)
	}
}

// value reads a control's value.
func value(t testing.TB, ctx context.Context, id string) string {
	t.Helper()
	return eval[string](t, ctx, `document.getElementById(`+jsString(id)+`).value`)
}

// text reads an element's text.
func text(t testing.TB, ctx context.Context, id string) string {
	t.Helper()
	return eval[string](t, ctx, `document.getElementById(`+jsString(id)+`).textContent`)
}

// visible reports whether the element with the given id is shown.
func visible(t testing.TB, ctx context.Context, id string) bool {
	t.Helper()
	return eval[bool](t, ctx, `(() => { const e = document.getElementById(`+jsString(id)+`); return !!e && !e.closest("[hidden]") && getComputedStyle(e).display !== "none"; })()`)
}

// today is the date every record test runs on: openRecord sets the page's
// clock to 10:00 on it (browsertest.FixClock), so nothing breaks at
// midnight.
var today = workday.Date{Year: 2025, Month: time.December, Day: 10}

// perfObserver records long tasks from the very start of each page.
const perfObserver = `window.__longtasks = [];
try {
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longtasks.push({start: e.startTime, duration: e.duration}); })
    .observe({type: "longtask", buffered: true});
} catch (e) {}`

// openRecord opens the form of a protocol and waits for the module. It
// returns the tab's request log, started before the page loads.
func openRecord(t testing.TB, ctx context.Context, base, id string) *browsertest.RequestLog {
	t.Helper()
	log := browsertest.Requests(ctx)
	if err := log.Err(); err != nil {
		t.Fatal(err)
	}
	err := browsertest.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: perfObserver})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	if err := browsertest.FixClock(ctx, time.Date(today.Year, today.Month, today.Day, 10, 0, 0, 0, time.Local)); err != nil {
		t.Fatal(err)
	}
	open(t, ctx, base+id+"/record/")
	return log
}

// waitReady waits until the module has started.
func waitReady(t testing.TB, ctx context.Context) {
	t.Helper()
	poll[bool](t, ctx, `document.getElementById("record-form").getAttribute("data-ready") === "true"`)
}

// downloads sends the tab's downloads to a new folder and returns it.
func downloads(t testing.TB, ctx context.Context) string {
	t.Helper()
	dir := t.TempDir()
	events := false
	err := browsertest.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
			Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir, EventsEnabled: &events,
		})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// download waits for a file whose name starts with prefix and ends with
// ext to arrive in dir, and returns its name and content.
func download(t testing.TB, dir, prefix, ext string) (string, []byte) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			n := e.Name()
			if strings.HasPrefix(n, prefix) && strings.HasSuffix(n, ext) {
				data, err := os.ReadFile(filepath.Join(dir, n))
				if err == nil && len(data) > 0 {
					os.Remove(filepath.Join(dir, n)) // so the next download of the same name is seen
					return n, data
				}
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no download %s*%s arrived", prefix, ext)
	return "", nil
}

// axeClean fails the test for every axe-core violation in the page.
func axeClean(t testing.TB, ctx context.Context, state string) {
	t.Helper()
	vs, err := browsertest.Axe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		t.Errorf("axe, %s: %v", state, v)
	}
}

// throttle slows the tab's network for pages opened after it: every
// request waits latency before its answer starts, and answers arrive at
// most bytesPerSecond (-1 for no limit).
func throttle(t testing.TB, ctx context.Context, latency time.Duration, bytesPerSecond float64) {
	t.Helper()
	err := browsertest.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, cdpnetwork.Enable, cdpnetwork.EnableParams{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, cdpnetwork.EmulateNetworkConditionsByRule, cdpnetwork.EmulateNetworkConditionsByRuleParams{
			MatchedNetworkConditions: []*cdpnetwork.Conditions{{Latency: float64(latency.Milliseconds()), DownloadThroughput: bytesPerSecond, UploadThroughput: -1}},
		})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
}
