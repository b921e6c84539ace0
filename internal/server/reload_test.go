package server

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"resolve/internal/browsertest"
)

// serveWatching runs a server watching cfg's folders with file events and
// returns its address.
func serveWatching(t *testing.T, cfg Config) string {
	t.Helper()
	cfg.Watch = []string{cfg.Build.Content, cfg.Build.Layouts, cfg.Build.Static}
	return runServer(t, cfg)
}

// atTop is what is at the top of the tab's window: the first paragraph
// whose bottom is in it, and how far down the window it starts.
const atTop = `(() => {
	for (const p of document.querySelectorAll("p")) {
		const r = p.getBoundingClientRect();
		if (r.bottom > 0) return {text: p.textContent, top: r.top, reloaded: !window.before && document.readyState === "complete"};
	}
	return {};
})()`

type place struct {
	Text     string  `json:"text"`
	Top      float64 `json:"top"`
	Reloaded bool    `json:"reloaded"`
}

// TestReloadKeepsThePlace opens a long page in Chromium under the pages'
// own Content-Security-Policy, scrolls down it, saves a change that adds
// paragraphs above what is on screen, and checks that the tab reloads by
// itself (reload.js), shows the change, and has the same paragraph at the
// same height of the window: the reader's place, not the same pixels.
func TestReloadKeepsThePlace(t *testing.T) {
	b := browsertest.Start(t)
	cfg := site(t)
	home := filepath.Join(cfg.Content, "_index.md")
	var body strings.Builder
	for i := 1; i <= 200; i++ {
		fmt.Fprintf(&body, "Paragraph %d of the procedure, which takes some room on the page.\n\n", i)
	}
	if err := os.WriteFile(home, []byte("---\ntitle: Home\n---\n"+body.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	base := serveWatching(t, Config{Build: cfg})
	ctx := b.Tab(t)
	if err := browsertest.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	// Scroll down, and mark this document: a reload loses the mark.
	if _, err := browsertest.Run(ctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 1510); window.before = true`)); err != nil {
		t.Fatal(err)
	}
	before, err := browsertest.Run(ctx, chromedp.Evaluate[place](atTop))
	if err != nil || !strings.HasPrefix(before.Text, "Paragraph ") || before.Text == "Paragraph 1 of the procedure, which takes some room on the page." {
		t.Fatalf("at the top of the window after scrolling: %+v (%v)", before, err)
	}
	var added strings.Builder
	for i := 1; i <= 30; i++ {
		fmt.Fprintf(&added, "A new paragraph %d, added above.\n\n", i)
	}
	if err := os.WriteFile(home, []byte("---\ntitle: Home\n---\n"+added.String()+body.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var after place
	reloaded := time.Time{}
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		// While the page reloads there is no page to ask: ask again.
		p, err := browsertest.Run(ctx, chromedp.Evaluate[place](atTop))
		if err != nil || !p.Reloaded {
			continue
		}
		after = p
		if reloaded.IsZero() {
			reloaded = time.Now()
		}
		// The place is put back once the page has loaded: give it a
		// moment past "complete".
		if p.Text == before.Text || time.Since(reloaded) > 2*time.Second {
			break
		}
	}
	if !after.Reloaded {
		t.Fatal("the tab did not reload by itself after the page changed")
	}
	if after.Text != before.Text || math.Abs(after.Top-before.Top) > 1 {
		t.Errorf("after the reload the window shows %q at %vpx; want %q at %vpx, where the reader was", after.Text, after.Top, before.Text, before.Top)
	}
}
