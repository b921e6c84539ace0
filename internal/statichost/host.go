// Package statichost serves a built site as the static hosts it is
// published on do. It is the one file host behind `resolve serve` (package
// server) and the browser tests (package browsertest), so what a developer
// and a test see is what a reader of the published site gets:
//
//   - files are read through an os.Root opened on the site's folder, so no
//     request path, link or .. reaches a file outside it;
//   - names with a part starting with "." are never served (the
//     .resolve-build mark), nor are _headers and _redirects, nor anything
//     but a regular file;
//   - each file is sent with the content type of its extension from a fixed
//     table (types.go), application/octet-stream for others, never one
//     guessed from its bytes or read from the machine's own tables;
//   - a folder is served by its index.html after a redirect to the path
//     with a trailing slash, and a missing path gets the site's 404.html
//     with status 404;
//   - the headers of the site's _headers file, as Netlify and Cloudflare
//     Pages read it (headers.go), are added to every response whose path
//     they match: the Content-Security-Policy included;
//   - only GET and HEAD are answered.
//
// A Host serves one build. The folder it serves is opened when the Host is
// made; a build replaces its output folder whole, so a server opens a new
// Host after each build (resolve serve does) rather than keep one. Hosts
// (hosts.go) guards a handler so that it answers only the host names it is
// listening on, against DNS rebinding.
package statichost

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"strings"
)

// Options change how a Host serves.
type Options struct {
	// Base is the sub-path the site is served under ("/procedures/"), as a
	// site built with --base-url is published; "" or "/" for the top.
	// Paths outside it get 404, and _headers patterns match the path below
	// it, as they do on a host that serves the folder there.
	Base string
	// HTML, if set, rewrites each HTML page before it is sent (resolve
	// serve adds its live-reload script).
	HTML func([]byte) []byte
	// Header holds headers to send when neither the file's type nor
	// _headers sets one of that name (resolve serve asks browsers to check
	// for a newer page every time).
	Header http.Header
}

// Host serves a built site from its folder.
type Host struct {
	root  *os.Root
	fsys  fs.FS
	rules []headerRule
	opts  Options
}

// Open opens the built site in dir. A _headers file that cannot be read
// is an error naming its line.
func Open(dir string, opts Options) (*Host, error) {
	if opts.Base == "" {
		opts.Base = "/"
	}
	if !strings.HasPrefix(opts.Base, "/") || !strings.HasSuffix(opts.Base, "/") {
		return nil, errors.New("statichost: base " + opts.Base + " must start and end with /")
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	h := &Host{root: root, fsys: root.FS(), opts: opts}
	f, err := root.Open("_headers")
	switch {
	case err == nil:
		h.rules, err = parseHeaders(path.Join(dir, "_headers"), f)
		f.Close()
		if err != nil {
			root.Close()
			return nil, err
		}
	case !errors.Is(err, fs.ErrNotExist):
		root.Close()
		return nil, err
	}
	return h, nil
}

// Close closes the site's folder.
func (h *Host) Close() error { return h.root.Close() }

func (h *Host) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	urlPath := r.URL.Path
	if urlPath+"/" == h.opts.Base && urlPath != "" {
		h.redirectToFolder(w, r)
		return
	}
	if !strings.HasPrefix(urlPath, h.opts.Base) {
		h.send404(w, r)
		return
	}
	rel := "/" + strings.TrimPrefix(urlPath, h.opts.Base)
	for k, vs := range headersFor(h.rules, rel) {
		w.Header()[k] = vs
	}
	name := strings.TrimPrefix(path.Clean(rel), "/")
	if name == "" {
		name = "."
	}
	if hidden(name) {
		h.send404(w, r)
		return
	}
	info, err := fs.Stat(h.fsys, name)
	if err != nil {
		h.send404(w, r)
		return
	}
	if info.IsDir() {
		if !strings.HasSuffix(urlPath, "/") {
			h.redirectToFolder(w, r)
			return
		}
		name = path.Join(name, "index.html")
	}
	if !h.serveFile(w, r, name, http.StatusOK) {
		h.send404(w, r)
	}
}

// redirectToFolder sends a folder's path without its trailing slash to
// the path with it. A relative Location stays right under any sub-path.
func (h *Host) redirectToFolder(w http.ResponseWriter, r *http.Request) {
	escaped := r.URL.EscapedPath()
	w.Header().Set("Location", escaped[strings.LastIndex(escaped, "/")+1:]+"/")
	w.WriteHeader(http.StatusMovedPermanently)
}

// hidden reports whether a static host keeps the slash-separated name to
// itself: a name with a part that starts with "." (the hosts' deploys
// leave those out), or a host's own settings file at the top (_headers,
// _redirects), which it reads rather than serves.
func hidden(name string) bool {
	if name == "_headers" || name == "_redirects" {
		return true
	}
	for part := range strings.SplitSeq(name, "/") {
		if strings.HasPrefix(part, ".") && part != "." {
			return true
		}
	}
	return false
}

// send404 sends the site's 404.html, or a plain 404 when it has none,
// with the headers of the path asked for but the page's own type.
func (h *Host) send404(w http.ResponseWriter, r *http.Request) {
	w.Header().Del("Content-Type")
	if !h.serveFile(w, r, "404.html", http.StatusNotFound) {
		http.Error(w, "404 page not found", http.StatusNotFound)
	}
}

// serveFile sends the regular file name with the given status and reports
// whether there was such a file. Status 200 goes through http.ServeContent,
// so ranges and conditional requests work as on a real host.
func (h *Host) serveFile(w http.ResponseWriter, r *http.Request, name string, status int) bool {
	f, err := h.fsys.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		return false
	}
	ctype := TypeOf(name)
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", ctype)
	}
	for k, vs := range h.opts.Header {
		if _, set := w.Header()[k]; !set {
			w.Header()[k] = vs
		}
	}
	var content io.ReadSeeker
	if h.opts.HTML != nil && strings.HasPrefix(ctype, "text/html") {
		data, err := io.ReadAll(f)
		if err != nil {
			return false
		}
		content = bytes.NewReader(h.opts.HTML(data))
	} else if rs, ok := f.(io.ReadSeeker); ok {
		content = rs
	}
	if content != nil && status == http.StatusOK {
		http.ServeContent(w, r, name, info.ModTime(), content)
		return true
	}
	if content == nil {
		content = readSeeker{f}
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		// The status is sent, so a failed copy can only cut the body short.
		io.Copy(w, content)
	}
	return true
}

// readSeeker reads a file that cannot seek, for a 404 page sent whole.
type readSeeker struct{ io.Reader }

func (readSeeker) Seek(int64, int) (int64, error) { return 0, errors.New("cannot seek") }
