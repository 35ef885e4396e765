package tomldecode

import (
	"strconv"
	"strings"
)

// keyIndex maps a dotted key path to the byte offsets of the key and of its
// value. Paths join segments with "\x00" so that quoted keys containing dots
// stay distinct; array elements and array-of-table entries use their decimal
// index as a segment.
type keyIndex map[string]span

type span struct{ key, value int }

func joinPath(path []string) string { return strings.Join(path, "\x00") }

// indexKeys records where every key and array element of a TOML document
// starts. It runs only after BurntSushi/toml has accepted the document, so it
// may assume the input is valid TOML and need not report errors: its only job
// is to give later diagnostics a line and column.
func indexKeys(text string, base int) keyIndex {
	s := &scanner{text: text, base: base, idx: keyIndex{}, arrays: map[string]int{}}
	s.document()
	return s.idx
}

type scanner struct {
	text   string
	pos    int
	base   int
	idx    keyIndex
	arrays map[string]int // next index of each array of tables
	table  []string       // the current [table] path
}

func (s *scanner) peek() byte {
	if s.pos < len(s.text) {
		return s.text[s.pos]
	}
	return 0
}

func (s *scanner) skipSpace(newlines bool) {
	for s.pos < len(s.text) {
		switch c := s.text[s.pos]; {
		case c == ' ' || c == '\t' || c == '\r':
			s.pos++
		case c == '\n' && newlines:
			s.pos++
		case c == '#':
			for s.pos < len(s.text) && s.text[s.pos] != '\n' {
				s.pos++
			}
		default:
			return
		}
	}
}

func (s *scanner) document() {
	for {
		s.skipSpace(true)
		if s.pos >= len(s.text) {
			return
		}
		if s.peek() == '[' {
			s.header()
			continue
		}
		start := s.pos
		key := s.key()
		if len(key) == 0 { // not valid TOML after all; stop quietly
			return
		}
		path := append(append([]string(nil), s.table...), key...)
		s.skipSpace(false)
		if s.peek() == '=' {
			s.pos++
		}
		s.skipSpace(false)
		s.value(path, start)
		if s.pos == start {
			s.pos++ // never loop forever on unexpected input
		}
	}
}

func (s *scanner) header() {
	start := s.pos
	array := strings.HasPrefix(s.text[s.pos:], "[[")
	if array {
		s.pos += 2
	} else {
		s.pos++
	}
	s.skipSpace(false)
	key := s.resolve(s.key())
	for s.pos < len(s.text) && s.text[s.pos] != '\n' {
		s.pos++
	}
	if array {
		name := joinPath(key)
		n := s.arrays[name]
		s.arrays[name] = n + 1
		s.record(key, start, start)
		key = append(key, strconv.Itoa(n))
		// Nested arrays of tables restart their numbering under each new
		// parent entry.
		for k := range s.arrays {
			if strings.HasPrefix(k, name+"\x00") {
				delete(s.arrays, k)
			}
		}
	}
	s.table = key
	s.record(key, start, start)
}

// resolve inserts the current index after every prefix of a header's key
// that names an array of tables: in TOML, [[dataset.column]] adds to the
// column array of the LAST [[dataset]] entry, so its path is
// dataset.N.column, not dataset.column.
func (s *scanner) resolve(key []string) []string {
	var out []string
	for i, seg := range key {
		out = append(out, seg)
		if i == len(key)-1 {
			break
		}
		if n, ok := s.arrays[joinPath(out)]; ok && n > 0 {
			out = append(out, strconv.Itoa(n-1))
		}
	}
	return out
}

// key reads a possibly dotted key made of bare or quoted segments.
func (s *scanner) key() []string {
	var segs []string
	for {
		s.skipSpace(false)
		switch c := s.peek(); {
		case c == '"' || c == '\'':
			segs = append(segs, s.quoted())
		case isBare(c):
			start := s.pos
			for s.pos < len(s.text) && isBare(s.text[s.pos]) {
				s.pos++
			}
			segs = append(segs, s.text[start:s.pos])
		default:
			return segs
		}
		s.skipSpace(false)
		if s.peek() != '.' {
			return segs
		}
		s.pos++
	}
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// quoted reads a one-line basic or literal string and returns its value.
func (s *scanner) quoted() string {
	q := s.text[s.pos]
	s.pos++
	var b strings.Builder
	for s.pos < len(s.text) && s.text[s.pos] != q && s.text[s.pos] != '\n' {
		if q == '"' && s.text[s.pos] == '\\' && s.pos+1 < len(s.text) {
			start := s.pos
			s.pos += 2
			if v, err := strconv.Unquote(`"` + s.text[start:s.pos] + `"`); err == nil {
				b.WriteString(v)
			}
			continue
		}
		b.WriteByte(s.text[s.pos])
		s.pos++
	}
	s.pos++ // closing quote
	return b.String()
}

func (s *scanner) record(path []string, key, value int) {
	name := joinPath(path)
	if _, ok := s.idx[name]; !ok {
		s.idx[name] = span{key: s.base + key, value: s.base + value}
	}
}

// maxIndexDepth is how deeply nested a key or element may be and still be
// indexed. Every element's path repeats its parents', so indexing 200,000
// nested brackets (a few hundred kilobytes of front matter) would need tens
// of gigabytes; no diagnostic points that deep.
const maxIndexDepth = 64

// value skips one value, recording the positions of the keys and elements
// nested inside inline tables and arrays.
func (s *scanner) value(path []string, keyStart int) {
	if len(path) > maxIndexDepth {
		s.skip()
		return
	}
	s.record(path, keyStart, s.pos)
	switch c := s.peek(); c {
	case '"', '\'':
		s.str()
	case '[':
		s.pos++
		for i := 0; ; i++ {
			s.skipSpace(true)
			if s.peek() == ']' || s.pos >= len(s.text) {
				s.pos++
				return
			}
			elem := append(append([]string(nil), path...), strconv.Itoa(i))
			s.value(elem, s.pos)
			s.skipSpace(true)
			if s.peek() == ',' {
				s.pos++
			}
		}
	case '{':
		s.pos++
		for {
			s.skipSpace(false)
			if s.peek() == '}' || s.pos >= len(s.text) {
				s.pos++
				return
			}
			start := s.pos
			key := s.key()
			if len(key) == 0 {
				s.pos++
				continue
			}
			s.skipSpace(false)
			if s.peek() == '=' {
				s.pos++
			}
			s.skipSpace(false)
			s.value(append(append([]string(nil), path...), key...), start)
			s.skipSpace(false)
			if s.peek() == ',' {
				s.pos++
			}
		}
	default:
		for s.pos < len(s.text) {
			switch s.text[s.pos] {
			case ',', ']', '}', '\n', '#':
				return
			}
			s.pos++
		}
	}
}

// skip passes over one value, however deeply nested, without recording
// anything and without recursion.
func (s *scanner) skip() {
	depth := 0
	for s.pos < len(s.text) {
		switch c := s.text[s.pos]; c {
		case '"', '\'':
			s.str()
			if depth == 0 {
				return
			}
			continue
		case '#':
			if depth == 0 {
				return
			}
			for s.pos < len(s.text) && s.text[s.pos] != '\n' {
				s.pos++
			}
			continue
		case '[', '{':
			depth++
		case ']', '}':
			if depth == 0 {
				return
			}
			depth--
			if depth == 0 {
				s.pos++
				return
			}
		case ',', '\n':
			if depth == 0 {
				return
			}
		}
		s.pos++
	}
}

// str skips a basic, literal or multi-line string.
func (s *scanner) str() {
	q := s.text[s.pos]
	if strings.HasPrefix(s.text[s.pos:], strings.Repeat(string(q), 3)) {
		s.pos += 3
		for s.pos < len(s.text) {
			if q == '"' && s.text[s.pos] == '\\' {
				s.pos += 2
				continue
			}
			if strings.HasPrefix(s.text[s.pos:], strings.Repeat(string(q), 3)) {
				s.pos += 3
				// Up to two more quotes may belong to the string's content.
				for i := 0; i < 2 && s.peek() == q; i++ {
					s.pos++
				}
				return
			}
			s.pos++
		}
		return
	}
	s.quoted()
}
