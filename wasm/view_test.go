package main

import (
	"strings"
	"testing"
)

func TestViewStages(t *testing.T) {
	e := &engine{p: testProtocol(), cal: englandAndWales(t), today: day(2025, 1, 8)}
	// Arose Friday 3 January 2025. Stage 1: 2 working days after the
	// concern is Tuesday 7 January; completed Monday 6 January. Stage 2:
	// 3 working days after that is Thursday 9 January; on Wednesday 8
	// January 1 working day is left. Stage 3 has no timescale.
	v := e.view(filled(), testMeta())
	want := []stageView{
		{1, "Tuesday 7 January 2025", "Completed on time", "Completed", "tag-green"},
		{2, "Thursday 9 January 2025", "Not due yet: 1 working day left", "In progress", "tag-blue"},
		{3, "as soon as possible", "Not started", "Not started", "tag-grey"},
	}
	if len(v.Stages) != len(want) {
		t.Fatalf("view has %d stages; want %d", len(v.Stages), len(want))
	}
	for i, w := range want {
		if v.Stages[i] != w {
			t.Errorf("stage %d: %+v; want %+v", i+1, v.Stages[i], w)
		}
	}

	e.today = day(2025, 1, 13) // Monday: 9 January passed 2 working days ago
	v = e.view(filled(), testMeta())
	if got := v.Stages[1]; got.Status != "Overdue by 2 working days" || got.Tag != "Overdue" || got.Class != "tag-red" {
		t.Errorf("stage 2 on 13 January: %+v; want overdue by 2 working days", got)
	}
}

func TestViewDuties(t *testing.T) {
	e := &engine{p: testProtocol(), cal: englandAndWales(t), today: day(2025, 1, 8)}
	f := filled()
	f["flags.danger"] = "yes"
	v := e.view(f, testMeta())
	if len(v.Duties) == 0 || !v.Duties[0].Urgent || v.Duties[0].Text != "Call 999." {
		t.Fatalf("duties = %+v; want the urgent flag's action first", v.Duties)
	}
	var texts []string
	for _, d := range v.Duties {
		texts = append(texts, d.Text)
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{"Tell the IRO.", "Stage 2", "If someone else raised the concern, tell them the outcome of stage 1."} {
		if !strings.Contains(all, want) {
			t.Errorf("duties do not mention %q:\n%s", want, all)
		}
	}

	// Before the date the disagreement arose is known, the urgent action
	// still shows, with a prompt for the date.
	v = e.view(values{"flags.danger": "yes"}, testMeta())
	if len(v.Duties) != 2 || v.Duties[0].Text != "Call 999." || !strings.Contains(v.Duties[1].Text, "Enter the date") {
		t.Errorf("duties without a date = %+v; want the urgent action, then a prompt for the date", v.Duties)
	}
}

func TestViewTasks(t *testing.T) {
	e := &engine{p: testProtocol(), cal: englandAndWales(t), today: day(2025, 1, 8)}
	status := func(v view) map[string]string {
		m := map[string]string{}
		for _, task := range v.Tasks {
			m[task.Section] = task.Status
		}
		return m
	}
	empty := status(e.view(values{}, testMeta()))
	for _, s := range []string{"section-prepare", "section-facts", "section-stage-1", "section-resolution"} {
		if empty[s] != "Not started" {
			t.Errorf("empty form: %s is %q; want Not started", s, empty[s])
		}
	}
	got := status(e.view(filled(), testMeta()))
	want := map[string]string{
		"section-prepare": "In progress", // one question is not answered
		"section-facts":   "Completed",
		"section-stage-1": "Completed",
		"section-stage-2": "In progress",
		"section-stage-3": "Not started",
		// not closed yet
		"section-resolution": "Not started",
	}
	for s, w := range want {
		if got[s] != w {
			t.Errorf("filled form: %s is %q; want %q", s, got[s], w)
		}
	}
}
