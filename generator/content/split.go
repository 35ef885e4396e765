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
