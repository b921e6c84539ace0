package cli

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"resolve/internal/wasmbuild"
)

// TestVersionText pins what `resolve version` says for a tagged release
// that carries its modules, a developer's build and a build from a changed
// work tree.
func TestVersionText(t *testing.T) {
	vcs := func(modified string) []debug.BuildSetting {
		return []debug.BuildSetting{
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: "a127747365be86ef115755a897971475f363e03d"},
			{Key: "vcs.time", Value: "2026-11-21T22:15:26Z"},
			{Key: "vcs.modified", Value: modified},
		}
	}
	carried := &wasmbuild.Index{Go: "go1.26.8", Modules: []wasmbuild.CarriedModule{{
		Name: "record", Package: "./wasm",
		Blob: wasmbuild.Blob{File: "record.wasm.gz", Size: 3362974, SHA256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"},
	}}}
	tests := []struct {
		name string
		info *debug.BuildInfo
		idx  *wasmbuild.Index
	}{
		{"release", &debug.BuildInfo{Main: debug.Module{Path: "resolve", Version: "v1.2.0"}, Settings: vcs("false")}, carried},
		{"devel", &debug.BuildInfo{Main: debug.Module{Path: "resolve", Version: "(devel)"}}, &wasmbuild.Index{}},
		{"modified", &debug.BuildInfo{Main: debug.Module{Path: "resolve", Version: "v1.2.1-0.20261121221526-a127747365be+dirty"}, Settings: vcs("true")}, &wasmbuild.Index{}},
		{"no-build-info", nil, &wasmbuild.Index{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := versionText(tt.info, tt.idx, "go1.26.8", "linux/arm64")
			golden := filepath.Join("testdata", "version-"+tt.name+".golden")
			if *update {
				os.WriteFile(golden, []byte(got), 0o644)
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if got != string(want) {
				t.Errorf("versionText =\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// TestVersionCommand: the test binary is a developer's build, so it says
// it carries no modules, under either spelling.
func TestVersionCommand(t *testing.T) {
	for _, arg := range []string{"version", "--version", "-version"} {
		code, out, errs := run(arg)
		if code != OK || !strings.HasPrefix(out, "resolve ") || !strings.Contains(out, "carries no WebAssembly modules") {
			t.Errorf("resolve %s: exit %d, %q, %q; want exit 0 and a developer build's version", arg, code, out, errs)
		}
	}
	if code, _, _ := run("version", "extra"); code != Usage {
		t.Errorf("resolve version extra: exit %d; want %d", code, Usage)
	}
}
