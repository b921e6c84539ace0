package browsertest

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// fixture is the tiny site the harness is tested on: the one package
// statichost's tests serve, which also holds the pages only these tests open
// (foreign.html, invalid.html, violations.html).
const fixture = "../statichost/testdata/site"

func TestRoot(t *testing.T) {
	root := Root(t)
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("Root() = %s, which has no go.mod: %v", root, err)
	}
	wd, _ := os.Getwd()
	if rel, err := filepath.Rel(root, wd); err != nil || rel != filepath.Join("internal", "browsertest") {
		t.Errorf("Root() = %s; want the directory two above %s", root, wd)
	}
}

// TestBrowser runs every browser check of the harness in one Chromium, a tab
// per subtest, against the fixture site.
func TestBrowser(t *testing.T) {
	b := Start(t)
	base := Serve(t, fixture)

	t.Run("AxePasses", func(t *testing.T) {
		ctx := b.Tab(t)
		if err := Do(ctx, chromedp.Navigate(base)); err != nil {
			t.Fatal(err)
		}
		vs, err := Axe(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			t.Errorf("Axe(%s): %v", base, v)
		}
	})

	t.Run("AxeFindsViolations", func(t *testing.T) {
		ctx := b.Tab(t)
		page := base + "violations.html"
		if err := Do(ctx, chromedp.Navigate(page)); err != nil {
			t.Fatal(err)
		}
		vs, err := Axe(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"image-alt": "#no-alt", "label": "#no-label"}
		for _, v := range vs {
			target, ok := want[v.ID]
			if !ok {
				t.Errorf("Axe(%s) found %v; want only %v", page, v, want)
				continue
			}
			if !slices.Contains(v.Targets, target) {
				t.Errorf("Axe(%s) %s targets = %q; want %q among them", page, v.ID, v.Targets, target)
			}
			if v.Impact == "" || v.Help == "" {
				t.Errorf("Axe(%s) %s has no impact or help: %+v", page, v.ID, v)
			}
			delete(want, v.ID)
		}
		for id, target := range want {
			t.Errorf("Axe(%s) did not report %s on %s", page, id, target)
		}
	})

	t.Run("ScriptRunsUnderCSP", func(t *testing.T) {
		ctx := b.Tab(t)
		if err := Do(ctx, chromedp.Navigate(base)); err != nil {
			t.Fatal(err)
		}
		// app.js sets the attribute only when the browser accepted it as
		// JavaScript from the site's own origin.
		got, err := Run(ctx, chromedp.Poll[string](`document.documentElement.dataset.script`))
		if err != nil {
			t.Fatalf("app.js did not run: %v", err)
		}
		if got != "ran" {
			t.Errorf("data-script = %q; want %q", got, "ran")
		}
	})

	t.Run("RequestsForeign", func(t *testing.T) {
		ctx := b.Tab(t)
		log := Requests(ctx)
		if err := log.Err(); err != nil {
			t.Fatal(err)
		}
		for _, page := range []string{base, base + "foreign.html"} {
			if err := Do(ctx, chromedp.Navigate(page)); err != nil {
				t.Fatal(err)
			}
		}
		// foreign.js runs before the load event that Navigate waits for, and
		// the log sees events in the order the browser sends them, so its
		// request is in the log by now.
		urls := log.URLs()
		for _, want := range []string{base, base + "style.css", base + "app.js", base + "flow.svg", base + "foreign.js"} {
			if !slices.Contains(urls, want) {
				t.Errorf("Requests: %s missing from %q", want, urls)
			}
		}
		foreign := log.Foreign(base)
		if len(foreign) != 1 || !strings.HasPrefix(foreign[0], "http://localhost:") || !strings.HasSuffix(foreign[0], "/flow.svg") {
			t.Errorf("Foreign(%s) = %q; want the one image from http://localhost:PORT/flow.svg", base, foreign)
		}
	})

	t.Run("SkipLink", func(t *testing.T) {
		ctx := b.Tab(t)
		if err := Do(ctx, chromedp.Navigate(base)); err != nil {
			t.Fatal(err)
		}
		if got, err := Focused(ctx); err != nil || got != "body" {
			t.Fatalf("Focused() before any key = %q, %v; want body", got, err)
		}
		seen, err := PressTab(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		const skip = `a[href="#main"] "Skip to main content"`
		if seen[0] != skip {
			t.Fatalf("first Tab focused %s; want the skip link %s", seen[0], skip)
		}
		style, err := FocusIndicator(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !style.Visible() {
			t.Errorf("skip link has no visible focus style: %v", style)
		}
		if got, err := Focused(ctx); err != nil || got != skip {
			t.Errorf("Focused() after FocusIndicator = %q, %v; want the focus back on %s", got, err, skip)
		}

		if err := Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
			t.Fatal(err)
		}
		got, err := Focused(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(got, "main#main ") {
			t.Fatalf("after Enter on the skip link, focus is on %s; want main#main", got)
		}
		seen, err = PressTab(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		const first = `a#first-in-main[href="#stages"] "Read the stages"`
		if seen[0] != first {
			t.Errorf("Tab after skipping focused %s; want the first link in main %s", seen[0], first)
		}
		back, err := PressShiftTab(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		if back[0] == first || back[0] == "body" {
			t.Errorf("Shift+Tab from %s focused %s; want the element before it", first, back[0])
		}
	})

	t.Run("FocusIndicatorMissing", func(t *testing.T) {
		ctx := b.Tab(t)
		if err := Do(ctx, chromedp.Navigate(base+"violations.html")); err != nil {
			t.Fatal(err)
		}
		if _, err := FocusIndicator(ctx); err == nil {
			t.Error("FocusIndicator() with nothing focused: no error")
		}
		seen, err := PressTab(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(seen[0], `a[href="./"]`) {
			t.Fatalf("first Tab focused %s; want the link with no focus style", seen[0])
		}
		style, err := FocusIndicator(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if style.Visible() {
			t.Errorf("FocusIndicator() = %v; want no visible difference for a.no-focus-style", style)
		}
	})

	t.Run("FixClock", func(t *testing.T) {
		ctx := b.Tab(t)
		at := time.Date(2001, time.February, 3, 12, 0, 0, 0, time.Local)
		if err := FixClock(ctx, at); err != nil {
			t.Fatal(err)
		}
		if err := Do(ctx, chromedp.Navigate(base)); err != nil {
			t.Fatal(err)
		}
		type clock struct {
			Day                  string
			Now                  float64
			Epoch                float64
			UTC                  float64
			IsDate, CalledIsText bool
		}
		got, err := Run(ctx, chromedp.Evaluate[clock](`(() => {
			const d = new Date();
			return {
				day: d.getFullYear() + "-" + (d.getMonth() + 1) + "-" + d.getDate(),
				now: Date.now(),
				epoch: new Date(0).getTime(),
				utc: Date.UTC(2000, 0, 1),
				isDate: d instanceof Date,
				calledIsText: typeof Date() === "string",
			};
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		want := clock{Day: "2001-2-3", Epoch: 0, UTC: 946684800000, IsDate: true, CalledIsText: true}
		if ms := float64(at.UnixMilli()); got.Now < ms || got.Now > ms+time.Minute.Seconds()*1000 {
			t.Errorf("Date.now() = %v; want just after %v", got.Now, ms)
		}
		got.Now = 0
		if got != want {
			t.Errorf("with the clock fixed at %v the page sees %+v; want %+v", at, got, want)
		}
	})
}

func TestNewWithoutChromium(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	b, err := New()
	if err == nil {
		b.Close()
		t.Fatal("New() with no chromium on the PATH: no error")
	}
	if !strings.Contains(err.Error(), "run scripts/test-setup") {
		t.Errorf("New() error = %q; want it to say run scripts/test-setup", err)
	}
}
