package weigh

import (
	"bytes"
	"compress/gzip"
	"os"
	"strconv"

	"github.com/andybalholm/brotli"
)

// ModuleBudget is the most the record form's WebAssembly module may weigh
// brotli-compressed: design.md's budget for the form page's module.
const ModuleBudget = 800 * 1024

// Size is a file's weight as sent: as it is, gzip-compressed and
// brotli-compressed, each at the best compression a static host would use.
type Size struct {
	Raw, Gzip, Brotli int
}

// Sizes measures the file at path.
func Sizes(path string) (Size, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Size{}, err
	}
	return Measure(data), nil
}

// Measure weighs data raw, with gzip at level 9 and with [Compressed].
func Measure(data []byte) Size {
	var g bytes.Buffer
	gw, _ := gzip.NewWriterLevel(&g, gzip.BestCompression)
	gw.Write(data) // writes to a bytes.Buffer cannot fail
	gw.Close()
	return Size{Raw: len(data), Gzip: g.Len(), Brotli: Compressed(data)}
}

// String reads "4595627 bytes raw, 1251786 gzip, 926386 brotli".
func (s Size) String() string {
	return strconv.Itoa(s.Raw) + " bytes raw, " + strconv.Itoa(s.Gzip) + " gzip, " + strconv.Itoa(s.Brotli) + " brotli"
}

// Compressed returns the size of data compressed with brotli at the
// highest quality (11) and its default 4 MiB window (lgwin 22), as a
// static host precompresses files: the one measure of a weight here.
func Compressed(data []byte) int {
	var b bytes.Buffer
	w := brotli.NewWriterLevel(&b, brotli.BestCompression)
	w.Write(data) // writes to a bytes.Buffer cannot fail
	w.Close()
	return b.Len()
}
