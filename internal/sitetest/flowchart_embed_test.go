package sitetest

import (
	"context"
	"encoding/json"
	"errors"
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
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"resolve/internal/browsertest"
)

// embedCodes reads the code each flowchart page gives trainers to paste, by
// protocol id, with the site's address in front of its path as the page's
// script puts it (the example site has no full address of its own).
func embedCodes(t testing.TB, dir, base string) map[string]string {
	t.Helper()
	site, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]string{}
	for id := range stagesOf(t) {
		page, err := os.ReadFile(filepath.Join(dir, id, "flowchart", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`(?s)<textarea id="embed-code"[^>]*>(.*?)</textarea>`).FindSubmatch(page)
		if m == nil {
			t.Fatalf("/%s/flowchart/ has no embed code", id)
		}
		code := html.UnescapeString(string(m[1]))
		codes[id] = strings.Replace(code, `src="/`, `src="`+site.Scheme+"://"+site.Host+"/", 1)
	}
	return codes
}

// scriptRE matches a script element, as platforms that strip scripts remove it.
var scriptRE = regexp.MustCompile(`(?s)<script.*?</script>`)

// inFrame evaluates expr in the document of the tab's first frame whose
// address starts with prefix, in a world of its own (the host page cannot
// reach into a frame of another origin, but the browser can), and decodes
// the value into out.
func inFrame(ctx context.Context, prefix, expr string, out any) error {
	return browsertest.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		tree, err := cdp.Call(ctx, tg, page.GetFrameTree, cdp.Empty{})
		if err != nil {
			return err
		}
		var id cdp.FrameID
		var walk func(*page.FrameTree)
		walk = func(f *page.FrameTree) {
			if id == "" && f.Frame.ParentID != "" && strings.HasPrefix(f.Frame.URL, prefix) {
				id = f.Frame.ID
			}
			for _, c := range f.ChildFrames {
				walk(c)
			}
		}
		walk(tree.FrameTree)
		if id == "" {
			return errors.New("no frame shows " + prefix)
		}
		world, err := cdp.Call(ctx, tg, page.CreateIsolatedWorld, page.CreateIsolatedWorldParams{FrameID: id})
		if err != nil {
			return err
		}
		byValue := true
		r, err := cdp.Call(ctx, tg, runtime.Evaluate, runtime.EvaluateParams{Expression: expr, ContextID: world.ExecutionContextID, ReturnByValue: &byValue})
		if err != nil {
			return err
		}
		if r.ExceptionDetails != nil {
			return fmt.Errorf("%s: %s", r.ExceptionDetails.Text, r.Result.Description)
		}
		return json.Unmarshal(r.Result.Value, out)
	}))
}

// pollFrame waits, for up to 15 seconds, for the embed page at embed to
// load in a frame of the tab, then describes it.
func pollFrame(t testing.TB, ctx context.Context, embed string) embedView {
	t.Helper()
	var err error
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		var ready bool
		if err = inFrame(ctx, embed, `document.readyState === "complete" && !!document.querySelector(".fc-compact svg")`, &ready); err != nil || !ready {
			continue
		}
		var v embedView
		if err = inFrame(ctx, embed, embedViewJS, &v); err == nil {
			return v
		}
	}
	t.Fatalf("the embed page %s never loaded in its frame: %v", embed, err)
	return embedView{}
}

// embedViewJS describes the embed page as its window shows it: whether it
// scrolls either way, whether the compact chart shows and lies whole in the
// window, and whether the list of stages shows.
const embedViewJS = `(() => {
	const de = document.documentElement, vw = innerWidth, vh = innerHeight;
	const chart = document.querySelector(".fc-compact svg");
	const r = chart.getBoundingClientRect();
	const list = document.querySelector(".fc-steps");
	return {
		width: vw, height: vh, content: de.scrollHeight,
		scrolls: de.scrollHeight > vh + 0.5 || de.scrollWidth > vw + 0.5,
		chart: r.width > 0 && r.top >= 0 && r.bottom <= vh + 0.5 && r.left >= 0 && r.right <= vw + 0.5,
		chartWidth: r.width,
		list: list.checkVisibility() && list.getBoundingClientRect().height > 0,
	};
})()`

// embedView is what embedViewJS reports.
type embedView struct {
	Width, Height, Content int
	Scrolls, Chart, List   bool
	ChartWidth             float64
}

// TestEmbedInAnotherOrigin loads each embed page in an iframe of a page
// served from another origin, with the code the flowchart page gives
// trainers to paste: as it is, where the frame is sized from the height the
// embed posts, and with its script stripped in a 700-pixel column, where
// the frame's own height must already show the whole chart with no scroll
// bar and no border.
func TestEmbedInAnotherOrigin(t *testing.T) {
	base := siteURL(t)
	codes := embedCodes(t, siteDir, base)
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, stripped := strings.CutSuffix(strings.Trim(r.URL.Path, "/"), "/stripped")
		id, page := strings.CutSuffix(id, "/page")
		code, ok := codes[id]
		if !ok {
			http.NotFound(w, r)
			return
		}
		if page { // the flowchart page, which no other site may frame
			code = `<iframe src="` + base + id + `/flowchart/" title="Flowchart page"></iframe>`
		}
		if stripped {
			code = scriptRE.ReplaceAllString(code, "")
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Training</title></head>"+
			"<body><h1>Training session</h1>\n<div style=\"width: 700px\">%s</div>\n<p>After the chart.</p></body></html>", code)
	}))
	t.Cleanup(host.Close)
	if strings.HasPrefix(base, host.URL) {
		t.Fatal("the host page and the site share an origin")
	}
	for id := range codes {
		t.Run(id, func(t *testing.T) {
			ctx := tab(t)
			log := browsertest.Requests(ctx)
			embed := base + id + "/embed/flowchart/"

			open(t, ctx, host.URL+"/"+id+"/stripped/")
			if eval[bool](t, ctx, `!!document.querySelector("script")`) {
				t.Fatal("the stripped host page still has a script")
			}
			poll[bool](t, ctx, `(() => { const f = document.querySelector("iframe[data-resolve-flowchart]"); return f && f.contentWindow && f.getBoundingClientRect().height > 0; })()`)
			frame := eval[[]float64](t, ctx, `(() => { const f = document.querySelector("iframe[data-resolve-flowchart]"), s = getComputedStyle(f); return [f.clientWidth, f.clientHeight, parseFloat(s.borderTopWidth) + parseFloat(s.borderLeftWidth)]; })()`)
			if frame[0] != 700 || frame[2] != 0 {
				t.Errorf("the frame is %vpx wide with a %vpx border; want 700 and none", frame[0], frame[2])
			}
			v := pollFrame(t, ctx, embed)
			if v.Scrolls || !v.Chart || v.Width != 700 {
				t.Errorf("with the script stripped, the embed in a %dx%d frame shows %+v; want the whole chart and no scroll bar", v.Width, v.Height, v)
			}
			if spare := v.Height - v.Content; spare > 40 {
				t.Errorf("with the script stripped, the frame is %dpx taller than the embed", spare)
			}

			open(t, ctx, host.URL+"/"+id+"/")
			// The code's own script sets the height when a message comes.
			h := poll[float64](t, ctx, `(() => { const f = document.querySelector("iframe[data-resolve-flowchart]"); return f.style.height ? parseFloat(f.style.height) : 0; })()`)
			if v := pollFrame(t, ctx, embed); v.Scrolls || !v.Chart || h < 200 || h > float64(v.Content)+1 {
				t.Errorf("with the script the frame was sized to %.0fpx and shows %+v; want the embed's height, whole", h, v)
			}
			// The flowchart page itself refuses to be framed: the browser
			// shows its error page in the frame instead.
			open(t, ctx, host.URL+"/"+id+"/page/")
			if u := pollFrameURL(t, ctx); strings.HasPrefix(u, base) {
				t.Errorf("another site framed the flowchart page: the frame shows %s", u)
			}
			for _, u := range log.Foreign(base) {
				if !strings.HasPrefix(u, host.URL) {
					t.Errorf("request to a third origin: %s", u)
				}
			}
		})
	}
}

// pollFrameURL waits, for up to 15 seconds, for the tab's first frame to
// show a document, and returns its address: the one asked for, or the
// browser's error page where the frame was refused.
func pollFrameURL(t testing.TB, ctx context.Context) string {
	t.Helper()
	var u string
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		err := browsertest.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			tree, err := cdp.Call(ctx, tg, page.GetFrameTree, cdp.Empty{})
			if err == nil && len(tree.FrameTree.ChildFrames) > 0 {
				u = tree.FrameTree.ChildFrames[0].Frame.URL
			}
			return err
		}))
		if err != nil {
			t.Fatal(err)
		}
		if u != "" && u != "about:blank" {
			return u
		}
	}
	t.Fatal("the frame never showed a document")
	return ""
}

// TestEmbedSizes opens each embed page in windows as wide as frames are:
// at 720 and 700 pixels, as high as the embed code's height attribute, the
// whole chart shows with nothing to scroll; below 576 pixels the list of
// stages shows instead of a chart with shrunken text; ?title=0 leaves the
// heading to screen readers.
func TestEmbedSizes(t *testing.T) {
	base := siteURL(t)
	codes := embedCodes(t, siteDir, base)
	for id, code := range codes {
		m := regexp.MustCompile(`height="(\d+)"`).FindStringSubmatch(code)
		if m == nil {
			t.Fatalf("%s: the embed code has no height: %s", id, code)
		}
		height, _ := strconv.ParseInt(m[1], 10, 64)
		t.Run(id, func(t *testing.T) {
			ctx := tab(t)
			u := base + id + "/embed/flowchart/"
			for _, w := range []int64{720, 700, 600} {
				if err := browsertest.Do(ctx, chromedp.EmulateViewport(w, height)); err != nil {
					t.Fatal(err)
				}
				open(t, ctx, u)
				v := eval[embedView](t, ctx, embedViewJS)
				if v.Scrolls || !v.Chart || v.List {
					t.Errorf("%dx%d: %+v; want the whole chart, the list folded and no scroll bar", w, height, v)
				}
				if w == 720 && (v.ChartWidth != 720 || v.Content < int(height)-4) {
					t.Errorf("720x%d: the chart is %.0fpx wide in a page %dpx high; want 720 in about %d", height, v.ChartWidth, v.Content, height)
				}
			}
			for _, w := range []int64{575, 390} {
				if err := browsertest.Do(ctx, chromedp.EmulateViewport(w, 800)); err != nil {
					t.Fatal(err)
				}
				open(t, ctx, u+"?title=0&stage=2")
				v := eval[embedView](t, ctx, embedViewJS)
				if v.ChartWidth != 0 || !v.List || v.Width != int(w) || eval[bool](t, ctx, `document.documentElement.scrollWidth > innerWidth`) {
					t.Errorf("%dpx: %+v; want the list and no chart", w, v)
				}
				if got := eval[string](t, ctx, fcState); !strings.Contains(got, "| stage-2 |") {
					t.Errorf("%dpx with ?stage=2: %s", w, got)
				}
				if h := eval[[]float64](t, ctx, `(() => { const r = document.querySelector("h1").getBoundingClientRect(); return [r.width, r.height]; })()`); h[0] > 1 || h[1] > 1 {
					t.Errorf("%dpx with ?title=0: the heading is %vx%v px; want it for screen readers only", w, h[0], h[1])
				}
			}
		})
	}
}
