package search

import (
	"strings"
	"testing"
)

// benchText is a passage of a procedure, as the index reads it.
const benchText = `Practitioners from every agency should talk to each other early, record what was agreed and why, and escalate to their line manager when a disagreement about a child’s safety cannot be resolved within the timescale. The Independent Reviewing Officer (IRO) chairs reviews of a looked-after child’s care plan; e-mail the Local Safeguarding Children Partnership if stage 3 does not resolve it within 5 working days. Check the child’s plan. Speak to the designated safeguarding lead. Write down the outcome and the date of the multi-agency meeting.`

// BenchmarkTermer reads text into terms with a termer that knows its
// words already, as it does after a build's first pages.
func BenchmarkTermer(b *testing.B) {
	text := strings.Repeat(benchText+" ", 20)
	tm := newTermer(NewSynonyms([][]string{{"IRO", "Independent Reviewing Officer"}}))
	n := 0
	tm.each(text, func(int32) { n++ })
	b.SetBytes(int64(len(text)))
	b.ReportMetric(0, "ns/op")
	for b.Loop() {
		tm.each(text, func(int32) { n++ })
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(Words(text))), "ns/word")
}
