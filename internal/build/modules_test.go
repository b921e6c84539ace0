package build

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// fakeModules gives a build the files of two modules and writes them, as
// cmd/resolve's wasmModules does with real ones. calls counts how often
// the build asked.
func fakeModules(calls *int) func() (*Modules, error) {
	files := map[string]string{
		"wasm/record.0123abcd.wasm":        "\x00asm record",
		"wasm/wasm_exec.89abcdef.js":       "// go",
		"wasm/manifest.json":               `{"module":"record.0123abcd.wasm","exec":"wasm_exec.89abcdef.js"}`,
		"audit/wasm/audit.4567cdef.wasm":   "\x00asm audit",
		"audit/wasm/wasm_exec.89abcdef.js": "// go",
		"audit/wasm/manifest.json":         `{"module":"audit.4567cdef.wasm","exec":"wasm_exec.89abcdef.js"}`,
	}
	return func() (*Modules, error) {
		*calls++
		return &Modules{
			Files: []ModuleFiles{
				{Name: "record", Module: "wasm/record.0123abcd.wasm", Exec: "wasm/wasm_exec.89abcdef.js"},
				{Name: "audit", Module: "audit/wasm/audit.4567cdef.wasm", Exec: "audit/wasm/wasm_exec.89abcdef.js"},
			},
			Write: func(dir string) error {
				for name, data := range files {
					p := filepath.Join(dir, filepath.FromSlash(name))
					if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
						return err
					}
					if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
						return err
					}
				}
				return nil
			},
		}, nil
	}
}

// TestModulesNamedInPages builds the example site under a sub-path with
// modules: the record form and the audit page name their module's files
// and ask for them from their head, and the service worker and _headers
// know the files the pages name.
func TestModulesNamedInPages(t *testing.T) {
	calls := 0
	cfg := exampleConfig(t)
	cfg.BaseURL = "/procedures/"
	cfg.Modules = fakeModules(&calls)
	buildOrFail(t, cfg)
	if calls != 1 {
		t.Errorf("the build asked for its modules %d times; want once", calls)
	}
	for _, tc := range []struct{ page, attr, module, exec string }{
		{"hips/record/index.html", "form", "/procedures/wasm/record.0123abcd.wasm", "/procedures/wasm/wasm_exec.89abcdef.js"},
		{"iscp/record/index.html", "form", "/procedures/wasm/record.0123abcd.wasm", "/procedures/wasm/wasm_exec.89abcdef.js"},
		{"audit/index.html", "div", "/procedures/audit/wasm/audit.4567cdef.wasm", "/procedures/audit/wasm/wasm_exec.89abcdef.js"},
	} {
		page := readOut(t, cfg, tc.page)
		head := between(page, "<head>", "</head>")
		// The preload's mode and credentials (crossorigin: same-origin)
		// are those of the script's fetch, or the browser fetches twice.
		preload := regexp.MustCompile(`<link rel="preload" href="` + regexp.QuoteMeta(tc.module) + `" as="fetch" type="application/wasm" crossorigin>`)
		if !preload.MatchString(head) {
			t.Errorf("%s: the head does not preload the module %s with crossorigin:\n%s", tc.page, tc.module, head)
		}
		if !strings.Contains(head, `<link rel="preload" href="`+tc.exec+`" as="script">`) {
			t.Errorf("%s: the head does not preload %s as a script", tc.page, tc.exec)
		}
		if !strings.Contains(page, `data-module="`+tc.module+`" data-exec="`+tc.exec+`"`) {
			t.Errorf("%s: the %s does not name the module for the script", tc.page, tc.attr)
		}
		// Every file a page names is in the site.
		for _, u := range []string{tc.module, tc.exec} {
			if _, err := os.Stat(filepath.Join(cfg.Out, filepath.FromSlash(strings.TrimPrefix(u, "/procedures/")))); err != nil {
				t.Errorf("%s names %s, which is not in the site: %v", tc.page, u, err)
			}
		}
	}
	sw := swSettings(t, readOut(t, cfg, "sw.js"))
	if !contains(sw.Precache, "/procedures/wasm/record.0123abcd.wasm") {
		t.Errorf("the service worker does not save the record form's module: %v", sw.Precache)
	}
	if contains(sw.Precache, "/procedures/audit/wasm/audit.4567cdef.wasm") {
		t.Error("the service worker saves the audit page's module for every reader")
	}
	rules := parseHeadersFile(t, readOut(t, cfg, "_headers"))
	for _, u := range []string{"/procedures/wasm/record.0123abcd.wasm", "/procedures/audit/wasm/audit.4567cdef.wasm"} {
		if cc := hostHeaders(rules, u, "Cache-Control", true); len(cc) == 0 || !strings.Contains(cc[0], "immutable") {
			t.Errorf("_headers caches %s with %q; want it immutable", u, cc)
		}
		if ct := hostHeaders(rules, u, "Content-Type", true); len(ct) == 0 || ct[0] != "application/wasm" {
			t.Errorf("_headers sends %s as %q; want application/wasm", u, ct)
		}
	}

	// A check writes nothing and needs no modules; the pages then name
	// only the manifest.
	calls = 0
	if _, err := Check(cfg); err != nil {
		t.Fatal(err)
	}
	if calls != 0 {
		t.Errorf("a check asked for the modules %d times; want never", calls)
	}
}

// TestModulesWithoutNames builds the form with no modules given: the page
// preloads the manifest and its script reads the names there.
func TestModulesWithoutNames(t *testing.T) {
	cfg := exampleConfig(t)
	buildOrFail(t, cfg)
	page := readOut(t, cfg, "hips/record/index.html")
	if !strings.Contains(page, `<link rel="preload" href="/wasm/manifest.json" as="fetch" crossorigin>`) || strings.Contains(page, "data-module") {
		t.Errorf("without modules, the form does not fall back to its manifest:\n%s", between(page, "<head>", "</head>"))
	}
}

// TestModulesFailure: when the modules cannot be had, the build fails and
// the old site stays as it was.
func TestModulesFailure(t *testing.T) {
	cfg := publishSite(t)
	buildOrFail(t, cfg)
	before := treeHash(t, cfg.Out)
	cfg.Modules = func() (*Modules, error) { return nil, errors.New("no go command") }
	if _, err := Build(cfg); err == nil || !strings.Contains(err.Error(), "no go command") {
		t.Errorf("Build with modules that fail: %v; want their error", err)
	}
	if after := treeHash(t, cfg.Out); after != before {
		t.Error("a build whose modules failed changed the old site")
	}
}
