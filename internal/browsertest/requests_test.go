package browsertest

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
)

func TestForeign(t *testing.T) {
	l := &RequestLog{}
	urls := []string{
		"http://127.0.0.1:8080/",
		"http://127.0.0.1:8080/procedures/style.css",
		"data:image/png;base64,AAAA",
		"blob:http://127.0.0.1:8080/1234",
		"about:blank",
		"ws://127.0.0.1:8080/livereload",
		"http://localhost:8080/flow.svg",
		"http://127.0.0.1:9090/",
		"https://127.0.0.1:8080/",
		"https://fonts.example.com/font.woff2",
		"wss://127.0.0.1:8080/",
	}
	for _, u := range urls {
		l.add(u)
	}
	if got := l.URLs(); !slices.Equal(got, urls) {
		t.Errorf("URLs() = %q; want %q", got, urls)
	}
	want := []string{
		"http://localhost:8080/flow.svg",
		"http://127.0.0.1:9090/",
		"https://127.0.0.1:8080/",
		"https://fonts.example.com/font.woff2",
		"wss://127.0.0.1:8080/",
	}
	for _, origin := range []string{"http://127.0.0.1:8080", "http://127.0.0.1:8080/procedures/"} {
		if got := l.Foreign(origin); !slices.Equal(got, want) {
			t.Errorf("Foreign(%q) = %q; want %q", origin, got, want)
		}
	}
}

func TestFailed(t *testing.T) {
	l := newRequestLog()
	ends := []struct {
		id, url string
		status  int64
		err     string
	}{
		{"1", "http://127.0.0.1:8080/", 200, ""},
		{"2", "http://127.0.0.1:8080/favicon.ico", 404, ""},
		{"3", "http://127.0.0.1:8080/gone.css", 0, "net::ERR_CONNECTION_REFUSED"},
		{"4", "http://127.0.0.1:8080/left.js", -1, ""}, // given up by a navigation
		{"5", "https://elsewhere.example/x.png", 404, ""},
		{"6", "http://127.0.0.1:8080/teapot", 418, ""},
		{"7", "http://127.0.0.1:8080/moved", 304, ""},
	}
	for _, e := range ends {
		l.start(network.RequestID(e.id), e.url)
	}
	l.end("unknown", 500, "") // a request from before the log: ignored
	for _, e := range ends {
		l.end(network.RequestID(e.id), e.status, e.err)
	}
	l.end("2", 200, "") // a second end of one request: ignored
	if n := len(l.Responses()); n != 6 {
		t.Errorf("Responses() has %d; want 6 (all but the one given up): %v", n, l.Responses())
	}
	var got []string
	for _, r := range l.Failed("http://127.0.0.1:8080/procedures/") {
		got = append(got, r.String())
	}
	want := []string{
		"http://127.0.0.1:8080/favicon.ico: status 404",
		"http://127.0.0.1:8080/gone.css: net::ERR_CONNECTION_REFUSED",
		"http://127.0.0.1:8080/teapot: status 418",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Failed() = %q; want %q", got, want)
	}
}

func TestWait(t *testing.T) {
	l := newRequestLog()
	l.start("1", "http://127.0.0.1:8080/")
	l.end("1", 200, "")
	isIcon := func(r Response) bool { return strings.HasSuffix(r.URL, "/favicon.svg") }

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := l.Wait(ctx, isIcon); err == nil {
		t.Error("Wait with no match and a done context returned no error")
	}

	go func() {
		l.start("2", "http://127.0.0.1:8080/favicon.svg")
		l.end("2", 200, "")
	}()
	ctx, cancel = context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	r, err := l.Wait(ctx, isIcon)
	if err != nil || r.Status != 200 {
		t.Errorf("Wait = %v, %v; want the icon's answer", r, err)
	}
	// A request that ended before the call matches too.
	if r, err := l.Wait(ctx, isIcon); err != nil || r.URL != "http://127.0.0.1:8080/favicon.svg" {
		t.Errorf("Wait again = %v, %v", r, err)
	}
}
