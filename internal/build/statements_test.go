package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStatementWarnings checks that check warns, without failing, about
// each statement a site lacks, naming the file to write, and that a site
// with both gets no such warning and links to them.
func TestStatementWarnings(t *testing.T) {
	for _, tc := range []struct {
		name    string
		remove  []string
		wantFor []string // the files warned about
	}{
		{"both", nil, nil},
		{"no privacy notice", []string{"privacy.md"}, []string{"privacy.md"}},
		{"neither", []string{"accessibility.md", "privacy.md"}, []string{"accessibility.md", "privacy.md"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, cfg := testSite(t)
			for _, f := range tc.remove {
				if err := os.Remove(filepath.Join(cfg.Content, f)); err != nil {
					t.Fatal(err)
				}
			}
			res, err := Build(cfg)
			if err != nil {
				t.Fatalf("a site without its statements must still build: %v", err)
			}
			var got []string
			for _, w := range res.Warnings {
				if strings.Contains(w.Message, "the site has no ") {
					got = append(got, filepath.Base(w.Path))
					if !w.Warning || w.Path != filepath.ToSlash(filepath.Join(cfg.Content, filepath.Base(w.Path))) {
						t.Errorf("warning %v: want a warning naming the file to write", w)
					}
				}
			}
			if strings.Join(got, " ") != strings.Join(tc.wantFor, " ") {
				t.Errorf("warned about %q; want %q\n%v", got, tc.wantFor, res.Warnings)
			}
			home, err := os.ReadFile(filepath.Join(dir, "site", "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			for _, link := range []struct{ file, href string }{{"accessibility.md", `href="/accessibility/"`}, {"privacy.md", `href="/privacy/"`}} {
				missing := strings.Contains(strings.Join(tc.remove, " "), link.file)
				if strings.Contains(string(home), link.href) == missing {
					t.Errorf("home page links %s: %v; the site has it: %v", link.href, !missing, !missing)
				}
			}
		})
	}
}
