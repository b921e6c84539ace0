package browsertest

import (
	"errors"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"strings"
	"testing"
)

// contentTypes are the types a static host must send for the site's files.
// They are written out rather than taken from the mime package, which reads
// the machine's own tables and so differs between machines.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json",
	".xml":         "application/xml",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".ico":         "image/vnd.microsoft.icon",
	".wasm":        "application/wasm",
	".webmanifest": "application/manifest+json",
	".txt":         "text/plain; charset=utf-8",
	".md":          "text/markdown; charset=utf-8",
	".ics":         "text/calendar; charset=utf-8",
	".woff2":       "font/woff2",
}

// Serve serves the built site in dir on 127.0.0.1 and returns its base URL,
// ending in a slash. The server is closed when the test ends.
//
// It behaves as the static hosts the site is published on: each file is sent
// with its content type from a fixed table (application/octet-stream for an
// extension not in it), a directory is served by its index.html after a
// redirect to the path with a trailing slash, a missing path gets dir/404.html
// with status 404, and the headers of dir/_headers (if present) are added to
// every response whose path they match. The _headers file itself is not
// served, nor is any name starting with "." or "_".
func Serve(t testing.TB, dir string) string {
	t.Helper()
	return ServeAt(t, dir, "/")
}

// ServeAt is [Serve] with the site under the sub-path base (such as
// "/procedures/"), as a site built with --base-url is published. Paths
// outside base get 404, and _headers patterns match the path below base.
func ServeAt(t testing.TB, dir, base string) string {
	t.Helper()
	if !strings.HasPrefix(base, "/") || !strings.HasSuffix(base, "/") {
		t.Fatalf("browsertest: base %q must start and end with /", base)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatalf("browsertest: serving %s: %v", dir, err)
	}
	t.Cleanup(func() { root.Close() })

	var rules []headerRule
	if f, err := root.Open("_headers"); err == nil {
		rules, err = parseHeaders(path.Join(dir, "_headers"), f)
		f.Close()
		if err != nil {
			t.Fatalf("browsertest: %v", err)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("browsertest: %v", err)
	}

	site := &siteHandler{fsys: root.FS(), rules: rules}
	mux := http.NewServeMux()
	mux.Handle(base, http.StripPrefix(strings.TrimSuffix(base, "/"), site))
	srv := httptest.NewServer(mux) // listens on 127.0.0.1
	t.Cleanup(srv.Close)
	return srv.URL + base
}

// siteHandler serves a built site from fsys.
type siteHandler struct {
	fsys  fs.FS
	rules []headerRule
}

func (h *siteHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	urlPath := r.URL.Path
	if urlPath == "" {
		urlPath = "/"
	}
	for k, vs := range headersFor(h.rules, urlPath) {
		w.Header()[k] = vs
	}

	name := strings.TrimPrefix(path.Clean(urlPath), "/")
	if name == "" {
		name = "."
	}
	if hidden(name) {
		h.notFound(w, r)
		return
	}
	info, err := fs.Stat(h.fsys, name)
	if err != nil {
		h.notFound(w, r)
		return
	}
	if info.IsDir() {
		if !strings.HasSuffix(urlPath, "/") {
			// A relative Location stays right under a sub-path, where
			// r.URL has lost the prefix.
			escaped := r.URL.EscapedPath()
			w.Header().Set("Location", escaped[strings.LastIndex(escaped, "/")+1:]+"/")
			w.WriteHeader(http.StatusMovedPermanently)
			return
		}
		name = path.Join(name, "index.html")
	}
	if !h.serveFile(w, r, name, http.StatusOK) {
		h.notFound(w, r)
	}
}

// hidden reports whether the slash-separated name has a part that starts
// with "." or "_", which a static host keeps to itself.
func hidden(name string) bool {
	for part := range strings.SplitSeq(name, "/") {
		if strings.HasPrefix(part, ".") && part != "." || strings.HasPrefix(part, "_") {
			return true
		}
	}
	return false
}

// notFound sends 404.html from the site, or a plain 404 when it has none.
func (h *siteHandler) notFound(w http.ResponseWriter, r *http.Request) {
	if !h.serveFile(w, r, "404.html", http.StatusNotFound) {
		http.Error(w, "404 page not found", http.StatusNotFound)
	}
}

// serveFile sends the regular file name with the given status and reports
// whether there was such a file. Status 200 goes through http.ServeContent, so
// ranges and conditional requests work as on a real host.
func (h *siteHandler) serveFile(w http.ResponseWriter, r *http.Request, name string, status int) bool {
	f, err := h.fsys.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		return false
	}
	ctype, ok := contentTypes[path.Ext(name)]
	if !ok {
		ctype = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ctype)
	if rs, ok := f.(io.ReadSeeker); ok && status == http.StatusOK {
		http.ServeContent(w, r, name, info.ModTime(), rs)
		return true
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		// The status is sent, so a failed copy can only cut the body short.
		io.Copy(w, f)
	}
	return true
}
