package main

import (
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"resolve/internal/escalation"
	"resolve/internal/protocol"
	"resolve/internal/workday"
)

// testProtocol has what the form must handle: timescales after the concern
// and after the previous stage, a stage with none, an urgent flag, a flag
// from a later stage and two template questions.
func testProtocol() *protocol.Protocol {
	return &protocol.Protocol{
		ID: "test", Partnership: "Test Partnership", Calendar: "england-and-wales", Version: "2025-01", LaterStart: "danger",
		Stages: []protocol.Stage{
			{Title: "Talk to your manager", Who: "You and your manager", Summary: "Talk.", Due: &protocol.Due{WorkingDays: 2, After: protocol.AfterConcern}},
			{Title: "Talk to the other practitioner", Who: "You both", Summary: "Talk.", Due: &protocol.Due{WorkingDays: 3, After: protocol.AfterPrevious}},
			{Title: "Managers meet", Who: "Managers", Summary: "Meet."},
		},
		Flags: []protocol.Flag{
			{ID: "danger", Question: "Is the child in danger?", Action: "Call 999.", Urgent: true},
			{ID: "cp_plan", Question: "Is there a plan?", Action: "Tell the IRO.", FromStage: 2},
		},
		Template: []protocol.Question{
			{ID: "concern", Question: "What worries you?"},
			{ID: "impact", Question: "What is the impact?", Hint: "For the child."},
		},
	}
}

func testMeta() meta {
	return meta{ID: "abcdefghijklmnopqrstuvwxyz", Created: day(2025, 1, 2)}
}

func day(y int, m time.Month, d int) workday.Date { return workday.Date{Year: y, Month: m, Day: d} }

func TestReadDate(t *testing.T) {
	const label = "The date the disagreement arose"
	tests := []struct {
		d, m, y string
		want    workday.Date
		problem string // a part of the message; "" for none
	}{
		{"", "", "", workday.Date{}, ""},
		{"3", "1", "2025", day(2025, 1, 3), ""},
		{" 03 ", "01", "2025", day(2025, 1, 3), ""},
		{"29", "2", "2024", day(2024, 2, 29), ""},
		{"29", "2", "2023", workday.Date{}, "must be a real date"},
		{"31", "4", "2025", workday.Date{}, "must be a real date"},
		{"1", "13", "2025", workday.Date{}, "must be a real date"},
		{"0", "1", "2025", workday.Date{}, "must be a real date"},
		{"3", "1", "25", workday.Date{}, "year in the date the disagreement arose must include 4 numbers"},
		{"3", "", "2025", workday.Date{}, "must include a month."},
		{"", "", "2025", workday.Date{}, "must include a day and month."},
		{"3", "", "", workday.Date{}, "must include a month and year."},
		{"three", "1", "2025", workday.Date{}, "written in numbers"},
		{"-1", "1", "2025", workday.Date{}, "written in numbers"},
		{"3", "1", "1899", workday.Date{}, "must be a real date"},
	}
	for _, tt := range tests {
		v := values{"arose-day": tt.d, "arose-month": tt.m, "arose-year": tt.y}
		got, problem := readDate(v, "arose", label)
		if got != tt.want || (tt.problem == "") != (problem == "") || !strings.Contains(problem, tt.problem) {
			t.Errorf("readDate(%q, %q, %q) = %v, %q; want %v, a message with %q", tt.d, tt.m, tt.y, got, problem, tt.want, tt.problem)
		}
	}
}

// filled is a form filled as far as stage 2, under way.
func filled() values {
	return values{
		"reference": "CASE-123 <b>", "agency": "School", "other_agency": "Children's services", "raised_by": "teacher",
		"arose-day": "3", "arose-month": "1", "arose-year": "2025",
		"answers.concern": "  They closed the case.\n<script>alert(1)</script>",
		"answers.impact":  "",
		"flags.danger":    "no", "flags.cp_plan": "yes",
		"stages.1.with": "My manager", "stages.1.notes": "We talked.",
		"stages.1.completed-day": "6", "stages.1.completed-month": "1", "stages.1.completed-year": "2025",
		"stages.1.outcome": escalation.NotResolved,
		"stages.2.notes":   "Phoned them.",
	}
}

func TestRecordFromForm(t *testing.T) {
	p := testProtocol()
	r, ps := record(filled(), p, testMeta(), day(2025, 1, 8))
	if len(ps) != 0 {
		t.Fatalf("record(filled) problems: %v", ps)
	}
	if vs := escalation.Validate(r, p, day(2025, 1, 8)); len(vs) != 0 {
		t.Fatalf("Validate(record(filled)) = %v; want no problems", vs)
	}
	if r.Reference != "CASE-123 <b>" || r.Answers["concern"] != "  They closed the case.\n<script>alert(1)</script>" {
		t.Errorf("text was not kept exactly as typed: reference %q, concern %q", r.Reference, r.Answers["concern"])
	}
	if _, ok := r.Answers["impact"]; ok {
		t.Error("an empty answer was recorded")
	}
	if want := map[string]bool{"danger": false, "cp_plan": true}; !maps.Equal(r.Flags, want) {
		t.Errorf("Flags = %v; want %v", r.Flags, want)
	}
	// Only what was typed: no start date was, so none is written down,
	// though each stage is counted from the date it follows from.
	want := []escalation.Stage{
		{Stage: 1, Completed: day(2025, 1, 6), With: "My manager", Notes: "We talked.", Outcome: escalation.NotResolved},
		{Stage: 2, Notes: "Phoned them."},
	}
	if !reflect.DeepEqual(r.Stages, want) {
		t.Errorf("Stages = %+v; want %+v", r.Stages, want)
	}
	if r.Created != day(2025, 1, 2) || r.Updated != day(2025, 1, 8) {
		t.Errorf("Created, Updated = %v, %v; want the meta's and today", r.Created, r.Updated)
	}
}

func TestRecordStages(t *testing.T) {
	p := testProtocol()
	base := values{"arose-day": "3", "arose-month": "1", "arose-year": "2025"}
	with := func(extra values) values {
		v := maps.Clone(base)
		maps.Copy(v, extra)
		return v
	}
	tests := []struct {
		name   string
		v      values
		stages []int
		field  string // a problem expected from Validate or reading; "" for none
	}{
		{"new record", base, []int{1}, ""},
		{"stage 2 opened by not resolved", with(values{"stages.1.completed-day": "6", "stages.1.completed-month": "1", "stages.1.completed-year": "2025", "stages.1.outcome": "not-resolved"}), []int{1, 2}, ""},
		{"resolved at stage 1", with(values{"stages.1.completed-day": "6", "stages.1.completed-month": "1", "stages.1.completed-year": "2025", "stages.1.outcome": "resolved", "resolution": "Agreed."}), []int{1}, ""},
		{"stage 3 typed, stage 2 skipped", with(values{"stages.3.notes": "x"}), []int{1, 2, 3}, "stages.1.completed"},
		{"urgent start at stage 2", with(values{"flags.danger": "yes", "start_stage": "2"}), []int{2}, ""},
		{"start at stage 2 without urgency", with(values{"start_stage": "2"}), []int{2}, "start_stage"},
		{"start at 2 with stage 1 typed", with(values{"flags.danger": "yes", "start_stage": "2", "stages.1.notes": "x"}), []int{2}, "start_stage"},
		{"bad start stage ignored", with(values{"start_stage": "9"}), []int{1}, ""},
		{"completion date not a date", with(values{"stages.1.completed-day": "31", "stages.1.completed-month": "2", "stages.1.completed-year": "2025", "stages.1.outcome": "resolved", "resolution": "x"}), []int{1}, "stages.1.completed"},
	}
	e := &engine{p: p, cal: englandAndWales(t), today: day(2025, 1, 20)}
	for _, tt := range tests {
		r, _ := e.read(tt.v, testMeta())
		var got []int
		for _, s := range r.Stages {
			got = append(got, s.Stage)
		}
		if !slices.Equal(got, tt.stages) {
			t.Errorf("%s: stages %v; want %v", tt.name, got, tt.stages)
		}
		ps := e.problems(tt.v, testMeta())
		var fields []string
		for _, pr := range ps {
			fields = append(fields, pr.Field)
		}
		if tt.field == "" && len(ps) > 0 || tt.field != "" && !slices.Contains(fields, tt.field) {
			t.Errorf("%s: problems %v; want %q", tt.name, ps, tt.field)
		}
	}
}

func TestActions(t *testing.T) {
	p := testProtocol()
	v := values{
		"arose-day": "3", "arose-month": "1", "arose-year": "2025",
		"actions.1.what": "Hold a meeting", "actions.1.who": "Social worker",
		"actions.1.by-day": "10", "actions.1.by-month": "1", "actions.1.by-year": "2025",
		"actions.2.what": "", "actions.2.who": "", // an empty row is no action
		"actions.3.who": "Teacher", // who without what: a problem
	}
	if n := actionRows(v); n != 3 {
		t.Errorf("actionRows = %d; want 3", n)
	}
	r, _ := record(v, p, testMeta(), day(2025, 1, 8))
	want := []escalation.Action{{What: "Hold a meeting", Who: "Social worker", By: day(2025, 1, 10)}, {Who: "Teacher"}}
	if !reflect.DeepEqual(r.Actions, want) {
		t.Errorf("Actions = %+v; want %+v", r.Actions, want)
	}
	e := &engine{p: p, cal: englandAndWales(t), today: day(2025, 1, 8)}
	ps := e.problems(v, testMeta())
	if len(ps) != 1 || ps[0].Field != "actions.2.what" {
		// The engine numbers the actions the record has: the third row is action 2.
		t.Errorf("problems = %v; want one about actions.2.what", ps)
	}
}

func TestFormRoundTrip(t *testing.T) {
	p := testProtocol()
	today := day(2025, 1, 8)
	r, ps := record(filled(), p, testMeta(), today)
	if len(ps) != 0 {
		t.Fatal(ps)
	}
	data, err := escalation.JSON(r)
	if err != nil {
		t.Fatal(err)
	}
	back, _, err := escalation.Import(data, p, today)
	if err != nil {
		t.Fatalf("Import(JSON(record(filled))): %v", err)
	}
	v, m := formValues(back, p)
	if m.ID != testMeta().ID || m.Created != testMeta().Created {
		t.Errorf("meta = %+v; want the record's id and created date", m)
	}
	again, _ := record(v, p, m, today)
	data2, _ := escalation.JSON(again)
	if string(data) != string(data2) {
		t.Errorf("form -> record -> file -> form -> record changed the record:\n%s\nthen\n%s", data, data2)
	}
	// Every value typed comes back, and nothing that was not: a blank
	// start date stays blank.
	for name, want := range filled() {
		if got := v[name]; got != want {
			t.Errorf("formValues[%q] = %q; want %q", name, got, want)
		}
	}
	if v["stages.2.started-day"] != "" {
		t.Errorf("stage 2's start date was filled in: %q", v["stages.2.started-day"])
	}
}

func TestLeftoversKept(t *testing.T) {
	p := testProtocol()
	r, _ := record(filled(), p, testMeta(), day(2025, 1, 8))
	r.Answers["old_question"] = "kept"
	r.Flags["old_flag"] = true
	v, m := formValues(r, p)
	if m.Answers["old_question"] != "kept" || !m.Flags["old_flag"] {
		t.Fatalf("meta = %+v; want the leftover answer and flag", m)
	}
	again, _ := record(v, p, m, day(2025, 1, 8))
	if again.Answers["old_question"] != "kept" || !again.Flags["old_flag"] {
		t.Errorf("leftovers lost on the way back: answers %v flags %v", again.Answers, again.Flags)
	}
}

func TestSortProblems(t *testing.T) {
	p := testProtocol()
	in := []escalation.Problem{
		{Field: "resolution", Message: "r"},
		{Field: "arose", Message: "first"},
		{Field: "arose", Message: "repeat"},
		{Field: "updated", Message: "whole record"},
		{Field: "stages.1.completed", Message: "s"},
		{Field: "answers.concern", Message: "a"},
	}
	got := sortProblems(in, fieldOrder(p, 0))
	var order []string
	for _, pr := range got {
		order = append(order, pr.Field+"="+pr.Message)
	}
	want := []string{"updated=whole record", "arose=first", "answers.concern=a", "stages.1.completed=s", "resolution=r"}
	if !slices.Equal(order, want) {
		t.Errorf("sortProblems = %v; want %v", order, want)
	}
}

func TestFileName(t *testing.T) {
	today := day(2025, 1, 8)
	tests := []struct{ id, want string }{
		{"k2m4q6s2u2w4y6a2c4e6g3i2k4", "hips-record-2025-01-08-k2m4q6.json"},
		// An identifier typed into a file by hand never reaches a file name.
		{"john-smith", "hips-record-2025-01-08.json"},
		{"", "hips-record-2025-01-08.json"},
	}
	for _, tt := range tests {
		if got := fileName("hips", "record", tt.id, today, ".json"); got != tt.want {
			t.Errorf("fileName(hips, record, %q) = %q; want %q", tt.id, got, tt.want)
		}
	}
}

func englandAndWales(t testing.TB) *workday.Calendar {
	c, ok := workday.Builtin("england-and-wales")
	if !ok {
		t.Fatal("no england-and-wales calendar")
	}
	return c
}

// FuzzRecord reads arbitrary text typed into the date and text fields: the
// module must never panic, must keep text exactly as typed, and must only
// accept real dates.
func FuzzRecord(f *testing.F) {
	for _, s := range [][4]string{
		{"3", "1", "2025", "text"},
		{"29", "2", "2023", "<script>alert(1)</script>"},
		{"", "", "", ""},
		{"٣", "１", "2025", "\x00\xff"},
		{"99999999999999999999", "1", "2025", "x"},
	} {
		f.Add(s[0], s[1], s[2], s[3])
	}
	p := testProtocol()
	cal := englandAndWales(f)
	f.Fuzz(func(t *testing.T, d, m, y, text string) {
		v := values{
			"arose-day": d, "arose-month": m, "arose-year": y,
			"answers.concern": text, "stages.1.completed-day": d, "stages.1.completed-month": m, "stages.1.completed-year": y,
			"stages.1.outcome": "resolved", "resolution": text, "start_stage": text,
		}
		e := &engine{p: p, cal: cal, today: day(2025, 6, 1)}
		r, _ := e.read(v, testMeta())
		if text != "" && r.Answers["concern"] != text {
			t.Errorf("answer %q came back as %q", text, r.Answers["concern"])
		}
		if !r.Arose.IsZero() && r.Arose != r.Arose.AddDays(0) {
			t.Errorf("accepted a date that is not real: %v", r.Arose)
		}
		e.problems(v, testMeta())
		e.view(v, testMeta())
	})
}
