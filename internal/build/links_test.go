package build

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"resolve/internal/diag"
)

func TestResolvePath(t *testing.T) {
	tests := []struct {
		base, ref, want string
		above           bool
	}{
		{"/hips/stage-1/", "../", "/hips/", false},
		{"/hips/stage-1/", "../stage-2/", "/hips/stage-2/", false},
		{"/hips/stage-1/", "../stage-2/#who", "/hips/stage-2/#who", false}, // the fragment is the caller's: here it is a path segment
		{"/hips/stage-1/", "./x/", "/hips/stage-1/x/", false},
		{"/hips/stage-1/", "x/", "/hips/stage-1/x/", false},
		{"/hips/stage-1/", "stage-2", "/hips/stage-1/stage-2", false},
		{"/hips/stage-1/", "../..", "/", false},
		{"/hips/stage-1/", "../../", "/", false},
		{"/hips/stage-1/", "../../../x/", "/x/", true},
		{"/hips/stage-1/", ".", "/hips/stage-1/", false},
		{"/hips/stage-1/", "./", "/hips/stage-1/", false},
		{"/hips/stage-1/", "..", "/hips/", false},
		{"/hips/stage-1/", "%2e%2e/stage-2/", "/hips/stage-2/", false},
		{"/hips/stage-1/", ".%2E/", "/hips/", false},
		{"/hips/stage-1/", "a/./b/../c", "/hips/stage-1/a/c", false},
		{"/hips/stage-1/", "/tees/", "/tees/", false},
		{"/hips/", "stage-2/", "/hips/stage-2/", false},
		{"/", "hips/", "/hips/", false},
		{"/", "../hips/", "/hips/", true},
		{"/404.html", "hips/", "/hips/", false},
		{"/a/b", "c", "/a/c", false},
		{"/0//", "/..//", "//", true}, // as browsers and RFC 3986 have it; net/url says /
	}
	for _, tt := range tests {
		got, above := resolvePath(tt.base, tt.ref)
		if got != tt.want || above != tt.above {
			t.Errorf("resolvePath(%q, %q) = %q, %v; want %q, %v", tt.base, tt.ref, got, above, tt.want, tt.above)
		}
	}
}

// FuzzResolvePath checks resolvePath against net/url's ResolveReference,
// which follows RFC 3986 as browsers do for these paths, except where a
// path has an empty segment (//): there net/url drops segments that RFC
// 3986 and browsers keep (/..// is // to both, / to net/url), so such
// paths are left to TestResolvePath.
func FuzzResolvePath(f *testing.F) {
	for _, s := range [][2]string{
		{"/hips/stage-1/", "../stage-2/"}, {"/hips/stage-1/", "./x/"}, {"/", "../../a"},
		{"/a/b/c", "../../../../d/./e/.."}, {"/a//b/", "..//c"}, {"/a/", "."}, {"/a/b/", "c/.."},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, base, ref string) {
		if !strings.HasPrefix(base, "/") || strings.ContainsAny(base+ref, "%?#:\\ \t\r\n") || strings.Contains(base, "//") || strings.Contains(ref, "//") {
			return
		}
		b, err1 := url.Parse(base)
		r, err2 := url.Parse(ref)
		if err1 != nil || err2 != nil || b.Path != base || r.Path != ref {
			return
		}
		got, _ := resolvePath(base, ref)
		want := b.ResolveReference(r).Path
		if ref == "" {
			want = base
		}
		if got != want {
			t.Errorf("resolvePath(%q, %q) = %q; net/url says %q", base, ref, got, want)
		}
	})
}

// overlay writes a txtar archive's files over a test site, and removes the
// files named in its comment after "remove:".
func overlay(t *testing.T, dir, archive string) {
	t.Helper()
	a := txtar.Parse([]byte(archive))
	unpack(t, a, dir)
	for _, l := range strings.Split(string(a.Comment), "\n") {
		if name, ok := strings.CutPrefix(l, "remove: "); ok {
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(name))); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// problemsOf runs a check and returns its problems as text, with the test
// folder taken out of paths.
func problemsOf(t *testing.T, dir string, cfg Config) string {
	t.Helper()
	_, err := Check(cfg)
	list, _ := err.(diag.List)
	var errs diag.List
	for _, p := range list {
		if !p.Warning && !p.Note {
			errs = append(errs, p)
		}
	}
	return filepath.ToSlash(strings.ReplaceAll(errs.Error(), dir+string(filepath.Separator), ""))
}

func TestEveryLinkProblemInOneRun(t *testing.T) {
	dir, cfg := testSite(t)
	overlay(t, dir, `
-- content/guide/b-second.md --
---
title: Second
weight: 2
---
## Café: résumé!

A [missing page](missing.md), a [missing heading](a-first.md#no-such-heading)
and a [missing site path](/tees/contacts/).

Beside it: [the first page](a-first/) and [home](../../) and [too far](../../../x/).

[Run this](javascript:alert(1)) and <vbscript:msgbox> and ![a picture](data:text/html,x).
`)
	got := problemsOf(t, dir, cfg)
	for _, want := range []string{
		"content/guide/b-second.md:7: link to a page that does not exist (content/guide/missing.md): missing.md",
		"content/guide/b-second.md:7: link to a heading that does not exist: a-first.md#no-such-heading (no #no-such-heading in /guide/a-first/)",
		"content/guide/b-second.md:8: link to a page that does not exist: /tees/contacts/",
		"content/guide/b-second.md:10: link to a page that does not exist: a-first/ (from this page's address, /guide/b-second/, it points to /guide/b-second/a-first/, below this page: write ../a-first/ or a-first.md)",
		"content/guide/b-second.md:10: link goes above the top of the site: from this page's address, /guide/b-second/, 2 ../ reach the top folder: ../../../x/",
		"content/guide/b-second.md:12: a javascript: link runs code",
		"content/guide/b-second.md:12: a vbscript: link runs code",
		"content/guide/b-second.md:12: a data: link carries a whole file",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems:\n%s\nwant a line containing\n%s", got, want)
		}
	}
	if n := strings.Count(got, "\n") + 1; n != 8 {
		t.Errorf("%d problems; want 8:\n%s", n, got)
	}
}

// TestNoProblemThatOnlyFollows checks that a page that cannot be read is
// reported once: not again as a missing stage page, a broken link or a
// missing generated page, while problems elsewhere are still all reported.
func TestNoProblemThatOnlyFollows(t *testing.T) {
	dir, cfg := testSite(t)
	hips := readArchiveFile(t, "content/hips/_index.md")
	overlay(t, dir, `
-- content/hips/stage-2.md --
---
title: "Stage 2
weight: 2
---
Broken title.
-- content/guide/a-first.md --
---
title: First
weight: 1
---
## First heading

See [stage 2](../hips/stage-2.md) and [its heading](/hips/stage-2/#who), and [a missing page](nowhere.md).
`)
	data := strings.Replace(hips, "      due: {working_days: 2, after: previous}\n", "      due: {working_days: 2, after: previous}\n      page: stage-2.md\n", 1)
	if err := os.WriteFile(filepath.Join(dir, "content", "hips", "_index.md"), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	got := problemsOf(t, dir, cfg)
	want := "content/guide/a-first.md:7: link to a page that does not exist (content/guide/nowhere.md): nowhere.md\n" +
		"content/hips/stage-2.md:2: front matter is not valid YAML: the quoted text that starts here is never closed (column 8): end it with the same quote mark it starts with"
	if got != want {
		t.Errorf("problems:\n%s\nwant exactly:\n%s", got, want)
	}

	// A protocol whose _index.md cannot be read: its generated pages are
	// not reported missing.
	overlay(t, dir, `
-- content/hips/_index.md --
---
title: Test procedure
protocol:
  id: hips
  colour: red
---
-- content/hips/stage-2.md --
---
title: Stage 2
---
`)
	got = problemsOf(t, dir, cfg)
	if strings.Count(got, "does not exist") != 1 || !strings.Contains(got, `content/hips/_index.md:5: unknown key "colour"`) {
		t.Errorf("problems:\n%s\nwant the unknown key and no missing pages", got)
	}
}

// TestHugoManual builds a manual moved from Hugo (testdata/hugo.txtar) as
// it is, at the root and under a base path.
func TestHugoManual(t *testing.T) {
	hugo, err := os.ReadFile("testdata/hugo.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, base := range []string{"", "/procedures/", "https://example.org/procedures/"} {
		t.Run("base "+base, func(t *testing.T) {
			dir, cfg := testSite(t)
			overlay(t, dir, string(hugo))
			cfg.BaseURL = base
			res, err := Build(cfg)
			if err != nil {
				t.Fatalf("the manual does not build:\n%v", err)
			}
			prefix := "/"
			if base != "" {
				prefix = "/procedures/"
			}
			notes := res.Warnings.Error()
			if !strings.Contains(notes, "manual/unfinished.md:3: note: draft: true: this page is left out of the site") {
				t.Errorf("no note of the draft:\n%s", notes)
			}
			read := func(name string) string {
				t.Helper()
				b, err := os.ReadFile(filepath.Join(cfg.Out, filepath.FromSlash(name)))
				if err != nil {
					t.Fatal(err)
				}
				return string(b)
			}
			intro := read("manual/intro/index.html")
			for _, want := range []string{
				`href="` + prefix + `manual/"`,
				`href="` + prefix + `manual/referrals/#making-a-referral"`,
				`href="` + prefix + `"`,
				`src="` + prefix + `manual/chart.png"`,
				`href="` + prefix + `hips/#stages"`,
				`href="` + prefix + `hips/contacts/"`,
				`href="#where-to-start"`,
				`href="` + prefix + `manual/flowcharts/"`,
			} {
				if !strings.Contains(intro, want) {
					t.Errorf("manual/intro/index.html lacks %s", want)
				}
			}
			bundle := read("manual/flowcharts/index.html")
			if !strings.Contains(bundle, `src="`+prefix+`manual/flowcharts/diagram.png"`) || !strings.Contains(read("manual/index.html"), `href="`+prefix+`manual/flowcharts/"`) {
				t.Errorf("the page bundle is not /manual/flowcharts/ with its picture beside it, listed in its section")
			}
			if _, err := os.Stat(filepath.Join(cfg.Out, "manual", "unfinished")); !os.IsNotExist(err) {
				t.Errorf("the draft was published (%v)", err)
			}
			for _, alias := range []string{"old-manual/index.html", "old-manual/intro.html", "manual/intro-old/index.html"} {
				page := read(alias)
				to := prefix + "manual/"
				if alias != "old-manual/index.html" {
					to += "intro/"
				}
				canonical := to
				if strings.HasPrefix(base, "https://") {
					canonical = "https://example.org" + to
				}
				for _, want := range []string{`content="0; url=` + to + `"`, `<link rel="canonical" href="` + canonical + `">`, `<a href="` + to + `">`, `Content-Security-Policy`} {
					if !strings.Contains(page, want) {
						t.Errorf("%s lacks %s:\n%s", alias, want, page)
					}
				}
				if strings.Contains(page, "<script") {
					t.Errorf("%s has a script", alias)
				}
			}
			sitemap := read("sitemap.xml")
			if strings.Contains(sitemap, "old-manual") || strings.Contains(sitemap, "intro-old") || strings.Contains(sitemap, "unfinished") {
				t.Errorf("the sitemap lists a redirect or the draft:\n%s", sitemap)
			}
			if !strings.Contains(sitemap, "manual/intro/</loc><lastmod>2024-05-20</lastmod>") {
				t.Errorf("the sitemap lacks the introduction's lastmod:\n%s", sitemap)
			}
			robots := read("robots.txt")
			if full := strings.HasPrefix(base, "https://"); full != strings.Contains(robots, "Sitemap: https://example.org/procedures/sitemap.xml") || strings.Contains(robots, "Sitemap: /") {
				t.Errorf("robots.txt with base %q:\n%s", base, robots)
			}
		})
	}
}

func TestAliasProblems(t *testing.T) {
	dir, cfg := testSite(t)
	overlay(t, dir, `
-- content/guide/b-second.md --
---
title: Second
aliases:
  - /hips/contacts/
  - /guide/a-first/
  - a-first/
  - https://old.example/x/
  - ../up/
  - /sitemap.xml
  - /same/
---
Body.
-- content/guide/c-third.md --
---
title: Third
aliases: [/same/]
---
Body.
`)
	got := problemsOf(t, dir, cfg)
	for _, want := range []string{
		`content/guide/b-second.md:4: alias "/hips/contacts/": /hips/contacts/ is the address of the generated contacts page`,
		`content/guide/b-second.md:5: alias "/guide/a-first/": /guide/a-first/ is the address of content/guide/a-first.md`,
		`content/guide/b-second.md:6: alias "a-first/": /guide/a-first/ is the address of content/guide/a-first.md`,
		`content/guide/b-second.md:7: alias "https://old.example/x/": an alias is an old address on this site`,
		`content/guide/b-second.md:8: alias "../up/": write the alias from the top of the site`,
		`content/guide/b-second.md:9: alias "/sitemap.xml": /sitemap.xml/ is a file the site publishes`,
		`content/guide/c-third.md:3: alias "/same/": /same/ is already an alias of content/guide/b-second.md`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems:\n%s\nwant a line containing\n%s", got, want)
		}
	}
}

func TestBundleHoldsOnePage(t *testing.T) {
	dir, cfg := testSite(t)
	overlay(t, dir, `
-- content/guide/bundle/index.md --
---
title: Bundle
---
A page bundle.
-- content/guide/bundle/other.md --
---
title: Other
---
Not allowed here.
`)
	want := "content/guide/bundle/other.md:1: guide/bundle/ is a page bundle: content/guide/bundle/index.md is the page of the folder"
	if got := problemsOf(t, dir, cfg); !strings.Contains(got, want) {
		t.Errorf("problems:\n%s\nwant a line containing\n%s", got, want)
	}
}
