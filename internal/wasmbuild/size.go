package wasmbuild

import (
	"bytes"
	"compress/gzip"
	"os"
	"strconv"

	"github.com/andybalholm/brotli"
)

// Budget is the most the module may weigh brotli-compressed: design.md's
// budget for the form page's module.
const Budget = 800 * 1024

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

// Measure weighs data raw, with gzip at level 9 and with brotli at quality
// 11 and a 4 MiB window (lgwin 22, brotli's usual default).
func Measure(data []byte) Size {
	s := Size{Raw: len(data)}
	var g bytes.Buffer
	gw, _ := gzip.NewWriterLevel(&g, gzip.BestCompression)
	gw.Write(data)
	gw.Close()
	s.Gzip = g.Len()
	var b bytes.Buffer
	bw := brotli.NewWriterOptions(&b, brotli.WriterOptions{Quality: brotli.BestCompression, LGWin: 22})
	bw.Write(data)
	bw.Close()
	s.Brotli = b.Len()
	return s
}

// String reads "4595627 bytes raw, 1251786 gzip, 926386 brotli".
func (s Size) String() string {
	return strconv.Itoa(s.Raw) + " bytes raw, " + strconv.Itoa(s.Gzip) + " gzip, " + strconv.Itoa(s.Brotli) + " brotli"
}
