package flowchart

// renderCompact writes the compact chart as inline SVG for a page or as a
// standalone file. Its hooks are those of the one-column chart, with the
// ids of compactIDs; what follows a stage is a g.fc-next inside its
// g.fc-step, and the outcome of "Resolved?" a g.fc-outcome.
func renderCompact(l compactLayout, title, desc string, inline bool) []byte {
	w := &svgWriter{inline: inline}
	w.begin(compactIDs, l.width, l.height, title, desc)
	w.opening(l.header, l.urgent, l.start, l.startArrow)
	for _, t := range l.steps {
		n := itoa(t.n)
		w.open("g", "class", "fc-step", "data-stage", n)
		w.b.WriteString("\n")
		w.stage(compactIDs, n, t.stage)
		w.open("g", "class", "fc-next", "aria-hidden", w.hidden())
		w.b.WriteString("\n")
		w.connector(t.next)
		w.close("g")
		w.close("g")
	}
	w.group("fc-end", true, l.end)
	w.group("fc-outcome", true, l.outcome)
	for _, d := range l.duties {
		w.group("fc-duty", false, d)
	}
	w.end()
	return w.b.Bytes()
}
