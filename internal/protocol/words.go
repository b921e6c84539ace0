package protocol

import (
	"strconv"
	"strings"

	"resolve/internal/words"
)

// Timescale describes a stage's due rule in words, as readers see it.
func (s Stage) Timescale(n int) string {
	d := s.Due
	if d == nil {
		return s.Words()
	}
	var b strings.Builder
	switch {
	case d.WorkingDays > 0:
		b.WriteString(words.Count(d.WorkingDays, "working day", "working days"))
	default:
		b.WriteString(words.Count(d.CalendarDays, "calendar day", "calendar days"))
	}
	if d.After == AfterPrevious && n > 1 {
		b.WriteString(" from the end of stage " + strconv.Itoa(n-1))
	} else {
		b.WriteString(" from when the disagreement arose")
	}
	return b.String()
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
