package protocol

import (
	"strconv"
	"strings"

	"resolve/internal/diag"
	"resolve/internal/workday"
)

// Locator returns the file line of a value in the front matter, given its
// path of keys and sequence indexes below the top of the front matter
// ("protocol", "stages", "0", "due").
type Locator func(keys ...string) int

// Env is what validation needs to know beyond the protocol itself.
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

// Validate reports every problem with p, each with file and line. Review
// dates that have passed or are near give warnings, not errors.
func (p *Protocol) Validate(env Env) diag.List {
	var out diag.List
	at := func(keys ...string) int {
		if env.Line == nil {
			return 0
		}
		return env.Line(append([]string{"protocol"}, keys...)...)
	}
	add := func(line int, msg string) { out.Add(env.File, line, msg) }
	required := func(v, key, what string) {
		if strings.TrimSpace(v) == "" {
			add(at(key), "protocol: "+key+" is missing: give "+what)
		}
	}

	switch {
	case p.ID == "":
		add(at("id"), "protocol: id is missing: give the folder's name, in lower-case letters, digits and hyphens")
	case !validID(p.ID, false):
		add(at("id"), "protocol: id "+strconv.Quote(p.ID)+" may use only a-z, 0-9 and -")
	case env.Folder != "" && p.ID != env.Folder:
		add(at("id"), "protocol: id "+strconv.Quote(p.ID)+" must be the folder's name, "+strconv.Quote(env.Folder))
	}
	required(p.Partnership, "partnership", "the partnership's full name")
	required(p.Version, "version", "a version label such as \"2024-06\"")
	switch {
	case p.Calendar == "":
		add(at("calendar"), "protocol: calendar is missing: give england-and-wales, scotland, northern-ireland or a custom calendar's id")
	case env.CalendarKnown != nil && !env.CalendarKnown(p.Calendar):
		add(at("calendar"), "protocol: unknown calendar "+strconv.Quote(p.Calendar)+": use england-and-wales, scotland, northern-ireland or define it in a calendars: list")
	}
	if p.Published.IsZero() {
		add(at("published"), "protocol: published is missing: give the date this version was published (YYYY-MM-DD)")
	}
	if p.ReviewDue.IsZero() {
		add(at("review_due"), "protocol: review_due is missing: give the date of the next review (YYYY-MM-DD)")
	} else if !p.Published.IsZero() && !p.ReviewDue.After(p.Published) {
		add(at("review_due"), "protocol: review_due "+p.ReviewDue.String()+" must be after published "+p.Published.String())
	}
	if !env.Today.IsZero() && !p.ReviewDue.IsZero() {
		switch {
		case p.ReviewDue.Before(env.Today):
			out.Warn(env.File, at("review_due"), "protocol: the review date "+p.ReviewDue.String()+" has passed: review the procedure and update review_due")
		case !p.ReviewDue.After(env.Today.AddDays(ReviewWarningDays)):
			out.Warn(env.File, at("review_due"), "protocol: the review date "+p.ReviewDue.String()+" is within "+strconv.Itoa(ReviewWarningDays)+" days")
		}
	}
	for i, c := range p.WhenToUse {
		if strings.TrimSpace(c) == "" {
			add(at("when_to_use", strconv.Itoa(i)), "protocol: when_to_use condition "+strconv.Itoa(i+1)+" is empty")
		}
	}

	if len(p.Stages) == 0 {
		add(at("stages"), "protocol: stages is missing: a procedure needs at least one stage")
	}
	for i, s := range p.Stages {
		n := strconv.Itoa(i + 1)
		idx := strconv.Itoa(i)
		for _, f := range []struct{ v, key string }{{s.Title, "title"}, {s.Who, "who"}, {s.Summary, "summary"}} {
			if strings.TrimSpace(f.v) == "" {
				add(at("stages", idx, f.key), "protocol: stage "+n+" has no "+f.key)
			}
		}
		if s.Due != nil {
			p.validateDue(i, s.Due, func(key, msg string) {
				add(at("stages", idx, "due", key), "protocol: stage "+n+" due: "+msg)
			})
		}
		switch t := s.TimescaleText; {
		case t == "":
		case s.Due != nil:
			add(at("stages", idx, "timescale"), "protocol: stage "+n+" has both due and timescale: timescale is the wording for a stage without due, so give one or the other")
		case strings.TrimSpace(t) != t || strings.ContainsAny(t, "\r\n") || len(t) > maxTimescale:
			add(at("stages", idx, "timescale"), "protocol: stage "+n+" timescale must be one line of at most "+strconv.Itoa(maxTimescale)+" bytes, such as \"Immediately\"")
		}
		if s.Page != "" && (strings.Contains(s.Page, "/") || !strings.HasSuffix(s.Page, ".md")) {
			add(at("stages", idx, "page"), "protocol: stage "+n+" page "+strconv.Quote(s.Page)+" must name a .md file in this folder")
		}
		for j, pr := range s.Prompts {
			if strings.TrimSpace(pr) == "" {
				add(at("stages", idx, "prompts", strconv.Itoa(j)), "protocol: stage "+n+" has an empty prompt")
			}
		}
	}

	seen := map[string]int{}
	for i, f := range p.Flags {
		idx := strconv.Itoa(i)
		line := at("flags", idx, "id")
		switch {
		case f.ID == "":
			add(at("flags", idx), "protocol: flag "+strconv.Itoa(i+1)+" has no id")
		case !validID(f.ID, true):
			add(line, "protocol: flag id "+strconv.Quote(f.ID)+" may use only a-z, 0-9, - and _")
		case seen[f.ID] > 0:
			add(line, "protocol: flag id "+strconv.Quote(f.ID)+" is used twice (first on line "+strconv.Itoa(seen[f.ID])+")")
		default:
			seen[f.ID] = line
		}
		if strings.TrimSpace(f.Question) == "" {
			add(at("flags", idx, "question"), "protocol: flag "+strconv.Quote(f.ID)+" has no question")
		}
		if strings.TrimSpace(f.Action) == "" {
			add(at("flags", idx, "action"), "protocol: flag "+strconv.Quote(f.ID)+" has no action")
		}
		if f.FromStage != 0 && (f.FromStage < 1 || f.FromStage > len(p.Stages)) {
			add(at("flags", idx, "from_stage"), "protocol: flag "+strconv.Quote(f.ID)+" from_stage "+strconv.Itoa(f.FromStage)+" is not a stage (1 to "+strconv.Itoa(len(p.Stages))+")")
		}
	}

	seen = map[string]int{}
	for i, q := range p.Template {
		idx := strconv.Itoa(i)
		line := at("template", idx, "id")
		switch {
		case q.ID == "":
			add(at("template", idx), "protocol: template question "+strconv.Itoa(i+1)+" has no id")
		case !validID(q.ID, true):
			add(line, "protocol: template id "+strconv.Quote(q.ID)+" may use only a-z, 0-9, - and _")
		case seen[q.ID] > 0:
			add(line, "protocol: template id "+strconv.Quote(q.ID)+" is used twice (first on line "+strconv.Itoa(seen[q.ID])+")")
		default:
			seen[q.ID] = line
		}
		if strings.TrimSpace(q.Question) == "" {
			add(at("template", idx, "question"), "protocol: template question "+strconv.Quote(q.ID)+" has no question")
		}
	}

	if p.LaterStart != "" && p.LaterStartFlag() == nil {
		add(at("later_start"), "protocol: later_start "+strconv.Quote(p.LaterStart)+" is not the id of one of the protocol's flags")
	}

	seen = map[string]int{}
	for i, c := range p.Contacts {
		idx := strconv.Itoa(i)
		switch line := at("contacts", idx, "id"); {
		case c.ID == "" && c.Stage != 0:
			add(at("contacts", idx), "protocol: contact "+strconv.Quote(c.Name)+" has a stage but no id: give an id, so a record can name the contact chosen")
		case c.ID == "":
		case !validID(c.ID, false):
			add(line, "protocol: contact id "+strconv.Quote(c.ID)+" may use only a-z, 0-9 and -")
		case seen[c.ID] > 0:
			add(line, "protocol: contact id "+strconv.Quote(c.ID)+" is used twice (first on line "+strconv.Itoa(seen[c.ID])+")")
		default:
			seen[c.ID] = line
		}
		if c.Stage != 0 && (c.Stage < 1 || c.Stage > len(p.Stages)) {
			add(at("contacts", idx, "stage"), "protocol: contact "+strconv.Quote(c.Name)+" stage "+strconv.Itoa(c.Stage)+" is not a stage (1 to "+strconv.Itoa(len(p.Stages))+")")
		}
		if strings.TrimSpace(c.Name) == "" {
			add(at("contacts", idx), "protocol: contact "+strconv.Itoa(i+1)+" has no name")
		}
		if c.Email == "" && c.Phone == "" && c.URL == "" {
			add(at("contacts", idx), "protocol: contact "+strconv.Quote(c.Name)+" has no way to reach it: give an email, phone or url")
		}
		if c.Email != "" && !ValidEmail(c.Email) {
			add(at("contacts", idx, "email"), "protocol: contact "+strconv.Quote(c.Name)+" email "+strconv.Quote(c.Email)+" is not an e-mail address")
		}
		if c.Phone != "" && !ValidPhone(c.Phone) {
			add(at("contacts", idx, "phone"), "protocol: contact "+strconv.Quote(c.Name)+" phone "+strconv.Quote(c.Phone)+" is not a phone number (digits, spaces, an optional leading +)")
		}
		if c.URL != "" && !validURL(c.URL) {
			add(at("contacts", idx, "url"), "protocol: contact "+strconv.Quote(c.Name)+" url "+strconv.Quote(c.URL)+" is not a web address (https://...)")
		}
	}

	for i, c := range p.Changes {
		idx := strconv.Itoa(i)
		if strings.TrimSpace(c.Version) == "" || c.Date.IsZero() || strings.TrimSpace(c.Summary) == "" {
			add(at("changes", idx), "protocol: change "+strconv.Itoa(i+1)+" needs version, date and summary")
		}
		if i > 0 && !c.Date.IsZero() && c.Date.After(p.Changes[i-1].Date) {
			add(at("changes", idx, "date"), "protocol: changes are listed newest first, but "+c.Date.String()+" is later than the one above it")
		}
	}
	return out
}

func (p *Protocol) validateDue(i int, d *Due, add func(key, msg string)) {
	switch {
	case d.WorkingDays != 0 && d.CalendarDays != 0:
		add("calendar_days", "give working_days or calendar_days, not both")
	case d.WorkingDays < 0:
		add("working_days", "working_days must be a positive whole number")
	case d.CalendarDays < 0:
		add("calendar_days", "calendar_days must be a positive whole number")
	case d.WorkingDays == 0 && d.CalendarDays == 0:
		add("working_days", "give working_days (a positive whole number), or leave out due for \"as soon as possible\"")
	}
	switch d.After {
	case AfterConcern:
	case AfterPrevious:
		if i == 0 {
			add("after", "the first stage has no previous stage: use after: concern")
		}
	case "":
		add("after", "after is missing: concern (from when the disagreement arose) or previous (from the end of the previous stage)")
	default:
		add("after", "after must be concern or previous, not "+strconv.Quote(d.After))
	}
}

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

// ValidEmail reports whether s is a plain e-mail address (no display name):
// a local part of letters, digits and the usual punctuation, and a domain of
// at least two dot-separated labels. It is hand-written rather than
// net/mail because the browser module links this package, and net/mail
// brings fmt, reflect and net with it; the tests check it never accepts
// what net/mail refuses.
func ValidEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at > 64 || len(s) > 254 {
		return false
	}
	local, domain := s[:at], s[at+1:]
	if local[0] == '.' || local[len(local)-1] == '.' || strings.Contains(local, "..") {
		return false
	}
	for i := 0; i < len(local); i++ {
		c := local[i]
		if !(alnum(c) || strings.IndexByte("!#$%&'*+-/=?^_`{|}~.", c) >= 0) {
			return false
		}
	}
	return validHost(domain, true)
}

// validHost reports whether s is a domain name of letters, digits and
// hyphens in dot-separated labels; dotted requires at least two labels.
func validHost(s string, dotted bool) bool {
	labels := strings.Split(s, ".")
	if len(s) == 0 || len(s) > 253 || dotted && len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for i := 0; i < len(l); i++ {
			if !alnum(l[i]) && l[i] != '-' {
				return false
			}
		}
	}
	return true
}

func alnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// ValidPhone reports whether s looks like a phone number: digits and spaces,
// an optional leading +, and from 3 digits (999) to 15.
func ValidPhone(s string) bool {
	digits := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == ' ' || c == '-' || c == '(' || c == ')':
		case c == '+' && i == 0:
		default:
			return false
		}
	}
	return digits >= 3 && digits <= 15
}

// TelURI turns a phone number as written into a tel: URI.
func TelURI(s string) string {
	var b strings.Builder
	b.WriteString("tel:")
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '+' || c >= '0' && c <= '9' {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// validURL reports whether s is an http or https address with a host name,
// an optional port, and a path, query or fragment of printable characters.
// Hand-written for the same reason as ValidEmail; tested against net/url.
func validURL(s string) bool {
	rest, ok := strings.CutPrefix(s, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(s, "http://"); !ok {
			return false
		}
	}
	host := rest
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		host = rest[:i]
		for j := i; j < len(rest); j++ {
			if c := rest[j]; c <= ' ' || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`' || c == '{' || c == '|' || c == '}' {
				return false
			}
			if rest[j] == '%' && (j+2 >= len(rest) || !hex(rest[j+1]) || !hex(rest[j+2])) {
				return false
			}
		}
	}
	if h, port, ok := strings.Cut(host, ":"); ok {
		if port == "" || len(port) > 5 {
			return false
		}
		for i := 0; i < len(port); i++ {
			if port[i] < '0' || port[i] > '9' {
				return false
			}
		}
		host = h
	}
	return validHost(host, false)
}

func hex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// Timescale describes a stage's due rule in words, as readers see it.
func (s Stage) Timescale(n int) string {
	d := s.Due
	if d == nil {
		return s.Words()
	}
	var b strings.Builder
	switch {
	case d.WorkingDays > 0:
		b.WriteString(plural(d.WorkingDays, "working day"))
	default:
		b.WriteString(plural(d.CalendarDays, "calendar day"))
	}
	if d.After == AfterPrevious && n > 1 {
		b.WriteString(" from the end of stage " + strconv.Itoa(n-1))
	} else {
		b.WriteString(" from when the disagreement arose")
	}
	return b.String()
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return strconv.Itoa(n) + " " + unit + "s"
}
