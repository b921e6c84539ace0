package cli

import (
	"context"
	"path/filepath"

	"resolve/internal/wasmbuild"
)

// wasmStep puts the site's WebAssembly modules into a new site folder: the
// ones this binary carries (a release build), else compiled from resolve's
// source (see package wasmbuild). One builder serves every rebuild of
// resolve serve, and its cache means a module is compiled only when its Go
// sources change. A site with no protocols has no record form, so it gets
// no record module.
//
// watch lists the source folders whose changes should rebuild the site: the
// repository's wasm/ and internal/ when modules are compiled from them,
// none for a binary that carries its modules.
func wasmStep(ctx context.Context) (step func(string) error, watch []string) {
	b := wasmbuild.New(wasmbuild.Config{Carried: wasmbuild.Embedded()})
	if wasmbuild.Embedded() == nil {
		if root, err := wasmbuild.Root(); err == nil {
			watch = []string{filepath.Join(root, "wasm"), filepath.Join(root, "internal")}
		}
	}
	return func(dir string) error {
		_, err := b.Build(ctx, dir)
		return err
	}, watch
}
