package browsertest

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"sync"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// A RequestLog records the network requests of one tab, from the call to
// [Requests] on, and how each ended. It is safe to read while the tab goes
// on working.
type RequestLog struct {
	mu      sync.Mutex
	urls    []string
	pending map[network.RequestID]string // URL by request, until it ends
	done    []Response
	changed chan struct{} // closed and replaced whenever a request ends
	err     error
}

// A Response is how one request ended: the HTTP status of its answer, or
// the network error that stopped it before an answer came.
type Response struct {
	URL    string
	Status int64  // 0 when the request failed
	Err    string // the network error, when it failed
}

func (r Response) String() string {
	if r.Err != "" {
		return r.URL + ": " + r.Err
	}
	return r.URL + ": status " + strconv.FormatInt(r.Status, 10)
}

// Requests starts recording every network request the tab makes: documents,
// subresources, fetches, beacons and WebSockets, including requests that fail
// or that the Content-Security-Policy blocks, since each was an attempt to
// reach a server. Start it before navigating.
func Requests(ctx context.Context) *RequestLog {
	l := newRequestLog()
	err := chromedp.Listen(ctx, func(ev any) {
		// This runs in the tab's message loop: record and return.
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			l.add(ev.Request.URL)
			l.start(ev.RequestID, ev.Request.URL)
		case *network.EventWebSocketCreated:
			l.add(ev.URL)
		case *network.EventResponseReceived:
			l.end(ev.RequestID, ev.Response.Status, "")
		case *network.EventLoadingFailed:
			if ev.Canceled {
				l.end(ev.RequestID, -1, "") // given up by the page (a navigation): not an outcome
			} else {
				l.end(ev.RequestID, 0, ev.ErrorText)
			}
		}
	})
	if err != nil {
		l.err = fmt.Errorf("browsertest: recording requests: %w", err)
	}
	return l
}

func (l *RequestLog) add(u string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.urls = append(l.urls, u)
}

func newRequestLog() *RequestLog {
	return &RequestLog{pending: map[network.RequestID]string{}, changed: make(chan struct{})}
}

func (l *RequestLog) start(id network.RequestID, u string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.pending[id] = u
}

// end records how request id ended; a negative status forgets it.
func (l *RequestLog) end(id network.RequestID, status int64, errText string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	u, ok := l.pending[id]
	if !ok {
		return // started before the log, or already answered
	}
	delete(l.pending, id)
	if status < 0 {
		return
	}
	l.done = append(l.done, Response{URL: u, Status: status, Err: errText})
	close(l.changed)
	l.changed = make(chan struct{})
}

// Responses returns how each request that has ended so far ended, in the
// order they ended. Requests the page gave up (by navigating away) are not
// among them.
func (l *RequestLog) Responses() []Response {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Response(nil), l.done...)
}

// Failed returns the requests so far to origin's server that failed or were
// answered with a status of 400 or more: a missing file, such as an icon
// the browser asks for that the site does not have.
func (l *RequestLog) Failed(origin string) []Response {
	o, err := url.Parse(origin)
	var failed []Response
	for _, r := range l.Responses() {
		if (r.Err != "" || r.Status >= 400) && err == nil && !foreign(o, r.URL) {
			failed = append(failed, r)
		}
	}
	return failed
}

// Wait returns the first request that has ended, or ends before ctx is
// done, that match accepts.
func (l *RequestLog) Wait(ctx context.Context, match func(Response) bool) (Response, error) {
	seen := 0
	for {
		l.mu.Lock()
		done, changed := l.done[seen:], l.changed
		seen = len(l.done)
		l.mu.Unlock()
		for _, r := range done {
			if match(r) {
				return r, nil
			}
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return Response{}, fmt.Errorf("browsertest: waiting for a request: %w", ctx.Err())
		}
	}
}

// Err reports whether recording could not start; a log that never started is
// empty, so a test should check it.
func (l *RequestLog) Err() error {
	return l.err
}

// URLs returns the URL of every request so far, in the order they were made.
func (l *RequestLog) URLs() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.urls...)
}

// Foreign returns the URLs of the requests so far that went to a server other
// than origin. origin may be any URL of the site, such as the base URL from
// [Serve]; only its scheme, host and port count. Requests that reach no server
// (data:, blob:, about: URLs) are not foreign, nor are WebSockets to the
// origin's host. A URL that does not parse is reported as foreign, and an
// origin that does not parse makes every request foreign.
func (l *RequestLog) Foreign(origin string) []string {
	o, err := url.Parse(origin)
	if err != nil {
		return l.URLs()
	}
	var out []string
	for _, s := range l.URLs() {
		if foreign(o, s) {
			out = append(out, s)
		}
	}
	return out
}

// foreign reports whether the URL s goes to a server other than origin's.
func foreign(o *url.URL, s string) bool {
	u, err := url.Parse(s)
	if err != nil {
		return true
	}
	scheme := u.Scheme
	switch scheme {
	case "data", "blob", "about":
		return false
	case "ws":
		scheme = "http" // a WebSocket to the site's own host is not foreign
	case "wss":
		scheme = "https"
	}
	return scheme != o.Scheme || u.Host != o.Host
}
