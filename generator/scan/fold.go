package scan

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/mtibben/confusables"
	"golang.org/x/text/unicode/norm"
)

// Folding. Each character of a file is written twice (text.go): once as
// written, for the personal-data patterns and the report; and once as the
// key the identifying values are matched on, which
//
//   - takes the Unicode compatibility form (NFKD: fullwidth "ＺＡ００６"
//     becomes "ZA006", ligatures come apart);
//   - drops accents and other combining marks ("Zoë" and "Zoe" match);
//   - lower-cases, then maps every letter and digit to its Unicode TR39
//     confusable skeleton, so that a Cyrillic "а" or a Greek "ο" standing
//     in for a Latin letter, a "0" for an "o" or "rn" for an "m", matches;
//     and, since the skeleton is made for one case, reads "i" and "l" alike
//     (a capital I and a lower-case l look the same);
//   - reads "&" as the word "and", and "-" and "_" as spaces.
//
// The skeletons come from github.com/mtibben/confusables (Unicode 13.0
// confusables.txt), asked one character at a time: a character's skeleton
// does not depend on its neighbours.

// keyOf returns the matching key of one character (see above), or "" to
// drop it.
func keyOf(r rune) string {
	if r < utf8.RuneSelf {
		return asciiKey[r]
	}
	if k, ok := keyCache.Load(r); ok {
		return k.(string)
	}
	var b strings.Builder
	for _, d := range norm.NFKD.String(string(r)) {
		if unicode.Is(unicode.Mn, d) {
			continue
		}
		b.WriteString(skeleton(d))
	}
	k := b.String()
	keyCache.Store(r, k)
	return k
}

var keyCache sync.Map // rune → string

// skeleton folds one character without combining marks: lower case, then
// the confusable skeleton of a letter or digit, with "i" read as "l".
func skeleton(r rune) string {
	switch {
	case r == '&':
		return " and "
	case r == '-' || r == '_':
		return " "
	case !unicode.IsLetter(r) && !unicode.IsDigit(r):
		return string(unicode.ToLower(r))
	}
	var b strings.Builder
	for _, s := range confusables.Skeleton(string(unicode.ToLower(r))) {
		if unicode.Is(unicode.Mn, s) {
			continue
		}
		s = unicode.ToLower(s)
		if s == 'i' {
			s = 'l'
		}
		b.WriteRune(s)
	}
	return b.String()
}

// asciiKey is keyOf for ASCII characters; asciiSpace says which are
// whitespace (a word break) or invisible control characters (dropped).
// asciiClass sorts every byte for text.run.
var (
	asciiKey   [utf8.RuneSelf]string
	asciiSpace [utf8.RuneSelf]uint8 // 0 ordinary, 1 whitespace, 2 dropped
	asciiClass [256]uint8
	// For text.run, which reads only bytes of the other classes:
	// asciiText is what t holds for a byte (a space for whitespace);
	// asciiBreak is 1 for a byte that is a break in the key (whitespace,
	// classBreak); asciiKey1 and asciiKey2 are the key's first and second
	// byte (a space for a break; 0 for a key of one byte).
	asciiText, asciiWhite, asciiBreak, asciiKey1, asciiKey2 [256]byte
)

// The classes of asciiClass.
const (
	classOther = iota // not for text.run: non-ASCII, control, a multi-byte key ("&")
	classSpace        // whitespace: a word break
	classBreak        // written as itself, its key a word break ("-", "_")
	classKey          // written as itself, its key one or two bytes of letters or digits
)

func init() {
	for c := range rune(utf8.RuneSelf) {
		asciiKey[c] = skeleton(c)
		switch {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			asciiSpace[c] = 1
		case c < ' ' || c == 0x7f:
			asciiSpace[c] = 2
		}
		switch k := asciiKey[c]; {
		case asciiSpace[c] == 1:
			asciiClass[c] = classSpace
		case k == " ":
			asciiClass[c] = classBreak
		case asciiSpace[c] == 0 && (len(k) == 1 || len(k) == 2) && !strings.ContainsAny(k, " \x00"):
			asciiClass[c] = classKey
		default:
			asciiClass[c] = classOther
		}
		asciiText[c], asciiKey1[c] = byte(c), ' '
		switch asciiClass[c] {
		case classSpace:
			asciiText[c], asciiWhite[c], asciiBreak[c] = ' ', 1, 1
		case classBreak:
			asciiBreak[c] = 1
		case classKey:
			k := asciiKey[c]
			asciiKey1[c] = k[0]
			if len(k) == 2 {
				asciiKey2[c] = k[1]
			}
		}
	}
}
