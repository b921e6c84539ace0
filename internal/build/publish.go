package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"html"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	xhtml "golang.org/x/net/html"

	"resolve/internal/diag"
	"resolve/internal/markdown"
	"resolve/internal/workday"
)

// What a partnership publishes beside the pages, written by addPublishing:
//
//   - /feed.xml, an Atom feed with an entry for each version of each
//     protocol, so agencies can subscribe to updates;
//   - /offline.html, the page a practitioner sees offline for a page that
//     was never saved on their device;
//   - /sw.js, the service worker (from the static file js/sw.js, which is
//     not published as it is) that saves the site shell, the pages read and
//     the record form's module, versioned by a build id: a hash of every
//     other output file, so each new build replaces the old cache;
//   - /_headers, the headers Netlify and Cloudflare Pages send: the pages'
//     own Content-Security-Policy with frame-ancestors, nosniff, no
//     referrer, long caching for fingerprinted files and the wasm type.
//
// The service worker and _headers are written last, after cfg.Extra has
// added the WebAssembly module, so that both know its files.
const (
	feedPath    = "/feed.xml"
	offlinePath = "/offline.html"
	swPath      = "/sw.js"
	swSource    = "js/sw.js" // in the static folder
	headersFile = "_headers"
	configToken = "__RESOLVE_CONFIG__" // in js/sw.js, replaced by its settings
)

// addPublishing adds what partnerships publish beside the pages: the
// updates feed, the offline service worker and host headers. It runs once
// every page is rendered, before the site is written.
func (s *site) addPublishing() error {
	s.files = append(s.files, outFile{path: strings.TrimPrefix(feedPath, "/"), data: s.feed()})

	// The service worker's source is a template: it leaves the file list
	// and is written, filled in, at the base path once everything else is.
	var worker []byte
	for i, f := range s.files {
		if u, ok := s.assets[swSource]; ok && s.url(f.path) == u {
			worker = f.data
			s.files = append(s.files[:i], s.files[i+1:]...)
			delete(s.assets, swSource)
			break
		}
	}
	offline := ""
	if worker != nil {
		if !bytes.Contains(worker, []byte(configToken)) {
			return errors.New(filepath.Join(s.cfg.Static, filepath.FromSlash(swSource)) + ": the service worker must hold " + configToken + " where the build writes its settings")
		}
		p, err := s.offlinePage()
		if err != nil {
			return err
		}
		if p != nil {
			offline = s.url(p.url)
		}
	}
	var problems diag.List
	policies := s.pagePolicies(&problems)
	if len(problems) > 0 {
		return problems
	}

	extra := s.cfg.Extra
	s.cfg.Extra = func(dir string) error {
		if extra != nil {
			if err := extra(dir); err != nil {
				return err
			}
		}
		// Only the service worker needs the build id: without one, the
		// files are listed but not read.
		files, id, err := s.hashOutput(dir, worker != nil)
		if err != nil {
			return err
		}
		if worker != nil {
			sw, err := s.serviceWorker(worker, id, offline, files)
			if err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(swPath, "/"))), sw, 0o644); err != nil {
				return err
			}
		}
		return os.WriteFile(filepath.Join(dir, headersFile), s.headers(policies, files, worker != nil), 0o644)
	}
	return nil
}

// ---- The feed ----

// feedEntry is one version of one protocol in the feed.
type feedEntry struct {
	pr      *proto
	v       versionView
	changes *changesData
}

// feed writes the Atom feed: one entry per version of each protocol (each
// version its changes list names, and the current one), newest first. Ids
// are the version's place on the protocol's "What changed" page, so they
// never change; without a full base URL (only a path) they are urn:
// names made of the base path, the protocol id and the version.
func (s *site) feed() []byte {
	var entries []feedEntry
	for _, pr := range s.protos {
		cp := s.byURL["/"+pr.ID+"/changes/"]
		if cp == nil {
			continue
		}
		cd, ok := cp.data.(*changesData)
		if !ok {
			continue
		}
		for _, v := range cd.Versions {
			if v.Listed {
				entries = append(entries, feedEntry{pr: pr, v: v, changes: cd})
			}
		}
	}
	sort.SliceStable(entries, func(i, j int) bool {
		a, b := entries[i], entries[j]
		if a.v.Date != b.v.Date {
			return a.v.Date.After(b.v.Date)
		}
		if a.pr.ID != b.pr.ID {
			return a.pr.ID < b.pr.ID
		}
		return a.v.Version < b.v.Version
	})
	updated := s.cfg.Today
	if len(entries) > 0 {
		updated = entries[0].v.Date
	}

	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
	b.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="` + esc(s.lang) + `">` + "\n")
	element(&b, "title", s.title+": updates to procedures")
	element(&b, "subtitle", "Each new version of the procedures on this site, with what changed.")
	element(&b, "id", s.feedID(""))
	b.WriteString(`<link rel="self" type="application/atom+xml" href="` + esc(s.absURL(feedPath)) + `"/>` + "\n")
	b.WriteString(`<link rel="alternate" type="text/html" href="` + esc(s.absURL("/")) + `"/>` + "\n")
	element(&b, "updated", atomDate(updated))
	b.WriteString("<author>")
	element(&b, "name", s.title)
	b.WriteString("</author>\n")
	element(&b, "generator", "resolve")
	for _, e := range entries {
		link := s.absURL("/"+e.pr.ID+"/changes/") + "#" + e.v.Anchor
		b.WriteString("<entry>\n")
		element(&b, "title", e.pr.index.title+": version "+e.v.Version)
		element(&b, "id", s.feedID(e.pr.ID+"/changes/#"+e.v.Anchor))
		b.WriteString(`<link rel="alternate" type="text/html" href="` + esc(link) + `"/>` + "\n")
		element(&b, "published", atomDate(e.v.Date))
		element(&b, "updated", atomDate(e.v.Date))
		b.WriteString("<author>")
		element(&b, "name", e.pr.Partnership)
		b.WriteString("</author>\n")
		summary := e.v.Summary
		if summary == "" {
			summary = "Version " + e.v.Version + " was published."
		}
		element(&b, "summary", summary)
		b.WriteString(`<content type="html">`)
		b.WriteString(esc(entryHTML(summary, e.v)))
		b.WriteString("</content>\n</entry>\n")
	}
	b.WriteString("</feed>\n")
	return b.Bytes()
}

// feedID is the Atom id of the feed (rest "") or of one of its entries.
func (s *site) feedID(rest string) string {
	if s.origin != "" {
		if rest == "" {
			return s.absURL(feedPath)
		}
		return s.absURL("/" + rest)
	}
	id := "urn:resolve:"
	if base := strings.Trim(s.base, "/"); base != "" {
		id += url.PathEscape(base) + ":"
	}
	if rest == "" {
		return id + "feed"
	}
	proto, anchor, _ := strings.Cut(rest, "/changes/#")
	return id + proto + ":" + strings.TrimPrefix(anchor, "version-")
}

// entryHTML is an entry's content: its summary and what changed.
func entryHTML(summary string, v versionView) string {
	var b strings.Builder
	b.WriteString("<p>" + html.EscapeString(summary) + "</p>")
	if v.Since != "" && len(v.Areas) > 0 {
		b.WriteString("<p>Compared with version " + html.EscapeString(v.Since) + ":</p>")
		for _, a := range v.Areas {
			b.WriteString("<h3>" + html.EscapeString(a.Name) + "</h3><ul>")
			for _, d := range a.Differences {
				b.WriteString("<li>" + html.EscapeString(d.Change) + ".")
				if d.Before != "" {
					b.WriteString("<br>Was: " + html.EscapeString(d.Before))
				}
				if d.After != "" {
					b.WriteString("<br>Now: " + html.EscapeString(d.After))
				}
				b.WriteString("</li>")
			}
			b.WriteString("</ul>")
		}
	}
	return b.String()
}

// atomDate writes a civil date as the RFC 3339 time Atom needs: its start, UTC.
func atomDate(d workday.Date) string {
	return d.String() + "T00:00:00Z"
}

func element(b *bytes.Buffer, name, text string) {
	b.WriteString("<" + name + ">" + esc(text) + "</" + name + ">\n")
}

// esc escapes text for XML content and double-quoted attributes.
func esc(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '&':
			b.WriteString("&amp;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r != 0xFFFE && r != 0xFFFF:
			b.WriteRune(r)
		default:
			// Not allowed in XML 1.0 at all: dropped.
		}
	}
	return b.String()
}

// ---- The offline page ----

// offlinePage renders /offline.html with the "page" layout and adds it to
// the pages to write (not to the sitemap or search, which are done). It
// returns nil when the layouts have no "page" layout.
func (s *site) offlinePage() (*page, error) {
	if !s.layouts.has("page") {
		return nil, nil
	}
	if other := s.byURL[offlinePath]; other != nil {
		file := s.cfg.Content
		if other.src != nil {
			file = other.src.File
		}
		return nil, diag.List{{Path: file, Line: 1, Message: "the URL " + offlinePath + " is the page the site shows offline: rename this page"}}
	}
	var b strings.Builder
	b.WriteString("<p>You are not connected to the internet, and this page has not been saved on this device.</p>")
	b.WriteString("<p>These pages are saved and open without a connection:</p><ul>")
	b.WriteString(`<li><a href="` + html.EscapeString(s.url("/")) + `">The home page</a></li>`)
	for _, pr := range s.protos {
		b.WriteString(`<li><a href="` + html.EscapeString(s.url(pr.index.url)) + `">` + html.EscapeString(pr.index.title) + `</a>, and its <a href="` + html.EscapeString(s.url("/"+pr.ID+"/record/")) + `">record form</a></li>`)
	}
	b.WriteString("</ul><p>So are the pages you have read before on this device. Anything you typed into a record form stays in that page: go back to it rather than reloading.</p>")
	p := &page{
		url:     offlinePath,
		kind:    "page",
		title:   "You are offline",
		noIndex: true,
		doc:     &markdown.Doc{HTML: []byte(b.String())},
	}
	out, err := s.layouts.execute(p.kind, s.view(p))
	if err != nil {
		return nil, diag.List{{Path: filepath.Join(s.cfg.Layouts, "page.html"), Line: templateLine(err), Message: "rendering " + offlinePath + ": " + err.Error()}}
	}
	p.html = out
	s.byURL[p.url] = p
	s.pages = append(s.pages, p)
	return p, nil
}

// ---- The service worker ----

// outputFile is a file in the finished output folder.
type outputFile struct {
	path string // slash path relative to the folder
	size int64
}

// hashOutput lists every file in the output folder, sorted, and, when hash
// is set, returns the build id: the first 16 hex digits of a SHA-256 over
// each file's path, size and content. The build's own files are known from
// writing them; only top-level entries the build did not write (the
// WebAssembly module's folder, added by the Extra step) are read from disk.
func (s *site) hashOutput(dir string, hash bool) ([]outputFile, string, error) {
	known := map[string]writtenFile{}
	top := map[string]bool{}
	if s.written != nil {
		for p, f := range s.written.files {
			known[p] = f
			top[strings.SplitN(p, "/", 2)[0]] = true
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, "", err
	}
	for _, e := range entries {
		if top[e.Name()] && e.IsDir() {
			continue // the build's own folder; files added beside them are not expected
		}
		if _, ok := known[e.Name()]; ok {
			continue
		}
		err := filepath.WalkDir(filepath.Join(dir, e.Name()), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			known[filepath.ToSlash(rel)] = writtenFile{size: int64(len(data)), sum: sha256.Sum256(data)}
			return nil
		})
		if err != nil {
			return nil, "", err
		}
	}
	files := make([]outputFile, 0, len(known))
	for p, f := range known {
		files = append(files, outputFile{path: p, size: f.size})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].path < files[j].path })
	if !hash {
		return files, "", nil
	}
	h := sha256.New()
	for _, f := range files {
		sum := known[f.path].sum
		h.Write([]byte(f.path + "\x00" + strconv.FormatInt(f.size, 10) + "\x00"))
		h.Write(sum[:])
	}
	return files, hex.EncodeToString(h.Sum(nil))[:16], nil
}

// swConfig is what the build tells the service worker.
type swConfig struct {
	Build    string   `json:"build"`
	Base     string   `json:"base"`
	Offline  string   `json:"offline"`
	Precache []string `json:"precache"`
}

// serviceWorker fills in the service worker's settings. What it saves at
// once: the home page, the offline page, the search page, each protocol's
// procedure and record form, every static file and every file of the
// WebAssembly module (under wasm/).
func (s *site) serviceWorker(source []byte, id, offline string, files []outputFile) ([]byte, error) {
	cfg := swConfig{Build: id, Base: s.base, Offline: offline, Precache: []string{s.url("/")}}
	if offline != "" {
		cfg.Precache = append(cfg.Precache, offline)
	}
	if s.hasSearch() {
		cfg.Precache = append(cfg.Precache, s.url("/search/"))
	}
	for _, pr := range s.protos {
		cfg.Precache = append(cfg.Precache, s.url(pr.index.url), s.url("/"+pr.ID+"/record/"))
	}
	var static []string
	for _, u := range s.assets {
		static = append(static, u)
	}
	sort.Strings(static)
	cfg.Precache = append(cfg.Precache, static...)
	for _, f := range files {
		if strings.HasPrefix(f.path, "wasm/") {
			cfg.Precache = append(cfg.Precache, s.url(f.path))
		}
	}
	settings, err := json.Marshal(cfg)
	if err != nil {
		return nil, err
	}
	sw := bytes.Replace(source, []byte(configToken), settings, 1)
	out, err := newMinifier().Bytes("application/javascript", sw)
	if err != nil {
		return nil, &minifyError{file: filepath.Join(s.cfg.Static, filepath.FromSlash(swSource)), err: err}
	}
	return out, nil
}

// ---- Headers ----

// pagePolicy is the Content-Security-Policy a page's meta tag sets.
type pagePolicy struct {
	url    string // site path
	embed  bool   // an embed, which other sites may frame
	policy cspPolicy
}

// pagePolicies reads the Content-Security-Policy of every page's meta tag.
func (s *site) pagePolicies(problems *diag.List) []pagePolicy {
	var out []pagePolicy
	for _, p := range s.sorted() {
		raw, ok := p.csp, p.hasCSP
		if p.html != nil {
			raw, ok = metaPolicy(p.html)
		}
		if !ok {
			continue
		}
		pol, err := parseCSP(raw)
		if err != nil {
			problems.Add(filepath.Join(s.cfg.Layouts, p.kind+".html"), 0, "the Content-Security-Policy of "+p.url+": "+err.Error())
			continue
		}
		out = append(out, pagePolicy{url: p.url, embed: strings.HasPrefix(p.kind, "embed"), policy: pol})
	}
	return out
}

// metaPolicy returns the content of a page's <meta http-equiv=
// "Content-Security-Policy">, reading no further than the head.
func metaPolicy(page []byte) (string, bool) {
	z := xhtml.NewTokenizer(bytes.NewReader(page))
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return "", false
		case xhtml.EndTagToken:
			if name, _ := z.TagName(); string(name) == "head" {
				return "", false
			}
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			name, more := z.TagName()
			switch string(name) {
			case "body":
				return "", false
			case "meta":
			default:
				continue
			}
			var equiv, content string
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				switch string(k) {
				case "http-equiv":
					equiv = string(v)
				case "content":
					content = string(v)
				}
			}
			if strings.EqualFold(equiv, "Content-Security-Policy") {
				return content, true
			}
		}
	}
}

// cspDirective is one directive of a policy: its name and sources.
type cspDirective struct {
	name    string
	sources []string
}

// cspPolicy is a parsed Content-Security-Policy, directives in order.
type cspPolicy []cspDirective

var directiveName = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

// parseCSP reads a policy: directives separated by ";", each a name and
// sources separated by spaces. Names are case-insensitive; a directive
// named twice is an error, as browsers ignore the second.
func parseCSP(s string) (cspPolicy, error) {
	var pol cspPolicy
	seen := map[string]bool{}
	for _, part := range strings.Split(s, ";") {
		fields := strings.Fields(part)
		if len(fields) == 0 {
			continue
		}
		name := strings.ToLower(fields[0])
		if !directiveName.MatchString(name) {
			return nil, errors.New(strconv.Quote(fields[0]) + " is not a directive name")
		}
		if seen[name] {
			return nil, errors.New("the directive " + name + " is given twice")
		}
		seen[name] = true
		for _, src := range fields[1:] {
			if strings.ContainsAny(src, ",") {
				return nil, errors.New("the source " + strconv.Quote(src) + " of " + name + " has a comma, which would split the policy in a header")
			}
		}
		pol = append(pol, cspDirective{name: name, sources: fields[1:]})
	}
	if len(pol) == 0 {
		return nil, errors.New("it is empty")
	}
	return pol, nil
}

func (p cspPolicy) String() string {
	parts := make([]string, len(p))
	for i, d := range p {
		parts[i] = strings.Join(append([]string{d.name}, d.sources...), " ")
	}
	return strings.Join(parts, "; ")
}

func (p cspPolicy) get(name string) (cspDirective, bool) {
	for _, d := range p {
		if d.name == name {
			return d, true
		}
	}
	return cspDirective{}, false
}

// cspFallback is where a fetch directive that a policy leaves out takes its
// sources from, in order (CSP Level 3). Directives not listed have no
// fallback: leaving them out leaves them unrestricted.
var cspFallback = map[string][]string{
	"script-src":      {"default-src"},
	"script-src-elem": {"script-src", "default-src"},
	"script-src-attr": {"script-src", "default-src"},
	"style-src":       {"default-src"},
	"style-src-elem":  {"style-src", "default-src"},
	"style-src-attr":  {"style-src", "default-src"},
	"img-src":         {"default-src"},
	"font-src":        {"default-src"},
	"connect-src":     {"default-src"},
	"media-src":       {"default-src"},
	"object-src":      {"default-src"},
	"manifest-src":    {"default-src"},
	"child-src":       {"default-src"},
	"frame-src":       {"child-src", "default-src"},
	"worker-src":      {"child-src", "script-src", "default-src"},
}

// effective returns the sources that apply to a directive: its own, else
// its fallback's. ok is false when nothing restricts it.
func (p cspPolicy) effective(name string) ([]string, bool) {
	if d, ok := p.get(name); ok {
		return d.sources, true
	}
	for _, f := range cspFallback[name] {
		if d, ok := p.get(f); ok {
			return d.sources, true
		}
	}
	return nil, false
}

// cspUnion returns a policy that allows everything any of the policies
// allows, and no more than it must: each directive's sources are the union
// of what each policy lets that directive use, and a directive that some
// policy leaves unrestricted is left out. It is the one policy a host can
// send with every page, while each page's own meta tag narrows it.
func cspUnion(policies []cspPolicy) cspPolicy {
	var names []string
	seen := map[string]bool{}
	for _, p := range policies {
		for _, d := range p {
			if !seen[d.name] {
				seen[d.name] = true
				names = append(names, d.name)
			}
		}
	}
	var out cspPolicy
	for _, name := range names {
		var sources []string
		has := map[string]bool{}
		restricted := true
		for _, p := range policies {
			srcs, ok := p.effective(name)
			if !ok {
				restricted = false
				break
			}
			for _, src := range srcs {
				if !has[src] {
					has[src] = true
					sources = append(sources, src)
				}
			}
		}
		if !restricted {
			continue
		}
		if len(sources) > 1 && has["'none'"] {
			kept := sources[:0]
			for _, src := range sources {
				if src != "'none'" {
					kept = append(kept, src)
				}
			}
			sources = kept
		}
		out = append(out, cspDirective{name: name, sources: sources})
	}
	// A directive that says no more than its fallback is left out.
	var tidy cspPolicy
	for i, d := range out {
		rest := append(append(cspPolicy{}, tidy...), out[i+1:]...)
		if fb, ok := rest.effective(d.name); ok && sameSources(fb, d.sources) {
			continue
		}
		tidy = append(tidy, d)
	}
	return tidy
}

func sameSources(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	set := map[string]bool{}
	for _, s := range a {
		set[s] = true
	}
	for _, s := range b {
		if !set[s] {
			return false
		}
	}
	return true
}

// withFrameAncestors returns p with frame-ancestors set to sources.
func (p cspPolicy) withFrameAncestors(sources ...string) cspPolicy {
	var out cspPolicy
	for _, d := range p {
		if d.name != "frame-ancestors" {
			out = append(out, d)
		}
	}
	return append(out, cspDirective{name: "frame-ancestors", sources: sources})
}

var fingerprinted = regexp.MustCompile(`\.[0-9a-f]{8,64}\.[a-z0-9]+$`)

// headerRule is one block of _headers: a path pattern and its headers.
type headerRule struct {
	comment string
	pattern string
	headers [][2]string
}

// headers writes _headers, the file Netlify and Cloudflare Pages read.
//
// Both hosts send the headers of every rule whose pattern matches a path,
// but they combine two rules that set the same header differently:
// Netlify keeps the later value, Cloudflare Pages (and browsertest.Serve)
// sends both, and two Content-Security-Policy headers are two policies that
// must both allow a thing. So every value here is the whole policy, and no
// rule forbids what a later one allows: the rule for every path sends the
// union of the pages' policies (each page's meta tag narrows it, and
// 'wasm-unsafe-eval' is only allowed where the record form's meta tag
// allows it) with X-Frame-Options: DENY, which browsers ignore once a
// policy has frame-ancestors; pages that are not embeds get frame-ancestors
// 'none' from rules no embed matches (placeholders, one folder deep each);
// embeds get frame-ancestors * from rules of their own.
func (s *site) headers(policies []pagePolicy, files []outputFile, worker bool) []byte {
	var all []cspPolicy
	for _, p := range policies {
		all = append(all, p.policy)
	}
	union := cspUnion(all)
	var rules []headerRule
	every := headerRule{
		comment: "Every response. The policy is the union of the pages' own policies; each page's meta tag narrows it.",
		pattern: s.base + "*",
		headers: [][2]string{
			{"X-Content-Type-Options", "nosniff"},
			{"Referrer-Policy", "no-referrer"},
			{"X-Frame-Options", "DENY"},
		},
	}
	if len(union) > 0 {
		every.headers = append(every.headers, [2]string{"Content-Security-Policy", union.String()})
	}
	rules = append(rules, every)

	if len(union) > 0 {
		noFrames := union.withFrameAncestors("'none'").String()
		comment := "Pages that are not embeds: no site may frame them."
		for _, pattern := range s.unframedPatterns(policies) {
			rules = append(rules, headerRule{comment: comment, pattern: pattern, headers: [][2]string{{"Content-Security-Policy", noFrames}}})
			comment = ""
		}
		comment = "Embeds: any site may frame them."
		for _, p := range policies {
			if p.embed {
				rules = append(rules, headerRule{comment: comment, pattern: s.url(p.url), headers: [][2]string{{"Content-Security-Policy", union.withFrameAncestors("*").String()}}})
				comment = ""
			}
		}
	}

	rules = append(rules, headerRule{comment: "The updates feed.", pattern: s.url(feedPath), headers: [][2]string{{"Content-Type", "application/atom+xml; charset=utf-8"}}})
	if worker {
		rules = append(rules, headerRule{comment: "The service worker is checked for a new build on every visit.", pattern: s.url(swPath), headers: [][2]string{{"Cache-Control", "no-cache"}}})
	}
	rules = append(rules, headerRule{comment: "The record form's WebAssembly module.", pattern: s.base + "*.wasm", headers: [][2]string{{"Content-Type", "application/wasm"}}})
	comment := "Fingerprinted files never change: a new version has a new name."
	for _, pattern := range fingerprintPatterns(files) {
		rules = append(rules, headerRule{comment: comment, pattern: s.url(pattern), headers: [][2]string{{"Cache-Control", "public, max-age=31536000, immutable"}}})
		comment = ""
	}

	var b bytes.Buffer
	b.WriteString("# Headers for Netlify and Cloudflare Pages, written by resolve build.\n# GitHub Pages ignores this file: see docs/deploy.md.\n")
	for _, r := range rules {
		b.WriteString("\n")
		if r.comment != "" {
			b.WriteString("# " + r.comment + "\n")
		}
		b.WriteString(r.pattern + "\n")
		for _, h := range r.headers {
			b.WriteString("  " + h[0] + ": " + h[1] + "\n")
		}
	}
	return b.Bytes()
}

// unframedPatterns returns path patterns that match every page that is not
// an embed and no embed: the home page, a placeholder for each of the first
// two folder depths (embeds are three deep: /<id>/embed/<what>/), and for
// deeper pages a pattern for each second-level folder with no embed in it,
// or the page itself.
func (s *site) unframedPatterns(policies []pagePolicy) []string {
	embeds := map[string]bool{} // second-level folders holding an embed
	for _, p := range policies {
		if p.embed {
			embeds[secondLevel(p.url)] = true
		}
	}
	patterns := []string{s.base, s.base + ":section/", s.base + ":section/:page/"}
	seen := map[string]bool{}
	for _, p := range policies {
		if p.embed {
			continue
		}
		segments := strings.Split(strings.Trim(p.url, "/"), "/")
		switch {
		case p.url == "/" || len(segments) <= 2 && strings.HasSuffix(p.url, "/"):
			continue // matched by the home page or a placeholder
		case len(segments) <= 2:
			// A file such as /404.html: its own rule.
			if !seen[p.url] {
				seen[p.url] = true
				patterns = append(patterns, s.url(p.url))
			}
		default:
			pattern := s.url(p.url)
			if dir := secondLevel(p.url); !embeds[dir] {
				pattern = s.url(dir) + "*"
			}
			if !seen[pattern] {
				seen[pattern] = true
				patterns = append(patterns, pattern)
			}
		}
	}
	return patterns
}

// secondLevel returns the second-level folder of a site path: "/a/b/" for
// "/a/b/c/", or "" for a path less deep.
func secondLevel(p string) string {
	segments := strings.Split(strings.Trim(p, "/"), "/")
	if len(segments) < 3 {
		return ""
	}
	return "/" + segments[0] + "/" + segments[1] + "/"
}

// fingerprintPatterns returns patterns for the fingerprinted files: a
// folder's pattern when every file under it is fingerprinted (the highest
// such folder), else the file's own path.
func fingerprintPatterns(files []outputFile) []string {
	all := map[string]bool{} // folder -> every file under it is fingerprinted
	for _, f := range files {
		ok := fingerprinted.MatchString(f.path)
		for dir := path.Dir(f.path); dir != "."; dir = path.Dir(dir) {
			prev, seen := all[dir]
			all[dir] = ok && (prev || !seen)
		}
	}
	// top returns the highest folder above p whose files are all fingerprinted.
	top := func(p string) string {
		found := ""
		for dir := path.Dir(p); dir != "."; dir = path.Dir(dir) {
			if all[dir] {
				found = dir
			}
		}
		return found
	}
	var out []string
	seen := map[string]bool{}
	for _, f := range files {
		if !fingerprinted.MatchString(f.path) {
			continue
		}
		pattern := "/" + f.path
		if dir := top(f.path); dir != "" {
			pattern = "/" + dir + "/*"
		}
		if !seen[pattern] {
			seen[pattern] = true
			out = append(out, pattern)
		}
	}
	return out
}
