package markdown

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/text/unicode/norm"
)

// spacedText collects text with every run of white space as one space
// and none at either end: what strings.Join(strings.Fields(s), " ") makes
// of it, without building the long string first.
type spacedText struct {
	b     []byte
	space bool // white space seen since the last character written
}

func (t *spacedText) add(p []byte) {
	for i := 0; i < len(p); {
		c := p[i]
		switch {
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRune(p[i:])
			if unicode.IsSpace(r) {
				t.space = true
			} else {
				t.put(p[i : i+n])
			}
			i += n
		case c == ' ' || c >= '\t' && c <= '\r':
			t.space = true
			i++
		default:
			// A run of ASCII whose only white space is single spaces
			// between words goes in whole.
			j := i + 1
			for j < len(p) {
				if c := p[j]; c > ' ' && c < utf8.RuneSelf {
					j++
				} else if c == ' ' && j+1 < len(p) && p[j+1] > ' ' && p[j+1] < utf8.RuneSelf {
					j += 2
				} else {
					break
				}
			}
			t.put(p[i:j])
			i = j
		}
	}
}

// gap separates what comes next from what came before.
func (t *spacedText) gap() { t.space = true }

func (t *spacedText) put(p []byte) {
	if t.space && len(t.b) > 0 {
		t.b = append(t.b, ' ')
	}
	t.space = false
	t.b = append(t.b, p...)
}

func (t *spacedText) String() string { return string(t.b) }

func (t *spacedText) Reset() { t.b, t.space = t.b[:0], false }

// ids gives each heading a readable, stable id, unique within the page.
type ids struct{ used map[string]int }

func newIDs() *ids { return &ids{used: map[string]int{}} }

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := Slug(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	for n := s.used[base]; n > 0; n = s.used[id] {
		s.used[base]++
		id = base + "-" + strconv.Itoa(s.used[base])
	}
	s.used[id]++
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)]++ }

// Slug makes a readable anchor from heading text: lower case, letters
// folded to ASCII (é to e), every other run of characters one hyphen.
// "Café: résumé!" becomes "cafe-resume".
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '\u2019':
			// "child's" reads better as "childs" than "child-s"
		default:
			dash = true
		}
	}
	return b.String()
}
