package sitetest

import (
	"path/filepath"
	"strings"
	"testing"

	"resolve/internal/browsertest"
)

// TestHTMLValid checks every HTML page of the built site with the Nu HTML
// Checker, in one run of the checker.
func TestHTMLValid(t *testing.T) {
	browsertest.SkipShort(t, "Java and the Nu HTML Checker")
	var files []string
	for _, p := range pages(t) {
		f := strings.TrimPrefix(p, "/")
		if f == "" || strings.HasSuffix(f, "/") {
			f += "index.html"
		}
		files = append(files, filepath.Join(siteDir, filepath.FromSlash(f)))
	}
	for _, m := range browsertest.VNU(t, files...) {
		rel, _ := filepath.Rel(siteDir, m.File)
		t.Errorf("%s:%d:%d: %s", filepath.ToSlash(rel), m.Line, m.Column, m.Text)
	}
}
