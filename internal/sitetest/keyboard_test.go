package sitetest

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"resolve/internal/browsertest"
)

// keyboardPages are pages of every layout; pages of one layout have the
// same controls. The A to Z is left out: it is nothing but links.
var keyboardPages = []string{
	"/", "/about/", "/glossary/", "/404.html", "/search/?q=line+manager",
	"/hips/", "/hips/stage-1/", "/hips/flowchart/", "/hips/contacts/", "/hips/calendar/", "/hips/changes/",
	"/iscp/", "/iscp/immediate-risk/", "/tees/stage-4/", "/tees/embed/flowchart/",
}

// markControls gives every control a reader should be able to reach by
// keyboard a data-kb number and returns how many there are: links,
// buttons, fields, summaries and anything with a tabindex of 0 or more,
// that are rendered, enabled and not inside a closed <details> (a summary
// is inside its own).
const markControls = `(() => {
	const sel = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, iframe, [tabindex]:not([tabindex="-1"])';
	let n = 0;
	for (const el of document.querySelectorAll(sel)) {
		if (el.disabled || el.closest("[inert]")) continue;
		if (!el.getClientRects().length || getComputedStyle(el).visibility === "hidden") continue;
		// Inside any closed <details> (they nest) only its own summary shows.
		let folded = false;
		for (let d = el.closest("details:not([open])"); d && !folded; d = d.parentElement.closest("details:not([open])")) {
			folded = !(el.tagName === "SUMMARY" && el.parentElement === d);
		}
		if (folded) continue;
		el.dataset.kb = n++;
	}
	return n;
})()`

// describeJS names an element for a message.
const describeJS = `((el) => {
	if (!el || el === document.body) return "body";
	let s = el.tagName.toLowerCase();
	if (el.id) s += "#" + el.id;
	const href = el.getAttribute("href");
	if (href) s += "[href=" + JSON.stringify(href) + "]";
	const text = (el.getAttribute("aria-label") || el.textContent || el.value || "").trim().replace(/\s+/g, " ");
	return s + (text ? " " + JSON.stringify(text.slice(0, 50)) : "");
})`

// TestKeyboard tabs through pages of every layout: every control is
// reached in turn, each shows a visible focus indicator, and the first
// Tab reaches the skip link, which moves the focus to the main content.
func TestKeyboard(t *testing.T) {
	base := siteURL(t)
	each(t, keyboardPages, 2, func(t *testing.T, ctx context.Context, p string) {
		open(t, ctx, base+strings.TrimPrefix(p, "/"))
		if strings.Contains(p, "?q=") {
			poll[bool](t, ctx, `document.querySelectorAll("#search-results li").length > 0`)
		}
		n := eval[int](t, ctx, markControls)
		if n == 0 {
			t.Fatal("no controls found")
		}
		reached := map[int]bool{}
		first := -1
		for press := 0; press < n+5; press++ {
			if err := browsertest.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
				t.Fatal(err)
			}
			k := eval[int](t, ctx, `document.activeElement && document.activeElement.dataset.kb !== undefined ? +document.activeElement.dataset.kb : -1`)
			if k < 0 {
				if len(reached) > 0 {
					break // past the last control, focus leaves the page
				}
				t.Fatalf("Tab %d focused %s, which is not a control", press+1, eval[string](t, ctx, describeJS+`(document.activeElement)`))
			}
			if press == 0 {
				first = k
			} else if k == first {
				break // round to the start
			}
			reached[k] = true
			style, err := browsertest.FocusIndicator(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !style.Visible() {
				t.Errorf("no visible focus indicator: %v", style)
			}
		}
		t.Logf("%d controls, %d reached by Tab", n, len(reached))
		for k := range n {
			if !reached[k] {
				t.Errorf("Tab never reaches %s", eval[string](t, ctx, describeJS+`(document.querySelector('[data-kb="`+itoa(k)+`"]'))`))
			}
		}
	})
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// TestSkipLink checks the skip link on a page of each layout with a header.
func TestSkipLink(t *testing.T) {
	base := siteURL(t)
	each(t, []string{"/", "/hips/stage-2/", "/hips/flowchart/", "/search/", "/glossary/"}, 1, func(t *testing.T, ctx context.Context, p string) {
		open(t, ctx, base+strings.TrimPrefix(p, "/"))
		seen, err := browsertest.PressTab(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(seen[0], `[href="#main"]`) {
			t.Fatalf("the first Tab focused %s; want the skip link", seen[0])
		}
		if !eval[bool](t, ctx, `(() => { const r = document.activeElement.getBoundingClientRect(); return r.left >= 0 && r.top >= 0 && r.width > 0; })()`) {
			t.Error("the focused skip link is not on screen")
		}
		if err := browsertest.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
			t.Fatal(err)
		}
		if got := eval[string](t, ctx, `document.activeElement.id`); got != "main" {
			t.Fatalf("after Enter on the skip link the focus is on #%s; want #main", got)
		}
		if err := browsertest.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		if !eval[bool](t, ctx, `!!document.activeElement.closest("main")`) {
			t.Errorf("Tab after skipping focused %s; want a control in main", eval[string](t, ctx, describeJS+`(document.activeElement)`))
		}
	})
}

// tabTo presses Tab until the element matching sel has the focus.
func tabTo(t testing.TB, ctx context.Context, sel string) {
	t.Helper()
	for range 60 {
		if err := browsertest.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		if eval[bool](t, ctx, `!!document.activeElement && document.activeElement.matches(`+jsString(sel)+`)`) {
			return
		}
	}
	t.Fatalf("60 presses of Tab never reached %s", sel)
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "<", `\x3c`)
	return `"` + r.Replace(s) + `"`
}

// TestContrastToggle switches the high-contrast theme on and off by
// keyboard and checks the choice survives a reload.
func TestContrastToggle(t *testing.T) {
	ctx := tab(t)
	u := siteURL(t) + "hips/stage-1/"
	open(t, ctx, u)
	const state = `[document.documentElement.classList.contains("contrast-high"), document.querySelector(".contrast-toggle").getAttribute("aria-pressed"), getComputedStyle(document.body).backgroundColor].join(" ")`
	const off, on = "false false rgb(255, 255, 255)", "true true rgb(0, 0, 0)"
	if got := eval[string](t, ctx, state); got != off {
		t.Fatalf("at first: %s; want %s", got, off)
	}
	tabTo(t, ctx, ".contrast-toggle")
	if err := browsertest.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	if got := eval[string](t, ctx, state); got != on {
		t.Fatalf("after Enter on the toggle: %s; want %s", got, on)
	}
	open(t, ctx, u)
	if got := eval[string](t, ctx, state); got != on {
		t.Fatalf("after reloading: %s; want %s (remembered)", got, on)
	}
	tabTo(t, ctx, ".contrast-toggle")
	if err := browsertest.Do(ctx, chromedp.KeyEvent(" ")); err != nil {
		t.Fatal(err)
	}
	if got := eval[string](t, ctx, state); got != off {
		t.Fatalf("after Space on the toggle: %s; want %s", got, off)
	}
	open(t, ctx, u)
	if got := eval[string](t, ctx, state); got != off {
		t.Errorf("after reloading: %s; want %s (remembered)", got, off)
	}
}

// contrastJS measures the contrast ratio of an element's text against the
// page background: (L1 + 0.05) / (L2 + 0.05) of WCAG.
const contrastJS = `((sel) => {
	const rgb = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number);
	const lum = (c) => {
		const [r, g, b] = rgb(c).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
		return 0.2126 * r + 0.7152 * g + 0.0722 * b;
	};
	const fg = lum(getComputedStyle(document.querySelector(sel)).color);
	const bg = lum(getComputedStyle(document.body).backgroundColor);
	return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
})`

// TestColourPreferences checks the site follows prefers-color-scheme:
// dark and prefers-contrast: more, and that the toggle's theme wins.
func TestColourPreferences(t *testing.T) {
	base := siteURL(t)
	type look struct {
		Dark         bool    `json:"dark"`
		TextContrast float64 `json:"text"`
		LinkContrast float64 `json:"link"`
	}
	measure := func(t *testing.T, ctx context.Context) look {
		t.Helper()
		return eval[look](t, ctx, `({
			dark: ((c) => c.reduce((a, b) => a + b, 0) < 200)(getComputedStyle(document.body).backgroundColor.match(/\d+/g).slice(0, 3).map(Number)),
			text: `+contrastJS+`("main p"),
			link: `+contrastJS+`(".prose a[href]"),
		})`)
	}
	ctx := tab(t)
	open(t, ctx, base+"hips/stage-1/")
	plain := measure(t, ctx)
	if plain.Dark || plain.TextContrast < 4.5 || plain.LinkContrast < 4.5 {
		t.Errorf("with no preference: %+v; want a light page with AA contrast", plain)
	}

	if err := browsertest.Do(ctx, media("", "prefers-color-scheme", "dark")); err != nil {
		t.Fatal(err)
	}
	dark := measure(t, ctx)
	if !dark.Dark || dark.TextContrast < 4.5 || dark.LinkContrast < 4.5 {
		t.Errorf("with prefers-color-scheme: dark: %+v; want a dark page with AA contrast", dark)
	}

	if err := browsertest.Do(ctx, media("", "prefers-contrast", "more")); err != nil {
		t.Fatal(err)
	}
	more := measure(t, ctx)
	if more.Dark || more.TextContrast < 7 || more.LinkContrast < 7 || more.LinkContrast <= plain.LinkContrast {
		t.Errorf("with prefers-contrast: more: %+v; want AAA contrast, links stronger than %.2f", more, plain.LinkContrast)
	}

	// The reader's own choice on the site beats the system's.
	if err := browsertest.Do(ctx, media("", "prefers-color-scheme", "dark", "prefers-contrast", "more")); err != nil {
		t.Fatal(err)
	}
	eval[bool](t, ctx, `localStorage.setItem("resolve-contrast", "high"), true`)
	open(t, ctx, base+"hips/stage-1/")
	high := measure(t, ctx)
	if !high.Dark || high.TextContrast < 15 || high.LinkContrast < 15 {
		t.Errorf("with the high-contrast theme on: %+v; want white and yellow on black", high)
	}
}
