package search

import (
	"math"
	"slices"
	"strings"

	"github.com/plinth-ssg/plinth/generator/parallel"
)

// BM25's parameters, at their usual values: k1 how quickly repeating a
// word stops adding to its weight, b how much a long page is discounted.
const (
	k1 = 1.2
	b  = 0.75
)

// inverted is what invert returns: the encoded postings by term, the
// standards' documents by ID, and every word of the site with its term.
type inverted struct {
	postings, ids map[string]string
	words         map[string]string
}

// invert computes each term's weight on each page (BM25 over the weighted
// fields, times the page's weight, then written as an impact for the
// whole index; see impact) and returns the postings, the standards by ID
// and the site's words. Every document's terms and words are numbered in
// dict.
func invert(docs []*document, dict *dictionary) inverted {
	per := make([]*counts, len(docs))
	for i, d := range docs {
		per[i] = d.counts
	}
	names := dict.names
	df := make([]int, len(names))
	total, postingCount := 0.0, 0
	for _, c := range per {
		total += c.length
		postingCount += len(c.ids)
		for _, id := range c.ids {
			df[id]++
		}
	}
	n := float64(len(docs))
	avg := max(total/max(n, 1), 1)
	idf := make([]float64, len(names))
	for id, d := range df {
		idf[id] = math.Log(1 + (n-float64(d)+0.5)/(float64(d)+0.5))
	}
	type scored struct {
		doc   int
		score float64
	}
	// All postings in one slice, each term's at its own range (a counting
	// sort by term), rather than a growing slice per term.
	flat := make([]scored, postingCount)
	next := make([]int, len(names)+1)
	for id, d := range df {
		next[id+1] = next[id] + d
	}
	lists := make([][]scored, len(names))
	for id := range names {
		lists[id] = flat[next[id]:next[id+1]]
	}
	best := 0.0
	for i, c := range per {
		norm := k1 * (1 - b + b*c.length/avg)
		for j, id := range c.ids {
			tf := float64(c.tfs[j])
			s := docs[i].weight * idf[id] * tf * (k1 + 1) / (tf + norm)
			flat[next[id]] = scored{i, s} // in document order
			next[id]++
			best = max(best, s)
		}
	}
	encoded := make([]string, len(names))
	parallel.For(len(names), func(id int) {
		if len(lists[id]) == 0 {
			return // a term of an earlier build only, or a word
		}
		ps := make([]Posting, len(lists[id]))
		for i, sc := range lists[id] {
			ps[i] = Posting{Doc: sc.doc, Impact: impact(sc.score, best)}
		}
		encoded[id] = EncodePostings(ps)
	})
	postings := make(map[string]string, len(names))
	for id, t := range names {
		if df[id] > 0 {
			postings[t] = encoded[id]
		}
	}
	byID := map[string][]int{}
	for i, d := range docs {
		if d.id != "" {
			byID[d.id] = append(byID[d.id], i)
		}
	}
	idDocs := make(map[string]string, len(byID))
	for id, list := range byID {
		idDocs[id] = EncodeDocs(list)
	}
	// The words of the site, each with its term; a name is live if a
	// page has it as a term or as a word.
	used := make([]bool, len(names))
	for _, c := range per {
		for _, id := range c.wordIDs {
			used[id] = true
		}
	}
	words := map[string]string{}
	dict.live = 0
	for id, w := range names {
		if used[id] {
			words[w] = Stem(w)
		}
		if used[id] || df[id] > 0 {
			dict.live++
		}
	}
	return inverted{postings: postings, ids: idDocs, words: words}
}

// impact writes a weight as a number from 1 to MaxImpact on a logarithmic
// scale, where MaxImpact is the heaviest weight of the index (best) and
// each step down is a factor ImpactBase less, so that small weights keep
// their order as well as large ones do: the browser reads impact q as
// ImpactBase^(q − MaxImpact). Anything lighter than the scale reaches
// is 1.
func impact(score, best float64) int {
	if score <= 0 || best <= 0 {
		return 1
	}
	q := MaxImpact + int(math.Round(math.Log(score/best)/math.Log(ImpactBase)))
	return min(max(q, 1), MaxImpact)
}

// counts are one document's weighted term frequencies (terms sorted, with
// their frequencies at the same index), its weighted length and its
// distinct words (sorted; a word's term is Stem(word)). ids and wordIDs
// are the terms' and words' numbers in the index's dictionary, set when
// the document is added; once numbered, terms and words are needed only
// by a cache that may number them again.
type counts struct {
	terms   []string
	tfs     []float32 // sums of the fields' whole-number weights: exact
	length  float64
	ids     []int32
	words   []string
	wordIDs []int32
}

// dictionary numbers terms and words (one numbering for both: a word may
// be a term too).
type dictionary struct {
	ids   map[string]int32
	names []string
	live  int // how many of names the last build used
}

// number returns the numbers of terms, giving new terms the next ones.
func (d *dictionary) number(terms []string) []int32 {
	out := make([]int32, len(terms))
	for i, t := range terms {
		id, ok := d.ids[t]
		if !ok {
			// A term is a slice of its page's folded text; a copy
			// lets that text go.
			t = strings.Clone(t)
			id = int32(len(d.names))
			d.ids[t] = id
			d.names = append(d.names, t)
		}
		out[i] = id
	}
	return out
}

// countTerms weighs each term of a document's fields, and lists its words.
func countTerms(fields [nFields]string) *counts {
	tf := map[string]float64{}
	words := map[string]bool{}
	length := 0.0
	for f, text := range fields {
		weight := fieldWeights[f]
		eachTerm(text, func(word, t string) {
			tf[t] += weight
			length += weight
			words[word] = true
		})
	}
	c := &counts{terms: make([]string, 0, len(tf)), length: length, words: make([]string, 0, len(words))}
	for t := range tf {
		c.terms = append(c.terms, t)
	}
	slices.Sort(c.terms)
	c.tfs = make([]float32, len(c.terms))
	for i, t := range c.terms {
		c.tfs[i] = float32(tf[t])
	}
	for w := range words {
		c.words = append(c.words, w)
	}
	slices.Sort(c.words)
	return c
}
