package tomldecode

import (
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// Most front matter is a few lines of `key = value`: a title, a
// description, a date, a weight, a list of tags. quick reads exactly that
// much TOML itself, for the thousands of pages of a site, and gives up on
// anything else (a table, a dotted or quoted key, an escape, a float, a
// date-time, a value over several lines, a duplicate key, a control
// character), which BurntSushi/toml then reads as before. So every
// document quick reads is valid TOML and decodes to the very same values
// (FuzzQuick checks both), and every error still comes from the full
// parser, with its position and wording.

// quick parses text as a table of simple keys and values, or reports
// false.
func quick(text string) (map[string]any, bool) {
	raw := make(map[string]any, 8)
	for i := 0; i < len(text); {
		i = skipBlank(text, i)
		if i >= len(text) {
			break
		}
		switch c := text[i]; {
		case c == '\n':
			i++
			continue
		case c == '#':
			end, ok := commentEnd(text, i)
			if !ok {
				return nil, false
			}
			i = end
			continue
		case !isBare(c):
			return nil, false // a table header, a quoted key, or not TOML
		}
		start := i
		for i < len(text) && isBare(text[i]) {
			i++
		}
		key := text[start:i]
		if i = skipBlank(text, i); i >= len(text) || text[i] != '=' {
			return nil, false // a dotted key, or not TOML
		}
		if _, dup := raw[key]; dup {
			return nil, false
		}
		v, end, ok := quickValue(text, skipBlank(text, i+1), true)
		if !ok {
			return nil, false
		}
		raw[key] = v
		// The rest of the line: blanks, then a comment or the end.
		i = skipBlank(text, end)
		switch {
		case i >= len(text):
		case text[i] == '\n':
			i++
		case text[i] == '#':
			if i, ok = commentEnd(text, i); !ok {
				return nil, false
			}
		default:
			return nil, false
		}
	}
	return raw, true
}

// quickValue reads a value at text[i]: a one-line string without escapes,
// a decimal integer, true or false, a date (YYYY-MM-DD), or (if list) a
// one-line list of those. It returns the value and the offset after it.
func quickValue(text string, i int, list bool) (any, int, bool) {
	if i >= len(text) {
		return nil, 0, false
	}
	switch c := text[i]; {
	case c == '"' || c == '\'':
		return quickString(text, i)
	case c == '[' && list:
		return quickList(text, i)
	case c == 't' || c == 'f':
		for _, word := range []string{"true", "false"} {
			if len(text)-i >= len(word) && text[i:i+len(word)] == word && ends(text, i+len(word)) {
				return word == "true", i + len(word), true
			}
		}
	case c >= '0' && c <= '9' || c == '+' || c == '-':
		if d, end, ok := quickDate(text, i); ok {
			return d, end, true
		}
		return quickInt(text, i)
	}
	return nil, 0, false
}

// quickString reads a basic or literal string on one line, without
// escapes (a backslash in a basic string gives up).
func quickString(text string, i int) (any, int, bool) {
	q := text[i]
	for j := i + 1; j < len(text); j++ {
		switch c := text[j]; {
		case c == q:
			if j == i+1 && j+1 < len(text) && text[j+1] == q {
				return nil, 0, false // """ or ''': a multi-line string
			}
			s := text[i+1 : j]
			if !utf8.ValidString(s) {
				return nil, 0, false
			}
			return s, j + 1, true
		case c == '\\' && q == '"', c < ' ' && c != '\t', c == 0x7f:
			return nil, 0, false
		}
	}
	return nil, 0, false // not closed on its line
}

// quickInt reads a decimal integer: an optional sign, then digits without
// underscores or a leading zero.
func quickInt(text string, i int) (any, int, bool) {
	j := i
	if text[j] == '+' || text[j] == '-' {
		j++
	}
	k := j
	for k < len(text) && text[k] >= '0' && text[k] <= '9' {
		k++
	}
	if k == j || (text[j] == '0' && k-j > 1) || !ends(text, k) {
		return nil, 0, false
	}
	n, err := strconv.ParseInt(text[i:k], 10, 64)
	if err != nil {
		return nil, 0, false
	}
	return n, k, true
}

// quickDate reads a local date, YYYY-MM-DD, that is a real day, and not
// followed by a time (which quick leaves to the full parser).
func quickDate(text string, i int) (any, int, bool) {
	const layout = "0000-00-00"
	end := i + len(layout)
	if end > len(text) || !ends(text, end) {
		return nil, 0, false
	}
	var n [3]int
	field := 0
	for k := range len(layout) {
		c := text[i+k]
		if layout[k] == '-' {
			if c != '-' {
				return nil, 0, false
			}
			field++
			continue
		}
		if c < '0' || c > '9' {
			return nil, 0, false
		}
		n[field] = n[field]*10 + int(c-'0')
	}
	// A date followed by blanks and a digit is a date and time ("2024-06-01
	// 09:30:00").
	if j := skipBlank(text, end); j < len(text) && text[j] >= '0' && text[j] <= '9' {
		return nil, 0, false
	}
	year, month, day := n[0], time.Month(n[1]), n[2]
	t := time.Date(year, month, day, 0, 0, 0, 0, localDate())
	if month < 1 || month > 12 || t.Day() != day || t.Month() != month {
		return nil, 0, false
	}
	return t, end, true
}

// quickList reads a list on one line of strings, integers, booleans and
// dates.
func quickList(text string, i int) (any, int, bool) {
	list := make([]any, 0, 2) // as BurntSushi/toml makes them: never nil
	i = skipBlank(text, i+1)
	for {
		if i >= len(text) {
			return nil, 0, false
		}
		if text[i] == ']' {
			return list, i + 1, true
		}
		v, end, ok := quickValue(text, i, false)
		if !ok {
			return nil, 0, false
		}
		list = append(list, v)
		i = skipBlank(text, end)
		switch {
		case i < len(text) && text[i] == ',':
			i = skipBlank(text, i+1)
		case i < len(text) && text[i] == ']':
		default:
			return nil, 0, false
		}
	}
}

// ends reports whether a bare value (a number, a boolean, a date) may end
// before text[i].
func ends(text string, i int) bool {
	if i >= len(text) {
		return true
	}
	switch text[i] {
	case ' ', '\t', '\n', '#', ',', ']':
		return true
	}
	return false
}

func skipBlank(text string, i int) int {
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	return i
}

// commentEnd returns the offset after the comment at text[i] and its
// line's end, or false if it holds a character TOML does not allow in a
// comment.
func commentEnd(text string, i int) (int, bool) {
	for j := i; j < len(text); j++ {
		switch c := text[j]; {
		case c == '\n':
			return j + 1, utf8.ValidString(text[i:j])
		case c < ' ' && c != '\t', c == 0x7f:
			return 0, false
		}
	}
	return len(text), utf8.ValidString(text[i:])
}

// localDate is the time zone BurntSushi/toml gives a local date, so that
// quick's dates are the same values as its own: asked of it once.
var localDate = sync.OnceValue(func() *time.Location {
	raw := map[string]any{}
	if _, err := toml.Decode("d = 2000-01-01", &raw); err != nil {
		panic("tomldecode: BurntSushi/toml cannot read a date: " + err.Error())
	}
	return raw["d"].(time.Time).Location()
})
