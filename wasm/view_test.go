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
		{1, "Tuesday 7 January 2025", "Completed on time", "Completed", "tag-green", "", true},
		{2, "Thursday 9 January 2025", "Not due yet: 1 working day left", "In progress", "tag-blue", "", true},
		{3, "as soon as possible", "Not started", "Not started", "tag-grey", "", false},
	}
	if len(v.Stages) != len(want) {
		t.Fatalf("view has %d stages; want %d", len(v.Stages), len(want))
	}
	for i, w := range want {
		if v.Stages[i] != w {
			t.Errorf("stage %d: %+v; want %+v", i+1, v.Stages[i], w)
		}
	}

	if want := "Stage 2 is due Thursday 9 January 2025: not due yet: 1 working day left."; v.Next != want {
		t.Errorf("next = %q; want %q", v.Next, want)
	}

	e.today = day(2025, 1, 13) // Monday: 9 January passed 2 working days ago
	v = e.view(filled(), testMeta())
	if got := v.Stages[1]; got.Status != "Overdue by 2 working days" || got.Tag != "Overdue" || got.Class != "tag-red" {
		t.Errorf("stage 2 on 13 January: %+v; want overdue by 2 working days", got)
	}
}

// TestViewFix checks that a due date that cannot be known for a date that
// is not real says so, and names the field to put right.
func TestViewFix(t *testing.T) {
	e := &engine{p: testProtocol(), cal: englandAndWales(t), today: day(2025, 1, 8)}
	f := filled()
	f["stages.1.completed-year"] = "25"
	v := e.view(f, testMeta())
	if got := v.Stages[1]; got.Fix != "stages.1.completed" || !strings.Contains(got.Due, "year in the date stage 1 was completed must include 4 numbers") {
		t.Errorf("stage 2 with stage 1's completion year 25: %+v; want it to name stages.1.completed", got)
	}
	if got := v.Stages[0]; got.Fix != "" || got.Due != "Tuesday 7 January 2025" {
		t.Errorf("stage 1, which does not count from that date: %+v", got)
	}
	f["stages.1.completed-year"] = "2025"
	f["arose-year"] = "202"
	v = e.view(f, testMeta())
	for _, s := range v.Stages[:2] {
		if s.Fix != "arose" {
			t.Errorf("stage %d with a bad date it arose: %+v; want it to name arose", s.N, s)
		}
	}
	if !strings.HasPrefix(v.Next, "Enter the date the disagreement arose") {
		t.Errorf("next with a bad date it arose = %q", v.Next)
	}
	delete(f, "arose-year")
	delete(f, "arose-day")
	delete(f, "arose-month")
	if got := e.view(f, testMeta()).Stages[0]; got.Fix != "arose" || !strings.HasPrefix(got.Due, "enter the date the disagreement arose") {
		t.Errorf("stage 1 with no date it arose: %+v", got)
	}
}

// TestViewSuggest checks that a blank start date is offered the date it
// follows from, and that a typed one is not.
func TestViewSuggest(t *testing.T) {
	e := &engine{p: testProtocol(), cal: englandAndWales(t), today: day(2025, 1, 8)}
	f := filled()
	v := e.view(f, testMeta())
	if len(v.Suggest) != 2 || v.Suggest[0].Field != "stages.1.started" || v.Suggest[0].Date != day(2025, 1, 3) ||
		v.Suggest[1].Field != "stages.2.started" || v.Suggest[1].Date != day(2025, 1, 6) ||
		!strings.Contains(v.Suggest[1].Text, "the day stage 1 was completed") {
		t.Errorf("suggestions = %+v; want stage 1 from 3 January and stage 2 from 6 January", v.Suggest)
	}
	f["stages.2.started-day"], f["stages.2.started-month"], f["stages.2.started-year"] = "7", "1", "2025"
	if v := e.view(f, testMeta()); len(v.Suggest) != 1 {
		t.Errorf("with stage 2's start typed, suggestions = %+v; want only stage 1's", v.Suggest)
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
	for _, s := range []string{"prepare", "facts", "stage-1", "the-resolution"} {
		if empty[s] != "Not started" {
			t.Errorf("empty form: %s is %q; want Not started", s, empty[s])
		}
	}
	got := status(e.view(filled(), testMeta()))
	want := map[string]string{
		"prepare": "In progress", // one question is not answered
		"facts":   "Completed",
		"stage-1": "Completed",
		"stage-2": "In progress",
		"stage-3": "Not started",
		// not closed yet
		"the-resolution": "Not started",
	}
	for s, w := range want {
		if got[s] != w {
			t.Errorf("filled form: %s is %q; want %q", s, got[s], w)
		}
	}
}
