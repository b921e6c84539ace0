package content

import (
	"io/fs"
	"sync"
	"time"

	"resolve/internal/diag"
	"resolve/internal/inputfs"
)

// Cache remembers the pages and drawings a Load read, so that the next
// Load through it reads and parses again only the files that changed:
// those that are new, whose size or time of change differ from the last
// Load's, or that Forget named (a file event said so, which catches an
// edit within the file system's clock tick that kept the size). Every
// other check (the walk, links that leave the folder, sizes and kinds of
// files) runs again on every Load. resolve serve keeps one for as long as
// it runs, so a saved page costs the parsing of that page alone.
//
// Pages from a Cache are shared by the Trees it returns: callers must not
// change them. A Cache serves one folder; it is safe for one Load at a
// time, and Forget may be called from any goroutine.
type Cache struct {
	mu    sync.Mutex
	root  string
	files map[string]cacheEntry
	stale map[string]bool // named by Forget since the last Load began
	// reading are the files named by Forget before the Load under way
	// began: one named while it runs is read again by the next Load.
	reading map[string]bool
	// listed are the files the last Load found, in the walk's order, and
	// walked the walk's problems, for LoadChanged.
	listed  []inputfs.File
	walked  diag.List
	patched int // loads LoadChanged made without a walk, for tests
}

// cacheEntry is what one file gave, and the size and time it had.
type cacheEntry struct {
	size     int64
	mod      time.Time
	page     *Page
	asset    string // a drawing that passed
	problems diag.List
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{files: map[string]cacheEntry{}, stale: map[string]bool{}}
}

// Load is Load, reading only what changed since the last Load through c.
func (c *Cache) Load(fsys fs.FS, root string) (*Tree, diag.List) {
	c.mu.Lock()
	if root != c.root {
		c.files = map[string]cacheEntry{}
	}
	c.reading, c.stale = c.stale, map[string]bool{}
	c.mu.Unlock()
	return load(fsys, root, c, walker(fsys, root))
}

// Forget makes the next Load read the file at the slash path p (inside the
// folder) again, whatever its size and time.
func (c *Cache) Forget(p string) {
	c.mu.Lock()
	c.stale[p] = true
	c.mu.Unlock()
}

// Reset makes the next Load read every file again.
func (c *Cache) Reset() {
	c.mu.Lock()
	c.files = map[string]cacheEntry{}
	c.mu.Unlock()
}

// get returns what f gave last time, if it has not changed since.
func (c *Cache) get(f inputfs.File) (cacheEntry, bool) {
	if c == nil {
		return cacheEntry{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.files[f.Path]
	if !ok || c.reading[f.Path] || e.size != f.Size || !e.mod.Equal(f.ModTime) {
		return cacheEntry{}, false
	}
	return e, true
}

// put keeps what f gave.
func (c *Cache) put(f inputfs.File, e cacheEntry) {
	if c == nil {
		return
	}
	e.size, e.mod = f.Size, f.ModTime
	c.mu.Lock()
	c.files[f.Path] = e
	c.mu.Unlock()
}

// keep drops every file but those a Load has just seen, and notes the
// folder's name, the files found and the walk's problems.
func (c *Cache) keep(root string, seen map[string]bool, listed []inputfs.File, walked diag.List) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.root = root
	c.reading = nil
	c.listed, c.walked = listed, walked
	for p := range c.files {
		if !seen[p] {
			delete(c.files, p)
		}
	}
}
