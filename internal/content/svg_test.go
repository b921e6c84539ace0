package content

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var wantComment = regexp.MustCompile(`^<!-- want (\d+): (.*) -->`)

// TestCheckSVG runs the cases in testdata/svg.txtar: drawings that pass,
// and one file per way an SVG could run script or load another file.
func TestCheckSVG(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/svg.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		t.Run(f.Name, func(t *testing.T) {
			got := CheckSVG(f.Data)
			if strings.HasPrefix(f.Name, "ok-") {
				if len(got) > 0 {
					t.Errorf("CheckSVG(%s) = %v; want no problems", f.Name, got)
				}
				return
			}
			m := wantComment.FindSubmatch(f.Data)
			if m == nil {
				t.Fatalf("%s has no <!-- want LINE: TEXT --> first line", f.Name)
			}
			line, _ := strconv.Atoi(string(m[1]))
			for _, p := range got {
				if p.Line == line && strings.Contains(p.Message, string(m[2])) {
					return
				}
			}
			t.Errorf("CheckSVG(%s) = %v; want a problem at line %d containing %q", f.Name, got, line, m[2])
		})
	}
}

// FuzzCheckSVG checks what CheckSVG lets through against a second, lenient
// reading of the same bytes: whatever a forgiving parser finds in an
// accepted file must be a drawing element with no event attribute, and the
// file must define no entities. It is seeded with testdata/svg.txtar.
func FuzzCheckSVG(f *testing.F) {
	ar, err := txtar.ParseFile("testdata/svg.txtar")
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range ar.Files {
		f.Add(file.Data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		problems := CheckSVG(data)
		if len(problems) > maxSVGProblems {
			t.Fatalf("%d problems; want at most %d", len(problems), maxSVGProblems)
		}
		for _, p := range problems {
			if p.Line < 1 || p.Message == "" {
				t.Fatalf("problem %+v has no line or message", p)
			}
		}
		if len(problems) > 0 {
			return
		}
		lower := bytes.ToLower(data)
		for _, bad := range []string{"<!entity", "<script", "<foreignobject", "<set", "<animate", "javascript:"} {
			if i := bytes.Index(lower, []byte(bad)); i >= 0 && !inCommentOrText(data, i) {
				t.Fatalf("accepted a file holding %s: %q", bad, data)
			}
		}
		d := xml.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
		d.Strict = false
		for {
			tok, err := d.Token()
			if errors.Is(err, io.EOF) || err != nil {
				return
			}
			se, ok := tok.(xml.StartElement)
			if !ok {
				continue
			}
			if se.Name.Space == svgNS && !drawingElements[se.Name.Local] {
				t.Fatalf("accepted <%s>, which is not a drawing element: %q", se.Name.Local, data)
			}
			for _, a := range se.Attr {
				if a.Name.Space == "" && strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
					t.Fatalf("accepted the event attribute %s: %q", a.Name.Local, data)
				}
			}
		}
	})
}

// inCommentOrText reports whether byte i of an accepted file is inside a
// comment, a CDATA section or text, where the words the fuzz test looks
// for are harmless (escaped "&lt;script" text never reaches the check).
func inCommentOrText(data []byte, i int) bool {
	before := data[:i]
	if c := bytes.LastIndex(before, []byte("<!--")); c >= 0 && !bytes.Contains(before[c:], []byte("-->")) {
		return true
	}
	if c := bytes.LastIndex(before, []byte("<![CDATA[")); c >= 0 && !bytes.Contains(before[c:], []byte("]]>")) {
		return true
	}
	// javascript: as words of text (not in a tag) is harmless.
	lt, gt := bytes.LastIndexByte(before, '<'), bytes.LastIndexByte(before, '>')
	return data[i] != '<' && gt > lt
}

// BenchmarkCheckSVG measures the SVG check on the drawing in
// testdata/svg.txtar that uses the most of the allow-list.
func BenchmarkCheckSVG(b *testing.B) {
	ar, err := txtar.ParseFile("testdata/svg.txtar")
	if err != nil {
		b.Fatal(err)
	}
	var data []byte
	for _, f := range ar.Files {
		if f.Name == "ok-editor.svg" {
			data = f.Data
		}
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if p := CheckSVG(data); len(p) > 0 {
			b.Fatal(p)
		}
	}
}
