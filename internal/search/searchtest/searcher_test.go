package searchtest

import (
	"slices"
	"strings"
	"testing"

	"resolve/internal/search"
)

// TestRanking checks the order of hits on the small manual: each case is
// a rule of the ranking, with the hits it must give first.
func TestRanking(t *testing.T) {
	s, err := Open(FS(search.Build(Small, SmallOptions)))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		rule  string
		query string
		o     Options
		want  []string // the first hits' URLs, best first
		total int      // how many sections match; -1 for any
	}{
		// The shorter section first: a word says more in fewer words.
		{"word forms: one stem", "ESCALATIONS", Options{}, []string{"/tees/stage-4/#who-chairs-the-meeting", "/hips/stage-3/#what-happens-at-this-stage"}, 2},
		{"every word counts, more words rank higher", "line manager", Options{}, []string{"/hips/#stage-1", "/hips/stage-3/#what-happens-at-this-stage"}, 4},
		{"a word the index lacks empties nothing", "line manager zebra", Options{}, []string{"/hips/#stage-1", "/hips/stage-3/#what-happens-at-this-stage"}, 4},
		{"the title counts for every section", "stage 3 working days", Options{}, []string{"/hips/stage-3/#when-it-should-happen"}, -1},
		{"title and heading outrank heading alone, and text alone", "meeting", Options{}, []string{"/tees/stage-4/#who-chairs-the-meeting", "/glossary/#multi-agency-meeting", "/tees/stage-4/#telling-the-iro"}, 3},
		{"stop words decide nothing", "the of and how what", Options{}, nil, 0},
		{"nothing for nothing", "", Options{}, nil, 0},
		{"accents fold", "cafe resume", Options{}, []string{"/glossary/#designated-safeguarding-lead"}, 1},
		// The stage that says what to do before the glossary that says what it is.
		{"an abbreviation finds its long form", "IRO", Options{}, []string{"/tees/stage-4/#telling-the-iro", "/glossary/#independent-reviewing-officer"}, 2},
		{"a long form finds its abbreviation", "independent reviewing officer", Options{}, []string{"/tees/stage-4/#telling-the-iro", "/glossary/#independent-reviewing-officer"}, 2},
		{"a partnership's synonyms", "telephone", Options{}, []string{"/glossary/#multi-agency-meeting"}, 1},
		{"a hyphen joins: email finds e-mail", "email", Options{}, []string{"/hips/contacts/"}, 1},
		{"a hyphen joins: e-mail finds e-mail", "e-mail", Options{}, []string{"/hips/contacts/"}, 1},
		{"a compound typed whole", "multiagency", Options{}, []string{"/glossary/#multi-agency-meeting"}, 1},
		{"a compound typed apart", "multi agency", Options{}, []string{"/glossary/#multi-agency-meeting", "/hips/#"}, -1},
		{"number words: three is 3", "stage three", Options{}, []string{"/hips/stage-3/#what-happens-at-this-stage", "/hips/stage-3/#when-it-should-happen"}, -1},
		{"number words: 2 is two", "2 working days", Options{}, []string{"/hips/#stage-2", "/hips/stage-3/#when-it-should-happen"}, -1},
		{"apostrophes vanish", "New Years Day", Options{}, []string{"/tees/calendar/"}, 3},
		{"generated pages", "boxing day", Options{}, []string{"/tees/calendar/"}, 3},
		{"a slip in a long word", "escalaton", Options{}, []string{"/tees/stage-4/#who-chairs-the-meeting", "/hips/stage-3/#what-happens-at-this-stage"}, 2},
		{"a swapped pair", "safegaurding", Options{}, []string{"/glossary/#designated-safeguarding-lead"}, 3},
		{"no slips in short words", "mett", Options{}, nil, 0},
		{"typing: the last word is unfinished", "escal", Options{Prefix: true}, []string{"/tees/stage-4/#who-chairs-the-meeting", "/hips/stage-3/#what-happens-at-this-stage"}, 2},
		{"typing: a word on its way past its stem", "escalati", Options{Prefix: true}, []string{"/tees/stage-4/#who-chairs-the-meeting", "/hips/stage-3/#what-happens-at-this-stage"}, 2},
		{"not typing: a whole word only", "escal", Options{}, nil, 0},
		{"typing: two letters are too few", "ch", Options{Prefix: true}, nil, 0},
		{"typing after whole words", "senior man", Options{Prefix: true}, []string{"/tees/stage-4/#who-chairs-the-meeting"}, -1},
		{"a filter keeps one procedure", "meeting", Options{In: "tees"}, []string{"/tees/stage-4/#who-chairs-the-meeting", "/tees/stage-4/#telling-the-iro"}, 2},
		{"an unknown filter keeps nothing", "meeting", Options{In: "nowhere"}, nil, 0},
		{"without favour", "working days", Options{}, []string{"/hips/stage-3/#when-it-should-happen", "/hips/#stage-2", "/tees/calendar/"}, 3},
		{"favour does not outrank more of the query's words", "working days", Options{Near: "tees"}, []string{"/hips/stage-3/#when-it-should-happen", "/hips/#stage-2", "/tees/calendar/"}, 3},
		{"more of the query's words outrank more of one", "stage 3 resolution meeting", Options{}, []string{"/tees/stage-4/#who-chairs-the-meeting"}, -1},
		{"without favour", "agency", Options{}, []string{"/glossary/#multi-agency-meeting", "/hips/#stage-2"}, 4},
		{"a procedure's pages favour it", "agency", Options{Near: "hips"}, []string{"/hips/#stage-2", "/glossary/#multi-agency-meeting"}, 4},
	}
	for _, tt := range tests {
		tt.o.Limit = 10
		res, err := s.Search(tt.query, tt.o)
		if err != nil {
			t.Fatalf("%s: Search(%q, %+v): %v", tt.rule, tt.query, tt.o, err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.URL)
		}
		n := min(len(got), len(tt.want))
		if len(got) < len(tt.want) || !slices.Equal(got[:n], tt.want) && !prefixes(got[:n], tt.want) {
			t.Errorf("%s: Search(%q, %+v) = %q; want %q first", tt.rule, tt.query, tt.o, got, tt.want)
		}
		if tt.total >= 0 && res.Total != tt.total {
			t.Errorf("%s: Search(%q, %+v) matches %d sections %q; want %d", tt.rule, tt.query, tt.o, res.Total, got, tt.total)
		}
	}
}

// prefixes reports whether each URL of got starts with the one of want,
// where want ends in "#" (any section of the page).
func prefixes(got, want []string) bool {
	for i := range want {
		if got[i] != want[i] && !(strings.HasSuffix(want[i], "#") && strings.HasPrefix(got[i]+"#", want[i])) {
			return false
		}
	}
	return true
}

func TestSearchReadsOnlyWhatItNeeds(t *testing.T) {
	pages := Manual(300)
	s, err := Open(FS(search.Build(pages, search.Options{})))
	if err != nil {
		t.Fatal(err)
	}
	q := strings.Join(strings.Fields(pages[7].Sections[1].Text)[5:8], " ")
	res, err := s.Search(q, Options{Limit: 10})
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
	again, err := s.Search(q, Options{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Read) != 0 {
		t.Errorf("Search(%q) again read %q", q, again.Read)
	}
}

func TestParse(t *testing.T) {
	m := smallManifest(t)
	tests := []struct {
		query  string
		prefix bool
		want   []Unit
	}{
		{"how do I challenge a social worker", false, []Unit{{"challeng", "challenge", false}, {"social", "social", false}, {"worker", "worker", false}}},
		{"what happens at stage three", false, []Unit{{"happen", "happens", false}, {"stag", "stage", false}, {"3", "", false}}},
		{"3 three third 3rd thr", true, []Unit{{"3", "", false}, {"thr", "thr", true}}},
		{"E-mail the IRO", false, []Unit{{"email", "", false}, {"iro", "iro", false}}},
		{"independent reviewing officer", false, []Unit{{"iro", "", false}}},
		{"independent reviewing off", true, []Unit{{"independent", "independent", false}, {"review", "reviewing", false}, {"off", "off", true}}},
		{"line manag", true, []Unit{{"lin", "line", false}, {"manag", "manag", true}}},
		{"line manag", false, []Unit{{"lin", "line", false}, {"manag", "manag", false}}},
		{"stage ch", true, []Unit{{"stag", "stage", false}, {"ch", "ch", false}}},
		{"stage stages staging", false, []Unit{{"stag", "stage", false}}},
		{"2024-25 face-to-face in-to", false, []Unit{{"2024", "2024", false}, {"25", "25", false}, {"facetofac", "", false}}},
		{"the", true, nil},
	}
	for _, tt := range tests {
		if got := Parse(m, tt.query, tt.prefix); !slices.Equal(got, tt.want) {
			t.Errorf("Parse(%q, %v) = %+v; want %+v", tt.query, tt.prefix, got, tt.want)
		}
	}
}

func TestSlipMatch(t *testing.T) {
	tests := []struct {
		word, term string
		want       bool
	}{
		{"escalaton", "escalat", true},       // an ending the stemmer does not know
		{"safegaurding", "safeguard", true},  // two letters swapped
		{"confrence", "conferenc", true},     // a letter dropped
		{"recieve", "receiv", true},          // swapped
		{"proceedure", "procedur", true},     // a letter added
		{"mangaer", "manag", true},           // swapped, then an ending
		{"closure", "clos", true},            // an ending the stemmer does not know
		{"mett", "meet", false},              // too short to guess
		{"meting", "mat", false},             // the term is too short
		{"escalaton", "evaluat", false},      // too far
		{"independant", "independent", true}, // a long word may have two slips
		{"indepandant", "independent", true},
		{"indpndnt", "independent", false},
	}
	for _, tt := range tests {
		if got := slipMatch(tt.word, tt.term); got != tt.want {
			t.Errorf("slipMatch(%q, %q) = %v; want %v", tt.word, tt.term, got, tt.want)
		}
	}
}

// FuzzSearch checks every hit of any query against the definition: each
// hit holds, in its heading, text or page title, the term of at least one
// of the query's units, one it may become if typed, or a slip of one; and
// a query never fails.
func FuzzSearch(f *testing.F) {
	for _, p := range Small {
		f.Add(p.Title, false, "")
		for _, sec := range p.Sections {
			f.Add(sec.Heading, true, "hips")
			f.Add(sec.Text, false, "tees")
		}
	}
	s, err := Open(FS(search.Build(Small, SmallOptions)))
	if err != nil {
		f.Fatal(err)
	}
	syn := search.NewSynonyms(SmallOptions.Synonyms)
	f.Fuzz(func(t *testing.T, query string, prefix bool, in string) {
		res, err := s.Search(query, Options{Prefix: prefix, Limit: 100, In: in})
		if err != nil {
			t.Fatalf("Search(%q, %v): %v", query, prefix, err)
		}
		if res.Total < len(res.Hits) {
			t.Fatalf("Search(%q): Total = %d with %d hits", query, res.Total, len(res.Hits))
		}
		for _, h := range res.Hits {
			p := Small[h.Page]
			if in != "" && p.Scope != in {
				t.Errorf("Search(%q, in %q) hit %s, of %q", query, in, h.URL, p.Scope)
			}
			sec := p.Sections[h.Section]
			have := set(termsWithSynonyms(syn, p.Title+" . "+sec.Heading+" . "+sec.Text))
			ok := false
			for _, u := range res.Units {
				ok = ok || have[u.Term]
				for t := range have {
					ok = ok || u.Prefix && prefixMatch(t, u.Word) || u.Word != "" && slipMatch(u.Word, t)
				}
			}
			if !ok {
				t.Errorf("Search(%q) hit %s holds none of %+v", query, h.URL, res.Units)
			}
		}
	})
}

// termsWithSynonyms lists the terms of text and the canonical terms of the
// synonyms in it, by way of the index itself.
func termsWithSynonyms(syn *search.Synonyms, text string) []string {
	out := search.Terms(text)
	for k, c := range syn.Map() {
		if strings.Contains(" "+strings.Join(search.Terms(text), " ")+" ", " "+k+" ") {
			out = append(out, c)
		}
	}
	return out
}

// smallManifest is the manifest of the small manual's index.
func smallManifest(t testing.TB) search.Manifest {
	s, err := Open(FS(search.Build(Small, SmallOptions)))
	if err != nil {
		t.Fatal(err)
	}
	return s.Manifest()
}

func FuzzParse(f *testing.F) {
	for _, q := range []string{"how do I challenge a social worker", "E-mail the IRO", "independent reviewing off", "2024-25 face-to-face in-to", "stage three", "-x- --", "’’a’-’b"} {
		f.Add(q, true)
	}
	m := smallManifest(f)
	f.Fuzz(func(t *testing.T, query string, prefix bool) {
		units := Parse(m, query, prefix)
		seen := map[string]bool{}
		for i, u := range units {
			if u.Term == "" {
				t.Fatalf("Parse(%q) has an empty term: %+v", query, units)
			}
			if u.Prefix && (i != len(units)-1 || !prefix || len(u.Word) < 3) {
				t.Fatalf("Parse(%q, %v): unit %d of %d is being typed: %+v", query, prefix, i, len(units), units)
			}
			if u.Word != "" && search.Stem(u.Word) != u.Term || u.Word == "" && u.Prefix {
				t.Fatalf("Parse(%q): %+v is not its word's term", query, u)
			}
			k := u.Term + map[bool]string{true: "*"}[u.Prefix]
			if seen[k] {
				t.Fatalf("Parse(%q) looks for %q twice: %+v", query, k, units)
			}
			seen[k] = true
		}
	})
}
