// Package server is the development server behind `resolve serve`: it
// builds the site, serves it on localhost, watches the source folders,
// rebuilds after a change and reloads every open tab through server-sent
// events. A failed build is shown in the browser and the terminal, and the
// server keeps serving the last good site.
//
// The site is served by package statichost, the host the browser tests use
// too, which behaves as the production hosts do: fixed content types, the
// headers of the site's _headers (its Content-Security-Policy included, so
// the policy is exercised while editing) and nothing read from outside the
// output folder. After every good build the server opens a new Host on the
// new output folder (a build replaces the folder whole). It answers only
// its own host names (statichost.Hosts): localhost and loopback addresses,
// and the machine's names and addresses when listening on every interface,
// so a web page cannot read the unpublished site through DNS rebinding.
package server

import (
	"bytes"
	"context"
	"errors"
	"html"
	"io"
	"io/fs"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"resolve/internal/build"
	"resolve/internal/statichost"
)

// Config says what to build, watch and serve.
type Config struct {
	Build    build.Config
	Addr     string        // host:port to listen on
	Watch    []string      // folders whose changes trigger a rebuild
	Interval time.Duration // how often to look for changes; zero means 300ms
	Log      io.Writer
	// Ready, if set, is called with the listening address once serving.
	Ready func(addr string)
}

// The paths the server answers itself, outside the site.
const (
	eventsPath = "/_resolve/events"
	scriptPath = "/_resolve/reload.js"
)

// reloadScript listens for build events. It is served from the site's own
// origin, so the pages' Content-Security-Policy (script-src 'self') allows it.
const reloadScript = `(function(){var es=new EventSource(%q);es.addEventListener("reload",function(){location.reload();});})();`

// Server serves the output folder and tells browsers when it changes.
type Server struct {
	cfg     Config
	base    string // the path the site is served under
	mu      sync.Mutex
	host    *statichost.Host // the last good build; nil before the first
	lastErr string           // the messages of the last failed build, "" after a good one
	clients map[chan string]struct{}
}

// Run builds, serves and watches until ctx is done.
func Run(ctx context.Context, cfg Config) error {
	if cfg.Interval == 0 {
		cfg.Interval = 300 * time.Millisecond
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	_, base, err := build.ParseBaseURL(cfg.Build.BaseURL)
	if err != nil {
		return err
	}
	// The output folder is served as it is when the first build fails:
	// never serve, or replace, a folder that is not a build.
	if err := build.CheckOut(cfg.Build); err != nil {
		return err
	}
	s := &Server{cfg: cfg, base: base, clients: map[chan string]struct{}{}}
	defer s.closeHost()
	s.rebuild()
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	names := statichost.NamesFor(cfg.Addr, ln.Addr())
	srv := &http.Server{Handler: statichost.Hosts(s, names), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	go s.watch(ctx)
	io.WriteString(cfg.Log, "serving "+cfg.Build.Out+" on http://"+ln.Addr().String()+"/ (Ctrl+C to stop)\n")
	if cfg.Ready != nil {
		cfg.Ready(ln.Addr().String())
	}
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// rebuild builds once, records the outcome and tells the browsers.
func (s *Server) rebuild() {
	start := time.Now()
	res, err := build.Build(s.cfg.Build)
	msg := ""
	if err != nil {
		msg = err.Error()
		io.WriteString(s.cfg.Log, msg+"\nbuild failed: still serving the last good site\n")
	} else {
		for _, w := range res.Warnings {
			io.WriteString(s.cfg.Log, w.String()+"\n")
		}
		io.WriteString(s.cfg.Log, "built "+strconv.Itoa(res.Pages)+" pages in "+time.Since(start).Round(time.Millisecond).String()+"\n")
	}
	s.mu.Lock()
	serving := s.host != nil
	s.mu.Unlock()
	var host *statichost.Host
	if err == nil || !serving {
		// A new output folder, or the first: serve it. After a failed
		// build the old folder and its Host stay as they were.
		var herr error
		host, herr = statichost.Open(s.cfg.Build.Out, s.hostOptions())
		if herr != nil && err == nil {
			msg = herr.Error()
			io.WriteString(s.cfg.Log, msg+"\n")
		}
	}
	s.mu.Lock()
	if host != nil {
		if s.host != nil {
			s.host.Close()
		}
		s.host = host
	}
	s.lastErr = msg
	for c := range s.clients {
		select {
		case c <- "reload":
		default:
		}
	}
	s.mu.Unlock()
}

// watch polls the watched folders and rebuilds after changes settle.
// Polling needs no platform-specific code and copes with editors that
// replace files rather than write them.
func (s *Server) watch(ctx context.Context) {
	last := s.snapshot()
	t := time.NewTicker(s.cfg.Interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		now := s.snapshot()
		if now == last {
			continue
		}
		// Let a burst of saves finish before building.
		for {
			time.Sleep(s.cfg.Interval / 2)
			again := s.snapshot()
			if again == now {
				break
			}
			now = again
		}
		last = now
		s.rebuild()
	}
}

// snapshot summarises the names, sizes and times of every watched file.
func (s *Server) snapshot() string {
	var b strings.Builder
	for _, dir := range s.cfg.Watch {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return nil
			}
			b.WriteString(p)
			b.WriteByte(' ')
			b.WriteString(info.ModTime().String())
			b.WriteByte(' ')
			b.WriteString(strconv.Itoa(int(info.Size())))
			b.WriteByte('\n')
			return nil
		})
	}
	return b.String()
}

// hostOptions are how the site is served: under its base path, each page
// with the reload script, and checked for a newer version on every visit
// where _headers says nothing about caching.
func (s *Server) hostOptions() statichost.Options {
	return statichost.Options{Base: s.base, HTML: inject, Header: http.Header{"Cache-Control": {"no-cache"}}}
}

func (s *Server) closeHost() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.host != nil {
		s.host.Close()
		s.host = nil
	}
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case eventsPath:
		s.events(w, r)
		return
	case scriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		io.WriteString(w, strings.Replace(reloadScript, "%q", `"`+eventsPath+`"`, 1))
		return
	}
	if s.base != "/" && r.URL.Path == "/" {
		// Serve the site where it will live, as on a project's GitHub Pages.
		http.Redirect(w, r, s.base, http.StatusFound)
		return
	}
	s.mu.Lock()
	failed, host := s.lastErr, s.host
	s.mu.Unlock()
	if failed != "" && acceptsHTML(r) || host == nil {
		s.errorPage(w, failed)
		return
	}
	host.ServeHTTP(w, r)
}

func acceptsHTML(r *http.Request) bool {
	p := r.URL.Path
	return strings.HasSuffix(p, "/") || strings.HasSuffix(p, ".html")
}

// inject adds the reload script before </body>.
func inject(page []byte) []byte {
	tag := []byte(`<script src="` + scriptPath + `" defer></script>`)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(page, tag...)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

// errorPage shows a failed build's problems in the browser.
func (s *Server) errorPage(w http.ResponseWriter, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Security-Policy", "default-src 'self'")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusInternalServerError)
	page := `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Error: the build failed</title></head><body><main><h1>The build failed</h1><p>Fix these problems and save: this page reloads by itself.</p><pre>` + html.EscapeString(msg) + `</pre></main></body></html>`
	w.Write(inject([]byte(page)))
}

// events streams "reload" to a browser after every build.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	c := make(chan string, 1)
	s.mu.Lock()
	s.clients[c] = struct{}{}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	io.WriteString(w, ": connected\n\n")
	flusher.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev := <-c:
			io.WriteString(w, "event: "+ev+"\ndata: {}\n\n")
			flusher.Flush()
		}
	}
}
