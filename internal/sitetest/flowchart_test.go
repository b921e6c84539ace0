package sitetest

import (
	"context"
	"fmt"
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
	// The stage each chart on the page marks, which must agree.
	const drawn = [...document.querySelectorAll(".fc-chart")].map((c) => (c.querySelector("g.fc-step.is-current") || {dataset: {stage: "none"}}).dataset.stage);
	return [
		fc.classList.contains("fc-presenting") ? "presenting" : "reading",
		(document.querySelector("[data-fc-progress]") || {}).textContent || "",
		cur ? cur.id : "none",
		"drawn-" + (drawn.every((d) => d === drawn[0]) ? drawn[0] : drawn.join("/")),
		"open:" + [...document.querySelectorAll("li.fc-item > details[open]")].map((d) => d.parentElement.dataset.stage).join(","),
	].join(" | ");
})()`

func key(t testing.TB, ctx context.Context, k string) {
	t.Helper()
	if err := browsertest.Do(ctx, chromedp.KeyEvent(k)); err != nil {
		t.Fatalf("pressing %q: %v", k, err)
	}
}

// presentingJS measures the presenting view: where the compact chart's
// drawing (its viewBox, as the screen shows it) and the current stage's box
// lie, whether every part of both is inside the window, and the smallest
// font size of the current stage's details.
const presentingJS = `(() => {
	const vw = innerWidth, vh = innerHeight;
	const svg = document.querySelector(".fc-compact svg");
	const m = svg.getScreenCTM(), vb = svg.viewBox.baseVal;
	const box = (x0, y0, x1, y1) => ({left: m.a * x0 + m.e, top: m.d * y0 + m.f, right: m.a * x1 + m.e, bottom: m.d * y1 + m.f});
	const inside = (r) => r.left >= -1 && r.top >= -1 && r.right <= vw + 1 && r.bottom <= vh + 1 && r.right - r.left > 50;
	const chart = box(vb.x, vb.y, vb.x + vb.width, vb.y + vb.height);
	const cur = document.querySelector(".fc-compact g.fc-step.is-current .fc-box");
	const c = cur ? cur.getBoundingClientRect() : {left: 0, top: 0, right: 0, bottom: 0};
	const item = document.querySelector("li.fc-item.is-current");
	const texts = item ? [...item.querySelectorAll("dd, p, li")].filter((e) => e.getClientRects().length) : [];
	const it = item ? item.getBoundingClientRect() : {left: 0, top: 0, right: 0};
	return {
		chart: Math.round(chart.left) + "," + Math.round(chart.top) + " to " + Math.round(chart.right) + "," + Math.round(chart.bottom),
		chartInside: inside(chart),
		stageInside: !!cur && inside(c) && c.left >= chart.left - 1 && c.right <= chart.right + 1,
		detailBeside: !!item && it.left >= chart.right - 1 && it.top < vh / 2,
		minFont: texts.length ? Math.min(...texts.map((e) => parseFloat(getComputedStyle(e).fontSize))) : 0,
	};
})()`

// presented is what presentingJS reports.
type presented struct {
	Chart        string  `json:"chart"`
	ChartInside  bool    `json:"chartInside"`
	StageInside  bool    `json:"stageInside"`
	DetailBeside bool    `json:"detailBeside"`
	MinFont      float64 `json:"minFont"`
}

// TestTrainerMode steps through each procedure's flowchart by keyboard on
// a projector's screen (1366x768) and a full HD one: Present, the arrow
// keys, the Next button, and Escape. At every stage the whole chart is on
// the screen with that stage marked, and its details are beside it in type
// of 28 px or more.
func TestTrainerMode(t *testing.T) {
	base := siteURL(t)
	stages := stagesOf(t)
	for _, screen := range []struct{ w, h int64 }{{1366, 768}, {1920, 1080}} {
		for id, n := range stages {
			t.Run(fmt.Sprintf("%s/%dx%d", id, screen.w, screen.h), func(t *testing.T) {
				ctx := tab(t)
				if err := browsertest.Do(ctx, chromedp.EmulateViewport(screen.w, screen.h)); err != nil {
					t.Fatal(err)
				}
				presentStages(t, ctx, base+id+"/flowchart/", n)
			})
		}
	}
}

// presentStages presents the flowchart at u, of n stages, and steps through it.
func presentStages(t *testing.T, ctx context.Context, u string, n int) {
	open(t, ctx, u)
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
		if !presenting {
			return
		}
		p := eval[presented](t, ctx, presentingJS)
		if what == "after Enter on Present" {
			t.Logf("%s: the chart is drawn at %s, the details in %.0f px type", what, p.Chart, p.MinFont)
		}
		if !p.ChartInside || !p.StageInside || !p.DetailBeside {
			t.Errorf("%s: the chart (%s) is not whole on the screen with stage %d marked and its details beside it: %+v", what, p.Chart, stage, p)
		}
		if p.MinFont < 28 {
			t.Errorf("%s: the details' text is %.1f px; want 28 px or more", what, p.MinFont)
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
	for s := 3; s <= n; s++ {
		key(t, ctx, kb.PageDown)
		check(fmt.Sprintf("after Page Down to stage %d", s), s, true)
	}
	key(t, ctx, kb.ArrowRight)
	key(t, ctx, kb.ArrowRight)
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
			tabTo(t, ctx, "a.fc-stage#compact-stage-2")
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
			tabTo(t, ctx, "a.fc-stage#compact-stage-3")
			key(t, ctx, " ")
			if got := eval[string](t, ctx, fcState); !strings.Contains(got, "| stage-3 | drawn-3 |") {
				t.Errorf("after Space on stage 3 in the chart: %s; want stage 3 current", got)
			}
			// Back to the chart from a stage's details, by keyboard.
			tabTo(t, ctx, `#stage-3 a[href="#compact-stage-3"]`)
			key(t, ctx, kb.Enter)
			if got := eval[string](t, ctx, `location.hash`); got != "#compact-stage-3" {
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
