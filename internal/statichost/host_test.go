package statichost

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixture is the test site. Package browsertest's tests serve it too, and
// its foreign.html, foreign.js, invalid.html and violations.html are theirs.
const fixture = "testdata/site"

// serve serves dir with opts on a test server and returns its URL.
func serve(t *testing.T, dir string, opts Options) string {
	t.Helper()
	h, err := Open(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// get fetches u, reporting a redirect rather than following it.
func get(t *testing.T, u string) (*http.Response, string) {
	t.Helper()
	client := &http.Client{
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	resp, err := client.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

func TestHost(t *testing.T) {
	base := serve(t, fixture, Options{}) + "/"
	csp := "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"
	tests := []struct {
		path     string
		status   int
		ctype    string
		body     string // a part of the body
		location string
		extra    string // the X-Fixture or X-Placeholder header, which only some paths have
	}{
		{path: "", status: 200, ctype: "text/html; charset=utf-8", body: "<title>Resolving disagreements"},
		{path: "index.html", status: 200, ctype: "text/html; charset=utf-8", body: "<title>Resolving disagreements"},
		{path: "style.css", status: 200, ctype: "text/css; charset=utf-8", body: ".skip-link"},
		{path: "app.js", status: 200, ctype: "text/javascript; charset=utf-8", body: "dataset.script"},
		{path: "flow.svg", status: 200, ctype: "image/svg+xml", body: "<svg"},
		{path: "data.json", status: 200, ctype: "application/json", body: `"fixture"`},
		{path: "feed.xml", status: 200, ctype: "application/atom+xml; charset=utf-8", body: "<feed"},
		{path: "app.webmanifest", status: 200, ctype: "application/manifest+json", body: `"start_url"`},
		{path: "module.wasm", status: 200, ctype: "application/wasm", body: "\x00asm"},
		{path: "report.pdf", status: 200, ctype: "application/pdf", body: "%PDF"},
		{path: "form.docx", status: 200, ctype: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", body: "PK"},
		{path: "photo.PNG", status: 200, ctype: "image/png", body: "PNG"},
		{path: "sub", status: 301, location: "sub/"},
		{path: "sub/", status: 200, ctype: "text/html; charset=utf-8", body: "A section index", extra: "sub"},
		{path: "sub/deep/", status: 200, ctype: "text/html; charset=utf-8", body: "A deep page", extra: "sub matched"},
		{path: "missing/page/", status: 404, ctype: "text/html; charset=utf-8", body: "Page not found"},
		{path: "missing.wasm", status: 404, ctype: "text/html; charset=utf-8", body: "Page not found"},
		{path: "_headers", status: 404, body: "Page not found"},
		{path: "_redirects", status: 404, body: "Page not found"},
		{path: "_private.txt", status: 200, ctype: "text/plain; charset=utf-8", body: "private"},
		{path: ".resolve-build", status: 404, body: "Page not found"},
		{path: "sub/.hidden", status: 404, body: "Page not found", extra: "sub"},
		{path: "%2e%2e/host.go", status: 404, body: "Page not found"},
		{path: "..%2fhost.go", status: 404, body: "Page not found"},
		{path: "sub/..%2f..%2fhost.go", status: 404, body: "Page not found", extra: "sub"},
	}
	for _, tt := range tests {
		resp, body := get(t, base+tt.path)
		if resp.StatusCode != tt.status {
			t.Errorf("GET /%s: status %d; want %d", tt.path, resp.StatusCode, tt.status)
		}
		if tt.ctype != "" && resp.Header.Get("Content-Type") != tt.ctype {
			t.Errorf("GET /%s: Content-Type %q; want %q", tt.path, resp.Header.Get("Content-Type"), tt.ctype)
		}
		if !strings.Contains(body, tt.body) {
			t.Errorf("GET /%s: body %.60q; want it to contain %q", tt.path, body, tt.body)
		}
		if got := resp.Header.Get("Location"); got != tt.location {
			t.Errorf("GET /%s: Location %q; want %q", tt.path, got, tt.location)
		}
		if got := resp.Header.Get("Content-Security-Policy"); got != csp {
			t.Errorf("GET /%s: Content-Security-Policy %q; want %q from _headers", tt.path, got, csp)
		}
		if got := strings.TrimSpace(resp.Header.Get("X-Fixture") + " " + resp.Header.Get("X-Placeholder")); got != tt.extra {
			t.Errorf("GET /%s: X-Fixture and X-Placeholder %q; want %q", tt.path, got, tt.extra)
		}
		if tt.status == 200 && resp.Header.Get("Content-Length") == "" {
			t.Errorf("GET /%s: no Content-Length", tt.path)
		}
	}
	want, err := os.ReadFile(fixture + "/module.wasm")
	if err != nil {
		t.Fatal(err)
	}
	if _, body := get(t, base+"module.wasm"); body != string(want) {
		t.Errorf("GET /module.wasm = %q; want %q", body, want)
	}
	req, _ := http.NewRequest(http.MethodPost, base, nil)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST / = %v, %v; want 405", resp, err)
	}
}

func TestHostBase(t *testing.T) {
	top := serve(t, fixture, Options{Base: "/procedures/"})
	tests := []struct {
		url      string
		status   int
		location string
	}{
		{top + "/procedures/", 200, ""},
		{top + "/procedures", 301, "procedures/"},
		{top + "/procedures/style.css", 200, ""},
		{top + "/procedures/sub", 301, "sub/"},
		{top + "/style.css", 404, ""},
	}
	for _, tt := range tests {
		resp, _ := get(t, tt.url)
		if resp.StatusCode != tt.status || resp.Header.Get("Location") != tt.location {
			t.Errorf("GET %s: %d, Location %q; want %d, %q", tt.url, resp.StatusCode, resp.Header.Get("Location"), tt.status, tt.location)
		}
	}
}

// TestHostOptions: the HTML filter rewrites pages only, and the default
// headers fill in only what the file's type and _headers leave unset.
func TestHostOptions(t *testing.T) {
	base := serve(t, fixture, Options{
		HTML:   func(b []byte) []byte { return append(b, "<!-- reload -->"...) },
		Header: http.Header{"Cache-Control": {"no-cache"}, "Content-Security-Policy": {"default-src *"}},
	})
	resp, body := get(t, base+"/")
	if !strings.HasSuffix(body, "<!-- reload -->") || resp.Header.Get("Cache-Control") != "no-cache" || strings.Contains(resp.Header.Get("Content-Security-Policy"), "*") {
		t.Errorf("GET / = %q, %v; want the filtered page, no-cache and the site's own policy", body[max(0, len(body)-20):], resp.Header)
	}
	if _, body := get(t, base+"/style.css"); strings.Contains(body, "reload") {
		t.Errorf("the HTML filter ran on a stylesheet")
	}
}

// TestHostStaysInside serves a folder holding links out of it: none is followed.
func TestHostStaysInside(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	os.MkdirAll(site, 0o755)
	os.WriteFile(filepath.Join(dir, "secret.txt"), []byte("DEPLOY_TOKEN"), 0o600)
	for name, target := range map[string]string{"env.txt": "/proc/self/environ", "up.txt": "../secret.txt", "abs.txt": filepath.Join(dir, "secret.txt")} {
		if err := os.Symlink(target, filepath.Join(site, name)); err != nil {
			t.Skip(err)
		}
	}
	base := serve(t, site, Options{})
	for _, p := range []string{"/env.txt", "/up.txt", "/abs.txt", "/../secret.txt", "/%2e%2e/secret.txt"} {
		resp, body := get(t, base+p)
		if resp.StatusCode != 404 || strings.Contains(body, "DEPLOY_TOKEN") || strings.Contains(body, "PATH=") {
			t.Errorf("GET %s = %d %.40q; want 404", p, resp.StatusCode, body)
		}
	}
}

func TestHostWithoutHeadersFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/index.html", []byte("<!DOCTYPE html><title>x</title>"), 0o644); err != nil {
		t.Fatal(err)
	}
	base := serve(t, dir, Options{})
	resp, _ := get(t, base+"/")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Security-Policy") != "" {
		t.Errorf("GET /: %d, CSP %q; want 200 and no CSP", resp.StatusCode, resp.Header.Get("Content-Security-Policy"))
	}
	resp, body := get(t, base+"/nothing")
	if resp.StatusCode != 404 || !strings.Contains(body, "404") {
		t.Errorf("GET /nothing without 404.html: %d %q; want a plain 404", resp.StatusCode, body)
	}
}

func TestOpenRefusesBadHeaders(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "_headers"), []byte("/\n  nonsense\n"), 0o644)
	if _, err := Open(dir, Options{}); err == nil || !strings.Contains(err.Error(), "_headers:2:") {
		t.Errorf("Open with a bad _headers: %v; want an error at _headers:2", err)
	}
}

func TestTypeOf(t *testing.T) {
	for name, want := range map[string]string{"a.PDF": "application/pdf", "b.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "c": "application/octet-stream", "d.exe": "application/octet-stream", "e.jpeg": "image/jpeg"} {
		if got := TypeOf(name); got != want {
			t.Errorf("TypeOf(%q) = %q; want %q", name, got, want)
		}
	}
}
