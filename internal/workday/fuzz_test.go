package workday

import (
	"errors"
	"testing"
)

// FuzzParseDate checks that ParseDate never panics, that every error it
// returns wraps ErrBadDate, and that a date it accepts formats back to the
// very string it was read from.
func FuzzParseDate(f *testing.F) {
	for _, id := range BuiltinIDs() {
		for _, h := range readData(f, id) {
			f.Add(h.Date.String())
		}
	}
	for _, s := range []string{"", "2024-02-29", "2023-02-29", "1900-01-01", "2999-12-31", "3000-01-01",
		"1899-12-31", "2025-1-01", "2025-01-1", "2025/01/01", "+025-01-01", "2025-00-10", "2025-13-01",
		"2025-04-31", "２025-01-01", "2025-01-01 ", "0000-00-00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if !errors.Is(err, ErrBadDate) {
				t.Errorf("ParseDate(%q) error %v does not wrap ErrBadDate", s, err)
			}
			return
		}
		if d.String() != s {
			t.Errorf("ParseDate(%q) = %v, which formats as %q", s, d, d.String())
		}
		if d != d.AddDays(0) {
			t.Errorf("ParseDate(%q) = %#v, not a real date", s, d)
		}
		var u Date
		if err := u.UnmarshalText([]byte(s)); err != nil || u != d {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", s, u, err, d)
		}
		if b, _ := d.MarshalText(); string(b) != s {
			t.Errorf("MarshalText(%v) = %q; want %q", d, b, s)
		}
	})
}

// FuzzDue checks Due's properties for any start from 1900 to about 2100 and
// any count up to 600 working days, on each built-in calendar.
func FuzzDue(f *testing.F) {
	origin := Date{1900, 1, 1}
	for _, start := range []string{"2025-12-19", "2025-12-23", "2020-05-07", "2022-06-01", "2022-09-16",
		"2023-05-05", "2026-06-12", "2025-07-11", "2028-12-20", "2032-12-24", "2017-12-29"} {
		days := dayNumber(date(start)) - dayNumber(origin)
		for n := 0; n < 3; n++ {
			f.Add(days, uint16([]int{1, 2, 20}[n]), uint8(n))
		}
	}
	calendars := make([]*Calendar, 0, len(builtins))
	for _, id := range BuiltinIDs() {
		calendars = append(calendars, builtin(f, id))
	}
	f.Fuzz(func(t *testing.T, offset int, n uint16, which uint8) {
		c := calendars[int(which)%len(calendars)]
		start := origin.AddDays(int(uint(offset) % 73000))
		checkDue(t, c, start, 1+int(n)%600)
	})
}
