package content

import (
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"

	"resolve/internal/diag"
	"resolve/internal/inputfs"
)

// LoadChanged is Load for a folder in which only the files named (slash
// paths inside it) have changed since the last Load through c, as a file
// watcher reports: the folder is not walked again, the files named are
// looked at (each is read again, whatever its size and time), and every
// other file is taken as the last Load found it, with that walk's
// problems. It walks after all, as Load does, when c has loaded nothing
// yet or when a name is anything but a plain file the walk would have
// found or a file that is gone: a folder (new, gone or renamed, whose
// files no event may have named), a link, a name starting with "." or
// holding a control character, a file below a link, or one that cannot
// be looked at; and whenever the last walk found a link or a problem (a
// link's page changes with the file it leads to, which no event names).
// The result is what Load would give.
func (c *Cache) LoadChanged(fsys fs.FS, root string, changed []string) (*Tree, diag.List) {
	c.mu.Lock()
	listed, walked, ok := c.patch(fsys, root, changed)
	if ok {
		c.patched++
		for _, p := range changed {
			c.stale[p] = true
		}
		c.reading, c.stale = c.stale, map[string]bool{}
	}
	c.mu.Unlock()
	if !ok {
		return c.Load(fsys, root)
	}
	return load(fsys, root, c, func(yield func(inputfs.File)) diag.List {
		for _, f := range listed {
			yield(f)
		}
		return walked
	})
}

// patch returns the last Load's files and walk problems with the changed
// names looked at again, or false when only a walk can tell. c.mu is held.
func (c *Cache) patch(fsys fs.FS, root string, changed []string) ([]inputfs.File, diag.List, bool) {
	if c.listed == nil || root != c.root || len(c.walked) > 0 {
		return nil, nil, false
	}
	for _, f := range c.listed {
		if f.Link {
			return nil, nil, false
		}
	}
	listed := slices.Clone(c.listed)
	var walked diag.List
	named := map[string]bool{}
	for _, p := range changed {
		named[path.Join(root, p)] = true
	}
	for _, pr := range c.walked {
		if !named[pr.Path] {
			walked = append(walked, pr)
		}
	}
	for _, p := range changed {
		if !plainName(p) {
			return nil, nil, false
		}
		i, found := slices.BinarySearchFunc(listed, p, func(f inputfs.File, p string) int { return walkOrder(f.Path, p) })
		info, err := fs.Lstat(fsys, p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if found {
				listed = slices.Delete(listed, i, i+1)
			} else if i < len(listed) && strings.HasPrefix(listed[i].Path, p+"/") {
				return nil, nil, false // a folder gone
			}
		case err != nil || !info.Mode().IsRegular() || !realFolders(fsys, p):
			return nil, nil, false
		case !found && i < len(listed) && strings.HasPrefix(listed[i].Path, p+"/"):
			return nil, nil, false // a folder that is now a file
		default:
			f := inputfs.File{Path: p, Size: info.Size(), ModTime: info.ModTime()}
			if found {
				listed[i] = f
			} else {
				listed = slices.Insert(listed, i, f)
			}
		}
	}
	return listed, walked, true
}

// plainName reports whether p is a name the walk reads without a word:
// no part hidden, empty or holding a control character.
func plainName(p string) bool {
	if !fs.ValidPath(p) || p == "." {
		return false
	}
	for part := range strings.SplitSeq(p, "/") {
		if strings.HasPrefix(part, ".") || strings.ContainsFunc(part, inputfs.Unprintable) {
			return false
		}
	}
	return true
}

// realFolders reports whether every folder above p is a folder, not a link
// to one (whose files the walk does not read).
func realFolders(fsys fs.FS, p string) bool {
	for d := path.Dir(p); d != "."; d = path.Dir(d) {
		info, err := fs.Lstat(fsys, d)
		if err != nil || !info.IsDir() {
			return false
		}
	}
	return true
}

// walkOrder compares two slash paths in the order a walk finds them: part
// by part, each part's names sorted, a folder's files where the folder's
// name sorts ("a/z.md" before "a.md", though "/" sorts after ".").
func walkOrder(a, b string) int {
	for {
		ah, at, amore := strings.Cut(a, "/")
		bh, bt, bmore := strings.Cut(b, "/")
		if c := strings.Compare(ah, bh); c != 0 {
			return c
		}
		switch {
		case !amore && !bmore:
			return 0
		case !amore:
			return -1
		case !bmore:
			return 1
		}
		a, b = at, bt
	}
}
