package scan

import (
	"html"
	"slices"
	"unicode"
	"unicode/utf8"
)

// text is normalised text being built from a file, in two forms (see
// fold.go): t, the characters as written (spacing normalised), for the
// patterns and for reporting what was found, so that it can be found
// again in the source; and l, the key the identifying values are matched
// on. off maps each byte of t back to its offset in the file,
// for line numbers; lt and le map each byte of l to the stretch of t its
// character came from (start, and end).
type text struct {
	t      []byte
	off    []int32
	l      []byte
	lt, le []int32
	space  bool // the last byte of t is a space, or nothing is written yet
	lspace bool // the same for l
	// keyless leaves l empty: a scanner without identifying values
	// matches patterns alone, on t, and the key would be half the work.
	keyless bool
}

// reset empties x, keeping room for about n bytes, to be written with
// its key or (if not keyed) without.
func (x *text) reset(n int, keyed bool) {
	if cap(x.t) < n {
		x.t, x.off = make([]byte, 0, n), make([]int32, 0, n)
	}
	if keyed && cap(x.l) < n {
		x.l, x.lt, x.le = make([]byte, 0, n), make([]int32, 0, n), make([]int32, 0, n)
	}
	x.t, x.off = x.t[:0], x.off[:0]
	x.l, x.lt, x.le = x.l[:0], x.lt[:0], x.le[:0]
	x.space, x.lspace, x.keyless = true, true, !keyed
}

// brk writes a word break: one space, never two in a row.
func (x *text) brk(at int) {
	if !x.space {
		x.t = append(x.t, ' ')
		x.off = append(x.off, int32(at))
		x.space = true
	}
	x.lbrk()
}

// lbrk writes a word break to l only.
func (x *text) lbrk() {
	if !x.lspace && !x.keyless {
		n := int32(len(x.t))
		x.l = append(x.l, ' ')
		x.lt, x.le = append(x.lt, n), append(x.le, n)
		x.lspace = true
	}
}

// key writes the key k of the character that t holds from index from.
func (x *text) key(k string, from int) {
	if x.keyless {
		return
	}
	to := int32(len(x.t))
	for i := 0; i < len(k); i++ {
		if k[i] == ' ' {
			x.lbrk()
			continue
		}
		x.l = append(x.l, k[i])
		x.lt, x.le = append(x.lt, int32(from)), append(x.le, to)
		x.lspace = false
	}
}

// ascii writes one ASCII character (run writes runs of them).
func (x *text) ascii(c byte, at int) {
	switch asciiSpace[c] {
	case 0:
		from := len(x.t)
		x.t = append(x.t, c)
		x.off = append(x.off, int32(at))
		x.space = false
		if k := asciiKey[c]; len(k) == 1 && k[0] != ' ' && !x.keyless {
			x.l = append(x.l, k[0])
			x.lt, x.le = append(x.lt, int32(from)), append(x.le, int32(from+1))
			x.lspace = false
		} else {
			x.key(k, from)
		}
	case 1:
		x.brk(at)
	}
}

// run writes the longest prefix of data that ascii would write one byte
// at a time without looking further (ASCII characters other than "&",
// stop and the invisible control characters), and returns its length.
// It is ascii unrolled over the run: most of a file is such runs, and
// this is most of the scan's time. It writes t, then l from what it wrote
// to t, into room made once, in two loops that do not branch on where a
// word ends (which cannot be predicted: a mispredicted branch per word
// cost more than the rest of the work).
func (x *text) run(data []byte, at int, stop byte) int {
	for n := 0; ; {
		end := min(len(data), n+maxRun)
		n += x.runChunk(data[n:end], at+n, stop)
		if n < end || end == len(data) {
			return n
		}
	}
}

// maxRun is the most of a run that runChunk writes at once. It makes
// room in the key for two bytes a character (a key may have two) before
// it knows how many it needs; over a whole run, that room for a file that
// is one word of 10 MB was 200 MB beyond the file's own buffers, taken
// from the output checks' share of memory.
const maxRun = 64 << 10

// runChunk is run over at most maxRun bytes of data.
func (x *text) runChunk(data []byte, at int, stop byte) int {
	from := len(x.t)
	x.t, x.off = slices.Grow(x.t, len(data)), slices.Grow(x.off, len(data))
	t, off := x.t[from:from+len(data)], x.off[from:from+len(data)]
	space := uint8(0)
	if x.space {
		space = 1
	}
	n, w := len(data), 0
	for k, c := range data {
		if asciiClass[c] == classOther || c == stop {
			n = k
			break
		}
		// A whitespace character is written as a space, and not at all
		// after a space.
		sp := asciiWhite[c]
		t[w], off[w] = asciiText[c], int32(at+k)
		w += int(1 - sp&space)
		space = sp
	}
	x.t, x.off, x.space = x.t[:from+w], x.off[:from+w], space == 1
	if x.keyless {
		return n
	}
	// The key: a whitespace run is one space in t, and (since a space in
	// t is always a break in l too) reading t's spaces for data's gives
	// the same breaks. A break is written, and kept only if the key does
	// not end in one already.
	nl := len(x.l)
	lspace := uint8(0)
	if x.lspace {
		lspace = 1
	}
	most := 2 * w // a key has at most two bytes
	x.l, x.lt, x.le = slices.Grow(x.l, most), slices.Grow(x.lt, most), slices.Grow(x.le, most)
	l, lt, le := x.l[nl:nl+most], x.lt[nl:nl+most], x.le[nl:nl+most]
	m := 0
	for j, c := range t[:w] {
		at := int32(from + j)
		brk := asciiBreak[c] // 1 for a space or a character whose key is a break ("-")
		l[m], lt[m], le[m] = asciiKey1[c], at+int32(brk), at+1
		if k2 := asciiKey2[c]; k2 != 0 { // "m" is "rn"
			m++
			l[m], lt[m], le[m] = k2, at, at+1
		}
		m += int(1 - brk&lspace)
		lspace = brk
	}
	x.l, x.lt, x.le, x.lspace = x.l[:nl+m], x.lt[:nl+m], x.le[:nl+m], lspace == 1
	return n
}

// emit writes one decoded character found at offset at.
func (x *text) emit(r rune, at int) {
	if r < utf8.RuneSelf {
		x.ascii(byte(r), at)
		return
	}
	switch {
	case !utf8.ValidRune(r):
		return // a lone surrogate from a broken \u escape
	case unicode.IsSpace(r):
		x.brk(at)
		return
	case r == 0xAD || (r >= 0x200B && r <= 0x200D) || r == 0x2060 || r == 0xFEFF || r == utf8.RuneError:
		return // soft hyphen, zero-width characters, byte-order mark, broken bytes
	case (r >= 0x2010 && r <= 0x2015) || r == 0x2212:
		x.emit('-', at)
		return
	case r == 0x2018 || r == 0x2019 || r == 0x02BC:
		x.emit('\'', at)
		return
	case r == 0x201C || r == 0x201D:
		x.emit('"', at)
		return
	}
	from := len(x.t)
	x.t = utf8.AppendRune(x.t, r)
	for range utf8.RuneLen(r) {
		x.off = append(x.off, int32(at))
	}
	x.space = false
	if !x.keyless {
		x.key(keyOf(r), from)
	}
}

// emitString writes every character of s as found at offset at.
func (x *text) emitString(s string, at int) {
	for _, r := range s {
		x.emit(r, at)
	}
}

// entity decodes the character reference starting at data[i] ('&'),
// returning the offset after it, or i if there is none.
func (x *text) entity(data []byte, i, base int) int {
	end := min(len(data), i+34) // the longest named references are ~32 bytes
	for j := i + 1; j < end; j++ {
		switch c := data[j]; {
		case c == ';':
			ref := string(data[i : j+1])
			dec := html.UnescapeString(ref)
			if dec == ref {
				return i
			}
			x.emitString(dec, base+i)
			return j + 1
		case c == '#' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		default:
			return i
		}
	}
	return i
}

// plain writes data, decoding character references.
func (x *text) plain(data []byte, base int) {
	for i := 0; i < len(data); {
		if i += x.run(data[i:], base+i, '&'); i >= len(data) {
			break
		}
		c := data[i]
		if c < utf8.RuneSelf && c != '&' {
			x.ascii(c, base+i)
			i++
			continue
		}
		if c == '&' {
			if j := x.entity(data, i, base); j > i {
				i = j
				continue
			}
		}
		r, size := utf8.DecodeRune(data[i:])
		x.emit(r, base+i)
		i += size
	}
}

// script writes JavaScript or JSON, decoding backslash escapes and
// character references.
func (x *text) script(data []byte, base int) {
	for i := 0; i < len(data); {
		if i += x.run(data[i:], base+i, '\\'); i >= len(data) {
			break
		}
		c := data[i]
		if c < utf8.RuneSelf && c != '&' && c != '\\' {
			x.ascii(c, base+i)
			i++
			continue
		}
		switch c {
		case '\\':
			if r, n := unescape(data[i:]); n > 0 {
				if r >= 0 {
					x.emit(r, base+i)
				}
				i += n
				continue
			}
		case '&':
			if j := x.entity(data, i, base); j > i {
				i = j
				continue
			}
		}
		r, size := utf8.DecodeRune(data[i:])
		x.emit(r, base+i)
		i += size
	}
}

// unescape decodes the backslash escape at the start of b, returning the
// character (or -1 for a line continuation) and its length, or n == 0.
func unescape(b []byte) (r rune, n int) {
	if len(b) < 2 {
		return 0, 0
	}
	switch c := b[1]; c {
	case 'n', 'r', 't', 'f', 'v', 'b':
		return ' ', 2
	case '\n':
		return -1, 2
	case 'u':
		if len(b) >= 6 {
			if v, ok := hex(b[2:6]); ok {
				r := rune(v)
				// A surrogate pair: \uD83D\uDE00.
				if r >= 0xD800 && r < 0xDC00 && len(b) >= 12 && b[6] == '\\' && b[7] == 'u' {
					if lo, ok := hex(b[8:12]); ok && lo >= 0xDC00 && lo < 0xE000 {
						return 0x10000 + (r-0xD800)<<10 + rune(lo-0xDC00), 12
					}
				}
				return r, 6
			}
		}
		if len(b) >= 4 && b[2] == '{' {
			for j := 3; j < len(b) && j < 11; j++ {
				if b[j] == '}' {
					if v, ok := hex(b[3:j]); ok {
						return rune(v), j + 1
					}
					break
				}
			}
		}
	case 'x':
		if len(b) >= 4 {
			if v, ok := hex(b[2:4]); ok {
				return rune(v), 4
			}
		}
	default:
		if c < utf8.RuneSelf {
			return rune(c), 2 // \" \' \/ \\ and unknown escapes stand for the character
		}
	}
	return 0, 0
}

func hex(b []byte) (uint32, bool) {
	if len(b) == 0 {
		return 0, false
	}
	var v uint32
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			v = v<<4 | uint32(c-'0')
		case c >= 'a' && c <= 'f':
			v = v<<4 | uint32(c-'a'+10)
		case c >= 'A' && c <= 'F':
			v = v<<4 | uint32(c-'A'+10)
		default:
			return 0, false
		}
	}
	return v, true
}

// attribute writes an attribute value, decoding character references and
// percent-encoding (so that href="/search?q=Northwick%20Park" is read).
func (x *text) attribute(data []byte, base int) {
	var pct []byte
	flush := func(at int) {
		for len(pct) > 0 {
			r, size := utf8.DecodeRune(pct)
			x.emit(r, at)
			pct = pct[size:]
		}
	}
	for i := 0; i < len(data); {
		c := data[i]
		if c == '%' && i+2 < len(data) {
			if v, ok := hex(data[i+1 : i+3]); ok {
				pct = append(pct, byte(v))
				i += 3
				continue
			}
		}
		flush(base + i)
		if n := x.run(data[i:], base+i, '%'); n > 0 {
			i += n
			continue
		}
		if c == '&' {
			if j := x.entity(data, i, base); j > i {
				i = j
				continue
			}
		}
		r, size := utf8.DecodeRune(data[i:])
		x.emit(r, base+i)
		i += size
	}
	flush(base + len(data))
}
