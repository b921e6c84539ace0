package workday

import (
	"strings"
	"testing"
	"time"
)

// readData parses a built-in calendar's embedded data file.
func readData(t testing.TB, id string) []Holiday {
	t.Helper()
	file := "data/" + id + ".txt"
	text, err := dataFiles.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	list, err := parseHolidays(file, string(text))
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// The names gov.uk uses year after year, by division; anything else in the
// data must be one of oneOffNames. This catches a mistyped name.
var regularNames = map[string][]string{
	"england-and-wales": {newYearsDay, goodFriday, easterMonday, earlyMay, springHoliday, summerHoliday, christmasDay, boxingDay},
	"scotland":          {newYearsDay, secondJanuary, goodFriday, earlyMay, springHoliday, summerHoliday, stAndrewsDay, christmasDay, boxingDay},
	"northern-ireland":  {newYearsDay, stPatricksDay, goodFriday, easterMonday, earlyMay, springHoliday, battleOfBoyne, summerHoliday, christmasDay, boxingDay},
}

var oneOffNames = []string{
	"Early May bank holiday (VE day)",
	"Platinum Jubilee bank holiday",
	"Bank Holiday for the State Funeral of Queen Elizabeth II",
	"Bank holiday for the coronation of King Charles III",
	"World Cup bank holiday",
}

// weekendInFeed lists published holidays that fall on a Saturday or Sunday.
// The feed has none since 2018: it lists the substitute day instead.
var weekendInFeed = map[Date]bool{}

func TestData(t *testing.T) {
	for _, id := range BuiltinIDs() {
		t.Run(id, func(t *testing.T) {
			list := readData(t, id)
			perYear := make(map[int]int)
			for i, h := range list {
				if i > 0 && !list[i-1].Date.Before(h.Date) {
					t.Errorf("%v comes after %v: want strictly increasing dates", h.Date, list[i-1].Date)
				}
				if got, err := ParseDate(h.Date.String()); err != nil || got != h.Date {
					t.Errorf("%v is not a real date (%v)", h.Date, err)
				}
				if w := h.Date.Weekday(); isWeekend(w) && !weekendInFeed[h.Date] {
					t.Errorf("%v %s falls on a %v", h.Date, h.Name, w)
				}
				if !contains(regularNames[id], h.Name) && !contains(oneOffNames, h.Name) {
					t.Errorf("%v: unexpected name %q", h.Date, h.Name)
				}
				perYear[h.Date.Year]++
			}
			first, last := list[0].Date.Year, list[len(list)-1].Date.Year
			// The data is only ever added to: it must still reach back to
			// 2018 and forward to at least 2028.
			if first != 2018 || last < 2028 {
				t.Errorf("data covers %d to %d; want 2018 to 2028 or later", first, last)
			}
			for y := first; y <= last; y++ {
				if n, min := perYear[y], len(regularNames[id]); n < min {
					t.Errorf("%d has %d holidays; want at least %d", y, n, min)
				}
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestParseHolidays(t *testing.T) {
	text := "# a comment\n\n2025-12-25 Christmas Day\r\n2025-12-26  Boxing Day \n"
	got, err := parseHolidays("x.txt", text)
	if err != nil {
		t.Fatal(err)
	}
	want := []Holiday{{Date{2025, time.December, 25}, "Christmas Day"}, {Date{2025, time.December, 26}, "Boxing Day"}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("parseHolidays = %v; want %v", got, want)
	}
}

func TestParseHolidaysErrors(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"", "x.txt: no holidays"},
		{"# only a comment\n", "x.txt: no holidays"},
		{"2025-12-25\n", "x.txt:1: the date 2025-12-25 needs a space and a name"},
		{"2025-12-25 \n", "x.txt:1: the date 2025-12-25 needs a space and a name"},
		{"2025-12-25Christmas Day\n", "x.txt:1: the date 2025-12-25 needs a space and a name"},
		{"2025-12\n", "x.txt:1: want a date"},
		{"#\n2025-02-29 Not a day\n", "x.txt:2: \"2025-02-29\" is not a real date"},
		{"25-12-2025 Christmas Day\n", "x.txt:1: \"25-12-2025\" is not a real date"},
		{"2025-12-26 Boxing Day\n2025-12-25 Christmas Day\n", "x.txt:2: 2025-12-25 comes after 2025-12-26"},
		{"2025-12-25 Christmas Day\n2025-12-25 Christmas Day\n", "x.txt:2: 2025-12-25 comes after 2025-12-25"},
	}
	for _, tt := range tests {
		_, err := parseHolidays("x.txt", tt.text)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("parseHolidays(%q) error = %v; want it to start %q", tt.text, err, tt.want)
		}
	}
}
