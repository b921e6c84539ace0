package wasmbuild

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestResolve names every module's files before anything is written, and
// Write then writes exactly those files, for the modules the site needs
// only.
func TestResolve(t *testing.T) {
	audit := []byte("\x00asm\x01\x00\x00\x00 the audit page's module")
	b := New(Config{Carried: carriedFS(t, map[string][]byte{"record": fakeModule, "audit": audit}, fakeExec, nil), Root: t.TempDir(), Go: "no-such-go"})
	r, err := b.Resolve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	files := r.Files()
	want := []Files{
		{Name: "record", Module: "wasm/record." + shortHash(fakeModule) + ".wasm", Exec: "wasm/wasm_exec." + shortHash(fakeExec) + ".js", Manifest: "wasm/manifest.json", Size: len(fakeModule), From: Carried},
		{Name: "audit", Module: "audit/wasm/audit." + shortHash(audit) + ".wasm", Exec: "audit/wasm/wasm_exec." + shortHash(fakeExec) + ".js", Manifest: "audit/wasm/manifest.json", Size: len(audit), From: Carried},
	}
	if len(files) != len(want) {
		t.Fatalf("Resolve named %+v; want %+v", files, want)
	}
	for i := range want {
		if files[i] != want[i] {
			t.Errorf("Resolve named %+v; want %+v", files[i], want[i])
		}
	}

	// A site with a record form and no audit page gets the record module.
	site := recordSite(t)
	wrote, err := r.Write(site)
	if err != nil {
		t.Fatal(err)
	}
	if len(wrote) != 1 || wrote[0] != want[0] {
		t.Errorf("Write = %+v; want the record module alone, as named", wrote)
	}
	for file, data := range map[string][]byte{want[0].Module: fakeModule, want[0].Exec: fakeExec} {
		if got, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(file))); err != nil || !bytes.Equal(got, data) {
			t.Errorf("%s = %q, %v; want %q", file, got, err, data)
		}
	}
	if _, err := os.Stat(filepath.Join(site, "audit")); !os.IsNotExist(err) {
		t.Errorf("a site with no audit page got its module (%v)", err)
	}
	// Build, which loads what it writes, gives the same files.
	again := recordSite(t)
	if _, err := b.Build(context.Background(), again); err != nil {
		t.Fatal(err)
	}
	sameTree(t, filepath.Join(site, "wasm"), filepath.Join(again, "wasm"))
}
