package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"
)

// deadPID returns the id of a process that has ended.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Skipf("cannot start a process: %v", err)
	}
	return cmd.Process.Pid
}

// lockedWork makes a work folder beside out with the given lock and age.
func lockedWork(t *testing.T, out, suffix, lock string, mtime time.Time) string {
	t.Helper()
	dir := filepath.Join(filepath.Dir(out), workPrefix(out)+suffix)
	write(t, filepath.Join(dir, newName, "index.html"), "half a site")
	if lock != "" {
		write(t, filepath.Join(dir, lockName), lock)
	}
	if err := os.Chtimes(dir, mtime, mtime); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestCleanStale(t *testing.T) {
	now := time.Date(2026, time.November, 21, 12, 0, 0, 0, time.UTC)
	host, _ := os.Hostname()
	parent := t.TempDir()
	out := filepath.Join(parent, "site")
	write(t, filepath.Join(out, "index.html"), "the published site")
	lock := func(pid int, host string) string {
		return "pid " + strconv.Itoa(pid) + "\nhost " + host + "\nstarted 2026-11-21T11:00:00Z\n"
	}
	dead := deadPID(t)
	running := lockedWork(t, out, "running", lock(os.Getpid(), host), now.Add(-48*time.Hour))
	killed := lockedWork(t, out, "killed", lock(dead, host), now)
	elsewhere := lockedWork(t, out, "elsewhere", lock(dead, "another-host"), now.Add(-time.Hour))
	elsewhereOld := lockedWork(t, out, "elsewhere-old", lock(dead, "another-host"), now.Add(-25*time.Hour))
	unlocked := lockedWork(t, out, "unlocked", "", now.Add(-time.Minute))
	legacy := filepath.Join(parent, ".site.new-123")
	write(t, filepath.Join(legacy, "index.html"), "x")
	os.Chtimes(legacy, now.Add(-2*time.Hour), now.Add(-2*time.Hour))
	legacyNew := filepath.Join(parent, ".site.new-456")
	write(t, filepath.Join(legacyNew, "index.html"), "x")
	os.Chtimes(legacyNew, now.Add(-time.Minute), now.Add(-time.Minute))
	other := filepath.Join(parent, ".other.build-1")
	write(t, filepath.Join(other, "x"), "another output's work folder")
	os.Chtimes(other, now.Add(-100*time.Hour), now.Add(-100*time.Hour))

	alive := func(pid int) bool { return pid != dead }
	removed := cleanStale(out, now, alive)
	slices.Sort(removed)
	want := []string{legacy, killed, elsewhereOld}
	slices.Sort(want)
	if !slices.Equal(removed, want) {
		t.Errorf("removed %q; want %q", removed, want)
	}
	for _, kept := range []string{running, elsewhere, unlocked, legacyNew, other, out} {
		if _, err := os.Stat(kept); err != nil {
			t.Errorf("%s was removed: %v", kept, err)
		}
	}
}

// TestCleanStaleRestores puts back the output a build killed in the middle
// of its swap had moved into its work folder.
func TestCleanStaleRestores(t *testing.T) {
	now := time.Date(2026, time.November, 21, 12, 0, 0, 0, time.UTC)
	host, _ := os.Hostname()
	parent := t.TempDir()
	out := filepath.Join(parent, "site")
	dead := deadPID(t)
	work := lockedWork(t, out, "halfway", "pid "+strconv.Itoa(dead)+"\nhost "+host+"\n", now)
	write(t, filepath.Join(work, oldName, "index.html"), "the published site")
	legacyOld := filepath.Join(parent, ".site.new-9.old")

	cleanStale(out, now, func(int) bool { return false })
	if b, err := os.ReadFile(filepath.Join(out, "index.html")); err != nil || string(b) != "the published site" {
		t.Fatalf("the output was not put back: %q, %v", b, err)
	}
	if _, err := os.Stat(work); err == nil {
		t.Errorf("the work folder is still there")
	}

	// An earlier version's .old folder, likewise.
	os.RemoveAll(out)
	write(t, filepath.Join(legacyOld, "index.html"), "the published site")
	os.Chtimes(legacyOld, now.Add(-2*time.Hour), now.Add(-2*time.Hour))
	cleanStale(out, now, func(int) bool { return false })
	if b, err := os.ReadFile(filepath.Join(out, "index.html")); err != nil || string(b) != "the published site" {
		t.Fatalf("the output was not put back from %s: %q, %v", legacyOld, b, err)
	}
}

// TestConcurrentBuilds runs a second build to the same output while the
// first is writing: the second's clean-up must leave the first's work
// folder alone, and both must succeed.
func TestConcurrentBuilds(t *testing.T) {
	_, cfg := testSite(t)
	first := cfg
	inside := make(chan string)
	release := make(chan struct{})
	first.Extra = func(dir string) error {
		inside <- dir
		<-release
		return nil
	}
	done := make(chan error)
	go func() {
		_, err := Build(first)
		done <- err
	}()
	var dir string
	select {
	case dir = <-inside:
	case err := <-done:
		t.Fatalf("the first build ended early: %v", err)
	}
	if _, err := Build(cfg); err != nil {
		close(release)
		t.Fatalf("second build: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
		close(release)
		t.Fatalf("the second build removed the first's folder: %v", err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatalf("first build: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Dir(cfg.Out))
	for _, e := range entries {
		if e.Name() != "site" && e.Name() != "content" && e.Name() != "layouts" && e.Name() != "static" {
			t.Errorf("left beside the output: %s", e.Name())
		}
	}
}

// TestFailedBuildLeavesNothing checks that a failed build removes its work
// folder and keeps the old output.
func TestFailedBuildLeavesNothing(t *testing.T) {
	dir, cfg := testSite(t)
	if _, err := Build(cfg); err != nil {
		t.Fatal(err)
	}
	before := treeHash(t, dir)
	bad := cfg
	bad.Extra = func(string) error { return os.ErrPermission }
	if _, err := Build(bad); err == nil {
		t.Fatal("the build did not fail")
	}
	if after := treeHash(t, dir); after != before {
		t.Errorf("a failed build changed the folder")
	}
}
