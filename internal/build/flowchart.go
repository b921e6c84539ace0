package build

import (
	"resolve/internal/diag"
	"resolve/internal/flowchart"
)

// What the build writes for a protocol's flowchart, beside its pages
// /<id>/flowchart/ and /<id>/embed/flowchart/:
//
//   - /<id>/flowchart.svg, the compact chart as a picture, which the page
//     offers for download and draws into a PNG in the browser;
//   - /<id>/flowchart/oembed.json, the oEmbed response the flowchart page
//     links to, so that platforms can embed the chart from its address
//     alone. It is written only when base_url (or --base-url) is a full
//     URL: an oEmbed response must give absolute URLs.
const (
	flowchartSVG    = "flowchart.svg"
	flowchartOEmbed = "flowchart/oembed.json"
)

// flowchartData is the data of the flowchart and embed pages.
type flowchartData struct {
	Chart     *flowchart.Chart
	SVG       string // URL of the standalone SVG
	Name      string // file name of the pictures, without extension
	EmbedURL  string
	Procedure string // the procedure's page, absolute where the site has a full address
	EmbedCode string // the iframe and script a host pastes into its page
	OEmbed    string // absolute URL of the oEmbed response, or "" without a full base URL
	MinWidth  int    // below this width in pixels the compact chart gives way to the list
	PNGWidth  int    // the width in pixels of the PNG the page draws
}

// addFlowchart draws pr's flowchart and adds its files. It reports false,
// with the problem added, when the protocol cannot be drawn.
func (s *site) addFlowchart(pr *proto, problems *diag.List) (flowchartData, bool) {
	base := "/" + pr.ID + "/"
	chart, err := flowchart.Draw(pr.Protocol, flowchart.Options{PageURL: func(name string) string {
		if p := s.bySrc[pr.src.Dir+"/"+name]; p != nil {
			return s.url(p.url)
		}
		return ""
	}})
	if err != nil {
		problems.Add(pr.src.File, pr.src.Line("protocol"), err.Error())
		return flowchartData{}, false
	}
	title := pr.index.title + ": flowchart"
	embed := s.absURL(base + "embed/flowchart/")
	fd := flowchartData{
		Chart:     chart,
		SVG:       s.url(base + flowchartSVG),
		Name:      pr.ID + "-flowchart",
		EmbedURL:  embed,
		Procedure: s.absURL(pr.index.url),
		EmbedCode: chart.EmbedCode(embed, title),
		MinWidth:  flowchart.CompactMinWidth,
		PNGWidth:  chart.Width * chart.PNGScale(),
	}
	s.files = append(s.files, outFile{path: pr.ID + "/" + flowchartSVG, data: chart.SVG, mime: "image/svg+xml"})
	if s.origin == "" {
		return fd, true
	}
	oe, err := chart.OEmbed(flowchart.OEmbedSource{
		Embed: embed, Title: title,
		Author: pr.Partnership, AuthorURL: fd.Procedure,
		Provider: s.title, ProviderURL: s.absURL("/"),
	})
	if err != nil {
		problems.Add(pr.src.File, pr.src.Line("protocol"), err.Error())
		return fd, true
	}
	s.files = append(s.files, outFile{path: pr.ID + "/" + flowchartOEmbed, data: oe, mime: "application/json", policy: &oembedPolicy})
	fd.OEmbed = s.absURL(base + flowchartOEmbed)
	return fd, true
}
