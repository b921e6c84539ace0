package flowchart

import (
	"strings"
	"testing"

	"resolve/internal/protocol"
)

func TestTimescale(t *testing.T) {
	for _, tc := range []struct {
		n    int
		due  *protocol.Due
		want string
	}{
		{1, nil, "As soon as possible"},
		{4, nil, "As soon as possible"},
		{1, workingDays(2, "concern"), "2 working days from when the disagreement arose"},
		{2, workingDays(2, "previous"), "2 working days from the end of stage 1"},
		{5, workingDays(1, "previous"), "1 working day from the end of stage 4"},
		{1, workingDays(3, "previous"), "3 working days from when the disagreement arose"},
		{3, workingDays(10, "concern"), "10 working days from when the disagreement arose"},
		{3, &protocol.Due{CalendarDays: 14, After: "previous"}, "14 calendar days from the end of stage 2"},
		{1, &protocol.Due{CalendarDays: 1, After: "concern"}, "1 calendar day from when the disagreement arose"},
	} {
		got, err := Timescale(tc.n, tc.due)
		if err != nil || got != tc.want {
			t.Errorf("Timescale(%d, %+v) = %q, %v; want %q", tc.n, tc.due, got, err, tc.want)
		}
	}
}

func TestDrawRefuses(t *testing.T) {
	one := func(change func(p *protocol.Protocol)) *protocol.Protocol {
		p := tees()
		change(p)
		return p
	}
	for _, tc := range []struct {
		name string
		p    *protocol.Protocol
		want string
	}{
		{"nil", nil, "flowchart: no protocol"},
		{"no stages", one(func(p *protocol.Protocol) { p.Stages = nil }), "protocol tees: no stages to draw"},
		{"blank title", one(func(p *protocol.Protocol) { p.Stages[1].Title = " " }), "stage 2 has no title"},
		{"both counts", one(func(p *protocol.Protocol) {
			p.Stages[0].Due = &protocol.Due{WorkingDays: 1, CalendarDays: 1, After: "concern"}
		}), "stage 1: due has both working_days and calendar_days"},
		{"no count", one(func(p *protocol.Protocol) { p.Stages[2].Due = &protocol.Due{After: "previous"} }),
			"stage 3: due needs a positive working_days or calendar_days"},
		{"negative", one(func(p *protocol.Protocol) { p.Stages[2].Due = workingDays(-2, "previous") }),
			"stage 3: due needs a positive"},
		{"bad after", one(func(p *protocol.Protocol) { p.Stages[3].Due = workingDays(2, "start") }),
			`stage 4: due.after is "start"; want "concern" or "previous"`},
		{"empty after", one(func(p *protocol.Protocol) { p.Stages[3].Due = workingDays(2, "") }),
			`stage 4: due.after is ""`},
		{"from_stage too big", one(func(p *protocol.Protocol) { p.Flags[0].FromStage = 5 }),
			"flag iro: from_stage is 5; want 1 to 4"},
		{"from_stage negative", one(func(p *protocol.Protocol) { p.Flags[0].FromStage = -1 }),
			"flag iro: from_stage is -1"},
	} {
		c, err := Draw(tc.p, Options{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Draw = %v, %v; want an error containing %q", tc.name, c != nil, err, tc.want)
		}
	}
}

func TestUrgentFlagsAreNotDuties(t *testing.T) {
	c := draw(t, iscp())
	steps := string(c.Steps)
	urgent := strings.Index(steps, "Is a child at risk of serious or immediate harm?")
	list := strings.Index(steps, `<ol class="fc-steps">`)
	if urgent < 0 || list < 0 || urgent > list {
		t.Errorf("the urgent route is not before the list of stages (at %d and %d)", urgent, list)
	}
	if strings.Count(steps, "Is a child at risk") != 1 {
		t.Error("the urgent flag appears more than once in Steps")
	}
	// The convenor duty has no from_stage, so it applies from stage 1.
	s1 := steps[strings.Index(steps, `id="stage-1"`):strings.Index(steps, `id="stage-2"`)]
	if !strings.Contains(s1, "Consider a referral to the Children&#39;s Convenor.") {
		t.Errorf("stage 1's details do not hold the convenor duty:\n%s", s1)
	}
}
