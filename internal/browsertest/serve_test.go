package browsertest

import (
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
)

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

func TestServe(t *testing.T) {
	base := Serve(t, fixture)
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	if u.Hostname() != "127.0.0.1" || u.Path != "/" {
		t.Errorf("Serve() = %s; want http://127.0.0.1:PORT/", base)
	}
	csp := "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"

	tests := []struct {
		path     string
		status   int
		ctype    string
		body     string // a part of the body; the file's content for 200
		location string
		fixture  string // the X-Fixture header, which only /sub/* has
	}{
		{path: "", status: 200, ctype: "text/html; charset=utf-8", body: "<title>Resolving disagreements"},
		{path: "index.html", status: 200, ctype: "text/html; charset=utf-8", body: "<title>Resolving disagreements"},
		{path: "style.css", status: 200, ctype: "text/css; charset=utf-8", body: ".skip-link"},
		{path: "app.js", status: 200, ctype: "text/javascript; charset=utf-8", body: "dataset.script"},
		{path: "flow.svg", status: 200, ctype: "image/svg+xml", body: "<svg"},
		{path: "data.json", status: 200, ctype: "application/json", body: `"fixture"`},
		{path: "feed.xml", status: 200, ctype: "application/xml", body: "<feed"},
		{path: "app.webmanifest", status: 200, ctype: "application/manifest+json", body: `"start_url"`},
		{path: "module.wasm", status: 200, ctype: "application/wasm", body: "\x00asm"},
		{path: "sub", status: 301, location: "sub/"},
		{path: "sub/", status: 200, ctype: "text/html; charset=utf-8", body: "A section index", fixture: "sub"},
		{path: "missing/page/", status: 404, ctype: "text/html; charset=utf-8", body: "Page not found"},
		{path: "_headers", status: 404, body: "Page not found"},
		{path: ".hidden", status: 404, body: "Page not found"},
		{path: "%2e%2e/go.mod", status: 404, body: "Page not found"},
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
		if got := resp.Header.Get("X-Fixture"); got != tt.fixture {
			t.Errorf("GET /%s: X-Fixture %q; want %q", tt.path, got, tt.fixture)
		}
		if tt.status == 200 && resp.Header.Get("Content-Length") == "" {
			t.Errorf("GET /%s: no Content-Length", tt.path)
		}
	}

	// The served bytes are the file's, byte for byte.
	want, err := os.ReadFile(fixture + "/module.wasm")
	if err != nil {
		t.Fatal(err)
	}
	if _, body := get(t, base+"module.wasm"); body != string(want) {
		t.Errorf("GET /module.wasm = %q; want %q", body, want)
	}
}

func TestServeAt(t *testing.T) {
	base := ServeAt(t, fixture, "/procedures/")
	if !strings.HasSuffix(base, "/procedures/") {
		t.Fatalf("ServeAt() = %s; want it to end in /procedures/", base)
	}
	tests := []struct {
		url      string
		status   int
		location string
	}{
		{base, 200, ""},
		{base + "style.css", 200, ""},
		{base + "sub", 301, "sub/"},
		{strings.TrimSuffix(base, "procedures/") + "style.css", 404, ""},
	}
	for _, tt := range tests {
		resp, _ := get(t, tt.url)
		if resp.StatusCode != tt.status || resp.Header.Get("Location") != tt.location {
			t.Errorf("GET %s: %d, Location %q; want %d, %q", tt.url, resp.StatusCode, resp.Header.Get("Location"), tt.status, tt.location)
		}
	}
}

func TestServeWithoutHeadersFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/index.html", []byte("<!DOCTYPE html><title>x</title>"), 0o644); err != nil {
		t.Fatal(err)
	}
	base := Serve(t, dir)
	resp, _ := get(t, base)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Security-Policy") != "" {
		t.Errorf("GET /: %d, CSP %q; want 200 and no CSP", resp.StatusCode, resp.Header.Get("Content-Security-Policy"))
	}
	resp, body := get(t, base+"nothing")
	if resp.StatusCode != 404 || !strings.Contains(body, "404") {
		t.Errorf("GET /nothing without 404.html: %d %q; want a plain 404", resp.StatusCode, body)
	}
}
