package placeholder

import (
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	data := "---\ntitle: \"[Partnership name]: procedures\"\n---\nIn [area], [the link](x.md) and [date] and [date].\n[Say how this site's own pages were tested, when, and by whom.]\n"
	var got []string
	for _, f := range Find([]byte(data), 1) {
		got = append(got, f.Text+"@"+string(rune('0'+f.Line)))
	}
	want := "[Partnership name]@2 [area]@4 [date]@4 [date]@4 [Say how this site's own pages were tested, when, and by whom.]@5"
	if strings.Join(got, " ") != want {
		t.Errorf("Find = %s; want %s", strings.Join(got, " "), want)
	}
	if f := Find([]byte("x\n[area]"), 10); len(f) != 1 || f[0].Line != 11 {
		t.Errorf("Find from line 10 = %+v; want [area] at 11", f)
	}
}

func TestPlaceholdersAreDistinct(t *testing.T) {
	keys, texts := map[string]bool{}, map[string]bool{}
	for _, p := range All {
		if keys[p.Key] || texts[p.Text] {
			t.Errorf("%q or %q twice", p.Key, p.Text)
		}
		keys[p.Key], texts[p.Text] = true, true
		if !strings.HasPrefix(p.Text, "[") || !strings.HasSuffix(p.Text, "]") || strings.Contains(p.Text, "\n") || p.Put == "" {
			t.Errorf("%q: a placeholder is one line in square brackets, with what to put", p.Text)
		}
		if got, ok := ByKey(p.Key); !ok || got != p {
			t.Errorf("ByKey(%q) = %v, %v", p.Key, got, ok)
		}
	}
}

func FuzzFind(f *testing.F) {
	f.Add([]byte("[area] [Partnership name]\n[date]"), 1)
	f.Fuzz(func(t *testing.T, data []byte, first int) {
		lines := strings.Count(string(data), "\n")
		for _, found := range Find(data, first) {
			if found.Line < first || found.Line > first+lines {
				t.Errorf("%q on line %d, outside %d to %d", found.Text, found.Line, first, first+lines)
			}
			if !strings.Contains(strings.Split(string(data), "\n")[found.Line-first], found.Text) {
				t.Errorf("%q is not on line %d", found.Text, found.Line)
			}
		}
	})
}
