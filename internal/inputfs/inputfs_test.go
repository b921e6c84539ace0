package inputfs

import (
	"errors"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// folder makes dir/content holding the given files, and a secret beside it.
func folder(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, "content", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "secret.txt"), []byte("DEPLOY_TOKEN=x"), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

func link(t *testing.T, target, name string) {
	t.Helper()
	if err := os.Symlink(target, name); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
}

// walk opens dir/content and walks it.
func walk(t *testing.T, dir string) ([]string, []string) {
	t.Helper()
	f, err := Open(filepath.Join(dir, "content"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var files []string
	problems := Walk(f.FS, "content", Options{HiddenFolders: true}, func(file File) { files = append(files, file.Path) })
	var msgs []string
	for _, p := range problems {
		msgs = append(msgs, p.String())
	}
	return files, msgs
}

// TestWalkRefusesLinksOut is one case per way a link could publish a file
// from outside the folder; each must be refused with the link named, and
// the files beside it still found.
func TestWalkRefusesLinksOut(t *testing.T) {
	tests := []struct {
		name   string
		target string // relative to the content folder's parent when it starts with "dir:"
		want   string
	}{
		{"env.txt", "/proc/self/environ", "content/env.txt: a symbolic link to /proc/self/environ, outside the content folder"},
		{"passwd.txt", "/etc/passwd", "content/passwd.txt: a symbolic link to /etc/passwd, outside the content folder"},
		{"up.txt", "../secret.txt", "content/up.txt: a symbolic link to ../secret.txt, outside the content folder"},
		{"deep/up.txt", "../../../secret.txt", "content/deep/up.txt: a symbolic link to ../../../secret.txt, outside the content folder"},
		{"docs", "..", "content/docs: a symbolic link to .., outside the content folder"},
		{"etc", "/etc", "content/etc: a symbolic link to /etc, outside the content folder"},
		{"inside", "deep", "content/inside: a symbolic link to the folder deep: links to folders are not followed"},
		{"gone.png", "nothing.png", "content/gone.png: a symbolic link to nothing.png, which does not exist"},
		// A link to a link that leaves: the first looks inside, the second does not.
		{"hop.txt", "up.txt", "content/hop.txt: a symbolic link to up.txt that leads outside the content folder"},
	}
	dir := folder(t, map[string]string{"_index.md": "page", "deep/page.md": "page"})
	for _, tt := range tests {
		link(t, tt.target, filepath.Join(dir, "content", filepath.FromSlash(tt.name)))
	}
	files, msgs := walk(t, dir)
	if !slices.Equal(files, []string{"_index.md", "deep/page.md"}) {
		t.Errorf("files = %q; want only the two pages", files)
	}
	for _, tt := range tests {
		found := false
		for _, m := range msgs {
			found = found || strings.HasPrefix(m, tt.want)
		}
		if !found {
			t.Errorf("link %s -> %s: no problem starting %q in\n%s", tt.name, tt.target, tt.want, strings.Join(msgs, "\n"))
		}
	}
	if len(msgs) != len(tests) {
		t.Errorf("%d problems; want %d:\n%s", len(msgs), len(tests), strings.Join(msgs, "\n"))
	}
}

func TestWalkFollowsLinksInside(t *testing.T) {
	dir := folder(t, map[string]string{"a/logo.png": "png"})
	link(t, "a/logo.png", filepath.Join(dir, "content", "logo.png"))
	files, msgs := walk(t, dir)
	if !slices.Equal(files, []string{"a/logo.png", "logo.png"}) || len(msgs) > 0 {
		t.Errorf("files %q, problems %q; want both names and no problem", files, msgs)
	}
}

func TestWalkRefusesPipes(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no named pipes in the file system")
	}
	dir := folder(t, map[string]string{"_index.md": "page"})
	if err := syscall.Mkfifo(filepath.Join(dir, "content", "feed.txt"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	link(t, "feed.txt", filepath.Join(dir, "content", "via.txt"))
	files, msgs := walk(t, dir)
	want := []string{
		"content/feed.txt: not a regular file (a named pipe): only files and folders are read; remove it",
		"content/via.txt: a symbolic link to feed.txt, which is not a regular file (a named pipe)",
	}
	if !slices.Equal(files, []string{"_index.md"}) || !slices.Equal(msgs, want) {
		t.Errorf("files %q, problems %q; want the page and %q", files, msgs, want)
	}
}

func TestWalkRefusesControlNames(t *testing.T) {
	dir := folder(t, map[string]string{"a.md": "x", "\x1b[2Jowned.png": "x", "d\x07/b.md": "x"})
	files, msgs := walk(t, dir)
	want := []string{
		`content/\x1b[2Jowned.png: a name with a control character: rename it`,
		`content/d\a: a name with a control character: rename it`,
	}
	if !slices.Equal(files, []string{"a.md"}) || !slices.Equal(msgs, want) {
		t.Errorf("files %q, problems %q; want a.md and %q", files, msgs, want)
	}
}

func TestWalkHidden(t *testing.T) {
	dir := folder(t, map[string]string{".git/config": "x", ".DS_Store": "x", ".well-known/a.txt": "x", "a.md": "x"})
	files, _ := walk(t, dir)
	if !slices.Equal(files, []string{"a.md"}) {
		t.Errorf("hidden folders left out: files %q; want a.md", files)
	}
	f, err := Open(filepath.Join(dir, "content"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	files = nil
	Walk(f.FS, "static", Options{}, func(file File) { files = append(files, file.Path) })
	if !slices.Equal(files, []string{".git/config", ".well-known/a.txt", "a.md"}) {
		t.Errorf("hidden folders kept: files %q", files)
	}
}

func TestReadFile(t *testing.T) {
	dir := folder(t, map[string]string{"a.txt": "12345"})
	f, err := Open(filepath.Join(dir, "content"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if b, err := ReadFile(f.FS, "a.txt", 5); err != nil || string(b) != "12345" {
		t.Errorf("ReadFile(limit 5) = %q, %v; want the file", b, err)
	}
	var tl *TooLargeError
	if _, err := ReadFile(f.FS, "a.txt", 4); !errors.As(err, &tl) || tl.Size != 5 || tl.Limit != 4 {
		t.Errorf("ReadFile(limit 4) error = %v; want TooLargeError{5, 4}", err)
	}
	if _, err := ReadFile(f.FS, "../secret.txt", 100); err == nil {
		t.Error("ReadFile(../secret.txt) read outside the folder")
	}
	link(t, "../secret.txt", filepath.Join(dir, "content", "s.txt"))
	if _, err := ReadFile(f.FS, "s.txt", 100); err == nil {
		t.Error("ReadFile(a link out) read outside the folder")
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 bytes", 1023: "1023 bytes", 1024: "1 KB", 1536: "1.5 KB", 4 << 20: "4 MB", 16<<20 + 1<<19: "16.5 MB"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q; want %q", n, got, want)
		}
	}
}

func TestLeaves(t *testing.T) {
	tests := []struct {
		p, target string
		want      bool
	}{
		{"a.txt", "b.txt", false},
		{"a/b.txt", "../c.txt", false},
		{"a/b.txt", "../../c.txt", true},
		{"a.txt", "..", true},
		{"a.txt", "/etc/passwd", true},
		{"a.txt", `C:\Windows\win.ini`, true},
		{"a.txt", `\\server\share`, true},
		{"a/b.txt", `..\..\c.txt`, true},
		{"a.txt", "./x/../y.txt", false},
		{"a.txt", "x/../../y.txt", true},
		{"a.txt", "", true},
	}
	for _, tt := range tests {
		if got := Leaves(tt.p, tt.target); got != tt.want {
			t.Errorf("Leaves(%q, %q) = %v; want %v", tt.p, tt.target, got, tt.want)
		}
	}
}

// FuzzLeaves checks that a link judged to stay inside names a valid path
// inside the folder, by a second reckoning that counts the folder depth
// step by step.
func FuzzLeaves(f *testing.F) {
	for _, s := range [][2]string{{"a.txt", "b.txt"}, {"a/b.txt", "../../c"}, {"a", "/etc/passwd"}, {"x/y/z", "../.././../w"}, {"a", `..\b`}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, p, target string) {
		if !validLinkPath(p) {
			return
		}
		if Leaves(p, target) {
			return
		}
		joined := path.Join(path.Dir(p), strings.ReplaceAll(target, `\`, "/"))
		if joined == "." {
			return // the folder itself: a link to a folder, refused later
		}
		if strings.HasPrefix(joined, "/") || !validInside(joined) {
			t.Fatalf("Leaves(%q, %q) = false, but it resolves to %q", p, target, joined)
		}
		// Count depth by hand: it must never go above the top.
		depth := strings.Count(path.Dir(p), "/") + 1
		if path.Dir(p) == "." {
			depth = 0
		}
		for part := range strings.SplitSeq(strings.ReplaceAll(target, `\`, "/"), "/") {
			switch part {
			case "", ".":
			case "..":
				depth--
				if depth < 0 {
					t.Fatalf("Leaves(%q, %q) = false, but it climbs above the folder", p, target)
				}
			default:
				depth++
			}
		}
	})
}

// validLinkPath is a path WalkDir could give a link: slash-separated,
// clean, inside the folder.
func validLinkPath(p string) bool {
	return p != "" && p != "." && path.Clean(p) == p && !strings.HasPrefix(p, "/") && !strings.HasPrefix(p, "../") && p != ".." && !strings.Contains(p, `\`)
}

func validInside(p string) bool {
	return p != ".." && !strings.HasPrefix(p, "../")
}
