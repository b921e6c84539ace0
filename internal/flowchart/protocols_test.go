package flowchart

import (
	"strconv"
	"strings"

	"resolve/internal/protocol"
)

// The protocols the tests draw: three shaped like the example partnerships'
// procedures, and generated ones at the extremes of size.

func workingDays(n int, after string) *protocol.Due {
	return &protocol.Due{WorkingDays: n, After: after}
}

// hips has five stages of two working days each: the first from when the
// disagreement arose, the rest from the end of the stage before.
func hips() *protocol.Protocol {
	return &protocol.Protocol{
		ID:          "hips",
		Partnership: "Hampshire, Isle of Wight, Portsmouth and Southampton",
		Calendar:    "england-and-wales",
		Version:     "2024-06",
		Stages: []protocol.Stage{
			{
				Title:   "Discussion with line manager or safeguarding lead",
				Who:     "The practitioner who disagrees, with their line manager or safeguarding lead",
				Summary: "Talk the disagreement through: what it is about, how it affects the child and what you want to change. The template helps you structure your concerns.",
				Due:     workingDays(2, protocol.AfterConcern),
				Record:  "The discussion and what you decided to do next.",
				Page:    "stage-1",
			},
			{
				Title:   "Discussion between the practitioners who disagree",
				Who:     "The two practitioners, from different agencies",
				Summary: "Talk to each other by phone, video call or in person, listen to each other's thinking and agree what happens for the child.",
				Due:     workingDays(2, protocol.AfterPrevious),
				Prompts: []string{
					"What are your concerns?",
					"Has the child been affected, and how?",
					"What needs to happen next, and by when?",
				},
				Page: "stage-2",
			},
			{
				Title:   "Line managers or safeguarding leads discuss across agencies",
				Who:     "Each practitioner's line manager or safeguarding lead",
				Summary: "The managers review the information, talk to each other and agree a way forward, then tell the practitioners straight away.",
				Due:     workingDays(2, protocol.AfterPrevious),
				Record:  "The escalation and what was agreed, on the child's file.",
			},
			{
				Title:   "Heads or directors of service discuss",
				Who:     "Heads or directors of service in each agency",
				Summary: "Refer the disagreement without delay; they review it and agree a way forward that reflects the child's needs.",
				Due:     workingDays(2, protocol.AfterPrevious),
			},
			{
				Title:   "Referral to the local safeguarding children partnership",
				Who:     "The agency raising the concern and the relevant partnership manager",
				Summary: "Email the partnership with the actions taken so far and why it needs to be involved; it arranges a resolution meeting.",
				Due:     workingDays(2, protocol.AfterPrevious),
			},
		},
	}
}

// tees has four stages with no timescales and a duty to tell the IRO from
// the second stage.
func tees() *protocol.Protocol {
	return &protocol.Protocol{
		ID:          "tees",
		Partnership: "Tees Safeguarding Children Partnerships",
		Calendar:    "england-and-wales",
		Version:     "2023-11",
		Stages: []protocol.Stage{
			{
				Title:   "Direct discussion between professionals",
				Who:     "The professional who disagrees and the person who made the decision",
				Summary: "Raise the concern as soon as possible, face to face or by phone, aiming for a shared understanding and a plan; confirm it by email.",
			},
			{
				Title:   "Escalate to line managers or safeguarding leads",
				Who:     "The line managers of both professionals",
				Summary: "The managers discuss why the practice is unsafe for the child and try to agree a plan of action.",
			},
			{
				Title:   "Escalate to senior managers",
				Who:     "Senior managers in both agencies",
				Summary: "Senior managers talk to their counterparts and carry on up the tiers of management; they may call a professionals' meeting.",
			},
			{
				Title:   "Escalate to the local Safeguarding Children Partnership",
				Who:     "Senior managers and the Safeguarding Children Partnership",
				Summary: "The partnership considers the dispute, looks for learning and may convene a resolution meeting with an independent chair.",
			},
		},
		Flags: []protocol.Flag{{
			ID:        "iro",
			Question:  "Is the child on a Child Protection Plan or Looked After?",
			Action:    "Notify the Independent Reviewing Officer.",
			FromStage: 2,
		}},
	}
}

// iscp has six stages, an urgent route for immediate risk and a duty to
// consider the Children's Convenor.
func iscp() *protocol.Protocol {
	return &protocol.Protocol{
		ID:          "iscp",
		Partnership: "Islands Safeguarding Children Partnership",
		Calendar:    "guernsey",
		Version:     "2022-03",
		Stages: []protocol.Stage{
			{
				Title:   "Consult your line manager or child protection officer",
				Who:     "The concerned worker and their line manager or designated officer",
				Summary: "Be clear what the problem is, what the disagreement is about and what you want to achieve.",
				Due:     workingDays(1, protocol.AfterConcern),
			},
			{
				Title:   "Talk to the people you disagree with",
				Who:     "The people who disagree",
				Summary: "Try to settle it at the lowest level; ask for support if a difference in status or experience makes that hard.",
				Due:     workingDays(3, protocol.AfterPrevious),
			},
			{
				Title:   "Managers raise it with their counterparts",
				Who:     "The manager or designated officer in each agency",
				Summary: "The concerned worker's manager takes the concern to the equivalent manager in the other agency.",
				Due:     &protocol.Due{CalendarDays: 7, After: protocol.AfterPrevious},
			},
			{
				Title:   "Agency representatives on the partnership meet",
				Who:     "The two agencies' representatives on the ISCP",
				Summary: "The two senior managers try to resolve the difference by discussion.",
			},
			{
				Title:   "Learning and Improvement Resolution Panel",
				Who:     "Three members of the Learning and Improvement sub-committee",
				Summary: "The panel hears from those involved and decides the next course of action; its decision binds the agencies.",
			},
			{
				Title:   "Referral to the partnership",
				Who:     "The Islands Safeguarding Children Partnership",
				Summary: "If the panel cannot resolve it, the matter may go to the partnership for guidance on how to proceed.",
			},
		},
		Flags: []protocol.Flag{
			{
				ID:       "immediate_risk",
				Question: "Is a child at risk of serious or immediate harm?",
				Action:   "Tell the MASH or the Police now. In an emergency, call 999.",
				Urgent:   true,
			},
			{
				ID:       "convenor",
				Question: "Might compulsory measures be needed for the child's care or protection?",
				Action:   "Consider a referral to the Children's Convenor.",
			},
		},
	}
}

// generated has n stages with long titles, every kind of timescale, duties
// at several stages and two long urgent flags.
func generated(n int) *protocol.Protocol {
	p := &protocol.Protocol{
		ID:          "generated-" + strconv.Itoa(n),
		Partnership: "A Partnership With a Deliberately Long Name to Test the Header Wrapping Across Lines",
		Version:     "v" + strconv.Itoa(n),
	}
	for i := 1; i <= n; i++ {
		s := protocol.Stage{
			Title: "Stage title number " + strconv.Itoa(i) + " which is long enough to need wrapping onto several lines" +
				strings.Repeat(", and longer again", i%3),
			Who:     "Everyone involved at level " + strconv.Itoa(i) + " of the organisation, including their deputies",
			Summary: "Do the work of stage " + strconv.Itoa(i) + ".",
		}
		switch i % 4 {
		case 1:
			s.Due = workingDays(i, protocol.AfterConcern)
		case 2:
			s.Due = workingDays(1, protocol.AfterPrevious)
		case 3:
			s.Due = &protocol.Due{CalendarDays: 10 * i, After: protocol.AfterPrevious}
		}
		if i == 7 {
			s.Title = "Stage with an unbreakable word: Supercalifragilisticexpialidociousmultiagencysafeguarding"
		}
		p.Stages = append(p.Stages, s)
	}
	p.Flags = []protocol.Flag{
		{ID: "first", Question: "Does the first duty apply to this case?", Action: "Do the first thing."},
		{
			ID:       "urgent-a",
			Question: "Is there an urgent reason, described here at some length so that the urgent box must wrap it?",
			Action:   "Act now, without waiting for any stage, and tell everyone who needs to know.",
			Urgent:   true,
		},
		{ID: "urgent-b", Question: "Is there a second urgent reason?", Action: "Call 999.", Urgent: true},
	}
	for j, from := range []int{n, n, n / 2} { // two duties at the last stage
		if from < 2 {
			continue
		}
		p.Flags = append(p.Flags, protocol.Flag{
			ID:        "from-" + strconv.Itoa(from) + "-" + strconv.Itoa(j),
			Question:  "Does the duty from stage " + strconv.Itoa(from) + " apply, which has a question long enough to wrap in the note?",
			Action:    "Tell the officer responsible for stage " + strconv.Itoa(from) + ".",
			FromStage: from,
		})
	}
	return p
}

// examples are the protocols with golden files, by file name.
func examples() []struct {
	name string
	p    *protocol.Protocol
} {
	return []struct {
		name string
		p    *protocol.Protocol
	}{
		{"hips", hips()},
		{"tees", tees()},
		{"iscp", iscp()},
		{"generated-1", generated(1)},
		{"generated-12", generated(12)},
	}
}
