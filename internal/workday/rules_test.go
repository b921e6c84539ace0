package workday

import (
	"slices"
	"testing"
	"time"
)

func date(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestEasterSunday(t *testing.T) {
	// Known dates of Easter Day, including the earliest (22 March) and
	// latest (25 April) possible.
	tests := []struct {
		year int
		want string
	}{
		{1818, "1818-03-22"},
		{1943, "1943-04-25"},
		{1954, "1954-04-18"},
		{1981, "1981-04-19"},
		{2000, "2000-04-23"},
		{2008, "2008-03-23"},
		{2011, "2011-04-24"},
		{2016, "2016-03-27"},
		{2018, "2018-04-01"},
		{2019, "2019-04-21"},
		{2024, "2024-03-31"},
		{2025, "2025-04-20"},
		{2026, "2026-04-05"},
		{2027, "2027-03-28"},
		{2038, "2038-04-25"},
		{2285, "2285-03-22"},
	}
	for _, tt := range tests {
		// Compared as text: ParseDate refuses years outside 1900-2999.
		if got := easterSunday(tt.year); got.String() != tt.want {
			t.Errorf("easterSunday(%d) = %v; want %s", tt.year, got, tt.want)
		}
	}
}

func TestEasterSundayIsASundayInRange(t *testing.T) {
	earliest, latest := Date{0, time.March, 22}, Date{0, time.April, 25}
	for y := 1900; y <= 2999; y++ {
		e := easterSunday(y)
		earliest.Year, latest.Year = y, y
		if e.Weekday() != time.Sunday || e.Before(earliest) || e.After(latest) {
			t.Errorf("easterSunday(%d) = %v, a %v; want a Sunday from 22 March to 25 April", y, e, e.Weekday())
		}
	}
}

// publishedExceptions are the published days that differ from the standing
// rules: the rules' day Moved (if any) was not a holiday, and Day was.
var publishedExceptions = []struct {
	divisions []division
	moved     string
	day       Holiday
}{
	// 2020: the early May bank holiday moved to Friday 8 May for VE Day's 75th anniversary.
	{all, "2020-05-04", Holiday{date("2020-05-08"), "Early May bank holiday (VE day)"}},
	// 2022: the spring bank holiday moved to 2 June and an extra day followed for the Platinum Jubilee.
	{all, "2022-05-30", Holiday{date("2022-06-02"), springHoliday}},
	{all, "", Holiday{date("2022-06-03"), "Platinum Jubilee bank holiday"}},
	// 2022: the State Funeral of Queen Elizabeth II.
	{all, "", Holiday{date("2022-09-19"), "Bank Holiday for the State Funeral of Queen Elizabeth II"}},
	// 2023: the coronation of King Charles III.
	{all, "", Holiday{date("2023-05-08"), "Bank holiday for the coronation of King Charles III"}},
	// 2026: Scotland only, for the men's football World Cup.
	{[]division{scotland}, "", Holiday{date("2026-06-15"), "World Cup bank holiday"}},
}

var all = []division{englandAndWales, scotland, northernIreland}

// TestStandingMatchesPublished checks the standing rules against every year
// of published data: once the known one-off changes are made, the rules must
// give exactly the published dates and names.
func TestStandingMatchesPublished(t *testing.T) {
	for _, b := range builtins {
		list := readData(t, b.id)
		for y := list[0].Date.Year; y <= list[len(list)-1].Date.Year; y++ {
			var want []Holiday
			for _, h := range list {
				if h.Date.Year == y {
					want = append(want, h)
				}
			}
			got := standing(b.div, y)
			for _, x := range publishedExceptions {
				if x.day.Date.Year != y || !slices.Contains(x.divisions, b.div) {
					continue
				}
				if x.moved != "" {
					n := len(got)
					got = slices.DeleteFunc(got, func(h Holiday) bool { return h.Date == date(x.moved) })
					if len(got) == n {
						t.Errorf("%s %d: the rules give no holiday on %s to move", b.id, y, x.moved)
					}
				}
				got = append(got, x.day)
			}
			slices.SortFunc(got, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
			if !slices.Equal(got, want) {
				t.Errorf("%s %d: rules with exceptions give\n\t%v\nbut gov.uk published\n\t%v", b.id, y, got, want)
			}
		}
	}
}

// TestStandingByHand checks years beyond the data against dates worked out
// by hand from the rules, chosen for their substitute days.
func TestStandingByHand(t *testing.T) {
	tests := []struct {
		div  division
		year int
		want []string // date and name, in order
	}{
		{englandAndWales, 2029, []string{
			"2029-01-01 " + newYearsDay, "2029-03-30 " + goodFriday, "2029-04-02 " + easterMonday,
			"2029-05-07 " + earlyMay, "2029-05-28 " + springHoliday, "2029-08-27 " + summerHoliday,
			"2029-12-25 " + christmasDay, "2029-12-26 " + boxingDay}},
		// Christmas Day on a Saturday: both days move to Monday and Tuesday.
		{englandAndWales, 2032, []string{
			"2032-01-01 " + newYearsDay, "2032-03-26 " + goodFriday, "2032-03-29 " + easterMonday,
			"2032-05-03 " + earlyMay, "2032-05-31 " + springHoliday, "2032-08-30 " + summerHoliday,
			"2032-12-27 " + christmasDay, "2032-12-28 " + boxingDay}},
		// Christmas Day on a Sunday: Boxing Day keeps Monday, Christmas moves to Tuesday.
		// New Year's Day 2033 is a Saturday.
		{englandAndWales, 2033, []string{
			"2033-01-03 " + newYearsDay, "2033-04-15 " + goodFriday, "2033-04-18 " + easterMonday,
			"2033-05-02 " + earlyMay, "2033-05-30 " + springHoliday, "2033-08-29 " + summerHoliday,
			"2033-12-26 " + boxingDay, "2033-12-27 " + christmasDay}},
		// 1 January a Sunday; St Andrew's Day a Saturday in 2030, checked below.
		{scotland, 2034, []string{
			"2034-01-02 " + newYearsDay, "2034-01-03 " + secondJanuary, "2034-04-07 " + goodFriday,
			"2034-05-01 " + earlyMay, "2034-05-29 " + springHoliday, "2034-08-07 " + summerHoliday,
			"2034-11-30 " + stAndrewsDay, "2034-12-25 " + christmasDay, "2034-12-26 " + boxingDay}},
		{scotland, 2030, []string{
			"2030-01-01 " + newYearsDay, "2030-01-02 " + secondJanuary, "2030-04-19 " + goodFriday,
			"2030-05-06 " + earlyMay, "2030-05-27 " + springHoliday, "2030-08-05 " + summerHoliday,
			"2030-12-02 " + stAndrewsDay, "2030-12-25 " + christmasDay, "2030-12-26 " + boxingDay}},
		// St Patrick's Day on a Saturday; the Boyne on a Thursday.
		{northernIreland, 2029, []string{
			"2029-01-01 " + newYearsDay, "2029-03-19 " + stPatricksDay, "2029-03-30 " + goodFriday,
			"2029-04-02 " + easterMonday, "2029-05-07 " + earlyMay, "2029-05-28 " + springHoliday,
			"2029-07-12 " + battleOfBoyne, "2029-08-27 " + summerHoliday,
			"2029-12-25 " + christmasDay, "2029-12-26 " + boxingDay}},
		// The Boyne on a Sunday.
		{northernIreland, 2037, []string{
			"2037-01-01 " + newYearsDay, "2037-03-17 " + stPatricksDay, "2037-04-03 " + goodFriday,
			"2037-04-06 " + easterMonday, "2037-05-04 " + earlyMay, "2037-05-25 " + springHoliday,
			"2037-07-13 " + battleOfBoyne, "2037-08-31 " + summerHoliday,
			"2037-12-25 " + christmasDay, "2037-12-28 " + boxingDay}},
	}
	for _, tt := range tests {
		var got []string
		for _, h := range standing(tt.div, tt.year) {
			got = append(got, h.Date.String()+" "+h.Name)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("standing(%d, %d) =\n\t%q\nwant\n\t%q", tt.div, tt.year, got, tt.want)
		}
	}
}

func TestMondays(t *testing.T) {
	tests := []struct {
		year        int
		month       time.Month
		first, last string
	}{
		{2025, time.May, "2025-05-05", "2025-05-26"},
		{2028, time.May, "2028-05-01", "2028-05-29"}, // 1 May a Monday
		{2027, time.May, "2027-05-03", "2027-05-31"}, // 31 May a Monday
		{2026, time.August, "2026-08-03", "2026-08-31"},
	}
	for _, tt := range tests {
		if got := firstMonday(tt.year, tt.month); got != date(tt.first) {
			t.Errorf("firstMonday(%d, %v) = %v; want %s", tt.year, tt.month, got, tt.first)
		}
		if got := lastMonday(tt.year, tt.month); got != date(tt.last) {
			t.Errorf("lastMonday(%d, %v) = %v; want %s", tt.year, tt.month, got, tt.last)
		}
	}
}
