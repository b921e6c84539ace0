package escalation

import (
	"testing"

	"resolve/internal/protocol"
	"resolve/internal/workday"
)

// The fixtures are three procedures shaped like the example partnerships'
// (the real content is written separately, in content/): HIPS has five
// stages of two working days, the first counted from the concern; Tees has
// four stages, the first with no timescale, and a flag to notify the
// Independent Reviewing Officer from stage 1; ISCP has six stages on its own
// calendar and an urgent flag that lets a record start at any stage.

func date(t testing.TB, s string) workday.Date {
	t.Helper()
	d, err := workday.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// mustDate is date for package-level tables.
func mustDate(s string) workday.Date {
	d, err := workday.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func wd(n int, after string) *protocol.Due { return &protocol.Due{WorkingDays: n, After: after} }

func hips() *protocol.Protocol {
	return &protocol.Protocol{
		ID:          "hips",
		Partnership: "Hampshire, Isle of Wight, Portsmouth and Southampton",
		Calendar:    "england-and-wales",
		Version:     "2024-06",
		Published:   mustDate("2024-06-01"),
		ReviewDue:   mustDate("2026-06-01"),
		WhenToUse:   []string{"You are worried about a decision or practice about a child.", "It might leave the child at risk of harm.", "You have raised it in the usual ways and it is not resolved."},
		Stages: []protocol.Stage{
			{Title: "Talk it through with your line manager or safeguarding lead", Who: "You and your line manager or safeguarding lead", Summary: "Clarify the concern.", Due: wd(2, protocol.AfterConcern)},
			{Title: "Inter-agency discussion", Who: "The two practitioners who disagree", Summary: "Talk to resolve it.", Due: wd(2, protocol.AfterPrevious)},
			{Title: "Line managers discuss", Who: "Line managers or safeguarding leads of both agencies", Summary: "Managers resolve it.", Due: wd(2, protocol.AfterPrevious)},
			{Title: "Heads of service discuss", Who: "Heads or directors of service", Summary: "Senior resolution.", Due: wd(2, protocol.AfterPrevious)},
			{Title: "Refer to the safeguarding children partnership", Who: "The agency raising the concern, by e-mail to the partnership", Summary: "Resolution meeting.", Due: wd(2, protocol.AfterPrevious)},
		},
		Flags: []protocol.Flag{
			{ID: "sooner", Question: "Do the child's needs call for a quicker resolution than these timescales?", Action: "Agree with your line manager or safeguarding lead how quickly this must be resolved, and do not wait for the timescales.", Urgent: true},
		},
		Template: []protocol.Question{
			{ID: "concern", Question: "What is the decision or practice that worries you, and why?"},
			{ID: "impact", Question: "What impact is it likely to have on the child, and why?", Hint: "Are there factors that lessen it?"},
			{ID: "risk", Question: "What shows the child's needs or risks, against the local threshold guidance?"},
			{ID: "shared", Question: "Has all relevant information been shared with the person who decided?"},
			{ID: "more", Question: "Is any more information needed, and who can help you find it?"},
			{ID: "outcomes", Question: "What outcomes do you want for the child?"},
			{ID: "next", Question: "What are your next steps?"},
		},
		Contacts: []protocol.Contact{{Name: "Hampshire Safeguarding Children Partnership", Email: "hscp@example.org"}},
		Changes: []protocol.Change{
			{Version: "2024-06", Date: mustDate("2024-06-01"), Summary: "Five stages of two working days"},
			{Version: "2023-01", Date: mustDate("2023-01-09"), Summary: "First version"},
		},
	}
}

func tees() *protocol.Protocol {
	return &protocol.Protocol{
		ID:          "tees",
		Partnership: "Tees safeguarding children partnerships",
		Calendar:    "england-and-wales",
		Version:     "2023-09",
		Published:   mustDate("2023-09-01"),
		ReviewDue:   mustDate("2025-09-01"),
		WhenToUse:   []string{"You disagree with another agency's handling of a concern about a child."},
		Stages: []protocol.Stage{
			{Title: "Professional to professional discussion", Who: "The practitioners who disagree", Summary: "Talk directly, as soon as possible."},
			{Title: "Line managers or safeguarding leads", Who: "Both line managers", Summary: "Managers try to resolve it.", Due: wd(5, protocol.AfterPrevious)},
			{Title: "Senior managers", Who: "Senior managers of both agencies", Summary: "Senior managers try to resolve it.", Due: wd(5, protocol.AfterPrevious)},
			{Title: "The local safeguarding children partnership", Who: "The partnership, which may call a resolution meeting with an independent chair", Summary: "Partnership resolution.", Due: &protocol.Due{CalendarDays: 28, After: protocol.AfterPrevious}},
		},
		Flags: []protocol.Flag{
			{ID: "iro", Question: "Is the child on a Child Protection Plan, or looked after?", Action: "Notify the child's Independent Reviewing Officer.", FromStage: 1},
			{ID: "meeting", Question: "Did the challenge happen in a meeting such as a core group or conference?", Action: "Make sure the challenge is in the meeting's minutes.", FromStage: 2},
		},
		Template: []protocol.Question{
			{ID: "concern", Question: "What is the decision, action or inaction you disagree with?"},
			{ID: "why", Question: "Why is it unsafe for the child, and what do you want to change?"},
		},
	}
}

func iscp() *protocol.Protocol {
	return &protocol.Protocol{
		ID:          "iscp",
		Partnership: "Islands Safeguarding Children Partnership",
		Calendar:    "guernsey",
		Version:     "2022-03",
		Published:   mustDate("2022-03-01"),
		ReviewDue:   mustDate("2025-03-01"),
		Emergency:   "If a child is at risk of immediate harm, contact the MASH or the police now.",
		WhenToUse:   []string{"You disagree with another agency about a child's safety."},
		LaterStart:  "immediate",
		Stages: []protocol.Stage{
			{Title: "Consult your line manager or designated officer", Who: "You and your line manager", Summary: "Clarify.", Due: wd(2, protocol.AfterConcern)},
			{Title: "Discuss with the person you disagree with", Who: "The people who disagree", Summary: "Lowest level.", Due: wd(3, protocol.AfterPrevious)},
			{Title: "Managers or designated officers of both agencies", Who: "Managers", Summary: "Managers.", Due: wd(5, protocol.AfterPrevious)},
			{Title: "Agency representatives on the partnership", Who: "Senior managers", Summary: "Senior.", Due: wd(10, protocol.AfterPrevious)},
			{Title: "Learning and Improvement Resolution Panel", Who: "Three members of the sub-committee", Summary: "Binding decision.", Due: wd(20, protocol.AfterPrevious)},
			{Title: "Referral to the partnership", Who: "The partnership", Summary: "Rare."},
		},
		Flags: []protocol.Flag{
			{ID: "immediate", Question: "Is a child thought to be at risk of immediate harm?", Action: "Contact the MASH or the police now (999 in an emergency). You may start at whichever stage fits.", Urgent: true},
			{ID: "cp", Question: "Is the child subject to a child protection plan?", Action: "Tell the child's key worker about the disagreement.", FromStage: 3},
			{ID: "convenor", Question: "Might compulsory measures be needed?", Action: "Consider a referral to the Children's Convenor.", FromStage: 5},
		},
		Template: []protocol.Question{
			{ID: "concern", Question: "What is the disagreement about?"},
			{ID: "aim", Question: "What do you aim to achieve?"},
		},
	}
}

func englandWales(t testing.TB) *workday.Calendar {
	t.Helper()
	c, ok := workday.Builtin("england-and-wales")
	if !ok {
		t.Fatal("no england-and-wales calendar")
	}
	return c
}

func guernsey(t testing.TB) *workday.Calendar {
	t.Helper()
	c, err := workday.NewCustom(workday.Spec{
		ID:   "guernsey",
		Name: "Bailiwick of Guernsey",
		Base: "england-and-wales",
		Add: []workday.Holiday{
			{Date: mustDate("2028-05-09"), Name: "Liberation Day"},
			{Date: mustDate("2029-05-09"), Name: "Liberation Day"},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// fixture is a procedure, its calendar and a complete record of it.
type fixture struct {
	name  string
	p     *protocol.Protocol
	cal   *workday.Calendar
	today workday.Date
	r     *Record
}

func fixtures(t testing.TB) []fixture {
	return []fixture{
		{"hips", hips(), englandWales(t), date(t, "2026-01-20"), hipsRecord(t)},
		{"tees", tees(), englandWales(t), date(t, "2025-06-30"), teesRecord(t)},
		{"iscp", iscp(), guernsey(t), date(t, "2028-12-20"), iscpRecord(t)},
	}
}

// hipsRecord was resolved at stage 3 after a late stage 2, over Christmas.
func hipsRecord(t testing.TB) *Record {
	return &Record{
		Format: Format, Version: Version, ID: "k2m4q6s8u2w4y6a2c4e6g8i2k4",
		Protocol:    ProtocolRef{"hips", "2024-06", "england-and-wales"},
		Reference:   "CS/2025/0412",
		Agency:      "Northfield Primary School",
		OtherAgency: "Children's social care, Southampton",
		RaisedBy:    "Designated safeguarding lead",
		Arose:       date(t, "2025-12-19"),
		Answers: map[string]string{
			"concern":  "Referral closed with no further action after two disclosures.\nThe school believes the threshold for assessment is met.",
			"impact":   "Child continues to arrive hungry; attendance is falling.",
			"outcomes": "A child and family assessment.",
			"next":     "Speak to the duty team manager & ask for the decision to be reviewed.",
		},
		Flags: map[string]bool{"sooner": false},
		Stages: []Stage{
			{Stage: 1, Started: date(t, "2025-12-19"), Completed: date(t, "2025-12-22"), With: "DSL and head teacher", Notes: "Agreed the concern meets the threshold; escalate.", Outcome: NotResolved},
			{Stage: 2, Started: date(t, "2025-12-22"), Completed: date(t, "2026-01-05"), With: "DSL; duty social worker", Notes: "Social worker held to the decision. Call delayed by the holidays.", Outcome: NotResolved},
			{Stage: 3, Started: date(t, "2026-01-05"), Completed: date(t, "2026-01-07"), With: "Head teacher; team manager", Notes: "Team manager agreed to reopen the referral.", Outcome: Resolved},
		},
		Resolution: "Referral reopened; assessment to start within 5 working days.",
		Actions: []Action{
			{What: "Allocate a social worker and start the assessment", Who: "Team manager", By: date(t, "2026-01-14")},
			{What: "Share attendance records with the social worker", Who: "DSL"},
		},
		Feedback: Feedback{Given: date(t, "2026-01-07"), How: "Told the class teacher in person."},
		Created:  date(t, "2025-12-19"),
		Updated:  date(t, "2026-01-07"),
	}
}

// teesRecord used every stage without resolution; the IRO flag is set.
func teesRecord(t testing.TB) *Record {
	return &Record{
		Format: Format, Version: Version, ID: "a3c5e7g3i5k7m3o5q7s3u5w7y3",
		Protocol:    ProtocolRef{"tees", "2023-09", "england-and-wales"},
		Reference:   "HV-88213",
		Agency:      "0-19 health visiting service",
		OtherAgency: "Early help team",
		RaisedBy:    "Health visitor",
		Arose:       date(t, "2025-04-14"),
		Answers: map[string]string{
			"concern": "Case stepped down to universal services <despite> missed health appointments.",
			"why":     "Baby's weight is faltering; \"no concerns\" was recorded without a home visit.",
		},
		Flags: map[string]bool{"iro": true, "meeting": false},
		Stages: []Stage{
			{Stage: 1, Started: date(t, "2025-04-14"), Completed: date(t, "2025-04-16"), With: "Health visitor; early help worker", Notes: "Phone call. No agreement.", Outcome: NotResolved},
			{Stage: 2, Started: date(t, "2025-04-16"), Completed: date(t, "2025-04-23"), With: "Both team leaders", Outcome: NotResolved},
			{Stage: 3, Started: date(t, "2025-04-23"), Completed: date(t, "2025-05-07"), With: "Heads of service", Notes: "Met; positions unchanged.", Outcome: NotResolved},
			{Stage: 4, Started: date(t, "2025-05-07"), Completed: date(t, "2025-06-10"), With: "Partnership business manager; independent chair", Notes: "Resolution meeting held; learning to the procedures group.", Outcome: NotResolved},
		},
		Resolution: "Partnership to review the step-down criteria.",
		Feedback:   Feedback{Given: date(t, "2025-06-11"), How: "E-mail to the health visitor's manager."},
		Created:    date(t, "2025-04-14"),
		Updated:    date(t, "2025-06-11"),
	}
}

// iscpRecord started at stage 3 because the case was urgent, and is under
// way at stage 4, with later due dates beyond the published bank holidays.
func iscpRecord(t testing.TB) *Record {
	return &Record{
		Format: Format, Version: Version, ID: "b4d6f8h4j6l8n4p6r8t4v6x8z4",
		Protocol:    ProtocolRef{"iscp", "2022-03", "guernsey"},
		Reference:   "GSY-2028-17",
		Agency:      "Guernsey Police",
		OtherAgency: "Children & Family Community Services",
		RaisedBy:    "Police officer",
		Arose:       date(t, "2028-12-04"),
		Answers: map[string]string{
			"concern": "Strategy discussion declined; officer believes a joint visit is needed, today.",
		},
		Flags: map[string]bool{"immediate": true, "cp": true},
		Stages: []Stage{
			{Stage: 3, Started: date(t, "2028-12-04"), Completed: date(t, "2028-12-11"), With: "Inspector; CFCS team manager", Notes: "Joint visit agreed; disagreement over the plan remains.", Outcome: NotResolved},
			{Stage: 4, Started: date(t, "2028-12-12"), With: "Chief inspector; head of service"},
		},
		Created: date(t, "2028-12-04"),
		Updated: date(t, "2028-12-12"),
	}
}
