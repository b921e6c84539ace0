package content

import (
	"errors"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"resolve/internal/diag"
	"resolve/internal/inputfs"
)

// Load reads every page under fsys. root is the name to show for the top of
// fsys in messages ("content"). It returns every problem it finds, not just
// the first. Files are parsed in parallel; the result does not depend on
// the order they finish in.
//
// Only what package inputfs's Walk finds is read (no link that leaves the
// folder, nothing that is not a regular file), and only what files.go
// allows: pages up to MaxPage, images and documents of the kinds and sizes
// it lists, and SVG images that CheckSVG finds are drawings. Give Load a
// rooted fsys (inputfs.Open) so that nothing outside the folder is read.
func Load(fsys fs.FS, root string) (*Tree, diag.List) {
	return load(fsys, root, nil, walker(fsys, root))
}

// files gives load the files of the folder, in the walk's order, and
// returns the walk's problems.
type files func(yield func(inputfs.File)) diag.List

// walker walks the folder as package inputfs does.
func walker(fsys fs.FS, root string) files {
	return func(yield func(inputfs.File)) diag.List {
		return inputfs.Walk(fsys, root, inputfs.Options{HiddenFolders: true}, yield)
	}
}

// load is Load of the files found, taking what it can from cache (when
// not nil) and keeping what it reads there.
func load(fsys fs.FS, root string, cache *Cache, found files) (*Tree, diag.List) {
	t := &Tree{}
	// Pages and SVG images are read and checked on a pool of workers
	// while the walk goes on finding them; results are put back in the
	// walk's order.
	type job struct {
		n    int
		path string
		svg  bool
		file inputfs.File // as the walk found it, for the cache
	}
	type loaded struct {
		n        int
		path     string
		svg      bool
		page     *Page
		asset    string // an SVG image that passed
		problems diag.List
	}
	jobs := make(chan job, 64)
	var mu sync.Mutex
	var results []loaded
	var wg sync.WaitGroup
	for w := 0; w < runtime.NumCPU(); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				r := loaded{n: j.n, path: j.path, svg: j.svg}
				if j.svg {
					r.problems = loadDrawing(fsys, root, j.path)
					if len(r.problems) == 0 {
						r.asset = j.path
					}
				} else {
					r.page, r.problems = loadPage(fsys, root, j.path)
				}
				cache.put(j.file, cacheEntry{page: r.page, asset: r.asset, problems: r.problems})
				mu.Lock()
				results = append(results, r)
				mu.Unlock()
			}
		}()
	}
	n := 0
	// read takes a page or drawing from the cache when it has not
	// changed, and otherwise gives it to the workers.
	read := func(f inputfs.File, svg bool) {
		if r, ok := cache.get(f); ok {
			mu.Lock()
			results = append(results, loaded{n: n, path: f.Path, svg: svg, page: r.page, asset: r.asset, problems: r.problems})
			mu.Unlock()
		} else {
			jobs <- job{n: n, path: f.Path, svg: svg, file: f}
		}
		n++
	}
	var problems diag.List
	var listed []inputfs.File // for the cache's next LoadChanged
	walked := found(func(f inputfs.File) {
		if cache != nil {
			listed = append(listed, f)
		}
		file := path.Join(root, f.Path)
		switch {
		case strings.HasSuffix(f.Path, ".md"):
			if f.Size > MaxPage {
				problems = append(problems, diag.Problem{Path: file, Message: pageTooLarge(f.Size)})
				return
			}
			read(f, false)
		case strings.EqualFold(path.Ext(f.Path), ".md"):
			problems = append(problems, diag.Problem{Path: file, Message: "a page's name ends in .md, in lower case: rename it"})
		default:
			if msg := checkFile(f.Path, f.Size); msg != "" {
				problems = append(problems, diag.Problem{Path: file, Message: msg})
			} else if isDrawing(f.Path) {
				read(f, true)
			} else {
				t.Assets = append(t.Assets, f.Path)
			}
		}
	})
	close(jobs)
	wg.Wait()
	problems = append(walked, problems...)
	slices.SortFunc(results, func(a, b loaded) int { return a.n - b.n })
	seen := make(map[string]bool, len(results))
	for _, r := range results {
		seen[r.path] = true
		problems = append(problems, r.problems...)
		switch {
		case r.page != nil:
			t.Pages = append(t.Pages, r.page)
		case r.asset != "":
			t.Assets = append(t.Assets, r.asset)
		case !r.svg:
			t.Broken = append(t.Broken, r.path)
		}
	}
	slices.Sort(t.Assets)
	slices.Sort(t.Broken)
	cache.keep(root, seen, listed, walked)
	return t, problems
}

func loadPage(fsys fs.FS, root, p string) (*Page, diag.List) {
	data, err := inputfs.ReadFile(fsys, p, MaxPage)
	var tooLarge *inputfs.TooLargeError
	switch {
	case errors.As(err, &tooLarge):
		return nil, diag.List{{Path: path.Join(root, p), Message: pageTooLarge(tooLarge.Size)}}
	case err != nil:
		return nil, diag.List{{Path: path.Join(root, p), Message: "cannot read: " + err.Error()}}
	}
	page, problems := Parse(path.Join(root, p), data)
	if page != nil {
		page.Path = p
		page.Dir = path.Dir(p)
		page.IsIndex = path.Base(p) == "_index.md"
	}
	return page, problems
}
