package content

import (
	"bytes"
	"fmt"
)

// Parts locates the front matter and body of a content file. All offsets are
// byte offsets into the file as read, so positions stay the file's own.
type Parts struct {
	// FrontStart and FrontEnd delimit the TOML between the "+++" lines
	// (empty when the file has no front matter).
	FrontStart, FrontEnd int
	// BodyStart is where the Markdown body starts.
	BodyStart int
	// HasFront reports whether the file starts with a "+++" line.
	HasFront bool
}

// SplitError is a problem with the "+++" lines, at a byte offset.
type SplitError struct {
	Offset int
	Msg    string
	Hint   string
}

func (e *SplitError) Error() string { return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg) }

var bom = []byte("\xef\xbb\xbf")

// Split finds the TOML front matter of a content file: the lines between a
// first line "+++" and the next line that is exactly "+++" (trailing spaces
// and a CR before the newline are allowed). A UTF-8 byte-order mark is
// skipped. A file that does not start with "+++" has no front matter and its
// whole text is the body. Split never reads past len(text) and does not
// allocate.
func Split(text []byte) (Parts, *SplitError) {
	start := 0
	if bytes.HasPrefix(text, bom) {
		start = len(bom)
	}
	first, next := line(text, start)
	switch {
	case isDelimiter(first, "+++"):
	case isDelimiter(first, "---"):
		return Parts{}, &SplitError{Offset: start, Msg: "front matter must be TOML between +++ lines, not YAML between --- lines",
			Hint: "change the two --- lines to +++ and write each setting as key = \"value\""}
	default:
		return Parts{BodyStart: start}, nil
	}
	frontStart := next
	for pos := next; pos < len(text); {
		l, after := line(text, pos)
		if isDelimiter(l, "+++") {
			return Parts{FrontStart: frontStart, FrontEnd: pos, BodyStart: after, HasFront: true}, nil
		}
		pos = after
	}
	return Parts{}, &SplitError{Offset: start, Msg: "the front matter is not closed: no second +++ line",
		Hint: "the settings at the top of the file go between two lines that each hold only +++"}
}

// line returns the line starting at pos without its line ending, and the
// offset of the next line.
func line(text []byte, pos int) ([]byte, int) {
	if pos >= len(text) {
		return nil, len(text)
	}
	i := bytes.IndexByte(text[pos:], '\n')
	if i < 0 {
		return text[pos:], len(text)
	}
	return text[pos : pos+i], pos + i + 1
}

func isDelimiter(l []byte, delim string) bool {
	l = bytes.TrimRight(l, " \t\r")
	return string(l) == delim
}

// OpenString returns the offset in front (the text between the "+++"
// lines) of a multi-line string (three double or three single quotes)
// that is still open where the front matter ends, and its quotes; ok is
// false when every string is closed. Split ends the front matter at the first line that is exactly
// "+++", as Hugo does, even inside such a string: a line "+++" in a
// multi-line description then cuts the description off, and TOML's own
// complaint ("unexpected EOF") says nothing of why. Comments and
// one-line strings are skipped, so quotes inside them do not count.
func OpenString(front []byte) (offset int, quotes string, ok bool) {
	for i := 0; i < len(front); i++ {
		switch c := front[i]; c {
		case '#':
			for i < len(front) && front[i] != '\n' {
				i++
			}
		case '"', '\'':
			q := string([]byte{c, c, c})
			if bytes.HasPrefix(front[i:], []byte(q)) {
				end := closing(front, i+3, c, true)
				if end < 0 {
					return i, q, true
				}
				i = end + 2
				continue
			}
			if end := closing(front, i+1, c, false); end >= 0 {
				i = end
			} else {
				// A one-line string left open: TOML says so at its line.
				for i < len(front) && front[i] != '\n' {
					i++
				}
			}
		}
	}
	return 0, "", false
}

// closing returns the offset of the quote that closes a string of quote
// c starting at from (the first of three quotes for a multi-line one), or
// -1. Basic strings (") have backslash escapes; literal ones (') do not.
// A one-line string ends at the end of its line.
func closing(text []byte, from int, c byte, multi bool) int {
	for i := from; i < len(text); i++ {
		switch {
		case text[i] == '\\' && c == '"':
			i++
		case text[i] == '\n' && !multi:
			return -1
		case text[i] == c && (!multi || bytes.HasPrefix(text[i:], []byte{c, c, c})):
			return i
		}
	}
	return -1
}
