package sitetest

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
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
var brotliCache sync.Map // string(sha of contents) -> []byte

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
		key := string(body)
		if len(body) > 4096 {
			key = res.Request.URL.Path + strconv.Itoa(len(body)) // fingerprinted files: the path says which
		}
		v, ok := brotliCache.Load(key)
		if !ok {
			var buf bytes.Buffer
			w := brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: brotli.BestCompression, LGWin: 22})
			w.Write(body)
			w.Close()
			v, _ = brotliCache.LoadOrStore(key, buf.Bytes())
		}
		out := v.([]byte)
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
	ready float64 // the module has started: due dates are live
}

// typedProbe notes when the first key typed into the form arrives.
const typedProbe = `document.addEventListener("input", () => { if (!window.__typed) window.__typed = performance.now(); }, true);`

// visitForm opens the form and measures it.
func visitForm(t testing.TB, ctx context.Context, u string) visit {
	t.Helper()
	open(t, ctx, u)
	if err := browsertest.Do(ctx, chromedp.SendKeys(css("reference"), "x")); err != nil {
		t.Fatal(err)
	}
	// Slow on purpose: the wait is longer than poll's.
	if _, err := browsertest.Run(ctx, chromedp.Poll[bool](`document.getElementById("record-form").getAttribute("data-ready") === "true"`, chromedp.WithPollingTimeout(90*time.Second))); err != nil {
		t.Fatalf("the module never started: %v", err)
	}
	v := eval[[]float64](t, ctx, `[
  (performance.getEntriesByName("first-contentful-paint")[0] || {startTime: -1}).startTime,
  window.__typed || -1,
  performance.getEntriesByName("record-ready")[0].startTime]`)
	return visit{v[0], v[1], v[2]}
}

// BenchmarkRecordStartup opens the HIPS form on a slow line (1.6 Mbit/s,
// 150 ms) with a CPU four times slower, the module served compressed, first
// on a new origin (nothing cached) and then again (the browser's caches
// and the site's service worker warm). It reports when the form can be
// typed in, and when the due dates are live: the design's goals are 5 s on
// a first visit and 1 s on a repeat visit.
func BenchmarkRecordStartup(b *testing.B) {
	site := buildSiteForRecord(b)
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
		if _, err := browsertest.Run(ctx, chromedp.Poll[bool](`navigator.serviceWorker.controller !== null`, chromedp.WithPollingTimeout(60*time.Second))); err != nil {
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
