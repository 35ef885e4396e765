package diag

import (
	"bytes"
	"sort"
	"unicode/utf8"
)

// bom is the UTF-8 byte-order mark that Windows editors (Notepad, Excel's
// "CSV UTF-8") put at the start of a file. It is invisible in the editor,
// so it counts for no column and is never quoted.
var bom = []byte{0xEF, 0xBB, 0xBF}

// SkipBOM returns the number of bytes of a byte-order mark at the start of
// text: 3 or 0. Parsers start after it, so that a file saved by a Windows
// editor reads exactly like the same file without it.
func SkipBOM(text []byte) int {
	if bytes.HasPrefix(text, bom) {
		return len(bom)
	}
	return 0
}

// Source is the text of one input file, indexed by line so that byte offsets
// can be turned into positions only when a problem is reported (the esbuild
// habit: keep offsets, convert late).
type Source struct {
	// Name is the slash-separated path relative to the site's source folder.
	Name string
	// Text is the file's content.
	Text []byte
	// lineStarts holds the byte offset at which each line starts; the first
	// line starts after a byte-order mark.
	lineStarts []int
}

// NewSource indexes text by line. Every page and data file is indexed,
// so it counts the lines first (bytes.Count and IndexByte run several
// bytes at a time) and allocates once.
func NewSource(name string, text []byte) *Source {
	starts := make([]int, 1, bytes.Count(text, []byte{'\n'})+1)
	starts[0] = SkipBOM(text)
	for i := 0; ; {
		k := bytes.IndexByte(text[i:], '\n')
		if k < 0 {
			break
		}
		i += k + 1
		starts = append(starts, i)
	}
	return &Source{Name: name, Text: text, lineStarts: starts}
}

// Pos converts a byte offset in s.Text into a position. Offsets past the end
// clamp to the end of the text.
func (s *Source) Pos(offset int) Pos {
	if offset < s.lineStarts[0] {
		offset = s.lineStarts[0]
	}
	if offset > len(s.Text) {
		offset = len(s.Text)
	}
	line := sort.Search(len(s.lineStarts), func(i int) bool { return s.lineStarts[i] > offset }) - 1
	start := s.lineStarts[line]
	col := utf8.RuneCount(s.Text[start:offset]) + 1
	return Pos{File: s.Name, Line: line + 1, Col: col}
}

// LineCol returns the position of a 1-based line and 1-based byte column.
// The column is converted to characters.
func (s *Source) LineCol(line, byteCol int) Pos {
	if line < 1 || line > len(s.lineStarts) {
		return Pos{File: s.Name, Line: line, Col: byteCol}
	}
	start := s.lineStarts[line-1]
	if byteCol < 1 {
		return Pos{File: s.Name, Line: line}
	}
	return s.Pos(start + byteCol - 1)
}

// LineStart returns the byte offset at which the 1-based line starts.
func (s *Source) LineStart(line int) int {
	if line < 1 {
		return s.lineStarts[0]
	}
	if line > len(s.lineStarts) {
		return len(s.Text)
	}
	return s.lineStarts[line-1]
}

// LineLen returns the length in bytes of the 1-based line n without its
// line ending, or 0 if n is out of range; unlike len(s.Line(n)), it copies
// nothing.
func (s *Source) LineLen(n int) int {
	start, end := s.lineBounds(n)
	return end - start
}

// Line returns the text of the 1-based line n without its line ending, or ""
// if n is out of range.
func (s *Source) Line(n int) string {
	start, end := s.lineBounds(n)
	return string(s.Text[start:end])
}

// lineBounds returns the byte range of the 1-based line n without its line
// ending (CRLF or LF), or an empty range if n is out of range.
func (s *Source) lineBounds(n int) (start, end int) {
	if n < 1 || n > len(s.lineStarts) {
		return 0, 0
	}
	start = s.lineStarts[n-1]
	end = len(s.Text)
	if n < len(s.lineStarts) {
		end = s.lineStarts[n] - 1
	}
	if end > start && s.Text[end-1] == '\r' {
		end--
	}
	return start, max(end, start)
}

// Errorf returns an error diagnostic at the byte offset, with the source line
// attached.
func (s *Source) Errorf(offset int, format string, args ...any) Diagnostic {
	p := s.Pos(offset)
	return Errorf(p, format, args...).WithLine(s.Line(p.Line))
}

// At returns an error diagnostic at pos (which must be in this source) with
// the source line attached.
func (s *Source) At(pos Pos, format string, args ...any) Diagnostic {
	return Errorf(pos, format, args...).WithLine(s.Line(pos.Line))
}

// Keep cuts the text to its first n bytes, copied, and forgets the lines
// after them, so that the rest of a large file can be freed once nothing
// needs positions in it (a build keeps a page's front matter for later
// diagnostics, but not the body it has converted). Offsets past n then
// clamp to n: whoever needs the rest must read the file again.
func (s *Source) Keep(n int) {
	if n < 0 || n >= len(s.Text) {
		return
	}
	s.Text = bytes.Clone(s.Text[:n])
	lines := sort.SearchInts(s.lineStarts, n+1)
	s.lineStarts = append([]int(nil), s.lineStarts[:max(lines, 1)]...)
}

// Restore gives a source that Keep cut the whole text of its file again,
// read anew: positions in the rest are then found as before the cut. It
// reports false, changing nothing, when text does not begin with what was
// kept: the file has changed since, and positions found before would not
// match it.
func (s *Source) Restore(text []byte) bool {
	if !bytes.HasPrefix(text, s.Text) {
		return false
	}
	*s = *NewSource(s.Name, text)
	return true
}
