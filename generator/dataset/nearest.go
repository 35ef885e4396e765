package dataset

import "strings"

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
	best, bestDist := "", 0
	limit := max(2, len([]rune(folded))/3)
	for _, c := range candidates {
		d := editDistance(folded, fold(c))
		if d <= limit && (best == "" || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
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

// editDistance is the Levenshtein distance between a and b, in characters.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// didYouMean returns `did you mean "x"? ` when a near candidate exists.
func didYouMean(s string, candidates []string) string {
	if n := nearest(s, candidates); n != "" && n != s {
		return `did you mean "` + n + `"? `
	}
	return ""
}
