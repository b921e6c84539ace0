package wasmbuild

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// buildFlags are the flags of go build, part of the cache key: -trimpath
// so the module holds no local paths (and is the same byte for byte
// wherever it is built), -s -w to drop the symbol table and debugging
// information, which the browser never uses.
const buildFlags = "-trimpath -ldflags=-s -w"

// keep is how many compiled modules the cache holds for each module
// resolve builds; older ones are removed.
const keep = 4

// Built is a compiled module in the cache.
type Built struct {
	Wasm   string // path of the module
	Exec   string // path of the wasm_exec.js that goes with it
	Cached bool   // found in the cache rather than compiled now
}

// unavailableError says why a module cannot be compiled here: there is no
// resolve source to compile, or no Go to compile it with. It is not a
// compile error, which says what is wrong in the source.
type unavailableError struct {
	module Module
	why    string
}

func (e *unavailableError) Error() string {
	return "wasmbuild: " + e.module.Purpose + "'s WebAssembly module is not carried in this resolve binary, " +
		"and it cannot be compiled here: " + e.why + ". Use a release binary of resolve, which carries its " +
		"modules and needs no Go, or run resolve inside its repository with Go installed"
}

// Compile returns the module m compiled from the sources as they are,
// compiling it only when the cache does not have it.
func (b *Builder) Compile(ctx context.Context, m Module) (*Built, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	cfg := b.cfg
	root, err := findRoot(cfg.Root)
	if err != nil {
		return nil, &unavailableError{m, err.Error()}
	}
	goCmd := cfg.Go
	if goCmd == "" {
		goCmd = "go"
	}
	if b.env == nil {
		if _, err := exec.LookPath(goCmd); err != nil {
			return nil, &unavailableError{m, "no " + goCmd + " command (" + err.Error() + ")"}
		}
		if b.env, err = goEnv(ctx, goCmd, root); err != nil {
			return nil, err
		}
	}
	env := *b.env
	key, err := SourceHash(root, env.version+" "+env.root+" "+buildFlags+" "+m.Package)
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
	built := &Built{Wasm: filepath.Join(dir, m.Name+".wasm"), Exec: filepath.Join(dir, "wasm_exec.js"), Cached: true}
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
	logf(cfg.Log, "compiling "+m.Purpose+"'s WebAssembly module\n")
	// These are the flags of buildFlags, one argument each.
	args := []string{"build", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(tmp, m.Name+".wasm"), m.Package}
	cmd := exec.CommandContext(ctx, goCmd, args...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("wasmbuild: compiling %s's module (GOOS=js GOARCH=wasm go %s): %w\n%s",
			m.Purpose, strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
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
	logf(cfg.Log, "compiled the module in "+time.Since(start).Round(time.Millisecond).String()+"\n")
	trim(cache, keep*len(b.modules()))
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
		return nil, fmt.Errorf("wasmbuild: the WebAssembly modules are compiled with Go, and `%s env` failed: %w", goCmd, err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 2 {
		return nil, errors.New("wasmbuild: `" + goCmd + " env GOROOT GOVERSION` printed something unexpected")
	}
	return &goEnvironment{root: strings.TrimSpace(lines[0]), version: strings.TrimSpace(lines[1])}, nil
}

// SourceHash returns a hash of everything the modules are built from: every
// file under root/wasm and root/internal except tests, test data and hidden
// files (folders starting with "." or "_", such as the release's
// _prebuilt/, included), then go.mod and go.sum, then extra (the Go
// version, flags and package).
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
			return "", fmt.Errorf("wasmbuild: reading the modules' sources: %w", err)
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
			return "", fmt.Errorf("wasmbuild: reading the modules' sources: %w", err)
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
			return "", errors.New(root + " has no wasm/ module sources")
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
			return "", errors.New("no resolve source (a go.mod of module resolve, with wasm/) at or above " + dir)
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
