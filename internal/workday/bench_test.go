package workday

import "testing"

// The form recomputes every stage's due date on each keystroke, in
// WebAssembly: these measure that work.

func BenchmarkBuiltin(b *testing.B) {
	for b.Loop() {
		if _, ok := Builtin("england-and-wales"); !ok {
			b.Fatal("no calendar")
		}
	}
}

func BenchmarkDuePublished(b *testing.B) {
	c := builtin(b, "england-and-wales")
	start := date("2025-12-19")
	for b.Loop() {
		c.Due(start, 20)
	}
}

func BenchmarkDueRules(b *testing.B) {
	c := builtin(b, "scotland")
	start := date("2035-12-19")
	for b.Loop() {
		c.Due(start, 20)
	}
}

func BenchmarkIsWorkingDay(b *testing.B) {
	c := builtin(b, "england-and-wales")
	d := date("2025-12-26")
	for b.Loop() {
		c.IsWorkingDay(d)
	}
}

func BenchmarkWorkingDaysBetween(b *testing.B) {
	c := builtin(b, "england-and-wales")
	from, to := date("2025-01-01"), date("2025-12-31")
	for b.Loop() {
		c.WorkingDaysBetween(from, to)
	}
}

func BenchmarkNewCustom(b *testing.B) {
	s := guernsey()
	for b.Loop() {
		if _, err := NewCustom(s); err != nil {
			b.Fatal(err)
		}
	}
}
