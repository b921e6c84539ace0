package sitetest

import (
	"path/filepath"
	"testing"

	"resolve/internal/benchmark"
	"resolve/internal/browsertest"
	"resolve/internal/build"
)

// BenchmarkSearchQuery1000 times search in Chromium on a generated manual
// of 1,000 pages, where every section shares most of its words (the worst
// case for the index: the common terms' postings are as long as they get).
// It reports a reader's first query, which fetches the manifest, shards and
// pages, and then each further query, from the browser's own clock.
func BenchmarkSearchQuery1000(b *testing.B) {
	dir := b.TempDir()
	if err := benchmark.Generate(dir, 1000); err != nil {
		b.Fatal(err)
	}
	site := filepath.Join(dir, "site")
	if _, err := build.Build(build.Config{
		Content: filepath.Join(dir, "content"),
		Layouts: filepath.Join(repoRoot, "layouts"),
		Static:  filepath.Join(repoRoot, "static"),
		Out:     site,
	}); err != nil {
		b.Fatal(err)
	}
	ctx := tab(b)
	open(b, ctx, browsertest.Serve(b, site)+"search/")
	poll[bool](b, ctx, `!!window.resolveSearch`)
	const timed = `((q) => { const t = performance.now(); return resolveSearch.search(q, {prefix: true, limit: 10}).then((r) => [performance.now() - t, r.total]); })`
	first := eval[[]float64](b, ctx, timed+`("practitioners escalate to line manager")`)
	if first[1] < 1000 {
		b.Fatalf("the first query found %v sections; the manual has thousands", first[1])
	}
	queries := []string{"procedure 7.42", "safeguarding lead", "timescale agreed", "record what was agreed", "procedure 3.1 step 4"}
	i := 0
	total := 0.0
	b.ResetTimer()
	for b.Loop() {
		r := eval[[]float64](b, ctx, timed+`(`+jsString(queries[i%len(queries)])+`)`)
		total += r[0]
		i++
	}
	b.ReportMetric(first[0], "first-query-ms")
	b.ReportMetric(total/float64(i), "query-ms")
}
