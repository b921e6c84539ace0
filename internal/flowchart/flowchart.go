package flowchart

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"strings"

	"resolve/internal/protocol"
	"resolve/internal/words"
)

// Options are the page-dependent parts of a chart.
type Options struct {
	// PageURL maps a stage's Page to the URL of that page. When nil, or
	// when it returns "", the stage's details have no link to a page.
	PageURL func(page string) string
}

// Chart is a protocol's flowchart in the forms a site needs.
type Chart struct {
	SVG           []byte        // the wide compact chart as a standalone SVG file: the picture to download
	Width, Height int           // the picture's size in user units
	CompactHeight int           // the compact chart's height in user units, which are pixels at 720 px wide
	Compact       template.HTML // the compact chart for a page
	Inline        template.HTML // the one-column chart for a page, for narrow screens
	Steps         template.HTML // the ordered list of stages with <details>
	Trainer       template.HTML // the trainer-mode controls, hidden until flowchart.js enhances them
}

// Draw lays out and draws p's flowchart. It refuses a protocol it cannot draw
// truthfully: no stages, a due that is not exactly one positive count of days
// after concern or previous, or a flag's from_stage outside the stages.
func Draw(p *protocol.Protocol, o Options) (*Chart, error) {
	f, err := gather(p)
	if err != nil {
		return nil, err
	}
	tall, compact, pic := layOut(p, f), layOutCompact(p, f, columns), layOutCompact(p, f, wide(len(p.Stages)))
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
		SVG:           renderCompact(pic, title, description(p, f, false), false),
		Width:         pic.width,
		Height:        pic.height,
		CompactHeight: compact.height,
		Compact:       template.HTML(renderCompact(compact, title, description(p, f, true), true)),
		Inline:        template.HTML(render(tall, title, description(p, f, true), true)),
		Steps:         template.HTML(steps),
		Trainer:       template.HTML(trainer.String()),
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

// description is the chart's <desc>: the whole chart in a few sentences.
func description(p *protocol.Protocol, f facts, inline bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "A flowchart of the %s of the %s procedure for resolving professional disagreements about a child's safety.",
		words.Count(len(p.Stages), "stage", "stages"), p.Partnership)
	if len(f.urgent) > 0 {
		b.WriteString(" Set apart at the top, under the heading \"" + urgentHeading + "\":")
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
