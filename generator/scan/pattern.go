package scan

import (
	"bytes"
	"regexp"
)

// Pattern is a kind of personal data recognised by its shape.
type Pattern int

// The patterns the scan looks for; see the package documentation for the
// exact rules.
const (
	NHSNumber Pattern = iota + 1
	Email
	Phone
	Postcode
	// Unreadable marks a document whose text cannot be read: not personal
	// data found, but a file that could not be checked (document.go).
	Unreadable
)

// String names the pattern for a message: "an NHS number".
func (p Pattern) String() string {
	switch p {
	case NHSNumber:
		return "an NHS number"
	case Email:
		return "an e-mail address"
	case Phone:
		return "a UK telephone number"
	case Postcode:
		return "a UK postcode"
	case Unreadable:
		return "a document that cannot be read"
	}
	return "personal data"
}

// findPatterns calls found for every pattern match in the case-preserving
// normalised text t, left to right, without overlaps.
func findPatterns(t []byte, found func(p Pattern, start, end int)) {
	for i := 0; i < len(t); {
		c := t[i]
		if !patternStart[c] {
			i++
			continue
		}
		switch {
		case c == '@':
			if s, e, ok := email(t, i); ok {
				found(Email, s, e)
				i = e
				continue
			}
		case (isDigit(c) || c == '+' || c == '(') && numberStart(t, i):
			if p, e := number(t, i); p != 0 {
				found(p, i, e)
				i = e
				continue
			}
		case c >= 'A' && c <= 'Z' && (i == 0 || !isAlnum(t[i-1])):
			if e := postcode(t, i); e > 0 {
				found(Postcode, i, e)
				i = e
				continue
			}
		}
		i++
	}
}

// patternStart marks the bytes a pattern's match may start with, or
// (for an e-mail address, found from its "@") be found at.
var patternStart = func() (p [256]bool) {
	for c := range p {
		p[c] = c == '@' || c == '+' || c == '(' || isDigit(byte(c)) || c >= 'A' && c <= 'Z'
	}
	return p
}()

func isAlnum(c byte) bool { return isDigit(c) || isLetter(c) || c >= 0x80 }

// numberStart reports whether a number may start at t[i]: not inside a
// word, another number, a decimal fraction or a colour code.
func numberStart(t []byte, i int) bool {
	if i == 0 {
		return true
	}
	p := t[i-1]
	return !isAlnum(p) && p != '.' && p != '#' && p != '+'
}

// numberEnd reports whether a number may end at t[e].
func numberEnd(t []byte, e int) bool {
	if e >= len(t) {
		return true
	}
	c := t[e]
	if c == '.' || c == ',' {
		return e+1 >= len(t) || !isDigit(t[e+1]) // "…0958." ends a sentence; "0958.5" does not
	}
	return !isAlnum(c)
}

type span struct{ s, e int }

// number recognises an NHS number or a telephone number at t[i].
func number(t []byte, i int) (Pattern, int) {
	j := i
	intl := false
	var buf [6]span
	groups := buf[:0]
	switch {
	case t[j] == '+':
		if !bytes.HasPrefix(t[j:], []byte("+44")) {
			return 0, 0
		}
		intl = true
		j = skipSep(t, j+3)
		if bytes.HasPrefix(t[j:], []byte("(0)")) {
			j = skipSep(t, j+3)
		}
	case t[j] == '(':
		k := j + 1
		for k < len(t) && isDigit(t[k]) {
			k++
		}
		if k >= len(t) || t[k] != ')' || k-j-1 < 3 || t[j+1] != '0' {
			return 0, 0
		}
		groups = append(groups, span{j + 1, k})
		j = skipSep(t, k+1)
	}
	for len(groups) < len(buf) {
		k := j
		for k < len(t) && isDigit(t[k]) {
			k++
		}
		if k == j {
			break
		}
		groups = append(groups, span{j, k})
		if k+1 < len(t) && (t[k] == ' ' || t[k] == '-') && isDigit(t[k+1]) {
			j = k + 1
			continue
		}
		break
	}
	if len(groups) == 0 {
		return 0, 0
	}
	if !intl && t[i] != '(' {
		if e := nhsNumber(t, groups); e > 0 {
			return NHSNumber, e
		}
	}
	if e := phone(t, groups, intl); e > 0 {
		return Phone, e
	}
	return 0, 0
}

func skipSep(t []byte, j int) int {
	if j < len(t) && (t[j] == ' ' || t[j] == '-') {
		return j + 1
	}
	return j
}

// nhsNumber checks for 10 digits together, or spaced 3-3-4, with a valid
// check digit, and returns the end of the number.
func nhsNumber(t []byte, g []span) int {
	var digits []byte
	var end int
	switch {
	case g[0].e-g[0].s == 10:
		digits, end = t[g[0].s:g[0].e], g[0].e
	case len(g) >= 3 && g[0].e-g[0].s == 3 && g[1].e-g[1].s == 3 && g[2].e-g[2].s == 4:
		var buf [10]byte
		digits = append(append(append(buf[:0], t[g[0].s:g[0].e]...), t[g[1].s:g[1].e]...), t[g[2].s:g[2].e]...)
		end = g[2].e
	default:
		return 0
	}
	if !numberEnd(t, end) || !nhsCheck(digits) {
		return 0
	}
	return end
}

// nhsCheck applies the modulus-11 check: weights 10 down to 2 on the first
// nine digits; 11 minus the remainder is the check digit, 11 means 0 and
// 10 means the number is invalid. Runs of one repeated digit
// ("0000000000", which passes) are placeholders, not numbers.
func nhsCheck(d []byte) bool {
	if len(d) != 10 || bytes.Count(d, d[:1]) == 10 {
		return false
	}
	sum := 0
	for k := 0; k < 9; k++ {
		sum += int(d[k]-'0') * (10 - k)
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	return check != 10 && check == int(d[9]-'0')
}

// phone checks the digit groups for a UK telephone number and returns the
// end of the longest one.
func phone(t []byte, g []span, intl bool) int {
	var buf [16]byte
	digits := buf[:0]
	best := 0
	for k, sp := range g {
		n := sp.e - sp.s
		// Groups after the first have at least 3 digits; so does the first
		// of a national number (an area code in brackets counts).
		if n < 3 && (k > 0 || !intl) {
			break
		}
		digits = append(digits, t[sp.s:sp.e]...)
		if len(digits) > 11 {
			break
		}
		if ukNumber(digits, intl) && numberEnd(t, sp.e) {
			best = sp.e
		}
	}
	return best
}

// ukNumber checks the digits of a national number (starting 0) or of the
// national part of a +44 number.
func ukNumber(d []byte, intl bool) bool {
	if intl {
		if len(d) > 0 && d[0] == '0' {
			d = d[1:] // "+44 020 …" repeats the trunk 0
		}
		var buf [16]byte
		buf[0] = '0'
		d = append(buf[:1], d...)
	}
	if len(d) < 10 || d[0] != '0' {
		return false
	}
	switch {
	case d[1] == '1':
		return len(d) == 10 || len(d) == 11
	case d[1] == '2' || d[1] == '3' || d[1] == '7':
		return len(d) == 11
	case d[1] == '8' && d[2] == '0':
		return len(d) == 10 || len(d) == 11
	}
	return false
}

// postcodePattern is a full UK postcode in capitals, with or without the
// space; the letter classes exclude the letters never used in each place.
var postcodePattern = regexp.MustCompile(`^(?:GIR ?0AA|[A-PR-UWYZ](?:[0-9][0-9]?|[A-HK-Y][0-9][0-9]?|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY]) ?[0-9][ABD-HJLNP-UW-Z]{2})`)

// postcode returns the end of a postcode starting at t[i], or 0.
func postcode(t []byte, i int) int {
	// A cheap test first: an outward code has a digit in its second or
	// third place, so most capitalised words are rejected at once.
	if i+5 > len(t) { // the shortest postcode, "M11AE", has 5 characters
		return 0
	}
	if !isDigit(t[i+1]) && !isDigit(t[i+2]) && t[i+1] != 'I' {
		return 0
	}
	m := postcodePattern.Find(t[i:min(len(t), i+8)])
	if m == nil {
		return 0
	}
	e := i + len(m)
	if e < len(t) && isAlnum(t[e]) {
		return 0
	}
	return e
}

// notTLD lists endings that are really file extensions: "logo@2x.png" is an image.
var notTLD = map[string]bool{
	"png": true, "jpg": true, "jpeg": true, "gif": true, "svg": true, "webp": true, "avif": true,
	"ico": true, "bmp": true, "tif": true, "tiff": true, "js": true, "mjs": true, "css": true,
	"map": true, "json": true, "txt": true, "pdf": true, "woff": true, "woff2": true, "html": true, "xml": true,
}

// email recognises an address around the '@' at t[at].
func email(t []byte, at int) (start, end int, ok bool) {
	start = at
	for start > 0 && isLocal(t[start-1]) {
		start--
	}
	for start < at && t[start] == '.' {
		start++
	}
	if start == at || t[at-1] == '.' {
		return 0, 0, false
	}
	end = at + 1
	for end < len(t) && (isLetter(t[end]) || isDigit(t[end]) || t[end] == '.' || t[end] == '-') {
		end++
	}
	for end > at+1 && (t[end-1] == '.' || t[end-1] == '-') {
		end-- // a full stop ending the sentence
	}
	domain := t[at+1 : end]
	dot := bytes.LastIndexByte(domain, '.')
	if dot <= 0 {
		return 0, 0, false
	}
	tld := domain[dot+1:]
	if len(tld) < 2 || notTLD[string(bytes.ToLower(tld))] {
		return 0, 0, false
	}
	for _, c := range tld {
		if !isLetter(c) {
			return 0, 0, false
		}
	}
	return start, end, true
}

func isLocal(c byte) bool {
	return isLetter(c) || isDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'
}
