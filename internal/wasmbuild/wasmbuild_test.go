package wasmbuild

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeTree writes files (path -> content) under a new folder and returns it.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for p, content := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestSourceHash(t *testing.T) {
	root := writeTree(t, map[string]string{
		"go.mod":                                  "module resolve\n",
		"wasm/doc.go":                             "package main\n",
		"wasm/form.go":                            "package main\n",
		"wasm/form_test.go":                       "package main\n",
		"internal/workday/data/ew.txt":            "2025-01-01 New Year's Day\n",
		"internal/workday/testdata/g":             "golden\n",
		"internal/build/.hidden":                  "x\n",
		"internal/wasmbuild/_prebuilt/index.json": "{}\n",
		"cmd/resolve/main.go":                     "package main\n",
		"content/_index.md":                       "---\n",
	})
	hash := func() string {
		h, err := SourceHash(root, "go1.26 flags")
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	base := hash()
	if again := hash(); again != base {
		t.Fatalf("SourceHash is not stable: %s then %s", base, again)
	}
	tests := []struct {
		file    string
		changes bool
	}{
		{"wasm/form.go", true},
		{"internal/workday/data/ew.txt", true}, // embedded data is part of the module
		{"go.mod", true},
		{"wasm/form_test.go", false},
		{"internal/workday/testdata/g", false},
		{"internal/build/.hidden", false},
		{"internal/wasmbuild/_prebuilt/index.json", false}, // the release's carried modules, built from the rest
		{"cmd/resolve/main.go", false},
		{"content/_index.md", false},
	}
	for _, tt := range tests {
		p := filepath.Join(root, filepath.FromSlash(tt.file))
		old, _ := os.ReadFile(p)
		os.WriteFile(p, append(old, "// changed\n"...), 0o644)
		if got := hash() != base; got != tt.changes {
			t.Errorf("changing %s changes the hash: %v; want %v", tt.file, got, tt.changes)
		}
		os.WriteFile(p, old, 0o644)
	}
	os.WriteFile(filepath.Join(root, "internal/new.go"), []byte("package internal\n"), 0o644)
	if hash() == base {
		t.Error("adding a source file does not change the hash")
	}
	os.Remove(filepath.Join(root, "internal/new.go"))
	if h, _ := SourceHash(root, "go1.27 flags"); h == base {
		t.Error("another Go version gives the same hash")
	}
}

func TestFindRoot(t *testing.T) {
	other := writeTree(t, map[string]string{"go.mod": "module example.com/other\n", "wasm/doc.go": "package main\n"})
	if _, err := findRoot(filepath.Join(other, "nowhere")); err == nil {
		t.Error("findRoot accepted a folder with no wasm sources")
	}
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	os.Chdir(other)
	if _, err := findRoot(""); err == nil || !strings.Contains(err.Error(), "resolve") {
		t.Errorf("findRoot in another module: %v; want an error saying to run inside resolve's repository", err)
	}
	os.Chdir(wd)
	root, err := findRoot("")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "wasm", "doc.go")); err != nil {
		t.Errorf("findRoot() = %s, which has no wasm/doc.go", root)
	}
}

// recordSite returns a new site folder with a record form in it, so that
// Build puts the record module there.
func recordSite(t *testing.T) string {
	t.Helper()
	return writeTree(t, map[string]string{"hips/record/index.html": "<form></form>\n"})
}

// TestBuild compiles the real module into an empty cache, puts it into a
// site, and checks that a second build comes from the cache.
func TestBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the WebAssembly module: skipped under -short")
	}
	cache := t.TempDir()
	b := New(Config{CacheDir: cache})
	site := recordSite(t)
	files, err := b.Build(context.Background(), site)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 {
		t.Fatalf("Build put %d modules into a site with a record form; want 1", len(files))
	}
	f := files[0]
	if f.From != Compiled {
		t.Errorf("the first build into an empty cache: the module was %v; want %v", f.From, Compiled)
	}
	var m Manifest
	data, err := os.ReadFile(filepath.Join(site, f.Manifest))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("manifest %s: %v", data, err)
	}
	if "wasm/"+m.Module != f.Module || "wasm/"+m.Exec != f.Exec {
		t.Errorf("manifest %+v does not name the files %s and %s", m, f.Module, f.Exec)
	}
	module, err := os.ReadFile(filepath.Join(site, f.Module))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(module, []byte("\x00asm")) || len(module) != f.Size {
		t.Errorf("%s is not a WebAssembly module of %d bytes", f.Module, f.Size)
	}
	if want := "wasm/record." + shortHash(module) + ".wasm"; f.Module != want {
		t.Errorf("module file %s; want %s, named by its content", f.Module, want)
	}

	// wasm_exec.js is the one of the Go that compiled the module.
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	want, _ := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "lib", "wasm", "wasm_exec.js"))
	got, _ := os.ReadFile(filepath.Join(site, f.Exec))
	if len(want) == 0 || !bytes.Equal(got, want) {
		t.Errorf("%s is not $(go env GOROOT)/lib/wasm/wasm_exec.js", f.Exec)
	}

	// Nothing changed: the second build copies the cached module.
	start := time.Now()
	files2, err := b.Build(context.Background(), recordSite(t))
	if err != nil {
		t.Fatal(err)
	}
	if f2 := files2[0]; f2.From != Cached || f2.Module != f.Module {
		t.Errorf("second build: %v, module %s; want the cached %s", f2.From, f2.Module, f.Module)
	}
	t.Logf("first build compiled the module (%d bytes); the second took %v from the cache", f.Size, time.Since(start).Round(time.Millisecond))

}

// heavy says why the module must not link a package: each one makes it
// much larger (the template packages, fmt, reflect, and encoding/json,
// which needs both) or brings in what the browser does not have. This is
// the one list of them, which the brief's and style.md's size rules
// describe; packages need not guard their own imports.
func heavy(pkg string) (why string, ok bool) {
	switch {
	case pkg == "fmt" || pkg == "reflect" || pkg == "encoding/json" || pkg == "regexp":
		return "it makes the module much larger: strconv, jsonx and hand-written scanners do the job", true
	case pkg == "html/template" || pkg == "text/template":
		return "the template packages double the module", true
	case pkg == "net" || strings.HasPrefix(pkg, "net/"):
		return "the module never talks to a network, and net links fmt and reflect", true
	case pkg == "crypto/rand":
		return "the module needs no secrets", true
	}
	return "", false
}

// TestModuleLinksNoHeavyPackages guards the browser module's size: nothing
// it links, directly or through the packages it imports, may bring in a
// heavy package. It asks the go command, so it sees what the linker sees,
// whichever package the import comes through.
func TestModuleLinksNoHeavyPackages(t *testing.T) {
	root, err := Root()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "list", "-deps", "./wasm")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("GOOS=js GOARCH=wasm go list -deps ./wasm: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 10 || deps[len(deps)-1] != "resolve/wasm" {
		t.Fatalf("go list -deps ./wasm printed %d packages, ending %q; want the module's dependencies, then resolve/wasm", len(deps), deps[len(deps)-1:])
	}
	for _, dep := range deps {
		if why, ok := heavy(dep); ok {
			t.Errorf("the browser module links %s: %s. Find what imports it with GOOS=js GOARCH=wasm go list -deps -f '{{.ImportPath}}: {{.Imports}}' ./wasm", dep, why)
		}
	}
}

func TestHeavy(t *testing.T) {
	for _, tc := range []struct {
		pkg  string
		want bool
	}{
		{"fmt", true}, {"reflect", true}, {"encoding/json", true}, {"html/template", true},
		{"text/template", true}, {"net", true}, {"net/url", true}, {"net/mail", true},
		{"strconv", false}, {"syscall/js", false}, {"netx", false}, {"resolve/internal/jsonx", false},
	} {
		if _, got := heavy(tc.pkg); got != tc.want {
			t.Errorf("heavy(%q) = %v; want %v", tc.pkg, got, tc.want)
		}
	}
}
