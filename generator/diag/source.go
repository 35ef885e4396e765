package diag

import (
	"bytes"
	"sort"
	"sync"
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
	// last is where the last position was found, so that the next on
	// the same line counts its column from there (nil in a Source not
	// made by NewSource).
	last *lastPos
}

// lastPos is a position found in a Source and its byte offset. A column
// is a count of characters from the start of the line, so finding the
// columns of many problems along one long line (a front-matter list of
// thousands of entries, a pasted page of thousands of links) one by one
// from the start took time growing with their number times the line's
// length; counted on from the last, they take the line's length once.
// Positions are found in parallel stages, so a mutex guards it.
type lastPos struct {
	mu             sync.Mutex
	line, col, off int
	walked         int // bytes counted, for the tests
}

// from returns where to count the column of the byte offset off on the
// 0-based line that starts at start: the last position found, when it is
// on that line at or before off, else the line's start.
func (s *Source) from(line, start, off int) (at, col int) {
	if s.last == nil {
		return start, 1
	}
	s.last.mu.Lock()
	defer s.last.mu.Unlock()
	if s.last.line == line && s.last.off >= start && s.last.off <= off && s.last.off <= len(s.Text) {
		return s.last.off, s.last.col
	}
	return start, 1
}

// found records that the byte offset off, on the 0-based line, is at
// column col, after counting walked bytes to find it.
func (s *Source) found(line, col, off, walked int) {
	if s.last == nil {
		return
	}
	s.last.mu.Lock()
	s.last.line, s.last.col, s.last.off = line, col, off
	s.last.walked += walked
	s.last.mu.Unlock()
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
	return &Source{Name: name, Text: text, lineStarts: starts, last: &lastPos{line: -1}}
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
	at, col := s.from(line, s.lineStarts[line], offset)
	col += runeCount(s.Text[at:offset])
	s.found(line, col, offset, offset-at)
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
	return Errorf(p, format, args...).WithSourceLine(s)
}

// At returns an error diagnostic at pos (which must be in this source) with
// the source line attached.
func (s *Source) At(pos Pos, format string, args ...any) Diagnostic {
	return Errorf(pos, format, args...).WithSourceLine(s)
}

// WithSourceLine is WithLine(s.Line(d.Pos.Line)) without copying the
// line: of a long line it copies only the part WithLine keeps, found from
// the last position found in s when d is on its line (d.Pos is in s).
func (d Diagnostic) WithSourceLine(s *Source) Diagnostic {
	start, end := s.lineBounds(d.Pos.Line)
	if end-start <= maxLineKept {
		return d.WithLine(string(s.Text[start:end]))
	}
	at, col := start, 1 // the byte offset of the column, counted from col at at
	if d.Pos.Col > 1 {
		at, col = s.from(d.Pos.Line-1, start, end)
		if col > d.Pos.Col {
			at, col = start, 1
		}
		from := at
		for at < end && col < d.Pos.Col {
			_, n := utf8.DecodeRune(s.Text[at:end])
			at += n
			col++
		}
		s.found(d.Pos.Line-1, col, at, at-from)
	}
	// clipAt keeps less than maxLineKept bytes either side of at (and
	// looks at most 3 bytes further for a character's start), so a
	// window of a little more either side clips as the whole line would.
	from := max(start, at-maxLineKept-4)
	d.LineText, d.lineCol = clipAt(string(s.Text[from:min(end, at+maxLineKept+4)]), at-from)
	return d
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
	if s.last != nil {
		s.found(-1, 0, 0, 0)
	}
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

// runeCount is utf8.RuneCount without its copy: RuneCount (Go 1.26)
// converts the bytes from the first that is not ASCII to a string to count
// them, so finding a column on a long line that is not all ASCII copied
// the line up to it, each time.
func runeCount(p []byte) int {
	n := 0
	for i := 0; i < len(p); n++ {
		if p[i] < utf8.RuneSelf {
			i++
			continue
		}
		_, size := utf8.DecodeRune(p[i:])
		i += size
	}
	return n
}
