package flowchart

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// staticFile reads one of the files this package's contract covers.
func staticFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "static", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestScript(t *testing.T) {
	js := staticFile(t, "js/flowchart.js")
	// The page's whole budget (15 KB brotli) is tested on the built site;
	// this keeps the script from growing unnoticed.
	if len(js) > 8*1024 {
		t.Errorf("flowchart.js is %d bytes; the budget is 8 KB", len(js))
	}
	for _, bad := range []string{"eval(", "new Function", "innerHTML", "setAttribute(\"style\"", ".cssText"} {
		if strings.Contains(js, bad) {
			t.Errorf("flowchart.js uses %s, which the CSP or safety forbids", bad)
		}
	}
	// Every hook the script looks for is in the documented contract.
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, hook := range regexp.MustCompile(`(?:data-)?fc-[a-z-]+|is-current|chart-stage-|resolve-flowchart-height`).FindAllString(js, -1) {
		if !bytes.Contains(doc, []byte(hook)) {
			t.Errorf("flowchart.js uses %q, which the package comment does not document", hook)
		}
	}
	// The trainer controls it looks up by q("name") are data-fc-name in Trainer.
	trainer := string(draw(t, hips()).Trainer)
	for _, m := range regexp.MustCompile(`q\("([a-z]+)"\)`).FindAllStringSubmatch(js, -1) {
		if !strings.Contains(trainer, "data-fc-"+m[1]) {
			t.Errorf("flowchart.js looks for data-fc-%s, which Trainer does not have", m[1])
		}
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: cannot check the script's syntax")
	}
	if out, err := exec.Command(node, "--check", filepath.Join("..", "..", "static", "js", "flowchart.js")).CombinedOutput(); err != nil {
		t.Errorf("node --check flowchart.js: %v\n%s", err, out)
	}
}

func TestStylesheet(t *testing.T) {
	css := staticFile(t, "css/flowchart.css")
	var all strings.Builder
	for _, ex := range examples() {
		c := draw(t, ex.p)
		all.WriteString(string(c.Compact) + string(c.Inline) + string(c.Steps) + string(c.Trainer))
	}
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	// Every class the stylesheet styles is one the fragments or the script use.
	for _, m := range regexp.MustCompile(`\.((?:fc|is)-[a-z-]+)`).FindAllStringSubmatch(css, -1) {
		if !strings.Contains(all.String(), m[1]) && !bytes.Contains(doc, []byte(m[1])) {
			t.Errorf("flowchart.css styles .%s, which nothing uses", m[1])
		}
	}
	// The numbers the Go side counts on: where the compact chart gives way,
	// and the embed page's lines around it (in rem of 16 px).
	rem := func(px int) string { return strconv.FormatFloat(float64(px)/16, 'f', -1, 64) + "rem" }
	for _, want := range []string{
		"(min-width: " + strconv.Itoa(CompactMinWidth) + "px)",
		"(max-width: " + strconv.Itoa(CompactMinWidth-1) + ".98px)",
		"calc(100vh - " + rem(embedTitle+embedList+embedSource) + ")",
		"calc(100vh - " + rem(embedList+embedSource) + ")",
		"max-width: " + rem(EmbedWidth),
	} {
		if !strings.Contains(css, want) {
			t.Errorf("flowchart.css has no %s", want)
		}
	}
	for _, want := range []string{"#ffdd00", "@media print", "forced-colors", "size: A4 landscape"} {
		if !strings.Contains(css, want) {
			t.Errorf("flowchart.css has no %s", want)
		}
	}
}
