package browsertest

import (
	"slices"
	"testing"
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
