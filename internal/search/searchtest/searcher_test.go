package searchtest

import (
	"slices"
	"strings"
	"testing"

	"resolve/internal/search"
)

func TestSearch(t *testing.T) {
	s, err := Open(FS(search.Build(Small)))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query  string
		prefix bool
		want   []string // URLs of the hits, best first
	}{
		{"escalate", false, []string{"/hips/stage-3/#what-happens-at-this-stage", "/tees/stage-4/#who-chairs-the-meeting"}},
		{"ESCALATIONS", false, []string{"/hips/stage-3/#what-happens-at-this-stage", "/tees/stage-4/#who-chairs-the-meeting"}},
		{"line manager", false, []string{"/hips/#stage-1", "/hips/stage-3/#what-happens-at-this-stage"}},
		// The page title counts for every section of the page.
		{"stage 3 working days", false, []string{"/hips/stage-3/#when-it-should-happen"}},
		// Headings outrank text.
		{"meeting", false, []string{"/tees/stage-4/#who-chairs-the-meeting"}},
		{"IRO", false, []string{"/glossary/#independent-reviewing-officer"}},
		{"cafe resume", false, []string{"/glossary/#designated-safeguarding-lead"}},
		{"the of and", false, nil},
		{"", false, nil},
		{"zebra", false, nil},
		{"line zebra", false, nil},
		// Typing: the last word is unfinished.
		{"escal", true, []string{"/hips/stage-3/#what-happens-at-this-stage", "/tees/stage-4/#who-chairs-the-meeting"}},
		{"escalati", true, []string{"/hips/stage-3/#what-happens-at-this-stage", "/tees/stage-4/#who-chairs-the-meeting"}},
		{"escal", false, nil},
		{"senior man", true, []string{"/tees/stage-4/#who-chairs-the-meeting"}},
		{"ch", true, nil}, // too short to stand for a prefix: must match whole
	}
	for _, tt := range tests {
		res, err := s.Search(tt.query, tt.prefix, 10)
		if err != nil {
			t.Fatalf("Search(%q, %v): %v", tt.query, tt.prefix, err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.URL)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Search(%q, %v) = %q; want %q", tt.query, tt.prefix, got, tt.want)
		}
		if res.Total != len(res.Hits) {
			t.Errorf("Search(%q, %v): Total = %d with %d hits", tt.query, tt.prefix, res.Total, len(res.Hits))
		}
	}
}

func TestSearchReadsOnlyWhatItNeeds(t *testing.T) {
	pages := Manual(300)
	s, err := Open(FS(search.Build(pages)))
	if err != nil {
		t.Fatal(err)
	}
	q := strings.Join(strings.Fields(pages[7].Sections[1].Text)[5:8], " ")
	res, err := s.Search(q, false, 10)
	if err != nil {
		t.Fatal(err)
	}
	if res.Total == 0 {
		t.Fatalf("Search(%q) found nothing, though page 7 holds it", q)
	}
	shards, frags := 0, 0
	for _, name := range res.Read {
		switch {
		case strings.HasPrefix(name, "w/"):
			shards++
		case strings.HasPrefix(name, "p/"):
			frags++
		default:
			t.Errorf("Search(%q) read %s", q, name)
		}
	}
	if shards > len(search.Terms(q)) || frags > 10 || frags == 0 {
		t.Errorf("Search(%q) read %d shards and %d pages for %d terms and %d hits: %q", q, shards, frags, len(search.Terms(q)), len(res.Hits), res.Read)
	}
	// A second query reads nothing read before.
	again, err := s.Search(q, false, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Read) != 0 {
		t.Errorf("Search(%q) again read %q", q, again.Read)
	}
}

// FuzzSearch checks every hit of any query against the definition: each
// of the query's terms is in the hit's heading, text or page title.
func FuzzSearch(f *testing.F) {
	for _, p := range Small {
		f.Add(p.Title, false)
		for _, sec := range p.Sections {
			f.Add(sec.Heading, true)
			f.Add(sec.Text, false)
		}
	}
	s, err := Open(FS(search.Build(Small)))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, query string, prefix bool) {
		res, err := s.Search(query, prefix, 100)
		if err != nil {
			t.Fatalf("Search(%q, %v): %v", query, prefix, err)
		}
		if prefix {
			return // an unfinished word matches by a looser rule
		}
		for _, h := range res.Hits {
			sec := Small[h.Page].Sections[h.Section]
			have := set(search.Terms(Small[h.Page].Title + " " + sec.Heading + " " + sec.Text))
			for _, term := range res.Terms {
				if !have[term] {
					t.Errorf("Search(%q) hit %s lacks the term %q", query, h.URL, term)
				}
			}
		}
	})
}
