package search

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

func TestSynonyms(t *testing.T) {
	got := NewSynonyms([][]string{
		{"IRO", "Independent Reviewing Officer"},
		{"phone", "telephone"},
		{"telephone", "tel"},     // shares a member: one group with the one before
		{"Child in Need", "CiN"}, // "in" is a stop word
		{"the", "a"},             // no terms: no group
		{"alone"},                // one member: no group
		{"looked after child", "child looked after"},
	}).Map()
	want := map[string]string{
		"independent review officer": "iro",
		"phon":                       "tel",
		"telephon":                   "tel",
		"child need":                 "cin",
		"look after child":           "childlookafter",
		"child look after":           "childlookafter", // no one-word member: the first phrase, as one word
	}
	if !maps.Equal(got, want) {
		t.Errorf("NewSynonyms(...).Map() = %q; want %q", got, want)
	}
}

// TestSynonymsInText checks that the index records a group's canonical
// term wherever the text holds a member, and nothing more.
func TestSynonymsInText(t *testing.T) {
	tm := newTermer(NewSynonyms([][]string{{"IRO", "Independent Reviewing Officer"}, {"email", "electronic mail"}}))
	tests := []struct{ text, want string }{
		{"Tell the Independent Reviewing Officer now", "tell independent review officer iro now"},
		{"Tell the IRO's manager", "tell iro manager"},
		{"independent officer", "independent officer"},
		// The compound is the canonical term already.
		{"send electronic mail or e-mail", "send electronic mail email e mail email"},
	}
	for _, tt := range tests {
		var got []string
		tm.each(tt.text, func(id int32) { got = append(got, tm.terms[id]) })
		if strings.Join(got, " ") != tt.want {
			t.Errorf("terms of %q = %q; want %q", tt.text, strings.Join(got, " "), tt.want)
		}
	}
}

// FuzzSynonyms checks that any groups make synonyms whose every member
// maps to a term, and that the index reads any text with them.
func FuzzSynonyms(f *testing.F) {
	f.Add("IRO", "Independent Reviewing Officer", "phone", "Tell the IRO by phone, or the independent reviewing officer.")
	f.Add("the", "", "e-mail", "e-mail the the")
	f.Add("IRO", "e-mail", "co-ordinator", "E-mail the co-ordinator, the IRO's e-mail; face-to-face a-'-b")
	f.Fuzz(func(t *testing.T, a, b, c, text string) {
		s := NewSynonyms([][]string{{a, b}, {b, c}, {c}})
		for k, canon := range s.Map() {
			if k == "" || canon == "" || k == canon || strings.ContainsAny(canon, " ") {
				t.Fatalf("synonyms of %q %q %q map %q to %q", a, b, c, k, canon)
			}
		}
		tm := newTermer(s)
		n := 0
		tm.each(text, func(id int32) {
			if tm.terms[id] == "" {
				t.Fatalf("an empty term in %q", text)
			}
			n++
		})
		if plain, words := termIDs(tm.eachPlain, text), termIDs(tm.eachWord, text); !needsFolding(text) && !slices.Equal(plain, words) {
			t.Fatalf("termer's plain path gives %v for %q; word by word %v", plain, text, words)
		}
		if n < len(Terms(text)) {
			t.Fatalf("%d terms of %q with synonyms, fewer than the %d without", n, text, len(Terms(text)))
		}
	})
}
