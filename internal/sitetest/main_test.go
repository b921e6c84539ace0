package sitetest

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"resolve/internal/browsertest"
	"resolve/internal/build"
	"resolve/internal/cli"
	"resolve/internal/content"
	"resolve/internal/wasmbuild"
)

// The state TestMain sets up for every test of the package.
var (
	siteDir  string // the built example site
	repoRoot string // the repository, for content/ and the tools
	shared   *browserOnce
)

// browserOnce starts one Chromium for all the tests, when the first asks.
type browserOnce struct {
	once sync.Once
	b    *browsertest.Browser
	err  error
}

func TestMain(m *testing.M) {
	flag.Parse()
	os.Exit(run(m))
}

func run(m *testing.M) int {
	root, err := wasmbuild.Root()
	if err != nil {
		fmt.Fprintln(os.Stderr, "sitetest:", err)
		return 1
	}
	repoRoot = root
	tmp, err := os.MkdirTemp("", "sitetest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "sitetest:", err)
		return 1
	}
	defer os.RemoveAll(tmp)
	siteDir = filepath.Join(tmp, "site")
	start := time.Now()
	res, err := build.Build(build.Config{
		Content: filepath.Join(root, "content"),
		Layouts: filepath.Join(root, "layouts"),
		Static:  filepath.Join(root, "static"),
		Out:     siteDir,
		Modules: wasmModules(root),
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "sitetest: building the example site:", err)
		return 1
	}
	if testing.Verbose() {
		fmt.Printf("sitetest: built %d pages in %v\n", res.Pages, time.Since(start).Round(time.Millisecond))
	}
	shared = &browserOnce{}
	defer func() {
		if shared.b != nil {
			shared.b.Close()
		}
	}()
	return m.Run()
}

// wasmModules gives the build the WebAssembly modules, as `resolve build`
// does, so every page is tested as published: the pages name the modules'
// files. The modules are cached between runs (see package wasmbuild), so
// this is quick after the first time.
func wasmModules(root string) func() (*build.Modules, error) {
	return cli.ModulesFor(context.Background(), wasmbuild.New(wasmbuild.Config{Root: root}))
}

// browser returns the shared Chromium, started on first use. Under -short
// the test is skipped, saying why.
func browser(t testing.TB) *browsertest.Browser {
	t.Helper()
	browsertest.SkipShort(t, "headless Chromium")
	shared.once.Do(func() { shared.b, shared.err = browsertest.New() })
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.b
}

// tab opens a tab of the shared browser for the test.
func tab(t testing.TB) context.Context {
	t.Helper()
	return browser(t).Tab(t)
}

// siteURL serves the built site for the test and returns its base URL,
// ending in a slash. Each call is a new origin, so its storage is empty.
func siteURL(t testing.TB) string {
	t.Helper()
	return browsertest.Serve(t, siteDir)
}

// pages lists the site path of every HTML page of the built site, sorted:
// "/", "/404.html", "/a-z/", ...
func pages(t testing.TB) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(siteDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(siteDir, p)
		rel = "/" + filepath.ToSlash(rel)
		out = append(out, strings.TrimSuffix(rel, "index.html"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	if len(out) < 10 {
		t.Fatalf("the built site has %d pages: %q", len(out), out)
	}
	return out
}

// isRecord reports whether a site path is a record form page, which
// another test file covers and which the page budget leaves out.
func isRecord(p string) bool { return strings.HasSuffix(p, "/record/") }

// protocols loads the example content's protocols, in folder order.
func protocols(t testing.TB) []*content.Page {
	t.Helper()
	tree, problems := content.Load(os.DirFS(filepath.Join(repoRoot, "content")), "content")
	if problems.Errors() > 0 {
		t.Fatal(problems)
	}
	var out []*content.Page
	for _, p := range tree.Pages {
		if p.Meta.Protocol != nil {
			out = append(out, p)
		}
	}
	if len(out) < 3 {
		t.Fatalf("the example content has %d protocols; want the three procedures", len(out))
	}
	return out
}

// open navigates the tab to u, failing the test if it cannot.
func open(t testing.TB, ctx context.Context, u string) {
	t.Helper()
	if err := browsertest.Do(ctx, chromedp.Navigate(u)); err != nil {
		t.Fatalf("opening %s: %v", u, err)
	}
}

// eval evaluates a JavaScript expression in the tab, awaiting a promise.
func eval[T any](t testing.TB, ctx context.Context, expr string) T {
	t.Helper()
	v, err := browsertest.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %s: %v", short(expr), err)
	}
	return v
}

// poll waits until a JavaScript expression is truthy and returns its value.
func poll[T any](t testing.TB, ctx context.Context, expr string) T {
	t.Helper()
	v, err := browsertest.Run(ctx, chromedp.Poll[T](expr, chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		t.Fatalf("waiting for %s: %v", short(expr), err)
	}
	return v
}

func short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return s
}

// media emulates CSS media: a type ("print", or "" for the screen) and
// features such as "prefers-color-scheme", "dark".
func media(typ string, features ...string) chromedp.Action[chromedp.Void] {
	p := emulation.SetEmulatedMediaParams{Media: typ}
	for i := 0; i+1 < len(features); i += 2 {
		p.Features = append(p.Features, &emulation.MediaFeature{Name: features[i], Value: features[i+1]})
	}
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, p)
		return err
	})
}

// noScript turns JavaScript off in the tab, for pages opened after it.
func noScript() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})
}

// each runs f for every page, one subtest per page, on a few tabs at once:
// tabs share the one browser, so a page that waits does not hold up the
// rest. A tab goes on to its next page when a subtest ends.
func each(t *testing.T, paths []string, tabs int, f func(t *testing.T, ctx context.Context, path string)) {
	t.Helper()
	ctxs := make([]context.Context, tabs)
	for i := range ctxs {
		ctxs[i] = tab(t)
	}
	work := make(chan string)
	var wg sync.WaitGroup
	for _, ctx := range ctxs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				name := strings.Trim(p, "/")
				if name == "" {
					name = "home"
				}
				t.Run(name, func(t *testing.T) { f(t, ctx, p) })
			}
		}()
	}
	for _, p := range paths {
		work <- p
	}
	close(work)
	wg.Wait()
}
