package history

import (
	"strings"
	"testing"
	"time"

	"resolve/internal/protocol"
	"resolve/internal/workday"
)

// base is a small protocol that each case of TestCompare changes.
func base() *protocol.Protocol {
	return &protocol.Protocol{
		ID: "t", Partnership: "P", Calendar: "england-and-wales", Version: "1",
		WhenToUse: []string{"A", "B"},
		Stages: []protocol.Stage{
			{Title: "One", Who: "W1", Summary: "S1", Due: &protocol.Due{WorkingDays: 2, After: protocol.AfterConcern}, Prompts: []string{"p", "q"}},
			{Title: "Two", Who: "W2", Summary: "S2", Due: &protocol.Due{WorkingDays: 2, After: protocol.AfterPrevious}},
		},
		Flags:    []protocol.Flag{{ID: "f", Question: "F?", Action: "Do F."}},
		Template: []protocol.Question{{ID: "q", Question: "Q?"}},
		Contacts: []protocol.Contact{{Name: "Unit", Email: "u@example.org"}},
		Changes:  []protocol.Change{{Version: "1", Summary: "First."}},
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		name   string
		change func(p *protocol.Protocol)
		want   []string // Difference.String() of each difference, in order
	}{
		{"nothing", func(p *protocol.Protocol) {}, nil},
		{"version, dates and changes are not compared", func(p *protocol.Protocol) {
			p.Version = "2"
			p.Published.Year = 2030
			p.ReviewDue.Year = 2032
			p.Changes = append([]protocol.Change{{Version: "2", Summary: "Second."}}, p.Changes...)
		}, nil},
		{"prompts in another order", func(p *protocol.Protocol) {
			p.Stages[0].Prompts = []string{"q", "p"}
		}, nil},
		{"calendar", func(p *protocol.Protocol) { p.Calendar = "guernsey" }, []string{
			`The procedure: The calendar of working days changed: "england-and-wales" -> "guernsey"`,
		}},
		{"first stage removed", func(p *protocol.Protocol) { p.Stages = p.Stages[1:] }, []string{
			`Stages and timescales: Stage 1, “One”, was removed: was "S1"`,
			`Stages and timescales: “Two” is now stage 1 (it was stage 2)`,
		}},
		{"timescale becomes as soon as possible", func(p *protocol.Protocol) { p.Stages[1].Due = nil }, []string{
			`Stages and timescales: Stage 2, “Two”: the timescale changed: "2 working days from the end of stage 1" -> "As soon as possible"`,
		}},
		{"working days become calendar days", func(p *protocol.Protocol) {
			p.Stages[0].Due = &protocol.Due{CalendarDays: 2, After: protocol.AfterConcern}
		}, []string{
			`Stages and timescales: Stage 1, “One”: the timescale changed: "2 working days from when the disagreement arose" -> "2 calendar days from when the disagreement arose"`,
		}},
		{"stage renamed in place", func(p *protocol.Protocol) { p.Stages[1].Title = "Deux" }, []string{
			`Stages and timescales: Stage 2 was renamed: "Two" -> "Deux"`,
		}},
		{"stages swapped", func(p *protocol.Protocol) { p.Stages[0], p.Stages[1] = p.Stages[1], p.Stages[0] }, []string{
			`Stages and timescales: “Two” is now stage 1 (it was stage 2)`,
			`Stages and timescales: “One” is now stage 2 (it was stage 1)`,
		}},
		{"condition added", func(p *protocol.Protocol) { p.WhenToUse = []string{"A", "A2", "B"} }, []string{
			`When to use it: A condition was added: "A2"`,
		}},
		{"flag from a later stage", func(p *protocol.Protocol) { p.Flags[0].FromStage = 2 }, []string{
			`Facts that change what must happen: “F?”: now applies from stage 2: "stage 1" -> "stage 2"`,
		}},
		{"flag id renamed", func(p *protocol.Protocol) { p.Flags[0].ID = "g" }, []string{
			`Facts that change what must happen: A question was removed: “F?”: was "Do F."`,
			`Facts that change what must happen: A question was added: “F?”: "Do F."`,
		}},
		{"template question reworded", func(p *protocol.Protocol) { p.Template[0].Question = "Q, exactly?" }, []string{
			`Preparing your concern: A question was reworded: "Q?" -> "Q, exactly?"`,
		}},
		{"contact's email replaced by a web address", func(p *protocol.Protocol) {
			p.Contacts[0].Email = ""
			p.Contacts[0].URL = "https://example.org"
		}, []string{
			`Contacts: Unit: the email address was removed: was "u@example.org"`,
			`Contacts: Unit: the web address was added: "https://example.org"`,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			old, new := base(), base()
			tc.change(new)
			var got []string
			for _, d := range Compare(old, new) {
				got = append(got, d.String())
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("Compare(%s) =\n%s\nwant\n%s", tc.name, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestCompareNil(t *testing.T) {
	if got := Compare(nil, base()); got != nil {
		t.Errorf("Compare(nil, p) = %v; want nothing", got)
	}
	if got := Compare(base(), nil); got != nil {
		t.Errorf("Compare(p, nil) = %v; want nothing", got)
	}
}

func TestVersions(t *testing.T) {
	p := func(v string) *protocol.Protocol { return &protocol.Protocol{Version: v} }
	day := func(d int) workday.Date { return workday.Date{Year: 2024, Month: time.March, Day: d} }
	snaps := []Snapshot{
		{Commit: "", Protocol: p("3")}, // the working copy has no date
		{Commit: "e", Date: day(5), Protocol: p("3")},
		{Commit: "d", Date: day(4), Protocol: p("2")},
		{Commit: "c", Date: day(3)}, // unreadable: skipped, and does not split version 2
		{Commit: "b", Date: day(2), Protocol: p("2")},
		{Commit: "a", Date: day(1), Protocol: p("1")},
	}
	var got []string
	for _, v := range Versions(snaps) {
		got = append(got, v.Label+"@"+v.Snapshot.Commit+"from"+v.From.String())
	}
	if want := "3@from2024-03-05 2@dfrom2024-03-02 1@afrom2024-03-01"; strings.Join(got, " ") != want {
		t.Errorf("Versions = %v; want %s", got, want)
	}
}
