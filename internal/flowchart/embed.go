package flowchart

import (
	"encoding/json"
	"errors"
	"html"
	"net/url"
	"strconv"
)

// The embed page around the compact chart, in CSS pixels at the browser's
// default font size (flowchart.css draws them; a browser test measures
// them): the title line (24 px and an 8 px gap), the closed list of stages
// (8 px above a 32 px summary) and the source line (8 px above 24 px). The
// chart itself is 720 px wide at most, where a unit is a pixel.
const (
	embedTitle  = 32
	embedList   = 40
	embedSource = 32
	embedSlack  = 2 // for rounding, so that no scroll bar appears at 720 px
)

// EmbedWidth is the width, in pixels, the embed page is drawn for: wider
// frames centre it, narrower ones scale it down (to CompactMinWidth, below
// which it shows the list of stages).
const EmbedWidth = compactWidth

// EmbedHeight is the height, in pixels, of the embed page in a frame
// EmbedWidth wide or wider, with the list of stages closed: the height an
// iframe needs to show the whole chart without a scroll bar, with no script.
// A narrower frame shows the chart smaller and leaves a little room below.
func (c *Chart) EmbedHeight() int {
	return embedTitle + c.CompactHeight + embedList + embedSource + embedSlack
}

// EmbedCode is the HTML a host pastes to embed the chart: an iframe of src
// (the absolute URL of the protocol's /embed/flowchart/ page) titled title,
// whose height attribute already fits the chart (see EmbedHeight), and the
// script from the package comment, which only fine-tunes that height to
// what the embed page reports. With the script stripped, as many learning
// platforms do, the chart still shows whole.
func (c *Chart) EmbedCode(src, title string) string {
	return c.iframe(src, title) + "\n" + hostScript
}

// iframe is the frame of the embed code, with no border.
func (c *Chart) iframe(src, title string) string {
	return `<iframe src="` + html.EscapeString(src) + `" title="` + html.EscapeString(title) +
		`" width="100%" height="` + strconv.Itoa(c.EmbedHeight()) +
		`" style="border: 0; max-width: 100%" frameborder="0" loading="lazy" data-resolve-flowchart></iframe>`
}

// hostScript is the script in the package comment, which a test keeps equal.
const hostScript = `<script>
window.addEventListener("message", function (event) {
  var frames = document.querySelectorAll("iframe[data-resolve-flowchart]");
  for (var i = 0; i < frames.length; i++) {
    var frame = frames[i];
    if (event.source !== frame.contentWindow) continue;
    if (event.origin !== new URL(frame.src, location.href).origin) return;
    var data = event.data;
    if (data && data.type === "resolve-flowchart-height" &&
        typeof data.height === "number" && data.height > 0 && data.height < 100000) {
      frame.style.height = Math.ceil(data.height) + "px";
    }
    return;
  }
});
</script>
`

// OEmbedSource names what an oEmbed response describes. Every URL must be
// absolute: an oEmbed consumer fetches the response from elsewhere.
type OEmbedSource struct {
	Embed       string // the embed page, /<id>/embed/flowchart/
	Title       string // the chart's title, as on the embed page
	Author      string // the partnership
	AuthorURL   string // the procedure's own page
	Provider    string // the site's title
	ProviderURL string // the site's home page
}

// oembed is an oEmbed 1.0 response of type "rich" (https://oembed.com/,
// section 2.3.4); the order of the fields is the order they are written.
type oembed struct {
	Version      string `json:"version"`
	Type         string `json:"type"`
	Title        string `json:"title"`
	AuthorName   string `json:"author_name,omitempty"`
	AuthorURL    string `json:"author_url,omitempty"`
	ProviderName string `json:"provider_name"`
	ProviderURL  string `json:"provider_url"`
	HTML         string `json:"html"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
}

// OEmbed is the static oEmbed response for the chart embedded from s: type
// "rich", whose html is the iframe of the embed code (a consumer runs no
// script of ours), EmbedWidth wide and EmbedHeight high. It refuses a URL
// that is not absolute http(s).
func (c *Chart) OEmbed(s OEmbedSource) ([]byte, error) {
	for i, u := range []string{s.Embed, s.ProviderURL, s.AuthorURL} {
		if u == "" && i == 2 { // the author's URL is optional
			continue
		}
		if p, err := url.Parse(u); err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" {
			return nil, errors.New("flowchart: an oEmbed response needs absolute http(s) URLs; got " + strconv.Quote(u))
		}
	}
	o := oembed{
		Version: "1.0", Type: "rich", Title: s.Title,
		AuthorName: s.Author, AuthorURL: s.AuthorURL,
		ProviderName: s.Provider, ProviderURL: s.ProviderURL,
		HTML: c.iframe(s.Embed, s.Title), Width: EmbedWidth, Height: c.EmbedHeight(),
	}
	b, err := json.MarshalIndent(o, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// minPNGWidth is the least width, in pixels, of the PNG a page draws from
// the picture: enough for a full HD slide.
const minPNGWidth = 1920

// PNGScale is how many times its size in user units flowchart.js draws the
// picture (SVG) as a PNG: the least whole number that makes it at least
// 1920 pixels wide, so every line falls on whole pixels.
func (c *Chart) PNGScale() int { return (minPNGWidth + c.Width - 1) / c.Width }
