package searchtest

import (
	"testing"

	"resolve/internal/search"
)

// BenchmarkQuery1000 measures answering a typical query over a 1,000-page
// manual, reading every file anew each time, as a reader's first query does.
func BenchmarkQuery1000(b *testing.B) {
	pages := Manual(1000)
	fsys := FS(search.Build(pages, search.Options{}))
	queries := TypicalQueries(pages)
	i := 0
	for b.Loop() {
		s, err := Open(fsys)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Search(queries[i%len(queries)], Options{Prefix: true, Limit: 10}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
