package chart

import (
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var points = []Point{
	{Label: "Stage 1: Discussion with your line manager or safeguarding lead, a long title that wraps", Value: 12, Text: "12"},
	{Label: "Stage 2", Value: 0, Text: "0"},
	{Label: "Stage 3 <b>&amp;</b>", Text: "fewer than 5", Withheld: true},
	{Label: "Stage 4", Value: 7, Text: "7"},
}

var months = []Point{
	{Label: "November 2024", Value: 3, Text: "3"},
	{Label: "December 2024", Value: 0, Text: "0"},
	{Label: "January 2025", Text: "fewer than 5", Withheld: true},
	{Label: "February 2025", Value: 9, Text: "9"},
}

func TestGolden(t *testing.T) {
	for name, svg := range map[string]*Element{
		"bars.svg":     Bars("c1", "Resolved at stage", "Bar chart of resolved at stage.", points),
		"timeline.svg": Timeline("c2", "Per month", "Timeline of per month.", months),
		"empty.svg":    Bars("c3", "Nothing", "Nothing to show.", nil),
	} {
		got := []byte(svg.XML() + "\n")
		path := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the golden file (go test -update if right):\n%s", name, got)
		}
	}
}

// Every chart is well-formed SVG, an image named by its title and
// description, and a label can never become markup.
func TestWellFormed(t *testing.T) {
	for _, svg := range []*Element{Bars("b", "T & <t>", "D \"d\"", points), Timeline("t", "T", "D", months)} {
		text := svg.XML()
		if strings.Contains(text, "<b>") {
			t.Errorf("a label became markup: %s", text)
		}
		d := xml.NewDecoder(strings.NewReader(text))
		d.Strict = true
		var titles, descs int
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("not well formed: %v\n%s", err, text)
			}
			se, ok := tok.(xml.StartElement)
			if !ok {
				continue
			}
			switch se.Name.Local {
			case "svg":
				attrs := map[string]string{}
				for _, a := range se.Attr {
					attrs[a.Name.Local] = a.Value
				}
				if se.Name.Space != Namespace || attrs["role"] != "img" || attrs["aria-labelledby"] != attrs["id"]+"-title "+attrs["id"]+"-desc" {
					t.Errorf("svg attributes %v", se.Attr)
				}
			case "title":
				titles++
			case "desc":
				descs++
			}
		}
		if titles == 0 || descs != 1 {
			t.Errorf("%d titles, %d descriptions", titles, descs)
		}
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		s     string
		width int
		want  []string
	}{
		{"Stage 1", 10, []string{"Stage 1"}},
		{"one two three four", 9, []string{"one two", "three", "four"}},
		{"one two three four five six", 9, []string{"one two", "three", "four fiv…"}},
		{"abcdefghijkl", 5, []string{"abcd…"}},
		{"", 5, []string{""}},
	}
	for _, tt := range tests {
		got := wrap(tt.s, tt.width, 3)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("wrap(%q, %d) = %q; want %q", tt.s, tt.width, got, tt.want)
		}
	}
}
