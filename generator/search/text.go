package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/plinth-ssg/plinth/generator/slug"
)

// The rules below split text into words the same way here, for the pages'
// text, and in the browser, for what the reader types
// (themes/plinth/assets/js/search-core.mjs): folding and splitting must
// agree exactly, and testdata/terms.json holds the cases both test suites
// check. Stemming happens only here (Stem); the index tells the browser
// which term each word form belongs to.

// A word is a standard ID or other dotted number ("1.3", "2.10.1") kept
// whole, so that "1.3" finds standard 1.3 rather than every page with a 1
// and a 3; otherwise a run of letters and decimal digits. JavaScript finds
// the same words with /\p{Nd}+(?:\.\p{Nd}+)+|[\p{L}\p{Nd}]+/gu; splitWords
// is that expression written out, which is several times faster than Go's
// regexp on a large site.

// apostrophes are dropped before splitting, so "learner's" and "learners'"
// are one word, "learners", which the stemmer makes "learner".
var apostrophes = strings.NewReplacer("'", "", "\u2019", "")

// StopWords are words too common to be worth indexing, and the words of a
// question ("how do I raise a concern") that say nothing about what the
// reader is looking for. The manifest carries the list, so the browser
// drops the same words from a query.
//
// The contractions of those words are stop words too, as they are once
// their apostrophe is dropped ("what's" is "whats", "I'm" is "im"):
// otherwise "what's induction" or "I'm a nurse" has a word no page has,
// and the search says that no page has all of the reader's words. Those
// that spell another word are left out ("I'll", "we'll", "I'd").
//
// So are the pronouns that stand for any person or thing ("something",
// "anyone"): a reader's question has them ("I was asked to do something
// I wasn't trained for"), and the few pages that happen to use them are
// not about them, but would weigh as pages with a rare word of the query.
// Those that deny ("nothing", "nobody") are kept: they are what a
// complaint is about ("nobody signs off my competencies").
var StopWords = []string{
	"a", "about", "an", "and", "anybody", "anyone", "anything", "are", "arent", "as", "at", "be",
	"been", "but", "by", "can", "cant", "could", "couldnt", "did", "didnt", "do", "does", "doesnt",
	"dont", "everybody", "everyone", "everything", "for", "from", "has", "hasnt", "have", "havent",
	"how", "hows", "i", "if", "im", "in", "into", "is", "isnt", "it", "its", "ive", "me", "my", "of",
	"on", "or", "our", "should", "shouldnt", "so", "somebody", "someone", "something", "than", "that",
	"thats", "the", "their", "them", "then", "there", "theres", "these", "they", "theyre", "theyve",
	"this", "those", "to", "us", "was", "wasnt", "we", "were", "werent", "weve", "what", "whats",
	"when", "where", "wheres", "which", "who", "whos", "why", "will", "with", "wont", "would",
	"wouldnt", "you", "your", "youre", "youve",
}

var stop = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range StopWords {
		m[w] = true
	}
	return m
}()

// Terms returns the index terms of text, in order: each word folded (lower
// case, accents removed), stop words dropped, stemmed (Stem); after the
// two parts of a hyphenated word ("well-being") comes the term of the two
// written together ("wellbeing"), so that either spelling finds the other.
func Terms(text string) []string {
	var out []string
	eachTerm(text, func(_, t string) { out = append(out, t) })
	return out
}

// eachTerm calls f with each word of text (folded) and its term, in
// order, as Terms finds them, without collecting them: the index reads
// every word of every page, so this path avoids allocating. The words
// passed to f are the stem memo's copies, which f may keep.
func eachTerm(text string, f func(word, term string)) {
	eachIndexed(text, func(w string, compound bool) {
		if compound || !stop[w] {
			f(stems.get(w))
		}
	})
}

// maxWord is the longest word, in bytes once folded, that is indexed.
// The longest words of English and of medicine have some 45 letters; a
// longer run of letters is a pasted code, a hash or an editor's slip (a
// page that is one 10 MB word), which no reader types. Indexed, it became
// a term written whole into the manifest's shard list and a shard, and
// stemmed a character at a time: three copies of a 10 MB word to build,
// write and check.
const maxWord = 64

// eachIndexed calls f with each word of text (folded) of at most maxWord
// bytes, stop words included (the caller drops them), and after the two
// parts of a hyphenated word the two written together, which are a word
// even when they make a stop word ("in-to"). Words are slices of the
// folded text; the compounds are new strings.
func eachIndexed(text string, f func(word string, compound bool)) {
	s := fold(text)
	prev, prevEnd := "", -1
	eachWordAt(s, func(w string, start, end int) {
		if len(w) > maxWord {
			prev, prevEnd = "", -1
			return
		}
		f(w, false)
		if prevEnd >= 0 && isHyphen(s[prevEnd:start]) && compound(prev, w) {
			f(prev+w, true)
		}
		prev, prevEnd = w, end
	})
}

// isHyphen reports whether s, the text between two words, is one hyphen.
func isHyphen(s string) bool {
	return s == "-" || s == "\u2010" || s == "\u2011"
}

// compound reports whether two words joined by a hyphen are also indexed
// written together: both of letters only ("covid-19" is not one), the
// second of two letters or more, and the first too unless it is a prefix
// of one letter before a word of three or more ("e-mail", "x-ray"), which
// readers type as one word ("email"); "A-Z" is not one.
func compound(first, second string) bool {
	if !letters(first) || !letters(second) || len(second) < 2 {
		return false
	}
	return len(first) >= 2 || len(second) >= 3
}

// letters reports whether w is a word of letters only.
func letters(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if !isLetter(r) {
			return false
		}
	}
	return true
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
	// Two searches of one byte or one string: strings.ContainsAny with a
	// character beyond ASCII decodes every character of the text.
	if strings.IndexByte(text, '\'') >= 0 || strings.Contains(text, "\u2019") {
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
	eachWordAt(s, func(w string, _, _ int) { f(w) })
}

// eachWordAt calls f with each word of s and where it starts and ends.
func eachWordAt(s string, f func(w string, start, end int)) {
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case isDigit(r):
			if end := dotted(s, i); end > 0 {
				f(s[i:end], i, end)
				i = end
				continue
			}
			fallthrough
		case isLetter(r):
			end := i + n
			for end < len(s) {
				// Most text is ASCII: one look in a table a byte.
				if c := s[end]; c < utf8.RuneSelf {
					if !asciiLetterOrDigit[c] {
						break
					}
					end++
					continue
				}
				r, n := utf8.DecodeRuneInString(s[end:])
				if !isLetter(r) && !isDigit(r) {
					break
				}
				end += n
			}
			f(s[i:end], i, end)
			i = end
		default:
			i += n
		}
	}
}

// asciiLetterOrDigit marks the ASCII bytes isLetter or isDigit accepts.
var asciiLetterOrDigit = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = isLetter(rune(c)) || isDigit(rune(c))
	}
	return t
}()

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
