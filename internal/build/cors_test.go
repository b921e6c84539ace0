package build

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"resolve/internal/statichost"
)

// TestOEmbedReadableAnywhere: an oEmbed response may be read by any site's
// scripts (Access-Control-Allow-Origin: *), from _headers as both hosts
// read it and from the file host resolve serve uses; the flowchart's other
// files and the pages may not. (Under a sub-path, statichost matches
// _headers against the path below the base, so only the site at the top
// is served here.)
func TestOEmbedReadableAnywhere(t *testing.T) {
	for _, tt := range []struct{ base, path string }{
		{"https://example.org/", "/"},
		{"https://someone.github.io/procedures/", "/procedures/"},
	} {
		t.Run(tt.base, func(t *testing.T) {
			cfg := publishSite(t)
			cfg.BaseURL = tt.base
			buildOrFail(t, cfg)
			path := tt.path
			rules := parseHeadersFile(t, readOut(t, cfg, "_headers"))
			var h *statichost.Host
			if path == "/" {
				var err error
				if h, err = statichost.Open(cfg.Out, statichost.Options{}); err != nil {
					t.Fatal(err)
				}
				defer h.Close()
			}
			for _, tc := range []struct {
				url    string
				shared bool
			}{
				{"hips/flowchart/oembed.json", true},
				{"hips/flowchart/", false},
				{"hips/flowchart.svg", false},
				{"hips/", false},
				{"", false},
			} {
				u := path + tc.url
				want := map[bool]string{true: "*", false: ""}[tc.shared]
				for _, host := range []struct {
					name string
					last bool
				}{{"Cloudflare Pages", false}, {"Netlify", true}} {
					got := hostHeaders(rules, u, "Access-Control-Allow-Origin", host.last)
					if len(got) > 1 || (len(got) == 1) != tc.shared || len(got) == 1 && got[0] != want {
						t.Errorf("%s: %s Access-Control-Allow-Origin %q; want %q", host.name, u, got, want)
					}
				}
				if h == nil {
					continue
				}
				req := httptest.NewRequest(http.MethodGet, u, nil)
				req.Header.Set("Origin", "https://learning.example.com")
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					t.Errorf("serve: %s: status %d", u, rec.Code)
				}
				if got := rec.Header().Get("Access-Control-Allow-Origin"); got != want {
					t.Errorf("serve: %s Access-Control-Allow-Origin %q; want %q", u, got, want)
				}
			}
		})
	}
}
