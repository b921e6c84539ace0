package workday

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Calendar is a set of holidays: with Saturdays and Sundays, the days on
// which no working day falls. It is immutable and safe for concurrent use.
type Calendar struct {
	id, name    string
	div         division // whose standing rules fill the years without data
	first, last int      // the years the published data covers
	// years holds every published year, and every other year a custom
	// calendar changed; the rest come from the standing rules on demand.
	years map[int]*yearSet
}

// yearSet is one year's holidays.
type yearSet struct {
	list []Holiday // in date order, at most one a day
	// bit d of days[m] is set when day d of month m is in list: the quick
	// test Due makes for every day it steps over.
	days [13]uint32
}

func newYearSet(list []Holiday) *yearSet {
	s := &yearSet{list: list}
	for _, h := range list {
		s.days[h.Date.Month] |= 1 << h.Date.Day
	}
	return s
}

func (s *yearSet) has(d Date) bool {
	return d.Month >= time.January && d.Month <= time.December && d.Day >= 1 && d.Day <= 31 &&
		s.days[d.Month]&(1<<d.Day) != 0
}

// builtins lists the built-in calendars, sorted by id.
var builtins = [...]struct {
	id, name string
	div      division
}{
	{"england-and-wales", "England and Wales", englandAndWales},
	{"northern-ireland", "Northern Ireland", northernIreland},
	{"scotland", "Scotland", scotland},
}

// Builtin returns the built-in calendar with the given id, or false if there
// is none.
func Builtin(id string) (*Calendar, bool) {
	for _, b := range builtins {
		if b.id != id {
			continue
		}
		file := "data/" + id + ".txt"
		text, err := dataFiles.ReadFile(file)
		if err != nil {
			panic("workday: " + err.Error())
		}
		list, err := parseHolidays(file, string(text))
		if err != nil {
			// The embedded data is part of the program and TestData checks it.
			panic("workday: " + err.Error())
		}
		c := &Calendar{
			id:    b.id,
			name:  b.name,
			div:   b.div,
			first: list[0].Date.Year,
			last:  list[len(list)-1].Date.Year,
			years: make(map[int]*yearSet),
		}
		for len(list) > 0 {
			n := 1
			for n < len(list) && list[n].Date.Year == list[0].Date.Year {
				n++
			}
			c.years[list[0].Date.Year] = newYearSet(list[:n:n])
			list = list[n:]
		}
		return c, true
	}
	return nil, false
}

// BuiltinIDs returns the ids of the built-in calendars, sorted.
func BuiltinIDs() []string {
	ids := make([]string, len(builtins))
	for i, b := range builtins {
		ids[i] = b.id
	}
	return ids
}

// Holiday is one dated holiday of a calendar.
type Holiday struct {
	Date Date   `yaml:"date" json:"date"`
	Name string `yaml:"name" json:"name"`
}

// Spec is a custom calendar as written in an _index.md `calendars:` list.
type Spec struct {
	ID     string    `yaml:"id" json:"id"`         // [a-z0-9-]+
	Name   string    `yaml:"name" json:"name"`     // shown to readers, e.g. "Bailiwick of Guernsey"
	Base   string    `yaml:"base" json:"base"`     // a built-in calendar id
	Add    []Holiday `yaml:"add" json:"add"`       // dated holidays added to the base
	Remove []Holiday `yaml:"remove" json:"remove"` // dated holidays of the base that this calendar does not keep
}

// NewCustom makes the calendar s describes. If s is not valid, the error
// says what is wrong without a file or line, which the caller knows; when
// there are several problems it is an errors.Join of one error each.
func NewCustom(s Spec) (*Calendar, error) {
	var errs []error
	fail := func(msg string) { errs = append(errs, errors.New("calendar "+strconv.Quote(s.ID)+": "+msg)) }

	if !validID(s.ID) {
		errs = append(errs, errors.New("calendar id "+strconv.Quote(s.ID)+
			" must be lower-case letters, digits and hyphens"))
	}
	if slices.Contains(BuiltinIDs(), s.ID) {
		fail("the id is taken by a built-in calendar")
	}
	if strings.TrimSpace(s.Name) == "" {
		fail("name is missing: give the name readers should see")
	}
	base, ok := Builtin(s.Base)
	if !ok {
		if s.Base == "" {
			fail("base is missing: " + builtinList())
		} else {
			fail("base " + strconv.Quote(s.Base) + " is not a built-in calendar: " + builtinList())
		}
		return nil, errors.Join(errs...)
	}

	removed := make(map[Date]bool)
	for _, h := range s.Remove {
		switch {
		case h.Date.IsZero():
			fail("remove: a holiday has no date")
		case h.Date != h.Date.AddDays(0):
			fail("remove: " + h.Date.String() + " is not a real date")
		case removed[h.Date]:
			fail("remove " + h.Date.String() + ": listed twice")
		default:
			if _, ok := base.Holiday(h.Date); !ok {
				fail("remove " + h.Date.String() + ": " + base.id + " has no holiday on that date")
			}
		}
		removed[h.Date] = true
	}
	added := make(map[Date]bool)
	for _, h := range s.Add {
		switch {
		case h.Date.IsZero():
			fail("add: a holiday has no date")
		case h.Date != h.Date.AddDays(0):
			fail("add: " + h.Date.String() + " is not a real date")
		case strings.TrimSpace(h.Name) == "":
			fail("add " + h.Date.String() + ": the holiday has no name")
		case added[h.Date]:
			fail("add " + h.Date.String() + ": listed twice")
		default:
			if name, ok := base.Holiday(h.Date); ok {
				fail("add " + h.Date.String() + ": " + base.id + " already has " + name + " on that date")
			}
		}
		added[h.Date] = true
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}

	c := &Calendar{
		id:    s.ID,
		name:  strings.TrimSpace(s.Name),
		div:   base.div,
		first: base.first,
		last:  base.last,
		years: make(map[int]*yearSet, len(base.years)),
	}
	for y, set := range base.years {
		c.years[y] = set
	}
	changed := make(map[int][]Holiday)
	for _, h := range s.Remove {
		if _, ok := changed[h.Date.Year]; !ok {
			changed[h.Date.Year] = slices.Clone(base.year(h.Date.Year).list)
		}
		changed[h.Date.Year] = slices.DeleteFunc(changed[h.Date.Year], func(g Holiday) bool { return g.Date == h.Date })
	}
	for _, h := range s.Add {
		if _, ok := changed[h.Date.Year]; !ok {
			changed[h.Date.Year] = slices.Clone(base.year(h.Date.Year).list)
		}
		changed[h.Date.Year] = append(changed[h.Date.Year], Holiday{h.Date, strings.TrimSpace(h.Name)})
	}
	for y, list := range changed {
		slices.SortFunc(list, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
		c.years[y] = newYearSet(list)
	}
	return c, nil
}

func validID(id string) bool {
	if id == "" {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func builtinList() string {
	return "use one of " + strings.Join(BuiltinIDs(), ", ")
}

// ID returns the calendar's id: a built-in id or a custom calendar's.
func (c *Calendar) ID() string { return c.id }

// Name returns the calendar's name for readers: "England and Wales",
// "Scotland", "Northern Ireland" or a custom calendar's name.
func (c *Calendar) Name() string { return c.name }

// year returns the holidays of year y.
func (c *Calendar) year(y int) *yearSet {
	if s, ok := c.years[y]; ok {
		return s
	}
	return newYearSet(standing(c.div, y))
}

// Holiday returns the name of the holiday on d, if d is one.
func (c *Calendar) Holiday(d Date) (name string, ok bool) {
	s := c.year(d.Year)
	if !s.has(d) {
		return "", false
	}
	for _, h := range s.list {
		if h.Date == d {
			return h.Name, true
		}
	}
	return "", false
}

// IsWorkingDay reports whether d is a working day: Monday to Friday and not
// a holiday.
func (c *Calendar) IsWorkingDay(d Date) bool {
	return !isWeekend(d.Weekday()) && !c.year(d.Year).has(d)
}

// Due returns the n-th working day strictly after start: the day a stage
// given n working days from start is due. If n <= 0 it returns start. A
// start that is not a real date (2025-02-30) counts as the day it overflows
// to, as with AddDays.
func (c *Calendar) Due(start Date, n int) Date {
	if n <= 0 {
		return start
	}
	d := start.AddDays(0) // a real date, so that nextDay can step it
	w := d.Weekday()
	s := c.year(d.Year)
	for n > 0 {
		d, w = nextDay(d), (w+1)%7
		if d.Month == time.January && d.Day == 1 {
			s = c.year(d.Year)
		}
		if !isWeekend(w) && !s.has(d) {
			n--
		}
	}
	return d
}

// nextDay returns the day after d, which must be a real date. It is
// AddDays(1) without the trip through time.Time.
func nextDay(d Date) Date {
	switch {
	case d.Day < DaysIn(d.Year, d.Month):
		d.Day++
	case d.Month < time.December:
		d.Month, d.Day = d.Month+1, 1
	default:
		d.Year, d.Month, d.Day = d.Year+1, time.January, 1
	}
	return d
}

// WorkingDaysBetween counts the working days d with a < d <= b, so that
// WorkingDaysBetween(start, Due(start, n)) == n. If b is before a the count
// is negated: WorkingDaysBetween(b, a) == -WorkingDaysBetween(a, b).
func (c *Calendar) WorkingDaysBetween(a, b Date) int {
	a, b = a.AddDays(0), b.AddDays(0)
	if b.Before(a) {
		return -c.WorkingDaysBetween(b, a)
	}
	n := weekdaysBefore(dayNumber(b)+1) - weekdaysBefore(dayNumber(a)+1)
	for y := a.Year; y <= b.Year; y++ {
		for _, h := range c.year(y).list {
			if h.Date.After(a) && !h.Date.After(b) && !isWeekend(h.Date.Weekday()) {
				n--
			}
		}
	}
	return n
}

// dayNumber counts days from 1970-01-01 (a Thursday) to d.
func dayNumber(d Date) int { return int(d.Time().Unix() / (24 * 60 * 60)) }

// weekdaysBefore counts the Mondays to Fridays among the days numbered
// 4 to x-1 (day 4 is Monday 5 January 1970), negatively when x < 4. Only
// differences of it are used, so where it starts does not matter.
func weekdaysBefore(x int) int {
	days := x - 4
	weeks := days / 7
	rest := days % 7
	if rest < 0 { // round the weeks down, not towards zero
		weeks, rest = weeks-1, rest+7
	}
	return 5*weeks + min(rest, 5)
}

// Holidays returns the holidays from from to to inclusive, in date order,
// the ones the standing rules make included.
func (c *Calendar) Holidays(from, to Date) []Holiday {
	var out []Holiday
	for y := from.Year; y <= to.Year; y++ {
		for _, h := range c.year(y).list {
			if !h.Date.Before(from) && !h.Date.After(to) {
				out = append(out, h)
			}
		}
	}
	return out
}

// Published reports whether d's year is covered by the published data. If
// not, its holidays are only expected ("based on the usual bank holiday
// rules"): one-off days may yet be announced.
func (c *Calendar) Published(d Date) bool { return c.first <= d.Year && d.Year <= c.last }

// FirstPublishedYear returns the first year the published data covers.
func (c *Calendar) FirstPublishedYear() int { return c.first }

// LastPublishedYear returns the last year the published data covers.
func (c *Calendar) LastPublishedYear() int { return c.last }
