package build

import (
	"net/http"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

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
