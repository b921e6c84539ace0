package sitetest

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"resolve/internal/browsertest"
)

// network stands between the browser and the site's server, so a test can
// take the site off the network (every connection is dropped, as when a
// practitioner loses their signal) and bring it back, or switch it to a
// new build, while the origin stays the same.
type network struct {
	url     string // the origin the browser sees, ending in a slash
	target  atomic.Pointer[url.URL]
	offline atomic.Bool
}

func newNetwork(t *testing.T, site string) *network {
	t.Helper()
	n := &network{}
	n.serve(t, site)
	proxy := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(n.target.Load())
		r.Out.Host = r.In.Host
	}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.offline.Load() {
			// No answer at all: the browser sees a failed connection.
			if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
				conn.Close()
			}
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	n.url = srv.URL + "/"
	return n
}

// serve sends the browser's requests to the built site in dir from now on.
func (n *network) serve(t *testing.T, dir string) {
	t.Helper()
	u, err := url.Parse(browsertest.Serve(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	n.target.Store(u)
}

// cacheKeysJS lists every URL the service worker has saved, in every cache.
const cacheKeysJS = `(async () => {
	const out = [];
	for (const name of await caches.keys()) {
		const cache = await caches.open(name);
		for (const req of await cache.keys()) out.push(name + " " + req.method + " " + req.url);
	}
	return out;
})()`

// TestOffline visits the site once, then takes it off the network and
// checks that the page read, another procedure page, the record form and
// the offline page all open, and that nothing but the site's own files was
// saved.
func TestOffline(t *testing.T) {
	net := newNetwork(t, siteDir)
	ctx := tab(t)
	start := time.Now()

	// The first visit: a page the service worker does not save at install.
	open(t, ctx, net.url+"hips/stage-1/")
	poll[bool](t, ctx, `navigator.serviceWorker.controller !== null`)
	poll[bool](t, ctx, `(async () => !!(await caches.match(location.href)))()`)
	installed := time.Since(start)

	// A search, typed online: its query must never be saved.
	open(t, ctx, net.url+"search/?q=manager")
	typed := "Jane Doe, Flat 2, 10 Example Street"
	if err := browsertest.Do(ctx, chromedp.Navigate(net.url+"hips/record/")); err != nil {
		t.Fatal(err)
	}
	// Whatever the form does with typed text, none of it may reach a cache.
	eval[bool](t, ctx, `(() => {
		for (const el of document.querySelectorAll("textarea, input[type=text], input:not([type])")) {
			el.value = `+jsString(typed)+`;
			el.dispatchEvent(new Event("input", {bubbles: true}));
		}
		return true;
	})()`)

	net.offline.Store(true)
	offlineAt := time.Now()
	if res, err := http.Get(net.url); err == nil {
		res.Body.Close()
		t.Fatalf("the site still answers after going offline: %s", res.Status)
	}

	check := func(path, wantTitle string) {
		t.Helper()
		open(t, ctx, net.url+strings.TrimPrefix(path, "/"))
		title := eval[string](t, ctx, `document.title`)
		h1 := eval[string](t, ctx, `(document.querySelector("h1") || {}).textContent || ""`)
		if !strings.Contains(title+" "+h1, wantTitle) {
			t.Errorf("offline, %s shows title %q, heading %q; want %q", path, title, h1, wantTitle)
		}
		if css := eval[string](t, ctx, `getComputedStyle(document.body).fontFamily`); css == "" {
			t.Errorf("offline, %s has no style", path)
		}
	}
	if err := browsertest.Do(ctx, chromedp.Navigate(net.url+"hips/stage-1/")); err != nil {
		t.Fatal(err)
	}
	if err := browsertest.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatalf("reloading offline: %v", err)
	}
	if h1 := eval[string](t, ctx, `document.querySelector("h1").textContent`); !strings.Contains(h1, "1") {
		t.Errorf("offline, the reloaded stage 1 page shows %q", h1)
	}
	check("/hips/stage-1/", "Stage 1")
	check("/hips/", "Hampshire")         // saved at install
	check("/", "Resolving professional") // saved at install
	check("/hips/record/", "Record")     // the record form, saved at install
	check("/iscp/record/", "Record")     // another protocol's form, never visited
	check("/tees/stage-4/", "You are offline")
	check("/search/?q=manager", "Search") // the query is ignored offline
	// The record form's stylesheets and scripts came from the cache too.
	open(t, ctx, net.url+"hips/record/")
	if missing := eval[[]string](t, ctx, `[...document.querySelectorAll("script[src], link[rel=stylesheet]")]
		.map(e => e.src || e.href)
		.filter(u => !performance.getEntriesByName(u).length)`); len(missing) > 0 {
		t.Errorf("offline, the record form could not load %q", missing)
	}
	// With the WebAssembly module built into the site, the form loads it
	// offline too, from the copy saved at install.
	if _, err := os.Stat(filepath.Join(siteDir, "wasm")); err == nil {
		poll[bool](t, ctx, `performance.getEntriesByType("resource").some(e => e.name.endsWith(".wasm"))`)
	}
	offlineTook := time.Since(offlineAt)

	keys := eval[[]string](t, ctx, cacheKeysJS)
	if len(keys) < 10 {
		t.Errorf("the service worker saved only %d files: %q", len(keys), keys)
	}
	origin := strings.TrimSuffix(net.url, "/")
	for _, k := range keys {
		fields := strings.Fields(k)
		if len(fields) != 3 || fields[1] != "GET" || !strings.HasPrefix(fields[2], origin+"/") {
			t.Errorf("saved something other than a GET of the site's own files: %s", k)
		}
		if strings.Contains(fields[2], "?") || strings.HasPrefix(fields[2], "blob:") || strings.HasPrefix(fields[2], "data:") {
			t.Errorf("saved a URL with a query or of a record: %s", k)
		}
	}
	if found := eval[bool](t, ctx, `(async () => {
		for (const name of await caches.keys()) {
			const cache = await caches.open(name);
			for (const req of await cache.keys()) {
				const res = await cache.match(req);
				if ((await res.text()).includes(`+jsString(typed)+`)) return true;
			}
		}
		return false;
	})()`); found {
		t.Error("text typed into the record form was saved in a cache")
	}
	t.Logf("service worker installed and first page saved in %v; %d files saved; offline checks took %v", installed.Round(time.Millisecond), len(keys), offlineTook.Round(time.Millisecond))
}

// TestOfflineNewBuild checks that a new build replaces the saved copies:
// the service worker of the new build takes over and deletes the old cache.
func TestOfflineNewBuild(t *testing.T) {
	net := newNetwork(t, siteDir)
	ctx := tab(t)
	open(t, ctx, net.url)
	poll[bool](t, ctx, `navigator.serviceWorker.controller !== null`)
	first := poll[[]string](t, ctx, `(async () => { const k = await caches.keys(); return k.length ? k : null; })()`)

	// The next build: the same site with another build id.
	next := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(next, os.DirFS(siteDir)); err != nil {
		t.Fatal(err)
	}
	swFile := filepath.Join(next, "sw.js")
	sw, err := os.ReadFile(swFile)
	if err != nil {
		t.Fatal(err)
	}
	id := regexp.MustCompile(`build:"([0-9a-f]{16})"`).FindSubmatch(sw)
	if id == nil {
		t.Fatalf("sw.js has no build id:\n%s", sw)
	}
	newID := []byte(strings.Repeat("f", 16))
	if err := os.WriteFile(swFile, bytes.Replace(sw, id[1], newID, 1), 0o644); err != nil {
		t.Fatal(err)
	}
	net.serve(t, next)

	// A visit checks for a new worker; once it takes over, only its cache is left.
	open(t, ctx, net.url+"about/")
	eval[bool](t, ctx, `navigator.serviceWorker.ready.then(r => r.update()).then(() => true)`)
	got := poll[[]string](t, ctx, `(async () => {
		const k = await caches.keys();
		return k.length === 1 && k[0].endsWith(`+jsString(string(newID))+`) ? k : null;
	})()`)
	if len(first) != 1 || got[0] == first[0] {
		t.Errorf("caches before %q, after the new build %q; want one, replaced", first, got)
	}
}
