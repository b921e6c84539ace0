package build

import (
	"bytes"
	"path"
	"regexp"
	"sort"
	"strings"
)

// pagePolicy is the policy of one page.
type pagePolicy struct {
	url string // site path
	*policy
}

// pagePolicies returns the policy of every page whose layout wrote it, in
// output order.
func (s *site) pagePolicies() []pagePolicy {
	var out []pagePolicy
	for _, p := range s.sorted() {
		if p.hasPolicy {
			out = append(out, pagePolicy{url: p.url, policy: policyOf(p.kind)})
		}
	}
	return out
}

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
	// Pages share their kind's policy: the union needs each policy once.
	var all []cspPolicy
	seen := map[*policy]bool{}
	for _, p := range policies {
		if !seen[p.policy] {
			seen[p.policy] = true
			all = append(all, p.csp)
		}
	}
	union := cspUnion(all)
	var rules []headerRule
	every := headerRule{
		comment: "Every response. The policy is the union of the pages' own policies; each page's meta tag narrows it.",
		pattern: s.base + "*",
		headers: [][2]string{
			{"X-Content-Type-Options", "nosniff"},
			{"Referrer-Policy", sitePolicy.referrer},
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
			if p.framed {
				rules = append(rules, headerRule{comment: comment, pattern: s.url(p.url), headers: [][2]string{{"Content-Security-Policy", union.withFrameAncestors("*").String()}}})
				comment = ""
			}
		}
	}

	comment := "Files other sites' scripts may read: oEmbed responses."
	for _, f := range s.sharedFiles() {
		rules = append(rules, headerRule{comment: comment, pattern: s.url("/" + f), headers: [][2]string{{"Access-Control-Allow-Origin", "*"}}})
		comment = ""
	}

	rules = append(rules, headerRule{comment: "The updates feed.", pattern: s.url(feedPath), headers: [][2]string{{"Content-Type", "application/atom+xml; charset=utf-8"}}})
	if worker {
		rules = append(rules, headerRule{comment: "The service worker is checked for a new build on every visit.", pattern: s.url(swPath), headers: [][2]string{{"Cache-Control", "no-cache"}}})
	}
	rules = append(rules, headerRule{comment: "The record form's WebAssembly module.", pattern: s.base + "*.wasm", headers: [][2]string{{"Content-Type", "application/wasm"}}})
	comment = "Fingerprinted files never change: a new version has a new name."
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

// sharedFiles returns the paths of the generated files any site may read
// (their policy is shared), sorted.
func (s *site) sharedFiles() []string {
	var out []string
	for _, f := range s.files {
		if f.policy != nil && f.policy.shared {
			out = append(out, f.path)
		}
	}
	sort.Strings(out)
	return out
}

// unframedPatterns returns path patterns that match every page that is not
// an embed and no embed: the home page, a placeholder for each of the first
// two folder depths (embeds are three deep: /<id>/embed/<what>/), and for
// deeper pages a pattern for each second-level folder with no embed in it,
// or the page itself.
func (s *site) unframedPatterns(policies []pagePolicy) []string {
	embeds := map[string]bool{} // second-level folders holding an embed
	for _, p := range policies {
		if p.framed {
			embeds[secondLevel(p.url)] = true
		}
	}
	patterns := []string{s.base, s.base + ":section/", s.base + ":section/:page/"}
	seen := map[string]bool{}
	for _, p := range policies {
		if p.framed {
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

// fingerprinted matches the name of a file whose content is in its name.
var fingerprinted = regexp.MustCompile(`\.[0-9a-f]{8,64}\.[a-z0-9]+$`)

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
