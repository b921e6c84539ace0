package scaffold

import (
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"resolve/internal/build"
	"resolve/internal/diag"
	"resolve/internal/scaffold/placeholder"
	"resolve/internal/workday"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

var testToday = workday.Date{Year: 2026, Month: time.November, Day: 21}

// homeOnly makes a content folder with nothing but a home page.
func homeOnly(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "_index.md"), []byte("---\ntitle: Procedures\n---\nHome.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// placeholdersIn lists every placeholder in the markdown files under
// content as "path:line: [text]".
func placeholdersIn(t *testing.T, content string) map[string]int {
	t.Helper()
	out := map[string]int{}
	err := filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, f := range placeholder.Find(data, 1) {
			out[p+":"+strconv.Itoa(f.Line)+": "+f.Text]++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// fillPlaceholders replaces every placeholder under content with words of
// the partnership's own, as an editor would.
func fillPlaceholders(t *testing.T, content string) {
	t.Helper()
	err := filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		text := string(data)
		for _, ph := range placeholder.All {
			text = strings.ReplaceAll(text, ph.Text, "Our own words")
		}
		return os.WriteFile(p, []byte(text), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestNewGolden pins the files New writes, so a change to their wording
// shows in review.
func TestNewGolden(t *testing.T) {
	content := homeOnly(t)
	files, err := New(Options{Content: content, ID: "my-partnership", Today: testToday})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	archive := &txtar.Archive{Comment: []byte("The files resolve new my-partnership writes on 2026-11-21.\n")}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(filepath.Dir(content), f)
		archive.Files = append(archive.Files, txtar.File{Name: filepath.ToSlash(rel), Data: data})
	}
	got := txtar.Format(archive)
	golden := filepath.Join("testdata", "new.golden")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if string(got) != string(want) {
		t.Errorf("New wrote files that differ from %s (run go test ./internal/scaffold -update and review the diff)", golden)
	}
}

// TestNewBuilds creates a protocol beside the example site's and checks
// that the site builds and passes the check with no error and no warning
// about the new folder.
func TestNewBuilds(t *testing.T) {
	root := filepath.Join("..", "..")
	for _, tc := range []struct {
		name    string
		content func(t *testing.T) string
	}{
		{"alone", homeOnly},
		{"beside the example site", func(t *testing.T) string {
			dir := filepath.Join(t.TempDir(), "content")
			if err := os.CopyFS(dir, os.DirFS(filepath.Join(root, "content"))); err != nil {
				t.Fatal(err)
			}
			return dir
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			content := tc.content(t)
			if _, err := New(Options{Content: content, ID: "new-area", Today: testToday}); err != nil {
				t.Fatalf("New: %v", err)
			}
			cfg := build.Config{
				Content: content,
				Layouts: filepath.Join(root, "layouts"),
				Static:  filepath.Join(root, "static"),
				Out:     filepath.Join(t.TempDir(), "site"),
				Today:   testToday,
			}
			// As created: check fails on every placeholder, at its line,
			// and nothing else; a build warns about each and succeeds.
			want := placeholdersIn(t, content)
			total := 0
			for _, n := range want {
				total += n
			}
			_, err := build.Check(cfg)
			list, _ := err.(diag.List)
			if list.Errors() != total {
				t.Errorf("Check found %d errors; want one for each of the %d placeholders:\n%v", list.Errors(), total, err)
			}
			for _, p := range list {
				if p.Warning {
					continue
				}
				key := p.Path + ":" + strconv.Itoa(p.Line) + ": " + p.Message[:strings.Index(p.Message, "]")+1]
				if want[key] == 0 {
					t.Errorf("Check: %v is not a placeholder", p)
				}
			}
			res, err := build.Build(cfg)
			if err != nil {
				t.Fatalf("Build with the new protocol:\n%v", err)
			}
			placeholderWarnings := 0
			for _, w := range res.Warnings {
				if strings.Contains(w.Message, "is a placeholder from resolve new") {
					placeholderWarnings++
				}
			}
			if placeholderWarnings != total {
				t.Errorf("Build warned of %d placeholders; want %d", placeholderWarnings, total)
			}
			// Once each is replaced, check passes with nothing to say
			// about the new protocol.
			fillPlaceholders(t, content)
			res, err = build.Check(cfg)
			if err != nil {
				t.Fatalf("Check of the new protocol, its placeholders replaced:\n%v", err)
			}
			for _, w := range res.Warnings {
				if strings.Contains(filepath.ToSlash(w.Path), "/new-area/") {
					t.Errorf("Check warns about the new protocol: %v", w)
				}
			}
			if _, err := build.Build(cfg); err != nil {
				t.Fatalf("Build with the new protocol:\n%v", err)
			}
			for _, page := range []string{"new-area/index.html", "new-area/stage-1/index.html", "new-area/record/index.html", "new-area/changes/index.html"} {
				if _, err := os.Stat(filepath.Join(cfg.Out, filepath.FromSlash(page))); err != nil {
					t.Errorf("the build has no %s", page)
				}
			}
		})
	}
}

func TestValidID(t *testing.T) {
	tests := []struct {
		id string
		ok bool
	}{
		{"hips", true},
		{"my-partnership", true},
		{"area-51", true},
		{"2026", true},
		{strings.Repeat("a", 60), true},
		{"", false},
		{strings.Repeat("a", 61), false},
		{"My-Partnership", false},
		{"my_partnership", false},
		{"my partnership", false},
		{"-leading", false},
		{"trailing-", false},
		{"double--hyphen", false},
		{"café", false},
		{"../escape", false},
		{"search", false},
		{"accessibility", false},
		{"privacy", false},
		{"a-z", false},
		{"wasm", false},
	}
	for _, tc := range tests {
		err := ValidID(tc.id)
		if (err == nil) != tc.ok {
			t.Errorf("ValidID(%q) = %v; want ok %v", tc.id, err, tc.ok)
		}
		if err != nil && !errors.Is(err, ErrInvalidID) {
			t.Errorf("ValidID(%q) = %v; want an ErrInvalidID", tc.id, err)
		}
	}
}

func TestNewRefusesAnIDInUse(t *testing.T) {
	tests := []struct {
		name  string
		setup map[string]string // files to create under content/
		want  string            // in the error
	}{
		{"folder exists", map[string]string{"taken/notes.md": "---\ntitle: Notes\n---\n"}, "content/taken: the id \"taken\" is already in use: the folder exists"},
		{"another folder's protocol id", map[string]string{"other/_index.md": "---\ntitle: Other\nprotocol:\n  id: taken\n---\n"}, "content/other/_index.md: the id \"taken\" is already in use: this protocol declares it"},
		{"a top-level page", map[string]string{"taken.md": "---\ntitle: Taken\n---\n"}, "content/taken.md: the id \"taken\" is already in use: this page has the URL /taken/"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			content := homeOnly(t)
			for name, data := range tc.setup {
				file := filepath.Join(content, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			before, _ := os.ReadDir(content)
			files, err := New(Options{Content: content, ID: "taken", Today: testToday})
			if !errors.Is(err, ErrInUse) {
				t.Fatalf("New(taken) = %v, %v; want an ErrInUse", files, err)
			}
			if msg := filepath.ToSlash(err.Error()); !strings.Contains(msg, tc.want) {
				t.Errorf("New(taken) error = %q; want it to contain %q", msg, tc.want)
			}
			if after, _ := os.ReadDir(content); len(after) != len(before) || len(files) != 0 {
				t.Errorf("a refused New wrote %v", files)
			}
		})
	}
}

func TestNewNeedsTheContentFolder(t *testing.T) {
	_, err := New(Options{Content: filepath.Join(t.TempDir(), "missing"), ID: "x", Today: testToday})
	if err == nil || !strings.Contains(err.Error(), "no such content folder") {
		t.Errorf("New in a missing folder: err = %v", err)
	}
}

func TestReviewDueOnLeapDay(t *testing.T) {
	d := starterData("x", workday.Date{Year: 2028, Month: time.February, Day: 29})
	if d.ReviewDue != "2030-02-28" || d.Version != "2028-02" || d.Published != "2028-02-29" {
		t.Errorf("starterData(2028-02-29) = %+v; want review 2030-02-28, version 2028-02", d)
	}
}

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func FuzzValidID(f *testing.F) {
	for _, seed := range []string{"hips", "my-partnership", "-x", "a--b", "A", "search", "é", ""} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, id string) {
		err := ValidID(id)
		if err == nil && (!idPattern.MatchString(id) || len(id) > maxID || reserved[id] != "") {
			t.Errorf("ValidID(%q) accepted an id it should refuse", id)
		}
		if err != nil && idPattern.MatchString(id) && len(id) <= maxID && reserved[id] == "" {
			t.Errorf("ValidID(%q) = %v; want it accepted", id, err)
		}
	})
}

// TestNewStartsStatements checks that New starts the accessibility
// statement and the privacy notice for a site that has neither, that the
// build then has no warning about them, and that New never replaces one a
// site already has.
func TestNewStartsStatements(t *testing.T) {
	content := homeOnly(t)
	files, err := New(Options{Content: content, ID: "first", Today: testToday})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	for _, name := range []string{"accessibility.md", "privacy.md"} {
		want := filepath.ToSlash(filepath.Join(content, name))
		if !slices.Contains(files, want) {
			t.Errorf("New wrote %v; want %s among them", files, want)
		}
	}
	root := filepath.Join("..", "..")
	cfg := build.Config{
		Content: content,
		Layouts: filepath.Join(root, "layouts"),
		Static:  filepath.Join(root, "static"),
		Today:   testToday,
	}
	fillPlaceholders(t, content)
	res, err := build.Check(cfg)
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	for _, w := range res.Warnings {
		if strings.Contains(w.Message, "statement") || strings.Contains(w.Message, "privacy notice") {
			t.Errorf("Check after New: %v", w)
		}
	}

	// The partnership's own statement is kept as it is.
	own := []byte("---\ntitle: Accessibility statement\n---\nOurs.\n")
	if err := os.WriteFile(filepath.Join(content, "accessibility.md"), own, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(content, "privacy.md")); err != nil {
		t.Fatal(err)
	}
	files, err = New(Options{Content: content, ID: "second", Today: testToday})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if got, _ := os.ReadFile(filepath.Join(content, "accessibility.md")); string(got) != string(own) {
		t.Errorf("New replaced the site's accessibility statement with\n%s", got)
	}
	if n := len(files); n == 0 || files[n-1] != filepath.ToSlash(filepath.Join(content, "privacy.md")) {
		t.Errorf("New wrote %v; want the missing privacy notice last", files)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "/accessibility.md") {
			t.Errorf("New lists %s, which it did not write", f)
		}
	}
}
