package browsertest

import (
	"os/exec"
	"testing"
)

// Tests that need a program beyond Go (Chromium, Java for the Nu HTML
// Checker, Node) skip under go test -short, so that a newcomer's
// `go test -short ./...` passes on a machine with Go alone. make test never
// passes -short: there a missing program fails the test with a message
// naming scripts/test-setup, and nothing is skipped silently.

// SkipShort skips t under -short, saying what it needs.
func SkipShort(t testing.TB, needs string) {
	t.Helper()
	if testing.Short() {
		t.Skip("needs " + needs + ": skipped under -short (make test runs it)")
	}
}

// Program returns the path of a program the test needs ("node", "java"):
// it skips the test under -short, and fails it when the program is not on
// the PATH.
func Program(t testing.TB, name string) string {
	t.Helper()
	SkipShort(t, name)
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("browsertest: %s is not on the PATH: %s", name, setupHint)
	}
	return p
}
