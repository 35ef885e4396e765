package search

import (
	"bytes"
	"encoding/binary"
	"math"
	"slices"
	"strings"
	"sync"
)

// counts are one document's weighted term frequencies (terms sorted, with
// their frequencies at the same index), its weighted length and its
// distinct words (sorted; a word's term is Stem(word)). numbered holds
// the terms' numbers in dict (the dictionary of the Builder that added
// the document) with their frequencies, and the words' numbers, packed
// (numberCounts); once numbered, terms, tfs and words are needed only by
// a cache that may number them again for another dictionary.
type counts struct {
	terms    []string
	tfs      []float32 // sums of the fields' whole-number weights: exact
	length   float64   // a whole number too, so sums of lengths are exact
	words    []string
	numbered []byte
	dict     *dictionary
}

// numberCounts packs a document's terms, with their frequencies, and its
// words as their numbers in d: a build holds them for every page until
// the last is read, and as uvarints, each number the difference from the
// one before, they take about a third of the room of lists of numbers.
// The packed form is the number of terms, then each term's number and
// frequency, then each word's number.
func (d *dictionary) numberCounts(c *counts) []byte {
	s := &d.scratch
	// Each term as its number above its frequency's bits, so that the
	// terms sort as plain numbers, several times faster than by a
	// function.
	s.terms = s.terms[:0]
	for i, t := range c.terms {
		s.terms = append(s.terms, uint64(d.id(t))<<32|uint64(math.Float32bits(c.tfs[i])))
	}
	slices.Sort(s.terms)
	s.words = s.words[:0]
	for _, w := range c.words {
		s.words = append(s.words, d.id(w))
	}
	slices.Sort(s.words)
	out := binary.AppendUvarint(s.out[:0], uint64(len(s.terms)))
	prev := int32(0)
	for _, t := range s.terms {
		id, tf := int32(t>>32), math.Float32frombits(uint32(t))
		out = binary.AppendUvarint(out, uint64(id-prev))
		out = binary.AppendUvarint(out, uint64(tf))
		prev = id
	}
	prev = 0
	for _, id := range s.words {
		out = binary.AppendUvarint(out, uint64(id-prev))
		prev = id
	}
	s.out = out
	return bytes.Clone(out) // at its size
}

// eachTerm calls f with the number and weighted frequency of each of the
// document's terms, in the order of their numbers, and returns where its
// words begin in c.numbered.
func (c *counts) eachTerm(f func(id int32, tf float32)) int {
	p := c.numbered
	n, k := binary.Uvarint(p)
	at := k
	id := int32(0)
	for range n {
		delta, k := binary.Uvarint(p[at:])
		at += k
		tf, k := binary.Uvarint(p[at:])
		at += k
		id += int32(delta)
		f(id, float32(tf))
	}
	return at
}

// eachWord calls f with the number of each of the document's words.
func (c *counts) eachWord(f func(id int32)) {
	p := c.numbered[c.eachTerm(func(int32, float32) {}):]
	id := int32(0)
	for len(p) > 0 {
		delta, k := binary.Uvarint(p)
		p = p[k:]
		id += int32(delta)
		f(id)
	}
}

// dictionary numbers terms and words (one numbering for both: a word may
// be a term too).
type dictionary struct {
	ids   map[string]int32
	names []string
	live  int // how many of names the last build used
	// scratch is numberCounts' working memory, kept from one document to
	// the next. Like the rest, it is for one goroutine at a time (the
	// Builder's lock).
	scratch struct {
		terms []uint64
		words []int32
		out   []byte
	}
}

// id returns the number of t, giving a new term the next one.
func (d *dictionary) id(t string) int32 {
	id, ok := d.ids[t]
	if !ok {
		// A term is a slice of its page's folded text; a copy lets that
		// text go.
		t = strings.Clone(t)
		id = int32(len(d.names))
		d.ids[t] = id
		d.names = append(d.names, t)
	}
	return id
}

// countTerms weighs each term of a document's fields, and lists its words.
// A page repeats its words, so each distinct word is looked up once (its
// term, or that it is a stop word) and counted by word; the terms' counts
// are the sums of their words'. The sums are of whole numbers, so the
// order of adding changes nothing.
func countTerms(fields [nFields]string) *counts {
	sc := tallies.Get().(*tally)
	defer sc.release()
	length := 0.0
	for f, text := range fields {
		weight := fieldWeights[f]
		eachIndexed(text, func(w string, compound bool) {
			if compound {
				// Rare, and a word even when it is spelt as a stop word.
				word, term := stems.get(w)
				sc.list = append(sc.list, seen{word, term, weight})
				length += weight
				return
			}
			i, ok := sc.at[w]
			if !ok {
				i = len(sc.list)
				e := seen{}
				if !stop[w] {
					e.word, e.term = stems.get(w)
				}
				sc.list = append(sc.list, e)
				sc.at[w] = i
			}
			if sc.list[i].term != "" {
				sc.list[i].tf += weight
				length += weight
			}
		})
	}
	// The terms and words are counted first, so that their lists, which
	// the index keeps, are made once at their size.
	words := 0
	for _, e := range sc.list {
		if e.term != "" {
			sc.tf[e.term] += e.tf
			words++
		}
	}
	c := &counts{length: length, terms: make([]string, 0, len(sc.tf)), words: make([]string, 0, words)}
	for t := range sc.tf {
		c.terms = append(c.terms, t) // in no order, until sorted
	}
	for _, e := range sc.list {
		if e.term != "" {
			c.words = append(c.words, e.word)
		}
	}
	slices.Sort(c.terms)
	c.tfs = make([]float32, len(c.terms))
	for i, t := range c.terms {
		c.tfs[i] = float32(sc.tf[t])
	}
	slices.Sort(c.words)
	c.words = slices.Compact(c.words) // a compound may come more than once
	return c
}

// seen is a distinct word of a document as countTerms counts it: its term
// ("" for a stop word) and weighted frequency.
type seen struct {
	word, term string
	tf         float64
}

// tally is countTerms' working memory, kept between documents in tallies:
// made anew for every page, its maps and list were grown from nothing
// each time, most of what counting allocated.
type tally struct {
	list []seen
	at   map[string]int // a word's place in list
	tf   map[string]float64
}

var tallies = sync.Pool{New: func() any { return &tally{at: map[string]int{}, tf: map[string]float64{}} }}

// release empties the tally, so that it holds on to no page's words, and
// puts it back, unless an unusually large page grew it: clearing a map
// takes as long as it is large, whatever it holds.
func (t *tally) release() {
	if len(t.list) > 1<<14 {
		return
	}
	clear(t.list)
	t.list = t.list[:0]
	clear(t.at)
	clear(t.tf)
	tallies.Put(t)
}
