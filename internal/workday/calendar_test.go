package workday

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func builtin(t testing.TB, id string) *Calendar {
	t.Helper()
	c, ok := Builtin(id)
	if !ok {
		t.Fatalf("Builtin(%q) not found", id)
	}
	return c
}

func TestBuiltin(t *testing.T) {
	if got, want := BuiltinIDs(), []string{"england-and-wales", "northern-ireland", "scotland"}; !slices.Equal(got, want) {
		t.Errorf("BuiltinIDs() = %q; want %q", got, want)
	}
	names := map[string]string{
		"england-and-wales": "England and Wales",
		"scotland":          "Scotland",
		"northern-ireland":  "Northern Ireland",
	}
	for id, name := range names {
		c := builtin(t, id)
		if c.ID() != id || c.Name() != name {
			t.Errorf("Builtin(%q) has ID %q, Name %q; want %q, %q", id, c.ID(), c.Name(), id, name)
		}
		if c.FirstPublishedYear() != 2018 || c.LastPublishedYear() < 2028 {
			t.Errorf("%s publishes %d to %d; want 2018 to 2028 or later", id, c.FirstPublishedYear(), c.LastPublishedYear())
		}
	}
	for _, id := range []string{"", "england", "Scotland", "guernsey"} {
		if c, ok := Builtin(id); ok || c != nil {
			t.Errorf("Builtin(%q) = %v, %v; want nil, false", id, c, ok)
		}
	}
}

// TestEveryPublishedHoliday drives the calendars from the embedded data:
// every published holiday is a holiday with its published name and not a
// working day, and each year holds nothing else.
func TestEveryPublishedHoliday(t *testing.T) {
	for _, id := range BuiltinIDs() {
		c := builtin(t, id)
		byYear := make(map[int][]Holiday)
		for _, h := range readData(t, id) {
			if name, ok := c.Holiday(h.Date); !ok || name != h.Name {
				t.Errorf("%s: Holiday(%v) = %q, %v; want %q, true", id, h.Date, name, ok, h.Name)
			}
			if c.IsWorkingDay(h.Date) {
				t.Errorf("%s: IsWorkingDay(%v) = true; want false (%s)", id, h.Date, h.Name)
			}
			if !c.Published(h.Date) {
				t.Errorf("%s: Published(%v) = false; want true", id, h.Date)
			}
			byYear[h.Date.Year] = append(byYear[h.Date.Year], h)
		}
		for y, want := range byYear {
			got := c.Holidays(Date{y, time.January, 1}, Date{y, time.December, 31})
			if !slices.Equal(got, want) {
				t.Errorf("%s: Holidays in %d = %v; want %v", id, y, got, want)
			}
		}
	}
}

// TestHandTable is written by hand, independently of the data files: the
// one-off days, and each division's own days in 2024 and 2025.
func TestHandTable(t *testing.T) {
	const (
		ew = "england-and-wales"
		sc = "scotland"
		ni = "northern-ireland"
	)
	tests := []struct {
		calendar, date string
		want           string // the holiday's name, or "" for a working day
	}{
		// One-off days, in every division.
		{ew, "2020-05-08", "Early May bank holiday (VE day)"},
		{sc, "2020-05-08", "Early May bank holiday (VE day)"},
		{ni, "2020-05-08", "Early May bank holiday (VE day)"},
		{ew, "2020-05-04", ""}, // the usual early May Monday was moved
		{ni, "2020-05-04", ""},
		{ew, "2022-06-02", "Spring bank holiday"},
		{sc, "2022-06-02", "Spring bank holiday"},
		{ni, "2022-06-02", "Spring bank holiday"},
		{ew, "2022-05-30", ""}, // the usual last Monday of May was moved
		{sc, "2022-05-30", ""},
		{ew, "2022-06-03", "Platinum Jubilee bank holiday"},
		{sc, "2022-06-03", "Platinum Jubilee bank holiday"},
		{ni, "2022-06-03", "Platinum Jubilee bank holiday"},
		{ew, "2022-09-19", "Bank Holiday for the State Funeral of Queen Elizabeth II"},
		{sc, "2022-09-19", "Bank Holiday for the State Funeral of Queen Elizabeth II"},
		{ni, "2022-09-19", "Bank Holiday for the State Funeral of Queen Elizabeth II"},
		{ew, "2023-05-08", "Bank holiday for the coronation of King Charles III"},
		{sc, "2023-05-08", "Bank holiday for the coronation of King Charles III"},
		{ni, "2023-05-08", "Bank holiday for the coronation of King Charles III"},
		{sc, "2026-06-15", "World Cup bank holiday"},
		{ew, "2026-06-15", ""},
		{ni, "2026-06-15", ""},

		// England and Wales, 2024 and 2025.
		{ew, "2024-01-01", "New Year’s Day"},
		{ew, "2024-01-02", ""},
		{ew, "2024-04-01", "Easter Monday"},
		{ew, "2024-08-26", "Summer bank holiday"},
		{ew, "2024-08-05", ""},
		{ew, "2025-03-17", ""},
		{ew, "2025-04-21", "Easter Monday"},
		{ew, "2025-07-14", ""},
		{ew, "2025-08-25", "Summer bank holiday"},
		{ew, "2025-12-01", ""},
		{ew, "2025-12-24", ""},
		{ew, "2025-12-25", "Christmas Day"},
		{ew, "2025-12-26", "Boxing Day"},

		// Scotland, 2024 and 2025.
		{sc, "2024-01-02", "2nd January"},
		{sc, "2024-04-01", ""}, // no Easter Monday in Scotland
		{sc, "2024-08-05", "Summer bank holiday"},
		{sc, "2024-08-26", ""},
		{sc, "2024-12-02", "St Andrew’s Day"}, // 30 November a Saturday
		{sc, "2025-01-02", "2nd January"},
		{sc, "2025-04-18", "Good Friday"},
		{sc, "2025-04-21", ""},
		{sc, "2025-08-04", "Summer bank holiday"},
		{sc, "2025-12-01", "St Andrew’s Day"}, // 30 November a Sunday
		{sc, "2025-12-25", "Christmas Day"},

		// Northern Ireland, 2024 and 2025.
		{ni, "2024-03-18", "St Patrick’s Day"}, // 17 March a Sunday
		{ni, "2024-03-17", ""},
		{ni, "2024-07-12", "Battle of the Boyne (Orangemen’s Day)"},
		{ni, "2024-08-26", "Summer bank holiday"},
		{ni, "2024-01-02", ""},
		{ni, "2025-03-17", "St Patrick’s Day"},
		{ni, "2025-04-21", "Easter Monday"},
		{ni, "2025-07-14", "Battle of the Boyne (Orangemen’s Day)"}, // 12 July a Saturday
		{ni, "2025-12-01", ""},

		// Substitute days at the turn of the year.
		{ew, "2022-01-03", "New Year’s Day"},
		{sc, "2022-01-04", "2nd January"},
		{ew, "2022-12-26", "Boxing Day"},
		{ew, "2022-12-27", "Christmas Day"},
		{ew, "2026-12-28", "Boxing Day"},
		{sc, "2027-01-04", "2nd January"},
	}
	for _, tt := range tests {
		c := builtin(t, tt.calendar)
		d := date(tt.date)
		name, ok := c.Holiday(d)
		if name != tt.want || ok != (tt.want != "") {
			t.Errorf("%s: Holiday(%v) = %q, %v; want %q", tt.calendar, d, name, ok, tt.want)
		}
		if wd := !isWeekend(d.Weekday()) && tt.want == ""; c.IsWorkingDay(d) != wd {
			t.Errorf("%s: IsWorkingDay(%v) = %v; want %v", tt.calendar, d, !wd, wd)
		}
	}
}

func TestDue(t *testing.T) {
	tests := []struct {
		calendar, start string
		n               int
		want            string
	}{
		// Christmas and New Year.
		{"england-and-wales", "2025-12-19", 2, "2025-12-23"},
		{"england-and-wales", "2025-12-23", 1, "2025-12-24"},
		{"england-and-wales", "2025-12-23", 2, "2025-12-29"}, // Christmas Eve is a working day
		{"england-and-wales", "2025-12-23", 3, "2025-12-30"},
		{"england-and-wales", "2025-12-24", 1, "2025-12-29"},
		{"england-and-wales", "2025-12-31", 1, "2026-01-02"},
		{"scotland", "2025-12-31", 1, "2026-01-05"},
		{"england-and-wales", "2026-12-24", 1, "2026-12-29"}, // Boxing Day moved to Monday 28th
		{"england-and-wales", "2021-12-24", 1, "2021-12-29"},
		{"scotland", "2021-12-31", 1, "2022-01-05"},
		{"england-and-wales", "2025-12-25", 1, "2025-12-29"}, // start on a holiday
		{"england-and-wales", "2025-12-27", 1, "2025-12-29"}, // start on a Saturday
		// Easter.
		{"england-and-wales", "2026-04-02", 1, "2026-04-07"},
		{"scotland", "2026-04-02", 1, "2026-04-06"},
		{"northern-ireland", "2026-04-02", 1, "2026-04-07"},
		{"england-and-wales", "2025-04-17", 5, "2025-04-28"},
		// One-off days.
		{"england-and-wales", "2020-05-07", 1, "2020-05-11"},
		{"england-and-wales", "2020-05-01", 1, "2020-05-04"},
		{"england-and-wales", "2022-06-01", 1, "2022-06-06"},
		{"england-and-wales", "2022-05-27", 1, "2022-05-30"},
		{"northern-ireland", "2022-09-16", 1, "2022-09-20"},
		{"scotland", "2023-05-05", 1, "2023-05-09"},
		{"scotland", "2026-06-12", 1, "2026-06-16"},
		{"england-and-wales", "2026-06-12", 1, "2026-06-15"},
		// Division days.
		{"northern-ireland", "2025-07-11", 1, "2025-07-15"},
		{"england-and-wales", "2025-07-11", 1, "2025-07-14"},
		{"northern-ireland", "2026-03-16", 1, "2026-03-18"},
		{"scotland", "2025-11-28", 1, "2025-12-02"},
		// Years beyond the data follow the rules.
		{"england-and-wales", "2032-12-24", 1, "2032-12-29"},
		{"scotland", "2033-12-30", 1, "2034-01-04"},
		{"scotland", "2033-12-30", 2, "2034-01-05"},
		// Long counts cross years, published and not.
		{"england-and-wales", "2025-01-01", 250, "2025-12-24"},
		{"england-and-wales", "2025-01-01", 253, "2025-12-31"},
		{"england-and-wales", "2028-12-20", 20, "2029-01-22"},
		// n <= 0 gives the start back.
		{"england-and-wales", "2025-12-25", 0, "2025-12-25"},
		{"england-and-wales", "2025-12-23", -3, "2025-12-23"},
	}
	for _, tt := range tests {
		c := builtin(t, tt.calendar)
		if got := c.Due(date(tt.start), tt.n); got != date(tt.want) {
			t.Errorf("%s: Due(%s, %d) = %v; want %s", tt.calendar, tt.start, tt.n, got, tt.want)
		}
	}
}

// slowDue is Due spelt out with AddDays and IsWorkingDay.
func slowDue(c *Calendar, start Date, n int) Date {
	d := start
	for n > 0 {
		d = d.AddDays(1)
		if c.IsWorkingDay(d) {
			n--
		}
	}
	return d
}

// checkDue checks Due's properties for one start and count.
func checkDue(t *testing.T, c *Calendar, start Date, n int) {
	t.Helper()
	got := c.Due(start, n)
	if !c.IsWorkingDay(got) {
		t.Errorf("%s: Due(%v, %d) = %v, not a working day", c.ID(), start, n, got)
	}
	if !got.After(start) {
		t.Errorf("%s: Due(%v, %d) = %v, not after the start", c.ID(), start, n, got)
	}
	if k := c.WorkingDaysBetween(start, got); k != n {
		t.Errorf("%s: WorkingDaysBetween(%v, Due(%v, %d) = %v) = %d; want %d", c.ID(), start, start, n, got, k, n)
	}
	if k := c.WorkingDaysBetween(got, start); k != -n {
		t.Errorf("%s: WorkingDaysBetween(%v, %v) = %d; want %d", c.ID(), got, start, k, -n)
	}
	if prev := c.Due(start, n-1); n > 1 && !got.After(prev) {
		t.Errorf("%s: Due(%v, %d) = %v, not after Due(%v, %d) = %v", c.ID(), start, n, got, start, n-1, prev)
	}
}

func TestDueProperties(t *testing.T) {
	counts := []int{1, 2, 3, 5, 10, 20}
	for _, id := range BuiltinIDs() {
		c := builtin(t, id)
		for start := date("2017-11-01"); start.Before(date("2030-03-01")); start = start.AddDays(1) {
			for _, n := range counts {
				checkDue(t, c, start, n)
			}
			if got, want := c.Due(start, 7), slowDue(c, start, 7); got != want {
				t.Errorf("%s: Due(%v, 7) = %v; want %v", id, start, got, want)
			}
		}
	}
}

// slowBetween counts working days one at a time.
func slowBetween(c *Calendar, a, b Date) int {
	if b.Before(a) {
		return -slowBetween(c, b, a)
	}
	n := 0
	for d := a.AddDays(1); !d.After(b); d = d.AddDays(1) {
		if c.IsWorkingDay(d) {
			n++
		}
	}
	return n
}

func TestWorkingDaysBetween(t *testing.T) {
	ew := builtin(t, "england-and-wales")
	tests := []struct {
		a, b string
		want int
	}{
		{"2025-12-19", "2025-12-31", 6},
		{"2025-12-31", "2025-12-19", -6},
		{"2025-12-19", "2025-12-19", 0},
		{"2025-12-27", "2025-12-28", 0}, // a weekend
		{"2025-12-24", "2025-12-26", 0}, // two holidays
		{"2025-12-26", "2025-12-29", 1},
		{"2025-01-01", "2025-12-31", 253},
		{"2024-12-31", "2025-12-31", 253},
		{"2035-01-01", "2035-12-31", 253}, // a year of the rules
	}
	for _, tt := range tests {
		if got := ew.WorkingDaysBetween(date(tt.a), date(tt.b)); got != tt.want {
			t.Errorf("WorkingDaysBetween(%s, %s) = %d; want %d", tt.a, tt.b, got, tt.want)
		}
	}
	// Against counting day by day, for spans of every length up to 40 days
	// from starts on every weekday, through a year of data and one of rules.
	for _, id := range BuiltinIDs() {
		c := builtin(t, id)
		for _, from := range []Date{date("2022-05-23"), date("2022-12-12"), date("2035-12-17")} {
			for i := 0; i < 7; i++ {
				a := from.AddDays(i)
				for span := -40; span <= 40; span++ {
					b := a.AddDays(span)
					if got, want := c.WorkingDaysBetween(a, b), slowBetween(c, a, b); got != want {
						t.Errorf("%s: WorkingDaysBetween(%v, %v) = %d; want %d", id, a, b, got, want)
					}
				}
			}
		}
	}
}

func TestHolidays(t *testing.T) {
	ew := builtin(t, "england-and-wales")
	tests := []struct {
		from, to string
		want     []string
	}{
		{"2025-12-01", "2026-01-31", []string{"2025-12-25", "2025-12-26", "2026-01-01"}},
		{"2025-12-25", "2025-12-25", []string{"2025-12-25"}},
		{"2025-12-26", "2025-12-25", nil},
		{"2025-12-27", "2025-12-31", nil},
		{"2028-12-01", "2029-01-31", []string{"2028-12-25", "2028-12-26", "2029-01-01"}},
	}
	for _, tt := range tests {
		var got []string
		for _, h := range ew.Holidays(date(tt.from), date(tt.to)) {
			got = append(got, h.Date.String())
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Holidays(%s, %s) = %q; want %q", tt.from, tt.to, got, tt.want)
		}
	}
	// The result is the caller's own.
	hs := ew.Holidays(date("2025-12-25"), date("2025-12-25"))
	hs[0].Name = "changed"
	if name, _ := ew.Holiday(date("2025-12-25")); name != christmasDay {
		t.Errorf("changing Holidays' result changed the calendar: Holiday(2025-12-25) = %q", name)
	}
}

func TestPublished(t *testing.T) {
	c := builtin(t, "scotland")
	last := c.LastPublishedYear()
	tests := []struct {
		d    Date
		want bool
	}{
		{date("2017-12-31"), false},
		{date("2018-01-01"), true},
		{date("2025-06-30"), true},
		{Date{last, time.December, 31}, true},
		{Date{last + 1, time.January, 1}, false},
	}
	for _, tt := range tests {
		if got := c.Published(tt.d); got != tt.want {
			t.Errorf("Published(%v) = %v; want %v", tt.d, got, tt.want)
		}
	}
}

// TestGolden pins every calendar's holidays, from the data's first year to
// well past its last, in testdata/<id>.golden. Run with -update to rewrite.
func TestGolden(t *testing.T) {
	for _, id := range BuiltinIDs() {
		c := builtin(t, id)
		var b strings.Builder
		b.WriteString("# " + c.Name() + " (" + id + "): holidays from Holidays, one a line.\n")
		for y := c.FirstPublishedYear(); y <= c.LastPublishedYear()+12; y++ {
			if y == c.LastPublishedYear()+1 {
				b.WriteString("# Beyond the published data: the usual bank holiday rules.\n")
			}
			for _, h := range c.Holidays(Date{y, time.January, 1}, Date{y, time.December, 31}) {
				b.WriteString(h.Date.String() + " " + h.Date.Weekday().String()[:3] + " " + h.Name + "\n")
			}
		}
		file := filepath.Join("testdata", id+".golden")
		if *update {
			if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if got := b.String(); got != string(want) {
			t.Errorf("%s holidays differ from %s (run go test -update if the change is right):\n%s", id, file, diffLines(string(want), got))
		}
	}
}

// diffLines lists the lines only in want (-) and only in got (+).
func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var out []string
	for _, l := range w {
		if !slices.Contains(g, l) {
			out = append(out, "- "+l)
		}
	}
	for _, l := range g {
		if !slices.Contains(w, l) {
			out = append(out, "+ "+l)
		}
	}
	return strings.Join(out, "\n")
}

func TestErrBadDateWrapped(t *testing.T) {
	_, err := ParseDate("2025-13-01")
	if !errors.Is(err, ErrBadDate) {
		t.Errorf("ParseDate(2025-13-01) error %v does not wrap ErrBadDate", err)
	}
}
