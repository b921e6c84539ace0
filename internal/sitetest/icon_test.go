package sitetest

import (
	"context"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"resolve/internal/browsertest"
)

// iconLink finds the icons a page links: rel, then href (the site's
// minifier keeps attributes in the order the layouts write them).
var iconLink = regexp.MustCompile(`<link rel="(icon|apple-touch-icon)" href="([^"]+)"`)

// TestIconLinked checks, without a browser, that every page links an SVG
// icon and its fallbacks, each a file of the site, so that no browser goes
// looking for a /favicon.ico of its own.
func TestIconLinked(t *testing.T) {
	for _, p := range pages(t) {
		file := strings.TrimPrefix(p, "/")
		if file == "" || strings.HasSuffix(file, "/") {
			file += "index.html"
		}
		html, err := os.ReadFile(filepath.Join(siteDir, filepath.FromSlash(file)))
		if err != nil {
			t.Fatal(err)
		}
		links := iconLink.FindAllStringSubmatch(string(html), -1)
		svg := false
		for _, l := range links {
			ref, err := url.Parse(l[2])
			if err != nil || ref.IsAbs() || ref.Host != "" {
				t.Errorf("%s: icon %q is not a path on this site", p, l[2])
				continue
			}
			target := (&url.URL{Path: p}).ResolveReference(ref).Path // as the browser resolves it from the page
			if _, err := os.Stat(filepath.Join(siteDir, filepath.FromSlash(strings.TrimPrefix(target, "/")))); err != nil {
				t.Errorf("%s: icon %s is not in the site: %v", p, l[2], err)
			}
			svg = svg || l[1] == "icon" && strings.HasSuffix(ref.Path, ".svg")
		}
		if !svg {
			t.Errorf("%s links no SVG icon (links: %q)", p, links)
		}
	}
}

// TestIcon opens the home page in a browser of its own (Chromium asks for
// a site's icon once a session, so the shared browser may have it already)
// and checks that the icon it asks for is the site's own and is there, and
// that nothing the page asked of the site was missing.
func TestIcon(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test: skipped under -short")
	}
	base := siteURL(t)
	ctx := browsertest.Start(t).Tab(t)
	log := browsertest.Requests(ctx)
	if err := log.Err(); err != nil {
		t.Fatal(err)
	}
	if err := browsertest.Do(ctx, chromedp.Navigate(base)); err != nil {
		t.Fatal(err)
	}
	wait, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	icon, err := log.Wait(wait, func(r browsertest.Response) bool {
		u, err := url.Parse(r.URL)
		return err == nil && (strings.HasSuffix(u.Path, ".ico") || strings.Contains(path.Base(u.Path), "icon"))
	})
	if err != nil {
		t.Fatalf("the browser asked for no icon: %v\nrequests: %q", err, log.URLs())
	}
	if icon.Status != 200 || !strings.HasPrefix(icon.URL, base) || !strings.HasSuffix(icon.URL, ".svg") {
		t.Errorf("icon: %v; want the site's own SVG icon, status 200", icon)
	}
	for _, r := range log.Failed(base) {
		t.Errorf("missing: %v", r)
	}
}
