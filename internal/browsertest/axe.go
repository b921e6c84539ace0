package browsertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/chromedp/chromedp"
)

// axeTags are the axe-core rule tags that make up WCAG 2.2 AA. Best-practice
// rules are not among them, so they do not run.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// A Violation is one axe-core rule that the page breaks.
type Violation struct {
	ID      string   `json:"id"`      // the rule, such as "image-alt"
	Impact  string   `json:"impact"`  // minor, moderate, serious or critical
	Help    string   `json:"help"`    // what the rule asks for
	HelpURL string   `json:"helpUrl"` // axe's page about the rule
	Targets []string `json:"targets"` // a CSS selector for each element that breaks it
}

// String reads as "id (impact): help: target, target".
func (v Violation) String() string {
	return fmt.Sprintf("%s (%s): %s: %s", v.ID, v.Impact, v.Help, strings.Join(v.Targets, ", "))
}

// axeRun runs axe on the document and returns its violations in the shape of
// Violation. A target is an array with a selector per frame, and a selector
// inside a shadow root is itself an array; both are flattened into one string.
// iframes is false because axe would wait a minute for an answer from frames
// it was not injected into: a framed page (the embeddable flowchart) is
// checked at its own URL. The `frame-title` rule still checks the <iframe>.
const axeRun = `(async () => {
	const result = await axe.run(document, {
		runOnly: {type: "tag", values: %s},
		resultTypes: ["violations"],
		iframes: false,
	});
	const flat = (t) => Array.isArray(t) ? t.map(flat).join(" >>> ") : String(t);
	return result.violations.map((v) => ({
		id: v.id,
		impact: v.impact || "",
		help: v.help,
		helpUrl: v.helpUrl,
		targets: v.nodes.map((n) => flat(n.target)),
	}));
})()`

// Axe injects axe-core from .tools/ into the tab's current page, if it is not
// there yet, runs the WCAG 2.2 AA rules (tags wcag2a, wcag2aa, wcag21a,
// wcag21aa and wcag22aa) and returns the violations, none for a page that
// passes.
func Axe(ctx context.Context) ([]Violation, error) {
	root, err := rootOf(ctx)
	if err != nil {
		return nil, err
	}
	src, err := os.ReadFile(filepath.Join(root, axePath))
	if err != nil {
		return nil, fmt.Errorf("browsertest: reading axe-core (%v): %s", err, setupHint)
	}
	loaded, err := Run(ctx, chromedp.Evaluate[bool](`typeof window.axe === "object"`))
	if err != nil {
		return nil, fmt.Errorf("browsertest: axe: %w", err)
	}
	if !loaded {
		if _, err := Run(ctx, chromedp.Evaluate[chromedp.Void](string(src))); err != nil {
			return nil, fmt.Errorf("browsertest: injecting axe-core: %w", err)
		}
	}
	tags := `["` + strings.Join(axeTags, `", "`) + `"]`
	vs, err := Run(ctx, chromedp.Evaluate[[]Violation](fmt.Sprintf(axeRun, tags), chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("browsertest: running axe-core: %w", err)
	}
	return vs, nil
}
