package diag

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// DefaultLimit is how many diagnostics Print shows before summarising the
// rest: enough to fix a bad edit, few enough to read.
const DefaultLimit = 50

// Print writes the list to w, sorted, with the knock-ons of each cause
// folded into one entry (see Because), at most limit entries (limit <= 0
// means DefaultLimit) and beyond them the first error of each file not yet
// shown (of limit files at most), followed by a count of those left out. Each entry is the
// "file:line:col: message" line, then the offending source line with a
// caret under the column, then the hint.
func Print(w io.Writer, l List, limit int) {
	if limit <= 0 {
		limit = DefaultLimit
	}
	l = append(List(nil), l...)
	l.Sort()
	l = fold(l)
	shown, files := capped(l, limit)
	var b strings.Builder
	for _, d := range shown {
		writeOne(&b, d)
	}
	switch rest := len(l) - len(shown); {
	case files > 0:
		fmt.Fprintf(&b, "... and %s more problems not shown, in %s more files with errors; fix these first and build again.\n", thousands(rest), thousands(files))
	case rest > 0:
		fmt.Fprintf(&b, "... and %d more problems not shown; fix these first and build again.\n", rest)
	}
	io.WriteString(w, b.String())
}

func writeOne(b *strings.Builder, d Diagnostic) {
	// The file name is escaped more strictly than the message: a tab or
	// a line break in a file's name would break the "file:line:col:"
	// line that editors and CI jump from.
	d.Pos.File = fileNameLine.Replace(d.Pos.File)
	b.WriteString(shorten(printable(d.Error())))
	b.WriteByte('\n')
	if d.LineText != "" && d.Pos.Line > 0 {
		num := fmt.Sprint(d.Pos.Line)
		col := d.Pos.Col
		if d.lineCol > 0 {
			col = d.lineCol
		}
		text, col := printableCol(strings.ReplaceAll(d.LineText, "\t", " "), col)
		text, col = window(text, col)
		fmt.Fprintf(b, "    %s | %s\n", num, text)
		if col > 0 && col <= utf8.RuneCountInString(text)+1 {
			fmt.Fprintf(b, "    %s | %s^\n", strings.Repeat(" ", len(num)), strings.Repeat(" ", col-1))
		}
	}
	if d.Hint != "" {
		for i, line := range strings.Split(printable(d.Hint), "\n") {
			line = shorten(line)
			if i == 0 {
				fmt.Fprintf(b, "  hint: %s\n", line)
			} else {
				fmt.Fprintf(b, "        %s\n", line)
			}
		}
	}
}

// fileNameLine writes the characters printable keeps, but a file name on
// the "file:line:col:" line may not have, as escapes.
var fileNameLine = strings.NewReplacer("\n", `\n`, "\r", `\r`, "\t", `\t`)

// Summary returns a one-line count such as "2 errors, 1 warning".
func Summary(l List) string {
	e, w := l.Count()
	return fmt.Sprintf("%s, %s", plural(e, "error"), plural(w, "warning"))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// maxShown is how many characters of a source line are shown; a longer
// line (minified text, a whole paragraph) is cut to a window around the
// column.
const maxShown = 120

// window returns at most maxShown characters of line around the 1-based
// column col, marked with "…" where cut, and the column within the result.
func window(line string, col int) (string, int) {
	r := []rune(line)
	if len(r) <= maxShown {
		return line, col
	}
	start := 0
	if col > maxShown/2 {
		start = min(col-1-maxShown/2, len(r)-maxShown)
	}
	end := min(start+maxShown, len(r))
	out := string(r[start:end])
	if end < len(r) {
		out += "…"
	}
	if start > 0 {
		return "…" + out, col - start + 1
	}
	return out, col
}

// maxMessage is how many characters of one line of a message or hint are
// printed: a value quoted in a message may be a whole pasted document.
const maxMessage = 400

// shorten cuts a line longer than maxMessage characters in the middle,
// keeping its start (the position and what is wrong) and its end.
func shorten(s string) string {
	if len(s) <= maxMessage || utf8.RuneCountInString(s) <= maxMessage {
		return s
	}
	r := []rune(s)
	return string(r[:maxMessage-80]) + " … " + string(r[len(r)-77:])
}

// Printable returns s for a terminal, each character that could disguise
// or drive it written as a visible escape: what printable does for
// diagnostics, for other output that quotes the site's files (the pages
// due for review, say).
func Printable(s string) string { return printable(s) }

// printable writes each character that could disguise or drive the
// terminal as a visible escape (see escape), so that a hostile file cannot
// send escape sequences through an error message, nor reorder the text
// around a quoted value with bidirectional controls (Trojan Source).
// Newlines and tabs are kept: messages and hints are split into lines.
//
// It also writes the spaces and marks a reader cannot tell from a space or
// from nothing (a no-break space, a soft hyphen, a zero-width joiner) as
// escapes: in a file name or a quoted key they are the whole problem
// ("content/guidance/bad name.md" with a no-break space copied from a
// document), and printed as they are they would look fine.
func printable(s string) string {
	s, _ = escapeCol(s, 0, true)
	return s
}

// printableCol is printable for a source line, also returning where the
// 1-based column col (counted in characters) lands once the characters
// before it are escaped, so that the caret stays under it. The spaces and
// marks that only look like a space or nothing are left as they are: the
// line is the editor's own text, where a no-break space is often meant.
func printableCol(s string, col int) (string, int) {
	return escapeCol(s, col, false)
}

func escapeCol(s string, col int, invisible bool) (string, int) {
	show := func(r rune) string {
		if e := escape(r); e != "" || !invisible {
			return e
		}
		if looksBlank(r) {
			return fmt.Sprintf("\\u%04x", r)
		}
		return ""
	}
	if utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool { return show(r) != "" }) {
		return s, col
	}
	var b strings.Builder
	newCol := col
	i := 0
	for _, r := range s {
		i++
		e := show(r)
		if e == "" {
			b.WriteRune(r)
			continue
		}
		b.WriteString(e)
		if i < col {
			newCol += len(e) - 1
		}
	}
	return b.String(), newCol
}

// looksBlank reports whether r shows as a space, or as nothing, though it
// is not the ordinary space: the no-break and other Unicode spaces, the
// soft hyphen, the zero-width joiners and the word joiner and invisible
// operators, and the Hangul fillers.
func looksBlank(r rune) bool {
	switch {
	case r == 0xa0, r == 0xad, r == 0x115f, r == 0x1160, r == 0x180e,
		r >= 0x2000 && r <= 0x200d, r == 0x202f, r == 0x205f,
		r >= 0x2060 && r <= 0x2064, r == 0x3000, r == 0x3164, r == 0xffa0:
		return true
	}
	return false
}

// Garbles reports whether r garbles text wherever it is shown: a control
// character other than a tab or a line break (C0, DEL, C1), or a
// bidirectional embedding or override (U+202A to U+202E), which turns the
// rest of the line backwards. Text that readers see (titles, names) may
// not hold one; diagnostics show them, and a few more, as escapes. The
// isolates and marks that right-to-left text needs are not among them.
func Garbles(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (r >= 0x7f && r < 0xa0) || (r >= 0x202a && r <= 0x202e)
}

// escape returns how the rune r is shown in a diagnostic, or "" to show it
// as it is: control characters (C0 but newline and tab, DEL, C1, ESC
// included), the bidirectional embedding, override and isolate controls
// and marks, the line and paragraph separators, and the invisible zero
// width space and byte-order mark are written as \x1b or \u202e.
func escape(r rune) string {
	switch {
	case r == '\n' || r == '\t':
		return ""
	case r < 0x20 || r == 0x7f:
		return fmt.Sprintf("\\x%02x", r)
	case r >= 0x80 && r < 0xa0,
		r == 0x061c, r == 0x200b, r == 0x200e, r == 0x200f,
		r >= 0x2028 && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0xfeff:
		return fmt.Sprintf("\\u%04x", r)
	}
	return ""
}
