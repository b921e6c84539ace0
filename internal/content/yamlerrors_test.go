package content

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// edit changes one line of a file: the line is replaced by with, which may
// hold several lines (or none, to delete it).
type edit struct {
	line int
	with string
}

// yamlMistakes are mistakes editors make, each made in a copy of a real
// protocol's _index.md (testdata/hips_index.md), whose messages are kept in
// testdata/yaml-errors.golden.
var yamlMistakes = []struct {
	name  string
	edits []edit
}{
	{"a continuation line indented less than its value", []edit{{67, "person, and work together to resolve the difference. Most disagreements can be settled"}}},
	{"a key indented less than its neighbours", []edit{{64, "     who: You and the practitioner you disagree with"}}},
	{"a key indented more than its neighbours", []edit{{64, "       who: You and the practitioner you disagree with"}}},
	{"a tab in the indentation", []edit{{64, "\twho: You and the practitioner you disagree with"}}},
	{"an unclosed quote", []edit{{2, `title: "Resolving professional differences in Hampshire`}}},
	{"an unclosed quote in a stage", []edit{{64, `      who: "You and the practitioner you disagree with`}}},
	{"a duplicate key", []edit{{64, "      who: You and the practitioner you disagree with\n      who: The other practitioner"}}},
	{"an unknown key", []edit{{64, "      woh: You and the practitioner you disagree with"}}},
	{"a wrong type", []edit{{4, "weight: heavy"}}},
	{"a list where text belongs", []edit{{64, "      who: [You, the other practitioner]"}}},
	{"an unclosed bracket", []edit{{69, "      due: {working_days: 2, after: previous"}}},
	{"a colon in a value", []edit{{64, "      who: You: and the practitioner you disagree with"}}},
	{"three mistakes at once", []edit{{4, "weight: heavy"}, {64, "      woh: You and the practitioner you disagree with"}, {69, "      due: {working_days: 2, after: later, in: 3}"}}},
	{"Hugo keys", []edit{{4, "weight: 10\ntags: [escalation]\nslug: hips-procedure\nlastMod: 2024-06-01\ndraft: false\ndate: 2024-06-01T09:30:00+01:00"}}},
	{"a bad date", []edit{{4, "weight: 10\ndate: 2024-02-30"}}},
}

func applyEdits(t *testing.T, data string, edits []edit) string {
	t.Helper()
	lines := strings.Split(data, "\n")
	// From the bottom up, so earlier lines keep their numbers.
	for i := len(edits) - 1; i >= 0; i-- {
		e := edits[i]
		if e.line < 1 || e.line > len(lines) {
			t.Fatalf("edit at line %d of %d", e.line, len(lines))
		}
		lines[e.line-1] = e.with
	}
	return strings.Join(lines, "\n")
}

func TestYAMLErrorsGolden(t *testing.T) {
	base, err := os.ReadFile("testdata/hips_index.md")
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	for _, m := range yamlMistakes {
		data := applyEdits(t, string(base), m.edits)
		_, problems := Parse("content/hips/_index.md", []byte(data))
		got.WriteString("# " + m.name + "\n")
		if len(problems) == 0 {
			t.Errorf("%s: no problem found", m.name)
		}
		for _, p := range problems {
			got.WriteString(p.String() + "\n")
		}
		got.WriteString("\n")
	}
	golden := "testdata/yaml-errors.golden"
	if *update {
		if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("messages differ from %s (run go test ./internal/content -update and review the diff):\n%s", golden, got.Bytes())
	}
}
