// Package wasmbuild puts resolve's WebAssembly modules into a site being
// built. [Modules] lists them: the record form's module (package wasm/ of
// this repository, built for GOOS=js GOARCH=wasm) and the audit page's
// (wasm/audit/).
//
// A module gets three files in its folder of the site (wasm/ for the record
// form):
//
//	record.<hash>.wasm     the module, built with -trimpath -ldflags="-s -w"
//	wasm_exec.<hash>.js    the JavaScript support file of the Go that built it
//	manifest.json          {"module": "record.<hash>.wasm", "exec": "wasm_exec.<hash>.js"}
//
// The hashes are of the files' contents, so both can be cached for ever.
// [Builder.Resolve] names them before a site's pages are rendered, so that
// the pages can name them too (the record form preloads its module); the
// manifest, small and not fingerprinted, names them for a page that was not
// told, and for tools. wasm_exec.js must come from the same Go installation as the
// module (the two are a matched pair), so it always travels with it.
//
// # Where a module comes from
//
// A module is either carried in the resolve binary or compiled from
// resolve's source, and the binary decides which:
//
//   - A release binary carries its modules. `make release` first runs
//     `go generate ./internal/wasmbuild`, which compiles every module from
//     source into the ignored folder _prebuilt/ (see [Prebuild]), then builds
//     resolve with -tags embedwasm, which embeds that folder ([Embedded]).
//     Such a binary builds a site anywhere, with no Go and no source.
//   - A developer's binary (go run ./cmd/resolve, make serve) carries none
//     and compiles each module with the go command from the repository it
//     runs in. Compiling takes tens of seconds, so modules are cached under
//     os.UserCacheDir()/resolve/wasm, keyed by a hash of every Go source and
//     embedded file under wasm/ and internal/ (tests and testdata left out),
//     go.mod, go.sum, the Go version, the build flags and the package. When
//     none of those has changed, as on nearly every rebuild of resolve serve,
//     the cached module is copied and nothing is compiled.
//
// A module the binary carries is always used; one it does not carry is
// compiled. When that is impossible (no resolve source at or above the
// working folder, or no go command), Build fails saying so and pointing to
// the release binaries.
package wasmbuild

//go:generate go run ./prebuild _prebuilt

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sync"
)

// A Module is one WebAssembly module a site may carry.
type Module struct {
	Name     string // names its files: record.<hash>.wasm, and record.wasm.gz in a release binary
	Purpose  string // what it is for, in messages: "the record form"
	Package  string // its main package, relative to the repository: "./wasm"
	Manifest string // its manifest's path in the site; the module's files go beside it
	When     string // a glob in the built site: the module goes in only when something matches
}

// Modules returns every module resolve builds, in a fixed order. The record
// form's manifest keeps the path wasm/manifest.json that the form's page
// names; another module gets a manifest of its own, such as
// wasm/audit.json, and the files it shares with another module in the same
// folder (the same wasm_exec.js) are written once under the same name.
func Modules() []Module {
	return []Module{
		{Name: "record", Purpose: "the record form", Package: "./wasm", Manifest: "wasm/manifest.json", When: "*/record/index.html"},
		// The audit page's module lives outside wasm/, which the service
		// worker saves for the record form offline, so that no reader's
		// browser downloads it unasked.
		{Name: "audit", Purpose: "the audit page", Package: "./wasm/audit", Manifest: "audit/wasm/manifest.json", When: "audit/index.html"},
	}
}

// Config says where modules come from.
type Config struct {
	Carried  fs.FS     // modules carried in the binary, laid out as Prebuild writes them: usually [Embedded]; nil carries none
	Modules  []Module  // nil means [Modules]
	Root     string    // the repository: the folder holding go.mod and wasm/; "" finds it above the working directory
	CacheDir string    // where compiled modules are kept; "" means os.UserCacheDir()/resolve/wasm
	Go       string    // the go command; "" means go on the PATH
	Log      io.Writer // progress messages; nil for none
}

// Origin says where a module put into a site came from.
type Origin int

const (
	Compiled Origin = iota // compiled from source by this build
	Cached                 // compiled from source earlier, copied from the cache
	Carried                // carried in the resolve binary
)

func (o Origin) String() string {
	switch o {
	case Compiled:
		return "compiled from source"
	case Cached:
		return "compiled from source earlier (cached)"
	case Carried:
		return "carried in the resolve binary"
	}
	return "unknown"
}

// Files names what Build put into a site for one module, relative to the
// site's folder.
type Files struct {
	Name     string // the module's name: "record"
	Module   string // "wasm/record.<hash>.wasm"
	Exec     string // "wasm/wasm_exec.<hash>.js"
	Manifest string // "wasm/manifest.json"
	Size     int    // bytes of the module
	From     Origin
}

// Manifest is the content of a module's manifest: the file names, relative
// to the manifest.
type Manifest struct {
	Module string `json:"module"`
	Exec   string `json:"exec"`
}

// Builder puts modules into sites. It remembers what it learnt about the go
// command and what the binary carries, so that resolve serve, which keeps
// one for its whole run, asks only once. It is safe for concurrent use.
type Builder struct {
	cfg Config
	mu  sync.Mutex // held for a whole compile: two at once would do the work twice
	env *goEnvironment

	carriedOnce sync.Once
	carried     *Index
	carriedErr  error
	opened      sync.Map // module name -> *openedModule, so resolve serve unpacks each once
}

// openedModule is a carried module, unpacked and checked.
type openedModule struct{ wasm, execJS []byte }

// New returns a Builder for cfg.
func New(cfg Config) *Builder { return &Builder{cfg: cfg} }

func (b *Builder) modules() []Module {
	if b.cfg.Modules != nil {
		return b.cfg.Modules
	}
	return Modules()
}

// Build puts into the site folder dir every module the site needs (those
// whose When matches a file in dir), each from where [Builder] says. It
// loads only those; a build whose pages name the modules' files resolves
// them first, with [Builder.Resolve].
func (b *Builder) Build(ctx context.Context, dir string) ([]Files, error) {
	var out []Files
	for _, m := range b.modules() {
		if !needed(dir, m) {
			continue
		}
		r, err := b.resolve(ctx, m)
		if err != nil {
			return nil, err
		}
		if err := r.write(dir); err != nil {
			return nil, err
		}
		out = append(out, r.files)
	}
	return out, nil
}

// Resolve loads every module, each from where [Builder] says, and names
// its files, before anything is written: a site's pages can then name
// them (the record form preloads its module by name, rather than after
// reading the manifest), and [Resolved.Write] puts exactly those files
// into the site once it is rendered, even if the sources change meanwhile.
func (b *Builder) Resolve(ctx context.Context) (*Resolved, error) {
	r := &Resolved{}
	for _, m := range b.modules() {
		rm, err := b.resolve(ctx, m)
		if err != nil {
			return nil, err
		}
		r.mods = append(r.mods, rm)
	}
	return r, nil
}

// Resolved is every module of one build, loaded and named.
type Resolved struct{ mods []*resolved }

// resolved is one module, loaded, with the names of its files.
type resolved struct {
	m            Module
	wasm, execJS []byte
	man          Manifest
	files        Files
}

// Files returns the files of every module, in the order of the modules,
// as Write would write them.
func (r *Resolved) Files() []Files {
	out := make([]Files, len(r.mods))
	for i, rm := range r.mods {
		out[i] = rm.files
	}
	return out
}

// Write puts into the site folder dir the modules the site needs (those
// whose When matches a file in dir) and returns their files.
func (r *Resolved) Write(dir string) ([]Files, error) {
	var out []Files
	for _, rm := range r.mods {
		if !needed(dir, rm.m) {
			continue
		}
		if err := rm.write(dir); err != nil {
			return nil, err
		}
		out = append(out, rm.files)
	}
	return out, nil
}

// needed says whether the site folder dir needs module m: whether
// something in it matches m.When.
func needed(dir string, m Module) bool {
	hits, _ := filepath.Glob(filepath.Join(dir, filepath.FromSlash(m.When)))
	return len(hits) > 0
}

// resolve loads m and names its files by their contents.
func (b *Builder) resolve(ctx context.Context, m Module) (*resolved, error) {
	wasm, execJS, from, err := b.load(ctx, m)
	if err != nil {
		return nil, err
	}
	folder := path.Dir(m.Manifest)
	man := Manifest{
		Module: m.Name + "." + shortHash(wasm) + ".wasm",
		Exec:   "wasm_exec." + shortHash(execJS) + ".js",
	}
	return &resolved{m: m, wasm: wasm, execJS: execJS, man: man, files: Files{
		Name:     m.Name,
		Module:   path.Join(folder, man.Module),
		Exec:     path.Join(folder, man.Exec),
		Manifest: m.Manifest,
		Size:     len(wasm),
		From:     from,
	}}, nil
}

// load returns the module m and its wasm_exec.js: the carried ones when the
// binary has m, else compiled (or cached) from source.
func (b *Builder) load(ctx context.Context, m Module) (wasm, execJS []byte, from Origin, err error) {
	idx, err := b.index()
	if err != nil {
		return nil, nil, 0, err
	}
	if c := idx.find(m.Name); c != nil {
		if o, ok := b.opened.Load(m.Name); ok {
			return o.(*openedModule).wasm, o.(*openedModule).execJS, Carried, nil
		}
		wasm, execJS, err := idx.open(b.cfg.Carried, c)
		if err != nil {
			return nil, nil, 0, err
		}
		b.opened.Store(m.Name, &openedModule{wasm, execJS})
		return wasm, execJS, Carried, nil
	}
	return b.compiled(ctx, m)
}

// compiled returns the module m and its wasm_exec.js compiled from source
// ([Builder.Compile]), or copied from the cache.
func (b *Builder) compiled(ctx context.Context, m Module) (wasm, execJS []byte, from Origin, err error) {
	built, err := b.Compile(ctx, m)
	if err != nil {
		return nil, nil, 0, err
	}
	if wasm, err = os.ReadFile(built.Wasm); err != nil {
		return nil, nil, 0, err
	}
	if execJS, err = os.ReadFile(built.Exec); err != nil {
		return nil, nil, 0, err
	}
	from = Compiled
	if built.Cached {
		from = Cached
	}
	return wasm, execJS, from, nil
}

// index reads, once, the index of the modules the binary carries.
func (b *Builder) index() (*Index, error) {
	b.carriedOnce.Do(func() { b.carried, b.carriedErr = ReadIndex(b.cfg.Carried) })
	return b.carried, b.carriedErr
}

// write puts the module and its wasm_exec.js into the site folder dir,
// named by their contents, with the manifest naming them.
func (r *resolved) write(dir string) error {
	out := filepath.Join(dir, filepath.FromSlash(path.Dir(r.m.Manifest)))
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	manifest, _ := json.Marshal(r.man)
	for _, f := range []struct {
		name string
		data []byte
	}{{r.man.Module, r.wasm}, {r.man.Exec, r.execJS}, {path.Base(r.m.Manifest), append(manifest, '\n')}} {
		if err := os.WriteFile(filepath.Join(out, f.name), f.data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func shortHash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:4])
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

func logf(w io.Writer, s string) {
	if w != nil {
		io.WriteString(w, s)
	}
}
