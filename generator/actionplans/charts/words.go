package charts

import (
	"fmt"
	"strings"

	"github.com/plinth-ssg/plinth/generator/anonymise"
)

// Small tools for writing sentences from published figures.

// hiddenNote ends a summary whose claims leave out hidden figures.
const hiddenNote = "Figures marked [c] in the chart and the table are hidden to protect the providers they describe."

// and joins names as a list in prose: "a", "a and b", "a, b and c".
func and(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// has is "has" for one name and "have" for more.
func has(names []string) string {
	if len(names) == 1 {
		return "has"
	}
	return "have"
}

// capital makes a sentence start with a capital letter.
func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// maxSentences is the longest a summary gets: it is read out as the
// chart's accessible name, so it stays short.
const maxSentences = 3

// summary joins sentences, most important first, into a summary of two or
// three. The note on hidden figures takes the last place when some were
// left out of the claims; about, which says what the chart shows without a
// figure, leads when there is too little else to say.
func summary(hidden bool, about string, sentences ...string) string {
	var out []string
	for _, s := range sentences {
		if s != "" {
			out = append(out, capital(s))
		}
	}
	if hidden {
		out = append(out[:min(len(out), maxSentences-1)], hiddenNote)
	}
	if len(out) < 2 {
		out = append([]string{capital(about)}, out...)
	}
	return strings.Join(out[:min(len(out), maxSentences)], " ")
}

// count returns a published count; ok is false for [c].
func count(c anonymise.Cell) (int, bool) { return c.Count() }

// share is a fraction of two published counts. Comparisons between
// shares are made on the percentages the charts draw (their tables' cells),
// so that no heading claims a difference the chart does not show.
type share struct{ num, den int }

// shareOf returns num/den, or ok false if either is hidden or den is 0.
func shareOf(num, den anonymise.Cell) (share, bool) {
	n, ok1 := count(num)
	d, ok2 := count(den)
	if !ok1 || !ok2 || d == 0 {
		return share{}, false
	}
	return share{n, d}, true
}

// ranked is a value per name with the names that lead and lag.
type ranked[V any] struct {
	names  []string
	values []V
}

func (r *ranked[V]) add(name string, v V) {
	r.names = append(r.names, name)
	r.values = append(r.values, v)
}

// extremes returns the names with the highest and the lowest value (ties
// together), by cmp. With fewer than two values, or all equal, ok is false.
func (r *ranked[V]) extremes(cmp func(a, b V) int) (top, bottom []string, topV, bottomV V, ok bool) {
	if len(r.values) < 2 {
		return nil, nil, topV, bottomV, false
	}
	hi, lo := 0, 0
	for i := range r.values {
		if cmp(r.values[i], r.values[hi]) > 0 {
			hi = i
		}
		if cmp(r.values[i], r.values[lo]) < 0 {
			lo = i
		}
	}
	if cmp(r.values[hi], r.values[lo]) == 0 {
		return nil, nil, topV, bottomV, false
	}
	for i := range r.values {
		if cmp(r.values[i], r.values[hi]) == 0 {
			top = append(top, r.names[i])
		}
		if cmp(r.values[i], r.values[lo]) == 0 {
			bottom = append(bottom, r.names[i])
		}
	}
	return top, bottom, r.values[hi], r.values[lo], true
}

// cellCmp compares two published cells by value.
func cellCmp(a, b anonymise.Cell) int {
	x, _ := a.Value()
	y, _ := b.Value()
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// among prefixes a claim made over some of the names only.
func among(all bool, what string) string {
	if all {
		return ""
	}
	return fmt.Sprintf("of the %s whose figures are shown, ", what)
}
