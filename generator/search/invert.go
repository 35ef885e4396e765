package search

import (
	"slices"
	"strings"
)

// counts are one document's weighted term frequencies (terms sorted, with
// their frequencies at the same index), its weighted length and its
// distinct words (sorted; a word's term is Stem(word)). ids and wordIDs
// are the terms' and words' numbers in dict, the dictionary of the
// Builder that added the document; once numbered, terms and words are
// needed only by a cache that may number them again for another
// dictionary.
type counts struct {
	terms   []string
	tfs     []float32 // sums of the fields' whole-number weights: exact
	length  float64   // a whole number too, so sums of lengths are exact
	ids     []int32
	words   []string
	wordIDs []int32
	dict    *dictionary
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
