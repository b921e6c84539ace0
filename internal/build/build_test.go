package build

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"resolve/internal/diag"
	"resolve/internal/workday"
)

var update = flag.Bool("update", false, "rewrite golden files")

var testToday = workday.Date{Year: 2026, Month: time.November, Day: 21}

// unpack writes a txtar archive's files under dir.
func unpack(t *testing.T, archive *txtar.Archive, dir string) {
	t.Helper()
	for _, f := range archive.Files {
		name := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func testSite(t *testing.T) (dir string, cfg Config) {
	t.Helper()
	archive, err := txtar.ParseFile("testdata/site.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	unpack(t, archive, dir)
	return dir, Config{
		Content: filepath.Join(dir, "content"),
		Layouts: filepath.Join(dir, "layouts"),
		Static:  filepath.Join(dir, "static"),
		Out:     filepath.Join(dir, "site"),
		Today:   testToday,
		Workers: 4,
	}
}

// snapshot reads every file under dir into a txtar archive, sorted by name.
func snapshot(t *testing.T, dir string) *txtar.Archive {
	t.Helper()
	a := &txtar.Archive{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if !bytes.HasSuffix(data, []byte("\n")) {
			data = append(data, '\n')
		}
		a.Files = append(a.Files, txtar.File{Name: filepath.ToSlash(rel), Data: data})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(a.Files, func(i, j int) bool { return a.Files[i].Name < a.Files[j].Name })
	return a
}

func TestBuildGolden(t *testing.T) {
	_, cfg := testSite(t)
	res, err := Build(cfg)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	if len(res.Warnings) > 0 {
		t.Errorf("warnings: %v", res.Warnings)
	}
	got := txtar.Format(snapshot(t, cfg.Out))
	golden := "testdata/site.golden"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test ./internal/build -update and review the diff)", golden)
		diffFiles(t, txtar.Parse(want), txtar.Parse(got))
	}
}

func diffFiles(t *testing.T, want, got *txtar.Archive) {
	t.Helper()
	w := map[string]string{}
	for _, f := range want.Files {
		w[f.Name] = string(f.Data)
	}
	for _, f := range got.Files {
		old, ok := w[f.Name]
		switch {
		case !ok:
			t.Errorf("new file %s", f.Name)
		case old != string(f.Data):
			t.Errorf("%s changed:\n got: %.400s\nwant: %.400s", f.Name, f.Data, old)
		}
		delete(w, f.Name)
	}
	for name := range w {
		t.Errorf("missing file %s", name)
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	_, cfg := testSite(t)
	if _, err := Build(cfg); err != nil {
		t.Fatal(err)
	}
	first := txtar.Format(snapshot(t, cfg.Out))
	cfg.Workers = 1
	if _, err := Build(cfg); err != nil {
		t.Fatal(err)
	}
	if second := txtar.Format(snapshot(t, cfg.Out)); !bytes.Equal(first, second) {
		t.Error("two builds of the same input differ")
	}
}

func TestSubPath(t *testing.T) {
	_, cfg := testSite(t)
	cfg.BaseURL = "https://example.org/procedures/"
	if _, err := Build(cfg); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(cfg.Out, "guide", "b-second", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`href="/procedures/guide/a-first/#first-heading"`, `href="/procedures/css/site.`} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("page lacks %s:\n%s", want, page)
		}
	}
	sitemap, _ := os.ReadFile(filepath.Join(cfg.Out, "sitemap.xml"))
	if !bytes.Contains(sitemap, []byte("<loc>https://example.org/procedures/hips/</loc>")) {
		t.Errorf("sitemap lacks absolute URLs:\n%s", sitemap)
	}
}

// TestBadContent changes one file of a good site and checks that the build
// refuses it with the file and line, and leaves the old output untouched.
func TestBadContent(t *testing.T) {
	tests := []struct {
		name string
		file string
		data string
		want string // path:line: and the start of the message
	}{
		{"malformed YAML", "content/guide/a-first.md", "---\ntitle: First\nweight: [1\n---\nBody\n", "content/guide/a-first.md:3: front matter is not valid YAML"},
		{"unclosed front matter", "content/guide/a-first.md", "\n---\ntitle: First\n\nBody\n", "content/guide/a-first.md:2: the front matter opened here is never closed"},
		{"unknown key", "content/guide/a-first.md", "---\ntitle: First\ncolour: red\n---\nBody\n", `content/guide/a-first.md:3: unknown key "colour"`},
		{"unknown key in protocol", "content/hips/_index.md", strings.Replace(readArchiveFile(t, "content/hips/_index.md"), "  version:", "  versoin: x\n  version:", 1), `content/hips/_index.md:7: unknown key "versoin"`},
		{"bad date", "content/hips/_index.md", strings.Replace(readArchiveFile(t, "content/hips/_index.md"), "2024-06-01\n  review", "2024-02-30\n  review", 1), `content/hips/_index.md:8: "2024-02-30" is not a real date`},
		{"broken link", "content/guide/b-second.md", "---\ntitle: Second\n---\nIntro.\n\nSee [the missing page](missing.md).\n", "content/guide/b-second.md:6: link to a page that does not exist"},
		{"missing anchor", "content/guide/b-second.md", "---\ntitle: Second\n---\nSee\n[first](a-first.md#no-such-heading).\n", "content/guide/b-second.md:5: link to a heading that does not exist"},
		{"missing site path", "content/guide/b-second.md", "---\ntitle: Second\n---\nSee [contacts](/tees/contacts/).\n", "content/guide/b-second.md:4: link to a page that does not exist: /tees/contacts/"},
		{"duplicate URL", "content/hips/contacts.md", "---\ntitle: Contacts\n---\nMine.\n", "content/hips/contacts.md:1: the URL /hips/contacts/ is used twice"},
		{"not UTF-8", "content/guide/a-first.md", "---\ntitle: First\n---\nLine\nCaf\xe9\n", "content/guide/a-first.md:5: the file is not UTF-8 text"},
		{"unknown layout", "content/guide/a-first.md", "---\ntitle: First\nlayout: fancy\n---\nBody\n", `content/guide/a-first.md:3: unknown layout "fancy"`},
		{"no title", "content/guide/a-first.md", "---\nweight: 1\n---\nBody\n", "content/guide/a-first.md:1: the page has no title"},
		{"wrong type", "content/guide/a-first.md", "---\ntitle: First\nweight: heavy\n---\nBody\n", `content/guide/a-first.md:3: expected a whole number, found "heavy"`},
		{"protocol problem", "content/hips/_index.md", strings.Replace(readArchiveFile(t, "content/hips/_index.md"), "after: previous", "after: later", 1), `content/hips/_index.md:20: protocol: stage 2 due: after must be concern or previous`},
		{"site key on a page", "content/guide/a-first.md", "---\ntitle: First\nfooter: mine\n---\nBody\n", "content/guide/a-first.md:3: footer is a site setting"},
		{"synonyms on a page", "content/guide/a-first.md", "---\ntitle: First\nsynonyms: [[a, b]]\n---\nBody\n", "content/guide/a-first.md:3: synonyms is a site setting"},
		{"a synonym alone", "content/_index.md", strings.Replace(readArchiveFile(t, "content/_index.md"), "footer:", "synonyms:\n  - [phone, telephone]\n  - [alone]\nfooter:", 1), "content/_index.md:7: a group of synonyms needs two or more"},
		{"a synonym of common words", "content/_index.md", strings.Replace(readArchiveFile(t, "content/_index.md"), "footer:", "synonyms:\n  - [phone,\n     the]\nfooter:", 1), `content/_index.md:7: synonym "the" has no word to search for`},
		{"synonyms not in groups", "content/_index.md", strings.Replace(readArchiveFile(t, "content/_index.md"), "footer:", "synonyms: [phone, telephone]\nfooter:", 1), "content/_index.md:5:"},
		{"bad template", "layouts/page.html", "{{define \"main\"}}\n{{.Page.Nope}}{{end}}", "layouts/page.html:2:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, cfg := testSite(t)
			if _, err := Build(cfg); err != nil {
				t.Fatalf("first build: %v", err)
			}
			before := txtar.Format(snapshot(t, cfg.Out))
			if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(tt.file)), []byte(tt.data), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Build(cfg)
			if err == nil {
				t.Fatalf("Build succeeded; want an error %q", tt.want)
			}
			msg := strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "")
			msg = filepath.ToSlash(msg)
			if !strings.Contains(msg, tt.want) {
				t.Errorf("Build error =\n%s\nwant a line containing\n%s", msg, tt.want)
			}
			if _, ok := err.(diag.List); !ok {
				t.Errorf("error is %T, want diag.List", err)
			}
			if after := txtar.Format(snapshot(t, cfg.Out)); !bytes.Equal(before, after) {
				t.Error("a failed build changed the old output")
			}
			if _, err := Check(cfg); err == nil {
				t.Error("Check passed content that Build refuses")
			}
		})
	}
}

func readArchiveFile(t *testing.T, name string) string {
	t.Helper()
	archive, err := txtar.ParseFile("testdata/site.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range archive.Files {
		if f.Name == name {
			return string(f.Data)
		}
	}
	t.Fatalf("no %s in site.txtar", name)
	return ""
}

func TestCheckWritesNothing(t *testing.T) {
	_, cfg := testSite(t)
	res, err := Check(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages == 0 {
		t.Error("Check counted no pages")
	}
	if _, err := os.Stat(cfg.Out); !os.IsNotExist(err) {
		t.Errorf("Check created %s", cfg.Out)
	}
}

func TestReviewWarning(t *testing.T) {
	_, cfg := testSite(t)
	cfg.Today = workday.Date{Year: 2030, Month: time.July, Day: 1}
	res, err := Check(cfg)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, w := range res.Warnings {
		if strings.HasSuffix(w.Path, "content/hips/_index.md") && w.Line == 9 && strings.Contains(w.Message, "has passed") {
			found = true
		}
	}
	if !found {
		t.Errorf("warnings = %v; want review date passed at content/hips/_index.md:9", res.Warnings)
	}
}

// exampleConfig builds the repository's example site (content, layouts
// and static) into a new folder, for testToday.
func exampleConfig(t *testing.T) Config {
	root := filepath.Join("..", "..")
	return Config{
		Content: filepath.Join(root, "content"),
		Layouts: filepath.Join(root, "layouts"),
		Static:  filepath.Join(root, "static"),
		Out:     filepath.Join(t.TempDir(), "site"),
		Today:   testToday,
	}
}

func TestExampleSiteBuilds(t *testing.T) {
	cfg := exampleConfig(t)
	res, err := Build(cfg)
	if err != nil {
		t.Fatalf("the example site does not build:\n%v", err)
	}
	if len(res.Warnings) > 0 {
		t.Errorf("the example site has warnings:\n%v", res.Warnings)
	}
	for _, p := range []string{"index.html", "404.html", "sitemap.xml", "hips/index.html", "tees/contacts/index.html", "iscp/flowchart/index.html", "iscp/embed/flowchart/index.html", "hips/record/index.html", "iscp/calendar/index.html", "schema/record-v1.json"} {
		if _, err := os.Stat(filepath.Join(cfg.Out, p)); err != nil {
			t.Errorf("missing %s", p)
		}
	}
	// Every page carries the policy declared for its kind, which is what
	// _headers is written from.
	pages := 0
	err = filepath.WalkDir(cfg.Out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		pages++
		kind := "page"
		switch slash := filepath.ToSlash(p); {
		case strings.HasSuffix(slash, "/record/index.html"):
			kind = "record"
		case strings.HasSuffix(slash, "/audit/index.html"):
			kind = "audit"
		case strings.Contains(slash, "/embed/"):
			kind = "embed-flowchart"
		}
		if got, _ := metaPolicy(data); got != policyOf(kind).csp.String() {
			t.Errorf("%s: meta Content-Security-Policy %q; want the %s policy %q", p, got, kind, policyOf(kind).csp)
		}
		return nil
	})
	// The offline page is written beside the pages Result counts.
	if err != nil || pages != res.Pages+1 {
		t.Errorf("checked the policy of %d pages (%v); the build wrote %d and offline.html", pages, err, res.Pages)
	}
}

func TestLintWarnings(t *testing.T) {
	dir, cfg := testSite(t)
	page := "---\ntitle: Second\n---\nIntro.\n\n#### Deep\n\n[Click here](a-first.md) or [the old site](http://example.org/).\n\n![](/img/logo.svg)\n\n# Another title\n"
	if err := os.WriteFile(filepath.Join(dir, "content", "guide", "b-second.md"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Check(cfg)
	if err != nil {
		t.Fatal(err)
	}
	got := res.Warnings.Error()
	for _, want := range []string{
		"content/guide/b-second.md:6: warning: heading \"Deep\" skips from h1 to h4",
		"content/guide/b-second.md:8: warning: link text \"Click here\" does not say where it goes",
		"content/guide/b-second.md:8: warning: link to http://example.org/ is not secure",
		"content/guide/b-second.md:10: warning: image /img/logo.svg has no alt text",
		"content/guide/b-second.md:12: warning: heading \"Another title\" is a second h1",
	} {
		if !strings.Contains(filepath.ToSlash(got), want) {
			t.Errorf("warnings =\n%s\nwant a line containing\n%s", got, want)
		}
	}
}

// TestNoSearchLayout checks that layouts without a search page or an A to
// Z give a site with neither, and no search index to go with them.
func TestNoSearchLayout(t *testing.T) {
	dir, cfg := testSite(t)
	for _, name := range []string{"search.html", "a-z.html"} {
		if err := os.Remove(filepath.Join(cfg.Layouts, name)); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Build(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"search", "a-z"} {
		if _, err := os.Stat(filepath.Join(dir, "site", name)); !os.IsNotExist(err) {
			t.Errorf("site/%s exists without its layout (%v)", name, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "site", "index.html")); err != nil {
		t.Errorf("the home page is missing: %v", err)
	}
	full, err := Build(func() Config { _, c := testSite(t); return c }())
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages != full.Pages-2 || res.Files >= full.Files {
		t.Errorf("without search and the A to Z: %d pages, %d files; with them %d pages, %d files", res.Pages, res.Files, full.Pages, full.Files)
	}
}
