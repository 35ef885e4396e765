package dataset

import (
	"slices"
	"strings"

	"github.com/plinth-ssg/plinth/generator/suggest"
)

// nearest returns the candidate closest to s if it is close enough to be a
// likely typo, or "" otherwise. Case, spaces and underscores are ignored
// first, so that "On track" finds "on-track" and "North West" finds
// "north-west".
func nearest(s string, candidates []string) string {
	folded := fold(s)
	for _, c := range candidates {
		if fold(c) == folded {
			return c
		}
	}
	folds := make([]string, len(candidates))
	for i, c := range candidates {
		folds[i] = fold(c)
	}
	if f := suggest.Nearest(folded, folds, max(2, len([]rune(folded))/3)); f != "" {
		return candidates[slices.Index(folds, f)]
	}
	return ""
}

// fold lowercases s and turns runs of spaces and underscores into hyphens,
// the spelling used by keys.
func fold(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.NewReplacer("_", "-", " ", "-").Replace(s)
	for strings.Contains(s, "--") {
		s = strings.ReplaceAll(s, "--", "-")
	}
	return s
}

// didYouMean returns `did you mean "x"? ` when a near candidate exists.
func didYouMean(s string, candidates []string) string {
	if n := nearest(s, candidates); n != "" && n != s {
		return `did you mean "` + n + `"? `
	}
	return ""
}
