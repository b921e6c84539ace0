package workday

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// Custom calendars: a built-in calendar with holidays added or removed,
// declared in content (Guernsey's, for one).

func guernsey() Spec {
	return Spec{
		ID:   "guernsey",
		Name: "Bailiwick of Guernsey",
		Base: "england-and-wales",
		Add: []Holiday{
			{date("2025-05-09"), "Liberation Day"},
			{date("2030-05-09"), "Liberation Day"}, // a year of the rules
		},
		Remove: []Holiday{{date("2025-08-25"), "Summer bank holiday"}},
	}
}

func TestNewCustom(t *testing.T) {
	c, err := NewCustom(guernsey())
	if err != nil {
		t.Fatal(err)
	}
	if c.ID() != "guernsey" || c.Name() != "Bailiwick of Guernsey" {
		t.Errorf("ID, Name = %q, %q; want guernsey, Bailiwick of Guernsey", c.ID(), c.Name())
	}
	base := builtin(t, "england-and-wales")
	if c.LastPublishedYear() != base.LastPublishedYear() || c.Published(date("2029-01-01")) {
		t.Errorf("custom calendar publishes to %d; want its base's %d", c.LastPublishedYear(), base.LastPublishedYear())
	}
	tests := []struct {
		date, want string
	}{
		{"2025-05-09", "Liberation Day"},
		{"2030-05-09", "Liberation Day"},
		{"2025-08-25", ""},
		{"2025-05-05", "Early May bank holiday"}, // kept from the base
		{"2030-05-06", "Early May bank holiday"}, // kept from the base's rules
		{"2026-05-08", ""},                       // added for 2025 and 2030 only
	}
	for _, tt := range tests {
		if name, ok := c.Holiday(date(tt.date)); name != tt.want || ok != (tt.want != "") {
			t.Errorf("Holiday(%s) = %q, %v; want %q", tt.date, name, ok, tt.want)
		}
	}
	dues := []struct {
		start string
		n     int
		want  string
	}{
		{"2025-05-08", 1, "2025-05-12"},
		{"2025-08-22", 1, "2025-08-25"},
		{"2030-05-08", 1, "2030-05-10"},
	}
	for _, tt := range dues {
		if got := c.Due(date(tt.start), tt.n); got != date(tt.want) {
			t.Errorf("Due(%s, %d) = %v; want %s", tt.start, tt.n, got, tt.want)
		}
	}
	var got []string
	for _, h := range c.Holidays(date("2025-05-01"), date("2025-08-31")) {
		got = append(got, h.Date.String()+" "+h.Name)
	}
	want := []string{"2025-05-05 Early May bank holiday", "2025-05-09 Liberation Day", "2025-05-26 Spring bank holiday"}
	if !slices.Equal(got, want) {
		t.Errorf("Holidays(May to August 2025) = %q; want %q", got, want)
	}
	// The base is untouched.
	if !base.IsWorkingDay(date("2025-05-09")) || base.IsWorkingDay(date("2025-08-25")) {
		t.Errorf("making a custom calendar changed england-and-wales")
	}
	fresh := builtin(t, "england-and-wales")
	if !fresh.IsWorkingDay(date("2025-05-09")) || fresh.IsWorkingDay(date("2025-08-25")) {
		t.Errorf("making a custom calendar changed a later Builtin(england-and-wales)")
	}
}

func TestNewCustomErrors(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Spec)
		want []string // one substring per error
	}{
		{"remove a day the base lacks", func(s *Spec) { s.Remove = append(s.Remove, Holiday{date("2025-05-09"), "x"}) },
			[]string{`calendar "guernsey": remove 2025-05-09: england-and-wales has no holiday on that date`}},
		{"add a day the base has", func(s *Spec) { s.Add = append(s.Add, Holiday{date("2025-12-25"), "Christmas"}) },
			[]string{`calendar "guernsey": add 2025-12-25: england-and-wales already has Christmas Day on that date`}},
		{"add a rule day the base has", func(s *Spec) { s.Add = append(s.Add, Holiday{date("2031-12-25"), "Christmas"}) },
			[]string{"add 2031-12-25: england-and-wales already has Christmas Day"}},
		{"add twice", func(s *Spec) { s.Add = append(s.Add, Holiday{date("2025-05-09"), "Liberation Day"}) },
			[]string{"add 2025-05-09: listed twice"}},
		{"remove twice", func(s *Spec) { s.Remove = append(s.Remove, s.Remove[0]) },
			[]string{"remove 2025-08-25: listed twice"}},
		{"add without a name", func(s *Spec) { s.Add[0].Name = " " },
			[]string{"add 2025-05-09: the holiday has no name"}},
		{"add without a date", func(s *Spec) { s.Add[0].Date = Date{} },
			[]string{"add: a holiday has no date"}},
		{"not a real date", func(s *Spec) { s.Add[0].Date = Date{2025, time.February, 29} },
			[]string{"add: 2025-02-29 is not a real date"}},
		{"bad id", func(s *Spec) { s.ID = "Guernsey" },
			[]string{`calendar id "Guernsey" must be lower-case letters, digits and hyphens`}},
		{"empty id", func(s *Spec) { s.ID = "" },
			[]string{`calendar id "" must be`}},
		{"built-in id", func(s *Spec) { s.ID = "scotland" },
			[]string{`calendar "scotland": the id is taken by a built-in calendar`}},
		{"no name", func(s *Spec) { s.Name = "" },
			[]string{"name is missing"}},
		{"no base", func(s *Spec) { s.Base = "" },
			[]string{"base is missing: use one of england-and-wales, northern-ireland, scotland"}},
		{"unknown base", func(s *Spec) { s.Base = "jersey" },
			[]string{`base "jersey" is not a built-in calendar`}},
		{"several", func(s *Spec) {
			s.Name = ""
			s.Remove[0].Date = date("2025-08-26")
			s.Add[0].Date = date("2025-04-21")
		}, []string{"name is missing", "remove 2025-08-26", "add 2025-04-21: england-and-wales already has Easter Monday"}},
	}
	for _, tt := range tests {
		s := guernsey()
		tt.edit(&s)
		c, err := NewCustom(s)
		if err == nil {
			t.Errorf("%s: NewCustom(%+v) = %v, nil; want an error", tt.name, s, c)
			continue
		}
		errs := []error{err}
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			errs = j.Unwrap()
		}
		if len(errs) != len(tt.want) {
			t.Errorf("%s: NewCustom gave %d errors (%v); want %d", tt.name, len(errs), err, len(tt.want))
			continue
		}
		for i, e := range errs {
			if !strings.Contains(e.Error(), tt.want[i]) {
				t.Errorf("%s: error %q; want it to contain %q", tt.name, e, tt.want[i])
			}
		}
	}
}
