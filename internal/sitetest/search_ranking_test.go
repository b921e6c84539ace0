package sitetest

import (
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"resolve/internal/content"
	"resolve/internal/search"
	"resolve/internal/search/searchtest"
)

// phrase is something a reader remembers from a page and searches for.
type phrase struct {
	text string
	want []string // site paths any of which is a right answer, #anchor optional
}

// stagePhrases takes, from every stage of every procedure, a phrase of its
// summary, which the procedure's page shows, and a phrase of its own page.
func stagePhrases(t testing.TB) []phrase {
	t.Helper()
	tree, problems := content.Load(os.DirFS(filepath.Join(repoRoot, "content")), "content")
	if problems.Errors() > 0 {
		t.Fatal(problems)
	}
	bodies := map[string][]byte{}
	for _, p := range tree.Pages {
		bodies[p.Path] = p.Body
	}
	var out []phrase
	for _, p := range protocols(t) {
		pr := p.Meta.Protocol
		for i, st := range pr.Stages {
			n := itoa(i + 1)
			want := []string{"/" + pr.ID + "/#stage-" + n}
			if st.Page != "" {
				want = append(want, "/"+pr.ID+"/"+strings.TrimSuffix(st.Page, ".md")+"/")
			}
			out = append(out, phrase{text: firstWords(st.Summary, 6), want: want})
			if st.Page == "" {
				continue
			}
			body := bodies[path.Join(path.Dir(p.Path), st.Page)]
			if s := sentence(body); s != "" {
				out = append(out, phrase{text: s, want: want[1:]})
			} else {
				t.Errorf("%s stage %s: no sentence in its page %s to search for", pr.ID, n, st.Page)
			}
		}
	}
	return out
}

var plainWord = regexp.MustCompile(`^[A-Za-z][a-z’']*[,.;:]?$`)

// firstWords returns the first n plain words of text.
func firstWords(text string, n int) string {
	var ws []string
	for _, w := range strings.Fields(text) {
		if len(ws) == n {
			break
		}
		if plainWord.MatchString(w) {
			ws = append(ws, strings.TrimRight(w, ",.;:"))
		}
	}
	return strings.Join(ws, " ")
}

// sentence picks words from the middle of the first paragraph of a
// markdown body that is plain prose.
func sentence(body []byte) string {
	for _, para := range strings.Split(string(body), "\n\n") {
		para = strings.TrimSpace(para)
		if para == "" || strings.ContainsAny(para[:1], "#-*|>[0123456789") || strings.Contains(para, "](") {
			continue
		}
		// Six or more words from the third on, with at least four that
		// are not stop words: a reader remembers the words that matter.
		ws := strings.Fields(firstWords(para, 16))
		for end := 8; end <= len(ws); end++ {
			if s := strings.Join(ws[2:end], " "); len(search.Terms(s)) >= 4 {
				return s
			}
		}
	}
	return ""
}

// resultsJS waits for the /search/ page to answer and lists the links of
// its first results.
const resultsJS = `(() => {
	const status = document.getElementById("search-status").textContent;
	if (!status) return null;
	return [status, ...[...document.querySelectorAll("#search-results li a")].slice(0, 5).map((a) => a.getAttribute("href"))];
})()`

// TestSearchFindsEveryStage searches, on the /search/ page, for a phrase
// from every stage of every procedure, and finds the stage.
func TestSearchFindsEveryStage(t *testing.T) {
	base := siteURL(t)
	ctx := tab(t)
	for _, ph := range stagePhrases(t) {
		open(t, ctx, base+"search/?q="+url.QueryEscape(ph.text))
		got := poll[[]string](t, ctx, resultsJS)
		found := false
		for _, href := range got[1:] {
			for _, w := range ph.want {
				found = found || href == w || !strings.Contains(w, "#") && strings.HasPrefix(href, w+"#")
			}
		}
		if !found {
			t.Errorf("searching for %q: %q; want one of %q among the first five", ph.text, got, ph.want)
		}
		if !regexp.MustCompile(`^\d+ results? for “`).MatchString(got[0]) {
			t.Errorf("searching for %q: the status says %q", ph.text, got[0])
		}
	}
}

// searchQuery is a query a practitioner types, with the pages that
// answer it (see testdata/search-queries.txt).
type searchQuery struct {
	text    string
	answers []string
	line    int
}

// searchQueries reads testdata/search-queries.txt.
func searchQueries(t testing.TB) []searchQuery {
	t.Helper()
	const file = "testdata/search-queries.txt"
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var out []searchQuery
	for i, line := range strings.Split(string(data), "\n") {
		switch {
		case strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "\t"):
			if len(out) == 0 || out[len(out)-1].answers != nil {
				t.Fatalf("%s:%d: answers without a query", file, i+1)
			}
			out[len(out)-1].answers = strings.Fields(line)
		default:
			if len(out) > 0 && out[len(out)-1].answers == nil {
				t.Fatalf("%s:%d: the query before has no answers", file, i+1)
			}
			out = append(out, searchQuery{text: strings.TrimSpace(line), line: i + 1})
		}
	}
	if len(out) < 30 || out[len(out)-1].answers == nil {
		t.Fatalf("%s: %d queries, the last without answers", file, len(out))
	}
	return out
}

// answers reports whether a result's link is one of the answers: the
// same page and section, or any section of an answer without #.
func answers(href string, want []string) bool {
	for _, w := range want {
		if href == w || !strings.Contains(w, "#") && strings.SplitN(href, "#", 2)[0] == w {
			return true
		}
	}
	return false
}

// TestSearchQueries types each query of testdata/search-queries.txt on the
// /search/ page, as a practitioner would, and counts those with an answer
// among the first three results. The goal is nine in ten.
func TestSearchQueries(t *testing.T) {
	base := siteURL(t)
	ctx := tab(t)
	qs := searchQueries(t)
	found := 0
	for _, q := range qs {
		open(t, ctx, base+"search/?q="+url.QueryEscape(q.text))
		got := poll[[]string](t, ctx, resultsJS)
		ok := false
		for _, href := range got[1:min(4, len(got))] {
			ok = ok || answers(href, q.answers)
		}
		if ok {
			found++
		} else {
			t.Logf("search-queries.txt:%d: %q: not in the first three: %q", q.line, q.text, got[1:])
		}
	}
	share := float64(found) / float64(len(qs))
	t.Logf("%d of %d queries (%.0f%%) have an answer in the first three results", found, len(qs), 100*share)
	if share < 0.9 {
		t.Errorf("only %d of %d queries have an answer in the first three results; the goal is 90%%", found, len(qs))
	}
}

// TestSearchAgreesWithGo checks the browser's search against its
// reference in Go (search.Tokens and search.Stem, searchtest.Parse and
// searchtest.Searcher): the same words, stems, units and results, with and
// without a filter or a favoured procedure.
func TestSearchAgreesWithGo(t *testing.T) {
	s, err := searchtest.Open(os.DirFS(filepath.Join(siteDir, "search")))
	if err != nil {
		t.Fatal(err)
	}
	ctx := tab(t)
	open(t, ctx, siteURL(t)+"search/")
	poll[bool](t, ctx, `!!window.resolveSearch`)

	// Every word of the site, and some that are not.
	var text strings.Builder
	text.WriteString("Café résumé naïve ﬁle Straße İstanbul child’s IRO's co-ordinate e‑mail e‐mail a--b -x y- 2024 agreed agreeing referred ")
	for i := 0; i < s.Manifest().Pages; i++ {
		data, err := os.ReadFile(filepath.Join(siteDir, "search", "p", itoa(i)+".json"))
		if err != nil {
			t.Fatal(err)
		}
		text.Write(data)
		text.WriteByte(' ')
	}
	type token struct {
		Word   string `json:"word"`
		Joined bool   `json:"joined"`
	}
	var goTokens []token
	for _, tk := range search.Tokens(text.String()) {
		goTokens = append(goTokens, token{tk.Word, tk.Joined})
	}
	jsTokens := eval[[]token](t, ctx, `resolveSearch.tokens(`+jsString(text.String())+`)`)
	if !slices.Equal(goTokens, jsTokens) {
		for i := range min(len(goTokens), len(jsTokens)) {
			if goTokens[i] != jsTokens[i] {
				t.Fatalf("tokens differ at %d: Go %v, JavaScript %v", i, goTokens[i:min(i+5, len(goTokens))], jsTokens[i:min(i+5, len(jsTokens))])
			}
		}
		t.Fatalf("Go finds %d tokens, JavaScript %d", len(goTokens), len(jsTokens))
	}
	goWords := search.Words(text.String())
	unique := slices.Compact(slices.Sorted(slices.Values(goWords)))
	var goStems []string
	for _, w := range unique {
		goStems = append(goStems, search.Stem(w))
	}
	jsStems := eval[[]string](t, ctx, `(`+jsArray(unique)+`).map(resolveSearch.stem)`)
	for i := range unique {
		if i >= len(jsStems) || goStems[i] != jsStems[i] {
			t.Fatalf("stem of %q: Go %q, JavaScript %q", unique[i], goStems[i], jsStems[min(i, len(jsStems)-1)])
		}
	}
	t.Logf("%d words, %d distinct, agree", len(goWords), len(unique))

	type query struct {
		q        string
		prefix   bool
		in, near string
	}
	queries := []query{
		{"line manager", false, "", ""}, {"escalate", false, "", ""}, {"independent reviewing officer", false, "", ""},
		{"stage 3", false, "", ""}, {"the of and", false, "", ""}, {"zzzz", false, "", ""}, {"child protection plan", false, "", ""},
		{"escal", true, "", ""}, {"working da", true, "", ""}, {"safeguarding partnership resol", true, "", ""}, {"ch", true, "", ""},
		{"stage three", true, "tees", ""}, {"stage 2", true, "", "iscp"}, {"working days", false, "hips", "tees"},
		{"e-mail", false, "", ""}, {"co-ordinate face-to-face 2024-25", true, "", ""}, {"safegaurding escalaton", true, "", ""},
		{"resolution", true, "nowhere", "nowhere"},
	}
	for _, q := range searchQueries(t) {
		queries = append(queries, query{q.text, true, "", ""}, query{q.text, false, "iscp", "hips"})
	}
	for _, ph := range stagePhrases(t) {
		queries = append(queries, query{ph.text, false, "", ""})
	}
	for _, q := range queries {
		type unit struct {
			Term   string `json:"term"`
			Word   string `json:"word"`
			Prefix bool   `json:"prefix"`
		}
		var wantUnits []unit
		for _, u := range searchtest.Parse(s.Manifest(), q.q, q.prefix) {
			wantUnits = append(wantUnits, unit{u.Term, u.Word, u.Prefix})
		}
		gotUnits := eval[[]unit](t, ctx, `resolveSearch.parse(`+jsString(q.q)+`, `+strconv.FormatBool(q.prefix)+`)`)
		if !slices.Equal(gotUnits, wantUnits) {
			t.Errorf("parse %q (prefix %v): JavaScript %v; Go %v", q.q, q.prefix, gotUnits, wantUnits)
		}
		want, err := s.Search(q.q, searchtest.Options{Prefix: q.prefix, Limit: 10, In: q.in, Near: q.near})
		if err != nil {
			t.Fatal(err)
		}
		type jsResult struct {
			Total  int      `json:"total"`
			URLs   []string `json:"urls"`
			Scores []int    `json:"scores"`
		}
		opts := `{prefix: ` + strconv.FormatBool(q.prefix) + `, limit: 10, in: ` + jsString(q.in) + `, near: ` + jsString(q.near) + `}`
		got := eval[jsResult](t, ctx, `resolveSearch.search(`+jsString(q.q)+`, `+opts+`).then((r) => ({total: r.total, urls: r.hits.map((h) => h.url), scores: r.hits.map((h) => h.score)}))`)
		var wantURLs []string
		var wantScores []int
		for _, h := range want.Hits {
			wantURLs = append(wantURLs, h.URL)
			wantScores = append(wantScores, h.Score)
		}
		if got.Total != want.Total || !slices.Equal(got.URLs, wantURLs) || !slices.Equal(got.Scores, wantScores) {
			t.Errorf("search %q %s: JavaScript %d results %q %v; Go %d results %q %v", q.q, opts, got.Total, got.URLs, got.Scores, want.Total, wantURLs, wantScores)
		}
	}
}

func jsArray(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = jsString(s)
	}
	return "[" + strings.Join(q, ",") + "]"
}
