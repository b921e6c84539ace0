package sitetest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"golang.org/x/tools/txtar"

	"resolve/internal/browsertest"
	"resolve/internal/build"
)

// migrated is a small manual as it comes from Hugo: relative links written
// as a browser reads them, a picture beside its page, old addresses kept as
// aliases, and dates.
const migrated = `
-- _index.md --
---
title: Procedures
---
The [manual](manual/).
-- manual/_index.md --
---
title: Safeguarding manual
lastmod: 2024-05-20
aliases: [/old-manual/]
---
Start with [the introduction](intro/).
-- manual/intro.md --
---
title: Introduction
date: 2019-04-01T09:00:00Z
lastmod: 2024-05-20
aliases: [/old-manual/intro.html]
---
## Where to start

Back to [the manual](../), on to [referrals](../referrals/#making-a-referral),
or to the [home page](../../), and [this section](#where-to-start).

![A chart of the stages](chart.png)
-- manual/referrals.md --
---
title: Referrals
---
## Making a referral

Back to [the introduction](../intro) or [the manual](..).
`

// A 1x1 PNG, for the picture beside the page.
var onePixelPNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")

// arrivedAt waits, for up to ten seconds, until the tab's page is at the
// path want, and returns the path it is at. The page is asked again and
// again: while the refresh navigates, the old page's context is gone and
// asking fails, so chromedp's Poll, which gives up then, cannot be used.
func arrivedAt(ctx context.Context, want string) string {
	var got string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if p, err := browsertest.Run(ctx, chromedp.Evaluate[string]("document.readyState === 'complete' ? location.pathname : ''")); err == nil && p != "" {
			if got = p; got == want {
				break
			}
		}
	}
	return got
}

// TestMigratedManual builds a manual moved from Hugo under a sub-path and
// checks in Chromium that every link and picture of a page it wrote with
// relative links reaches something, that an old address moves the browser
// to the page's new one, and that the redirect and the page are valid HTML.
func TestMigratedManual(t *testing.T) {
	ctx := tab(t)
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	for _, f := range txtar.Parse([]byte(migrated)).Files {
		name := filepath.Join(content, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(content, "manual", "chart.png"), onePixelPNG, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "site")
	if _, err := build.Build(build.Config{
		Content: content,
		Layouts: filepath.Join(repoRoot, "layouts"),
		Static:  filepath.Join(repoRoot, "static"),
		Out:     out,
		BaseURL: "/procedures/",
	}); err != nil {
		t.Fatalf("the manual does not build:\n%v", err)
	}
	base := browsertest.ServeAt(t, out, "/procedures/")

	open(t, ctx, base+"manual/intro/")
	statuses := eval[[]int](t, ctx, `Promise.all([...document.querySelectorAll('main a[href], main img[src]')]
		.map(e => fetch(e.href || e.src).then(r => r.status)))`)
	if len(statuses) < 5 {
		t.Errorf("the introduction has %d links and pictures; want at least 5", len(statuses))
	}
	for i, s := range statuses {
		if s != 200 {
			t.Errorf("link or picture %d of /procedures/manual/intro/ answers %d", i, s)
		}
	}
	if loaded := eval[bool](t, ctx, `document.querySelector('main img').naturalWidth === 1`); !loaded {
		t.Error("the picture beside the page did not load")
	}

	for old, want := range map[string]string{"old-manual/": "/procedures/manual/", "old-manual/intro.html": "/procedures/manual/intro/"} {
		open(t, ctx, base+old)
		if got := arrivedAt(ctx, want); got != want {
			t.Errorf("%s went to %s; want %s", old, got, want)
		}
	}

	browsertest.SkipShort(t, "Java and the Nu HTML Checker")
	for _, m := range browsertest.VNU(t, filepath.Join(out, "old-manual", "index.html"), filepath.Join(out, "manual", "intro", "index.html")) {
		t.Errorf("%s:%d:%d: %s", m.File, m.Line, m.Column, m.Text)
	}
}
