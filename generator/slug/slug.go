// Package slug turns free text into URL segments and element IDs, and folds
// text for matching that ignores case and accents.
//
// Headings, tags, standard IDs and search all share these rules, so that
// "Zürich", "zurich" and "ZURICH" meet in one place.
package slug

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold returns s in lower case with accents removed ("Zürich" → "zurich").
func Fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.ToLower(out)
}

// Make returns s as a URL segment: folded, ASCII letters and digits kept,
// apostrophes dropped ("learner's" → "learners"), every other run of
// characters turned into one hyphen, no hyphen at either end. It returns ""
// for text with no letters or digits.
func Make(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range Fold(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		case r == '\'' || r == '’':
		default:
			hyphen = true
		}
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
