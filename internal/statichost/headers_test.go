package statichost

import (
	"net/http"
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestParseHeaders(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []headerRule
		err  string
	}{
		{
			name: "empty",
			in:   "",
		},
		{
			name: "rules",
			in:   "# comment\n/*\n  A: 1\n\tB: two words: and a colon\n\n/x/*\n  A: 2\n",
			want: []headerRule{
				{"/*", http.Header{"A": {"1"}, "B": {"two words: and a colon"}}},
				{"/x/*", http.Header{"A": {"2"}}},
			},
		},
		{
			name: "repeated header",
			in:   "/\n  Link: </a.css>\n  Link: </b.css>\n",
			want: []headerRule{{"/", http.Header{"Link": {"</a.css>", "</b.css>"}}}},
		},
		{name: "header first", in: "  A: 1\n", err: "_headers:1: header"},
		{name: "relative pattern", in: "# c\n*.js\n", err: "_headers:2: path pattern"},
		{name: "space in pattern", in: "/a b\n", err: "_headers:1: path pattern"},
		{name: "no colon", in: "/\n  nonsense\n", err: "_headers:2:"},
		{name: "space in name", in: "/\n  A B: 1\n", err: "_headers:2:"},
		{name: "no value", in: "/\n  A:\n", err: "_headers:2: header A has no value"},
	}
	for _, tt := range tests {
		got, err := parseHeaders("_headers", strings.NewReader(tt.in))
		if tt.err != "" {
			if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
				t.Errorf("%s: parseHeaders(%q) error = %v; want it to start %q", tt.name, tt.in, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: parseHeaders(%q): %v", tt.name, tt.in, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: parseHeaders(%q) = %v; want %v", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestMatchPattern(t *testing.T) {
	tests := []struct {
		pattern, path string
		want          bool
	}{
		{"/", "/", true},
		{"/", "/a", false},
		{"/a.html", "/a.html", true},
		{"/*", "/", true},
		{"/*", "/any/depth/file.js", true},
		{"/hips/*", "/hips/", true},
		{"/hips/*", "/hips", false},
		{"/hips/*", "/other/hips/x", false},
		{"/*.wasm", "/wasm/record.wasm", true},
		{"/*.wasm", "/wasm/record.wasm.map", false},
		{"/*/embed/*", "/hips/embed/flowchart/", true},
		{"/*/embed/*", "/hips/flowchart/", false},
		{"/a*a", "/a", false},
		{"/a*a", "/aa", true},
		{"/:section/", "/hips/", true},
		{"/:section/", "/hips/x/", false},
		{"/:section/", "//", false},
		{"/:section/:page/", "/hips/stage-1/", true},
		{"/:section/:page/", "/hips/", false},
		{"/a:b", "/a:b", true},
		{"/a:b", "/ax", false},
		{"/*.wasm", "/:x.wasm", true},
	}
	for _, tt := range tests {
		if got := matchPattern(tt.pattern, tt.path); got != tt.want {
			t.Errorf("matchPattern(%q, %q) = %v; want %v", tt.pattern, tt.path, got, tt.want)
		}
	}
}

func TestHeadersFor(t *testing.T) {
	rules := []headerRule{
		{"/*", http.Header{"A": {"all"}}},
		{"/hips/*", http.Header{"A": {"hips"}, "B": {"b"}}},
	}
	tests := []struct {
		path string
		want http.Header
	}{
		{"/", http.Header{"A": {"all"}}},
		{"/hips/record/", http.Header{"A": {"all", "hips"}, "B": {"b"}}},
	}
	for _, tt := range tests {
		if got := headersFor(rules, tt.path); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("headersFor(%q) = %v; want %v", tt.path, got, tt.want)
		}
	}
}

func FuzzParseHeaders(f *testing.F) {
	seed, err := os.ReadFile(fixture + "/_headers")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(seed), "/sub/index.html")
	f.Add("/*\n  A: 1\n/x*y*\n  B: 2\n", "/x/y")
	f.Fuzz(func(t *testing.T, in, p string) {
		rules, err := parseHeaders("_headers", strings.NewReader(in))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "_headers:") {
				t.Errorf("parseHeaders error %q does not start with the file name", err)
			}
			return
		}
		for _, r := range rules {
			if !strings.HasPrefix(r.pattern, "/") {
				t.Errorf("pattern %q does not start with /", r.pattern)
			}
			if !matchPattern(r.pattern, r.pattern) {
				t.Errorf("matchPattern(%q, itself) = false", r.pattern)
			}
		}
		headersFor(rules, p) // must not panic
		// A pattern without * or placeholders matches only itself.
		if strings.Contains(in, "\n") {
			return
		}
		if !strings.ContainsAny(in, "*:") && matchPattern(in, p) != (in == p) {
			t.Errorf("matchPattern(%q, %q) = %v", in, p, !(in == p))
		}
	})
}
