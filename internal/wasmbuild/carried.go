package wasmbuild

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// indexFormat names the layout Prebuild writes and a binary reads; a change
// that an older reader would misread gets a new name.
const indexFormat = "resolve-wasm-modules/1"

// Index is index.json, the list of modules a release binary carries, as
// [Prebuild] writes it beside them.
type Index struct {
	Format  string          `json:"format"`  // indexFormat
	Go      string          `json:"go"`      // the Go version that compiled them: "go1.26.8"
	Exec    Blob            `json:"exec"`    // the wasm_exec.js of that Go, stored as it is
	Modules []CarriedModule `json:"modules"` // in the order of [Modules]
}

// CarriedModule is one module of an [Index].
type CarriedModule struct {
	Name    string `json:"name"`    // [Module] Name
	Package string `json:"package"` // the package it was compiled from: "./wasm"
	Blob
}

// Blob is a file of an [Index]: File is its name beside index.json (a
// module's is gzip-compressed), Size and SHA256 are of the content it holds.
type Blob struct {
	File   string `json:"file"`
	Size   int    `json:"size"`
	SHA256 string `json:"sha256"`
}

// ReadIndex reads index.json from fsys, the modules a binary carries. A nil
// fsys carries none: the result is an empty Index.
func ReadIndex(fsys fs.FS) (*Index, error) {
	if fsys == nil {
		return &Index{}, nil
	}
	data, err := fs.ReadFile(fsys, "index.json")
	if err != nil {
		return nil, errors.New("wasmbuild: the modules carried in this binary have no index: " + err.Error())
	}
	var idx Index
	if err := json.Unmarshal(data, &idx); err != nil {
		return nil, errors.New("wasmbuild: index.json of the modules carried in this binary: " + err.Error())
	}
	if idx.Format != indexFormat {
		return nil, errors.New("wasmbuild: index.json of the modules carried in this binary is " + strconv.Quote(idx.Format) + ", not " + indexFormat)
	}
	seen := map[string]bool{}
	blobs := []Blob{idx.Exec}
	for _, m := range idx.Modules {
		if m.Name == "" || seen[m.Name] {
			return nil, errors.New("wasmbuild: index.json of the modules carried in this binary names module " + strconv.Quote(m.Name) + " twice or not at all")
		}
		seen[m.Name] = true
		blobs = append(blobs, m.Blob)
	}
	for _, b := range blobs {
		if !fs.ValidPath(b.File) || strings.Contains(b.File, "/") || len(b.SHA256) != 64 || b.Size <= 0 {
			return nil, errors.New("wasmbuild: index.json of the modules carried in this binary has a bad entry " + strconv.Quote(b.File))
		}
	}
	return &idx, nil
}

// find returns the carried module called name, or nil.
func (idx *Index) find(name string) *CarriedModule {
	for i := range idx.Modules {
		if idx.Modules[i].Name == name {
			return &idx.Modules[i]
		}
	}
	return nil
}

// open reads the carried module c and the wasm_exec.js that goes with it,
// checking both against the index.
func (idx *Index) open(fsys fs.FS, c *CarriedModule) (wasm, execJS []byte, err error) {
	if wasm, err = readBlob(fsys, c.Blob, true); err != nil {
		return nil, nil, err
	}
	if execJS, err = readBlob(fsys, idx.Exec, false); err != nil {
		return nil, nil, err
	}
	return wasm, execJS, nil
}

// readBlob reads b from fsys, gunzipping it when gz says so, and checks its
// size and SHA-256 sum.
func readBlob(fsys fs.FS, b Blob, gz bool) ([]byte, error) {
	damaged := func(why string) error {
		return errors.New("wasmbuild: " + b.File + ", carried in this binary, " + why + ": the binary is damaged; download it again")
	}
	f, err := fsys.Open(b.File)
	if err != nil {
		return nil, damaged("cannot be read (" + err.Error() + ")")
	}
	defer f.Close()
	var r io.Reader = f
	if gz {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, damaged("is not gzip-compressed (" + err.Error() + ")")
		}
		r = zr
	}
	// One byte more than the index says, to notice a longer file without
	// reading all of it, into a buffer that need not grow.
	buf := bytes.NewBuffer(make([]byte, 0, b.Size+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(r, int64(b.Size)+1)); err != nil {
		return nil, damaged("cannot be read (" + err.Error() + ")")
	}
	data := buf.Bytes()
	sum := sha256.Sum256(data)
	if len(data) != b.Size || hex.EncodeToString(sum[:]) != b.SHA256 {
		return nil, damaged("is not the file its index names")
	}
	return data, nil
}

// Prebuild compiles every module of b from source and writes them into the
// folder out as a release binary carries them ([Embedded] reads them): each
// module gzip-compressed (record.wasm.gz), the wasm_exec.js of the Go that
// compiled them, and index.json naming them with their sizes and SHA-256
// sums. It replaces an earlier out only when that holds nothing but such
// files, and writes nothing into out until every module has compiled.
func Prebuild(ctx context.Context, b *Builder, out string) (*Index, error) {
	if err := onlyPrebuilt(out); err != nil {
		return nil, err
	}
	idx := &Index{Format: indexFormat}
	files := map[string][]byte{}
	for _, m := range b.modules() {
		wasm, execJS, _, err := b.compiled(ctx, m)
		if err != nil {
			return nil, err
		}
		// Every module is compiled by the same go command, so one
		// wasm_exec.js serves them all.
		if idx.Exec.File == "" {
			idx.Exec = blob("wasm_exec.js", execJS)
			files[idx.Exec.File] = execJS
		} else if blob("", execJS).SHA256 != idx.Exec.SHA256 {
			return nil, errors.New("wasmbuild: module " + m.Name + " came with another wasm_exec.js than the others")
		}
		var z bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
		zw.Write(wasm)
		if err := zw.Close(); err != nil {
			return nil, err
		}
		c := CarriedModule{Name: m.Name, Package: m.Package, Blob: blob(m.Name+".wasm.gz", wasm)}
		files[c.File] = z.Bytes()
		idx.Modules = append(idx.Modules, c)
	}
	idx.Go = b.env.version
	data, err := json.MarshalIndent(idx, "", "  ")
	if err != nil {
		return nil, err
	}
	files["index.json"] = append(data, '\n')

	// Write a new folder beside out and swap it in.
	tmp, err := os.MkdirTemp(filepath.Dir(out), ".prebuild-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(tmp, name), data, 0o644); err != nil {
			return nil, err
		}
	}
	if err := os.RemoveAll(out); err != nil {
		return nil, err
	}
	if err := os.Rename(tmp, out); err != nil {
		return nil, err
	}
	return idx, nil
}

func blob(name string, data []byte) Blob {
	sum := sha256.Sum256(data)
	return Blob{File: name, Size: len(data), SHA256: hex.EncodeToString(sum[:])}
}

// onlyPrebuilt refuses a folder out that holds anything Prebuild would not
// have written, so that a mistyped argument deletes nothing else.
func onlyPrebuilt(out string) error {
	entries, err := os.ReadDir(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || (name != "index.json" && name != "wasm_exec.js" && !strings.HasSuffix(name, ".wasm.gz")) {
			return errors.New("wasmbuild: " + out + " holds " + name + ", which Prebuild did not write: not replacing it")
		}
	}
	return nil
}
