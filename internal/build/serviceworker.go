package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// outputFile is a file in the finished output folder.
type outputFile struct {
	path string // slash path relative to the folder
	size int64
}

// hashOutput lists every file in the output folder, sorted, and, when hash
// is set, returns the build id: the first 16 hex digits of a SHA-256 over
// each file's path, size and content. The build's own files are known from
// writing them; only top-level entries the build did not write (the
// WebAssembly modules' folders, written by Modules.Write, and whatever
// Extra adds) are read from disk.
//
// The files written after the hash (the service worker, _headers and the
// mark) are not part of it, nor read when a live build finds them from
// its last build. What is read is kept in the recorder's extra files, so a
// live build's next hash need not read it again (its inputs' changes make
// a full build).
func (s *site) hashOutput(dir string, hash bool) ([]outputFile, string, error) {
	known := map[string]writtenFile{}
	top := map[string]bool{}
	if s.written != nil {
		for _, m := range []map[string]writtenFile{s.written.files, s.written.extra} {
			for p, f := range m {
				known[p] = f
				top[strings.SplitN(p, "/", 2)[0]] = true
			}
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, "", err
	}
	for _, e := range entries {
		if top[e.Name()] && e.IsDir() {
			continue // the build's own folder; files added beside them are not expected
		}
		if _, ok := known[e.Name()]; ok {
			continue
		}
		if afterHash[e.Name()] {
			continue
		}
		err := filepath.WalkDir(filepath.Join(dir, e.Name()), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			f := writtenFile{size: int64(len(data)), sum: sha256.Sum256(data)}
			known[filepath.ToSlash(rel)] = f
			if s.written != nil {
				s.written.addExtra(filepath.ToSlash(rel), f)
			}
			return nil
		})
		if err != nil {
			return nil, "", err
		}
	}
	files := make([]outputFile, 0, len(known))
	for p, f := range known {
		files = append(files, outputFile{path: p, size: f.size})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].path < files[j].path })
	if !hash {
		return files, "", nil
	}
	h := sha256.New()
	for _, f := range files {
		sum := known[f.path].sum
		h.Write([]byte(f.path + "\x00" + strconv.FormatInt(f.size, 10) + "\x00"))
		h.Write(sum[:])
	}
	return files, hex.EncodeToString(h.Sum(nil))[:16], nil
}

// afterHash are the top-level files written once the output is hashed.
var afterHash = map[string]bool{
	strings.TrimPrefix(swPath, "/"): true,
	headersFile:                     true,
	markerFile:                      true,
}

// swConfig is what the build tells the service worker.
type swConfig struct {
	Build    string   `json:"build"`
	Base     string   `json:"base"`
	Offline  string   `json:"offline"`
	Precache []string `json:"precache"`
}

// serviceWorker fills in the service worker's settings. What it saves at
// once: the home page, the offline page, the search page, each protocol's
// procedure and record form, every static file and every file of the
// WebAssembly module (under wasm/).
func (s *site) serviceWorker(source []byte, id, offline string, files []outputFile) ([]byte, error) {
	cfg := swConfig{Build: id, Base: s.base, Offline: offline, Precache: []string{s.url("/")}}
	if offline != "" {
		cfg.Precache = append(cfg.Precache, offline)
	}
	if s.hasSearch() {
		cfg.Precache = append(cfg.Precache, s.url("/search/"))
	}
	for _, pr := range s.protos {
		cfg.Precache = append(cfg.Precache, s.url(pr.index.url), s.url("/"+pr.ID+"/record/"))
	}
	var static []string
	for _, u := range s.assets {
		static = append(static, u)
	}
	sort.Strings(static)
	cfg.Precache = append(cfg.Precache, static...)
	for _, f := range files {
		if strings.HasPrefix(f.path, "wasm/") {
			cfg.Precache = append(cfg.Precache, s.url(f.path))
		}
	}
	settings, err := json.Marshal(cfg)
	if err != nil {
		return nil, err
	}
	sw := bytes.Replace(source, []byte(configToken), settings, 1)
	out, err := newMinifier().Bytes("application/javascript", sw)
	if err != nil {
		return nil, &minifyError{file: filepath.Join(s.cfg.Static, filepath.FromSlash(swSource)), err: err}
	}
	return out, nil
}
