// Package server is the development server behind `resolve serve`: it
// builds the site, serves it on localhost, watches the source folders,
// rebuilds after a change and reloads every open tab through server-sent
// events. A failed build is shown in the browser and the terminal, and the
// server keeps serving the last good site.
package server

import (
	"bytes"
	"context"
	"errors"
	"html"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"resolve/internal/build"
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
	mu      sync.Mutex
	lastErr string // the messages of the last failed build, "" after a good one
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
	_ = mime.AddExtensionType(".wasm", "application/wasm")
	_ = mime.AddExtensionType(".webmanifest", "application/manifest+json")
	s := &Server{cfg: cfg, clients: map[chan string]struct{}{}}
	s.rebuild()
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
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

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case eventsPath:
		s.events(w, r)
		return
	case scriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, strings.Replace(reloadScript, "%q", `"`+eventsPath+`"`, 1))
		return
	}
	if base := s.basePath(); base != "/" {
		// Serve the site where it will live, as on a project's GitHub Pages.
		if !strings.HasPrefix(r.URL.Path, base) {
			http.Redirect(w, r, base, http.StatusFound)
			return
		}
		r.URL.Path = "/" + strings.TrimPrefix(r.URL.Path, base)
	}
	s.mu.Lock()
	failed := s.lastErr
	s.mu.Unlock()
	if failed != "" && acceptsHTML(r) {
		s.errorPage(w, failed)
		return
	}
	s.file(w, r)
}

// basePath is the path part of --base-url, "/" when none was given.
func (s *Server) basePath() string {
	b := s.cfg.Build.BaseURL
	if i := strings.Index(b, "://"); i >= 0 {
		rest := b[i+3:]
		j := strings.IndexByte(rest, '/')
		if j < 0 {
			return "/"
		}
		b = rest[j:]
	}
	if b == "" {
		return "/"
	}
	if !strings.HasSuffix(b, "/") {
		b += "/"
	}
	return b
}

func acceptsHTML(r *http.Request) bool {
	p := r.URL.Path
	return strings.HasSuffix(p, "/") || strings.HasSuffix(p, ".html")
}

// file serves a file of the site, adding the reload script to HTML pages.
func (s *Server) file(w http.ResponseWriter, r *http.Request) {
	root := s.cfg.Build.Out
	p := filepath.FromSlash(strings.TrimPrefix(r.URL.Path, "/"))
	if strings.Contains(r.URL.Path, "..") {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	name := filepath.Join(root, p)
	if fi, err := os.Stat(name); err == nil && fi.IsDir() {
		if !strings.HasSuffix(r.URL.Path, "/") {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
		name = filepath.Join(name, "index.html")
	}
	data, err := os.ReadFile(name)
	status := http.StatusOK
	if err != nil {
		status = http.StatusNotFound
		if data, err = os.ReadFile(filepath.Join(root, "404.html")); err != nil {
			http.NotFound(w, r)
			return
		}
		name = "404.html"
	}
	ctype := mime.TypeByExtension(filepath.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-store")
	if strings.HasPrefix(ctype, "text/html") {
		data = inject(data)
	}
	w.WriteHeader(status)
	w.Write(data)
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
