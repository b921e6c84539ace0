package build

import (
	"net/url"
	"strings"
	"testing"
)

func TestParseBaseURL(t *testing.T) {
	tests := []struct {
		in, origin, path, err string
	}{
		{"", "", "/", ""},
		{"/", "", "/", ""},
		{"/procedures", "", "/procedures/", ""},
		{"/procedures/", "", "/procedures/", ""},
		{"/a/b-c_d~e.f/%20/", "", "/a/b-c_d~e.f/%20/", ""},
		{"https://example.org", "https://example.org", "/", ""},
		{"https://example.org/", "https://example.org", "/", ""},
		{"https://owner.github.io/repo", "https://owner.github.io", "/repo/", ""},
		{"http://localhost:8080/x/", "http://localhost:8080", "/x/", ""},
		{"//evil.example/", "", "", "starts with //, which browsers read as another host's address"},
		{"///evil.example/", "", "", "starts with //"},
		{`/\evil.example/`, "", "", `has a \, which browsers read as /`},
		{"procedures/", "", "", "must start with /"},
		{"evil.example", "", "", "must start with /"},
		{"javascript:alert(1)//", "", "", "must start with /"},
		{"/a b/", "", "", "may hold only letters"},
		{"/a\"><script>/", "", "", "may hold only letters"},
		{"/a/../b/", "", "", "has a . or .. part"},
		{"/a/%2e%2e/b/", "", "", "has a . or .. part"},
		{"/a/%2f/b/", "", "", "an escaped /"},
		{"/a%zz/", "", "", "has a % that is not followed"},
		{"/a?x=1", "", "", "may hold only letters"},
		{"ftp://example.org/", "", "", "must start with https:// or http://"},
		{"javascript://example.org/%0aalert(1)", "", "", "must start with https:// or http://"},
		{"https:///x/", "", "", "has no host name"},
		{"https://user:pw@example.org/", "", "", "must not hold a user name"},
		{"https://example.org/?q", "", "", "must not have a ? query"},
		{"https://example.org/#top", "", "", "must not have a ? query or # fragment"},
		{"https://example.org//evil.example/", "", "", "starts with //"},
		{`https://example.org/\evil/`, "", "", `an escaped / or \`},
	}
	for _, tt := range tests {
		origin, p, err := ParseBaseURL(tt.in)
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("ParseBaseURL(%q): %v", tt.in, err)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("ParseBaseURL(%q) error = %v; want %q", tt.in, err, tt.err)
		case tt.err == "" && (origin != tt.origin || p != tt.path):
			t.Errorf("ParseBaseURL(%q) = %q, %q; want %q, %q", tt.in, origin, p, tt.origin, tt.path)
		}
	}
}

// FuzzParseBaseURL checks that an accepted base URL keeps every link on
// the site's own host: a page's address made from it, read as a browser
// reads a link on the site, stays on the site's host (or the base URL's).
func FuzzParseBaseURL(f *testing.F) {
	for _, s := range []string{"", "/", "/p/", "//evil.example/", `/\evil/`, "https://example.org/p", "http://h:1/", "/%2e%2e/", "https://a@b/", "HTTPS://X/"} {
		f.Add(s)
	}
	site, _ := url.Parse("https://site.example/some/page/")
	f.Fuzz(func(t *testing.T, base string) {
		origin, p, err := ParseBaseURL(base)
		if err != nil {
			return
		}
		if !strings.HasPrefix(p, "/") || !strings.HasSuffix(p, "/") || strings.HasPrefix(p, "//") || strings.ContainsAny(p, "\\?# \"'<>") {
			t.Fatalf("ParseBaseURL(%q) path = %q", base, p)
		}
		link, err := url.Parse(origin + p + "hips/stage-1/")
		if err != nil {
			t.Fatalf("ParseBaseURL(%q): the link %q does not parse: %v", base, origin+p, err)
		}
		host := site.Host
		if origin != "" {
			o, err := url.Parse(origin)
			if err != nil || o.Host == "" || (o.Scheme != "https" && o.Scheme != "http") {
				t.Fatalf("ParseBaseURL(%q) origin = %q", base, origin)
			}
			host = o.Host
		}
		if got := site.ResolveReference(link); got.Host != host {
			t.Fatalf("ParseBaseURL(%q): a link %q leads to host %q; want %q", base, link, got.Host, host)
		}
	})
}
