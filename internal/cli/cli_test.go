package cli

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite golden files")

func run(args ...string) (code int, stdout, stderr string) {
	var out, errs bytes.Buffer
	code = Run(context.Background(), args, &out, &errs)
	return code, out.String(), errs.String()
}

const exampleContent = "../../content"

// TestPlanGolden pins plan's output for the example protocols across
// Christmas, Easter and the 2026 dates.
func TestPlanGolden(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"hips-christmas", []string{"--protocol", "hips", "--arose", "2025-12-19"}},
		{"hips-christmas-json", []string{"--protocol", "hips", "--arose", "2025-12-19", "--json"}},
		{"hips-easter-completed", []string{"--protocol", "hips", "--arose", "2026-03-30", "--completed", "1=2026-04-01", "--completed", "2=2026-04-02"}},
		{"hips-beyond-data-json", []string{"--protocol", "hips", "--arose", "2029-12-21", "--json"}},
		{"hips-beyond-data", []string{"--protocol", "hips", "--arose", "2029-12-21"}},
		{"tees-no-timescales-json", []string{"--protocol", "tees", "--arose", "2026-01-05", "--json"}},
		{"iscp-guernsey", []string{"--protocol", "iscp", "--arose", "2025-05-07"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := run(append([]string{"plan", "--content", exampleContent}, tt.args...)...)
			if code != OK {
				t.Fatalf("plan %v: exit %d: %s", tt.args, code, errs)
			}
			golden := filepath.Join("testdata", "plan-"+tt.name+".golden")
			if *update {
				os.WriteFile(golden, []byte(out), 0o644)
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if out != string(want) {
				t.Errorf("plan %v =\n%s\nwant\n%s", tt.args, out, want)
			}
		})
	}
}

// TestPlanDates checks plan's JSON dates against dates worked out by hand.
func TestPlanDates(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		// Two working days from Friday 19 December 2025: Mon 22, Tue 23.
		// Then from 23rd: Wed 24, (25, 26 holidays, weekend) Mon 29. Then 30, 31. Then (1 Jan) 2, 5. Then 6, 7.
		{[]string{"--arose", "2025-12-19"}, `"due":"2025-12-23"},{"stage":2,"title":"Inter-agency discussion between the practitioners","due":"2025-12-29"}`},
		// Thursday 2 April 2026: Good Friday 3rd and Easter Monday 6th are not counted: Tue 7, Wed 8.
		{[]string{"--arose", "2026-04-02"}, `"due":"2026-04-08"`},
		// 2022: the state funeral on Monday 19 September is not counted.
		{[]string{"--arose", "2022-09-16"}, `"due":"2022-09-21"`},
		// 2023: the coronation bank holiday on Monday 8 May.
		{[]string{"--arose", "2023-05-05"}, `"due":"2023-05-10"`},
	}
	for _, tt := range tests {
		args := append([]string{"plan", "--content", exampleContent, "--protocol", "hips", "--json"}, tt.args...)
		code, out, errs := run(args...)
		if code != OK || !strings.Contains(out, tt.want) {
			t.Errorf("plan %v = %d %s %s; want output containing %s", tt.args, code, out, errs, tt.want)
		}
	}
}

func TestPlanErrors(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--protocol", "nope", "--arose", "2025-12-19"}, Failed, `no protocol "nope"`},
		{[]string{"--protocol", "hips", "--arose", "2025-02-30"}, Failed, "not a real date"},
		{[]string{"--protocol", "hips", "--arose", "19/12/2025"}, Failed, "YYYY-MM-DD"},
		{[]string{"--protocol", "hips", "--arose", "2025-12-19", "--completed", "1=2025-12-18"}, Failed, "before the disagreement arose"},
		{[]string{"--protocol", "hips", "--arose", "2025-12-19", "--completed", "9=2025-12-22"}, Failed, "no stage 9"},
		{[]string{"--protocol", "hips", "--arose", "2025-12-19", "--completed", "one"}, Usage, "STAGE=YYYY-MM-DD"},
		{[]string{"--protocol", "hips"}, Usage, "--arose are required"},
		{[]string{"--protocol", "hips", "--arose", "2025-12-19", "--content", "no-such-folder"}, Failed, "no-such-folder"},
	}
	for _, tt := range tests {
		args := append([]string{"plan", "--content", exampleContent}, tt.args...)
		code, _, errs := run(args...)
		if code != tt.code || !strings.Contains(errs, tt.want) {
			t.Errorf("plan %v = exit %d, %q; want exit %d and %q", tt.args, code, errs, tt.code, tt.want)
		}
	}
}

func TestUsage(t *testing.T) {
	if code, _, errs := run(); code != Usage || !strings.Contains(errs, "Commands:") {
		t.Errorf("no args = %d %q", code, errs)
	}
	if code, out, _ := run("help"); code != OK || !strings.Contains(out, "plan") {
		t.Errorf("help = %d %q", code, out)
	}
	if code, _, errs := run("frobnicate"); code != Usage || !strings.Contains(errs, `unknown command "frobnicate"`) {
		t.Errorf("unknown command = %d %q", code, errs)
	}
	for _, c := range []string{"build", "check", "serve", "plan", "audit", "new"} {
		if code, _, errs := run(c, "-h"); code != OK || !strings.Contains(errs, "Usage: resolve "+c) {
			t.Errorf("%s -h = %d %q", c, code, errs)
		}
	}
	if code, _, _ := run("build", "--no-such-flag"); code != Usage {
		t.Errorf("build with a bad flag = %d; want %d", code, Usage)
	}
}

func TestCheckExample(t *testing.T) {
	// As the Pages workflow checks it: with the site's full address.
	code, out, errs := run("check", "--content", exampleContent, "--layouts", "../../layouts", "--static", "../../static", "--base-url", "https://example.org/procedures/")
	if code != OK {
		t.Fatalf("check = %d\n%s%s", code, out, errs)
	}
	if !strings.Contains(out, "no problems") {
		t.Errorf("check output = %q, want no problems (warnings: %s)", out, errs)
	}
	// The example's base_url is a path: one warning, once, that the
	// sitemap and the rest need the full address.
	code, out, errs = run("check", "--content", exampleContent, "--layouts", "../../layouts", "--static", "../../static")
	if code != OK || !strings.Contains(out, "1 warning") || strings.Count(errs, "full address") != 1 ||
		!strings.Contains(errs, "content/_index.md:5: warning: the site's full address is not known") {
		t.Errorf("check without a full address = %d, %q\n%s; want one warning at base_url", code, out, errs)
	}
}

func TestCheckGitHubAnnotations(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "content"), 0o755)
	os.WriteFile(filepath.Join(dir, "content", "_index.md"), []byte("---\ntitle: Home\ncolour: red\n---\n"), 0o644)
	t.Setenv("GITHUB_ACTIONS", "true")
	code, _, errs := run("check", "--content", filepath.Join(dir, "content"), "--layouts", "../../layouts", "--static", "../../static")
	if code != Failed {
		t.Fatalf("check = %d; want %d", code, Failed)
	}
	if !strings.Contains(errs, "::error file=") || !strings.Contains(errs, ",line=3::unknown key") {
		t.Errorf("no GitHub annotation in:\n%s", errs)
	}
}

func TestAudit(t *testing.T) {
	archive, err := txtar.ParseFile("../audit/testdata/returns.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range archive.Files {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errs := run("audit", dir, "--content", exampleContent)
	if code != OK {
		t.Fatalf("audit = %d\n%s\n%s", code, out, errs)
	}
	if !strings.Contains(out, "8 files given, 6 read, 2 skipped") || !strings.Contains(out, "tees       2023-09") {
		t.Errorf("audit table =\n%s", out)
	}
	if errs == "" {
		t.Error("bad files were not reported by name")
	}
	code, out, _ = run("audit", "--csv", dir)
	if code != OK || !strings.HasPrefix(out, "procedure,versions,disagreements") {
		t.Errorf("audit --csv = %d\n%s", code, out)
	}
	if code, _, errs := run("audit", filepath.Join(dir, "no-such-file.json")); code != Failed || !strings.Contains(errs, "no-such-file.json") {
		t.Errorf("audit of a missing file = %d %q", code, errs)
	}
	if code, _, _ := run("audit"); code != Usage {
		t.Errorf("audit with no files = %d; want %d", code, Usage)
	}
}
