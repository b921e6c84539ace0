package sitetest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"resolve/internal/browsertest"
)

// The conditions of the start-up figures: a slow mobile line and a phone's
// CPU, as the design's budget sets them.
const (
	slowLine    = 1_600_000 / 8 // bytes per second: 1.6 Mbit/s
	slowLatency = 150 * time.Millisecond
	slowCPU     = 4 // times slower
)

// brotliCache holds each file compressed once, by its contents.
var brotliCache sync.Map // sha-256 of the contents -> brotli

// brotliOf compresses data as a static host precompresses (quality 11, a
// 4 MiB window), once.
func brotliOf(data []byte) []byte {
	key := sha256.Sum256(data)
	if v, ok := brotliCache.Load(key); ok {
		return v.([]byte)
	}
	var buf bytes.Buffer
	w := brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: brotli.BestCompression, LGWin: 22})
	w.Write(data)
	w.Close()
	v, _ := brotliCache.LoadOrStore(key, buf.Bytes())
	return v.([]byte)
}

// compressed serves the built site in dir as a static host that compresses
// does: the module, scripts, styles and pages brotli-compressed (quality
// 11, as hosts precompress) to a browser that accepts it. Each call is a
// new origin, so nothing is cached from an earlier one.
func compressed(t testing.TB, dir string) string {
	t.Helper()
	plain, err := url.Parse(browsertest.Serve(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(plain)
	proxy.ModifyResponse = func(res *http.Response) error {
		typ := res.Header.Get("Content-Type")
		if res.StatusCode != http.StatusOK || !strings.Contains(res.Request.Header.Get("Accept-Encoding"), "br") ||
			!(strings.HasPrefix(typ, "application/wasm") || strings.HasPrefix(typ, "text/") || strings.HasPrefix(typ, "application/json")) {
			return nil
		}
		body, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil {
			return err
		}
		out := brotliOf(body)
		res.Body = io.NopCloser(bytes.NewReader(out))
		res.ContentLength = int64(len(out))
		res.Header.Set("Content-Length", strconv.Itoa(len(out)))
		res.Header.Set("Content-Encoding", "br")
		res.Header.Del("Accept-Ranges")
		return nil
	}
	srv := httptest.NewServer(proxy)
	t.Cleanup(srv.Close)
	return srv.URL + "/"
}

// slowCPUAndLine makes the tab's CPU slowCPU times slower and its network
// the slow line, for pages opened after it.
func slowCPUAndLine(t testing.TB, ctx context.Context) {
	t.Helper()
	throttle(t, ctx, slowLatency, slowLine)
	err := browsertest.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: slowCPU})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
}

// visit is what one visit to the form measured, in milliseconds from the
// start of the navigation, on the page's own clock.
type visit struct {
	paint float64 // first contentful paint: the form is there to type in
	typed float64 // a key pressed as soon as the page had loaded shows in the field
	fetch float64 // the module's download starts
	got   float64 // and ends
	main  float64 // the module's Go code has begun to run: downloaded and compiled
	ready float64 // the module has started: due dates are live
}

// typedProbe notes when the first key typed into the form arrives.
const typedProbe = `document.addEventListener("input", () => { if (!window.__typed) window.__typed = performance.now(); }, true);`

// visitForm opens the form and measures it. On the slow line a visit can
// take longer than one of browsertest's steps may, so it waits on the
// tab's own deadline.
func visitForm(t testing.TB, ctx context.Context, u string) visit {
	t.Helper()
	long := chromedp.WithPollingTimeout(90 * time.Second)
	start := time.Now()
	defer func() { t.Logf("visit to %s took %v", u, time.Since(start).Round(time.Millisecond)) }()
	// Nothing typed before is unsaved work: no question before leaving.
	_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const f = document.getElementById("record-form"); if (f) f.setAttribute("data-dirty", "false"); return true; })()`))
	if err == nil {
		_, err = chromedp.Run(ctx, chromedp.Navigate(u))
	}
	if err == nil {
		_, err = chromedp.Run(ctx, chromedp.Poll[bool](`document.readyState !== "loading" && !!document.getElementById("reference")`, long))
	}
	if err == nil { // a key pressed as soon as the field is there
		_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("reference").focus(), true`))
	}
	if err == nil {
		_, err = chromedp.Run(ctx, chromedp.KeyEvent("x"))
	}
	if err == nil {
		_, err = chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("record-form").getAttribute("data-ready") === "true"`, long))
	}
	if err != nil {
		t.Fatalf("visiting %s: %v", u, err)
	}
	v := eval[[]float64](t, ctx, `[
  (performance.getEntriesByName("first-contentful-paint")[0] || {startTime: -1}).startTime,
  window.__typed || -1,
  ((performance.getEntriesByType("resource").find((e) => e.name.endsWith(".wasm")) || {startTime: -1}).startTime),
  ((performance.getEntriesByType("resource").find((e) => e.name.endsWith(".wasm")) || {responseEnd: -1}).responseEnd),
  performance.getEntriesByName("record-main")[0].startTime,
  performance.getEntriesByName("record-ready")[0].startTime]`)
	return visit{v[0], v[1], v[2], v[3], v[4], v[5]}
}

// BenchmarkRecordStartup opens the HIPS form on a slow line (1.6 Mbit/s,
// 150 ms) with a CPU four times slower, the module served compressed, first
// on a new origin (nothing cached) and then again (the browser's caches
// and the site's service worker warm). It reports when the form can be
// typed in, and when the due dates are live: the design's goals are 5 s on
// a first visit and 1 s on a repeat visit.
func BenchmarkRecordStartup(b *testing.B) {
	site := buildSiteForRecord(b)
	// Compressing the module takes a while: not while a visit is timed.
	modules, _ := filepath.Glob(filepath.Join(site, "wasm", "*"))
	for _, m := range modules {
		data, err := os.ReadFile(m)
		if err != nil {
			b.Fatal(err)
		}
		brotliOf(data)
	}
	var first, again []visit
	for b.Loop() {
		base := compressed(b, site)
		ctx := tab(b)
		if err := browsertest.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: typedProbe})
			return err
		})); err != nil {
			b.Fatal(err)
		}
		if err := browsertest.FixClock(ctx, time.Date(today.Year, today.Month, today.Day, 10, 0, 0, 0, time.Local)); err != nil {
			b.Fatal(err)
		}
		slowCPUAndLine(b, ctx)
		first = append(first, visitForm(b, ctx, base+"hips/record/"))
		// The service worker saves the site after the first visit; the
		// next visit is a practitioner coming back another day.
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`navigator.serviceWorker.controller !== null`, chromedp.WithPollingTimeout(90*time.Second))); err != nil {
			b.Fatalf("the service worker never took over: %v", err)
		}
		again = append(again, visitForm(b, ctx, base+"hips/record/"))
	}
	med := func(vs []visit, f func(visit) float64) float64 {
		xs := make([]float64, len(vs))
		for i, v := range vs {
			xs[i] = f(v)
		}
		slices.Sort(xs)
		return xs[len(xs)/2]
	}
	b.ReportMetric(med(first, func(v visit) float64 { return v.paint }), "first-paint-ms")
	b.ReportMetric(med(first, func(v visit) float64 { return v.typed }), "first-typed-ms")
	b.ReportMetric(med(first, func(v visit) float64 { return v.ready }), "first-due-dates-ms")
	b.ReportMetric(med(again, func(v visit) float64 { return v.paint }), "repeat-paint-ms")
	b.ReportMetric(med(again, func(v visit) float64 { return v.ready }), "repeat-due-dates-ms")
	b.Logf("first visits %+v; repeat visits %+v", first, again)
}

// BenchmarkRecordOpenBig opens a record just under the 1 MiB limit, one
// long answer, into the form: from choosing the file to the form showing
// it and the browser painting it, on the page's clock. The goal is under
// a second.
func BenchmarkRecordOpenBig(b *testing.B) {
	base := browsertest.Serve(b, buildSiteForRecord(b))
	ctx := tab(b)
	openRecord(b, ctx, base, "hips")
	waitReady(b, ctx)
	big := bigRecord(b)
	var took []float64
	for b.Loop() {
		eval[bool](b, ctx, `(() => { window.__chosen = 0; performance.clearMarks("record-opened");
  document.getElementById("open-file").addEventListener("change", () => { window.__chosen = performance.now(); }, {once: true});
  document.getElementById("record-form").setAttribute("data-dirty", "false"); return true; })()`)
		openFile(b, ctx, "big.json", big)
		poll[bool](b, ctx, `performance.getEntriesByName("record-opened").length > 0`)
		// Until the browser has laid the record out and painted it: the
		// next frame after the module is done.
		took = append(took, eval[float64](b, ctx, `new Promise((done) => requestAnimationFrame(() => setTimeout(() => done(performance.now() - window.__chosen))))`))
	}
	slices.Sort(took)
	b.ReportMetric(took[len(took)/2], "open-1MiB-ms")
}
