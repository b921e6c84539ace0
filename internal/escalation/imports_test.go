package escalation

import (
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestImportsStaySmall keeps the packages that make the browser module
// large out of this package's own (non-test) files.
func TestImportsStaySmall(t *testing.T) {
	banned := map[string]bool{"fmt": true, "regexp": true, "html/template": true, "text/template": true, "reflect": true, "crypto/rand": true}
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if banned[path] {
				t.Errorf("%s imports %s, which the browser module should not carry", name, path)
			}
		}
	}
}
