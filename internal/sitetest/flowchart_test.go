package sitetest

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"resolve/internal/browsertest"
)

// stagesOf returns how many stages each procedure of the example site has,
// by id.
func stagesOf(t testing.TB) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, p := range protocols(t) {
		out[p.Meta.Protocol.ID] = len(p.Meta.Protocol.Stages)
	}
	return out
}

// fcState describes the flowchart: whether it is presenting, the trainer's
// progress line, the current stage and the open stages.
const fcState = `(() => {
	const fc = document.querySelector(".fc");
	const cur = document.querySelector("li.fc-item.is-current");
	const drawn = document.querySelector("g.fc-step.is-current");
	return [
		fc.classList.contains("fc-presenting") ? "presenting" : "reading",
		(document.querySelector("[data-fc-progress]") || {}).textContent || "",
		cur ? cur.id : "none",
		drawn ? "drawn-" + drawn.dataset.stage : "drawn-none",
		"open:" + [...document.querySelectorAll("li.fc-item > details[open]")].map((d) => d.parentElement.dataset.stage).join(","),
	].join(" | ");
})()`

func key(t testing.TB, ctx context.Context, k string) {
	t.Helper()
	if err := browsertest.Do(ctx, chromedp.KeyEvent(k)); err != nil {
		t.Fatalf("pressing %q: %v", k, err)
	}
}

// TestTrainerMode steps through each procedure's flowchart by keyboard:
// Present, the arrow keys, the Next button, and Escape.
func TestTrainerMode(t *testing.T) {
	base := siteURL(t)
	stages := stagesOf(t)
	for id, n := range stages {
		t.Run(id, func(t *testing.T) {
			ctx := tab(t)
			open(t, ctx, base+id+"/flowchart/")
			if got := eval[string](t, ctx, fcState); !strings.HasPrefix(got, "reading") {
				t.Fatalf("on opening: %s; want reading", got)
			}
			tabTo(t, ctx, "[data-fc-present]")
			key(t, ctx, kb.Enter)
			want := func(stage int, presenting bool) string {
				mode := "reading"
				if presenting {
					mode = "presenting"
				}
				return fmt.Sprintf("%s | Stage %d of %d | stage-%d | drawn-%d", mode, stage, n, stage, stage)
			}
			check := func(what string, stage int, presenting bool) {
				t.Helper()
				got := eval[string](t, ctx, fcState)
				if w := want(stage, presenting); !strings.HasPrefix(got, w) {
					t.Fatalf("%s: %s; want %s", what, got, w)
				}
				if !strings.Contains(got, "open:") || !strings.Contains(strings.SplitN(got, "open:", 2)[1], strconv.Itoa(stage)) {
					t.Fatalf("%s: %s; want stage %d open", what, got, stage)
				}
			}
			check("after Enter on Present", 1, true)
			if got := eval[string](t, ctx, `document.activeElement.matches("[data-fc-next]") ? "next" : document.activeElement.outerHTML.slice(0, 60)`); got != "next" {
				t.Errorf("after Present the focus is on %s; want the Next button", got)
			}
			if !eval[bool](t, ctx, `!document.querySelector("[data-fc-controls]").hidden`) {
				t.Fatal("the trainer controls are hidden while presenting")
			}
			key(t, ctx, kb.ArrowRight)
			check("after ArrowRight", 2, true)
			key(t, ctx, kb.ArrowLeft)
			check("after ArrowLeft", 1, true)
			key(t, ctx, kb.Enter) // on the focused Next button
			check("after Enter on Next", 2, true)
			for range n + 2 {
				key(t, ctx, kb.ArrowRight)
			}
			check("after ArrowRight past the end", n, true)
			key(t, ctx, kb.Escape)
			// In full screen the browser takes Escape to leave it, and the
			// script stops on the fullscreenchange that follows.
			got := poll[string](t, ctx, `((s) => s.startsWith("reading") && s)(`+fcState+`)`)
			if !eval[bool](t, ctx, `document.activeElement.matches("[data-fc-present]")`) {
				t.Error("after Escape the focus is not back on Present")
			}
			key(t, ctx, kb.ArrowLeft) // not presenting: the arrows do nothing
			if again := eval[string](t, ctx, fcState); again != got {
				t.Errorf("ArrowLeft after Escape changed the chart: %s; was %s", again, got)
			}
		})
	}
}

// TestFlowchartStages opens stages from the chart by keyboard, by a
// #stage-N link and by ?stage=N on the embed page.
func TestFlowchartStages(t *testing.T) {
	base := siteURL(t)
	for id, n := range stagesOf(t) {
		t.Run(id, func(t *testing.T) {
			if n < 3 {
				t.Fatalf("%s has %d stages; the test needs 3", id, n)
			}
			ctx := tab(t)
			open(t, ctx, base+id+"/flowchart/")
			tabTo(t, ctx, "a.fc-stage#chart-stage-2")
			key(t, ctx, kb.Enter)
			if got := eval[string](t, ctx, fcState); !strings.Contains(got, "| stage-2 | drawn-2 | open:2") {
				t.Errorf("after Enter on stage 2 in the chart: %s; want stage 2 current and open", got)
			}
			if !eval[bool](t, ctx, `document.activeElement.matches("#stage-2 summary")`) {
				t.Error("after Enter on stage 2 in the chart the focus is not on stage 2's details")
			}
			if got := eval[string](t, ctx, `location.hash`); got != "#stage-2" {
				t.Errorf("location.hash = %q; want #stage-2", got)
			}
			tabTo(t, ctx, "a.fc-stage#chart-stage-3")
			key(t, ctx, " ")
			if got := eval[string](t, ctx, fcState); !strings.Contains(got, "| stage-3 | drawn-3 |") {
				t.Errorf("after Space on stage 3 in the chart: %s; want stage 3 current", got)
			}
			// Back to the chart from a stage's details, by keyboard.
			tabTo(t, ctx, `#stage-3 a[href="#chart-stage-3"]`)
			key(t, ctx, kb.Enter)
			if got := eval[string](t, ctx, `location.hash`); got != "#chart-stage-3" {
				t.Errorf("after the link back to the chart, location.hash = %q", got)
			}

			// A fresh load: from the same page, only the hash would change.
			open(t, ctx, "about:blank")
			open(t, ctx, base+id+"/flowchart/#stage-3")
			if got := eval[string](t, ctx, fcState); !strings.Contains(got, "| stage-3 | drawn-3 | open:3") {
				t.Errorf("opening #stage-3: %s; want stage 3 current and open", got)
			}
			if top := eval[float64](t, ctx, `document.getElementById("stage-3").getBoundingClientRect().top`); top < -1 || top > 1024 {
				t.Errorf("opening #stage-3: stage 3 is at %.0fpx, out of sight", top)
			}

			open(t, ctx, base+id+"/embed/flowchart/?stage=2")
			if got := eval[string](t, ctx, fcState); !strings.Contains(got, "| stage-2 | drawn-2 | open:2") {
				t.Errorf("opening the embed with ?stage=2: %s; want stage 2 current and open", got)
			}
		})
	}
}

// TestEmbedInAnotherOrigin loads each embed page in an iframe of a page
// served from another origin, with the code the flowchart page gives
// trainers to paste, and checks the frame is sized from the height the
// embed posts.
func TestEmbedInAnotherOrigin(t *testing.T) {
	base := siteURL(t)
	site, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]string{}
	for id := range stagesOf(t) {
		page, err := os.ReadFile(filepath.Join(siteDir, id, "flowchart", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`(?s)<textarea id="embed-code"[^>]*>(.*?)</textarea>`).FindSubmatch(page)
		if m == nil {
			t.Fatalf("/%s/flowchart/ has no embed code", id)
		}
		code := html.UnescapeString(string(m[1]))
		// A site built without a host in base_url gives a path; the trainer
		// would paste the full address.
		code = strings.Replace(code, `src="/`, `src="`+site.Scheme+"://"+site.Host+"/", 1)
		codes[id] = code
	}
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := strings.Trim(r.URL.Path, "/")
		code, ok := codes[id]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Training</title></head><body><h1>Training session</h1>\n%s\n<p>After the chart.</p></body></html>", code)
	}))
	t.Cleanup(host.Close)
	if strings.HasPrefix(base, host.URL) {
		t.Fatal("the host page and the site share an origin")
	}
	for id := range codes {
		t.Run(id, func(t *testing.T) {
			ctx := tab(t)
			log := browsertest.Requests(ctx)
			open(t, ctx, host.URL+"/"+id+"/")
			if !eval[bool](t, ctx, `!!document.querySelector("iframe[data-resolve-flowchart]")`) {
				t.Fatal("the host page has no iframe from the embed code")
			}
			// The code's own script sets the height when a message comes.
			h := poll[float64](t, ctx, `(() => { const f = document.querySelector("iframe[data-resolve-flowchart]"); return f.style.height ? parseFloat(f.style.height) : 0; })()`)
			if h < 200 {
				t.Errorf("the frame was sized to %.0fpx; want the embed's height", h)
			}
			framed := false
			for _, u := range log.URLs() {
				framed = framed || strings.HasPrefix(u, base+id+"/embed/flowchart/")
			}
			if !framed {
				t.Errorf("the host page never loaded the embed page; requests %q", log.URLs())
			}
			for _, u := range log.Foreign(base) {
				if !strings.HasPrefix(u, host.URL) {
					t.Errorf("request to a third origin: %s", u)
				}
			}
		})
	}
}
