package browsertest

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// The host's behaviour is tested in package statichost; these tests check
// that Serve and ServeAt put it on 127.0.0.1 under the right path.

func TestServe(t *testing.T) {
	base := Serve(t, fixture)
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	if u.Hostname() != "127.0.0.1" || u.Path != "/" {
		t.Errorf("Serve() = %s; want http://127.0.0.1:PORT/", base)
	}
	resp, err := http.Get(base)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "<title>Resolving disagreements") || resp.Header.Get("Content-Security-Policy") == "" {
		t.Errorf("GET / = %d, CSP %q; want the page with the policy from _headers", resp.StatusCode, resp.Header.Get("Content-Security-Policy"))
	}
}

func TestServeAt(t *testing.T) {
	base := ServeAt(t, fixture, "/procedures/")
	if !strings.HasSuffix(base, "/procedures/") {
		t.Fatalf("ServeAt() = %s; want it to end in /procedures/", base)
	}
	for u, want := range map[string]int{base + "style.css": 200, strings.TrimSuffix(base, "procedures/") + "style.css": 404} {
		resp, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("GET %s: %d; want %d", u, resp.StatusCode, want)
		}
	}
}
