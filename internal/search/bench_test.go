package search_test

import (
	"bytes"
	"testing"

	"github.com/andybalholm/brotli"

	"resolve/internal/search"
	"resolve/internal/search/searchtest"
)

func brotliSize(data []byte) int {
	var b bytes.Buffer
	w := brotli.NewWriterLevel(&b, brotli.DefaultCompression)
	w.Write(data)
	w.Close()
	return b.Len()
}

// BenchmarkBuild1000 builds the index of a 1,000-page manual and reports
// its size, and what typical queries fetch: the manifest, the shards of
// their terms and the pages of their first ten hits.
func BenchmarkBuild1000(b *testing.B) {
	pages := searchtest.Manual(1000)
	var files []search.File
	for b.Loop() {
		files = search.Build(pages)
	}
	total, compressed, manifest := 0, 0, 0
	for _, f := range files {
		total += len(f.Data)
		compressed += brotliSize(f.Data)
		if f.Name == "index.json" {
			manifest = brotliSize(f.Data)
		}
	}
	b.ReportMetric(float64(len(files)), "files")
	b.ReportMetric(float64(total), "index-B")
	b.ReportMetric(float64(compressed), "index-brotli-B")
	b.ReportMetric(float64(manifest), "manifest-brotli-B")

	fsys := searchtest.FS(files)
	byName := map[string][]byte{}
	for _, f := range files {
		byName[f.Name] = f.Data
	}
	queries := searchtest.TypicalQueries(pages)
	raw, br := 0, 0
	for _, q := range queries {
		s, err := searchtest.Open(fsys)
		if err != nil {
			b.Fatal(err)
		}
		res, err := s.Search(q, false, 10)
		if err != nil {
			b.Fatal(err)
		}
		for _, name := range append([]string{"index.json"}, res.Read...) {
			raw += len(byName[name])
			br += brotliSize(byName[name])
		}
	}
	b.ReportMetric(float64(raw/len(queries)), "query-fetch-B")
	b.ReportMetric(float64(br/len(queries)), "query-fetch-brotli-B")
}
