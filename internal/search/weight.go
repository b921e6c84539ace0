package search

import "math"

// How a posting's weight is worked out: BM25, with a section's heading
// and its page's title as short fields that count more than its text
// (BM25F, with no length normalisation for those two).
const (
	// k1 is how quickly more occurrences stop counting: the tenth time a
	// word appears adds little to the first.
	k1 = 1.2
	// b is how much a long section is marked down: a word in a short
	// section says more about it than the same word in a long one.
	b = 0.75
	// headingWeight and titleWeight are what the heading and the page's
	// title holding a term add to its count in the text.
	headingWeight = 3
	titleWeight   = 2
	// scale turns weights into integers, so the browser adds them up
	// exactly as Go does: a tenth is fine enough to rank by.
	scale = 10
)

// weigher weighs the postings of one index.
type weigher struct {
	sections int
	average  float64 // terms in a section's text, on average
}

func newWeigher(sections, length int) weigher {
	w := weigher{sections: sections, average: 1}
	if sections > 0 && length > 0 {
		w.average = float64(length) / float64(sections)
	}
	return w
}

// idf is how much a term held by count sections says: a term in every
// section says almost nothing, and a term in one section a great deal.
func (w weigher) idf(count int) float64 {
	n, c := float64(w.sections), float64(count)
	return math.Log(1 + (n-c+0.5)/(c+0.5))
}

// weight is a posting's weight, at least 1, in a section whose text has
// length terms.
func (w weigher) weight(tp termPosting, length int, idf float64) int {
	x := float64(tp.count) / (1 - b + b*float64(length)/w.average)
	if tp.where&inHeading != 0 {
		x += headingWeight
	}
	if tp.where&inTitle != 0 {
		x += titleWeight
	}
	return max(1, int(math.Round(idf*x*(k1+1)/(x+k1)*scale)))
}
