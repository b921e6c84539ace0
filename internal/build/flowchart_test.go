package build

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOEmbedFile builds the test site with each kind of base URL: the
// oEmbed response is written, with absolute URLs, only where the base URL
// gives the site's full address.
func TestOEmbedFile(t *testing.T) {
	for _, tc := range []struct {
		base  string
		embed string // the embed page's URL in the response, "" for no response
	}{
		{"https://example.org/procedures/", "https://example.org/procedures/hips/embed/flowchart/"},
		{"http://localhost:8080/", "http://localhost:8080/hips/embed/flowchart/"},
		{"/procedures/", ""},
		{"", ""},
	} {
		_, cfg := testSite(t)
		cfg.BaseURL = tc.base
		if _, err := Build(cfg); err != nil {
			t.Fatalf("base %q: %v", tc.base, err)
		}
		b, err := os.ReadFile(filepath.Join(cfg.Out, "hips", "flowchart", "oembed.json"))
		if tc.embed == "" {
			if !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("base %q: oembed.json written (%v); an oEmbed response needs absolute URLs", tc.base, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("base %q: %v", tc.base, err)
		}
		var o struct {
			Version, Type, HTML, Title string
			ProviderURL                string `json:"provider_url"`
			AuthorURL                  string `json:"author_url"`
			Width, Height              int
		}
		if err := json.Unmarshal(b, &o); err != nil {
			t.Fatalf("base %q: oembed.json is not JSON: %v\n%s", tc.base, err, b)
		}
		site := strings.TrimSuffix(tc.embed, "hips/embed/flowchart/")
		if o.Version != "1.0" || o.Type != "rich" || o.Width != 720 || o.Height < 100 ||
			!strings.Contains(o.HTML, `<iframe src="`+tc.embed+`"`) || o.ProviderURL != site || o.AuthorURL != site+"hips/" {
			t.Errorf("base %q: oembed.json is %+v", tc.base, o)
		}
	}
}
