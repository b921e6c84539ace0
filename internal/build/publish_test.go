package build

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/tools/txtar"

	"resolve/internal/workday"
)

// publishArchive is a small site for the publishing tests: a protocol with
// two versions in its changes list, pages one, two and three folders deep,
// and minimal layouts in which the record form's policy allows WebAssembly
// and the embed is a whole document. The repository's own changes.html and
// static js/sw.js and js/offline.js are added by publishSite.
const publishArchive = `
-- content/_index.md --
---
title: Test procedures
base_url: /
---
Home.
-- content/about.md --
---
title: About
---
About.
-- content/guide/_index.md --
---
title: Guide
---
Guide.
-- content/guide/part/_index.md --
---
title: Part
---
Part.
-- content/guide/part/deep.md --
---
title: Deep
---
Deep.
-- content/hips/_index.md --
---
title: Test procedure
protocol:
  id: hips
  partnership: Test <Partnership> & Co
  calendar: england-and-wales
  version: "2025-01"
  published: 2025-01-15
  review_due: 2030-01-15
  when_to_use: [A condition.]
  stages:
    - title: Talk
      who: You and your manager
      summary: Talk it through.
      due: {working_days: 2, after: concern}
  contacts:
    - {name: Business unit, email: unit@example.org}
  changes:
    - {version: "2025-01", date: 2025-01-15, summary: Shorter timescales.}
    - {version: "2024-06", date: 2024-06-01, summary: First version.}
---
Introduction.
-- content/hips/stage-1.md --
---
title: Stage 1
---
Stage 1.
-- layouts/base.html --
<!DOCTYPE html><html lang="{{.Site.Lang}}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{block "csp" .}}default-src 'self'; script-src 'self'; img-src 'self' data:; object-src 'none'{{end}}">
<title>{{.Page.Title}}</title><link rel="stylesheet" href="{{asset "css/site.css"}}">
<link rel="alternate" type="application/atom+xml" href="{{url "/feed.xml"}}">
<script src="{{asset "js/offline.js"}}" defer></script></head><body>
<main>{{block "main" .}}{{end}}</main></body></html>
-- layouts/home.html --
{{define "main"}}<h1>{{.Page.Title}}</h1>{{.Page.Content}}{{end}}
-- layouts/section.html --
{{define "main"}}<h1>{{.Page.Title}}</h1>{{.Page.Content}}{{end}}
-- layouts/page.html --
{{define "main"}}<h1>{{.Page.Title}}</h1>{{.Page.Content}}{{end}}
-- layouts/protocol.html --
{{define "main"}}<h1>{{.Page.Title}}</h1>{{.Page.Content}}{{end}}
-- layouts/record.html --
{{define "csp"}}default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; img-src 'self' data:; object-src 'none'{{end}}
{{define "main"}}<h1>Record</h1>{{end}}
-- layouts/embed-flowchart.html --
{{define "document"}}<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; object-src 'none'">
<title>Embed</title></head><body><main><h1>Embed</h1></main></body></html>{{end}}
-- layouts/flowchart.html --
{{define "main"}}<h1>Flowchart</h1>{{end}}
-- layouts/contacts.html --
{{define "main"}}<h1>Contacts</h1>{{end}}
-- layouts/calendar.html --
{{define "main"}}<h1>Calendar</h1>{{end}}
-- layouts/404.html --
{{define "main"}}<h1>Not found</h1>{{end}}
-- layouts/a-z.html --
{{define "main"}}<h1>A to Z</h1>{{end}}
-- layouts/search.html --
{{define "main"}}<h1>Search</h1>{{end}}
-- static/css/site.css --
body { margin: 0; }
`

// publishSite unpacks publishArchive, with the repository's changes.html,
// sw.js and offline.js, into a temporary folder and returns its config.
func publishSite(t *testing.T) Config {
	t.Helper()
	dir := t.TempDir()
	archive := txtar.Parse([]byte(publishArchive))
	for _, name := range []string{"layouts/changes.html", "static/js/sw.js", "static/js/offline.js"} {
		data, err := os.ReadFile(filepath.Join("..", "..", filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		archive.Files = append(archive.Files, txtar.File{Name: name, Data: data})
	}
	unpack(t, archive, dir)
	return Config{
		Content: filepath.Join(dir, "content"),
		Layouts: filepath.Join(dir, "layouts"),
		Static:  filepath.Join(dir, "static"),
		Out:     filepath.Join(dir, "site"),
		Today:   workday.Date{Year: 2026, Month: time.November, Day: 21},
		Workers: 2,
	}
}

func buildOrFail(t *testing.T, cfg Config) {
	t.Helper()
	if _, err := Build(cfg); err != nil {
		t.Fatalf("Build: %v", err)
	}
}

func readOut(t *testing.T, cfg Config, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(cfg.Out, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestFeed(t *testing.T) {
	for _, base := range []string{"", "https://example.org/procedures/"} {
		t.Run("base "+base, func(t *testing.T) {
			cfg := publishSite(t)
			cfg.BaseURL = base
			buildOrFail(t, cfg)
			data := readOut(t, cfg, "feed.xml")
			feed, err := gofeed.NewParser().ParseString(data)
			if err != nil {
				t.Fatalf("gofeed cannot read feed.xml: %v\n%s", err, data)
			}
			if feed.FeedType != "atom" {
				t.Errorf("FeedType = %q; want atom", feed.FeedType)
			}
			if feed.Title != "Test procedures: updates to procedures" {
				t.Errorf("feed title = %q", feed.Title)
			}
			if feed.UpdatedParsed == nil || !feed.UpdatedParsed.Equal(time.Date(2025, 1, 15, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("feed updated = %v; want the newest version's date, 2025-01-15", feed.UpdatedParsed)
			}
			type entry struct{ title, id, link, updated, author string }
			var got []entry
			for _, it := range feed.Items {
				e := entry{title: it.Title, id: it.GUID, link: it.Link}
				if it.UpdatedParsed != nil {
					e.updated = it.UpdatedParsed.Format("2006-01-02")
				}
				if it.Author != nil {
					e.author = it.Author.Name
				}
				got = append(got, e)
			}
			prefix, idPrefix := "/procedures/", "https://example.org/procedures/"
			if base == "" {
				prefix, idPrefix = "/", ""
			}
			want := []entry{
				{"Test procedure: version 2025-01", idPrefix + "hips/changes/#version-2025-01", prefix + "hips/changes/#version-2025-01", "2025-01-15", "Test <Partnership> & Co"},
				{"Test procedure: version 2024-06", idPrefix + "hips/changes/#version-2024-06", prefix + "hips/changes/#version-2024-06", "2024-06-01", "Test <Partnership> & Co"},
			}
			if base == "" {
				want[0].id, want[1].id = "urn:resolve:hips:2025-01", "urn:resolve:hips:2024-06"
			}
			if base != "" {
				want[0].link, want[1].link = idPrefix+"hips/changes/#version-2025-01", idPrefix+"hips/changes/#version-2024-06"
			}
			if len(got) != len(want) {
				t.Fatalf("feed entries = %+v; want %+v", got, want)
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("entry %d = %+v; want %+v", i, got[i], want[i])
				}
			}
			if feed.Items[0].Description != "Shorter timescales." {
				t.Errorf("entry summary = %q", feed.Items[0].Description)
			}
			// Every entry's link leads to a heading that exists.
			changes := readOut(t, cfg, "hips/changes/index.html")
			for _, it := range feed.Items {
				anchor := it.Link[strings.Index(it.Link, "#")+1:]
				if !strings.Contains(changes, `id="`+anchor+`"`) {
					t.Errorf("the changes page has no #%s for %s", anchor, it.Link)
				}
			}
			// Every page links the feed from its head.
			home := readOut(t, cfg, "index.html")
			if !strings.Contains(home, `type="application/atom+xml" href="`+prefix+`feed.xml"`) {
				t.Errorf("the home page does not link the feed:\n%s", home)
			}
		})
	}
}

// TestFeedStructure checks what gofeed is lenient about: the Atom
// namespace, one id, title, updated and author per entry, RFC 3339 dates.
func TestFeedStructure(t *testing.T) {
	cfg := publishSite(t)
	buildOrFail(t, cfg)
	data := readOut(t, cfg, "feed.xml")
	if !strings.HasPrefix(data, `<?xml version="1.0" encoding="utf-8"?>`+"\n"+`<feed xmlns="http://www.w3.org/2005/Atom"`) {
		t.Errorf("feed.xml does not start as an Atom document:\n%s", data)
	}
	entries := strings.Split(data, "<entry>")[1:]
	if len(entries) != 2 {
		t.Fatalf("feed.xml has %d entries; want 2", len(entries))
	}
	date := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$`)
	ids := map[string]bool{}
	for i, e := range entries {
		for _, el := range []string{"id", "title", "updated", "published", "summary"} {
			if n := strings.Count(e, "<"+el+">"); n != 1 {
				t.Errorf("entry %d has %d <%s>; want 1", i, n, el)
			}
		}
		if !strings.Contains(e, "<author><name>Test &lt;Partnership&gt; &amp; Co</name>") {
			t.Errorf("entry %d has no escaped author: %s", i, e)
		}
		id := between(e, "<id>", "</id>")
		if ids[id] {
			t.Errorf("entry id %s is used twice", id)
		}
		ids[id] = true
		for _, el := range []string{"updated", "published"} {
			if v := between(e, "<"+el+">", "</"+el+">"); !date.MatchString(v) {
				t.Errorf("entry %d <%s> = %q; want an RFC 3339 UTC time", i, el, v)
			}
		}
	}
	if n := strings.Count(data, `<link rel="self"`); n != 1 {
		t.Errorf("feed.xml has %d self links; want 1", n)
	}
}

func between(s, start, end string) string {
	i := strings.Index(s, start)
	if i < 0 {
		return ""
	}
	s = s[i+len(start):]
	if j := strings.Index(s, end); j >= 0 {
		return s[:j]
	}
	return ""
}

// swSettings reads the settings the build wrote into sw.js.
func swSettings(t *testing.T, sw string) swConfig {
	t.Helper()
	m := regexp.MustCompile(`CONFIG=(\{.*?\}),PREFIX`).FindStringSubmatch(sw)
	if m == nil {
		t.Fatalf("sw.js has no settings:\n%s", sw)
	}
	var cfg swConfig
	if err := json.Unmarshal([]byte(m[1]), &cfg); err != nil {
		// The minifier writes the object as JavaScript: quote its keys.
		fixed := regexp.MustCompile(`([{,])([a-z]+):`).ReplaceAllString(m[1], `$1"$2":`)
		if err := json.Unmarshal([]byte(fixed), &cfg); err != nil {
			t.Fatalf("sw.js settings %s: %v", m[1], err)
		}
	}
	return cfg
}

func TestServiceWorker(t *testing.T) {
	cfg := publishSite(t)
	cfg.BaseURL = "/procedures/"
	// The WebAssembly step, as wasmStep does it, adds the module's files.
	module := []byte("\x00asm first")
	cfg.Extra = func(dir string) error {
		if err := os.MkdirAll(filepath.Join(dir, "wasm"), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, "wasm", "record.0123abcd.wasm"), module, 0o644); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, "wasm", "manifest.json"), []byte(`{}`), 0o644)
	}
	buildOrFail(t, cfg)
	sw := readOut(t, cfg, "sw.js")
	got := swSettings(t, sw)
	if !regexp.MustCompile(`^[0-9a-f]{16}$`).MatchString(got.Build) {
		t.Errorf("build id = %q; want 16 hex digits", got.Build)
	}
	if got.Base != "/procedures/" || got.Offline != "/procedures/offline.html" {
		t.Errorf("base, offline = %q, %q; want /procedures/, /procedures/offline.html", got.Base, got.Offline)
	}
	for _, want := range []string{"/procedures/", "/procedures/offline.html", "/procedures/hips/", "/procedures/hips/record/", "/procedures/wasm/record.0123abcd.wasm", "/procedures/wasm/manifest.json"} {
		if !contains(got.Precache, want) {
			t.Errorf("precache lacks %s: %v", want, got.Precache)
		}
	}
	var css, offlineJS bool
	for _, u := range got.Precache {
		css = css || regexp.MustCompile(`^/procedures/css/site\.[0-9a-f]{8}\.css$`).MatchString(u)
		offlineJS = offlineJS || regexp.MustCompile(`^/procedures/js/offline\.[0-9a-f]{8}\.js$`).MatchString(u)
		if strings.Contains(u, "/sw.") {
			t.Errorf("precache holds the service worker's own source: %s", u)
		}
	}
	if !css || !offlineJS {
		t.Errorf("precache lacks the fingerprinted CSS or offline.js: %v", got.Precache)
	}
	// Every file precached exists, or install would fail.
	for _, u := range got.Precache {
		name := strings.TrimPrefix(u, "/procedures/")
		if name == "" || strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		if _, err := os.Stat(filepath.Join(cfg.Out, filepath.FromSlash(name))); err != nil {
			t.Errorf("precached %s does not exist: %v", u, err)
		}
	}
	// The template is not published beside its filled-in copy.
	if matches, _ := filepath.Glob(filepath.Join(cfg.Out, "js", "sw.*.js")); len(matches) > 0 {
		t.Errorf("the service worker's source was published: %v", matches)
	}
	if !strings.Contains(readOut(t, cfg, "offline.html"), "You are offline") {
		t.Error("offline.html does not say the reader is offline")
	}
	if strings.Contains(readOut(t, cfg, "sitemap.xml"), "offline") {
		t.Error("the offline page is in the sitemap")
	}
	if node, err := exec.LookPath("node"); err == nil {
		if out, err := exec.Command(node, "--check", filepath.Join(cfg.Out, "sw.js")).CombinedOutput(); err != nil {
			t.Errorf("sw.js is not valid JavaScript: %v\n%s", err, out)
		}
	}

	// The same input gives the same build id; a change to any file, even
	// one the WebAssembly step writes, gives a new one.
	buildOrFail(t, cfg)
	if again := swSettings(t, readOut(t, cfg, "sw.js")).Build; again != got.Build {
		t.Errorf("rebuilding the same site changed the build id from %s to %s", got.Build, again)
	}
	module = []byte("\x00asm second")
	buildOrFail(t, cfg)
	if changed := swSettings(t, readOut(t, cfg, "sw.js")).Build; changed == got.Build {
		t.Errorf("a new module kept the build id %s", changed)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestNoServiceWorkerWithoutItsSource(t *testing.T) {
	cfg := publishSite(t)
	if err := os.Remove(filepath.Join(cfg.Static, "js", "sw.js")); err != nil {
		t.Fatal(err)
	}
	buildOrFail(t, cfg)
	if _, err := os.Stat(filepath.Join(cfg.Out, "sw.js")); !os.IsNotExist(err) {
		t.Errorf("sw.js was written without static/js/sw.js: %v", err)
	}
	if strings.Contains(readOut(t, cfg, "_headers"), "sw.js") {
		t.Error("_headers names a service worker that does not exist")
	}
}

func TestServiceWorkerNeedsItsToken(t *testing.T) {
	cfg := publishSite(t)
	if err := os.WriteFile(filepath.Join(cfg.Static, "js", "sw.js"), []byte("self.addEventListener('fetch', function () {});\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Build(cfg)
	if err == nil || !strings.Contains(err.Error(), configToken) {
		t.Errorf("Build with a service worker lacking %s: err = %v; want one naming it", configToken, err)
	}
}

// hostRule is a rule of _headers as the tests read it.
type hostRule struct {
	pattern string
	header  http.Header
}

func parseHeadersFile(t *testing.T, data string) []hostRule {
	t.Helper()
	var rules []hostRule
	for n, line := range strings.Split(data, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
		case line[0] != ' ':
			rules = append(rules, hostRule{pattern: trimmed, header: http.Header{}})
		default:
			k, v, ok := strings.Cut(trimmed, ":")
			if !ok || len(rules) == 0 {
				t.Fatalf("_headers:%d: %q is not a header of a rule", n+1, line)
			}
			rules[len(rules)-1].header.Add(strings.TrimSpace(k), strings.TrimSpace(v))
		}
	}
	return rules
}

// hostMatch matches a path as Netlify and Cloudflare Pages do: * is any run
// of characters, :name is one path segment.
func hostMatch(pattern, p string) bool {
	var re strings.Builder
	re.WriteString("^")
	for i := 0; i < len(pattern); i++ {
		switch c := pattern[i]; {
		case c == '*':
			re.WriteString(".*")
		case c == ':':
			j := i + 1
			for j < len(pattern) && (pattern[j] >= 'a' && pattern[j] <= 'z') {
				j++
			}
			re.WriteString("[^/]+")
			i = j - 1
		default:
			re.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	re.WriteString("$")
	return regexp.MustCompile(re.String()).MatchString(p)
}

// hostHeaders returns the values of a header for a path: every matching
// rule's (Cloudflare Pages, browsertest.Serve), or the last one's (Netlify).
func hostHeaders(rules []hostRule, p, name string, last bool) []string {
	var out []string
	for _, r := range rules {
		if hostMatch(r.pattern, p) {
			if vs := r.header.Values(name); len(vs) > 0 {
				if last {
					out = nil
				}
				out = append(out, vs...)
			}
		}
	}
	return out
}

// framable reports whether a browser lets another site frame a response
// with these headers: every policy with frame-ancestors must allow it, and
// X-Frame-Options counts only when no policy has frame-ancestors.
func framable(policies, xfo []string) bool {
	seen := false
	for _, p := range policies {
		pol, _ := parseCSP(p)
		if fa, ok := pol.get("frame-ancestors"); ok {
			seen = true
			if !contains(fa.sources, "*") {
				return false
			}
		}
	}
	return seen || len(xfo) == 0
}

// allows reports whether every policy lets script-src use the source.
func allows(policies []string, source string) bool {
	for _, p := range policies {
		pol, _ := parseCSP(p)
		if srcs, ok := pol.effective("script-src"); ok && !contains(srcs, source) {
			return false
		}
	}
	return true
}

func TestHeaders(t *testing.T) {
	cfg := publishSite(t)
	buildOrFail(t, cfg)
	data := readOut(t, cfg, "_headers")
	rules := parseHeadersFile(t, data)
	tests := []struct {
		path    string
		framed  bool // other sites may frame it
		wasm    bool // the page's own meta tag allows WebAssembly
		unknown bool // not a page of the site (served the 404 page)
	}{
		{path: "/"},
		{path: "/about/"},
		{path: "/guide/"},
		{path: "/guide/part/"},
		{path: "/guide/part/deep/"},
		{path: "/hips/"},
		{path: "/hips/stage-1/"},
		{path: "/hips/changes/"},
		{path: "/hips/record/", wasm: true},
		{path: "/hips/embed/flowchart/", framed: true},
		{path: "/404.html"},
		{path: "/offline.html"},
	}
	for _, host := range []struct {
		name string
		last bool
	}{{"Cloudflare Pages", false}, {"Netlify", true}} {
		for _, tc := range tests {
			csp := hostHeaders(rules, tc.path, "Content-Security-Policy", host.last)
			xfo := hostHeaders(rules, tc.path, "X-Frame-Options", host.last)
			if len(csp) == 0 {
				t.Errorf("%s: %s has no Content-Security-Policy", host.name, tc.path)
				continue
			}
			if got := framable(csp, xfo); got != tc.framed {
				t.Errorf("%s: %s framable = %v; want %v (policies %q, X-Frame-Options %q)", host.name, tc.path, got, tc.framed, csp, xfo)
			}
			if !tc.framed {
				// Every page that is not an embed says frame-ancestors 'none'.
				found := false
				for _, p := range csp {
					found = found || strings.HasSuffix(p, "frame-ancestors 'none'")
				}
				if !found {
					t.Errorf("%s: %s has no frame-ancestors 'none': %q", host.name, tc.path, csp)
				}
			}
			// The header must allow what the page's own policy allows.
			if tc.wasm && !allows(csp, "'wasm-unsafe-eval'") {
				t.Errorf("%s: the headers of %s forbid 'wasm-unsafe-eval': %q", host.name, tc.path, csp)
			}
			page := readOut(t, cfg, strings.TrimPrefix(tc.path, "/")+map[bool]string{true: "", false: "index.html"}[strings.HasSuffix(tc.path, ".html")])
			meta, _ := metaPolicy([]byte(page))
			if got := allows([]string{meta}, "'wasm-unsafe-eval'"); got != tc.wasm {
				t.Errorf("%s meta policy allows WebAssembly = %v; want %v", tc.path, got, tc.wasm)
			}
			for _, name := range []string{"X-Content-Type-Options", "Referrer-Policy"} {
				if v := hostHeaders(rules, tc.path, name, host.last); len(v) != 1 {
					t.Errorf("%s: %s has %s %q; want one", host.name, tc.path, name, v)
				}
			}
		}
	}
	css, _ := filepath.Glob(filepath.Join(cfg.Out, "css", "site.*.css"))
	if len(css) != 1 {
		t.Fatalf("no fingerprinted site.css: %v", css)
	}
	cssPath := "/css/" + filepath.Base(css[0])
	if v := hostHeaders(rules, cssPath, "Cache-Control", false); len(v) != 1 || !strings.Contains(v[0], "immutable") {
		t.Errorf("%s Cache-Control = %q; want one long, immutable cache", cssPath, v)
	}
	for _, p := range []string{"/", "/sw.js", "/feed.xml", "/hips/flowchart.svg"} {
		if v := hostHeaders(rules, p, "Cache-Control", false); len(v) > 0 && strings.Contains(v[0], "immutable") {
			t.Errorf("%s is cached for ever: %q", p, v)
		}
	}
	if v := hostHeaders(rules, "/wasm/record.0123abcd.wasm", "Content-Type", false); len(v) != 1 || v[0] != "application/wasm" {
		t.Errorf(".wasm Content-Type = %q; want application/wasm", v)
	}
}

func TestHeadersUnderSubPath(t *testing.T) {
	cfg := publishSite(t)
	cfg.BaseURL = "/procedures/"
	buildOrFail(t, cfg)
	rules := parseHeadersFile(t, readOut(t, cfg, "_headers"))
	for _, r := range rules {
		if !strings.HasPrefix(r.pattern, "/procedures/") {
			t.Errorf("pattern %s is outside the base path /procedures/", r.pattern)
		}
	}
	if v := hostHeaders(rules, "/procedures/hips/embed/flowchart/", "Content-Security-Policy", false); !framable(v, nil) {
		t.Errorf("the embed under /procedures/ cannot be framed: %q", v)
	}
	if v := hostHeaders(rules, "/procedures/hips/", "Content-Security-Policy", false); framable(v, nil) {
		t.Errorf("/procedures/hips/ can be framed: %q", v)
	}
}

func TestCSPUnion(t *testing.T) {
	tests := []struct {
		policies []string
		want     string
	}{
		{[]string{"default-src 'self'"}, "default-src 'self'"},
		{[]string{"default-src 'self'; script-src 'self'", "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"}, "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"},
		// A directive one policy leaves out takes that policy's fallback.
		{[]string{"default-src 'self'", "default-src 'self'; img-src 'self' data:"}, "default-src 'self'; img-src 'self' data:"},
		// Unrestricted in one policy: left out of the union.
		{[]string{"default-src 'self'; base-uri 'self'", "default-src 'self'"}, "default-src 'self'"},
		{[]string{"object-src 'none'", "object-src 'self'"}, "object-src 'self'"},
		// worker-src falls back to script-src before default-src.
		{[]string{"default-src 'none'; script-src 'self'", "default-src 'none'; script-src 'self'; worker-src blob:"}, "default-src 'none'; script-src 'self'; worker-src 'self' blob:"},
		// Saying no more than the fallback: left out.
		{[]string{"default-src 'self'; connect-src 'self'", "default-src 'self'"}, "default-src 'self'"},
	}
	for _, tc := range tests {
		var pols []cspPolicy
		for _, p := range tc.policies {
			pol, err := parseCSP(p)
			if err != nil {
				t.Fatalf("parseCSP(%q): %v", p, err)
			}
			pols = append(pols, pol)
		}
		if got := cspUnion(pols).String(); got != tc.want {
			t.Errorf("cspUnion(%q) = %q; want %q", tc.policies, got, tc.want)
		}
	}
}

func TestParseCSPRefuses(t *testing.T) {
	for _, s := range []string{"", " ; ", "default-src 'self'; default-src 'none'", "script-src a,b", "Script_Src 'self'"} {
		if pol, err := parseCSP(s); err == nil {
			t.Errorf("parseCSP(%q) = %q; want an error", s, pol)
		}
	}
}

func TestFingerprintPatterns(t *testing.T) {
	files := []outputFile{
		{path: "css/site.0123abcd.css"},
		{path: "css/print.89abcdef.css"},
		{path: "index.html"},
		{path: "js/site.0123abcd.js"},
		{path: "sw.js"},
		{path: "wasm/manifest.json"},
		{path: "wasm/record.0123456789abcdef.wasm"},
		{path: "wasm/wasm_exec.0123abcd.js"},
	}
	got := fingerprintPatterns(files)
	sort.Strings(got)
	want := []string{"/css/*", "/js/*", "/wasm/record.0123456789abcdef.wasm", "/wasm/wasm_exec.0123abcd.js"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("fingerprintPatterns = %v; want %v", got, want)
	}
}

func FuzzParseCSP(f *testing.F) {
	f.Add("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'")
	f.Add("script-src 'self' 'wasm-unsafe-eval'")
	f.Add(";;DEFAULT-SRC *")
	f.Fuzz(func(t *testing.T, s string) {
		pol, err := parseCSP(s)
		if err != nil {
			return
		}
		// What parses prints as a policy that parses to the same.
		again, err := parseCSP(pol.String())
		if err != nil || again.String() != pol.String() {
			t.Errorf("parseCSP(%q).String() = %q, which reads back as %q, %v", s, pol.String(), again.String(), err)
		}
		if u := cspUnion([]cspPolicy{pol, pol}); len(u) > len(pol) {
			t.Errorf("the union of %q with itself has more directives: %q", pol, u)
		}
	})
}

func FuzzMetaPolicy(f *testing.F) {
	f.Add([]byte(`<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'"></head><body></body></html>`))
	f.Add([]byte(`<meta content="x" HTTP-EQUIV="content-security-policy">`))
	f.Add([]byte(`<body><meta http-equiv="Content-Security-Policy" content="late"></body>`))
	f.Fuzz(func(t *testing.T, page []byte) {
		policy, ok := metaPolicy(page)
		if !ok && policy != "" {
			t.Errorf("metaPolicy(%q) = %q but not found", page, policy)
		}
		if ok && !bytes.Contains(bytes.ToLower(page), []byte("content-security-policy")) {
			t.Errorf("metaPolicy(%q) found a policy in a page that names none", page)
		}
	})
}
