package browsertest

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// lineOf returns the number of the first line of file that contains s, so
// the tests do not break when the fixture gains a line.
func lineOf(t *testing.T, file, s string) int {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		if strings.Contains(sc.Text(), s) {
			return n
		}
	}
	t.Fatalf("%s has no line with %q", file, s)
	return 0
}

// TestVNU checks valid and invalid pages, named by relative and absolute
// paths, in one run of the checker.
func TestVNU(t *testing.T) {
	valid := fixture + "/index.html"
	invalid := fixture + "/invalid.html"
	stray := filepath.Join(t.TempDir(), "stray.html")
	if err := os.WriteFile(stray, []byte("<!DOCTYPE html>\n<html lang=en><title>t</title>\n<p>x</span>\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	msgs := VNU(t, valid, invalid, stray)

	want := map[string]struct {
		line int
		text string
	}{
		invalid: {lineOf(t, invalid, "<ul><div>"), "“div” not allowed as child of element “ul”"},
		stray:   {3, "Stray end tag “span”"},
	}
	for _, m := range msgs {
		w, ok := want[m.File]
		if !ok {
			t.Errorf("VNU: unexpected error %v; only %s and %s have errors", m, invalid, stray)
			continue
		}
		if m.Line == w.line && m.Column > 0 && strings.Contains(m.Text, w.text) {
			delete(want, m.File)
		}
	}
	for file, w := range want {
		t.Errorf("VNU(%s) = %v; want %q reported at line %d", file, msgs, w.text, w.line)
	}
	if len(msgs) > 0 {
		if s := msgs[0].String(); !strings.HasPrefix(s, msgs[0].File+":") {
			t.Errorf("Message.String() = %q; want it to start %q", s, msgs[0].File+":")
		}
	}
}
