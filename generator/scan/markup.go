package scan

import (
	"bytes"
	"unicode/utf8"
)

// Inline HTML elements sit inside a run of text: a tag of one of these is
// removed without a word break, so that a name split by formatting
// ("North<b>wick</b>") is still found. Every other tag is a word break
// ("<td>North</td><td>wick</td>" is two words). See tagKind.

// markup reads HTML or XML: text goes to main; attribute values, comments
// and the contents of <script> and <style> go to side, so that they never
// join the words around them.
func markup(main, side *text, data []byte) {
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf && c != '<' && c != '&' {
			main.ascii(c, i)
			i++
			continue
		}
		switch c {
		case '<':
			if j := tag(main, side, data, i); j > i {
				i = j
				continue
			}
		case '&':
			if j := main.entity(data, i, 0); j > i {
				i = j
				continue
			}
		}
		r, size := utf8.DecodeRune(data[i:])
		main.emit(r, i)
		i += size
	}
}

// tag reads the markup starting at data[i] ('<') and returns the offset
// after it, or i if it is not markup (as in "a < b").
func tag(main, side *text, data []byte, i int) int {
	rest := data[i:]
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		end := indexFrom(data, i+4, "-->")
		side.plain(data[i+4:end], i+4)
		side.brk(end)
		return min(end+3, len(data))
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		end := indexFrom(data, i+9, "]]>")
		main.brk(i)
		for k := i + 9; k < end; {
			r, size := utf8.DecodeRune(data[k:])
			main.emit(r, k)
			k += size
		}
		main.brk(end)
		return min(end+3, len(data))
	case len(rest) > 1 && (rest[1] == '!' || rest[1] == '?'):
		return skipTo(data, i, '>') // doctype, processing instruction
	}
	j := i + 1
	closing := j < len(data) && data[j] == '/'
	if closing {
		j++
	}
	if j >= len(data) || !isLetter(data[j]) {
		return i
	}
	start := j
	for j < len(data) && (isLetter(data[j]) || isDigit(data[j]) || data[j] == '-' || data[j] == ':') {
		j++
	}
	name := data[start:j]
	kind := tagKind(name)
	if kind != tagInline {
		main.brk(i)
	}
	j = attributes(side, data, j)
	if closing || (kind != tagScript && kind != tagStyle) {
		return j
	}
	// Raw text: everything up to the closing tag is script or style.
	end := indexFold(data, j, "</"+string(name))
	if kind == tagScript {
		side.script(data[j:end], j)
	} else {
		side.plain(data[j:end], j)
	}
	side.brk(end)
	return end
}

// attributes reads a tag's attributes from data[j] to its '>', writing
// each value to side, and returns the offset after the tag.
func attributes(side *text, data []byte, j int) int {
	for j < len(data) {
		switch c := data[j]; {
		case c == '>':
			return j + 1
		case c == '=':
			j++
			for j < len(data) && isSpace(data[j]) {
				j++
			}
			if j >= len(data) {
				return j
			}
			var end int
			if q := data[j]; q == '"' || q == '\'' {
				end = indexFrom(data, j+1, string(q))
				side.attribute(data[j+1:end], j+1)
				j = min(end+1, len(data))
			} else {
				end = j
				for end < len(data) && !isSpace(data[end]) && data[end] != '>' {
					end++
				}
				side.attribute(data[j:end], j)
				j = end
			}
			side.brk(j)
		default:
			j++ // attribute names, spaces and slashes
		}
	}
	return j
}

// How a tag affects the text around it.
const (
	tagBreak  = iota // a word break
	tagInline        // nothing: the text runs on
	tagScript        // a word break, then script until </script>
	tagStyle         // a word break, then CSS until </style>
)

// tagKind classifies a tag by its name, ignoring case, without allocating
// (the compiler turns string(bytes) in a switch into a view).
func tagKind(name []byte) int {
	var buf [8]byte
	if len(name) > len(buf) {
		return tagBreak
	}
	for i, c := range name {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	switch string(buf[:len(name)]) {
	case "script":
		return tagScript
	case "style":
		return tagStyle
	case "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins",
		"kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr":
		return tagInline
	}
	return tagBreak
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isSpace(c byte) bool  { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' }

// indexFrom returns the offset of s in data at or after from, or len(data).
func indexFrom(data []byte, from int, s string) int {
	if from > len(data) {
		return len(data)
	}
	if k := bytes.Index(data[from:], []byte(s)); k >= 0 {
		return from + k
	}
	return len(data)
}

// indexFold is indexFrom ignoring ASCII case.
func indexFold(data []byte, from int, s string) int {
	for k := from; k+len(s) <= len(data); k++ {
		if data[k] == '<' && bytes.EqualFold(data[k:k+len(s)], []byte(s)) {
			return k
		}
	}
	return len(data)
}

func skipTo(data []byte, i int, c byte) int {
	if k := bytes.IndexByte(data[i:], c); k >= 0 {
		return i + k + 1
	}
	return len(data)
}
