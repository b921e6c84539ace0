package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestAttacks runs every case in testdata/attacks: each is something a
// pull request (a file, a link) or a flag could try against the site or
// the machine that builds it. Each case starts from testdata/site.txtar,
// built once, in a throw-away folder laid out as a repository (go.mod,
// .git, and a home folder beside it with a key in .ssh). Then the case's
// files are added and its directives applied, and both `resolve check`
// (unless the case is about a flag) and `resolve build` must fail with
// exit 1 and the message the case wants, naming the file, while every file
// in the folder, the earlier build included, stays byte for byte as it was.
//
// A case's comment holds its directives, one a line:
//
//	want: TEXT           stderr must hold TEXT ({home} is the home folder)
//	args: FLAGS          extra flags for build (check is then not run)
//	exit: N              the exit code, if not 1
//	link: PATH -> TARGET a symbolic link
//	fifo: PATH           a named pipe
//	big: PATH SIZE       a page of SIZE bytes of short paragraphs with links
func TestAttacks(t *testing.T) {
	cases, err := filepath.Glob("testdata/attacks/*.txtar")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	base, err := txtar.ParseFile("testdata/site.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(name), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(name)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			repo := filepath.Join(dir, "repo")
			home := filepath.Join(dir, "home")
			unpackTo(t, base, repo)
			writeFile(t, filepath.Join(repo, "go.mod"), "module example\n")
			writeFile(t, filepath.Join(repo, ".git", "HEAD"), "ref: refs/heads/main\n")
			writeFile(t, filepath.Join(home, ".ssh", "id_ed25519"), "PRIVATE KEY\n")
			t.Setenv("HOME", home)
			t.Chdir(repo)
			if code, _, errs := run("build"); code != OK {
				t.Fatalf("the base site does not build: exit %d\n%s", code, errs)
			}

			unpackTo(t, ar, repo)
			var want, args []string
			exit := Failed
			for line := range strings.SplitSeq(string(ar.Comment), "\n") {
				key, value, _ := strings.Cut(line, ": ")
				value = strings.ReplaceAll(value, "{home}", home)
				switch key {
				case "want":
					want = append(want, value)
				case "args":
					args = strings.Fields(value)
				case "exit":
					exit, _ = strconv.Atoi(value)
				case "link":
					from, to, _ := strings.Cut(value, " -> ")
					mkdirFor(t, filepath.Join(repo, from))
					if err := os.Symlink(to, filepath.Join(repo, from)); err != nil {
						t.Skipf("no symbolic links: %v", err)
					}
				case "fifo":
					if runtime.GOOS == "windows" {
						t.Skip("no named pipes")
					}
					mkdirFor(t, filepath.Join(repo, value))
					if err := syscall.Mkfifo(filepath.Join(repo, value), 0o644); err != nil {
						t.Skipf("mkfifo: %v", err)
					}
				case "big":
					p, size, _ := strings.Cut(value, " ")
					n, _ := strconv.Atoi(size)
					writeFile(t, filepath.Join(repo, p), bigPage(n))
				}
			}
			if len(want) == 0 {
				t.Fatal("the case has no want: line")
			}
			before := hashTree(t, dir)
			runs := [][]string{append([]string{"build"}, args...)}
			if len(args) == 0 {
				runs = append(runs, []string{"check"})
			}
			for _, r := range runs {
				code, _, errs := run(r...)
				if code != exit {
					t.Errorf("resolve %s: exit %d; want %d\n%s", strings.Join(r, " "), code, exit, errs)
				}
				for _, w := range want {
					if !strings.Contains(errs, w) {
						t.Errorf("resolve %s: stderr\n%s\nwant it to hold %q", strings.Join(r, " "), errs, w)
					}
				}
			}
			if after := hashTree(t, dir); after != before {
				t.Errorf("the files changed: the earlier build or an input is not as it was")
			}
		})
	}
}

// bigPage is a page of n bytes: short paragraphs, each with a link.
func bigPage(n int) string {
	var b strings.Builder
	b.WriteString("---\ntitle: Huge\n---\n")
	for b.Len() < n {
		b.WriteString("See [the guide](_index.md).\n\n")
	}
	return b.String()
}

func unpackTo(t *testing.T, ar *txtar.Archive, dir string) {
	t.Helper()
	for _, f := range ar.Files {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(f.Name)), string(f.Data))
	}
}

func mkdirFor(t *testing.T, name string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	mkdirFor(t, name)
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// hashTree hashes every name, kind, link target and file under dir,
// without opening named pipes.
func hashTree(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		h.Write([]byte(rel + "\x00" + d.Type().String() + "\x00"))
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			h.Write([]byte(target))
		case d.Type().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			h.Write(data)
		}
		h.Write([]byte{0})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}
