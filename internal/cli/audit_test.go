package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// writeArchive writes the files of a txtar archive under testdata of
// package audit into a new folder and returns it.
func writeArchive(t *testing.T, name string) string {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("..", "audit", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestAudit(t *testing.T) {
	dir := writeArchive(t, "example.txtar")
	// A folder: its .json files are read (not notes.txt); two are broken,
	// two repeat a disagreement. Files that cannot be read make it exit 1,
	// after the summary of the rest.
	code, out, errs := run("audit", dir, "--content", exampleContent)
	if code != Failed {
		t.Errorf("audit with unreadable files = %d; want %d", code, Failed)
	}
	for _, want := range []string{"From 10 files: 6 disagreements, 2 repeats counted once, 2 not read.", "Disagreements                         6               4     1     1"} {
		if !strings.Contains(out, want) {
			t.Errorf("audit table lacks %q:\n%s", want, out)
		}
	}
	for _, want := range []string{
		filepath.Join(dir, "broken.json") + ": This file is not a resolve audit return: it is not valid JSON",
		filepath.Join(dir, "package.json") + ": This file is not a resolve audit return: it does not say what format it is.",
		filepath.Join(dir, "hips-3.json") + ": the same disagreement as " + filepath.Join(dir, "hips-3-later.json") + "; counted once",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("audit's messages lack %q:\n%s", want, errs)
		}
	}
	if strings.Contains(out+errs, "SECRET") {
		t.Errorf("text from the whole record was printed:\n%s%s", out, errs)
	}

	good := []string{filepath.Join(dir, "hips-1.json"), filepath.Join(dir, "tees-1.json")}
	code, out, _ = run(append([]string{"audit", "--csv"}, good...)...)
	if code != OK || !strings.HasPrefix(out, "procedure,table,row,label,column,value\r\n") || !strings.Contains(out, "all,overview,disagreements,Disagreements,all,2\r\n") {
		t.Errorf("audit --csv = %d\n%s", code, out)
	}
	code, out, _ = run(append([]string{"audit", "--html", "--publish"}, good...)...)
	if code != OK || !strings.HasPrefix(out, "<!DOCTYPE html>") || !strings.Contains(out, "fewer than 5") {
		t.Errorf("audit --html --publish = %d\n%s", code, out)
	}
	code, out, _ = run(append([]string{"audit", "--csv", "--from", "2026-01-01", "--to", "2026-01-31"}, good...)...)
	if code != OK || !strings.Contains(out, "all,files,outside,Disagreements outside the date range (left out),files,1\r\n") {
		t.Errorf("audit --from --to = %d\n%s", code, out)
	}

	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{filepath.Join(dir, "no-such-file.json")}, Failed, "no-such-file.json: cannot be read"},
		{nil, Usage, "name the audit returns"},
		{[]string{"--from", "2026-02-30", good[0]}, Usage, "--from"},
		{[]string{"--csv", "--html", good[0]}, Usage, "not both"},
	} {
		code, _, errs := run(append([]string{"audit"}, tt.args...)...)
		if code != tt.code || !strings.Contains(errs, tt.want) {
			t.Errorf("audit %q = %d, %q; want %d and %q", tt.args, code, errs, tt.code, tt.want)
		}
	}
}

// A record given many times, as copies or by one name again and again, is
// one disagreement.
func TestAuditCountsOnce(t *testing.T) {
	dir := writeArchive(t, "example.txtar")
	rec := filepath.Join(dir, "hips-record.json")
	data, err := os.ReadFile(rec)
	if err != nil {
		t.Fatal(err)
	}
	copyOf := filepath.Join(t.TempDir(), "copy.json")
	if err := os.WriteFile(copyOf, data, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := run("audit", "--content", exampleContent, rec, rec, copyOf, rec)
	if code != OK || !strings.Contains(out, "From 4 files: 1 disagreement, 3 repeats counted once, 0 not read.") {
		t.Errorf("audit of one record four times = %d\n%s\n%s", code, out, errs)
	}
}
