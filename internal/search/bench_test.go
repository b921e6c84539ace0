package search_test

import (
	"bytes"
	"strings"
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
		files = search.Build(pages, search.Options{})
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
	// What a reader's first query fetches: whole words; words as the
	// search page and the header's box take them, the last one perhaps
	// unfinished; and with a slip in the longest word.
	queries := searchtest.TypicalQueries(pages)
	for _, m := range []struct {
		unit   string
		prefix bool
		slip   bool
	}{{"query-fetch", false, false}, {"query-typing", true, false}, {"query-slip", true, true}} {
		raw, br := 0, 0
		for _, q := range queries {
			if m.slip {
				q = slip(q)
			}
			s, err := searchtest.Open(fsys)
			if err != nil {
				b.Fatal(err)
			}
			res, err := s.Search(q, searchtest.Options{Prefix: m.prefix, Limit: 10})
			if err != nil {
				b.Fatal(err)
			}
			for _, name := range append([]string{"index.json"}, res.Read...) {
				raw += len(byName[name])
				br += brotliSize(byName[name])
			}
		}
		b.ReportMetric(float64(raw/len(queries)), m.unit+"-B")
		b.ReportMetric(float64(br/len(queries)), m.unit+"-brotli-B")
	}
}

// slip swaps two letters in the middle of a query's longest word.
func slip(q string) string {
	ws := strings.Fields(q)
	long := 0
	for i, w := range ws {
		if len(w) > len(ws[long]) {
			long = i
		}
	}
	if w := []byte(ws[long]); len(w) >= 5 {
		w[2], w[3] = w[3], w[2]
		ws[long] = string(w)
	}
	return strings.Join(ws, " ")
}

// BenchmarkAdd1000 reads the pages of a 1,000-page manual into an index
// on one goroutine: the work a build spreads over its workers (terms,
// page files and their hashes), without the merge.
func BenchmarkAdd1000(b *testing.B) {
	pages := searchtest.Manual(1000)
	size := 0
	for _, p := range pages {
		for _, s := range p.Sections {
			size += len(s.Text)
		}
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		x := search.NewIndex(len(pages), search.Options{})
		for n, p := range pages {
			x.Add(n, p)
		}
	}
}

// BenchmarkFiles1000 merges the pages of a 1,000-page manual, read once,
// into the files of the index.
func BenchmarkFiles1000(b *testing.B) {
	pages := searchtest.Manual(1000)
	x := search.NewIndex(len(pages), search.Options{})
	for n, p := range pages {
		x.Add(n, p)
	}
	for b.Loop() {
		x.Files()
	}
}
