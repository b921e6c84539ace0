package sitetest

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"resolve/internal/browsertest"
)

// lostJS lists what a reader cannot see without scrolling sideways: the page
// itself scrolling sideways, and text that runs past either edge of the
// window, unless it is in a box of its own that scrolls (a wide table).
const lostJS = `(() => {
	const vw = document.documentElement.clientWidth;
	const lost = [];
	if (document.documentElement.scrollWidth > vw + 1) {
		lost.push("the page is " + document.documentElement.scrollWidth + "px wide in a " + vw + "px window");
	}
	const scrolls = (el) => {
		for (let e = el; e && e !== document.body; e = e.parentElement) {
			const o = getComputedStyle(e).overflowX;
			if ((o === "auto" || o === "scroll") && e.scrollWidth > e.clientWidth) return true;
		}
		return false;
	};
	const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n; (n = walk.nextNode());) {
		const el = n.parentElement;
		if (!n.textContent.trim() || el.closest(".visually-hidden, .skip-link, [hidden], [aria-hidden=true], script")) continue;
		const r = document.createRange();
		r.selectNodeContents(n);
		for (const box of r.getClientRects()) {
			if (box.width > 0 && (box.right > vw + 1 || box.left < -1) && !scrolls(el)) {
				lost.push(el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.split(" ")[0] : "") +
					" " + JSON.stringify(n.textContent.trim().slice(0, 40)) + " at " + Math.round(box.left) + ".." + Math.round(box.right));
				break;
			}
		}
		if (lost.length >= 8) break;
	}
	return lost;
})()`

// TestReflow opens every page in a window 320 CSS pixels wide (WCAG 1.4.10)
// and, in a desktop window, with text at 200% (1.4.4): nothing may need
// sideways scrolling to read.
func TestReflow(t *testing.T) {
	base := siteURL(t)
	views := []struct {
		name          string
		width, height int64
		text          string // the root font size
	}{
		{"320px", 320, 640, ""},
		{"text-200", 1280, 1024, "200%"},
	}
	var paths []string
	for _, p := range pages(t) {
		if p != "/search/" {
			paths = append(paths, p)
		}
	}
	paths = append(paths, "/search/?q=working+days")
	for _, v := range views {
		t.Run(v.name, func(t *testing.T) {
			each(t, paths, 2, func(t *testing.T, ctx context.Context, p string) {
				if err := browsertest.Do(ctx, chromedp.EmulateViewport(v.width, v.height)); err != nil {
					t.Fatal(err)
				}
				open(t, ctx, base+strings.TrimPrefix(p, "/"))
				if v.text != "" {
					// A reader's text zoom; the CSSOM is not inline style, so the CSP allows it.
					eval[bool](t, ctx, `document.documentElement.style.fontSize = "`+v.text+`", true`)
				}
				if strings.Contains(p, "?q=") {
					poll[bool](t, ctx, `document.querySelectorAll("#search-results li").length > 0`)
				}
				for _, l := range eval[[]string](t, ctx, lostJS) {
					t.Errorf("%s: %s", v.name, l)
				}
			})
		})
	}
}

// printedAt is when TestPrint's pages are printed: their clock is fixed,
// so the test never reads the real one.
var printedAt = time.Date(2026, time.March, 4, 12, 0, 0, 0, time.Local)

// TestPrint emulates print media: the print stamp shows when the page was
// printed, the protocol's version and the page's address, and navigation
// is hidden.
func TestPrint(t *testing.T) {
	base := siteURL(t)
	stamped := regexp.MustCompile(`Printed on (\d{1,2} [A-Z][a-z]+ \d{4}) at \d\d:\d\d\.`)
	type printed struct {
		Stamp        string   `json:"stamp"`
		StampVisible bool     `json:"visible"`
		Shown        []string `json:"shown"` // navigation still on the page
		Main         bool     `json:"main"`
	}
	each(t, []string{"/", "/hips/", "/hips/stage-3/", "/tees/contacts/", "/iscp/flowchart/", "/glossary/"}, 2, func(t *testing.T, ctx context.Context, p string) {
		if err := browsertest.Do(ctx, media("print")); err != nil {
			t.Fatal(err)
		}
		if err := browsertest.FixClock(ctx, printedAt); err != nil {
			t.Fatal(err)
		}
		u := base + strings.TrimPrefix(p, "/")
		open(t, ctx, u)
		eval[bool](t, ctx, `dispatchEvent(new Event("beforeprint")), true`)
		got := eval[printed](t, ctx, `(() => {
			const stamp = document.querySelector(".print-stamp");
			const seen = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
			return {
				stamp: stamp ? stamp.textContent.replace(/\s+/g, " ").trim() : "",
				visible: !!stamp && seen(stamp),
				shown: [...document.querySelectorAll("nav, form, .skip-link, .contrast-toggle")].filter(seen).map((e) => e.tagName.toLowerCase() + (e.getAttribute("aria-label") ? "[" + e.getAttribute("aria-label") + "]" : "." + e.className)),
				main: seen(document.querySelector("main")),
			};
		})()`)
		if !got.StampVisible {
			t.Errorf("the print stamp is not visible in print: %q", got.Stamp)
		}
		m := stamped.FindStringSubmatch(got.Stamp)
		if m == nil {
			t.Errorf("print stamp %q has no date and time", got.Stamp)
		} else if want := printedAt.Format("2 January 2006"); m[1] != want {
			t.Errorf("print stamp says printed on %s; want the page's day, %s", m[1], want)
		}
		if !strings.Contains(got.Stamp, u) {
			t.Errorf("print stamp %q does not give the page's address %s", got.Stamp, u)
		}
		if protocolPath(p) && !regexp.MustCompile(`Version \d{4}-\d\d`).MatchString(got.Stamp) {
			t.Errorf("print stamp %q on a procedure's page has no version", got.Stamp)
		}
		if len(got.Shown) > 0 {
			t.Errorf("navigation shown in print: %q", got.Shown)
		}
		if !got.Main {
			t.Error("the main content is hidden in print")
		}
	})
}

// blocksJS lists the text of the visible blocks of main, normalised,
// leaving out blocks that hold nothing but buttons: a button that only
// works with JavaScript is rightly hidden without it.
const blocksJS = `[...document.querySelectorAll("main :is(h1, h2, h3, h4, p, li, dt, dd, th, td, summary, label)")]
	.filter((e) => e.getClientRects().length > 0)
	.filter((e) => e.innerText.trim() !== [...e.querySelectorAll("button")].map((b) => b.innerText.trim()).join(" ").trim())
	.map((e) => e.innerText.replace(/\s+/g, " ").trim())
	.filter((s) => s)`

// TestWithoutJavaScript opens every page but the record form with
// JavaScript off and on: with it off, the page shows every block of text
// it shows with it on, so JavaScript only enhances.
func TestWithoutJavaScript(t *testing.T) {
	base := siteURL(t)
	var paths []string
	for _, p := range pages(t) {
		if !isRecord(p) {
			paths = append(paths, p)
		}
	}
	off := tab(t)
	if err := browsertest.Do(off, noScript()); err != nil {
		t.Fatal(err)
	}
	each(t, paths, 1, func(t *testing.T, on context.Context, p string) {
		u := base + strings.TrimPrefix(p, "/")
		open(t, on, u)
		withJS := eval[[]string](t, on, blocksJS)
		open(t, off, u)
		if eval[bool](t, off, `typeof window.resolveSearch !== "undefined" || document.documentElement.classList.contains("js")`) {
			t.Fatal("JavaScript ran in the tab where it is off")
		}
		withoutJS := eval[[]string](t, off, blocksJS)
		if len(withoutJS) == 0 {
			t.Fatal("with JavaScript off, main shows no text")
		}
		for _, b := range withJS {
			if !slices.Contains(withoutJS, b) {
				t.Errorf("with JavaScript off, missing: %q", b)
			}
		}
	})
}

// protocolPath reports whether a site path is in one of the example
// site's procedures.
func protocolPath(p string) bool {
	for _, id := range []string{"/hips/", "/iscp/", "/tees/"} {
		if strings.HasPrefix(p, id) {
			return true
		}
	}
	return false
}
