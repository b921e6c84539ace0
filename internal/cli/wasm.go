package cli

import (
	"context"

	"resolve/internal/wasmbuild"
)

// wasmStep builds the record form's WebAssembly module into a new site
// folder. One builder serves every rebuild of resolve serve, and its cache
// means the module is compiled only when its Go sources change.
func wasmStep(ctx context.Context) func(string) error {
	b := wasmbuild.New(wasmbuild.Config{})
	return func(dir string) error {
		_, err := b.Build(ctx, dir)
		return err
	}
}
