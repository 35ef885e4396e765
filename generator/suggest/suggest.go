// Package suggest finds the word an editor probably meant: the "did you
// mean" of every diagnostic about a misspelt key, kind or value.
package suggest

import (
	"strings"
	"unicode/utf8"
)

// Distance is the Levenshtein distance between a and b, in characters.
func Distance(a, b string) int {
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

// Nearest returns the candidate closest to word, ignoring case, if it is
// within maxDistance edits; otherwise "". Ties go to the earlier candidate.
//
// A candidate whose length differs from the word's by more than
// maxDistance characters cannot be near, and is passed over without
// measuring: the distance takes time and memory in proportion to the
// product of the lengths, and a hostile file can make either megabytes
// long while thousands of misspelt cells each ask for a suggestion.
func Nearest(word string, candidates []string, maxDistance int) string {
	best, bestDist := "", maxDistance+1
	w := strings.ToLower(word)
	n := utf8.RuneCountInString(w)
	for _, c := range candidates {
		// A character takes one to four bytes (and ToLower keeps the
		// count of characters), so the bytes bound the characters.
		if len(c) > 4*(n+maxDistance) || 4*len(c) < n-maxDistance {
			continue
		}
		if m := utf8.RuneCountInString(c); m > n+maxDistance || m < n-maxDistance {
			continue
		}
		if d := Distance(w, strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}
