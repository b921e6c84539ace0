// Package flowchart draws a protocol's escalation flowchart at build time,
// from the same protocol.Protocol the pages are made from, so the chart can
// never disagree with the text.
//
// Draw returns these pieces:
//
//   - Compact: the compact chart for a page, inside
//     <div class="fc-chart fc-compact">: the stages as cards in three
//     columns, 720 units wide, so that a procedure of five or six stages is
//     about as tall as it is wide and shows whole in a 700-pixel column, on
//     a projector and on an A4 landscape page. It has width="100%" and a
//     viewBox, so it scales; pages show it only where it is at least
//     CompactMinWidth (576) pixels wide, which keeps its smallest text at
//     12 px or more. Its stages are links, so it is role="group" rather than
//     role="img" (an image's children are presentational, and axe-core
//     reports focusable content inside one as nested-interactive); the parts
//     that only repeat the description as a picture are aria-hidden. It has
//     no style attribute and no <style> element: flowchart.css adjusts it
//     through classes, so a Content-Security-Policy allowing stylesheets
//     from 'self' only holds.
//   - Inline: the one-column chart for narrow screens, inside
//     <div class="fc-chart fc-tall">, 440 units wide (readable at 360 px),
//     with each stage's decision drawn and its duties beside it. Otherwise
//     as Compact.
//   - SVG: the picture to download, a standalone SVG file of the compact
//     chart arranged wide (up to six columns, 1280 units: about the shape
//     of a 16:9 slide), Width by Height. It carries its own colours and
//     fonts as presentation attributes and is role="img" with a <title> and
//     <desc>, so it renders the same as an <img>, which is how the page
//     draws it into a PNG (PNGScale times its size, at least 1920 pixels
//     wide).
//   - Steps: the same content as HTML: the urgent route, then an ordered list
//     with one <details> per stage (who, what to do, timescale, what to
//     record, prompts, duties from this stage, what follows, a link to the
//     stage's page). It is the primary structure for screen readers and works
//     with JavaScript off.
//   - Trainer: the controls of trainer mode, hidden until flowchart.js
//     shows them.
//
// # The drawings
//
// Both charts start with the partnership's name and the protocol's version
// and the urgent route, when any flag is urgent, in a dashed box set apart
// from the flow under protocol.UrgentHeading, "Check these first", the
// procedure page's words (each urgent flag's question and "If yes: " and its
// action),
// then a start terminal, "A professional disagreement arises".
//
// The one-column chart then has each stage in order as a box with
// "Stage N", its title, who is involved and its timescale (see Timescale),
// followed by a "Resolved?" diamond whose "Yes" arrow leads to "Record the
// outcome and tell the person who raised the concern" and whose "No" arrow
// leads to the next stage. After the last stage "No" leads to "End of the
// procedure": the protocol model has no field saying what follows its last
// stage (a binding decision, a referral elsewhere), so the chart claims
// nothing more. Duties from non-urgent flags hang beside the stage they
// apply from (from_stage, default 1) as notes with the flag's question and
// "If yes: " and its action.
//
// The compact chart has a card per stage with "Stage N", its title and its
// timescale (who is involved is in the list), read left to right and row by
// row, joined by arrows labelled "No" (the last to "End of the procedure",
// in the cell after the last stage or below it); a box below the grid (or
// beside the end) says once what "Resolved?" means after every stage ("Yes: Record the outcome
// and tell the person who raised the concern. No: go on to the next stage
// (the arrows marked No)."), and the duties follow as notes, each starting
// "From stage N: ". Seven to twelve stages wrap into more rows.
//
// Shapes and words as well as colours carry meaning: stages are
// square-cornered boxes, decisions diamonds with arrows labelled "Yes" and
// "No", outcomes round-cornered boxes, duty notes have a bar down their left
// edge, the urgent route a dashed border and its heading. Lines are
// wrapped from an estimate of the glyph widths of Arial/Helvetica with a
// margin for wider fallback fonts (no font file is read), and every box grows
// to hold its text, so any number of stages and any length of title fit. The
// output is byte-for-byte the same for the same protocol.
//
// # DOM contract
//
// The page wraps the fragments it shows in one element with class "fc" (on
// /<id>/flowchart/: Trainer, Compact, Inline and Steps; on
// /<id>/embed/flowchart/: Compact and Steps, the list inside
// details.fc-list > summary.fc-list-summary, and the class "fc-embedded"
// too), links static/css/flowchart.css and loads static/js/flowchart.js with
// defer. Trainer mode shows that element full screen, hiding anything else
// in it (a heading, say). The hooks, which flowchart.js and flowchart.css
// rely on:
//
//	div.fc-chart.fc-compact > svg.fc-svg
//	                                 the compact chart, aria-labelledby="fc-compact-title",
//	                                 aria-describedby="fc-compact-desc"
//	div.fc-chart.fc-tall > svg.fc-svg
//	                                 the one-column chart, aria-labelledby="fc-chart-title",
//	                                 aria-describedby="fc-chart-desc"
//	g.fc-step[data-stage=N]          everything drawn for stage N, in either chart
//	a.fc-stage#compact-stage-N[data-stage=N], a.fc-stage#chart-stage-N[data-stage=N]
//	                                 stage N's box, a link to #stage-N (a g in the standalone file)
//	.fc-box, .fc-bar                 shapes' outlines; the bar of a duty note
//	.fc-line, .fc-arrow              connectors and arrowheads
//	g.fc-header, g.fc-urgent-route, g.fc-start, g.fc-duty, g.fc-decision, g.fc-next,
//	g.fc-outcome, g.fc-end, rect.fc-bg
//
//	div.fc-urgent                    the urgent route in Steps, when a flag is urgent
//	ol.fc-steps > li.fc-item#stage-N[data-stage=N] > details.fc-details > summary.fc-summary
//	                                 > span.fc-item-number, span.fc-item-title
//	a.fc-to-compact[href="#compact-stage-N"], a.fc-to-tall[href="#chart-stage-N"]
//	                                 in stage N's details: back to whichever chart shows
//
//	div.fc-trainer[data-fc-trainer][hidden]
//	  button[data-fc-present]        "Present"
//	  div[data-fc-controls][hidden]  while presenting: button[data-fc-prev],
//	                                 p[data-fc-progress] ("Stage N of M", aria-live),
//	                                 button[data-fc-next], button[data-fc-exit]
//
// Written by the pages, outside div.fc:
//
//	div.fc-extras                    the flowchart page's downloads (ul.fc-downloads) and embed code, left
//	                                 out of print
//	button[data-fc-copy=ID][hidden]  a "Copy" button for the embed code in the textarea
//	                                 with id ID (textarea.embed-code)
//	button[data-fc-png=URL][data-fc-scale=K][data-fc-name=NAME]
//	                                 draws the SVG at URL as NAME.png, K times its size;
//	                                 its parent is [hidden] until the script runs
//	main.fc-embed > h1.fc-embed-title, p.fc-embed-source
//	                                 the embed page, its title and source lines
//
// What flowchart.js does with them: it shows the trainer controls, the copy
// and PNG buttons (adding span.fc-copy-status, role="status", after each).
// A click on a chart stage, or Enter or Space on it, opens that stage's
// details (and the embed's list) and focuses its summary; so does #stage-N
// in the address, and ?stage=N opens a stage without moving focus (for
// embeds). ?title=0 on the embed page adds class "fc-untitled" to the html
// element and hides h1.fc-embed-title except from screen readers. The
// current stage gets class "is-current" on its g.fc-step in each chart and
// on its li.fc-item. "Present" adds class "fc-presenting" to div.fc and asks
// for full screen, adding "fc-overlay" (the element then fills the window)
// where full screen is refused: the compact chart then fills the height of
// the screen beside the current stage's details in type of 28 px or more;
// Next and Previous, the arrow keys and Page Up/Down step through the
// stages, and Escape or Exit leaves. Inside an iframe the page posts its
// height to the parent on load and whenever it changes, as
// {type: "resolve-flowchart-height", height: n}; the embed page must
// therefore not give html or body a fixed height.
//
// # Embedding
//
// EmbedCode returns what a host pastes into its page: an iframe of the embed
// page with no border whose height attribute already fits the page at 720
// px wide (EmbedHeight), so the chart shows whole where a platform strips
// the script; and this script, which fine-tunes the height to what the
// embed page posts, after checking which frame sent it and from which
// origin:
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
//
// OEmbed returns the static oEmbed response (type "rich") that the flowchart
// page names in a <link rel="alternate" type="application/json+oembed">:
// its html is the iframe alone, EmbedWidth by EmbedHeight.
package flowchart
