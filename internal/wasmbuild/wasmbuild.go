// Package wasmbuild builds the record form's WebAssembly module (package
// wasm/ of this repository, for GOOS=js GOARCH=wasm) and puts it into a
// site being built.
//
// A site gets three files in its wasm/ folder:
//
//	record.<hash>.wasm     the module, built with -trimpath -ldflags="-s -w"
//	wasm_exec.<hash>.js    the JavaScript support file of the Go that built it
//	manifest.json          {"module": "record.<hash>.wasm", "exec": "wasm_exec.<hash>.js"}
//
// The hashes are of the files' contents, so both can be cached for ever; the
// form page's script reads manifest.json, which is small and not
// fingerprinted, to find them. wasm_exec.js must come from the same Go
// installation as the module (the two are a matched pair), so it is copied
// from $(go env GOROOT)/lib/wasm of the go command that compiled it.
//
// Building takes tens of seconds, so modules are cached under
// os.UserCacheDir()/resolve/wasm, keyed by a hash of every Go source and
// embedded file under wasm/ and internal/ (tests and testdata left out),
// go.mod, go.sum, the Go version and the build flags. When none of those has
// changed, as on nearly every rebuild of resolve serve, the cached module is
// copied and nothing is compiled.
package wasmbuild

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// Config says where the module's sources are and how to build it.
type Config struct {
	Root     string    // the repository: the folder holding go.mod and wasm/; "" finds it above the working directory
	CacheDir string    // where built modules are kept; "" means os.UserCacheDir()/resolve/wasm
	Go       string    // the go command; "" means go on the PATH
	Log      io.Writer // progress messages; nil for none
}

// buildFlags are the flags of go build, part of the cache key: -trimpath
// so the module holds no local paths, -s -w to drop the symbol table and
// debugging information, which the browser never uses.
const buildFlags = "-trimpath -ldflags=-s -w"

// keep is how many built modules the cache holds; older ones are removed.
const keep = 4

// Files names what Build put into a site, relative to the site's folder.
type Files struct {
	Module   string // "wasm/record.<hash>.wasm"
	Exec     string // "wasm/wasm_exec.<hash>.js"
	Manifest string // "wasm/manifest.json"
	Size     int    // bytes of the module
	Cached   bool   // the module came from the cache, not a compile
}

// Manifest is the content of wasm/manifest.json: the file names, relative to
// the manifest.
type Manifest struct {
	Module string `json:"module"`
	Exec   string `json:"exec"`
}

// Builder builds the module. It remembers what it learnt about the go
// command, so that resolve serve, which keeps one for its whole run, asks
// only once. It is safe for concurrent use.
type Builder struct {
	cfg Config
	mu  sync.Mutex // held for a whole build: two at once would do the work twice
	env *goEnvironment
}

// New returns a Builder for cfg.
func New(cfg Config) *Builder { return &Builder{cfg: cfg} }

// Build puts the module into the site folder dir, building it first unless
// the cache has it.
func (b *Builder) Build(ctx context.Context, dir string) (*Files, error) {
	m, err := b.Module(ctx)
	if err != nil {
		return nil, err
	}
	wasm, err := os.ReadFile(m.Wasm)
	if err != nil {
		return nil, err
	}
	execJS, err := os.ReadFile(m.Exec)
	if err != nil {
		return nil, err
	}
	man := Manifest{
		Module: "record." + shortHash(wasm) + ".wasm",
		Exec:   "wasm_exec." + shortHash(execJS) + ".js",
	}
	out := filepath.Join(dir, "wasm")
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	manifest, _ := json.Marshal(man)
	for name, data := range map[string][]byte{man.Module: wasm, man.Exec: execJS, "manifest.json": append(manifest, '\n')} {
		if err := os.WriteFile(filepath.Join(out, name), data, 0o644); err != nil {
			return nil, err
		}
	}
	return &Files{
		Module:   "wasm/" + man.Module,
		Exec:     "wasm/" + man.Exec,
		Manifest: "wasm/manifest.json",
		Size:     len(wasm),
		Cached:   m.Cached,
	}, nil
}

// Built is a module in the cache.
type Built struct {
	Wasm   string // path of the module
	Exec   string // path of the wasm_exec.js that goes with it
	Cached bool   // found in the cache rather than compiled now
}

// Module returns the built module for the sources as they are, compiling it
// only when the cache does not have it.
func (b *Builder) Module(ctx context.Context) (*Built, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	cfg := b.cfg
	root, err := findRoot(cfg.Root)
	if err != nil {
		return nil, err
	}
	goCmd := cfg.Go
	if goCmd == "" {
		goCmd = "go"
	}
	if b.env == nil {
		if b.env, err = goEnv(ctx, goCmd, root); err != nil {
			return nil, err
		}
	}
	env := *b.env
	key, err := SourceHash(root, env.version+" "+env.root+" "+buildFlags)
	if err != nil {
		return nil, err
	}
	cache := cfg.CacheDir
	if cache == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return nil, fmt.Errorf("wasmbuild: no cache folder for the module: %w", err)
		}
		cache = filepath.Join(base, "resolve", "wasm")
	}
	dir := filepath.Join(cache, key)
	built := &Built{Wasm: filepath.Join(dir, "record.wasm"), Exec: filepath.Join(dir, "wasm_exec.js"), Cached: true}
	if fileExists(built.Wasm) && fileExists(built.Exec) {
		now := time.Now()
		os.Chtimes(dir, now, now) // recently used: kept when the cache is trimmed
		return built, nil
	}

	// Build into a fresh folder and rename it into place, so a build that
	// fails or is interrupted leaves nothing half-written in the cache.
	if err := os.MkdirAll(cache, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(cache, ".build-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	start := time.Now()
	logf(cfg.Log, "building the record form's WebAssembly module\n")
	// These are the flags of buildFlags, one argument each.
	args := []string{"build", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(tmp, "record.wasm"), "./wasm"}
	cmd := exec.CommandContext(ctx, goCmd, args...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("wasmbuild: building the record form's module (GOOS=js GOARCH=wasm go %s): %w\n%s",
			strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	execJS, err := os.ReadFile(filepath.Join(env.root, "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		return nil, fmt.Errorf("wasmbuild: the Go installation at %s has no lib/wasm/wasm_exec.js: %w", env.root, err)
	}
	if err := os.WriteFile(filepath.Join(tmp, "wasm_exec.js"), execJS, 0o644); err != nil {
		return nil, err
	}
	if err := os.Rename(tmp, dir); err != nil && !fileExists(built.Wasm) {
		return nil, err
	} // else another process put the same module there first
	logf(cfg.Log, "built the module in "+time.Since(start).Round(time.Millisecond).String()+"\n")
	trim(cache, keep)
	built.Cached = false
	return built, nil
}

// goEnvironment is what the build needs to know about the go command.
type goEnvironment struct {
	root, version string
}

// goEnv asks the go command for its GOROOT and version.
func goEnv(ctx context.Context, goCmd, root string) (*goEnvironment, error) {
	cmd := exec.CommandContext(ctx, goCmd, "env", "GOROOT", "GOVERSION")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("wasmbuild: the record form's module is built with Go, and `%s env` failed: %w", goCmd, err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 2 {
		return nil, errors.New("wasmbuild: `" + goCmd + " env GOROOT GOVERSION` printed something unexpected")
	}
	return &goEnvironment{root: strings.TrimSpace(lines[0]), version: strings.TrimSpace(lines[1])}, nil
}

// SourceHash returns a hash of everything the module is built from: every
// file under root/wasm and root/internal except tests, test data and hidden
// files, then go.mod and go.sum, then extra (the Go version and flags).
func SourceHash(root, extra string) (string, error) {
	var files []string
	for _, top := range []string{"wasm", "internal"} {
		err := filepath.WalkDir(filepath.Join(root, top), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if d.IsDir() {
				if name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
					return filepath.SkipDir
				}
				return nil
			}
			if strings.HasSuffix(name, "_test.go") || strings.HasPrefix(name, ".") || !d.Type().IsRegular() {
				return nil
			}
			files = append(files, p)
			return nil
		})
		if err != nil {
			return "", fmt.Errorf("wasmbuild: reading the module's sources: %w", err)
		}
	}
	sort.Strings(files)
	files = append(files, filepath.Join(root, "go.mod"), filepath.Join(root, "go.sum"))
	h := sha256.New()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && strings.HasSuffix(f, "go.sum") {
				continue
			}
			return "", fmt.Errorf("wasmbuild: reading the module's sources: %w", err)
		}
		rel, _ := filepath.Rel(root, f)
		io.WriteString(h, filepath.ToSlash(rel)+"\x00")
		sum := sha256.Sum256(data)
		h.Write(sum[:])
	}
	io.WriteString(h, extra)
	return hex.EncodeToString(h.Sum(nil))[:32], nil
}

// Root returns resolve's repository: the nearest folder at or above the
// working directory whose go.mod declares module resolve and which has
// wasm/. Tests and tools that need the repository's files use it too.
func Root() (string, error) { return findRoot("") }

// findRoot returns root, or else [Root].
func findRoot(root string) (string, error) {
	if root != "" {
		if !fileExists(filepath.Join(root, "wasm", "doc.go")) {
			return "", errors.New("wasmbuild: " + root + " has no wasm/ module sources")
		}
		return root, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := dir; ; d = filepath.Dir(d) {
		if mod, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil && isResolve(mod) && fileExists(filepath.Join(d, "wasm", "doc.go")) {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", errors.New("wasmbuild: the record form's module is built from resolve's source: run resolve inside its repository (no go.mod of module resolve at or above " + dir + ")")
		}
	}
}

func isResolve(gomod []byte) bool {
	for _, line := range strings.Split(string(gomod), "\n") {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "module" {
			return f[1] == "resolve"
		}
	}
	return false
}

// trim removes all but the n most recently used modules from the cache.
func trim(cache string, n int) {
	entries, err := os.ReadDir(cache)
	if err != nil {
		return
	}
	type dir struct {
		name string
		mod  time.Time
	}
	var dirs []dir
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if info, err := e.Info(); err == nil {
			dirs = append(dirs, dir{e.Name(), info.ModTime()})
		}
	}
	sort.Slice(dirs, func(i, j int) bool { return dirs[i].mod.After(dirs[j].mod) })
	for i := n; i < len(dirs); i++ {
		os.RemoveAll(filepath.Join(cache, dirs[i].name))
	}
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
