package sitetest

import (
	"context"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"resolve/internal/browsertest"
	"resolve/internal/build"
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

// TestSearchAgreesWithGo checks the browser's search against package
// search, its reference: the same words, stems and results.
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
	text.WriteString("Café résumé naïve ﬁle Straße İstanbul child’s IRO's co-ordinate 2024 agreed agreeing referred ")
	for i := 0; i < s.Manifest().Pages; i++ {
		data, err := os.ReadFile(filepath.Join(siteDir, "search", "p", itoa(i)+".json"))
		if err != nil {
			t.Fatal(err)
		}
		text.Write(data)
		text.WriteByte(' ')
	}
	goWords := search.Words(text.String())
	jsWords := eval[[]string](t, ctx, `resolveSearch.words(`+jsString(text.String())+`)`)
	if !slices.Equal(goWords, jsWords) {
		for i := range min(len(goWords), len(jsWords)) {
			if goWords[i] != jsWords[i] {
				t.Fatalf("words differ at %d: Go %q, JavaScript %q", i, goWords[i:min(i+5, len(goWords))], jsWords[i:min(i+5, len(jsWords))])
			}
		}
		t.Fatalf("Go finds %d words, JavaScript %d", len(goWords), len(jsWords))
	}
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

	queries := []struct {
		q      string
		prefix bool
	}{
		{"line manager", false}, {"escalate", false}, {"independent reviewing officer", false},
		{"stage 3", false}, {"the of and", false}, {"zzzz", false}, {"child protection plan", false},
		{"escal", true}, {"working da", true}, {"safeguarding partnership resol", true}, {"ch", true},
	}
	for _, ph := range stagePhrases(t) {
		queries = append(queries, struct {
			q      string
			prefix bool
		}{ph.text, false})
	}
	for _, q := range queries {
		want, err := s.Search(q.q, q.prefix, 10)
		if err != nil {
			t.Fatal(err)
		}
		type jsResult struct {
			Total int      `json:"total"`
			URLs  []string `json:"urls"`
		}
		got := eval[jsResult](t, ctx, `resolveSearch.search(`+jsString(q.q)+`, `+map[bool]string{true: "true", false: "false"}[q.prefix]+`, 10).then((r) => ({total: r.total, urls: r.hits.map((h) => h.url)}))`)
		var wantURLs []string
		for _, h := range want.Hits {
			wantURLs = append(wantURLs, h.URL)
		}
		if got.Total != want.Total || !slices.Equal(got.URLs, wantURLs) {
			t.Errorf("search %q (prefix %v): JavaScript %d results %q; Go %d results %q", q.q, q.prefix, got.Total, got.URLs, want.Total, wantURLs)
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

// searchRequests lists what a page has fetched of search: its script and
// index files.
func searchRequests(log *browsertest.RequestLog) (script, index []string) {
	for _, u := range log.URLs() {
		switch {
		case strings.Contains(u, "/js/search."):
			script = append(script, u)
		case strings.Contains(u, "/search/") && strings.Contains(u, ".json"):
			index = append(index, u)
		}
	}
	return script, index
}

// TestHeaderSearch uses the header's search box on a page by keyboard:
// nothing of search loads until the box has the focus, the index loads
// as the reader types, results are offered under the box, and Enter
// gives the results page.
func TestHeaderSearch(t *testing.T) {
	base := siteURL(t)
	ctx := tab(t)
	log := browsertest.Requests(ctx)
	open(t, ctx, base+"hips/stage-2/")
	if script, index := searchRequests(log); len(script)+len(index) > 0 {
		t.Fatalf("a page fetched search before any search: %q %q", script, index)
	}
	tabTo(t, ctx, "#site-search")
	poll[bool](t, ctx, `!!window.resolveSearch`)
	if script, index := searchRequests(log); len(script) != 1 || len(index) > 0 {
		t.Fatalf("after focusing the search box: script %q, index %q; want the script only", script, index)
	}
	if err := browsertest.Do(ctx, chromedp.SendKeys("#site-search", "line manag")); err != nil {
		t.Fatal(err)
	}
	offered := poll[[]string](t, ctx, `(() => {
		const p = document.getElementById("search-suggest");
		if (!p || p.hidden) return null;
		return [...p.querySelectorAll("a")].map((a) => a.textContent + " -> " + a.getAttribute("href"));
	})()`)
	if len(offered) < 2 || !strings.HasPrefix(offered[len(offered)-1], "See all ") || !strings.HasSuffix(offered[len(offered)-1], "/search/?q=line+manag") {
		t.Errorf("offered %q; want results and a link to all of them", offered)
	}
	said := eval[string](t, ctx, `document.querySelector(".header [role=status]").textContent`)
	if !regexp.MustCompile(`^\d+ results? for “line manag”`).MatchString(said) {
		t.Errorf("the live region says %q", said)
	}
	_, index := searchRequests(log)
	if len(index) < 2 {
		t.Errorf("after typing the index fetched %q; want the manifest and a shard at least", index)
	}
	for _, u := range log.URLs() {
		if strings.HasSuffix(u, ".wasm") {
			t.Errorf("search fetched the WebAssembly module: %s", u)
		}
	}
	vs, err := browsertest.Axe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		t.Errorf("axe, with results offered: %v", v)
	}

	key(t, ctx, kb.ArrowDown)
	if !eval[bool](t, ctx, `document.activeElement.matches("#search-suggest a")`) {
		t.Error("ArrowDown from the box does not move to the first result")
	}
	key(t, ctx, kb.Escape)
	if !eval[bool](t, ctx, `document.getElementById("search-suggest").hidden && document.activeElement.id === "site-search"`) {
		t.Error("Escape does not close the results and return to the box")
	}
	key(t, ctx, kb.Enter)
	arrive(t, ctx, "/search/")
	poll[bool](t, ctx, `document.querySelectorAll("#search-results li").length > 0`)
	if got := eval[string](t, ctx, `document.getElementById("search-q").value`); got != "line manag" {
		t.Errorf("the results page's box holds %q; want the query", got)
	}
	for _, u := range log.Foreign(base) {
		t.Errorf("request to another origin: %s", u)
	}
}

// TestSearchPage types on the /search/ page: results follow the words as
// typed, a live region gives their number, the address keeps the query,
// and "Show more" adds results and moves the focus to them.
func TestSearchPage(t *testing.T) {
	ctx := tab(t)
	open(t, ctx, siteURL(t)+"search/")
	if !eval[bool](t, ctx, `document.querySelector("[data-search-nojs]").hidden`) {
		t.Error("with JavaScript on, the page still says search needs it")
	}
	tabTo(t, ctx, "#search-q")
	if err := browsertest.Do(ctx, chromedp.SendKeys("#search-q", "stage")); err != nil {
		t.Fatal(err)
	}
	// Typing is slow on a busy machine: wait for the whole word's answer.
	status := poll[string](t, ctx, `((s) => s.endsWith("“stage”") && s)(document.getElementById("search-status").textContent)`)
	m := regexp.MustCompile(`^(\d+) results for “stage”$`).FindStringSubmatch(status)
	if m == nil {
		t.Fatalf("status %q", status)
	}
	if role := eval[string](t, ctx, `document.getElementById("search-status").getAttribute("role")`); role != "status" {
		t.Errorf("the count is in an element with role %q; want a live region, status", role)
	}
	if got := eval[string](t, ctx, `location.search`); got != "?q=stage" {
		t.Errorf("location.search = %q; want ?q=stage", got)
	}
	if !strings.HasPrefix(eval[string](t, ctx, `document.title`), m[1]+" results for “stage”") {
		t.Errorf("the title does not give the results: %q", eval[string](t, ctx, `document.title`))
	}
	shown := eval[int](t, ctx, `document.querySelectorAll("#search-results > li").length`)
	marked := eval[int](t, ctx, `document.querySelectorAll("#search-results mark").length`)
	if shown != min(20, atoi(m[1])) || marked == 0 {
		t.Errorf("%d results shown with %d words marked, of %s", shown, marked, m[1])
	}
	if atoi(m[1]) > 20 {
		tabTo(t, ctx, "#search-more")
		key(t, ctx, kb.Enter)
		poll[bool](t, ctx, `document.querySelectorAll("#search-results > li").length > 20`)
		if !eval[bool](t, ctx, `document.activeElement === document.querySelectorAll("#search-results > li a")[20]`) {
			t.Error("after Show more the focus is not on the first new result")
		}
	}
	eval[bool](t, ctx, `(() => { const i = document.getElementById("search-q"); i.value = ""; i.dispatchEvent(new Event("input")); return true; })()`)
	if err := browsertest.Do(ctx, chromedp.SendKeys("#search-q", "qqqzzz"+kb.Enter)); err != nil {
		t.Fatal(err)
	}
	status = poll[string](t, ctx, `((s) => s.startsWith("No results") && s)(document.getElementById("search-status").textContent)`)
	if !strings.Contains(status, "A to Z") {
		t.Errorf("with no results the status says %q; want a pointer to the A to Z", status)
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// TestSearchWithoutJavaScript submits the header's box with JavaScript
// off: the search page says search needs JavaScript and links to the A to Z.
func TestSearchWithoutJavaScript(t *testing.T) {
	ctx := tab(t)
	if err := browsertest.Do(ctx, noScript()); err != nil {
		t.Fatal(err)
	}
	base := siteURL(t)
	open(t, ctx, base+"hips/")
	tabTo(t, ctx, "#site-search")
	if err := browsertest.Do(ctx, chromedp.SendKeys("#site-search", "stage 2"+kb.Enter)); err != nil {
		t.Fatal(err)
	}
	arrive(t, ctx, "/search/")
	if got := eval[string](t, ctx, `location.search`); got != "?q=stage+2" {
		t.Errorf("the box submitted %q; want ?q=stage+2", got)
	}
	msg := eval[string](t, ctx, `(() => { const p = document.querySelector("[data-search-nojs]"); return p && p.getClientRects().length ? p.textContent : ""; })()`)
	if !strings.Contains(msg, "needs JavaScript") {
		t.Errorf("the search page without JavaScript says %q", msg)
	}
	if !eval[bool](t, ctx, `!!document.querySelector("[data-search-nojs] a[href='/a-z/']")`) {
		t.Error("the search page without JavaScript does not link to the A to Z")
	}
}

// arrive waits for the tab to navigate to a page at pathname and load it.
func arrive(t testing.TB, ctx context.Context, pathname string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		// Evaluating fails while the old page goes and the new one comes.
		got, err := browsertest.Run(ctx, chromedp.Evaluate[string](`document.readyState === "complete" ? location.pathname : ""`))
		if err == nil && got == pathname {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("the tab did not arrive at %s", pathname)
}

// TestSearchUnderSubPath builds the site under /procedures/, as on a
// project's GitHub Pages, and follows a result to its page.
func TestSearchUnderSubPath(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := build.Build(build.Config{
		Content: filepath.Join(repoRoot, "content"),
		Layouts: filepath.Join(repoRoot, "layouts"),
		Static:  filepath.Join(repoRoot, "static"),
		Out:     dir,
		BaseURL: "/procedures/",
	}); err != nil {
		t.Fatal(err)
	}
	base := browsertest.ServeAt(t, dir, "/procedures/")
	ctx := tab(t)
	log := browsertest.Requests(ctx)
	open(t, ctx, base+"tees/")
	tabTo(t, ctx, "#site-search")
	if err := browsertest.Do(ctx, chromedp.SendKeys("#site-search", "resolution meeting"+kb.Enter)); err != nil {
		t.Fatal(err)
	}
	arrive(t, ctx, "/procedures/search/")
	href := poll[string](t, ctx, `((a) => a && a.getAttribute("href"))(document.querySelector("#search-results li a"))`)
	if !strings.HasPrefix(href, "/procedures/") {
		t.Fatalf("the first result links to %s; want a page under /procedures/", href)
	}
	key(t, ctx, kb.Tab) // from the search box on to the page's Search button
	tabTo(t, ctx, "#search-results li a")
	key(t, ctx, kb.Enter)
	arrive(t, ctx, strings.SplitN(href, "#", 2)[0])
	if eval[string](t, ctx, `document.querySelector("h1").textContent`) == "Page not found" {
		t.Errorf("the result %s leads to the 404 page", href)
	}
	for _, u := range log.URLs() {
		if strings.Contains(u, "/search/") && !strings.Contains(u, "/procedures/search/") {
			t.Errorf("search fetched %s, outside the sub-path", u)
		}
	}
}
