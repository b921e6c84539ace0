package content

import (
	"strings"
	"testing"
)

// TestControlCharacters refuses control characters in a file and, written
// as YAML escapes, in front matter values, at their lines.
func TestControlCharacters(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"escape in title", "---\ntitle: \"\\e[31mRed\"\n---\n", "content/a.md:2: a control character (U+001B) in title"},
		{"hex escape", "---\ntitle: A\ndescription: \"a\\x1b]0;owned\\x07\"\n---\n", "content/a.md:3: a control character (U+001B) in description"},
		{"C1 escape", "---\ntitle: A\nfooter: \"\\u009b2J\"\n---\n", "content/a.md:3: a control character (U+009B) in footer"},
		{"carriage return", "---\ntitle: \"safe\\rEVIL\"\n---\n", "content/a.md:2: a control character (U+000D) in title"},
		{"deep in a protocol", "---\ntitle: A\nprotocol:\n  stages:\n    - title: One\n      who: \"\\e[2J\"\n---\n", "content/a.md:6: a control character (U+001B) in protocol.stages.0.who"},
		{"in a list", "---\ntitle: A\nglossary:\n  - term: X\n    definition: \"\\0\"\n---\n", "content/a.md:5: a control character (U+0000) in glossary.0.definition"},
		{"raw in the body", "---\ntitle: A\n---\nText\n\x1b[31mred\n", "content/a.md:5: a control character (U+001B) in the file"},
		{"raw C1 in the body", "---\ntitle: A\n---\n\u0085\n", "content/a.md:4: a control character (U+0085) in the file"},
		{"DEL", "---\ntitle: A\x7f\n---\n", "content/a.md:2: a control character (U+007F) in the file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := Parse("content/a.md", []byte(tt.data))
			if got := problems.Error(); !strings.Contains(got, tt.want) {
				t.Errorf("Parse(%q) = %q; want %q", tt.data, got, tt.want)
			}
		})
	}
	// Tabs, line ends (LF and CRLF) and block scalars' line breaks are text.
	for _, ok := range []string{
		"---\r\ntitle: A\r\n---\r\nText\r\n",
		"---\ntitle: A\ndescription: |\n  two\n  lines\n---\n\tcode\n",
		"---\ntitle: \"tab\\there\"\n---\n",
	} {
		if _, problems := Parse("content/a.md", []byte(ok)); len(problems) > 0 {
			t.Errorf("Parse(%q) = %v; want no problems", ok, problems)
		}
	}
}
