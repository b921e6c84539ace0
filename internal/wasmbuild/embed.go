//go:build embedwasm

package wasmbuild

import (
	"embed"
	"io/fs"
)

// prebuilt is what `go generate ./internal/wasmbuild` wrote into _prebuilt/:
// the modules a release binary carries. Building with -tags embedwasm and
// no _prebuilt/ fails with "pattern _prebuilt: no matching files found";
// make release generates it first.
//
//go:embed _prebuilt
var prebuilt embed.FS

// Embedded returns the modules this binary carries, laid out as [Prebuild]
// writes them. This binary was built with -tags embedwasm: it carries them.
func Embedded() fs.FS {
	sub, err := fs.Sub(prebuilt, "_prebuilt")
	if err != nil {
		panic(err) // "_prebuilt" is a valid path: fs.Sub cannot refuse it
	}
	return sub
}
