package scan

import (
	"bytes"
	"slices"
)

// Abbreviations. A provider's name can be written with its type cut
// short: "Netherby General Hospital NHS FT" names "Netherby General
// Hospital NHS Foundation Trust" as plainly as the full name. So before
// matching, the scanner writes each short form (a whole word or words) as
// what it stands for, in the identifying values and in the text alike.
// Several forms may stand for one, and a name is found whichever its
// type: "NHS Trust", "Foundation Trust" and "FT" are all read as "NHS
// Foundation Trust", since a trust is recognisable by its name whichever
// type is written after it.

// Abbreviation is a short form and the words it stands for.
type Abbreviation struct {
	Short, Long string
}

// DefaultAbbreviations are the short forms of organisation types that the
// scanner always expands; a site adds its own in site.toml ([scan]
// abbreviations).
var DefaultAbbreviations = []Abbreviation{
	{"NHS FT", "NHS Foundation Trust"},
	{"NHS Fdn Trust", "NHS Foundation Trust"},
	{"NHS Trust", "NHS Foundation Trust"},
	{"Foundation Trust", "NHS Foundation Trust"},
	{"FT", "NHS Foundation Trust"},
	{"Univ.", "University"},
	{"Univ", "University"},
	{"Uni", "University"},
	{"Hosp.", "Hospital"},
	{"Hosp", "Hospital"},
	{"Saint", "St"},
	{"St.", "St"},
}

// expander rewrites the short forms in a text's key.
type expander struct {
	short, long [][]byte   // folded, longest short form first
	byFirst     [256][]int // the short forms by their first byte
	first       [256]bool  // some short form starts with the byte
}

// newExpander folds the short forms and what they stand for as text is
// folded. Each long form also stands for itself, so that it is never cut
// up by a shorter form inside it ("Foundation Trust" in "NHS Foundation
// Trust").
func newExpander(list []Abbreviation) *expander {
	e := &expander{}
	seen := map[string]bool{}
	add := func(short, long string) {
		s, l := plainKey(short), plainKey(long)
		if len(s) == 0 || len(l) == 0 || seen[string(s)] {
			return
		}
		seen[string(s)] = true
		e.short, e.long = append(e.short, s), append(e.long, l)
	}
	for _, a := range list {
		add(a.Long, a.Long)
	}
	for _, a := range list {
		add(a.Short, a.Long)
	}
	order := make([]int, len(e.short))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return len(e.short[b]) - len(e.short[a]) })
	short, long := make([][]byte, len(order)), make([][]byte, len(order))
	for i, k := range order {
		short[i], long[i] = e.short[k], e.long[k]
	}
	e.short, e.long = short, long
	for k, s := range short {
		e.byFirst[s[0]] = append(e.byFirst[s[0]], k)
		e.first[s[0]] = true
	}
	return e
}

// plainKey folds s as the key of text is folded, before any short form
// is expanded.
func plainKey(s string) []byte {
	var x text
	x.reset(len(s), true)
	for i, r := range s {
		x.emit(r, i)
	}
	return bytes.TrimSpace(x.l)
}

// apply rewrites the short forms in x's key, each a whole word or words,
// longest first, left to right; the text they came from is kept for
// reporting.
func (e *expander) apply(x *text) {
	if e == nil || len(e.short) == 0 {
		return
	}
	var l []byte
	var lt, le []int32
	copied := 0 // x.l[:copied] is in l already
	for i := 0; i < len(x.l); i++ {
		// Only at the start of a word: after a byte that is not part of
		// one (any byte of a multi-byte character counts as a letter).
		// Inside a word, step to the byte after it, which follows a word
		// byte too.
		if i > 0 && wordByte[x.l[i-1]] {
			for i < len(x.l) && wordByte[x.l[i]] {
				i++
			}
			continue
		}
		if !e.first[x.l[i]] {
			continue
		}
		k, end := e.at(x.l, i)
		if k < 0 {
			continue
		}
		if !bytes.Equal(e.short[k], e.long[k]) { // a long form is kept whole
			if l == nil {
				l = make([]byte, 0, len(x.l)+64)
				lt, le = make([]int32, 0, cap(l)), make([]int32, 0, cap(l))
			}
			l, lt, le = append(l, x.l[copied:i]...), append(lt, x.lt[copied:i]...), append(le, x.le[copied:i]...)
			from, to := x.lt[i], x.le[end-1]
			for range e.long[k] {
				lt, le = append(lt, from), append(le, to)
			}
			l = append(l, e.long[k]...)
			copied = end
		}
		i = end - 1
	}
	if l == nil {
		return
	}
	x.l = append(l, x.l[copied:]...)
	x.lt, x.le = append(lt, x.lt[copied:]...), append(le, x.le[copied:]...)
}

// at returns the short form (longest first) that stands at l[i] as whole
// words, and where it ends, or -1.
func (e *expander) at(l []byte, i int) (k, end int) {
	for _, k := range e.byFirst[l[i]] {
		s := e.short[k]
		if end := i + len(s); bytes.HasPrefix(l[i:], s) && endsWord(l, end) {
			return k, end
		}
	}
	return -1, 0
}
