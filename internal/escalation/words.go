package escalation

import (
	"strconv"
	"strings"

	"resolve/internal/workday"
)

// Problem is something wrong with a record or a requested change, tied to
// the form field it is about. Message is a whole sentence a practitioner can
// act on without seeing the field.
type Problem struct {
	Field   string // stable field id: "arose", "answers.concern", "stages.2.completed"
	Message string
}

func (p Problem) Error() string { return p.Field + ": " + p.Message }

// LongDate writes d as people read it: "Friday 3 January 2025".
func LongDate(d workday.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Weekday().String() + " " + strconv.Itoa(d.Day) + " " + d.Month.String() + " " + strconv.Itoa(d.Year)
}

// workingDays writes "1 working day" or "N working days".
func workingDays(n int) string {
	if n == 1 {
		return "1 working day"
	}
	return strconv.Itoa(n) + " working days"
}

// stageName writes "stage 2".
func stageName(n int) string { return "stage " + strconv.Itoa(n) }

// capital returns s with its first letter in upper case (ASCII only, which
// is all this package's own sentences start with).
func capital(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// blank reports whether s holds nothing but white space.
func blank(s string) bool { return strings.TrimSpace(s) == "" }

// validID reports whether s has the shape of a protocol's question or flag
// id: 1 to 64 of a-z, 0-9, '_' and '-'.
func validID(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// sentence ends s with a full stop unless it already ends a sentence.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") {
		return s
	}
	return s + "."
}
