package workday

import (
	"errors"
	"strconv"
	"time"
)

// Date is a civil calendar date with no time zone: a day as a practitioner
// writes it on a form. The zero Date means "no date".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ErrBadDate is wrapped by every error ParseDate returns.
var ErrBadDate = errors.New("not a real date")

// ParseDate reads a date written as YYYY-MM-DD and refuses anything else,
// including dates that do not exist (2023-02-29) and years outside 1900-2999.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, &DateError{Input: s, Reason: "write dates as YYYY-MM-DD"}
	}
	y, err1 := digits(s[0:4])
	m, err2 := digits(s[5:7])
	d, err3 := digits(s[8:10])
	if err1 != nil || err2 != nil || err3 != nil {
		return Date{}, &DateError{Input: s, Reason: "write dates as YYYY-MM-DD"}
	}
	if y < 1900 || y > 2999 {
		return Date{}, &DateError{Input: s, Reason: "year must be between 1900 and 2999"}
	}
	if m < 1 || m > 12 {
		return Date{}, &DateError{Input: s, Reason: "month must be 01 to 12"}
	}
	if d < 1 || d > DaysIn(y, time.Month(m)) {
		return Date{}, &DateError{Input: s, Reason: "there is no such day in that month"}
	}
	return Date{y, time.Month(m), d}, nil
}

// DateError says why a string is not a date.
type DateError struct {
	Input  string
	Reason string
}

func (e *DateError) Error() string {
	return strconv.Quote(e.Input) + " is not a real date: " + e.Reason
}

func (e *DateError) Unwrap() error { return ErrBadDate }

func digits(s string) (int, error) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, ErrBadDate
		}
		n = n*10 + int(c-'0')
	}
	return n, nil
}

// DaysIn reports the number of days in month m of year y.
func DaysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// Of returns the civil date of t in t's own location.
func Of(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// IsZero reports whether d is the zero Date ("no date").
func (d Date) IsZero() bool { return d == Date{} }

// Time returns midnight UTC at the start of d.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// AddDays returns the date n calendar days after d (before, if n < 0).
func (d Date) AddDays(n int) Date { return Of(d.Time().AddDate(0, 0, n)) }

// Weekday reports the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is later than e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return sign(d.Year - e.Year)
	case d.Month != e.Month:
		return sign(int(d.Month) - int(e.Month))
	}
	return sign(d.Day - e.Day)
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// String formats d as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	b := make([]byte, 0, 10)
	b = pad(b, d.Year, 4)
	b = append(b, '-')
	b = pad(b, int(d.Month), 2)
	b = append(b, '-')
	b = pad(b, d.Day, 2)
	return string(b)
}

func pad(b []byte, n, width int) []byte {
	s := strconv.Itoa(n)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// MarshalText writes d as YYYY-MM-DD; JSON and YAML use it.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads YYYY-MM-DD; an empty string is the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
