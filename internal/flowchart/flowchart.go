// Package flowchart draws a protocol's escalation flowchart at build time,
// from the same protocol.Protocol the pages are made from, so the chart can
// never disagree with the text.
//
// Draw returns four pieces:
//
//   - SVG: a standalone SVG file for download, for slides and handouts. It
//     carries its own colours and fonts as presentation attributes and is
//     role="img" with a <title> and <desc>.
//   - Inline: the same drawing for the page, inside <div class="fc-chart">,
//     with width="100%" and a viewBox so it scales to any screen. Its stages
//     are links, so it is role="group" rather than role="img" (an image's
//     children are presentational, and axe-core reports focusable content
//     inside one as nested-interactive); the parts that only repeat the
//     description as a picture are aria-hidden. It has no style attribute and
//     no <style> element: flowchart.css adjusts it through classes, so a
//     Content-Security-Policy allowing stylesheets from 'self' only holds.
//   - Steps: the same content as HTML: the urgent route, then an ordered list
//     with one <details> per stage (who, what to do, timescale, what to
//     record, prompts, duties from this stage, what follows, a link to the
//     stage's page). It is the primary structure for screen readers and works
//     with JavaScript off.
//   - Trainer: the controls of trainer mode, hidden until flowchart.js
//     shows them.
//
// # The drawing
//
// From the top: the partnership's name and the protocol's version; the urgent
// route, when any flag is urgent, in a dashed box set apart from the flow
// (each urgent flag's question and "If yes: " and its action); a start
// terminal; then each stage in order as a box with "Stage N", its title, who
// is involved and its timescale (see Timescale), followed by a "Resolved?"
// diamond whose "Yes" arrow leads to "Record the outcome and tell the person
// who raised the concern" and whose "No" arrow leads to the next stage. After
// the last stage "No" leads to "End of the procedure": the protocol model has
// no field saying what follows its last stage (a binding decision, a referral
// elsewhere), so the chart claims nothing more. Duties from non-urgent flags
// hang beside the stage they apply from (from_stage, default 1) as notes with
// the flag's question and "If yes: " and its action.
//
// Shapes and words as well as colours carry meaning: stages are
// square-cornered boxes, decisions diamonds with arrows labelled "Yes" and
// "No", outcomes round-cornered boxes, duty notes have a bar down their left
// edge, the urgent route a dashed border and the heading "Urgent". Lines are
// wrapped from an estimate of the glyph widths of Arial/Helvetica with a
// margin for wider fallback fonts (no font file is read), and every box grows
// to hold its text, so any number of stages and any length of title fit. The
// output is byte-for-byte the same for the same protocol.
//
// # DOM contract
//
// The page wraps the fragments it shows in one element with class "fc" (on
// /<id>/flowchart/: Trainer, Inline and Steps; on /<id>/embed/flowchart/:
// Inline and Steps), links static/css/flowchart.css and loads
// static/js/flowchart.js with defer. Trainer mode shows that element full
// screen, hiding anything else in it (a heading, say). The hooks, which
// flowchart.js and flowchart.css rely on:
//
//	div.fc-chart > svg.fc-svg        the inline chart, aria-labelledby="fc-chart-title",
//	                                 aria-describedby="fc-chart-desc"
//	g.fc-step[data-stage=N]          everything drawn for stage N
//	a.fc-stage#chart-stage-N[data-stage=N]
//	                                 stage N's box, a link to #stage-N (a g in the standalone file)
//	.fc-box, .fc-bar                 shapes' outlines; the bar of a duty note
//	.fc-line, .fc-arrow              connectors and arrowheads
//	g.fc-header, g.fc-urgent-route, g.fc-start, g.fc-duty, g.fc-decision, g.fc-end, rect.fc-bg
//
//	div.fc-urgent                    the urgent route in Steps, when a flag is urgent
//	ol.fc-steps > li.fc-item#stage-N[data-stage=N] > details.fc-details > summary.fc-summary
//	a[href="#chart-stage-N"]         in stage N's details: back to the chart
//
//	div.fc-trainer[data-fc-trainer][hidden]
//	  button[data-fc-present]        "Present"
//	  div[data-fc-controls][hidden]  while presenting: button[data-fc-prev],
//	                                 p[data-fc-progress] ("Stage N of M", aria-live),
//	                                 button[data-fc-next], button[data-fc-exit]
//
//	button[data-fc-copy=ID][hidden]  written by the page: a "Copy" button for the embed code
//	                                 in the textarea with id ID
//
// What flowchart.js does with them: it shows the trainer controls and the
// copy buttons (adding span.fc-copy-status, role="status", after each). A
// click on a chart stage, or Enter or Space on it, opens that stage's details
// and focuses its summary; so does #stage-N in the address, and ?stage=N opens
// a stage without moving focus (for embeds). The current stage gets class
// "is-current" on its g.fc-step and li.fc-item. "Present" adds class
// "fc-presenting" to div.fc and asks for full screen, adding "fc-overlay" (the
// element then fills the window) where full screen is refused; Next and
// Previous, the arrow keys and Page Up/Down step through the stages, and
// Escape or Exit leaves. Inside an iframe the page posts its height to the
// parent on load and whenever it changes, as
// {type: "resolve-flowchart-height", height: n}; the embed page must
// therefore not give html or body a fixed height.
//
// # Embedding
//
// EmbedCode returns what a host pastes into its page: an iframe of the embed
// page and this script, which sizes the iframe to the height the embed page
// posts, after checking which frame sent it and from which origin:
//
//	<script>
//	window.addEventListener("message", function (event) {
//	  var frames = document.querySelectorAll("iframe[data-resolve-flowchart]");
//	  for (var i = 0; i < frames.length; i++) {
//	    var frame = frames[i];
//	    if (event.source !== frame.contentWindow) continue;
//	    if (event.origin !== new URL(frame.src, location.href).origin) return;
//	    var data = event.data;
//	    if (data && data.type === "resolve-flowchart-height" &&
//	        typeof data.height === "number" && data.height > 0 && data.height < 100000) {
//	      frame.style.height = Math.ceil(data.height) + "px";
//	    }
//	    return;
//	  }
//	});
//	</script>
package flowchart

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"html/template"
	"strconv"
	"strings"

	"resolve/internal/protocol"
)

// Options are the page-dependent parts of a chart.
type Options struct {
	// PageURL maps a stage's Page to the URL of that page. When nil, or
	// when it returns "", the stage's details have no link to a page.
	PageURL func(page string) string
}

// Chart is a protocol's flowchart in the forms a site needs.
type Chart struct {
	SVG     []byte        // standalone SVG file for download
	Inline  template.HTML // the inline SVG for the page
	Steps   template.HTML // the ordered list of stages with <details>
	Trainer template.HTML // the trainer-mode controls, hidden until flowchart.js enhances them
}

// Draw lays out and draws p's flowchart. It refuses a protocol it cannot draw
// truthfully: no stages, a due that is not exactly one positive count of days
// after concern or previous, or a flag's from_stage outside the stages.
func Draw(p *protocol.Protocol, o Options) (*Chart, error) {
	f, err := gather(p)
	if err != nil {
		return nil, err
	}
	l := layOut(p, f)
	title := p.Partnership + ": resolving professional disagreements, flowchart"

	steps, err := renderSteps(p, f, o)
	if err != nil {
		return nil, fmt.Errorf("flowchart: protocol %s: %w", p.ID, err)
	}
	var trainer bytes.Buffer
	if err := templates.ExecuteTemplate(&trainer, "trainer", len(p.Stages)); err != nil {
		return nil, fmt.Errorf("flowchart: protocol %s: %w", p.ID, err)
	}
	return &Chart{
		SVG:     render(l, title, description(p, f, false), false),
		Inline:  template.HTML(render(l, title, description(p, f, true), true)),
		Steps:   template.HTML(steps),
		Trainer: template.HTML(trainer.String()),
	}, nil
}

// facts are what the chart and the list say, worked out once from the protocol.
type facts struct {
	timescales []string          // by stage index
	duties     [][]protocol.Flag // non-urgent flags, by the index of the stage they apply from
	urgent     []protocol.Flag   // urgent flags, in order
	end        string            // what follows "No" after the last stage
}

// gather checks that p can be drawn and works out its facts.
func gather(p *protocol.Protocol) (facts, error) {
	var f facts
	if p == nil {
		return f, errors.New("flowchart: no protocol")
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("flowchart: protocol %s: "+format, append([]any{p.ID}, args...)...)
	}
	if len(p.Stages) == 0 {
		return f, fail("no stages to draw")
	}
	for i, s := range p.Stages {
		if strings.TrimSpace(s.Title) == "" {
			return f, fail("stage %d has no title", i+1)
		}
		t, err := Timescale(i+1, s.Due)
		if err != nil {
			return f, fail("stage %d: %w", i+1, err)
		}
		if s.Due == nil {
			t = s.Words() // the protocol's own wording, "Immediately"
		}
		f.timescales = append(f.timescales, t)
	}
	f.duties = make([][]protocol.Flag, len(p.Stages))
	for _, fl := range p.Flags {
		if fl.Urgent {
			f.urgent = append(f.urgent, fl)
			continue
		}
		from := fl.FromStage
		if from == 0 {
			from = 1
		}
		if from < 1 || from > len(p.Stages) {
			return f, fail("flag %s: from_stage is %d; want 1 to %d", fl.ID, fl.FromStage, len(p.Stages))
		}
		f.duties[from-1] = append(f.duties[from-1], fl)
	}
	f.end = endText
	return f, nil
}

// Timescale says in words when stage n (counted from 1) is due:
// "2 working days from when the disagreement arose", "2 working days from the
// end of stage 1", "10 calendar days ..." or, with no due, "As soon as
// possible". A first stage counted after the previous one is counted from
// when the disagreement arose, since nothing comes before it.
func Timescale(n int, d *protocol.Due) (string, error) {
	if d != nil {
		switch {
		case d.WorkingDays != 0 && d.CalendarDays != 0:
			return "", errors.New("due has both working_days and calendar_days; want one")
		case d.WorkingDays <= 0 && d.CalendarDays <= 0:
			return "", errors.New("due needs a positive working_days or calendar_days")
		case d.After != protocol.AfterConcern && d.After != protocol.AfterPrevious:
			return "", fmt.Errorf("due.after is %q; want %q or %q", d.After, protocol.AfterConcern, protocol.AfterPrevious)
		}
	}
	// The words are the protocol's own, as on every other page.
	return protocol.Stage{Due: d}.Timescale(n), nil
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return strconv.Itoa(n) + " " + unit + "s"
}

// description is the chart's <desc>: the whole chart in a few sentences.
func description(p *protocol.Protocol, f facts, inline bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "A flowchart of the %s of the %s procedure for resolving professional disagreements about a child's safety.",
		plural(len(p.Stages), "stage"), p.Partnership)
	if len(f.urgent) > 0 {
		b.WriteString(" Set apart at the top, the urgent route:")
		for _, fl := range f.urgent {
			b.WriteString(" " + fl.Question + " " + ifYes + fl.Action)
		}
	}
	fmt.Fprintf(&b, " After each stage comes the question %q: if yes, %s; if not, go on to the next stage.",
		resolvedQuestion, strings.ToLower(resolvedAction[:1])+resolvedAction[1:])
	fmt.Fprintf(&b, " After stage %d: %s.", len(p.Stages), f.end)
	if inline {
		b.WriteString(" Each stage links to its details in the list of stages.")
	}
	return b.String()
}

// EmbedCode is the HTML a host pastes to embed the chart: an iframe of src
// (the absolute URL of the protocol's /embed/flowchart/ page) titled title,
// and the script from the package comment that sizes it to its content.
func EmbedCode(src, title string) string {
	return `<iframe src="` + html.EscapeString(src) + `" title="` + html.EscapeString(title) +
		`" width="100%" height="900" loading="lazy" data-resolve-flowchart></iframe>` + "\n" + hostScript
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
