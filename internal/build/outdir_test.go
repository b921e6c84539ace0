package build

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// treeHash is a hash of everything under dir: names, kinds, link targets
// and contents. A missing dir hashes as "missing".
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	if _, err := os.Lstat(dir); err != nil {
		return "missing"
	}
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

func write(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestOutRefused is one case per folder --out must never replace. Each
// runs in a throw-away folder laid out as a repository (go.mod, .git,
// content, layouts, static, and a home folder beside it); each build must
// fail naming --out and why, and leave every folder as it was.
func TestOutRefused(t *testing.T) {
	tests := []struct {
		name  string
		out   string                         // relative to the throw-away folder
		setup func(t *testing.T, dir string) // makes what the case needs
		want  string
	}{
		{"the content folder", "repo/content", nil, "is the content folder"},
		{"the layouts folder", "repo/layouts", nil, "is the layouts folder"},
		{"the static folder", "repo/static", nil, "is the static folder"},
		{"inside content", "repo/content/site", nil, "is inside the content folder"},
		{"the content folder through ..", "repo/site/../content", nil, "is the content folder"},
		{"the repository", "repo", nil, "is the repository (it holds .git or go.mod)"},
		{"above the repository", ".", func(t *testing.T, dir string) { t.Setenv("HOME", t.TempDir()) }, "holds the repository"},
		{"the root", "/", nil, "is the root of the file system"},
		{"home", "home", nil, "is your home folder"},
		{"above home", "users", func(t *testing.T, dir string) {
			t.Setenv("HOME", filepath.Join(dir, "users", "me"))
			write(t, filepath.Join(dir, "users", "me", ".ssh", "id_ed25519"), "key")
		}, "holds your home folder"},
		{"another repository", "other", func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, "other", ".git", "HEAD"), "ref: refs/heads/main\n")
			write(t, filepath.Join(dir, "other", "main.go"), "package main\n")
		}, "holds .git, so it is a repository"},
		{"a folder of notes", "notes", func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, "notes", "minutes.txt"), "private")
		}, "is not empty and is not an earlier build"},
		{"a build with a file added", "repo/site", func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, "repo", "site", markerFile), markerHead+"\nindex.html\n")
			write(t, filepath.Join(dir, "repo", "site", "index.html"), "old")
			write(t, filepath.Join(dir, "repo", "site", "CNAME"), "example.org")
		}, "holds CNAME, which resolve build did not write"},
		{"a forged mark", "notes", func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, "notes", markerFile), "resolve build\nminutes.txt\n")
			write(t, filepath.Join(dir, "notes", "minutes.txt"), "private")
		}, "is not empty and is not an earlier build"},
		{"a file", "file.txt", func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, "file.txt"), "x")
		}, "is a file, not a folder"},
		{"a link to a folder", "repo/site", func(t *testing.T, dir string) {
			if err := os.Symlink(filepath.Join(dir, "home"), filepath.Join(dir, "repo", "site")); err != nil {
				t.Skip(err)
			}
		}, "is a symbolic link"},
		{"content through a link", "link/content", func(t *testing.T, dir string) {
			if err := os.Symlink(filepath.Join(dir, "repo"), filepath.Join(dir, "link")); err != nil {
				t.Skip(err)
			}
		}, "is the content folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			_, site := testSite(t)
			repo := filepath.Join(dir, "repo")
			if err := os.CopyFS(repo, os.DirFS(filepath.Dir(site.Content))); err != nil {
				t.Fatal(err)
			}
			write(t, filepath.Join(repo, "go.mod"), "module example\n")
			write(t, filepath.Join(repo, ".git", "HEAD"), "ref: refs/heads/main\n")
			write(t, filepath.Join(dir, "home", ".ssh", "id_ed25519"), "key")
			t.Setenv("HOME", filepath.Join(dir, "home"))
			if tt.setup != nil {
				tt.setup(t, dir)
			}
			t.Chdir(repo)
			out := tt.out
			if !filepath.IsAbs(out) {
				out = filepath.Join(dir, out)
			}
			before := treeHash(t, dir)
			_, err := Build(Config{Content: "content", Layouts: "layouts", Static: "static", Out: out, Today: testToday, Workers: 2})
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), out+": ") {
				t.Fatalf("Build(--out %s) = %v; want %q naming the folder", tt.out, err, tt.want)
			}
			if after := treeHash(t, dir); after != before {
				t.Errorf("Build(--out %s) changed the files", tt.out)
			}
		})
	}
}

// TestOutReplaced is the folders --out may replace: new, empty, an
// earlier build (marked, or written before the mark) and the default site/.
func TestOutReplaced(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, out string)
	}{
		{"new", nil},
		{"empty", func(t *testing.T, out string) { os.MkdirAll(out, 0o755) }},
		{"only system junk", func(t *testing.T, out string) { write(t, filepath.Join(out, ".DS_Store"), "x") }},
		{"an unmarked build of an earlier version", func(t *testing.T, out string) {
			write(t, filepath.Join(out, headersFile), legacyHeaders+"\n# GitHub Pages ignores this file: see docs/deploy.md.\n")
			write(t, filepath.Join(out, "sitemap.xml"), "<urlset/>")
			write(t, filepath.Join(out, "old-page", "index.html"), "old")
			write(t, filepath.Join(out, "wasm", "manifest.json"), "{}")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, cfg := testSite(t)
			if tt.setup != nil {
				tt.setup(t, cfg.Out)
			}
			if _, err := Build(cfg); err != nil {
				t.Fatalf("Build: %v", err)
			}
			if _, err := os.Stat(filepath.Join(cfg.Out, "old-page")); err == nil {
				t.Errorf("the earlier build's old-page/ is still there")
			}
			// The build is marked, and the next build replaces it.
			if _, ok := readMarker(filepath.Join(cfg.Out, markerFile)); !ok {
				t.Fatalf("the build has no mark")
			}
			if _, err := Build(cfg); err != nil {
				t.Fatalf("second Build: %v", err)
			}
		})
	}
}

func TestOutGuardPaths(t *testing.T) {
	g := outGuard{
		home:   "/home/me",
		inputs: []named{{"content", "/home/me/repo/content"}, {"layouts", "/home/me/repo/layouts"}},
		repos:  []string{"/home/me/repo"},
	}
	tests := map[string]string{
		"/home/me/repo/site":          "",
		"/home/me/repo/content-site":  "",
		"/home/me/repo/contents":      "",
		"/home/me/repository":         "",
		"/tmp/site":                   "",
		"/home/me/repo/content":       "is the content folder",
		"/home/me/repo/content/x":     "is inside the content folder",
		"/home/me/repo/layouts/x/y":   "is inside the layouts folder",
		"/home/me/repo":               "is the repository",
		"/home/me":                    "is your home folder",
		"/home":                       "holds", // the repository and the home folder
		"/":                           "is the root of the file system",
		"/home/me/repo/content/../..": "", // cleaned by realPath before the guard; raw, it is not inside
	}
	for out, want := range tests {
		got := g.problem(out)
		if want == "" && got != "" && !strings.Contains(out, "..") || want != "" && !strings.HasPrefix(got, want) {
			t.Errorf("problem(%q) = %q; want %q", out, got, want)
		}
	}
}

// FuzzOutGuard checks the guard's path logic against a second reckoning
// by path segments: an output folder it lets through is never a protected
// folder, above one, or inside an input folder.
func FuzzOutGuard(f *testing.F) {
	for _, s := range [][2]string{{"/a/site", "/a/content"}, {"/a", "/a/content"}, {"/a/content/x", "/a/content"}, {"/a/contents", "/a/content"}, {"/", "/x"}, {"/a/b/../c", "/a/c"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, out, protected string) {
		if !filepath.IsAbs(out) || !filepath.IsAbs(protected) {
			return
		}
		out, protected = filepath.Clean(out), filepath.Clean(protected)
		for _, g := range []outGuard{
			{home: protected},
			{repos: []string{protected}},
			{inputs: []named{{"content", protected}}},
		} {
			if g.problem(out) != "" {
				continue
			}
			o, p := segments(out), segments(protected)
			if len(o) <= len(p) && equalPrefix(o, p) {
				t.Fatalf("guard %+v let %q through: it is or holds %q", g, out, protected)
			}
			if len(g.inputs) > 0 && equalPrefix(p, o) {
				t.Fatalf("guard let %q through: it is inside the input %q", out, protected)
			}
		}
	})
}

func segments(p string) []string {
	var out []string
	for s := range strings.SplitSeq(filepath.ToSlash(p), "/") {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// equalPrefix reports whether a is a prefix of b, segment by segment.
func equalPrefix(a, b []string) bool {
	if len(a) > len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// BenchmarkCheckOut measures the guard on an earlier build with 1,000
// top-level names (a big site has a few dozen): it reads one folder and the
// mark, whatever the site's size.
func BenchmarkCheckOut(b *testing.B) {
	dir := b.TempDir()
	out := filepath.Join(dir, "site")
	os.MkdirAll(out, 0o755)
	for i := range 1000 {
		os.WriteFile(filepath.Join(out, "page-"+strconv.Itoa(i)+".html"), nil, 0o644)
	}
	if err := writeMarker(out); err != nil {
		b.Fatal(err)
	}
	for _, in := range []string{"content", "layouts", "static"} {
		os.MkdirAll(filepath.Join(dir, in), 0o755)
	}
	cfg := Config{Content: filepath.Join(dir, "content"), Layouts: filepath.Join(dir, "layouts"), Static: filepath.Join(dir, "static"), Out: out}
	for b.Loop() {
		if problems := checkOut(cfg); problems != nil {
			b.Fatal(problems)
		}
	}
}
