package markdown

import (
	"bytes"
	"strconv"
	"testing"
)

// linkHeavy makes about size bytes of markdown in short paragraphs, each
// with links: the kind of page that made line numbering quadratic.
func linkHeavy(size int) []byte {
	var b bytes.Buffer
	b.Grow(size + 200)
	for i := 0; b.Len() < size; i++ {
		n := strconv.Itoa(i)
		if i%50 == 0 {
			b.WriteString("## Section " + n + "\n\n")
		}
		b.WriteString("Paragraph " + n + " links to [page " + n + "](page-" + n + ".md#part) and\n[the contacts](/hips/contacts/) and <https://example.org/" + n + ">.\n\n")
	}
	return b.Bytes()
}

// BenchmarkRenderLinks renders 2, 4, 8 and 16 MB of link-heavy markdown:
// the time per MB (ns/op divided by the size, or the MB/s column) stays
// the same as the page grows, which shows rendering is linear.
func BenchmarkRenderLinks(b *testing.B) {
	r := New()
	resolve := func(dest string, line int) (string, bool) { return dest, true }
	for _, mb := range []int{2, 4, 8, 16} {
		body := linkHeavy(mb << 20)
		b.Run(strconv.Itoa(mb)+"MB", func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for i := 0; i < b.N; i++ {
				doc, err := r.Render(body, 1, resolve)
				if err != nil {
					b.Fatal(err)
				}
				if len(doc.Links) == 0 {
					b.Fatal("no links")
				}
			}
		})
	}
}
