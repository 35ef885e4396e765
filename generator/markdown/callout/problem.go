package callout

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/yuin/goldmark/parser"
)

// Problem is a mistake in a callout, found while parsing.
type Problem struct {
	// Offset is the byte offset in the source given to goldmark.
	Offset int
	// Msg says what is wrong, in plain words.
	Msg string
	// Hint says how to fix it.
	Hint string
}

var problemsKey = parser.NewContextKey()

// Problems returns the problems found while parsing with pc, sorted by
// offset. Pass the same parser.Context to goldmark's Parse or Convert (with
// parser.WithContext) and read it afterwards.
func Problems(pc parser.Context) []Problem {
	ps, _ := pc.Get(problemsKey).([]Problem)
	ps = slices.Clone(ps)
	slices.SortStableFunc(ps, func(a, b Problem) int { return cmp.Compare(a.Offset, b.Offset) })
	return ps
}

func addProblem(pc parser.Context, offset int, hint, format string, args ...any) {
	ps, _ := pc.Get(problemsKey).([]Problem)
	pc.Set(problemsKey, append(ps, Problem{Offset: offset, Msg: fmt.Sprintf(format, args...), Hint: hint}))
}
