// Package check holds the rules a protocol must keep to before a site
// publishes it: the checks `resolve check` and every build run on the
// `protocol:` block of an _index.md (the keys are specified in package
// protocol), each problem reported with file and line.
//
// It is host-only: the browser module links package protocol, for the
// model, but never this package, so it uses fmt, net/mail and net/url
// freely.
package check

import (
	"fmt"
	"strconv"
	"strings"

	"resolve/internal/diag"
	"resolve/internal/protocol"
	"resolve/internal/workday"
)

// Locator returns the file line of a value in the front matter, given its
// path of keys and sequence indexes below the top of the front matter
// ("protocol", "stages", "0", "due").
type Locator func(keys ...string) int

// Env is what the checks need to know beyond the protocol itself.
type Env struct {
	File          string               // the file shown in messages
	Folder        string               // the protocol's folder name, which must equal its id
	Line          Locator              // positions in the front matter
	CalendarKnown func(id string) bool // whether a calendar id is built in or defined in content
	Today         workday.Date         // for review dates; zero skips those warnings
}

// ReviewWarningDays is how long before review_due `resolve check` starts to warn.
const ReviewWarningDays = 60

// maxTimescale is the longest a stage's timescale wording may be.
const maxTimescale = 80

// MaxDays is the longest timescale a stage may have, in working or
// calendar days. Counting working days is linear in their number, and no
// procedure gives a stage more than a few weeks.
const MaxDays = 365

// Protocol reports every problem with p, each with file and line. Review
// dates that have passed or are near give warnings, not errors.
func Protocol(p *protocol.Protocol, env Env) diag.List {
	c := &checker{p: p, env: env}
	c.identity()
	c.dates()
	c.whenToUse()
	c.stages()
	c.flags()
	c.laterStart()
	c.template()
	c.contacts()
	c.audit()
	c.changes()
	return c.out
}

// checker collects the problems of one protocol.
type checker struct {
	p   *protocol.Protocol
	env Env
	out diag.List
}

// at returns the line of a key below protocol:, or 0 when lines are unknown.
func (c *checker) at(keys ...string) int {
	if c.env.Line == nil {
		return 0
	}
	return c.env.Line(append([]string{"protocol"}, keys...)...)
}

// errorf adds an error at line; every message starts "protocol: ".
func (c *checker) errorf(line int, format string, args ...any) {
	c.out.Add(c.env.File, line, "protocol: "+fmt.Sprintf(format, args...))
}

func (c *checker) warnf(line int, format string, args ...any) {
	c.out.Warn(c.env.File, line, "protocol: "+fmt.Sprintf(format, args...))
}

// required refuses a blank value of a top-level key.
func (c *checker) required(v, key, what string) {
	if blank(v) {
		c.errorf(c.at(key), "%s is missing: give %s", key, what)
	}
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }

// identity checks the keys that name the protocol and its calendar.
func (c *checker) identity() {
	p, env := c.p, c.env
	switch {
	case p.ID == "":
		c.errorf(c.at("id"), "id is missing: give the folder's name, in lower-case letters, digits and hyphens")
	case !validID(p.ID, false):
		c.errorf(c.at("id"), "id %q may use only a-z, 0-9 and -", p.ID)
	case env.Folder != "" && p.ID != env.Folder:
		c.errorf(c.at("id"), "id %q must be the folder's name, %q", p.ID, env.Folder)
	}
	c.required(p.Partnership, "partnership", "the partnership's full name")
	c.required(p.Version, "version", `a version label such as "2024-06"`)
	switch {
	case p.Calendar == "":
		c.errorf(c.at("calendar"), "calendar is missing: give england-and-wales, scotland, northern-ireland or a custom calendar's id")
	case env.CalendarKnown != nil && !env.CalendarKnown(p.Calendar):
		c.errorf(c.at("calendar"), "unknown calendar %q: use england-and-wales, scotland, northern-ireland or define it in a calendars: list", p.Calendar)
	}
}

// dates checks published and review_due, and warns when the review is
// due within ReviewWarningDays of today or has passed.
func (c *checker) dates() {
	p, today := c.p, c.env.Today
	if p.Published.IsZero() {
		c.errorf(c.at("published"), "published is missing: give the date this version was published (YYYY-MM-DD)")
	}
	switch {
	case p.ReviewDue.IsZero():
		c.errorf(c.at("review_due"), "review_due is missing: give the date of the next review (YYYY-MM-DD)")
		return
	case !p.Published.IsZero() && !p.ReviewDue.After(p.Published):
		c.errorf(c.at("review_due"), "review_due %s must be after published %s", p.ReviewDue, p.Published)
	}
	switch {
	case today.IsZero():
	case p.ReviewDue.Before(today):
		c.warnf(c.at("review_due"), "the review date %s has passed: review the procedure and update review_due", p.ReviewDue)
	case !p.ReviewDue.After(today.AddDays(ReviewWarningDays)):
		c.warnf(c.at("review_due"), "the review date %s is within %d days", p.ReviewDue, ReviewWarningDays)
	}
}

func (c *checker) whenToUse() {
	for i, cond := range c.p.WhenToUse {
		if blank(cond) {
			c.errorf(c.at("when_to_use", strconv.Itoa(i)), "when_to_use condition %d is empty", i+1)
		}
	}
}

// stages checks each stage: its words, its timescale and its page.
func (c *checker) stages() {
	if len(c.p.Stages) == 0 {
		c.errorf(c.at("stages"), "stages is missing: a procedure needs at least one stage")
	}
	for i, s := range c.p.Stages {
		n, idx := i+1, strconv.Itoa(i)
		for _, f := range []struct{ v, key string }{{s.Title, "title"}, {s.Who, "who"}, {s.Summary, "summary"}} {
			if blank(f.v) {
				c.errorf(c.at("stages", idx, f.key), "stage %d has no %s", n, f.key)
			}
		}
		if s.Due != nil {
			for _, pr := range dueProblems(i, s.Due) {
				c.errorf(c.at("stages", idx, "due", pr.key), "stage %d due: %s", n, pr.msg)
			}
		}
		switch t := s.TimescaleText; {
		case t == "":
		case s.Due != nil:
			c.errorf(c.at("stages", idx, "timescale"), "stage %d has both due and timescale: timescale is the wording for a stage without due, so give one or the other", n)
		case strings.TrimSpace(t) != t || strings.ContainsAny(t, "\r\n") || len(t) > maxTimescale:
			c.errorf(c.at("stages", idx, "timescale"), "stage %d timescale must be one line of at most %d bytes, such as \"Immediately\"", n, maxTimescale)
		}
		if s.Page != "" && (strings.Contains(s.Page, "/") || !strings.HasSuffix(s.Page, ".md")) {
			c.errorf(c.at("stages", idx, "page"), "stage %d page %q must name a .md file in this folder", n, s.Page)
		}
		for j, pr := range s.Prompts {
			if blank(pr) {
				c.errorf(c.at("stages", idx, "prompts", strconv.Itoa(j)), "stage %d has an empty prompt", n)
			}
		}
	}
}

// dueProblem is what is wrong with a key of a stage's due.
type dueProblem struct{ key, msg string }

// dueProblems checks the timescale of stage i (from 0): one unit of days,
// a positive number of them, and where they count from.
func dueProblems(i int, d *protocol.Due) []dueProblem {
	var out []dueProblem
	switch {
	case d.WorkingDays != 0 && d.CalendarDays != 0:
		out = append(out, dueProblem{"calendar_days", "give working_days or calendar_days, not both"})
	case d.WorkingDays < 0:
		out = append(out, dueProblem{"working_days", "working_days must be a positive whole number"})
	case d.CalendarDays < 0:
		out = append(out, dueProblem{"calendar_days", "calendar_days must be a positive whole number"})
	case d.WorkingDays == 0 && d.CalendarDays == 0:
		out = append(out, dueProblem{"working_days", `give working_days (a positive whole number), or leave out due for "as soon as possible"`})
	case d.WorkingDays > MaxDays:
		out = append(out, dueProblem{"working_days", fmt.Sprintf("working_days must be at most %d (a year): a stage that takes longer has no timescale to count", MaxDays)})
	case d.CalendarDays > MaxDays:
		out = append(out, dueProblem{"calendar_days", fmt.Sprintf("calendar_days must be at most %d (a year): a stage that takes longer has no timescale to count", MaxDays)})
	}
	switch d.After {
	case protocol.AfterConcern:
	case protocol.AfterPrevious:
		if i == 0 {
			out = append(out, dueProblem{"after", "the first stage has no previous stage: use after: concern"})
		}
	case "":
		out = append(out, dueProblem{"after", "after is missing: concern (from when the disagreement arose) or previous (from the end of the previous stage)"})
	default:
		out = append(out, dueProblem{"after", fmt.Sprintf("after must be concern or previous, not %q", d.After)})
	}
	return out
}

// flags checks each flag's id, words and the stage it applies from.
func (c *checker) flags() {
	seen := map[string]int{}
	for i, f := range c.p.Flags {
		idx := strconv.Itoa(i)
		c.id(seen, flagIDs, i, f.ID)
		if blank(f.Question) {
			c.errorf(c.at("flags", idx, "question"), "flag %q has no question", f.ID)
		}
		if blank(f.Action) {
			c.errorf(c.at("flags", idx, "action"), "flag %q has no action", f.ID)
		}
		if f.FromStage != 0 && (f.FromStage < 1 || f.FromStage > len(c.p.Stages)) {
			c.errorf(c.at("flags", idx, "from_stage"), "flag %q from_stage %d is not a stage (1 to %d)", f.ID, f.FromStage, len(c.p.Stages))
		}
	}
}

// laterStart checks that later_start names one of the flags.
func (c *checker) laterStart() {
	if c.p.LaterStart != "" && c.p.LaterStartFlag() == nil {
		c.errorf(c.at("later_start"), "later_start %q is not the id of one of the protocol's flags", c.p.LaterStart)
	}
}

// template checks each template question's id and question.
func (c *checker) template() {
	seen := map[string]int{}
	for i, q := range c.p.Template {
		c.id(seen, templateIDs, i, q.ID)
		if blank(q.Question) {
			c.errorf(c.at("template", strconv.Itoa(i), "question"), "template question %q has no question", q.ID)
		}
	}
}

// idList is a list whose items have ids, and what messages call an item
// and its id.
type idList struct{ key, item, id string }

var (
	flagIDs     = idList{key: "flags", item: "flag", id: "flag id"}
	templateIDs = idList{key: "template", item: "template question", id: "template id"}
)

// id checks the id of item i of a list: given, well formed, and not used
// by an earlier item; seen maps the ids so far to their lines.
func (c *checker) id(seen map[string]int, l idList, i int, id string) {
	idx := strconv.Itoa(i)
	line := c.at(l.key, idx, "id")
	switch {
	case id == "":
		c.errorf(c.at(l.key, idx), "%s %d has no id", l.item, i+1)
	case !validID(id, true):
		c.errorf(line, "%s %q may use only a-z, 0-9, - and _", l.id, id)
	case seen[id] > 0:
		c.errorf(line, "%s %q is used twice (first on line %d)", l.id, id, seen[id])
	default:
		seen[id] = line
	}
}

// contacts checks that each contact has a name and a way to reach it,
// each well formed, and that an id and a stage, where given, are usable.
func (c *checker) contacts() {
	seen := map[string]int{}
	for i, ct := range c.p.Contacts {
		idx := strconv.Itoa(i)
		switch line := c.at("contacts", idx, "id"); {
		case ct.ID == "" && ct.Stage != 0:
			c.errorf(c.at("contacts", idx), "contact %q has a stage but no id: give an id, so a record can name the contact chosen", ct.Name)
		case ct.ID == "":
		case !validID(ct.ID, false):
			c.errorf(line, "contact id %q may use only a-z, 0-9 and -", ct.ID)
		case seen[ct.ID] > 0:
			c.errorf(line, "contact id %q is used twice (first on line %d)", ct.ID, seen[ct.ID])
		default:
			seen[ct.ID] = line
		}
		if ct.Stage != 0 && (ct.Stage < 1 || ct.Stage > len(c.p.Stages)) {
			c.errorf(c.at("contacts", idx, "stage"), "contact %q stage %d is not a stage (1 to %d)", ct.Name, ct.Stage, len(c.p.Stages))
		}
		if blank(ct.Name) {
			c.errorf(c.at("contacts", idx), "contact %d has no name", i+1)
		}
		if ct.Email == "" && ct.Phone == "" && ct.URL == "" {
			c.errorf(c.at("contacts", idx), "contact %q has no way to reach it: give an email, phone or url", ct.Name)
		}
		if ct.Email != "" && !validEmail(ct.Email) {
			c.errorf(c.at("contacts", idx, "email"), "contact %q email %q is not an e-mail address", ct.Name, ct.Email)
		}
		if ct.Phone != "" && !validPhone(ct.Phone) {
			c.errorf(c.at("contacts", idx, "phone"), "contact %q phone %q is not a phone number (digits, spaces, an optional leading +)", ct.Name, ct.Phone)
		}
		if ct.URL != "" && !validURL(ct.URL) {
			c.errorf(c.at("contacts", idx, "url"), "contact %q url %q is not a web address (https://...)", ct.Name, ct.URL)
		}
	}
}

// changes checks that each change is complete and that they are listed
// newest first.
func (c *checker) changes() {
	for i, ch := range c.p.Changes {
		idx := strconv.Itoa(i)
		if blank(ch.Version) || ch.Date.IsZero() || blank(ch.Summary) {
			c.errorf(c.at("changes", idx), "change %d needs version, date and summary", i+1)
		}
		if i > 0 && !ch.Date.IsZero() && ch.Date.After(c.p.Changes[i-1].Date) {
			c.errorf(c.at("changes", idx, "date"), "changes are listed newest first, but %s is later than the one above it", ch.Date)
		}
	}
}

// validID reports whether s is an id of a-z, 0-9 and -, and _ if underscore.
func validID(s string, underscore bool) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || underscore && c == '_'
		if !ok {
			return false
		}
	}
	return true
}
