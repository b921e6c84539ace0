package wasmbuild

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// carriedFS lays out modules (name -> content) and execJS as Prebuild
// writes them, with a correct index unless edit changes it.
func carriedFS(t *testing.T, modules map[string][]byte, execJS []byte, edit func(*Index)) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	idx := Index{Format: indexFormat, Go: "go1.26.8", Exec: blob("wasm_exec.js", execJS)}
	fsys["wasm_exec.js"] = &fstest.MapFile{Data: execJS}
	for _, m := range Modules() {
		data, ok := modules[m.Name]
		if !ok {
			continue
		}
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		zw.Write(data)
		zw.Close()
		c := CarriedModule{Name: m.Name, Package: m.Package, Blob: blob(m.Name+".wasm.gz", data)}
		fsys[c.File] = &fstest.MapFile{Data: z.Bytes()}
		idx.Modules = append(idx.Modules, c)
	}
	if edit != nil {
		edit(&idx)
	}
	data, _ := json.Marshal(idx)
	fsys["index.json"] = &fstest.MapFile{Data: data}
	return fsys
}

var (
	fakeModule = []byte("\x00asm\x01\x00\x00\x00 a module carried in the binary")
	fakeExec   = []byte("// wasm_exec.js of the Go that compiled it\n")
)

func TestReadIndex(t *testing.T) {
	good := carriedFS(t, map[string][]byte{"record": fakeModule}, fakeExec, nil)
	if idx, err := ReadIndex(nil); err != nil || len(idx.Modules) != 0 {
		t.Errorf("ReadIndex(nil) = %+v, %v; want no modules and no error", idx, err)
	}
	if idx, err := ReadIndex(good); err != nil || len(idx.Modules) != 1 || idx.find("record") == nil {
		t.Errorf("ReadIndex(good) = %+v, %v; want the record module", idx, err)
	}
	tests := []struct {
		name string
		edit func(*Index)
		want string
	}{
		{"another format", func(i *Index) { i.Format = "resolve-wasm-modules/2" }, "not resolve-wasm-modules/1"},
		{"a module twice", func(i *Index) { i.Modules = append(i.Modules, i.Modules[0]) }, "twice"},
		{"a module without a name", func(i *Index) { i.Modules[0].Name = "" }, "twice or not at all"},
		{"a path out of the folder", func(i *Index) { i.Modules[0].File = "../record.wasm.gz" }, "bad entry"},
		{"a path into a folder", func(i *Index) { i.Exec.File = "lib/wasm_exec.js" }, "bad entry"},
		{"a short sum", func(i *Index) { i.Modules[0].SHA256 = "abcd" }, "bad entry"},
		{"no size", func(i *Index) { i.Exec.Size = 0 }, "bad entry"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadIndex(carriedFS(t, map[string][]byte{"record": fakeModule}, fakeExec, tt.edit))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ReadIndex with %s: %v; want an error saying %q", tt.name, err, tt.want)
			}
		})
	}
	if _, err := ReadIndex(fstest.MapFS{}); err == nil || !strings.Contains(err.Error(), "no index") {
		t.Errorf("ReadIndex of an empty folder: %v; want an error saying it has no index", err)
	}
}

// TestBuildCarried puts carried modules into a site with no go command to
// be found and no repository: nothing is compiled, and the files are the
// carried ones, byte for byte.
func TestBuildCarried(t *testing.T) {
	noRepo := t.TempDir()
	b := New(Config{Carried: carriedFS(t, map[string][]byte{"record": fakeModule}, fakeExec, nil), Root: noRepo, Go: "no-such-go"})
	site := recordSite(t)
	files, err := b.Build(context.Background(), site)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0].From != Carried {
		t.Fatalf("Build = %+v; want the record module, carried", files)
	}
	f := files[0]
	for file, want := range map[string][]byte{f.Module: fakeModule, f.Exec: fakeExec} {
		if got, err := os.ReadFile(filepath.Join(site, file)); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s = %q, %v; want %q", file, got, err, want)
		}
	}
	var m Manifest
	data, _ := os.ReadFile(filepath.Join(site, "wasm", "manifest.json"))
	if err := json.Unmarshal(data, &m); err != nil || "wasm/"+m.Module != f.Module || "wasm/"+m.Exec != f.Exec {
		t.Errorf("wasm/manifest.json = %s (%v); want it to name %s and %s", data, err, f.Module, f.Exec)
	}

	// The next build (as resolve serve rebuilds) writes the same files from
	// the module unpacked the first time.
	again := recordSite(t)
	if _, err := b.Build(context.Background(), again); err != nil {
		t.Fatal(err)
	}
	sameTree(t, filepath.Join(site, "wasm"), filepath.Join(again, "wasm"))
}

// TestBuildOnlyWhatTheSiteNeeds: a site with no record form gets no module,
// and nothing is asked of the carried files or of Go.
func TestBuildOnlyWhatTheSiteNeeds(t *testing.T) {
	site := writeTree(t, map[string]string{"index.html": "<p>no protocols</p>\n"})
	files, err := New(Config{Root: t.TempDir(), Go: "no-such-go"}).Build(context.Background(), site)
	if err != nil || len(files) != 0 {
		t.Errorf("Build of a site with no record form = %+v, %v; want nothing", files, err)
	}
	if _, err := os.Stat(filepath.Join(site, "wasm")); !os.IsNotExist(err) {
		t.Errorf("a site with no record form got a wasm/ folder (%v)", err)
	}
}

// TestBuildSeveralModules: each module the site needs goes in beside its
// own manifest, and the wasm_exec.js they share is written once.
func TestBuildSeveralModules(t *testing.T) {
	audit := []byte("\x00asm\x01\x00\x00\x00 the audit page's module")
	mods := []Module{
		Modules()[0],
		{Name: "audit", Purpose: "the audit page", Package: "./wasm/audit", Manifest: "wasm/audit.json", When: "audit/index.html"},
	}
	fsys := carriedFS(t, map[string][]byte{"record": fakeModule}, fakeExec, nil)
	// carriedFS knows only Modules(); add the audit module by hand.
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(audit)
	zw.Close()
	fsys["audit.wasm.gz"] = &fstest.MapFile{Data: z.Bytes()}
	var idx Index
	json.Unmarshal(fsys["index.json"].Data, &idx)
	idx.Modules = append(idx.Modules, CarriedModule{Name: "audit", Package: "./wasm/audit", Blob: blob("audit.wasm.gz", audit)})
	fsys["index.json"].Data, _ = json.Marshal(idx)

	tests := []struct {
		name  string
		pages map[string]string
		want  []string // manifests
	}{
		{"both", map[string]string{"hips/record/index.html": "", "audit/index.html": ""}, []string{"wasm/manifest.json", "wasm/audit.json"}},
		{"record only", map[string]string{"hips/record/index.html": ""}, []string{"wasm/manifest.json"}},
		{"audit only", map[string]string{"audit/index.html": ""}, []string{"wasm/audit.json"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := writeTree(t, tt.pages)
			files, err := New(Config{Carried: fsys, Modules: mods, Root: t.TempDir(), Go: "no-such-go"}).Build(context.Background(), site)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range files {
				got = append(got, f.Manifest)
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Fatalf("manifests %v; want %v", got, tt.want)
			}
			entries, _ := os.ReadDir(filepath.Join(site, "wasm"))
			if n := len(entries); n != 2*len(tt.want)+1 {
				t.Errorf("wasm/ holds %d files; want a module and a manifest each, and one shared wasm_exec.js", n)
			}
		})
	}
}

// TestBuildNeither: with no carried module, a module that cannot be
// compiled fails the build, saying why and what to do, and writes nothing.
func TestBuildNeither(t *testing.T) {
	repo, err := Root()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		cfg  Config
		why  string
	}{
		{"no source", Config{Root: t.TempDir()}, "has no wasm/ module sources"},
		{"no go", Config{Root: repo, Go: "no-such-go"}, "no no-such-go command"},
		{"carried, but not this module", Config{Carried: carriedFS(t, nil, fakeExec, nil), Root: repo, Go: "no-such-go"}, "no no-such-go command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := recordSite(t)
			_, err := New(tt.cfg).Build(context.Background(), site)
			if err == nil {
				t.Fatal("Build succeeded with no way to get the module")
			}
			for _, want := range []string{"the record form's WebAssembly module is not carried", tt.why, "release binary"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not say %q", err, want)
				}
			}
			if _, err := os.Stat(filepath.Join(site, "wasm")); !os.IsNotExist(err) {
				t.Errorf("a failed Build left a wasm/ folder (%v)", err)
			}
		})
	}
}

// TestBuildDamaged: carried files that are not what the index says fail
// the build rather than reach a site.
func TestBuildDamaged(t *testing.T) {
	tests := []struct {
		name   string
		damage func(fstest.MapFS)
	}{
		{"module changed", func(f fstest.MapFS) {
			var z bytes.Buffer
			zw := gzip.NewWriter(&z)
			zw.Write(append([]byte{}, fakeModule[:len(fakeModule)-1]...))
			zw.Write([]byte("!"))
			zw.Close()
			f["record.wasm.gz"].Data = z.Bytes()
		}},
		{"module longer", func(f fstest.MapFS) {
			var z bytes.Buffer
			zw := gzip.NewWriter(&z)
			zw.Write(append(append([]byte{}, fakeModule...), "more"...))
			zw.Close()
			f["record.wasm.gz"].Data = z.Bytes()
		}},
		{"module not compressed", func(f fstest.MapFS) { f["record.wasm.gz"].Data = fakeModule }},
		{"module missing", func(f fstest.MapFS) { delete(f, "record.wasm.gz") }},
		{"wasm_exec.js changed", func(f fstest.MapFS) { f["wasm_exec.js"].Data = []byte("// another Go's\n") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := carriedFS(t, map[string][]byte{"record": fakeModule}, fakeExec, nil)
			tt.damage(fsys)
			_, err := New(Config{Carried: fsys, Go: "no-such-go"}).Build(context.Background(), recordSite(t))
			if err == nil || !strings.Contains(err.Error(), "damaged") {
				t.Errorf("Build with %s: %v; want an error saying the binary is damaged", tt.name, err)
			}
		})
	}
}

// TestPrebuild compiles the modules as make release does, then builds a
// site from them and another from source: the two wasm/ folders are the
// same byte for byte.
func TestPrebuild(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the WebAssembly module: skipped under -short")
	}
	ctx := context.Background()
	b := New(Config{CacheDir: t.TempDir()})
	out := filepath.Join(t.TempDir(), "_prebuilt")
	idx, err := Prebuild(ctx, b, out)
	if err != nil {
		t.Fatal(err)
	}
	if len(idx.Modules) != len(Modules()) || idx.Go == "" {
		t.Fatalf("Prebuild index %+v; want every module and the Go version", idx)
	}
	carried, source := recordSite(t), recordSite(t)
	if _, err := New(Config{Carried: os.DirFS(out), Go: "no-such-go"}).Build(ctx, carried); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Build(ctx, source); err != nil {
		t.Fatal(err)
	}
	sameTree(t, filepath.Join(carried, "wasm"), filepath.Join(source, "wasm"))

	// A second run replaces its own folder; a folder holding anything else
	// is refused and kept.
	if _, err := Prebuild(ctx, b, out); err != nil {
		t.Errorf("Prebuild over its own earlier output: %v", err)
	}
	os.WriteFile(filepath.Join(out, "notes.txt"), []byte("mine\n"), 0o644)
	if _, err := Prebuild(ctx, b, out); err == nil || !strings.Contains(err.Error(), "notes.txt") {
		t.Errorf("Prebuild over a folder with notes.txt: %v; want a refusal naming it", err)
	}
	if _, err := os.Stat(filepath.Join(out, "notes.txt")); err != nil {
		t.Errorf("the refused Prebuild removed notes.txt: %v", err)
	}
}

// sameTree fails t unless folders a and b hold the same files with the same
// bytes.
func sameTree(t *testing.T, a, b string) {
	t.Helper()
	read := func(root string) map[string]string {
		files := map[string]string{}
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			rel, _ := filepath.Rel(root, p)
			files[filepath.ToSlash(rel)] = string(data)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	fa, fb := read(a), read(b)
	if len(fa) == 0 {
		t.Fatalf("%s is empty", a)
	}
	for name, data := range fa {
		if other, ok := fb[name]; !ok {
			t.Errorf("%s has %s; %s does not", a, name, b)
		} else if other != data {
			t.Errorf("%s differs between %s and %s", name, a, b)
		}
	}
	for name := range fb {
		if _, ok := fa[name]; !ok {
			t.Errorf("%s has %s; %s does not", b, name, a)
		}
	}
}

// BenchmarkBuildCarried measures putting the carried record module into a
// site: "first" unpacks and checks it (a resolve build), "again" reuses it
// (each rebuild of resolve serve).
func BenchmarkBuildCarried(b *testing.B) {
	out := filepath.Join(b.TempDir(), "_prebuilt")
	if _, err := Prebuild(context.Background(), New(Config{}), out); err != nil {
		b.Fatal(err)
	}
	site := filepath.Join(b.TempDir(), "site")
	os.MkdirAll(filepath.Join(site, "hips", "record"), 0o755)
	os.WriteFile(filepath.Join(site, "hips", "record", "index.html"), nil, 0o644)
	shared := New(Config{Carried: os.DirFS(out)})
	for _, bb := range []struct {
		name    string
		builder func() *Builder
	}{
		{"first", func() *Builder { return New(Config{Carried: os.DirFS(out)}) }},
		{"again", func() *Builder { return shared }},
	} {
		b.Run(bb.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := bb.builder().Build(context.Background(), site); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
