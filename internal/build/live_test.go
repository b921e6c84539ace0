package build

import (
	"bytes"
	"flag"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var (
	liveSteps = flag.Int("live.steps", 40, "edits TestLiveMatchesFullBuild makes")
	liveSeed  = flag.Uint64("live.seed", 1, "the seed of TestLiveMatchesFullBuild's edits")
)

// exampleSite copies the repository's content, layouts and static files
// into a new folder, with a manual of plain pages added, and returns the
// folder and a configuration building it into site/.
func exampleSite(t *testing.T) (string, Config) {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"content", "layouts", "static"} {
		if err := os.CopyFS(filepath.Join(dir, name), os.DirFS(filepath.Join("..", "..", name))); err != nil {
			t.Fatal(err)
		}
	}
	for name, text := range manualFiles() {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, Config{
		Content: filepath.Join(dir, "content"),
		Layouts: filepath.Join(dir, "layouts"),
		Static:  filepath.Join(dir, "static"),
		Out:     filepath.Join(dir, "site"),
		Today:   testToday,
		Workers: 2,
		Modules: liveModules,
	}
}

// liveModules stands for the WebAssembly modules: files the pages name,
// written by the build's module step.
func liveModules() (*Modules, error) {
	files := []ModuleFiles{{Name: "record", Module: "wasm/record.0a1b2c3d.wasm", Exec: "wasm/wasm_exec.4e5f6a7b.js"}}
	return &Modules{Files: files, Write: func(dir string) error {
		if err := os.MkdirAll(filepath.Join(dir, "wasm"), 0o755); err != nil {
			return err
		}
		for _, f := range files {
			for _, name := range []string{f.Module, f.Exec} {
				if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte("module "+name), 0o644); err != nil {
					return err
				}
			}
		}
		return nil
	}}, nil
}

// readTree reads every file under dir, by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			if rel != "." {
				files[filepath.ToSlash(rel)+"/"] = nil // folders count: an empty one is a difference
			}
			return nil
		}
		data, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// sameTree reports how the tree at got differs from the one at want.
func sameTree(t *testing.T, got, want string) []string {
	t.Helper()
	g, w := readTree(t, got), readTree(t, want)
	var diffs []string
	for name, data := range w {
		other, ok := g[name]
		switch {
		case !ok:
			diffs = append(diffs, "missing "+name)
		case !bytes.Equal(data, other):
			diffs = append(diffs, "differs "+name+": "+firstDifference(other, data))
		}
	}
	for name := range g {
		if _, ok := w[name]; !ok {
			diffs = append(diffs, "extra "+name)
		}
	}
	return diffs
}

// firstDifference shows where two files first differ.
func firstDifference(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	clip := func(b []byte) string {
		from, to := max(0, i-60), min(len(b), i+60)
		return string(b[from:to])
	}
	return "\n\tgot  …" + clip(got) + "…\n\twant …" + clip(want) + "…"
}

// TestLiveMatchesFullBuild edits the example site at random, with a
// seeded generator (-live.seed, -live.steps), builds after each edit with
// a Live and with a clean Build, and compares the two output folders byte
// for byte: nothing is left out of the comparison. A step whose build
// fails must fail the same way in both, leave the live output as it was,
// and is undone by the next.
func TestLiveMatchesFullBuild(t *testing.T) {
	dir, cfg := exampleSite(t)
	clean := cfg
	clean.Out = filepath.Join(dir, "clean")
	l := NewLive(cfg)
	if _, err := l.Build(nil); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(clean); err != nil {
		t.Fatal(err)
	}
	if d := sameTree(t, cfg.Out, clean.Out); len(d) > 0 {
		t.Fatalf("first build: the live output differs from a clean build:\n%s", strings.Join(d, "\n"))
	}
	steps := *liveSteps
	if testing.Short() {
		steps = min(steps, 10)
	}
	e := &editor{t: t, dir: dir, rng: rand.New(rand.NewPCG(*liveSeed, 20)), topics: map[string][]string{}}
	incremental, failed := 0, 0
	for i := range steps {
		what := e.random()
		changed := e.changed
		e.changed = nil
		before := readTree(t, cfg.Out)
		res, err := l.Build(changed)
		_, cerr := Build(clean)
		if (err == nil) != (cerr == nil) {
			t.Fatalf("step %d (%s): live build: %v; clean build: %v", i, what, err, cerr)
		}
		if err != nil {
			if err.Error() != cerr.Error() {
				t.Errorf("step %d (%s): the live build failed with\n%v\nbut the clean one with\n%v", i, what, err, cerr)
			}
			after := readTree(t, cfg.Out)
			if !sameFiles(before, after) {
				t.Fatalf("step %d (%s): a failed live build changed the output", i, what)
			}
			failed++
			e.revert()
			continue
		}
		if !res.Full {
			incremental++
		}
		t.Logf("step %d: %s: %d of %d pages rendered, full %v", i, what, res.Rendered, res.Pages, res.Full)
		if d := sameTree(t, cfg.Out, clean.Out); len(d) > 0 {
			t.Fatalf("step %d (%s): the live output differs from a clean build:\n%s", i, what, strings.Join(d, "\n"))
		}
	}
	t.Logf("%d steps: %d incremental, %d failed as they should", steps, incremental, failed)
	if incremental < steps/3 {
		t.Errorf("only %d of %d steps were incremental: the test says little about in-place builds", incremental, steps)
	}
}

func sameFiles(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		w, ok := b[k]
		if !ok || !bytes.Equal(v, w) {
			return false
		}
	}
	return true
}

// TestLiveRendersWhatAnEditChanges checks the dependency model on the
// manual's pages: after each edit, the pages whose files changed are those
// that show what the edit changed, and no others.
func TestLiveRendersWhatAnEditChanges(t *testing.T) {
	const page = "content/manual/part-1/page-3.md"
	for _, tc := range []struct {
		name string
		edit func(string) string
		want []string
	}{
		{"text", func(s string) string { return s + "\nOne more sentence.\n" },
			[]string{"/manual/part-1/page-3/"}},
		{"title", func(s string) string { return strings.Replace(s, "title: Page 1.3", "title: Page 1.3, renamed", 1) },
			// Its own, its section's list, its neighbours' previous and
			// next links, and the A to Z.
			[]string{"/a-z/", "/manual/part-1/", "/manual/part-1/page-2/", "/manual/part-1/page-3/", "/manual/part-1/page-4/"}},
		{"weight", func(s string) string { return strings.Replace(s, "weight: 30", "weight: 60", 1) },
			// Now last: the list's order, and every previous and next link that moved.
			[]string{"/manual/part-1/", "/manual/part-1/page-2/", "/manual/part-1/page-3/", "/manual/part-1/page-4/", "/manual/part-1/page-5/"}},
		{"heading", func(s string) string { return s + "\n## A third heading\n\nIts text.\n" },
			// A third h2 gives the page its contents; the A to Z lists it.
			[]string{"/a-z/", "/manual/part-1/page-3/"}},
		{"description", func(s string) string {
			return strings.Replace(s, "description: About 3.", "description: Now about three.", 1)
		},
			// Its own meta description, and its section's list.
			[]string{"/manual/part-1/", "/manual/part-1/page-3/"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, cfg := exampleSite(t)
			l := NewLive(cfg)
			if _, err := l.Build(nil); err != nil {
				t.Fatal(err)
			}
			name := filepath.Join(dir, filepath.FromSlash(page))
			text, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			edited := tc.edit(string(text))
			if edited == string(text) {
				t.Fatal("the edit changed nothing")
			}
			if err := os.WriteFile(name, []byte(edited), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := l.Build([]string{name})
			if err != nil {
				t.Fatal(err)
			}
			if res.Full || !slices.Equal(res.Changed, tc.want) {
				t.Errorf("after the %s edit, the build (full %v) wrote %q; want %q", tc.name, res.Full, res.Changed, tc.want)
			}
		})
	}
}

// TestLiveRebuildsARemovedOutput removes the output folder while a Live
// keeps what it made: the next build, whatever changed, makes it whole
// again rather than write the changed pages into an empty folder.
func TestLiveRebuildsARemovedOutput(t *testing.T) {
	dir, cfg := exampleSite(t)
	l := NewLive(cfg)
	if _, err := l.Build(nil); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(cfg.Out); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(dir, "content", "manual", "part-1", "page-2.md")
	text, _ := os.ReadFile(page)
	if err := os.WriteFile(page, append(text, "\nMore.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := l.Build([]string{page})
	if err != nil {
		t.Fatal(err)
	}
	clean := cfg
	clean.Out = filepath.Join(dir, "clean")
	if _, err := Build(clean); err != nil {
		t.Fatal(err)
	}
	if d := sameTree(t, cfg.Out, clean.Out); !res.Full || len(d) > 0 {
		t.Errorf("after the output was removed, the build (full %v) differs from a clean one:\n%s", res.Full, strings.Join(d, "\n"))
	}
}
