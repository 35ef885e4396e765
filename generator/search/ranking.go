package search

import "math"

// BM25's parameters, at their usual values: k1 how quickly repeating a
// word stops adding to its weight, b how much a long page is discounted.
const (
	k1 = 1.2
	b  = 0.75
)

// avgSteps is how finely the documents' average length is rounded for
// the ranking: to a power of 2^(1/avgSteps), a step of about 4.4%.
//
// Every posting's weight depends on the average (BM25 weighs a page's
// length against it), so an exact average would let an edit to one page
// change postings of every term, and `plinth serve` would make the whole
// index again after each edit. Rounded, the average stays put unless the
// pages' lengths change by a few per cent in all; an error of half a step
// moves a weight by under 2%, well within one step of ImpactBase.
const avgSteps = 16

// scale is what a posting's BM25 weight depends on besides its own page
// and term: the number of documents and their average weighted length
// (rounded; see avgSteps). Two builds with the same scale give the same
// weight to a term on a page whose words and length are the same, and
// whose term is on as many pages, whatever changed on other pages, which
// is what lets Builder.Files redo only what an edit reaches.
type scale struct {
	n   int
	avg float64
}

// newScale returns the scale of n documents whose lengths add up to total.
func newScale(n int, total float64) scale {
	avg := max(total/float64(max(n, 1)), 1)
	return scale{n: n, avg: math.Exp2(math.Round(math.Log2(avg)*avgSteps) / avgSteps)}
}

// idf is the inverse document frequency of a term on df of the pages.
func (s scale) idf(df int) float64 {
	n, d := float64(s.n), float64(df)
	return math.Log(1 + (n-d+0.5)/(d+0.5))
}

// score returns the weight of a term on one page: BM25 over the page's
// weighted fields, times the page's weight (pageWeight). tf is the term's
// weighted frequency on the page, length the page's weighted length and
// idf the term's (scale.idf).
func (s scale) score(weight, idf float64, tf float32, length float64) float64 {
	t := float64(tf)
	norm := k1 * (1 - b + b*length/s.avg)
	return weight * idf * t * (k1 + 1) / (t + norm)
}

// impact writes a weight as a number from 1 to MaxImpact on a logarithmic
// scale, where MaxImpact is the heaviest weight of the index (best) and
// each step down is a factor ImpactBase less, so that small weights keep
// their order as well as large ones do: the browser reads impact q as
// ImpactBase^(q − MaxImpact). Anything lighter than the scale reaches
// is 1.
func impact(score, best float64) uint8 {
	if score <= 0 || best <= 0 {
		return 1
	}
	q := MaxImpact + int(math.Round(math.Log(score/best)/math.Log(ImpactBase)))
	return uint8(min(max(q, 1), MaxImpact))
}
