package cli

import (
	"context"
	"path/filepath"

	"resolve/internal/build"
	"resolve/internal/wasmbuild"
)

// wasmModules gives a build the site's WebAssembly modules: the ones this
// binary carries (a release build), else compiled from resolve's source
// (see package wasmbuild). Each build resolves them before its pages
// render, so that the record form's page can name its module and ask for
// it at once, and writes exactly those files once the pages are written.
// One builder serves every rebuild of resolve serve, and its cache means a
// module is compiled only when its Go sources change. A site with no
// protocols has no page that runs a module, and the build does not ask.
//
// watch lists the source folders whose changes should rebuild the site: the
// repository's wasm/ and internal/ when modules are compiled from them,
// none for a binary that carries its modules.
func wasmModules(ctx context.Context) (modules func() (*build.Modules, error), watch []string) {
	b := wasmbuild.New(wasmbuild.Config{Carried: wasmbuild.Embedded()})
	if wasmbuild.Embedded() == nil {
		if root, err := wasmbuild.Root(); err == nil {
			watch = []string{filepath.Join(root, "wasm"), filepath.Join(root, "internal")}
		}
	}
	return ModulesFor(ctx, b), watch
}

// ModulesFor gives a build b's modules (build.Config.Modules): each call
// resolves them for one build (carried, cached or compiled), names their
// files for the pages, and writes exactly those files when the build asks.
// The browser tests build their site with it too.
func ModulesFor(ctx context.Context, b *wasmbuild.Builder) func() (*build.Modules, error) {
	return func() (*build.Modules, error) {
		r, err := b.Resolve(ctx)
		if err != nil {
			return nil, err
		}
		m := &build.Modules{Write: func(dir string) error {
			_, err := r.Write(dir)
			return err
		}}
		for _, f := range r.Files() {
			m.Files = append(m.Files, build.ModuleFiles{Name: f.Name, Module: f.Module, Exec: f.Exec})
		}
		return m, nil
	}
}
