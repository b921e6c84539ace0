package check_test

import (
	"strings"
	"testing"
	"time"

	"resolve/internal/content"
	"resolve/internal/protocol"
	"resolve/internal/protocol/check"
	"resolve/internal/workday"
)

// valid is a protocol with every key, which validation must accept.
const valid = `---
title: Test
protocol:
  id: test
  partnership: Test partnership
  calendar: england-and-wales
  version: "2024-06"
  published: 2024-06-01
  review_due: 2027-06-01
  emergency: Call 999.
  when_to_use: [You disagree about a decision.]
  later_start: risk
  stages:
    - title: Talk
      who: You and your manager
      summary: Talk it through.
      due: {working_days: 2, after: concern}
      record: What was agreed.
      prompts: ["What do you know?"]
    - title: Escalate
      who: Managers
      summary: Managers meet.
      due: {calendar_days: 5, after: previous}
    - title: Panel
      who: The partnership
      summary: The panel decides.
      timescale: Immediately
  flags:
    - id: cp_plan
      question: Is the child on a plan?
      action: Notify the IRO.
      from_stage: 2
    - id: risk
      question: Is the child at immediate risk?
      action: Call 999.
      urgent: true
  template:
    - id: concern
      question: What is the concern?
      hint: Be specific.
  contacts:
    - {name: Unit, email: unit@example.org}
    - {name: Desk, phone: "+44 1234 567890"}
    - {name: Site, url: "https://example.org/"}
    - {id: north, stage: 3, name: North partnership, email: north@example.org}
    - {id: south, stage: 3, name: South partnership, email: south@example.org}
  audit: {contact: north, period: quarterly}
  changes:
    - {version: "2024-06", date: 2024-06-01, summary: Second.}
    - {version: "2023-01", date: 2023-01-01, summary: First.}
---
`

var today = workday.Date{Year: 2026, Month: time.November, Day: 21}

func validate(t *testing.T, text string) string {
	t.Helper()
	p, problems := content.Parse("content/test/_index.md", []byte(text))
	if problems.Errors() > 0 {
		t.Fatalf("the fixture does not parse: %v", problems)
	}
	ps := check.Protocol(p.Meta.Protocol, check.Env{
		File:          p.File,
		Folder:        "test",
		Line:          p.Line,
		CalendarKnown: func(id string) bool { _, ok := workday.Builtin(id); return ok || id == "guernsey" },
		Today:         today,
	})
	return ps.Error()
}

func TestValidProtocol(t *testing.T) {
	if got := validate(t, valid); got != "" {
		t.Errorf("a valid protocol has problems:\n%s", got)
	}
}

// TestProtocolErrors changes the valid protocol in one way per class of
// error and checks the message names the file and the line.
func TestProtocolErrors(t *testing.T) {
	tests := []struct {
		name, old, new, want string
	}{
		{"bad id", "id: test", "id: Test_1", `content/test/_index.md:4: protocol: id "Test_1" may use only a-z, 0-9 and -`},
		{"id not folder", "id: test", "id: other", `content/test/_index.md:4: protocol: id "other" must be the folder's name`},
		{"missing partnership", "  partnership: Test partnership\n", "", "content/test/_index.md:3: protocol: partnership is missing"},
		{"unknown calendar", "calendar: england-and-wales", "calendar: wales", `content/test/_index.md:6: protocol: unknown calendar "wales"`},
		{"review before published", "review_due: 2027-06-01", "review_due: 2024-01-01", "content/test/_index.md:9: protocol: review_due 2024-01-01 must be after published"},
		{"stage without who", "      who: Managers\n", "", "content/test/_index.md:20: protocol: stage 2 has no who"},
		{"zero working days", "working_days: 2, after: concern", "working_days: 0, after: concern", "content/test/_index.md:17: protocol: stage 1 due: give working_days"},
		{"negative days", "working_days: 2, after: concern", "working_days: -2, after: concern", "content/test/_index.md:17: protocol: stage 1 due: working_days must be a positive whole number"},
		{"working days too many", "working_days: 2, after: concern", "working_days: 2147483647, after: concern", "content/test/_index.md:17: protocol: stage 1 due: working_days must be at most 365"},
		{"calendar days too many", "calendar_days: 5, after: previous", "calendar_days: 366, after: previous", "content/test/_index.md:23: protocol: stage 2 due: calendar_days must be at most 365"},
		{"both units", "calendar_days: 5, after: previous", "calendar_days: 5, working_days: 2, after: previous", "content/test/_index.md:23: protocol: stage 2 due: give working_days or calendar_days, not both"},
		{"bad after", "after: previous", "after: later", `content/test/_index.md:23: protocol: stage 2 due: after must be concern or previous, not "later"`},
		{"first stage after previous", "after: concern", "after: previous", "content/test/_index.md:17: protocol: stage 1 due: the first stage has no previous stage"},
		{"from_stage out of range", "from_stage: 2", "from_stage: 4", `content/test/_index.md:32: protocol: flag "cp_plan" from_stage 4 is not a stage (1 to 3)`},
		{"duplicate flag id", "id: risk", "id: cp_plan", `content/test/_index.md:33: protocol: flag id "cp_plan" is used twice (first on line 29)`},
		{"bad flag id", "id: risk", "id: Risk!", `content/test/_index.md:33: protocol: flag id "Risk!" may use only`},
		{"flag without action", "      action: Call 999.\n", "", `content/test/_index.md:33: protocol: flag "risk" has no action`},
		{"duplicate template id", "    - id: concern\n      question: What is the concern?\n", "    - id: concern\n      question: What is the concern?\n    - id: concern\n      question: Again?\n", `content/test/_index.md:40: protocol: template id "concern" is used twice (first on line 38)`},
		{"bad email", "email: unit@example.org", "email: unit.example.org", `protocol: contact "Unit" email "unit.example.org" is not an e-mail address`},
		{"bad phone", `phone: "+44 1234 567890"`, `phone: "call us"`, `protocol: contact "Desk" phone "call us" is not a phone number`},
		{"bad url", `url: "https://example.org/"`, `url: "example.org"`, `protocol: contact "Site" url "example.org" is not a web address`},
		{"unreachable contact", "{name: Unit, email: unit@example.org}", "{name: Unit}", `content/test/_index.md:42: protocol: contact "Unit" has no way to reach it`},
		{"changes out of order", "date: 2023-01-01, summary: First.", "date: 2025-01-01, summary: First.", "protocol: changes are listed newest first"},
		{"later_start not a flag", "later_start: risk", "later_start: nothing", `content/test/_index.md:12: protocol: later_start "nothing" is not the id of one of the protocol's flags`},
		{"timescale with due", "      due: {calendar_days: 5, after: previous}\n", "      due: {calendar_days: 5, after: previous}\n      timescale: Soon\n", `content/test/_index.md:24: protocol: stage 2 has both due and timescale`},
		{"timescale too long", "timescale: Immediately", "timescale: " + strings.Repeat("x", 81), `content/test/_index.md:27: protocol: stage 3 timescale must be one line`},
		{"contact stage without id", "{id: north, stage: 3,", "{stage: 3,", `content/test/_index.md:45: protocol: contact "North partnership" has a stage but no id`},
		{"duplicate contact id", "{id: south,", "{id: north,", `content/test/_index.md:46: protocol: contact id "north" is used twice (first on line 45)`},
		{"bad contact id", "{id: south,", "{id: South_1,", `protocol: contact id "South_1" may use only a-z, 0-9 and -`},
		{"contact stage out of range", "{id: south, stage: 3,", "{id: south, stage: 4,", `content/test/_index.md:46: protocol: contact "South partnership" stage 4 is not a stage (1 to 3)`},
		{"audit contact not a contact", "audit: {contact: north,", "audit: {contact: east,", `content/test/_index.md:47: protocol: audit: contact "east" is not the id of one of the protocol's contacts`},
		{"audit contact missing", "audit: {contact: north, period: quarterly}", "audit: {period: quarterly}", `content/test/_index.md:47: protocol: audit: contact is missing`},
		{"audit period unknown", "period: quarterly}", "period: fortnightly}", `content/test/_index.md:47: protocol: audit: period "fortnightly" is not one of when-resolved, monthly, quarterly, half-yearly, yearly`},
		{"audit period missing", "audit: {contact: north, period: quarterly}", "audit: {contact: north}", `content/test/_index.md:47: protocol: audit: period is missing`},
		{"stage page not markdown", `prompts: ["What do you know?"]`, "prompts: [\"What do you know?\"]\n      page: ../x.html", `protocol: stage 1 page "../x.html" must name a .md file`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(valid, tt.old) {
				t.Fatalf("the fixture has no %q", tt.old)
			}
			got := validate(t, strings.Replace(valid, tt.old, tt.new, 1))
			if !strings.Contains(got, tt.want) {
				t.Errorf("Protocol =\n%s\nwant a line containing\n%s", got, tt.want)
			}
		})
	}
}

func TestNoStages(t *testing.T) {
	p := &protocol.Protocol{ID: "x", Partnership: "P", Calendar: "england-and-wales", Version: "1",
		Published: workday.Date{Year: 2024, Month: 1, Day: 1}, ReviewDue: workday.Date{Year: 2030, Month: 1, Day: 1}}
	got := check.Protocol(p, check.Env{File: "f.md"}).Error()
	if !strings.Contains(got, "f.md: protocol: stages is missing") {
		t.Errorf("Protocol = %q; want stages is missing", got)
	}
}

func TestReviewWarnings(t *testing.T) {
	for _, tt := range []struct {
		due, want string
	}{
		{"2026-11-20", "content/test/_index.md:9: warning: protocol: the review date 2026-11-20 has passed"},
		{"2026-12-31", "content/test/_index.md:9: warning: protocol: the review date 2026-12-31 is within 60 days"},
		{"2027-06-01", ""},
	} {
		got := validate(t, strings.Replace(valid, "review_due: 2027-06-01", "review_due: "+tt.due, 1))
		if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
			t.Errorf("review_due %s: %q; want %q", tt.due, got, tt.want)
		}
	}
}
