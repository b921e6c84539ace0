package history

import (
	"context"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"resolve/internal/workday"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// gitEnv keeps the tests' own git commands away from the user's settings
// (a global commit.gpgsign would stop every commit) and fixes the author.
var gitEnv = []string{
	"GIT_CONFIG_GLOBAL=" + os.DevNull,
	"GIT_CONFIG_NOSYSTEM=1",
	"GIT_AUTHOR_NAME=Test",
	"GIT_AUTHOR_EMAIL=test@example.org",
	"GIT_COMMITTER_NAME=Test",
	"GIT_COMMITTER_EMAIL=test@example.org",
}

// run runs a git command in dir for a test, failing it on an error.
func run(t *testing.T, dir string, env []string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), gitEnv...), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func needGit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
}

// newRepo makes a git repository in a temporary folder and returns the path
// of its content/test/_index.md, which does not exist yet.
func newRepo(t *testing.T) string {
	t.Helper()
	needGit(t)
	dir := t.TempDir()
	run(t, dir, nil, "init", "--quiet", "--initial-branch=main")
	if err := os.MkdirAll(filepath.Join(dir, "content", "test"), 0o755); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "content", "test", "_index.md")
}

// commit writes data to file and commits it with the given commit date.
func commit(t *testing.T, file string, data []byte, date string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	root := filepath.Dir(filepath.Dir(filepath.Dir(file)))
	run(t, root, nil, "add", "-A")
	run(t, root, []string{"GIT_AUTHOR_DATE=" + date, "GIT_COMMITTER_DATE=" + date}, "commit", "--quiet", "-m", "Change "+date)
}

// TestLogAndCompare commits the three states in testdata/versions.txtar and
// checks what Log, Versions and Compare make of them against
// testdata/versions.golden.
func TestLogAndCompare(t *testing.T) {
	file := newRepo(t)
	archive, err := txtar.ParseFile("testdata/versions.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dates := []string{"2024-06-01T09:00:00+01:00", "2024-06-03T23:30:00+01:00", "2025-01-15T10:00:00+00:00"}
	if len(archive.Files) != len(dates) {
		t.Fatalf("testdata/versions.txtar has %d files; want %d", len(archive.Files), len(dates))
	}
	for i, f := range archive.Files {
		commit(t, file, f.Data, dates[i])
	}

	snaps, err := Log(context.Background(), file, 20)
	if err != nil {
		t.Fatalf("Log: %v", err)
	}
	var b strings.Builder
	b.WriteString("# Snapshots, newest first\n")
	for _, s := range snaps {
		version := "(unreadable)"
		if s.Protocol != nil {
			version = s.Protocol.Version
		}
		b.WriteString(s.Date.String() + " " + version + "\n")
	}
	versions := Versions(snaps)
	b.WriteString("\n# Versions, newest first\n")
	for _, v := range versions {
		b.WriteString(v.Label + " as of " + v.Snapshot.Date.String() + "\n")
	}
	if len(versions) != 2 {
		t.Fatalf("Versions: got %d versions; want 2", len(versions))
	}
	b.WriteString("\n# Compare(" + versions[1].Label + ", " + versions[0].Label + ")\n")
	for _, d := range Compare(versions[1].Snapshot.Protocol, versions[0].Snapshot.Protocol) {
		b.WriteString(d.String() + "\n")
	}
	b.WriteString("\n# Compare(" + versions[0].Label + ", " + versions[1].Label + "), backwards\n")
	for _, d := range Compare(versions[0].Snapshot.Protocol, versions[1].Snapshot.Protocol) {
		b.WriteString(d.String() + "\n")
	}
	golden(t, "testdata/versions.golden", b.String())

	// The typo fix is the state of 2024-06 that counts.
	if got := versions[1].Snapshot.Protocol.Stages[0].Summary; got != "Talk it through." {
		t.Errorf("version 2024-06 stage 1 summary = %q; want the later commit's %q", got, "Talk it through.")
	}
	// The commit date is the committer's own day, not UTC's.
	if got, want := snaps[1].Date, (workday.Date{Year: 2024, Month: time.June, Day: 3}); got != want {
		t.Errorf("second commit date = %v; want %v", got, want)
	}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(name, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(name)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run go test ./internal/history -update and review the diff)\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

func TestLogLimit(t *testing.T) {
	file := newRepo(t)
	archive, err := txtar.ParseFile("testdata/versions.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range archive.Files {
		commit(t, file, f.Data, "2024-06-0"+string(rune('1'+i))+"T12:00:00Z")
	}
	for _, tc := range []struct{ limit, want int }{{0, 0}, {1, 1}, {2, 2}, {20, 3}} {
		snaps, err := Log(context.Background(), file, tc.limit)
		if err != nil {
			t.Fatalf("Log(%d): %v", tc.limit, err)
		}
		if len(snaps) != tc.want {
			t.Errorf("Log(file, %d) gave %d snapshots; want %d", tc.limit, len(snaps), tc.want)
		}
	}
}

func TestLogDeletedAndRestored(t *testing.T) {
	file := newRepo(t)
	data := []byte("---\ntitle: T\nprotocol:\n  id: test\n  version: \"1\"\n---\n")
	commit(t, file, data, "2024-01-01T12:00:00Z")
	root := filepath.Dir(filepath.Dir(filepath.Dir(file)))
	run(t, root, nil, "rm", "--quiet", filepath.Join("content", "test", "_index.md"))
	run(t, root, []string{"GIT_COMMITTER_DATE=2024-02-01T12:00:00Z"}, "commit", "--quiet", "-m", "Remove")
	commit(t, file, []byte(strings.Replace(string(data), `"1"`, `"2"`, 1)), "2024-03-01T12:00:00Z")

	snaps, err := Log(context.Background(), file, 20)
	if err != nil {
		t.Fatalf("Log: %v", err)
	}
	var got []string
	for _, s := range snaps {
		got = append(got, s.Protocol.Version)
	}
	if strings.Join(got, ",") != "2,1" {
		t.Errorf("versions = %v; want [2 1] (the deletion is skipped)", got)
	}
}

func TestLogWithoutHistory(t *testing.T) {
	needGit(t)
	// Not a work tree: a temporary folder outside any repository.
	dir := t.TempDir()
	file := filepath.Join(dir, "_index.md")
	if err := os.WriteFile(file, []byte("---\ntitle: T\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	snaps, err := Log(context.Background(), file, 20)
	if !errors.Is(err, ErrNoHistory) {
		t.Errorf("Log outside a work tree: err = %v; want ErrNoHistory", err)
	}
	if len(snaps) != 0 {
		t.Errorf("Log outside a work tree gave %d snapshots", len(snaps))
	}

	// In a work tree with commits, but never committed itself.
	file = newRepo(t)
	commit(t, filepath.Join(filepath.Dir(file), "other.md"), []byte("---\ntitle: O\n---\n"), "2024-01-01T12:00:00Z")
	if err := os.WriteFile(file, []byte("---\ntitle: T\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	snaps, err = Log(context.Background(), file, 20)
	if err != nil || len(snaps) != 0 {
		t.Errorf("Log of an uncommitted file = %d snapshots, %v; want none and no error", len(snaps), err)
	}

	// No git at all.
	t.Setenv("PATH", t.TempDir())
	if _, err := Log(context.Background(), file, 20); !errors.Is(err, ErrNoHistory) {
		t.Errorf("Log without git: err = %v; want ErrNoHistory", err)
	}
}
