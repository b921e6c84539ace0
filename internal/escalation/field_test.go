package escalation

import "testing"

func TestFieldIDs(t *testing.T) {
	tests := []struct {
		field  string
		date   bool
		anchor string
	}{
		{FieldReference, false, "reference"},
		{FieldAgencySector, false, "agency_sector"},
		{FieldArose, true, "arose-day"},
		{AnswerField("concern"), false, "answers.concern"},
		{FlagField("cp_plan"), false, "flags.cp_plan"},
		{FieldStartStage, false, "start_stage"},
		{StageField(2, StageStarted), true, "stages.2.started-day"},
		{StageField(12, StageCompleted), true, "stages.12.completed-day"},
		{StageField(2, StageNotes), false, "stages.2.notes"},
		{StageField(3, StageOutcome), false, "stages.3.outcome"},
		{FieldContact, false, "contact"},
		{FieldResolution, false, "resolution"},
		{ActionField(4, ActionBy), true, "actions.4.by-day"},
		{ActionField(1, ActionWhat), false, "actions.1.what"},
		{FieldFeedbackGiven, true, "feedback.given-day"},
		{"format", false, ""},
		{"updated", false, ""},
		{"answers", false, ""},
		{"answers.Bad Name", false, ""},
		{"stages.x.started", false, ""},
		{"stages.02.started", false, ""},
		{"actions.1.colour", false, ""},
	}
	for _, tt := range tests {
		if got := IsDateField(tt.field); got != tt.date {
			t.Errorf("IsDateField(%q) = %v; want %v", tt.field, got, tt.date)
		}
		if got := Anchor(tt.field); got != tt.anchor {
			t.Errorf("Anchor(%q) = %q; want %q", tt.field, got, tt.anchor)
		}
	}
}

func TestFieldOf(t *testing.T) {
	for control, want := range map[string]string{
		"arose-day": "arose", "stages.2.completed-year": "stages.2.completed", "actions.3.by-month": "actions.3.by",
		"reference": "reference", "flags.x-no": "flags.x-no", "answers.a-day": "answers.a-day",
	} {
		if got := FieldOf(control); got != want {
			t.Errorf("FieldOf(%q) = %q; want %q", control, got, want)
		}
	}
}

func TestOptionID(t *testing.T) {
	if got := OptionID(StageField(2, StageOutcome), NotResolved, false); got != "stages.2.outcome-not-resolved" {
		t.Errorf("OptionID = %q", got)
	}
	if got := OptionID(FlagField("x"), Yes, true); got != "flags.x" {
		t.Errorf("OptionID of the first option = %q", got)
	}
}
