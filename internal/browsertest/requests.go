package browsertest

import (
	"context"
	"fmt"
	"net/url"
	"sync"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// A RequestLog records the network requests of one tab, from the call to
// [Requests] on. It is safe to read while the tab goes on working.
type RequestLog struct {
	mu   sync.Mutex
	urls []string
	err  error
}

// Requests starts recording every network request the tab makes: documents,
// subresources, fetches, beacons and WebSockets, including requests that fail
// or that the Content-Security-Policy blocks, since each was an attempt to
// reach a server. Start it before navigating.
func Requests(ctx context.Context) *RequestLog {
	l := &RequestLog{}
	err := chromedp.Listen(ctx, func(ev any) {
		// This runs in the tab's message loop: record and return.
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			l.add(ev.Request.URL)
		case *network.EventWebSocketCreated:
			l.add(ev.URL)
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
	var foreign []string
	for _, s := range l.URLs() {
		u, err := url.Parse(s)
		if err != nil {
			foreign = append(foreign, s)
			continue
		}
		scheme := u.Scheme
		switch scheme {
		case "data", "blob", "about":
			continue
		case "ws":
			scheme = "http" // a WebSocket to the site's own host is not foreign
		case "wss":
			scheme = "https"
		}
		if scheme != o.Scheme || u.Host != o.Host {
			foreign = append(foreign, s)
		}
	}
	return foreign
}
