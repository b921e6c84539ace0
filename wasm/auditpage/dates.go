package auditpage

import (
	"strconv"
	"strings"
	"time"

	"resolve/internal/workday"
)

// readDate reads a date typed as day, month and year, as the GOV.UK date
// input asks for it. All three blank is no date and no problem; otherwise
// the message says what to put right, in the words of the design system.
func readDate(what, day, month, year string) (workday.Date, string) {
	day, month, year = strings.TrimSpace(day), strings.TrimSpace(month), strings.TrimSpace(year)
	if day == "" && month == "" && year == "" {
		return workday.Date{}, ""
	}
	var missing []string
	for _, p := range []struct{ v, name string }{{day, "a day"}, {month, "a month"}, {year, "a year"}} {
		if p.v == "" {
			missing = append(missing, p.name)
		}
	}
	if len(missing) > 0 {
		return workday.Date{}, what + " must include " + strings.Join(missing, " and ")
	}
	d, err1 := strconv.Atoi(day)
	m, err2 := strconv.Atoi(month)
	y, err3 := strconv.Atoi(year)
	if err1 != nil || err2 != nil || err3 != nil || m < 1 || m > 12 || d < 1 || len(year) != 4 || d > workday.DaysIn(y, time.Month(m)) || y < 1900 || y > 2999 {
		return workday.Date{}, what + " must be a real date, for example 1 4 2025"
	}
	return workday.Date{Year: y, Month: time.Month(m), Day: d}, ""
}
