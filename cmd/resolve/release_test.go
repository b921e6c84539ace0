package main

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"resolve/internal/wasmbuild"
)

// TestReleaseBinary builds resolve as make release does (the modules
// generated into internal/wasmbuild/_prebuilt/, then -tags embedwasm), in a
// copy of the source so the work tree is left alone, and runs it outside
// any repository with an empty PATH: no Go, no git. It builds the example
// site, and the site's wasm/ folder is byte for byte the one a developer's
// binary writes by compiling from source. A developer's binary in the same
// place fails, saying why and what to do, and writes nothing.
func TestReleaseBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds resolve twice and the WebAssembly module: skipped under -short")
	}
	root, err := wasmbuild.Root()
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	gocache, err := exec.Command("go", "env", "GOCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	// Go's own build cache is shared (it is keyed by content); resolve's
	// module cache is a new, empty one, so the module is compiled afresh.
	goEnv := append(os.Environ(), "XDG_CACHE_HOME="+filepath.Join(tmp, "cache"), "GOCACHE="+strings.TrimSpace(string(gocache)))
	goCmd := func(dir string, args ...string) {
		t.Helper()
		cmd := exec.Command("go", args...)
		cmd.Dir, cmd.Env = dir, goEnv
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}

	src := filepath.Join(tmp, "src")
	copySource(t, root, src)
	release, dev := filepath.Join(tmp, "bin", "resolve"), filepath.Join(tmp, "bin", "resolve-dev")
	goCmd(src, "generate", "./internal/wasmbuild")
	goCmd(src, "build", "-tags", "embedwasm", "-trimpath", "-o", release, "./cmd/resolve")
	goCmd(root, "build", "-o", dev, "./cmd/resolve")

	// Outside any repository, with nothing on the PATH.
	work := filepath.Join(tmp, "work")
	emptyPath := filepath.Join(tmp, "empty")
	for _, d := range []string{work, emptyPath} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	bare := []string{"PATH=" + emptyPath, "HOME=" + filepath.Join(tmp, "home")}
	resolve := func(bin, dir string, env []string, args ...string) (code int, stdout, stderr string) {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Dir, cmd.Env = dir, env
		var out, errs bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errs
		err := cmd.Run()
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode(), out.String(), errs.String()
		} else if err != nil {
			t.Fatal(err)
		}
		return 0, out.String(), errs.String()
	}
	siteArgs := func(out string) []string {
		return []string{"build", "--content", filepath.Join(root, "content"), "--layouts", filepath.Join(root, "layouts"),
			"--static", filepath.Join(root, "static"), "--out", out}
	}

	if code, out, errs := resolve(release, work, bare, "version"); code != 0 || !strings.Contains(out, "carries its WebAssembly modules") || !strings.Contains(out, "  record  ./wasm  ") {
		t.Errorf("release resolve version: exit %d\n%s%s\nwant it to list the record module it carries", code, out, errs)
	}
	start := time.Now()
	code, out, errs := resolve(release, work, bare, siteArgs(filepath.Join(work, "site"))...)
	took := time.Since(start)
	if code != 0 {
		t.Fatalf("release resolve build with no Go: exit %d\n%s%s", code, out, errs)
	}
	t.Logf("the release binary built the example site with no Go on the PATH in %v: %s", took.Round(time.Millisecond), strings.TrimSpace(out))

	// A developer's binary, in the repository with Go, compiles from source.
	code, out, errs = resolve(dev, root, os.Environ(), siteArgs(filepath.Join(tmp, "dev-site"))...)
	if code != 0 {
		t.Fatalf("developer's resolve build: exit %d\n%s%s", code, out, errs)
	}
	sameFiles(t, filepath.Join(work, "site", "wasm"), filepath.Join(tmp, "dev-site", "wasm"))

	// A developer's binary with neither Go nor the source cannot.
	code, _, errs = resolve(dev, work, bare, siteArgs(filepath.Join(work, "none"))...)
	if code != 1 || !strings.Contains(errs, "is not carried in this resolve binary") || !strings.Contains(errs, "release binary") {
		t.Errorf("developer's resolve build with no Go, outside the repository: exit %d, %q; want exit 1 saying to use a release binary", code, errs)
	}
	if _, err := os.Stat(filepath.Join(work, "none")); !os.IsNotExist(err) {
		t.Errorf("the failed build wrote its output folder (%v)", err)
	}
}

// copySource copies what building resolve needs (go.mod, go.sum and the Go
// packages, without tests, test data or ignored folders) from root to dst.
func copySource(t *testing.T, root, dst string) {
	t.Helper()
	for _, f := range []string{"go.mod", "go.sum"} {
		copyFile(t, filepath.Join(root, f), filepath.Join(dst, f))
	}
	for _, top := range []string{"cmd", "internal", "wasm"} {
		err := filepath.WalkDir(filepath.Join(root, top), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if d.IsDir() && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			if d.IsDir() || !d.Type().IsRegular() || strings.HasSuffix(name, "_test.go") {
				return nil
			}
			rel, _ := filepath.Rel(root, p)
			copyFile(t, p, filepath.Join(dst, rel))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// sameFiles fails t unless folders a and b hold files of the same names and
// bytes, and at least a module and its manifest.
func sameFiles(t *testing.T, a, b string) {
	t.Helper()
	list := func(dir string) map[string][]byte {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		files := map[string][]byte{}
		for _, e := range entries {
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			files[e.Name()] = data
		}
		return files
	}
	fa, fb := list(a), list(b)
	if _, ok := fa["manifest.json"]; !ok || len(fa) < 3 {
		t.Errorf("%s holds %d files, without manifest.json; want the module, wasm_exec.js and the manifest", a, len(fa))
	}
	for name, data := range fa {
		if other, ok := fb[name]; !ok || !bytes.Equal(data, other) {
			t.Errorf("%s: the release build's differs from the build from source (present in both: %v)", name, ok)
		}
	}
	if len(fa) != len(fb) {
		t.Errorf("the release build wrote %d files into wasm/, the build from source %d", len(fa), len(fb))
	}
}
