package workday

import (
	"slices"
	"time"
)

// division is a part of the UK with its own bank holidays.
type division int

const (
	englandAndWales division = iota
	scotland
	northernIreland
)

// The holiday names, as gov.uk's feed spells them.
const (
	newYearsDay   = "New Year’s Day"
	secondJanuary = "2nd January"
	stPatricksDay = "St Patrick’s Day"
	goodFriday    = "Good Friday"
	easterMonday  = "Easter Monday"
	earlyMay      = "Early May bank holiday"
	springHoliday = "Spring bank holiday"
	battleOfBoyne = "Battle of the Boyne (Orangemen’s Day)"
	summerHoliday = "Summer bank holiday"
	stAndrewsDay  = "St Andrew’s Day"
	christmasDay  = "Christmas Day"
	boxingDay     = "Boxing Day"
)

// standing returns the holidays the standing rules give division div in
// year y, in date order. It knows nothing of one-off days (jubilees, state
// funerals) or of years when a holiday was moved; the published data has
// those.
func standing(div division, y int) []Holiday {
	var days []Holiday

	// New Year, and Scotland's 2 January, take the first free weekdays in
	// calendar order. When 1 January is a Sunday this gives New Year's Day
	// the 2nd and 2 January the 3rd, as gov.uk published for 2023 (its 2017
	// list named them the other way round; the dates are the same).
	days = placeInOrder(days, Date{y, time.January, 1}, newYearsDay)
	if div == scotland {
		days = placeInOrder(days, Date{y, time.January, 2}, secondJanuary)
	}
	if div == northernIreland {
		days = placeInOrder(days, Date{y, time.March, 17}, stPatricksDay)
	}

	easter := easterSunday(y)
	days = append(days, Holiday{easter.AddDays(-2), goodFriday})
	if div != scotland {
		days = append(days, Holiday{easter.AddDays(1), easterMonday})
	}

	days = append(days,
		Holiday{firstMonday(y, time.May), earlyMay},
		Holiday{lastMonday(y, time.May), springHoliday})

	if div == northernIreland {
		days = placeInOrder(days, Date{y, time.July, 12}, battleOfBoyne)
	}
	if div == scotland {
		days = append(days, Holiday{firstMonday(y, time.August), summerHoliday})
		days = placeInOrder(days, Date{y, time.November, 30}, stAndrewsDay)
	} else {
		days = append(days, Holiday{lastMonday(y, time.August), summerHoliday})
	}

	// At Christmas a day that falls on a weekday keeps it, and only the
	// weekend ones move: when Christmas Day is a Sunday, Boxing Day stays on
	// Monday the 26th and Christmas Day's substitute is Tuesday the 27th, as
	// gov.uk listed for 2016 and 2022.
	christmas := Date{y, time.December, 25}
	boxing := Date{y, time.December, 26}
	if isWeekend(christmas.Weekday()) && !isWeekend(boxing.Weekday()) {
		days = placeInOrder(days, boxing, boxingDay)
		days = placeInOrder(days, christmas, christmasDay)
	} else {
		days = placeInOrder(days, christmas, christmasDay)
		days = placeInOrder(days, boxing, boxingDay)
	}

	slices.SortFunc(days, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	return days
}

// placeInOrder adds the holiday name on d, or, if d is a Saturday, a Sunday
// or already a holiday in days, on the next weekday that is not.
func placeInOrder(days []Holiday, d Date, name string) []Holiday {
	for isWeekend(d.Weekday()) || holds(days, d) {
		d = d.AddDays(1)
	}
	return append(days, Holiday{d, name})
}

func holds(days []Holiday, d Date) bool {
	for _, h := range days {
		if h.Date == d {
			return true
		}
	}
	return false
}

func isWeekend(w time.Weekday) bool { return w == time.Saturday || w == time.Sunday }

// firstMonday returns the first Monday of month m of year y.
func firstMonday(y int, m time.Month) Date {
	first := Date{y, m, 1}
	return first.AddDays(int(time.Monday-first.Weekday()+7) % 7)
}

// lastMonday returns the last Monday of month m of year y.
func lastMonday(y int, m time.Month) Date {
	last := Date{y, m, DaysIn(y, m)}
	return last.AddDays(-(int(last.Weekday()-time.Monday+7) % 7))
}

// easterSunday returns the date of Easter Day in year y of the Gregorian
// calendar, by the anonymous algorithm published in Nature in 1876 (often
// credited to Meeus, Jones and Butcher). The steps follow the paschal full
// moon through the 19-year lunar cycle and the Gregorian corrections, then
// find the Sunday after it.
func easterSunday(y int) Date {
	cycle := y % 19 // where y falls in the 19-year lunar (Metonic) cycle
	century, yearOfCentury := y/100, y%100
	skippedLeaps, centuryOfFour := century/4, century%4 // Gregorian leap-year correction
	moonFix := (century + 8) / 25
	moonShift := (century - moonFix + 1) / 3 // lunar correction to the Julian cycle
	// Days from 21 March to the paschal full moon, less a correction below.
	fullMoon := (19*cycle + century - skippedLeaps - moonShift + 15) % 30
	// Days from the full moon to the following Sunday.
	toSunday := (32 + 2*centuryOfFour + 2*(yearOfCentury/4) - fullMoon - yearOfCentury%4) % 7
	// 1 in the rare years the steps above would put Easter after 25 April.
	late := (cycle + 11*fullMoon + 22*toSunday) / 451
	n := fullMoon + toSunday - 7*late + 114
	return Date{y, time.Month(n / 31), n%31 + 1}
}
