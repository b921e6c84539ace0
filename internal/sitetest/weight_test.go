package sitetest

import (
	"regexp"
	"strings"
	"testing"

	"resolve/internal/weigh"
)

// TestPageBudget weighs every built page but the record form as the design
// budgets it: its HTML with the CSS and JavaScript it loads up front, at
// most 15 KB brotli-compressed.
func TestPageBudget(t *testing.T) {
	r, err := weigh.PageWeights(siteDir)
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
		if p.Brotli > weigh.Budget {
			t.Errorf("%s weighs %d B brotli-compressed (%s); the budget is %d B", p.File, p.Brotli, strings.Join(p.Files, " + "), weigh.Budget)
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
	t.Logf("heaviest page: %s, %d B brotli; search index: %d files, %d B brotli", r.Heaviest().File, r.Heaviest().Brotli, r.SearchFiles, r.SearchBrotli)
}

// BenchmarkPageWeights reports the heaviest page of the example site and
// the size of its search index, for `make bench`.
func BenchmarkPageWeights(b *testing.B) {
	var r *weigh.Report
	var err error
	for b.Loop() {
		if r, err = weigh.PageWeights(siteDir); err != nil {
			b.Fatal(err)
		}
	}
	heaviest := weigh.Page{}
	for _, p := range r.Pages {
		if !isRecord("/"+strings.TrimSuffix(p.File, "index.html")) && p.Brotli > heaviest.Brotli {
			heaviest = p
		}
	}
	b.ReportMetric(float64(heaviest.Brotli), "heaviest-page-brotli-B")
	b.ReportMetric(float64(r.Heaviest().Brotli), "heaviest-incl-form-brotli-B")
	b.ReportMetric(float64(r.SearchBrotli), "search-index-brotli-B")
	b.ReportMetric(float64(r.SearchRaw), "search-index-B")
	b.Logf("heaviest page but the form: %s\n%s", heaviest.File, r)
}

// searchScript matches the file names of search's scripts, fingerprinted.
var searchScript = regexp.MustCompile(`(^|/)js/search(-index)?\.[0-9a-f]+\.js$`)
