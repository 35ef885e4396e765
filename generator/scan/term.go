package scan

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// Term is an identifying value that must not appear in the built site,
// with where it was declared (the data file, row and column).
type Term struct {
	Text   string
	Origin diag.Pos
}

// fold normalises s exactly as file text is normalised, short forms
// expanded, and returns the key with surrounding spaces removed.
func (s *Scanner) fold(v string) string {
	var x text
	x.reset(len(v), true)
	for i, r := range v {
		x.emit(r, i)
	}
	s.expand.apply(&x)
	return string(bytes.TrimSpace(x.l))
}

// plainFold is v in compatibility form, lower case, with its spacing
// normalised: what tooShort counts (the key would count "1" as a letter).
func plainFold(v string) string {
	var x text
	x.reset(len(v), true)
	for i, r := range v {
		x.emit(r, i)
	}
	return strings.ToLower(string(bytes.TrimSpace(x.t)))
}

// tooShort applies the rule in the package documentation: fewer than 4
// letters and digits (3 for a code mixing both), or a number of fewer than 6
// digits.
func tooShort(folded string) bool {
	letters, digits := 0, 0
	for _, r := range folded {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r):
			digits++
		}
	}
	switch {
	case letters == 0:
		return digits < 6
	case digits > 0:
		return letters+digits < 3
	default:
		return letters < 4
	}
}

// A term is found only as whole words: the characters either side of it
// are not letters or digits (checked only where the term itself starts or
// ends with one). startsWord and endsWord check the two sides.

// startsWord reports whether the text from b[start] stands at the start of
// a word (or starts with something other than a letter or digit).
func startsWord(b []byte, start int) bool {
	if start > 0 && start < len(b) && isWordByte(b, start) {
		if r, _ := utf8.DecodeLastRune(b[:start]); isWord(r) {
			return false
		}
	}
	return true
}

// endsWord reports whether the text up to b[end] stands at the end of a
// word (or ends with something other than a letter or digit).
func endsWord(b []byte, end int) bool {
	if end > 0 && end < len(b) && isWordByte(b, end-1) {
		if r, _ := utf8.DecodeRune(b[end:]); isWord(r) {
			return false
		}
	}
	return true
}

// isWordByte reports whether the byte at i belongs to a letter or digit
// (any byte of a multi-byte character counts as a letter: names such as
// "Zoë" end in one).
func isWordByte(b []byte, i int) bool { return wordByte[b[i]] }

// wordByte is isWordByte by byte.
var wordByte = func() (w [256]bool) {
	for c := range w {
		w[c] = c >= 0x80 || isLetter(byte(c)) || isDigit(byte(c))
	}
	return w
}()

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
