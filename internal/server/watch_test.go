package server

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// next waits for the watcher's next batch.
func next(t *testing.T, w watcher) []string {
	t.Helper()
	select {
	case b := <-w.changes():
		return b
	case <-time.After(10 * time.Second):
		t.Fatal("no changes reported")
		return nil
	}
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// newWatcher starts the watcher of the named kind on dir.
func newWatcher(t *testing.T, kind, dir string) watcher {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	var w watcher
	if kind == "events" {
		// Longer than serve's window, so that a busy machine's pause
		// between an editor's two writes is not taken for two saves.
		ew, err := newEventWatcher(ctx, []string{dir}, 150*time.Millisecond)
		if err != nil {
			t.Fatal(err)
		}
		w = ew
	} else {
		w = newPollWatcher(ctx, []string{dir}, 20*time.Millisecond)
	}
	t.Cleanup(w.close)
	return w
}

// TestWatchers saves files as editors do and checks what each watcher
// reports: one batch for a save in several steps, the files of a new
// folder, both names of a rename, a deleted file, and nothing for an
// editor's hidden swap file. A batch that reported a save twice would
// show in the batch after it, which must hold only the next change.
func TestWatchers(t *testing.T) {
	for _, kind := range []string{"events", "polling"} {
		t.Run(kind, func(t *testing.T) {
			dir := t.TempDir()
			page := filepath.Join(dir, "page.md")
			writeFile(t, page, "one")
			w := newWatcher(t, kind, dir)
			for _, step := range []struct {
				what string
				do   func()
				want []string
			}{
				{"truncate, then write", func() {
					writeFile(t, page, "")
					writeFile(t, page, "two, longer")
				}, []string{page}},
				{"write a temporary file and rename it over the page", func() {
					tmp := filepath.Join(dir, ".page.md.swp")
					writeFile(t, tmp, "three, longer still")
					if err := os.Rename(tmp, page); err != nil {
						t.Fatal(err)
					}
				}, []string{page}},
				{"a new folder with a file", func() {
					sub := filepath.Join(dir, "part")
					if err := os.Mkdir(sub, 0o755); err != nil {
						t.Fatal(err)
					}
					writeFile(t, filepath.Join(sub, "a.md"), "a")
				}, []string{filepath.Join(dir, "part", "a.md")}},
				{"a file in the new folder", func() {
					writeFile(t, filepath.Join(dir, "part", "b.md"), "b")
				}, []string{filepath.Join(dir, "part", "b.md")}},
				{"rename", func() {
					if err := os.Rename(filepath.Join(dir, "part", "b.md"), filepath.Join(dir, "part", "c.md")); err != nil {
						t.Fatal(err)
					}
				}, []string{filepath.Join(dir, "part", "b.md"), filepath.Join(dir, "part", "c.md")}},
				{"delete", func() {
					if err := os.Remove(filepath.Join(dir, "part", "a.md")); err != nil {
						t.Fatal(err)
					}
				}, []string{filepath.Join(dir, "part", "a.md")}},
			} {
				step.do()
				got := next(t, w)
				// A new folder is a change too, for watchers that see it.
				got = slices.DeleteFunc(got, func(p string) bool { return p == filepath.Join(dir, "part") })
				if !slices.Equal(got, step.want) {
					t.Errorf("%s: reported %q; want %q", step.what, got, step.want)
				}
			}
		})
	}
}

func TestDiff(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	before := map[string]stamp{"a": {1, at, 0o644}, "b": {2, at, 0o644}, "c": {3, at, 0o644}}
	after := map[string]stamp{"a": {1, at, 0o644}, "b": {2, at.Add(time.Nanosecond), 0o644}, "d": {4, at, 0o644}}
	got := diff(before, after)
	slices.Sort(got)
	if want := []string{"b", "c", "d"}; !slices.Equal(got, want) {
		t.Errorf("diff = %q; want %q", got, want)
	}
}
