package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// vnuTimeout bounds one run of the checker, which handles every file given in
// one JVM; a large built site takes well under a minute.
const vnuTimeout = 5 * time.Minute

// A Message is one error the Nu HTML Checker found.
type Message struct {
	File   string // the file as it was given to VNU
	Line   int    // from 1; 0 when the checker names no line
	Column int    // from 1; 0 when the checker names no column
	Text   string // the checker's message
}

// String reads as "file:line:column: text".
func (m Message) String() string {
	return fmt.Sprintf("%s:%d:%d: %s", m.File, m.Line, m.Column, m.Text)
}

// vnuOutput is the part of the checker's --format json output that VNU reads.
type vnuOutput struct {
	Messages []struct {
		Type        string `json:"type"` // error, or non-document-error for a file it could not check
		URL         string `json:"url"`
		FirstLine   int    `json:"firstLine"` // only when it differs from lastLine
		LastLine    int    `json:"lastLine"`
		FirstColumn int    `json:"firstColumn"`
		Message     string `json:"message"`
	} `json:"messages"`
}

// VNU checks the HTML files with the Nu HTML Checker from .tools/ and returns
// its errors (warnings are not reported), in the checker's order. All files
// go to one run of the checker, since starting Java costs about a second:
// pass every page at once. The test fails when a file does not exist (the
// checker would pass it silently), when java or vnu.jar is missing, or when
// the checker cannot check a file. It skips the test under -short.
func VNU(t testing.TB, files ...string) []Message {
	t.Helper()
	if len(files) == 0 {
		t.Fatal("browsertest: VNU needs at least one file")
	}
	java := Program(t, "java")
	jar := filepath.Join(Root(t), vnuPath)
	if _, err := os.Stat(jar); err != nil {
		t.Fatalf("browsertest: the Nu HTML Checker is missing (%v): %s", err, setupHint)
	}

	// given maps the absolute path the checker reports back to the name
	// the caller used.
	given := make(map[string]string, len(files))
	args := []string{
		// The checker overflows the default stack on its HTML schema. The
		// serial collector suits a short run on a shared 2-core machine.
		"-Xss4m", "-XX:+UseSerialGC",
		"-jar", jar, "--format", "json", "--errors-only", "--exit-zero-always",
	}
	for _, f := range files {
		abs, err := filepath.Abs(f)
		if err != nil {
			t.Fatalf("browsertest: %s: %v", f, err)
		}
		if info, err := os.Stat(abs); err != nil {
			t.Fatalf("browsertest: VNU: %v", err)
		} else if !info.Mode().IsRegular() {
			t.Fatalf("browsertest: VNU: %s is not a file", f)
		}
		given[abs] = f
		args = append(args, abs)
	}

	ctx, cancel := context.WithTimeout(context.Background(), vnuTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, java, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("browsertest: running the Nu HTML Checker: %v\n%s%s", err, stdout.Bytes(), stderr.Bytes())
	}
	var out vnuOutput
	if err := json.Unmarshal(stderr.Bytes(), &out); err != nil {
		t.Fatalf("browsertest: reading the Nu HTML Checker's output: %v\n%s%s", err, stdout.Bytes(), stderr.Bytes())
	}

	var msgs []Message
	for _, m := range out.Messages {
		name := m.URL
		if u, err := url.Parse(m.URL); err == nil && u.Scheme == "file" {
			name = filepath.FromSlash(u.Path)
		}
		if g, ok := given[name]; ok {
			name = g
		}
		if m.Type != "error" {
			t.Fatalf("browsertest: the Nu HTML Checker could not check %s: %s", name, m.Message)
		}
		line := m.FirstLine
		if line == 0 {
			line = m.LastLine
		}
		msgs = append(msgs, Message{File: name, Line: line, Column: m.FirstColumn, Text: m.Message})
	}
	return msgs
}
