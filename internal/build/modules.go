package build

import (
	"crypto/sha256"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

// Modules are the WebAssembly modules of one build, known before any page
// renders, so that a page that runs one can name its files: the record
// form asks for its module as the page starts, rather than after reading
// the module's manifest, which on a slow line costs more than a second.
type Modules struct {
	Files []ModuleFiles
	// Write puts the files of the modules the site needs into the new
	// folder dir. It runs once the pages are written, before Extra.
	Write func(dir string) error
}

// ModuleFiles names one module's files, as slash paths in the site.
type ModuleFiles struct {
	Name   string // the module: "record" (the record form's), "audit" (the audit page's)
	Module string // "wasm/record.1a2b3c4d.wasm"
	Exec   string // the wasm_exec.js that goes with it: "wasm/wasm_exec.5e6f7a8b.js"
}

// loadModules asks cfg.Modules for the build's modules, before the pages
// are assembled. Only a build that writes a site with protocols asks: only
// such a site has pages that run a module.
func (s *site) loadModules() error {
	if s.cfg.Modules == nil || len(s.protos) == 0 {
		return nil
	}
	m, err := s.cfg.Modules()
	if err != nil {
		return err
	}
	s.modules = m
	return nil
}

// moduleURLs returns the URLs of module name's files, or "", "" when the
// build was not told them (a check, or a caller that adds the modules
// itself): the page then finds them in the module's manifest.
func (s *site) moduleURLs(name string) (module, exec string) {
	if s.modules == nil {
		return "", ""
	}
	for _, f := range s.modules.Files {
		if f.Name == name {
			return s.url("/" + path.Clean(f.Module)), s.url("/" + path.Clean(f.Exec))
		}
	}
	return "", ""
}

// writeModules puts the modules' files into the new folder dir, and notes
// what it wrote in their folders as the build's own files, for the service
// worker and _headers: a module's folder may be inside one of the pages'
// (audit/wasm/ beside audit/index.html), where nothing else is looked for.
func (s *site) writeModules(dir string) error {
	if s.modules == nil || s.modules.Write == nil {
		return nil
	}
	if err := s.modules.Write(dir); err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, f := range s.modules.Files {
		folder := path.Dir(path.Clean(f.Module))
		if seen[folder] {
			continue
		}
		seen[folder] = true
		if err := s.written.note(dir, folder); err != nil {
			return err
		}
	}
	return nil
}

// note records the files in the folder rel of the new site dir that were
// written without the recorder, reading them. A folder that is not there
// (a module the site does not need) has nothing to note.
func (r *recorder) note(dir, rel string) error {
	entries, err := os.ReadDir(filepath.Join(dir, filepath.FromSlash(rel)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := path.Join(rel, e.Name())
		if !e.Type().IsRegular() {
			continue
		}
		r.mu.Lock()
		_, known := r.files[name]
		r.mu.Unlock()
		if known {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			return err
		}
		f := writtenFile{size: int64(len(data))}
		if r.hash {
			f.sum = sha256.Sum256(data)
		}
		r.mu.Lock()
		r.files[name] = f
		r.mu.Unlock()
		r.addExtra(name, f) // a live build keeps it though nothing writes it again
		r.bytes.Add(f.size)
	}
	return nil
}
