package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/plinth-ssg/plinth/generator/slug"
)

// The text rules below are applied twice: here, to the pages' text when
// the index is written, and in the browser, to what the reader types
// (themes/plinth/assets/js/search-core.mjs). A term matches only when both
// sides produce the same string, so the two implementations must agree
// exactly; testdata/terms.json holds the cases both test suites check.

// A word is a standard ID or other dotted number ("1.3", "2.10.1") kept
// whole, so that "1.3" finds standard 1.3 rather than every page with a 1
// and a 3; otherwise a run of letters and decimal digits. JavaScript finds
// the same words with /\p{Nd}+(?:\.\p{Nd}+)+|[\p{L}\p{Nd}]+/gu; splitWords
// is that expression written out, which is several times faster than Go's
// regexp on a large site.

// apostrophes are dropped before splitting, so "learner's" and "learners'"
// are one word, "learners", which the stemmer makes "learner".
var apostrophes = strings.NewReplacer("'", "", "\u2019", "")

// StopWords are words too common to be worth indexing. The manifest
// carries the list, so the browser drops the same words from a query.
var StopWords = []string{
	"a", "an", "and", "are", "as", "at", "be", "been", "by", "for", "from",
	"has", "have", "in", "is", "it", "its", "of", "on", "or", "that", "the",
	"their", "this", "to", "was", "we", "were", "will", "with",
}

var stop = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range StopWords {
		m[w] = true
	}
	return m
}()

// Terms returns the index terms of text, in order: folded (lower case,
// accents removed), split into words, stop words dropped and simple plurals
// reduced by Stem.
func Terms(text string) []string {
	var out []string
	eachTerm(text, func(t string) { out = append(out, t) })
	return out
}

// eachTerm calls f with each term of text, in order, without collecting
// them: the index reads every word of every page, so this path avoids
// allocating.
func eachTerm(text string, f func(term string)) {
	eachWord(fold(text), func(w string) {
		if !stop[w] {
			f(Stem(w))
		}
	})
}

// Words returns text folded and split into words, stop words included:
// what Terms works from.
func Words(text string) []string {
	var out []string
	eachWord(fold(text), func(w string) { out = append(out, w) })
	return out
}

// fold is slug.Fold with apostrophes dropped.
func fold(text string) string {
	text = slug.Fold(text)
	if strings.ContainsAny(text, "'\u2019") {
		text = apostrophes.Replace(text)
	}
	return text
}

// splitWords returns the words of s, leftmost first, each the longest run
// the expression's first alternative matches, else its second's.
func splitWords(s string) []string {
	var out []string
	eachWord(s, func(w string) { out = append(out, w) })
	return out
}

// eachWord calls f with each word of s, as splitWords finds them.
func eachWord(s string, f func(w string)) {
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case isDigit(r):
			if end := dotted(s, i); end > 0 {
				f(s[i:end])
				i = end
				continue
			}
			fallthrough
		case isLetter(r):
			end := i + n
			for end < len(s) {
				r, n := rune(s[end]), 1
				if r >= utf8.RuneSelf {
					r, n = utf8.DecodeRuneInString(s[end:])
				}
				if !isLetter(r) && !isDigit(r) {
					break
				}
				end += n
			}
			f(s[i:end])
			i = end
		default:
			i += n
		}
	}
}

// isLetter and isDigit are unicode.IsLetter and unicode.IsDigit with the
// ASCII answers first.
func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r)
}

func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return '0' <= r && r <= '9'
	}
	return unicode.IsDigit(r)
}

// dotted returns where a dotted number starting at i ends (digits, then
// one or more groups of a dot and digits), or 0 if there is none there.
func dotted(s string, i int) int {
	digits := func(j int) int { // the end of the run of digits at j
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if !isDigit(r) {
				break
			}
			j += n
		}
		return j
	}
	end := digits(i)
	groups := 0
	for end < len(s) && s[end] == '.' {
		next := digits(end + 1)
		if next == end+1 {
			break
		}
		end = next
		groups++
	}
	if groups == 0 {
		return 0
	}
	return end
}

// Stem reduces an English plural to its singular form, closely enough that
// a word and its plural meet: "standards" → "standard", "studies" →
// "study", "classes" → "class", "approaches" → "approach", "cases" →
// "case". It is deliberately small: it only removes -s, -es and -ies, so it
// never merges words that differ in meaning, and it leaves alone words of
// three letters or fewer, words with digits, and words ending in -ss, -us
// or -is (class, status, analysis). A few plurals land on a slightly wrong
// singular ("niches" → "nich"); that does no harm as long as the singular
// and plural meet, which they do except for such words.
func Stem(w string) string {
	// Every rule removes an s: most words end otherwise.
	if len(w) < 4 || w[len(w)-1] != 's' || utf8.RuneCountInString(w) <= 3 || strings.ContainsAny(w, "0123456789") {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies"):
		if strings.HasSuffix(w, "eies") || strings.HasSuffix(w, "aies") {
			return w[:len(w)-1]
		}
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "s"):
		return w[:len(w)-1]
	}
	return w
}
