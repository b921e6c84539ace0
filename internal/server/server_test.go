package server

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"resolve/internal/build"
)

// site writes a minimal site: a home page, one layout, one stylesheet.
func site(t *testing.T) build.Config {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"content/_index.md":   "---\ntitle: Home\n---\nFirst version.\n",
		"layouts/base.html":   `<!DOCTYPE html><html lang="en"><head><meta http-equiv="Content-Security-Policy" content="{{.Page.CSP}}"><title>{{.Page.Title}}</title></head><body>{{block "main" .}}{{end}}</body></html>`,
		"layouts/home.html":   `{{define "main"}}{{.Page.Content}}{{end}}`,
		"layouts/a-z.html":    `{{define "main"}}az{{end}}`,
		"layouts/search.html": `{{define "main"}}search{{end}}`,
		"layouts/404.html":    `{{define "main"}}Not here{{end}}`,
		"static/css/site.css": "body{}",
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return build.Config{
		Content: filepath.Join(dir, "content"), Layouts: filepath.Join(dir, "layouts"),
		Static: filepath.Join(dir, "static"), Out: filepath.Join(dir, "site"),
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// TestServeRebuildsAndReloads edits the site while serving it, watching
// with file events and by polling, and checks each reload event: a page
// edited is named, a failed build and the one after it name none (every
// page reloads).
func TestServeRebuildsAndReloads(t *testing.T) {
	for _, poll := range []bool{false, true} {
		t.Run(map[bool]string{false: "events", true: "polling"}[poll], func(t *testing.T) {
			testRebuildsAndReloads(t, poll)
		})
	}
}

func testRebuildsAndReloads(t *testing.T, poll bool) {
	cfg := site(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Config{Build: cfg, Addr: "127.0.0.1:0", Watch: []string{cfg.Content, cfg.Layouts, cfg.Static},
			Poll: poll, Interval: 50 * time.Millisecond, Ready: func(a string) { ready <- a }})
	}()
	var base string
	select {
	case a := <-ready:
		base = "http://" + a
	case err := <-done:
		t.Fatalf("Run: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("server did not start")
	}

	code, body := get(t, base+"/")
	if code != 200 || !strings.Contains(body, "First version.") || !strings.Contains(body, `<script src="`+scriptPath+`" defer></script></body>`) {
		t.Fatalf("GET / = %d %s; want the page with the reload script", code, body)
	}
	if code, body := get(t, base+scriptPath); code != 200 || !strings.Contains(body, eventsPath) {
		t.Errorf("GET %s = %d %s", scriptPath, code, body)
	}
	if code, body := get(t, base+"/no/such/page/"); code != 404 || !strings.Contains(body, "Not here") {
		t.Errorf("GET a missing page = %d %s; want 404 with the site's 404 page", code, body)
	}

	// Listen for reload events, then change the content.
	// Listen as two tabs: one on the home page, which reload.js names,
	// and one that names none.
	listen := func(query string) chan string {
		res, err := http.Get(base + eventsPath + query)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { res.Body.Close() })
		events := make(chan string, 10)
		connected := make(chan struct{})
		go func() {
			r := bufio.NewReader(res.Body)
			for {
				line, err := r.ReadString('\n')
				if err != nil {
					return
				}
				switch {
				case strings.HasPrefix(line, ": connected"):
					close(connected)
				case strings.HasPrefix(line, "event: "):
					ev := strings.TrimSpace(strings.TrimPrefix(line, "event: "))
					data, err := r.ReadString('\n')
					if err != nil {
						return
					}
					events <- ev + " " + strings.TrimSpace(strings.TrimPrefix(data, "data: "))
				}
			}
		}()
		// The server says it is connected once it will send this client events.
		select {
		case <-connected:
		case <-time.After(10 * time.Second):
			t.Fatal("the event stream never said it was connected")
		}
		return events
	}
	tabs := []chan string{listen("?page=/"), listen("")}
	write := func(text string) {
		if err := os.WriteFile(filepath.Join(cfg.Content, "_index.md"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Each tab gets one event a build: a second would be read in place
	// of the next build's.
	waitReload := func(want string) {
		t.Helper()
		for _, events := range tabs {
			select {
			case ev := <-events:
				if ev != "reload "+want {
					t.Fatalf("event %q; want reload %s", ev, want)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("no reload event after a change")
			}
		}
	}
	write("---\ntitle: Home\n---\nSecond version.\n")
	waitReload(`{"changed":["/"]}`)
	if _, body := get(t, base+"/"); !strings.Contains(body, "Second version.") {
		t.Errorf("after a change, GET / = %s; want the new text", body)
	}

	// A broken page: the browser sees the error, the server keeps running.
	write("---\ntitle: Home\ncolour: red\n---\nBroken.\n")
	waitReload(`{"changed":null}`)
	code, body = get(t, base+"/")
	if code != 500 || !strings.Contains(body, "The build failed") || !strings.Contains(body, `_index.md:3: unknown key &#34;colour&#34;`) {
		t.Errorf("after a bad change, GET / = %d %s; want the error page naming the file and line", code, body)
	}
	// What is not a page still comes from the last good site.
	if code, body := get(t, base+"/sitemap.xml"); code != 200 || !strings.Contains(body, "<urlset") {
		t.Errorf("after a bad change, GET /sitemap.xml = %d %s; want the last good site's sitemap", code, body)
	}

	write("---\ntitle: Home\n---\nFixed.\n")
	waitReload(`{"changed":null}`)
	if code, body := get(t, base+"/"); code != 200 || !strings.Contains(body, "Fixed.") {
		t.Errorf("after the fix, GET / = %d %s", code, body)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run returned %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Error("server did not stop")
	}
}

// start runs a server building cfg, polling once an hour (the tests that
// use it build by hand), and returns its address.
func start(t *testing.T, cfg build.Config) string {
	t.Helper()
	return runServer(t, Config{Build: cfg, Interval: time.Hour})
}

// runServer runs a server on cfg, on a free loopback port, and returns
// its address. It stops when the test ends.
func runServer(t *testing.T, cfg Config) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	cfg.Addr = "127.0.0.1:0"
	cfg.Ready = func(a string) { ready <- a }
	go func() { done <- Run(ctx, cfg) }()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	select {
	case a := <-ready:
		return "http://" + a
	case err := <-done:
		t.Fatalf("Run: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("server did not start")
	}
	return ""
}

// TestServeRefusesRebinding sends what a page on another site that made
// its name resolve to 127.0.0.1 would send: a foreign Host header. Nothing
// of the site, its events or its reload script may be read that way.
func TestServeRefusesRebinding(t *testing.T) {
	base := start(t, site(t))
	for _, p := range []string{"/", "/index.html", eventsPath, scriptPath, "/sitemap.xml"} {
		for host, want := range map[string]int{"evil.example": 403, "evil.example:80": 403, "localhost": 200} {
			req, _ := http.NewRequest(http.MethodGet, base+p, nil)
			req.Host = host
			if p == eventsPath && want == 200 {
				continue // a stream that stays open
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != want {
				t.Errorf("GET %s with Host %s = %d; want %d", p, host, res.StatusCode, want)
			}
			if want == 403 && strings.Contains(string(b), "<urlset") {
				t.Errorf("GET %s with Host %s sent the site", p, host)
			}
		}
	}
}

// TestServeSendsProductionHeaders checks that serve sends what _headers
// gives production, the security policy included, and serves nothing
// outside the output folder.
func TestServeSendsProductionHeaders(t *testing.T) {
	cfg := site(t)
	base := start(t, cfg)
	res, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	headers, err := os.ReadFile(filepath.Join(cfg.Out, "_headers"))
	if err != nil {
		t.Fatal(err)
	}
	csp := res.Header.Get("Content-Security-Policy")
	if csp == "" || !strings.Contains(string(headers), "Content-Security-Policy: "+csp) {
		t.Errorf("GET / sent Content-Security-Policy %q; want the policy of _headers:\n%s", csp, headers)
	}
	for k, v := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer", "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache"} {
		if got := res.Header.Get(k); got != v {
			t.Errorf("GET / sent %s: %q; want %q", k, got, v)
		}
	}
	os.WriteFile(filepath.Join(filepath.Dir(cfg.Out), "secret.txt"), []byte("DEPLOY_TOKEN"), 0o600)
	for _, p := range []string{"/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/_headers", "/.resolve-build"} {
		code, body := get(t, base+p)
		if code != 404 || strings.Contains(body, "DEPLOY_TOKEN") {
			t.Errorf("GET %s = %d %.60q; want 404", p, code, body)
		}
	}
}

// TestServeRefusesAnOutputThatIsNotABuild: serve would show the folder as
// the site if the first build failed, so it refuses one that is not a build.
func TestServeRefusesAnOutputThatIsNotABuild(t *testing.T) {
	cfg := site(t)
	cfg.Out = cfg.Content
	err := Run(context.Background(), Config{Build: cfg, Addr: "127.0.0.1:0"})
	if err == nil || !strings.Contains(err.Error(), "is the content folder") {
		t.Errorf("Run with --out content = %v; want a refusal", err)
	}
}
