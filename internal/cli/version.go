package cli

import (
	"context"
	"io"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"

	"resolve/internal/wasmbuild"
)

func runVersion(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flags("version", "", stderr)
	if code, done := parse(fs, args); done {
		return code
	}
	info, _ := debug.ReadBuildInfo()
	idx, err := wasmbuild.ReadIndex(wasmbuild.Embedded())
	if err != nil {
		io.WriteString(stderr, "resolve version: "+err.Error()+"\n")
		return Failed
	}
	io.WriteString(stdout, versionText(info, idx, runtime.Version(), runtime.GOOS+"/"+runtime.GOARCH))
	return OK
}

// versionText says which resolve this is (its version, or its commit when
// it has none), what built it, and which WebAssembly modules it carries: a
// release binary carries them and builds a site with no Go; a developer's
// build compiles them from source.
func versionText(info *debug.BuildInfo, idx *wasmbuild.Index, goVersion, platform string) string {
	var b strings.Builder
	version := "(development build)"
	var revision, when string
	modified := false
	if info != nil {
		if v := info.Main.Version; v != "" && v != "(devel)" {
			version = v
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				revision = s.Value[:min(12, len(s.Value))]
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	b.WriteString("resolve " + version + "\n")
	if revision != "" {
		b.WriteString("commit " + revision)
		if when != "" {
			b.WriteString(" (" + when + ")")
		}
		if modified {
			b.WriteString(", with uncommitted changes")
		}
		b.WriteString("\n")
	}
	b.WriteString("built with " + goVersion + " for " + platform + "\n")
	if len(idx.Modules) == 0 {
		b.WriteString("carries no WebAssembly modules: resolve build compiles them from resolve's source,\n" +
			"which needs Go and the repository (release binaries carry them and need neither)\n")
		return b.String()
	}
	b.WriteString("carries its WebAssembly modules, compiled with " + idx.Go + ": building a site needs no Go\n")
	for _, m := range idx.Modules {
		b.WriteString("  " + m.Name + "  " + m.Package + "  " + strconv.Itoa(m.Size) + " bytes  sha256 " + m.SHA256[:16] + "\n")
	}
	return b.String()
}
