package sitetest

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestPageBudget weighs every built page but the record form as the design
// budgets it: its HTML with the CSS and JavaScript it loads up front, at
// most 15 KB brotli-compressed.
func TestPageBudget(t *testing.T) {
	r, err := pageWeights(siteDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Pages) < 10 {
		t.Fatalf("weighed %d pages; the example site has more", len(r.Pages))
	}
	for _, p := range r.Pages {
		if isRecord("/" + strings.TrimSuffix(p.File, "index.html")) {
			continue
		}
		if p.Brotli > pageBudget {
			t.Errorf("%s weighs %d B brotli-compressed (%s); the budget is %d B", p.File, p.Brotli, strings.Join(p.Files, " + "), pageBudget)
		}
	}
	for _, p := range r.Pages {
		for _, f := range p.Files {
			if searchScript.MatchString(f) && p.File != "search/index.html" {
				t.Errorf("%s loads %s up front; search must load only when a reader starts one", p.File, f)
			}
		}
	}
	if r.SearchFiles == 0 {
		t.Error("the built site has no search index")
	}
	t.Logf("heaviest page: %s, %d B brotli; search index: %d files, %d B brotli", r.heaviest().File, r.heaviest().Brotli, r.SearchFiles, r.SearchBrotli)
}

// BenchmarkPageWeights reports the heaviest page of the example site and
// the size of its search index, for `make bench`.
func BenchmarkPageWeights(b *testing.B) {
	var r *weightReport
	var err error
	for b.Loop() {
		if r, err = pageWeights(siteDir); err != nil {
			b.Fatal(err)
		}
	}
	heaviest := pageWeight{}
	for _, p := range r.Pages {
		if !isRecord("/"+strings.TrimSuffix(p.File, "index.html")) && p.Brotli > heaviest.Brotli {
			heaviest = p
		}
	}
	b.ReportMetric(float64(heaviest.Brotli), "heaviest-page-brotli-B")
	b.ReportMetric(float64(r.heaviest().Brotli), "heaviest-incl-form-brotli-B")
	b.ReportMetric(float64(r.SearchBrotli), "search-index-brotli-B")
	b.ReportMetric(float64(r.SearchRaw), "search-index-B")
	b.Logf("heaviest page but the form: %s\n%s", heaviest.File, r)
}

// BenchmarkModuleSize reports the size of the record form's module as the
// built site has it, raw, with gzip and with brotli (make bench prints it),
// and fails when it is over the budget.
func BenchmarkModuleSize(b *testing.B) {
	benchModule(b, "record", filepath.Join(siteDir, "wasm", "record.*.wasm"))
}

// benchModule reports the size of the one module of the built site that
// pattern matches, and fails over the budget every module has, 800 KB
// brotli-compressed.
func benchModule(b *testing.B, name, pattern string) {
	b.Helper()
	modules, _ := filepath.Glob(pattern)
	if len(modules) != 1 {
		b.Fatalf("the built site has %s modules %q; want one", name, modules)
	}
	var s fileSize
	var err error
	for b.Loop() {
		if s, err = sizesOf(modules[0]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(s.Raw), "raw-bytes")
	b.ReportMetric(float64(s.Gzip), "gzip-bytes")
	b.ReportMetric(float64(s.Brotli), "brotli-bytes")
	b.Logf("%s module: %v (budget %d brotli)", name, s, moduleBudget)
	if s.Brotli > moduleBudget {
		b.Errorf("the %s module is %d bytes brotli-compressed, over the budget of %d", name, s.Brotli, moduleBudget)
	}
}

// searchScript matches the file names of search's scripts, fingerprinted.
var searchScript = regexp.MustCompile(`(^|/)js/search(-index)?\.[0-9a-f]+\.js$`)
