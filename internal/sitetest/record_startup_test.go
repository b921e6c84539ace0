package sitetest

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/chromedp"

	"resolve/internal/browsertest"
)

// browserWarnings records what Chromium itself says about the page (its
// "preload not used" and "credentials mode does not match" warnings come
// this way, not through the page's console), from the call on.
func browserWarnings(t testing.TB, ctx context.Context) func() []string {
	t.Helper()
	var mu sync.Mutex
	var said []string
	err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*cdplog.EventEntryAdded); ok {
			mu.Lock()
			said = append(said, string(e.Entry.Level)+": "+e.Entry.Text)
			mu.Unlock()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	err = browsertest.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, cdplog.Enable, cdp.Empty{})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), said...)
	}
}

// TestModuleFetchedOnce: the record form and the audit page name their
// module in the page and ask for it from the head, and the script's own
// request is answered by that download: the module is fetched once, the
// manifest not at all, and Chromium says nothing about a preload.
func TestModuleFetchedOnce(t *testing.T) {
	base := browsertest.Serve(t, buildSiteForRecord(t))
	for _, tc := range []struct {
		name, folder string
		open         func(ctx context.Context) *browsertest.RequestLog
	}{
		{"record form", "/wasm/", func(ctx context.Context) *browsertest.RequestLog {
			log := openRecord(t, ctx, base, "hips")
			waitReady(t, ctx)
			return log
		}},
		{"audit page", "/audit/wasm/", func(ctx context.Context) *browsertest.RequestLog { return openAudit(t, ctx, base) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := tab(t)
			warnings := browserWarnings(t, ctx)
			log := tc.open(ctx)
			modules, execs := 0, 0
			for _, u := range log.URLs() {
				switch {
				case strings.Contains(u, tc.folder) && strings.HasSuffix(u, ".wasm"):
					modules++
				case strings.Contains(u, tc.folder) && strings.Contains(u, "/wasm_exec."):
					execs++
				case strings.HasSuffix(u, "/manifest.json"):
					t.Errorf("the page read the manifest %s, though it names the module", u)
				}
			}
			if modules != 1 || execs != 1 {
				t.Errorf("the module was fetched %d times and wasm_exec.js %d times; want once each:\n%s", modules, execs, strings.Join(log.URLs(), "\n"))
			}
			for _, w := range warnings() {
				if strings.Contains(strings.ToLower(w), "preload") {
					t.Errorf("Chromium: %s", w)
				}
			}
		})
	}
}
