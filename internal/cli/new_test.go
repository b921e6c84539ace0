package cli

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"resolve/internal/scaffold/placeholder"
)

// TestNew creates protocols through the command line, in both of its
// forms and with flags before or after the id, and checks the site.
func TestNew(t *testing.T) {
	content := filepath.Join(t.TempDir(), "content")
	if err := os.MkdirAll(content, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(content, "_index.md"), []byte("---\ntitle: Procedures\n---\nHome.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"new", "--content", content, "first-area"},
		{"new", "protocol", "second-area", "--content", content},
	} {
		code, out, errs := run(args...)
		if code != OK {
			t.Fatalf("resolve %s: exit %d: %s", strings.Join(args, " "), code, errs)
		}
		id := args[len(args)-1]
		if args[1] == "protocol" {
			id = args[2]
		}
		if want := "created " + filepath.ToSlash(filepath.Join(content, id, "_index.md")); !strings.Contains(out, want) {
			t.Errorf("resolve %s printed\n%s\nwant a line %q", strings.Join(args, " "), out, want)
		}
	}
	// Fresh from resolve new, check fails on each placeholder, naming its
	// line, so nothing with placeholders is published; build only warns.
	check := []string{"check", "--content", content, "--layouts", "../../layouts", "--static", "../../static", "--base-url", "https://example.org/"}
	code, out, errs := run(check...)
	want := filepath.ToSlash(filepath.Join(content, "first-area", "_index.md")) + ":4: [Partnership name] is a placeholder from resolve new"
	if code != Failed || !strings.Contains(filepath.ToSlash(errs), want) {
		t.Errorf("resolve check after resolve new: exit %d\n%s%s\nwant exit %d and a line starting %s", code, out, errs, Failed, want)
	}
	// With every placeholder replaced, there are no problems.
	err := filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, ph := range placeholder.All {
			data = bytes.ReplaceAll(data, []byte(ph.Text), []byte("Our own words"))
		}
		return os.WriteFile(p, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if code, out, errs := run(check...); code != OK || !strings.Contains(out, "no problems") {
		t.Errorf("resolve check with the placeholders replaced: exit %d\n%s%s", code, out, errs)
	}
}

func TestNewRefuses(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string // in stderr
	}{
		{[]string{"new"}, Usage, "give the new protocol's id"},
		{[]string{"new", "a", "b"}, Usage, "give the new protocol's id"},
		{[]string{"new", "--content", exampleContent, "hips"}, Failed, `the id "hips" is already in use`},
		{[]string{"new", "--content", exampleContent, "Not_Valid"}, Failed, `"Not_Valid" is not a valid protocol id`},
		{[]string{"new", "--content", exampleContent, "search"}, Failed, "the site uses /search/"},
		{[]string{"new", "--nope", "x"}, Usage, "flag provided but not defined"},
	}
	for _, tc := range tests {
		code, _, errs := run(tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.want) {
			t.Errorf("resolve %s = exit %d, %q; want exit %d and %q", strings.Join(tc.args, " "), code, errs, tc.code, tc.want)
		}
	}
}
