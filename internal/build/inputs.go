package build

import (
	"resolve/internal/content"
	"resolve/internal/diag"
	"resolve/internal/inputfs"
)

// inputs are a build's three input folders, each opened with package
// inputfs so that nothing outside them is read: not through a link, not
// through a name with .. in it.
type inputs struct {
	content, layouts, static *inputfs.Folder
	cache                    *content.Cache // for a live build: what the last one read of the content
	// changed, when not nil, are the content files that changed since the
	// last build read the folder (a watcher says so): the folder is not
	// walked again (content.Cache.LoadChanged).
	changed []string
}

// openInputs opens the folders cfg names; a missing one is a usage error.
func openInputs(cfg Config) (*inputs, error) {
	in := &inputs{}
	for _, f := range []struct {
		dir string
		to  **inputfs.Folder
	}{{cfg.Content, &in.content}, {cfg.Layouts, &in.layouts}, {cfg.Static, &in.static}} {
		folder, err := inputfs.Open(f.dir)
		if err != nil {
			in.close()
			return nil, &usageError{f.dir + ": no such folder"}
		}
		*f.to = folder
	}
	return in, nil
}

func (in *inputs) close() {
	in.content.Close()
	in.layouts.Close()
	in.static.Close()
}

// loadTree reads the content folder.
func (in *inputs) loadTree() (*content.Tree, diag.List) {
	switch {
	case in.cache != nil && in.changed != nil:
		return in.cache.LoadChanged(in.content.FS, in.content.Name, in.changed)
	case in.cache != nil:
		return in.cache.Load(in.content.FS, in.content.Name)
	}
	return content.Load(in.content.FS, in.content.Name)
}

// readAsset reads a content file that is not a page, as content.Load
// allowed it, refusing it should it have grown past its kind's limit since.
func (in *inputs) readAsset(p string) ([]byte, error) {
	return inputfs.ReadFile(in.content.FS, p, content.Limit(p))
}
