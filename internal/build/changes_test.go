package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
)

// gitIn runs git in dir for a test, away from the user's settings.
func gitIn(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.org",
		"GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.org",
		"GIT_AUTHOR_DATE=2025-01-15T12:00:00Z", "GIT_COMMITTER_DATE=2025-01-15T12:00:00Z")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// TestChangesFromGit builds a site whose protocol has two committed
// versions, and checks that its "What changed" page and the feed say what
// changed between them.
func TestChangesFromGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	cfg := publishSite(t)
	root := filepath.Dir(cfg.Content)
	index := filepath.Join(cfg.Content, "hips", "_index.md")
	current, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	// Version 2024-06: stage 1 took 5 working days, and there was a second stage.
	old := strings.NewReplacer(
		`version: "2025-01"`, `version: "2024-06"`,
		"published: 2025-01-15", "published: 2024-06-01",
		"working_days: 2", "working_days: 5",
		"  contacts:", "    - {title: Managers meet, who: Both managers, summary: They meet.}\n  contacts:",
		"    - {version: \"2025-01\", date: 2025-01-15, summary: Shorter timescales.}\n", "",
	).Replace(string(current))
	if err := os.WriteFile(index, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	gitIn(t, root, "init", "--quiet")
	gitIn(t, root, "add", "-A")
	gitIn(t, root, "commit", "--quiet", "-m", "Version 2024-06")
	if err := os.WriteFile(index, current, 0o644); err != nil {
		t.Fatal(err)
	}
	gitIn(t, root, "commit", "--quiet", "-am", "Version 2025-01")

	buildOrFail(t, cfg)
	page := readOut(t, cfg, "hips/changes/index.html")
	for _, want := range []string{
		"Compared with version 2024-06",
		"Stage 1, “Talk”: the timescale changed.",
		"Was: 5 working days from when the disagreement arose",
		"Now: 2 working days from when the disagreement arose",
		"Stage 2, “Managers meet”, was removed.",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the changes page lacks %q:\n%s", want, page)
		}
	}
	feed, err := gofeed.NewParser().ParseString(readOut(t, cfg, "feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(feed.Items) == 0 || !strings.Contains(feed.Items[0].Content, "the timescale changed") {
		t.Errorf("the newest feed entry does not say what changed: %+v", feed.Items)
	}

	// An edit not yet committed is part of the current version.
	edited := strings.Replace(string(current), "who: You and your manager", "who: You and your safeguarding lead", 1)
	if err := os.WriteFile(index, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	buildOrFail(t, cfg)
	if page := readOut(t, cfg, "hips/changes/index.html"); !strings.Contains(page, "Now: You and your safeguarding lead") {
		t.Errorf("the changes page does not show the uncommitted edit:\n%s", page)
	}
}

// TestChangesWithoutGit builds from a folder that is not a git checkout:
// the page lists the changes list alone.
func TestChangesWithoutGit(t *testing.T) {
	cfg := publishSite(t)
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(filepath.Dir(cfg.Content)))
	buildOrFail(t, cfg)
	page := readOut(t, cfg, "hips/changes/index.html")
	for _, want := range []string{`id="version-2025-01"`, `id="version-2024-06"`, "Shorter timescales.", "First version."} {
		if !strings.Contains(page, want) {
			t.Errorf("the changes page lacks %q", want)
		}
	}
	if strings.Contains(page, "Compared with") {
		t.Errorf("the changes page compares versions without any history:\n%s", page)
	}
	// Newest first, the current version marked.
	if i, j := strings.Index(page, "version-2025-01"), strings.Index(page, "version-2024-06"); i > j {
		t.Error("the versions are not newest first")
	}
	if !strings.Contains(page, `Version 2025-01 <span class="tag">current</span>`) {
		t.Error("the current version is not marked")
	}
}
