package browsertest

import (
	"context"
	"errors"
	"fmt"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// describeJS is a JavaScript function that describes an element for a test
// failure: its tag, id, href and name, and the start of its label or text,
// as in `a#skip[href="#main"] "Skip to main content"`.
const describeJS = `((el) => {
	let s = el.tagName.toLowerCase();
	if (el.id) s += "#" + el.id;
	for (const a of ["href", "name", "type"]) {
		const v = el.getAttribute(a);
		if (v !== null) s += "[" + a + "=" + JSON.stringify(v) + "]";
	}
	const text = (el.getAttribute("aria-label") || el.innerText || el.value || "")
		.trim().replace(/\s+/g, " ");
	if (text) s += " " + JSON.stringify(text.length > 60 ? text.slice(0, 59) + "…" : text);
	return s;
})`

// focusedJS describes document.activeElement; "body" when nothing has focus.
const focusedJS = `(() => {
	const el = document.activeElement;
	if (!el || el === document.body || el === document.documentElement) return "body";
	return ` + describeJS + `(el);
})()`

// Focused describes the element that has the keyboard focus, in the form
// `tag#id[href="..."] "text"`, or returns "body" when no element has it.
func Focused(ctx context.Context) (string, error) {
	s, err := Run(ctx, chromedp.Evaluate[string](focusedJS))
	if err != nil {
		return "", fmt.Errorf("browsertest: reading the focused element: %w", err)
	}
	return s, nil
}

// PressTab presses Tab n times, as a keyboard user moves through the page,
// and returns the description ([Focused]) of the focused element after each
// press.
func PressTab(ctx context.Context, n int) ([]string, error) {
	return press(ctx, n)
}

// PressShiftTab presses Shift+Tab n times, moving backwards through the page,
// and returns the focused element after each press as [PressTab] does.
func PressShiftTab(ctx context.Context, n int) ([]string, error) {
	return press(ctx, n, chromedp.KeyModifiers(chromedp.ModifierShift))
}

func press(ctx context.Context, n int, opts ...chromedp.KeyOption) ([]string, error) {
	var seen []string
	for i := range n {
		if err := Do(ctx, chromedp.KeyEvent(kb.Tab, opts...)); err != nil {
			return seen, fmt.Errorf("browsertest: pressing Tab (%d of %d): %w", i+1, n, err)
		}
		s, err := Focused(ctx)
		if err != nil {
			return seen, err
		}
		seen = append(seen, s)
	}
	return seen, nil
}

// A FocusStyle is how the focused element looks with and without focus. Only
// the outline and the box-shadow count, the two ways the site's CSS (like the
// GOV.UK Design System's) draws a focus indicator.
type FocusStyle struct {
	Element   string `json:"element"`   // as Focused describes it
	Focused   string `json:"focused"`   // outline and box-shadow with focus
	Unfocused string `json:"unfocused"` // the same after the element loses focus
}

// Visible reports whether focus changes the outline or the box-shadow, so a
// keyboard user can see where they are.
func (s FocusStyle) Visible() bool {
	return s.Focused != s.Unfocused
}

// String reads as "element: focused ... / unfocused ...".
func (s FocusStyle) String() string {
	return fmt.Sprintf("%s: focused {%s} / unfocused {%s}", s.Element, s.Focused, s.Unfocused)
}

// focusStyleJS reads the focused element's outline and box-shadow, blurs it,
// reads them again and gives the focus back. Running animations and
// transitions are finished first, so a style that fades in is read at its
// end. An outline whose style is none or whose width is 0 is drawn as none,
// whatever its colour.
const focusStyleJS = `(() => {
	const el = document.activeElement;
	if (!el || el === document.body || el === document.documentElement) return null;
	const look = () => {
		for (const a of document.getAnimations()) {
			try { a.finish(); } catch (e) { /* an endless animation cannot finish */ }
		}
		const s = getComputedStyle(el);
		const outline = s.outlineStyle === "none" || parseFloat(s.outlineWidth) === 0
			? "none"
			: [s.outlineWidth, s.outlineStyle, s.outlineColor, "offset", s.outlineOffset].join(" ");
		return "outline: " + outline + "; box-shadow: " + s.boxShadow;
	};
	const focused = look();
	el.blur();
	const unfocused = look();
	el.focus();
	return {element: ` + describeJS + `(el), focused: focused, unfocused: unfocused};
})()`

// FocusIndicator reads the outline and box-shadow of the focused element with
// focus and without, and gives the focus back. Call it after moving the focus
// with the keyboard ([PressTab]): the browser draws :focus-visible styles only
// for keyboard focus. It returns an error when no element has the focus.
func FocusIndicator(ctx context.Context) (FocusStyle, error) {
	s, err := Run(ctx, chromedp.Evaluate[*FocusStyle](focusStyleJS))
	if err != nil {
		return FocusStyle{}, fmt.Errorf("browsertest: reading the focus style: %w", err)
	}
	if s == nil {
		return FocusStyle{}, errors.New("browsertest: reading the focus style: no element has the focus")
	}
	return *s, nil
}
