package cli

import (
	"context"
	"path/filepath"

	"resolve/internal/wasmbuild"
)

// wasmStep builds the record form's WebAssembly module into a new site
// folder. One builder serves every rebuild of resolve serve, and its cache
// means the module is compiled only when its Go sources change. A site
// with no protocols has no record form, so it gets no module.
func wasmStep(ctx context.Context) func(string) error {
	b := wasmbuild.New(wasmbuild.Config{})
	return func(dir string) error {
		if forms, _ := filepath.Glob(filepath.Join(dir, "*", "record", "index.html")); len(forms) == 0 {
			return nil
		}
		_, err := b.Build(ctx, dir)
		return err
	}
}
