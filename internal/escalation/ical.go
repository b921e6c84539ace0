package escalation

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"resolve/internal/protocol"
	"resolve/internal/workday"
)

// ICal returns an iCalendar file (RFC 5545) with one all-day event on the
// due date of each stage whose due date is known: those under way or
// completed, and, while the record is open, the planned dates of the stages
// after. Each event's UID is the record id and stage number, so importing a
// newer file updates the events rather than adding more; SEQUENCE counts the
// completed stages and DTSTAMP is today, so the newer file wins.
func ICal(r *Record, p *protocol.Protocol, cal *workday.Calendar, today workday.Date) []byte {
	var b strings.Builder
	line := func(s string) { b.WriteString(foldLine(s)) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//resolve//escalation record//EN")
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	seq := 0
	for _, s := range r.Stages {
		if !s.Completed.IsZero() {
			seq++
		}
	}
	stampDay := today
	if stampDay.IsZero() { // DTSTAMP is required; the record's own date will do
		stampDay = r.Updated
	}
	if stampDay.IsZero() {
		stampDay = r.Arose
	}
	stamp := icalDate(stampDay) + "T000000Z"
	what := "Professional disagreement"
	if r.Reference != "" {
		what += " (" + r.Reference + ")"
	}
	for _, st := range Statuses(r, p, cal, today) {
		if !st.Known {
			continue
		}
		n := strconv.Itoa(st.Stage)
		desc := capital(st.Text()) + "."
		if st.Kind == NotStarted {
			desc = "Planned: this date assumes each earlier stage ends on its due date."
		}
		desc += "\nStage " + n + ": " + st.Title
		if !st.Published {
			desc += "\nThis date is based on the usual bank holiday rules: the " + cal.Name() + " bank holidays for that year are not yet published."
		}
		desc += "\nProcedure: " + p.ID + ", version " + r.Protocol.Version + "."
		line("BEGIN:VEVENT")
		line("UID:" + r.ID + "-stage-" + n + "@resolve")
		line("SEQUENCE:" + strconv.Itoa(seq))
		line("DTSTAMP:" + stamp)
		line("DTSTART;VALUE=DATE:" + icalDate(st.Due))
		line("DTEND;VALUE=DATE:" + icalDate(st.Due.AddDays(1)))
		line("SUMMARY:" + escapeText("Stage "+n+" due: "+what))
		line("DESCRIPTION:" + escapeText(desc))
		line("TRANSP:TRANSPARENT")
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	return []byte(b.String())
}

// icalDate writes d as YYYYMMDD.
func icalDate(d workday.Date) string { return strings.ReplaceAll(d.String(), "-", "") }

// escapeText escapes s as an iCalendar TEXT value: backslash, semicolon and
// comma are escaped, line breaks become \n, and control characters, which
// TEXT may not hold, become U+FFFD.
func escapeText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == '\\':
			b.WriteString(`\\`)
		case c == ';':
			b.WriteString(`\;`)
		case c == ',':
			b.WriteString(`\,`)
		case c == '\r' && strings.HasPrefix(s[i+1:], "\n"):
			// the \n that follows writes the line break
		case c == '\n' || c == '\r':
			b.WriteString(`\n`)
		case c == utf8.RuneError && size == 1,
			c < 0x20 && c != '\t', c == 0x7f:
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// foldLine ends a content line with CRLF, first folding it so no line is
// longer than 75 octets: a fold is CRLF and a space, and never splits a
// UTF-8 sequence.
func foldLine(s string) string {
	const limit = 75
	var b strings.Builder
	width := limit
	for len(s) > width {
		cut := width
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		width = limit - 1 // the leading space counts
	}
	b.WriteString(s)
	b.WriteString("\r\n")
	return b.String()
}
