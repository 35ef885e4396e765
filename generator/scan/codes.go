package scan

import (
	"strings"
	"unicode/utf8"
)

// Codes. An organisation code such as "ZA010" can be written with
// separators inside it ("ZA 010", "Z.A.0.1.0", "ZA-010") and still be read
// at once. So an identifying value that is a code (one word mixing letters
// and digits) is matched on the letters and digits of the text alone,
// skipping the spaces, dots, slashes and hyphens between them: at most
// maxGap of them between two characters, so that a code is not pieced
// together from the words of a sentence. The code must still start and
// end on a word boundary ("ZA0101" does not hold "ZA010").

// maxGap is how many separator bytes may stand between two characters of
// a code.
const maxGap = 3

// isCode reports whether an identifying value is a code: no spaces, both
// letters and digits, and short.
func isCode(raw string) bool {
	if len(raw) > ringSize/2 || strings.ContainsFunc(raw, func(r rune) bool { return r == ' ' || r == '\t' }) {
		return false
	}
	return strings.ContainsFunc(raw, func(r rune) bool { return r >= '0' && r <= '9' }) &&
		strings.ContainsFunc(raw, func(r rune) bool { return r > '9' })
}

// compact returns the letters and digits of a key, as codes are matched.
func compact(key []byte) []byte {
	var out []byte
	for i := 0; i < len(key); {
		r, n := utf8.DecodeRune(key[i:])
		if isWord(r) {
			out = append(out, key[i:i+n]...)
		}
		i += n
	}
	return out
}

// isSeparator reports whether a byte of a key may stand inside a code.
func isSeparator(c byte) bool { return c == ' ' || c == '.' || c == '/' }

// matchCodes finds the codes in a key l and calls found with each
// match's stretch of l. It runs the codes' automaton over the letters and
// digits of l alone, remembering where the last few came from.
func (s *Scanner) matchCodes(l []byte, found func(term, start, end int)) {
	if s.codes == nil {
		return
	}
	a := s.codes
	var ring [ringSize]int32 // offsets in l of the last ringSize bytes fed
	fed := 0
	state := int32(0)
	for i, b := range l {
		if b < utf8.RuneSelf && !isLetter(b) && !isDigit(b) {
			continue
		}
		ring[uint(fed)%ringSize] = int32(i)
		fed++
		var report bool
		if state, report = a.step(state, b); report {
			a.report(state, fed, func(t, fed int) { s.codeAt(l, &ring, fed, t, found) })
		}
	}
}

// ringSize bounds the length of a code, in bytes of its letters and
// digits; longer identifying values are not codes (isCode).
const ringSize = 64

// codeAt checks a match of code term t ending at the last byte fed: its
// bytes must start and end on word boundaries and lie no more than maxGap
// separators apart.
func (s *Scanner) codeAt(l []byte, ring *[ringSize]int32, fed, t int, found func(term, start, end int)) {
	n := s.codes.lens[t]
	if n > ringSize || n > fed {
		return
	}
	pos := func(k int) int { return int(ring[(fed-n+k)%ringSize]) }
	ls, le := pos(0), pos(n-1)+1
	if !startsWord(l, ls) || !endsWord(l, le) {
		return
	}
	for k := 1; k < n; k++ {
		prev, cur := pos(k-1), pos(k)
		if cur-prev-1 > maxGap {
			return
		}
		for g := prev + 1; g < cur; g++ {
			if !isSeparator(l[g]) {
				return
			}
		}
	}
	found(s.codeTerm[t], ls, le)
}
