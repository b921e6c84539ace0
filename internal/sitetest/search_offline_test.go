package sitetest

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"resolve/internal/browsertest"
)

// TestSearchOffline searches once online, on a first visit, then takes the
// site off the network: the search page and the header's box still find
// pages, from the index the service worker kept, and nothing saved holds
// what was searched for.
func TestSearchOffline(t *testing.T) {
	net := newNetwork(t, siteDir)
	ctx := tab(t)
	open(t, ctx, net.url+"search/?q=boxing+day")
	poll[bool](t, ctx, `document.querySelectorAll("#search-results li").length > 0`)
	// Once the reader has searched, the whole index is fetched through the
	// service worker, which keeps it.
	bundle := poll[string](t, ctx, `(async () => {
		const m = await (await fetch("index.json", {cache: "no-cache"})).json().catch(() => null);
		return m && m.bundle && await caches.match(new URL(m.bundle, location.href.replace(/[^/]*$/, "")).href) ? m.bundle : null;
	})().catch(() => null)`)
	if !regexp.MustCompile(`^all\.[0-9a-f]{12}\.json$`).MatchString(bundle) {
		t.Errorf("the kept index is %q", bundle)
	}

	net.offline.Store(true)
	if res, err := http.Get(net.url); err == nil {
		res.Body.Close()
		t.Fatalf("the site still answers after going offline: %s", res.Status)
	}
	open(t, ctx, net.url+"search/?q=escalaton+to+senior+managers")
	status := poll[string](t, ctx, `document.getElementById("search-status").textContent || null`)
	if !regexp.MustCompile(`^\d+ results? for “escalaton to senior managers”`).MatchString(status) {
		t.Fatalf("offline, the search page says %q", status)
	}
	if first := eval[string](t, ctx, `document.querySelector("#search-results li a").getAttribute("href")`); !strings.HasPrefix(first, "/tees/") {
		t.Errorf("offline, the first result is %s; want a page of Tees", first)
	}

	// A page never read offers the search page.
	open(t, ctx, net.url+"iscp/stage-6/")
	if !eval[bool](t, ctx, `!!document.querySelector("main a[href='/search/']")`) {
		t.Error("offline, a page never read does not offer search")
	}

	// The header's box on a page read before.
	open(t, ctx, net.url+"search/")
	tabTo(t, ctx, "#site-search")
	if err := browsertest.Do(ctx, chromedp.SendKeys("#site-search", "good friday")); err != nil {
		t.Fatal(err)
	}
	offered := poll[[]string](t, ctx, `(() => {
		const p = document.getElementById("search-suggest");
		return p && !p.hidden ? [...p.querySelectorAll("li a")].map((a) => a.getAttribute("href")) : null;
	})()`)
	if len(offered) == 0 || !strings.Contains(offered[0], "/calendar/") {
		t.Errorf("offline, the header offers %q; want a calendar first", offered)
	}
	key(t, ctx, kb.Escape)

	for _, k := range eval[[]string](t, ctx, cacheKeysJS) {
		if strings.Contains(k, "?") || strings.Contains(strings.ToLower(k), "boxing") || strings.Contains(k, "escalaton") {
			t.Errorf("saved a search: %s", k)
		}
	}
}
