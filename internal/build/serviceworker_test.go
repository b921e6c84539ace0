package build

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"resolve/internal/browsertest"
)

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
	t.Run("node --check", func(t *testing.T) {
		node := browsertest.Program(t, "node")
		if out, err := exec.Command(node, "--check", filepath.Join(cfg.Out, "sw.js")).CombinedOutput(); err != nil {
			t.Errorf("sw.js is not valid JavaScript: %v\n%s", err, out)
		}
	})

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
