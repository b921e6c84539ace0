// Package browsertest runs the site's pages in a real headless Chromium for
// tests: accessibility with axe-core, HTML validity with the Nu HTML Checker,
// the network requests a page makes, and keyboard use. Production code never
// imports it.
//
// It needs what scripts/test-setup installs: Debian's chromium on the PATH,
// java, and the npm packages axe-core and vnu-jar under .tools/ at the
// repository root. Under go test -short the tests that need them skip,
// saying so (see [SkipShort]); otherwise, as in make test, a missing tool
// fails the test with a message to run scripts/test-setup, and nothing is
// skipped silently.
//
// A test starts one browser with [Start] (or one for many tests with [New] in
// TestMain), opens a tab per test with [Browser.Tab], serves a built site with
// [Serve] and then drives the tab with chromedp. Every wait is bounded: starting
// the browser, opening a tab and each action of [Do] and [Run] have their own
// time limit, and a whole tab has one too, so a hung browser fails the test
// instead of hanging CI.
package browsertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"resolve/internal/wasmbuild"
)

// Time limits. They are generous for a 2-core machine shared with other work;
// a browser that needs longer is taken to be hung.
const (
	startTimeout  = 30 * time.Second // start Chromium, or open a tab
	actionTimeout = 30 * time.Second // one step of Do or Run, one helper call
	tabTimeout    = 3 * time.Minute  // everything done in one tab
)

// Paths of the tools that scripts/test-setup installs, relative to the
// repository root.
const (
	axePath = ".tools/node_modules/axe-core/axe.min.js"
	vnuPath = ".tools/node_modules/vnu-jar/build/dist/vnu.jar"
)

// setupHint ends every message about a missing tool.
const setupHint = "run scripts/test-setup"

// Root returns the repository root: the nearest directory at or above the
// current one that holds go.mod. Tests run in their package's directory, so
// this finds the module's root from any package.
func Root(t testing.TB) string {
	t.Helper()
	root, err := wasmbuild.Root()
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// A Browser is one headless Chromium process with a fresh profile.
type Browser struct {
	root        string
	ctx         context.Context // the browser's own context; tabs derive from it
	cancel      context.CancelFunc
	cancelAlloc context.CancelFunc
}

// Start starts a headless Chromium that is closed when the test and its
// subtests end. It skips the test under -short, and fails it with a message
// naming scripts/test-setup when Chromium or the tools under .tools/ are
// missing.
func Start(t testing.TB) *Browser {
	t.Helper()
	SkipShort(t, "headless Chromium")
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	return b
}

// New starts a headless Chromium, for a TestMain that shares one browser
// between tests; most tests call [Start] instead. The caller must call Close.
func New() (*Browser, error) {
	root, err := wasmbuild.Root()
	if err != nil {
		return nil, err
	}
	exe, err := chromiumPath()
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(root, axePath)); err != nil {
		return nil, fmt.Errorf("browsertest: axe-core is missing (%v): %s", err, setupHint)
	}

	// The background-networking and component-update flags matter on a
	// machine with no outside network: without them Chromium keeps opening
	// connections that the network refuses. The allocator makes a fresh
	// temporary user-data-dir and removes it when the browser ends.
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1280, 1024),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)

	// The first action binds the browser's life to the context it runs in,
	// so the start is bounded by a timer that cancels, not by a deadline.
	timer := time.AfterFunc(startTimeout, cancelAlloc)
	err = chromedp.Do(ctx)
	if !timer.Stop() {
		err = fmt.Errorf("no answer after %v", startTimeout)
	}
	if err != nil {
		cancel()
		cancelAlloc()
		return nil, fmt.Errorf("browsertest: starting %s: %w", exe, err)
	}
	return &Browser{root: root, ctx: ctx, cancel: cancel, cancelAlloc: cancelAlloc}, nil
}

// chromiumPath finds Debian's chromium on the PATH.
func chromiumPath() (string, error) {
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("browsertest: chromium is not on the PATH: " + setupHint)
}

// Close ends the browser and removes its profile. Tabs still open are closed.
func (b *Browser) Close() {
	b.cancel()
	b.cancelAlloc() // waits for the process to end and its directory to go
}

// browserKey is the context key under which a tab's context holds its Browser.
type browserKey struct{}

// Tab opens a new tab and returns its context for chromedp actions. The tab is
// closed when the test ends. The context has a deadline for all the tab's
// work (a few minutes, less when the test's own deadline is nearer); [Do] and
// [Run] add a shorter one per action.
func (b *Browser) Tab(t testing.TB) context.Context {
	t.Helper()
	tabCtx, cancelTab := chromedp.NewContext(b.ctx)
	timer := time.AfterFunc(startTimeout, cancelTab)
	err := chromedp.Do(tabCtx) // opens the tab and binds it to tabCtx
	if !timer.Stop() {
		err = fmt.Errorf("no answer after %v", startTimeout)
	}
	if err != nil {
		cancelTab()
		t.Fatalf("browsertest: opening a tab: %v", err)
	}

	deadline := time.Now().Add(tabTimeout)
	if d, ok := testDeadline(t); ok && d.Before(deadline) {
		deadline = d
	}
	ctx, cancel := context.WithDeadline(context.WithValue(tabCtx, browserKey{}, b), deadline)
	t.Cleanup(func() {
		cancel()
		cancelTab()
	})
	return ctx
}

// testDeadline returns the test's deadline less a margin, so that a tab's
// deadline fails the test with a message before go test panics.
func testDeadline(t testing.TB) (time.Time, bool) {
	dt, ok := t.(interface{ Deadline() (time.Time, bool) })
	if !ok {
		return time.Time{}, false
	}
	d, ok := dt.Deadline()
	if !ok {
		return time.Time{}, false
	}
	return d.Add(-5 * time.Second), true
}

// Do runs the steps in the tab in order, each with its own time limit, and
// stops at the first error, which names the step by its position.
func Do(ctx context.Context, steps ...chromedp.Action[chromedp.Void]) error {
	for i, step := range steps {
		if _, err := Run(ctx, step); err != nil {
			return fmt.Errorf("step %d of %d: %w", i+1, len(steps), err)
		}
	}
	return nil
}

// Run runs one action in the tab with a time limit and returns its value.
func Run[T any](ctx context.Context, a chromedp.Action[T]) (T, error) {
	ctx, cancel := context.WithTimeout(ctx, actionTimeout)
	defer cancel()
	return chromedp.Run(ctx, a)
}

// rootOf returns the repository root for a tab's context: the browser's when
// the tab came from [Browser.Tab], else the one found from the current
// directory.
func rootOf(ctx context.Context) (string, error) {
	if b, ok := ctx.Value(browserKey{}).(*Browser); ok {
		return b.root, nil
	}
	return wasmbuild.Root()
}
