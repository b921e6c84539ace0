package audit

import (
	"math/rand/v2"
	"testing"

	"resolve/internal/escalation"
	"resolve/internal/workday"
)

// benchReturns makes n audit returns of different disagreements, as
// files, the kind a partnership collects in a year.
func benchReturns(b testing.TB, n int) [][]byte {
	b.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	sectors := escalation.Sectors()
	out := make([][]byte, n)
	for i := range out {
		arose := workday.Date{Year: 2026, Month: 1, Day: 5}.AddDays(rng.IntN(330))
		a := &escalation.AuditReturn{Format: escalation.AuditFormat, Version: escalation.AuditVersion, ID: escalation.NewID(),
			Protocol: escalation.ProtocolRef{ID: "hips", Version: "2024-06", Calendar: "england-and-wales"}, State: "open",
			Arose: arose, AgencySector: sectors[rng.IntN(len(sectors))].ID, OtherAgencySector: sectors[rng.IntN(len(sectors))].ID,
			Flags: []string{"sooner"}, Updated: arose.AddDays(9)}
		for s := 1; s <= 1+rng.IntN(4); s++ {
			a.Stages = append(a.Stages, escalation.AuditStage{Stage: s, Due: arose.AddDays(2 * s), Completed: arose.AddDays(2*s - 1),
				Timing: escalation.OnTime, Outcome: escalation.NotResolved})
		}
		a.Stages = append(a.Stages, escalation.AuditStage{Stage: len(a.Stages) + 1, Due: arose.AddDays(12)})
		data, err := escalation.AuditJSON(a)
		if err != nil {
			b.Fatal(err)
		}
		out[i] = data
	}
	return out
}

// BenchmarkSummarise10000 reads 10,000 returns into a set and lays out
// the summary, as the page and resolve audit do, on the host; the page's
// own time in the browser is BenchmarkAuditPage10000 in internal/sitetest.
func BenchmarkSummarise10000(b *testing.B) {
	files := benchReturns(b, 10000)
	c := Config{Protocols: lookup(b), Today: today}
	for b.Loop() {
		s := NewSet(c)
		for _, f := range files {
			s.Add("return.json", f)
		}
		Tables(s.Summary(Filter{}), Options{Publish: true, Labels: c.Protocols})
	}
}
