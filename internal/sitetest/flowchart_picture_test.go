package sitetest

import (
	"bytes"
	"context"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"resolve/internal/browsertest"
	"resolve/internal/build"
)

// svgSize reads the width and height attributes of a standalone SVG file.
func svgSize(t testing.TB, file string) (w, h int) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`<svg [^>]*width="(\d+)" height="(\d+)"`).FindSubmatch(b)
	if m == nil {
		t.Fatalf("%s has no width and height", file)
	}
	w, _ = strconv.Atoi(string(m[1]))
	h, _ = strconv.Atoi(string(m[2]))
	return w, h
}

// TestFlowchartPNG downloads each flowchart as a PNG, by keyboard, and
// decodes it: a whole PNG, at least 1920 pixels wide, the picture's size
// times the page's scale, drawn with no request off the site. (Pixels differ
// with the machine's fonts; sizes do not.) The example procedures, of four
// to six stages, fit a 16:9 slide.
func TestFlowchartPNG(t *testing.T) {
	base := siteURL(t)
	for id := range stagesOf(t) {
		t.Run(id, func(t *testing.T) {
			ctx := tab(t)
			dir := downloads(t, ctx)
			log := browsertest.Requests(ctx)
			open(t, ctx, base+id+"/flowchart/")
			scale := eval[string](t, ctx, `document.querySelector("[data-fc-png]").dataset.fcScale`)
			tabTo(t, ctx, "[data-fc-png]")
			key(t, ctx, kb.Enter)
			_, data := download(t, dir, id+"-flowchart", ".png")
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("the download is not a PNG: %v", err)
			}
			k, _ := strconv.Atoi(scale)
			w, h := svgSize(t, filepath.Join(siteDir, id, "flowchart.svg"))
			if b := img.Bounds(); b.Dx() != w*k || b.Dy() != h*k || b.Dx() < 1920 {
				t.Errorf("the PNG is %dx%d; want %dx%d (the %dx%d picture times %d), at least 1920 wide", b.Dx(), b.Dy(), w*k, h*k, w, h, k)
			}
			t.Logf("%s: PNG %dx%d, %d bytes", id, img.Bounds().Dx(), img.Bounds().Dy(), len(data))
			if w*9 < h*16 {
				t.Errorf("the picture is %dx%d, taller than a 16:9 slide", w, h)
			}
			if got := poll[string](t, ctx, `document.querySelector("[data-fc-png] + .fc-copy-status").textContent`); got != "Downloaded" {
				t.Errorf("the status says %q", got)
			}
			for _, u := range log.Foreign(base) {
				t.Errorf("request off the site: %s", u)
			}
		})
	}
}

// a4Landscape is the printable area of an A4 landscape page with the
// site's print margins (15 mm at the sides and top, 20 mm below), in CSS
// pixels: 267 by 175 mm.
const a4Width, a4Height = 1009, 661

// TestFlowchartPrint prints each flowchart page: the compact chart has an
// A4 landscape page of its own and fits it, and the page's other charts and
// controls stay off paper.
func TestFlowchartPrint(t *testing.T) {
	base := siteURL(t)
	for id := range stagesOf(t) {
		t.Run(id, func(t *testing.T) {
			ctx := tab(t)
			if err := browsertest.Do(ctx, media("print"), chromedp.EmulateViewport(a4Width, a4Height)); err != nil {
				t.Fatal(err)
			}
			open(t, ctx, base+id+"/flowchart/")
			got := eval[map[string]any](t, ctx, `(() => {
				const r = document.querySelector(".fc-compact svg").getBoundingClientRect();
				const s = getComputedStyle(document.querySelector(".fc-compact"));
				const seen = (sel) => [...document.querySelectorAll(sel)].some((e) => e.getClientRects().length > 0);
				return {height: r.height, width: r.width, before: s.breakBefore, after: s.breakAfter,
					others: seen(".fc-tall, .fc-trainer, .fc-extras, textarea"), list: seen(".fc-steps dd")};
			})()`)
			if h, w := got["height"].(float64), got["width"].(float64); h < 400 || h > a4Height-16 || w > a4Width {
				t.Errorf("the chart prints %.0fx%.0f px; want it high on a %dx%d page, clear of the print stamp", w, h, a4Width, a4Height)
			}
			if got["before"] != "page" || got["after"] != "page" || got["others"] != false || got["list"] != true {
				t.Errorf("in print: %v; want the chart on a page of its own, then the list with every stage open", got)
			}
			pdf, err := browsertest.Run(ctx, chromedp.Action[[]byte](func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
				prefer := true
				r, err := cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: &prefer})
				if err != nil {
					return nil, err
				}
				return r.Data, nil
			}))
			if err != nil {
				t.Fatal(err)
			}
			boxes := regexp.MustCompile(`/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]`).FindAllSubmatch(pdf, -1)
			if len(boxes) < 3 {
				t.Fatalf("the PDF has %d pages; want the heading, the chart and the list", len(boxes))
			}
			for i, b := range boxes {
				w, _ := strconv.ParseFloat(string(b[1]), 64)
				h, _ := strconv.ParseFloat(string(b[2]), 64)
				if w < 841 || w > 843 || h < 594 || h > 596 {
					t.Errorf("page %d is %.0fx%.0f pt; want A4 landscape, 842x595", i+1, w, h)
				}
			}
		})
	}
}

// TestOEmbedDiscovery builds the example site with a full address, as a
// partnership publishing at its own domain would: each flowchart page names
// its oEmbed response, which is JSON with the fields oEmbed asks of a rich
// type, absolute URLs and the frame the embed code gives.
func TestOEmbedDiscovery(t *testing.T) {
	const site = "https://example.org/procedures/"
	out := filepath.Join(t.TempDir(), "site")
	if _, err := build.Build(build.Config{
		Content: filepath.Join(repoRoot, "content"), Layouts: filepath.Join(repoRoot, "layouts"),
		Static: filepath.Join(repoRoot, "static"), Out: out, BaseURL: site,
	}); err != nil {
		t.Fatal(err)
	}
	for id := range stagesOf(t) {
		b, err := os.ReadFile(filepath.Join(out, id, "flowchart", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`<link rel="?alternate"? type="?application/json\+oembed"? href="?([^" >]+)"?[^>]*title="?[^">]+`).FindSubmatch(b)
		if m == nil {
			t.Errorf("/%s/flowchart/ has no oEmbed discovery link", id)
			continue
		}
		href := string(m[1])
		if want := site + id + "/flowchart/oembed.json"; href != want {
			t.Errorf("%s: the discovery link is %s; want %s", id, href, want)
		}
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(strings.TrimPrefix(href, site))))
		if err != nil {
			t.Fatalf("%s: the discovery link's file: %v", id, err)
		}
		var o map[string]any
		if err := json.Unmarshal(data, &o); err != nil {
			t.Fatalf("%s: oembed.json is not JSON: %v", id, err)
		}
		for _, k := range []string{"version", "type", "html", "width", "height", "title", "provider_name", "provider_url"} {
			if o[k] == nil || o[k] == "" {
				t.Errorf("%s: oembed.json has no %s: %s", id, k, data)
			}
		}
		html, _ := o["html"].(string)
		if o["version"] != "1.0" || o["type"] != "rich" || o["provider_url"] != site ||
			!strings.HasPrefix(html, `<iframe src="`+site+id+`/embed/flowchart/"`) || strings.Contains(html, "<script") {
			t.Errorf("%s: oembed.json is %s", id, data)
		}
		h, _ := o["height"].(float64)
		if !strings.Contains(html, `height="`+strconv.Itoa(int(h))+`"`) || o["width"] != float64(720) {
			t.Errorf("%s: the response's size (%v x %v) is not its frame's: %s", id, o["width"], o["height"], html)
		}
	}
}

// TestFlowchartStates runs axe-core on the flowchart pages in every state a
// reader or trainer can put them in, on a desktop and a phone, and checks
// what a phone shows: the one-column chart or the list, nothing sideways.
func TestFlowchartStates(t *testing.T) {
	base := siteURL(t)
	for id := range stagesOf(t) {
		t.Run(id, func(t *testing.T) {
			ctx := tab(t)
			page, embed := base+id+"/flowchart/", base+id+"/embed/flowchart/"
			for _, st := range []struct {
				name   string
				w, h   int64
				u      string
				script string // run before axe
				want   string // JavaScript that must be true
			}{
				{"page", 1280, 1024, page, "", `!!document.querySelector(".fc-compact svg").getClientRects().length`},
				{"page, stage 2 open", 1280, 1024, page + "#stage-2", "", `document.querySelector("#stage-2 details").open`},
				{"presenting", 1366, 768, page, `document.querySelector("[data-fc-present]").click()`, `document.querySelector(".fc").classList.contains("fc-presenting")`},
				{"page on a phone", 390, 844, page, "", `!document.querySelector(".fc-compact svg").getClientRects().length && !!document.querySelector(".fc-tall svg").getClientRects().length`},
				{"presenting on a phone", 390, 844, page, `document.querySelector("[data-fc-present]").click()`,
					`document.querySelector(".fc").classList.contains("fc-presenting") && [...document.querySelectorAll("[data-fc-controls] button")].every((b) => { const r = b.getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth && r.bottom <= innerHeight; })`},
				{"embed", 700, 1000, embed, "", `!!document.querySelector(".fc-compact svg").getClientRects().length`},
				{"embed, list open", 700, 1000, embed, `document.querySelector(".fc-list").open = true`, `document.querySelector(".fc-steps").checkVisibility()`},
				{"embed, untitled, stage 2", 700, 1000, embed + "?title=0&stage=2", "", `document.documentElement.classList.contains("fc-untitled")`},
				{"embed on a phone", 390, 844, embed, "", `!document.querySelector(".fc-compact svg").getClientRects().length && document.querySelector(".fc-steps").checkVisibility()`},
			} {
				if err := browsertest.Do(ctx, chromedp.EmulateViewport(st.w, st.h)); err != nil {
					t.Fatal(err)
				}
				open(t, ctx, "about:blank")
				open(t, ctx, st.u)
				if st.script != "" {
					eval[any](t, ctx, st.script)
				}
				if !eval[bool](t, ctx, st.want) {
					t.Errorf("%s: %s is false", st.name, st.want)
				}
				if wide := eval[bool](t, ctx, `document.documentElement.scrollWidth > innerWidth + 1`); wide {
					t.Errorf("%s: the page scrolls sideways", st.name)
				}
				axeClean(t, ctx, st.name)
			}
		})
	}
}

// TestFlowchartPageParts checks two things readers trip over: the embed
// code box is as wide as the text, in a monospace font that wraps, and the
// marker of each stage in the list sits on the line of "Stage N".
func TestFlowchartPageParts(t *testing.T) {
	base := siteURL(t)
	ctx := tab(t)
	for _, w := range []int64{1280, 390} {
		if err := browsertest.Do(ctx, chromedp.EmulateViewport(w, 900)); err != nil {
			t.Fatal(err)
		}
		open(t, ctx, base+"hips/flowchart/")
		box := eval[map[string]any](t, ctx, `(() => {
			const t = document.getElementById("embed-code"), s = getComputedStyle(t);
			const n = document.querySelector(".fc-item-number"), sum = n.closest("summary");
			const lh = parseFloat(getComputedStyle(sum).lineHeight) || 30;
			return {ratio: t.getBoundingClientRect().width / document.querySelector("main").clientWidth,
				font: s.fontFamily, wrap: s.whiteSpace, scrolls: t.scrollWidth > t.clientWidth,
				inline: getComputedStyle(n).display === "inline" && n.getBoundingClientRect().top - sum.getBoundingClientRect().top < lh};
		})()`)
		if r := box["ratio"].(float64); r < 0.95 || !strings.Contains(box["font"].(string), "monospace") || box["wrap"] != "pre-wrap" || box["scrolls"] != false {
			t.Errorf("%dpx: the embed code box is %v", w, box)
		}
		if box["inline"] != true {
			t.Errorf("%dpx: the list's marker is not on the line of \"Stage 1\"", w)
		}
	}
}
