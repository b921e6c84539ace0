package browsertest

import (
	"net/http/httptest"
	"testing"

	"resolve/internal/statichost"
)

// Serve serves the built site in dir on 127.0.0.1 and returns its base URL,
// ending in a slash. The server is closed when the test ends.
//
// It is package statichost, the host behind resolve serve, which behaves as
// the static hosts the site is published on: fixed content types, folders
// served by their index.html, the site's 404.html, the headers of its
// _headers file (the security policy included), nothing read from outside
// dir, and only its own host names answered.
func Serve(t testing.TB, dir string) string {
	t.Helper()
	return ServeAt(t, dir, "/")
}

// ServeAt is [Serve] with the site under the sub-path base (such as
// "/procedures/"), as a site built with --base-url is published. Paths
// outside base get 404, and _headers patterns match the path below base.
func ServeAt(t testing.TB, dir, base string) string {
	t.Helper()
	host, err := statichost.Open(dir, statichost.Options{Base: base})
	if err != nil {
		t.Fatalf("browsertest: serving %s: %v", dir, err)
	}
	t.Cleanup(func() { host.Close() })
	srv := httptest.NewUnstartedServer(nil) // listens on 127.0.0.1
	srv.Config.Handler = statichost.Hosts(host, statichost.NamesFor("127.0.0.1:0", srv.Listener.Addr()))
	srv.Start()
	t.Cleanup(srv.Close)
	return srv.URL + base
}
