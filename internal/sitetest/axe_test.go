package sitetest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"resolve/internal/browsertest"
)

// TestAxe runs axe-core's WCAG 2.2 A and AA rules on every page of the
// site, and checks that no page asks anything of another origin or asks
// the site for anything it does not have.
func TestAxe(t *testing.T) {
	base := siteURL(t)
	each(t, pages(t), 3, func(t *testing.T, ctx context.Context, p string) {
		log := browsertest.Requests(ctx)
		if err := log.Err(); err != nil {
			t.Fatal(err)
		}
		open(t, ctx, base+strings.TrimPrefix(p, "/"))
		vs, err := browsertest.Axe(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			t.Errorf("axe: %v", v)
		}
		for _, u := range log.Foreign(base) {
			t.Errorf("request to another origin: %s", u)
		}
		for _, r := range log.Failed(base) {
			t.Errorf("missing: %v", r)
		}
	})
}

// themePages are pages with every kind of component, checked in each
// colour theme: colour contrast is what a theme can break.
var themePages = []string{
	"/", "/hips/", "/hips/stage-1/", "/hips/flowchart/", "/hips/contacts/", "/hips/calendar/",
	"/iscp/", "/tees/changes/", "/glossary/", "/a-z/", "/search/?q=line+manager", "/404.html",
	"/hips/embed/flowchart/",
}

// TestAxeThemes runs axe-core's colour rules on pages of every kind in the
// dark theme, with more contrast asked for, and with the site's own
// high-contrast theme switched on. (TestAxe runs every rule in the default
// theme; a theme changes colours only.)
func TestAxeThemes(t *testing.T) {
	themes := []struct {
		name  string
		setup chromedp.Action[chromedp.Void]
		high  bool // switch on the site's high-contrast theme
	}{
		{"dark", media("", "prefers-color-scheme", "dark"), false},
		{"more-contrast", media("", "prefers-contrast", "more"), false},
		{"more-contrast-dark", media("", "prefers-contrast", "more", "prefers-color-scheme", "dark"), false},
		{"high-contrast", media(""), true},
	}
	base := siteURL(t)
	for _, th := range themes {
		t.Run(th.name, func(t *testing.T) {
			each(t, themePages, 2, func(t *testing.T, ctx context.Context, p string) {
				if err := browsertest.Do(ctx, th.setup); err != nil {
					t.Fatal(err)
				}
				u := base + strings.TrimPrefix(p, "/")
				open(t, ctx, u)
				if th.high && strings.Contains(p, "/embed/") {
					t.Skip("an embed has no contrast toggle: it follows the host's and the reader's preferences")
				}
				if th.high {
					eval[bool](t, ctx, `localStorage.setItem("resolve-contrast", "high"), true`)
					open(t, ctx, u)
					if !eval[bool](t, ctx, `document.documentElement.classList.contains("contrast-high")`) {
						t.Fatal("the high-contrast theme is not on after setting it in localStorage")
					}
				}
				if strings.Contains(p, "?q=") {
					poll[bool](t, ctx, `document.querySelectorAll("#search-results li").length > 0`)
				}
				for _, v := range colourAxe(t, ctx) {
					t.Errorf("axe (%s): %s", th.name, v)
				}
			})
		})
	}
}

// colourRules are the axe-core rules of WCAG 2.2 AA that colours decide.
const colourRules = `["color-contrast", "link-in-text-block", "non-text-contrast"]`

// colourAxe runs axe-core's colour rules on the tab's page and describes
// each element that breaks one.
func colourAxe(t testing.TB, ctx context.Context) []string {
	t.Helper()
	if !eval[bool](t, ctx, `typeof window.axe === "object"`) {
		src, err := os.ReadFile(filepath.Join(repoRoot, ".tools/node_modules/axe-core/axe.min.js"))
		if err != nil {
			t.Fatalf("reading axe-core: %v (run scripts/test-setup)", err)
		}
		if _, err := browsertest.Run(ctx, chromedp.Evaluate[chromedp.Void](string(src))); err != nil {
			t.Fatalf("injecting axe-core: %v", err)
		}
	}
	return eval[[]string](t, ctx, `axe.getRules().map((r) => r.ruleId).filter((id) => `+colourRules+`.includes(id)).length === 0 ? ["no colour rules in this axe-core"] :
		axe.run(document, {runOnly: {type: "rule", values: `+colourRules+`.filter((id) => axe.getRules().some((r) => r.ruleId === id))}, resultTypes: ["violations"]})
		.then((r) => r.violations.flatMap((v) => v.nodes.map((n) => v.id + ": " + v.help + ": " + String(n.target) + " " + (n.failureSummary || "").replace(/\s+/g, " "))))`)
}
