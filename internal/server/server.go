// Package server is the development server behind `resolve serve`: it
// builds the site, serves it on localhost, watches the source folders
// (watch.go: file events, or polling where events are not to be trusted),
// rebuilds after a change and reloads the open tabs through server-sent
// events. A failed build is shown in the browser and the terminal, and the
// server keeps serving the last good site.
//
// Builds are live builds (build.Live): after an edit only what the edit
// changed is rendered again, and the output folder is updated in place.
// Each build sends every tab one "reload" event on /_resolve/events, whose
// data names the pages whose files changed, {"changed":["/hips/stage-1/"]},
// or is null when every page may have (a full build, a failed build, or
// the first good one after it). The script every page gets (reload.js, at
// /_resolve/reload.js, only from this server) says which page its tab shows
// (/_resolve/events?page=/hips/stage-1/) and reloads it when it is named,
// keeping the reader's place on it. A tab whose page the edit changed is
// told as soon as the changed pages are written, before the rest of the
// site (the search index, the A to Z) is; every other tab once the build
// is done.
//
// The site is served by package statichost, the host the browser tests use
// too, which behaves as the production hosts do: fixed content types, the
// headers of the site's _headers (its Content-Security-Policy included, so
// the policy is exercised while editing) and nothing read from outside the
// output folder. After every good build the server opens a new Host on the
// output folder (a full build replaces the folder whole, and _headers may
// have changed). It answers only its own host names (statichost.Hosts):
// localhost and loopback addresses, and the machine's names and addresses
// when listening on every interface, so a web page cannot read the
// unpublished site through DNS rebinding.
package server

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"html"
	"io"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"resolve/internal/build"
	"resolve/internal/statichost"
)

// Config says what to build, watch and serve.
type Config struct {
	Build build.Config
	Addr  string   // host:port to listen on
	Watch []string // folders whose changes trigger a rebuild
	// Poll looks for changes every Interval instead of using file events,
	// which miss changes on network drives (the server polls those by
	// itself where it can tell, see watch.go).
	Poll     bool
	Interval time.Duration // how often to look for changes when polling; zero means 300ms
	Settle   time.Duration // how long the folders must be quiet after a file event; zero means 40ms
	Log      io.Writer
	// Ready, if set, is called with the listening address once serving.
	Ready func(addr string)
	// Built, if set, is called after every build (the benchmark times
	// builds with it).
	Built func(*build.Result, error)
}

// The paths the server answers itself, outside the site.
const (
	eventsPath = "/_resolve/events"
	scriptPath = "/_resolve/reload.js"
)

// reloadScript listens for build events (see the package comment).
//
//go:embed reload.js
var reloadScript []byte

// Server serves the output folder and tells browsers when it changes.
type Server struct {
	cfg     Config
	base    string // the path the site is served under
	live    *build.Live
	mu      sync.Mutex
	host    *statichost.Host // the last good build; nil before the first
	lastErr string           // the messages of the last failed build, "" after a good one
	clients map[chan string]*client
}

// client is a browser tab listening for events.
type client struct {
	page string // the address of the page it shows, as reload.js sends it; "" if not known
	told bool   // it has had the event of the build under way
}

// Run builds, serves and watches until ctx is done.
func Run(ctx context.Context, cfg Config) error {
	if cfg.Interval == 0 {
		cfg.Interval = 300 * time.Millisecond
	}
	if cfg.Settle == 0 {
		cfg.Settle = 40 * time.Millisecond
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
	s := &Server{cfg: cfg, base: base, live: build.NewLive(cfg.Build), clients: map[chan string]*client{}}
	defer s.closeHost()
	// Watch before the first build, so that nothing saved while it runs
	// is missed.
	w := s.watcher(ctx)
	defer w.close()
	s.rebuild(nil)
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
	go func() {
		for changed := range w.changes() {
			s.rebuild(changed)
		}
	}()
	io.WriteString(cfg.Log, "serving "+cfg.Build.Out+" on http://"+ln.Addr().String()+"/ (Ctrl+C to stop)\n")
	if cfg.Ready != nil {
		cfg.Ready(ln.Addr().String())
	}
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// watcher starts watching: with file events unless told to poll, a folder
// is on a network drive, or the events cannot be set up.
func (s *Server) watcher(ctx context.Context) watcher {
	poll := ""
	if s.cfg.Poll {
		poll = "as asked"
	}
	for _, dir := range s.cfg.Watch {
		if fs := remoteFS(dir); fs != "" && poll == "" {
			poll = "because " + dir + " is on " + fs + ", where file events miss other machines' changes"
		}
	}
	if poll == "" {
		w, err := newEventWatcher(ctx, s.cfg.Watch, s.cfg.Settle)
		if err == nil {
			return w
		}
		poll = "because file events could not be set up (" + err.Error() + ")"
	}
	io.WriteString(s.cfg.Log, "looking for changes every "+s.cfg.Interval.String()+", "+poll+"\n")
	return newPollWatcher(ctx, s.cfg.Watch, s.cfg.Interval)
}

// rebuild builds after the files named changed (nil: not known), records
// the outcome and tells the browsers, each tab once: a tab showing a page
// an edit changed as soon as the pages are written (build.Live's Pages),
// when the last build was good; every other tab once the build is done.
func (s *Server) rebuild(changed []string) {
	s.mu.Lock()
	for _, c := range s.clients {
		c.told = false
	}
	s.mu.Unlock()
	s.live.Pages = func(pages []string) {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.lastErr == "" { // else the pages show the error until the build is done
			s.tell(pages, func(c *client) bool { return slices.Contains(pages, c.page) })
		}
	}
	res, err := s.live.Build(changed)
	if s.cfg.Built != nil {
		s.cfg.Built(res, err)
	}
	msg := ""
	if err != nil {
		msg = err.Error()
		io.WriteString(s.cfg.Log, msg+"\nbuild failed: still serving the last good site\n")
	} else {
		for _, w := range res.Warnings {
			io.WriteString(s.cfg.Log, w.String()+"\n")
		}
		io.WriteString(s.cfg.Log, built(res)+"\n")
	}
	var host *statichost.Host
	if err == nil || s.currentHost() == nil {
		// The output folder is opened again after a good build; after a
		// failed one the old Host stays as it was.
		var herr error
		host, herr = statichost.Open(s.cfg.Build.Out, s.hostOptions())
		if herr != nil && err == nil {
			msg = herr.Error()
			io.WriteString(s.cfg.Log, msg+"\n")
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if host != nil {
		if s.host != nil {
			s.host.Close()
		}
		s.host = host
	}
	// Every page reloads after a full build, a failed one, and the good
	// one after a failed one; after an incremental build, the pages it
	// wrote, told already as soon as they were.
	failedBefore := s.lastErr != ""
	s.lastErr = msg
	untold := func(c *client) bool { return !c.told }
	if msg == "" && !failedBefore && !res.Full {
		s.tell(res.Changed, untold)
	} else {
		s.tell(nil, untold)
	}
}

// tell sends the tabs that which picks a reload event naming the pages
// that changed, or null for every page. s.mu is held.
func (s *Server) tell(pages []string, which func(*client) bool) {
	data, _ := json.Marshal(map[string][]string{"changed": pages})
	for c, cl := range s.clients {
		if !which(cl) {
			continue
		}
		cl.told = true
		select {
		case c <- string(data):
		default:
			// The browser has not taken the last event yet: it gets one
			// that reloads whatever page it is on, for both.
			select {
			case <-c:
			default:
			}
			c <- `{"changed":null}`
		}
	}
}

// built says what a good build did.
func built(res *build.Result) string {
	took := res.Took.Round(time.Millisecond).String()
	if res.Full {
		return "built " + strconv.Itoa(res.Pages) + " pages in " + took
	}
	return "rebuilt " + strconv.Itoa(res.Rendered) + " of " + strconv.Itoa(res.Pages) + " pages in " + took
}

func (s *Server) currentHost() *statichost.Host {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.host
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
		w.Write(reloadScript)
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

// events streams a "reload" event to a browser after every build, its
// data the pages that changed (see the package comment).
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
	s.clients[c] = &client{page: r.URL.Query().Get("page")}
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
		case data := <-c:
			io.WriteString(w, "event: reload\ndata: "+data+"\n\n")
			flusher.Flush()
		}
	}
}
