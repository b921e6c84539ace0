package workday

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	good := []struct {
		in   string
		want Date
	}{
		{"2025-12-19", Date{2025, time.December, 19}},
		{"2024-02-29", Date{2024, time.February, 29}},
		{"2000-02-29", Date{2000, time.February, 29}},
		{"1900-01-01", Date{1900, time.January, 1}},
		{"2999-12-31", Date{2999, time.December, 31}},
	}
	for _, tt := range good {
		if got, err := ParseDate(tt.in); err != nil || got != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	bad := []struct {
		in, reason string
	}{
		{"", "write dates as YYYY-MM-DD"},
		{"19/12/2025", "write dates as YYYY-MM-DD"},
		{"2025-12-1", "write dates as YYYY-MM-DD"},
		{"2025-1a-01", "write dates as YYYY-MM-DD"},
		{"1899-12-31", "year must be between 1900 and 2999"},
		{"3000-01-01", "year must be between 1900 and 2999"},
		{"2025-13-01", "month must be 01 to 12"},
		{"2023-02-29", "there is no such day in that month"},
		{"1900-02-29", "there is no such day in that month"},
		{"2025-04-31", "there is no such day in that month"},
		{"2025-04-00", "there is no such day in that month"},
	}
	for _, tt := range bad {
		_, err := ParseDate(tt.in)
		if err == nil || !strings.HasSuffix(err.Error(), tt.reason) {
			t.Errorf("ParseDate(%q) error = %v; want one ending %q", tt.in, err, tt.reason)
		}
	}
}

func TestDateJSON(t *testing.T) {
	in := Holiday{Date{2025, time.May, 9}, "Liberation Day"}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"date":"2025-05-09","name":"Liberation Day"}`; string(b) != want {
		t.Errorf("json.Marshal(%v) = %s; want %s", in, b, want)
	}
	var out Holiday
	if err := json.Unmarshal(b, &out); err != nil || out != in {
		t.Errorf("json.Unmarshal(%s) = %v, %v; want %v", b, out, err, in)
	}
	if err := json.Unmarshal([]byte(`{"date":"2025-02-30"}`), &out); err == nil {
		t.Errorf("json.Unmarshal of 2025-02-30 succeeded; want an error")
	}
}

func TestNextDayAndWeekdays(t *testing.T) {
	// nextDay and weekdaysBefore are the quick paths of Due and
	// WorkingDaysBetween; check them against the time package.
	weekdays := 0
	d := Date{1899, time.December, 25}
	for i := 0; i < 200*366; i++ {
		next := nextDay(d)
		if want := d.AddDays(1); next != want {
			t.Fatalf("nextDay(%v) = %v; want %v", d, next, want)
		}
		if !isWeekend(d.Weekday()) {
			weekdays++
		}
		if got := weekdaysBefore(dayNumber(next)) - weekdaysBefore(dayNumber(Date{1899, time.December, 25})); got != weekdays {
			t.Fatalf("weekdays from 1899-12-25 to before %v = %d; want %d", next, got, weekdays)
		}
		d = next
	}
}
