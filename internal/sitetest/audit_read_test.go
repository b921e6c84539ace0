package sitetest

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"resolve/internal/escalation"
)

// TestAuditReadsLimits: the page reads what it is given without asking
// each file's size first, yet a file over the limit is refused with its
// size and never read past the limit, a return padded to just under the
// limit (read by the browser in many pieces) is counted, and an empty file
// is refused for what it is, each named with its reason.
func TestAuditReadsLimits(t *testing.T) {
	ctx := tab(t)
	openAudit(t, ctx, siteURL(t))
	files := auditFiles(t)
	ret, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// White space after the value is allowed: the return padded to the limit.
	padded := append(bytes.Clone(ret), bytes.Repeat([]byte(" "), escalation.MaxSize-len(ret))...)
	chooseFiles(t, ctx, []string{
		write("huge.json", bytes.Repeat([]byte("x"), 3*escalation.MaxSize)),
		write("padded.json", padded),
		write("empty.json", nil),
	})
	notes := text(t, ctx, "audit-file-notes")
	for _, want := range []string{"2 files were not read", "huge.json", "is too large to be an audit return or a record (3072 KB; the limit is 1024 KB)", "empty.json", "This file is empty."} {
		if !strings.Contains(notes, want) {
			t.Errorf("the notes on the files lack %q:\n%s", want, notes)
		}
	}
	if strings.Contains(notes, "padded.json") {
		t.Errorf("the return padded to the limit was not read:\n%s", notes)
	}
	if got := text(t, ctx, "audit-status-text"); !strings.Contains(got, "From 3 files: 1 disagreement") {
		t.Errorf("status after reading: %q", got)
	}
}
