package content

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestLoadChangedMatchesLoad changes a folder at random (pages and files
// written, rewritten and removed, in folders old and new, folders removed
// and renamed, links, hidden files, a page too large) and after each change
// compares what LoadChanged gives, told the names a watcher would give,
// with what a fresh Load gives.
func TestLoadChangedMatchesLoad(t *testing.T) {
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(7, 11))
	c := NewCache()
	fsys := os.DirFS(dir)
	describe := func(tree *Tree, problems []string) string {
		var b strings.Builder
		for _, p := range tree.Pages {
			fmt.Fprintf(&b, "page %s %q %q\n", p.Path, p.Meta.Title, p.Body)
		}
		fmt.Fprintf(&b, "assets %q\nbroken %q\n", tree.Assets, tree.Broken)
		slices.Sort(problems)
		for _, p := range problems {
			b.WriteString(p + "\n")
		}
		return b.String()
	}
	load := func(changed []string) (string, string) {
		t.Helper()
		got, gp := c.LoadChanged(fsys, "content", changed)
		want, wp := Load(fsys, "content")
		var gs, ws []string
		for _, p := range gp {
			gs = append(gs, p.String())
		}
		for _, p := range wp {
			ws = append(ws, p.String())
		}
		return describe(got, gs), describe(want, ws)
	}
	write := func(name, text string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	folders := []string{"", "a/", "a/b/", "z/", "a-b/"}
	names := []string{"p.md", "q.md", "r.txt", "s.png", ".hidden.md", "big.md"}
	var files []string // what exists, roughly: the changes pick from it
	var links []string
	if g, w := load(nil); g != w {
		t.Fatalf("first load:\n%s\nwant\n%s", g, w)
	}
	for step := range 300 {
		var changed []string
		what := ""
		switch k := rng.IntN(10); {
		case k < 5: // write a file
			name := folders[rng.IntN(len(folders))] + names[rng.IntN(len(names))]
			text := fmt.Sprintf("---\ntitle: T%d\n---\nBody %d.\n", step, step)
			if strings.HasSuffix(name, "big.md") && rng.IntN(2) == 0 {
				text += strings.Repeat("x", MaxPage)
			}
			if rng.IntN(4) == 0 {
				text = "---\ntitle: [broken\n---\n"
			}
			write(name, text)
			changed, what = []string{name}, "write "+name
			files = append(files, name)
		case k < 7 && len(files) > 0: // remove a file
			name := files[rng.IntN(len(files))]
			os.Remove(filepath.Join(dir, filepath.FromSlash(name)))
			changed, what = []string{name}, "remove "+name
		case k < 8: // remove or rename a folder: a watcher names only the folder
			f := strings.TrimSuffix(folders[1+rng.IntN(len(folders)-1)], "/")
			if rng.IntN(2) == 0 {
				os.RemoveAll(filepath.Join(dir, f))
				changed, what = []string{f}, "remove "+f
			} else {
				to := f + "-moved"
				os.RemoveAll(filepath.Join(dir, to))
				os.Rename(filepath.Join(dir, f), filepath.Join(dir, to))
				changed, what = []string{f, to}, "rename "+f
			}
		case k < 9 && rng.IntN(3) == 0: // a link, to a file inside or outside
			name := folders[rng.IntN(len(folders))] + "link.md"
			os.MkdirAll(path.Dir(filepath.Join(dir, name)), 0o755)
			os.Remove(filepath.Join(dir, name))
			target := "/etc/hostname"
			if rng.IntN(2) == 0 {
				target = "q.md"
			}
			os.Symlink(target, filepath.Join(dir, name))
			changed, what = []string{name}, "link "+name+" -> "+target
			links = append(links, name)
		case k < 9: // remove the links
			for _, name := range links {
				os.Remove(filepath.Join(dir, filepath.FromSlash(name)))
			}
			changed, what, links = links, "remove the links", nil
		default: // nothing named: a layout changed, say
			what = "nothing"
		}
		if g, w := load(changed); g != w {
			t.Fatalf("step %d (%s): LoadChanged gives\n%s\nLoad gives\n%s", step, what, g, w)
		}
	}
	t.Logf("%d of 300 loads went without a walk", c.patched)
	if c.patched < 50 {
		t.Errorf("only %d of 300 loads went without a walk: the test says little about them", c.patched)
	}
}
