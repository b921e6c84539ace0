package sitetest

import (
	"path/filepath"
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
			if strings.HasSuffix(f, "search.js") && p.File != "search/index.html" {
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
	modules, _ := filepath.Glob(filepath.Join(siteDir, "wasm", "record.*.wasm"))
	if len(modules) != 1 {
		b.Fatalf("the built site has modules %q; want one", modules)
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
	b.Logf("record module: %v (budget %d brotli)", s, moduleBudget)
	if s.Brotli > moduleBudget {
		b.Errorf("the record module is %d bytes brotli-compressed, over the budget of %d", s.Brotli, moduleBudget)
	}
}
