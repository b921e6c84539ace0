package content

import (
	"os"
	"testing"
)

// BenchmarkParse reads a short page's front matter and a long protocol's.
func BenchmarkParse(b *testing.B) {
	hips, err := os.ReadFile("testdata/hips_index.md")
	if err != nil {
		b.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"page":     []byte("---\ntitle: A page\ndescription: One sentence about it.\nweight: 10\n---\nBody.\n"),
		"protocol": hips,
	} {
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, problems := Parse("c.md", data); problems.Errors() > 0 {
					b.Fatal(problems)
				}
			}
		})
	}
}
