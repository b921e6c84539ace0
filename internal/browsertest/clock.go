package browsertest

import (
	"context"
	"strconv"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// FixClock makes every page the tab loads from now on start its wall clock
// at the given time (it ticks on from there), so that a test which fixes
// "today" and the page agree on the date even when a run crosses midnight:
// the test never reads the real clock a second time. It replaces the
// page's Date before any script runs; the Go WebAssembly runtime and
// new Date() both read it.
func FixClock(ctx context.Context, at time.Time) error {
	return Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: clockScript(at)})
		return err
	}))
}

// clockScript replaces Date with one whose "now" is shifted to start at at:
// new Date() and Date.now() give the shifted time, Date() its string, and
// every other use is the real Date's.
func clockScript(at time.Time) string {
	return `(() => {
	const Real = Date, shift = ` + strconv.FormatInt(at.UnixMilli(), 10) + ` - Real.now();
	function Fixed(...args) {
		const d = args.length ? new Real(...args) : new Real(Real.now() + shift);
		return new.target ? d : d.toString();
	}
	Object.setPrototypeOf(Fixed, Real);
	Fixed.prototype = Real.prototype;
	Fixed.now = () => Real.now() + shift;
	globalThis.Date = Fixed;
})();`
}
