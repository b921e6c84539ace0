package build

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestPrintStampUnderSubPath checks that a printed page names its own
// address once: under --base-url /procedures/ the stamp once read
// /procedures/procedures/hips/stage-1/, because the layout made a page's URL
// (which already holds the base) absolute a second time.
func TestPrintStampUnderSubPath(t *testing.T) {
	for _, tc := range []struct{ base, want string }{
		{"/procedures/", "/procedures/hips/stage-1/"},
		{"https://example.org/procedures/", "https://example.org/procedures/hips/stage-1/"},
		{"/", "/hips/stage-1/"},
	} {
		cfg := exampleConfig(t)
		cfg.BaseURL = tc.base
		if _, err := Build(cfg); err != nil {
			t.Fatalf("base %s: %v", tc.base, err)
		}
		data, err := os.ReadFile(filepath.Join(cfg.Out, "hips", "stage-1", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`class="?print-url"?>([^<]*)<`).FindSubmatch(data)
		if m == nil {
			t.Fatalf("base %s: hips/stage-1 has no print stamp address", tc.base)
		}
		if got := string(m[1]); got != tc.want {
			t.Errorf("base %s: print stamp names %s; want %s", tc.base, got, tc.want)
		}
	}
}
