package sitetest

import (
	"context"
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
)

// searchRequests lists what a page has fetched of search: its scripts and
// index files.
func searchRequests(log *browsertest.RequestLog) (script, index []string) {
	for _, u := range log.URLs() {
		switch {
		case strings.Contains(u, "/js/search.") || strings.Contains(u, "/js/search-index."):
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
	if script, index := searchRequests(log); len(script) != 2 || len(index) > 0 {
		t.Fatalf("after focusing the search box: scripts %q, index %q; want the two scripts only", script, index)
	}
	if err := browsertest.Do(ctx, chromedp.SendKeys("#site-search", "line manag")); err != nil {
		t.Fatal(err)
	}
	offered := poll[[]string](t, ctx, `(() => {
		const p = document.getElementById("search-suggest");
		if (!p || p.hidden) return null;
		return [...p.querySelectorAll("a")].map((a) => a.textContent + " -> " + a.getAttribute("href"));
	})()`)
	if len(offered) < 2 || !strings.HasPrefix(offered[len(offered)-1], "See all ") || !strings.HasSuffix(offered[len(offered)-1], "/search/?q=line+manag&near=hips") {
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

// TestSearchFilter narrows results to one procedure on a phone, by
// keyboard: the filter fits the screen, choosing a procedure keeps only
// its pages and says so, the address keeps the choice, and a page opened
// at that address starts with it.
func TestSearchFilter(t *testing.T) {
	base := siteURL(t)
	ctx := tab(t)
	if err := browsertest.Do(ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	open(t, ctx, base+"search/?q=stage+2")
	poll[bool](t, ctx, `document.getElementById("search-status").textContent.endsWith("“stage 2”")`)
	if all := eval[[]string](t, ctx, `[...document.querySelectorAll("#search-results li h2 a")].map((a) => a.pathname.split("/")[1])`); len(slices.Compact(slices.Sorted(slices.Values(all)))) < 2 {
		t.Errorf("with no filter, results come from %q only", all)
	}
	box := eval[[]float64](t, ctx, `((r) => [r.left, r.right, r.height])(document.getElementById("search-in").getBoundingClientRect())`)
	if box[0] < 0 || box[1] > 390 || box[2] < 24 {
		t.Errorf("at 390 px the filter is at %v (left, right, height); want it on screen and at least 24 px high", box)
	}
	if w := eval[int](t, ctx, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("at 390 px the search page is %d px wide", w)
	}
	tabTo(t, ctx, "#search-in")
	for range 3 { // every procedure, HIPS, ISCP, Tees
		key(t, ctx, kb.ArrowDown)
	}
	status := poll[string](t, ctx, `((s) => s.includes(" in Tees") && s)(document.getElementById("search-status").textContent)`)
	if !regexp.MustCompile(`^\d+ results? for “stage 2” in Tees`).MatchString(status) {
		t.Errorf("filtered, the status says %q", status)
	}
	in := eval[[]string](t, ctx, `[...document.querySelectorAll("#search-results li h2 a")].map((a) => a.getAttribute("href"))`)
	if len(in) == 0 {
		t.Fatal("no results in Tees")
	}
	for _, href := range in {
		if !strings.HasPrefix(href, "/tees/") {
			t.Errorf("filtered to Tees, a result links to %s", href)
		}
	}
	if got := eval[string](t, ctx, `location.search`); got != "?q=stage+2&in=tees" {
		t.Errorf("location.search = %q; want ?q=stage+2&in=tees", got)
	}
	vs, err := browsertest.Axe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		t.Errorf("axe, filtered at 390 px: %v", v)
	}
	open(t, ctx, base+"search/?q=stage+2&in=iscp")
	poll[bool](t, ctx, `document.getElementById("search-status").textContent.includes(" in Islands")`)
	if got := eval[string](t, ctx, `document.getElementById("search-in").value`); got != "iscp" {
		t.Errorf("opened with in=iscp, the filter shows %q", got)
	}
}

// TestHeaderSearchFavoursProcedure types in the header's box on a page of
// one procedure: its results come first, and the link to every result
// keeps the favour.
func TestHeaderSearchFavoursProcedure(t *testing.T) {
	base := siteURL(t)
	ctx := tab(t)
	for _, id := range []string{"iscp", "tees"} {
		open(t, ctx, base+id+"/stage-1/")
		tabTo(t, ctx, "#site-search")
		if err := browsertest.Do(ctx, chromedp.SendKeys("#site-search", "stage two")); err != nil {
			t.Fatal(err)
		}
		offered := poll[[]string](t, ctx, `(() => {
			const p = document.getElementById("search-suggest");
			if (!p || p.hidden || !document.querySelector(".header [role=status]").textContent.includes("“stage two”")) return null;
			return [...p.querySelectorAll("a")].map((a) => a.getAttribute("href"));
		})()`)
		if len(offered) < 2 || !strings.HasPrefix(offered[0], "/"+id+"/") {
			t.Errorf("on a page of %s, the header offers %q; want %s's pages first", id, offered, id)
		}
		if all := offered[len(offered)-1]; !strings.HasSuffix(all, "near="+id) {
			t.Errorf("on a page of %s, all results are at %s; want near=%s", id, all, id)
		}
	}
}
