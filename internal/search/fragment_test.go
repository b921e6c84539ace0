package search

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestClip(t *testing.T) {
	tests := []struct {
		text string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"one two three four", 10, "one two …"},
		{"ééééé ééééé", 8, "ééééé …"},
	}
	for _, tt := range tests {
		if got := clip(tt.text, tt.n); got != tt.want {
			t.Errorf("clip(%q, %d) = %q; want %q", tt.text, tt.n, got, tt.want)
		}
	}
}

// FuzzFragmentJSON checks that a page's file is written as encoding/json
// would write it.
func FuzzFragmentJSON(f *testing.F) {
	f.Add("Stage 1 <b> & “quotes”", "/a/?b=c&d", "", "Heading", "anchor", "Text with \u2028 and \x01 and \xff.")
	f.Add("", "", "HIPS", "", "", "")
	f.Fuzz(func(t *testing.T, title, url, where, heading, anchor, text string) {
		frag := fragment{Title: title, URL: url, Where: where, Sections: [][3]string{{heading, anchor, text}, {"", "", title}}}
		want, err := json.Marshal(&frag)
		if err != nil {
			t.Fatal(err)
		}
		if got := frag.json(); !bytes.Equal(got, want) {
			t.Fatalf("fragment JSON\n%s\nwant\n%s", got, want)
		}
	})
}
