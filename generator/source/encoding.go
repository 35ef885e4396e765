package source

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/plinth-ssg/plinth/generator/diag"
	"golang.org/x/text/encoding/charmap"
)

// SaveAsUTF8 is the hint for a text file that is not UTF-8.
const SaveAsUTF8 = "save the file as UTF-8 (in most editors: Save As, then choose the UTF-8 encoding; in Notepad, the Encoding list beside the Save button)"

// NotUTF8 reports a text file (src.Text[start:end]) that is not UTF-8,
// which every file the build reads as text must be, naming the encoding
// Windows programs most often save in instead:
//
//   - UTF-16 ("Unicode" in Notepad and Excel), known by its byte-order
//     mark or by a zero byte beside the first character, is reported at
//     the file's start, naming the byte order;
//   - any other byte that is not UTF-8 is reported at its line and
//     column, and when it is a character of Windows-1252 (the "ANSI" of
//     Western European Windows: smart quotes, é, £) the message names the
//     character, and the line is echoed as that editor shows it, not as
//     replacement characters.
//
// The diagnostic carries SaveAsUTF8 as its hint; a caller with better
// advice (Excel's Save As for a CSV file) replaces it.
func NotUTF8(src *diag.Source, start, end int) (diag.Diagnostic, bool) {
	text := src.Text[start:end]
	if enc := utf16(text); enc != "" {
		// Its first line, read as UTF-8, would be invisible characters.
		return diag.Errorf(src.Pos(start), "this file is saved as %s text, not UTF-8", enc).WithHint(SaveAsUTF8), true
	}
	off := firstInvalid(text)
	if off < 0 {
		return diag.Diagnostic{}, false
	}
	at := src.Pos(start + off)
	b := text[off]
	d := diag.Errorf(at, "this file is not saved as UTF-8: the byte 0x%02X here is not a UTF-8 character", b)
	if r := charmap.Windows1252.DecodeByte(b); r != utf8.RuneError {
		d = diag.Errorf(at, "this file is not saved as UTF-8: the character here is %s in the Windows-1252 (\"ANSI\") encoding that older Windows programs save in, which the build does not read", quoteRune(r))
	}
	return d.WithLine(asWindows1252(src.Line(at.Line))).WithHint(SaveAsUTF8), true
}

// utf16 names the UTF-16 byte order of text, or returns "".
func utf16(text []byte) string {
	switch {
	case bytes.HasPrefix(text, []byte{0xFF, 0xFE}):
		return "UTF-16 (little-endian)"
	case bytes.HasPrefix(text, []byte{0xFE, 0xFF}):
		return "UTF-16 (big-endian)"
	case zeroHalf(text, 1):
		return "UTF-16 (little-endian)"
	case zeroHalf(text, 0):
		return "UTF-16 (big-endian)"
	}
	return ""
}

// zeroHalf reports whether text starts like UTF-16 without a byte-order
// mark: a zero beside its first character, and zeros in at least three in
// four of the bytes at the same side of each pair of its first 64 bytes
// (Latin text in UTF-16 has a zero in every pair). A binary file that
// happens to start with a zero is not taken for UTF-16.
func zeroHalf(text []byte, side int) bool {
	if len(text) < 2 || text[side] != 0 || text[1-side] == 0 {
		return false
	}
	n, zeros := 0, 0
	for i := side; i < min(len(text), 64); i += 2 {
		n++
		if text[i] == 0 {
			zeros++
		}
	}
	return zeros*4 >= n*3
}

// firstInvalid returns the offset of the first byte of text that does not
// start a UTF-8 character, or -1.
func firstInvalid(text []byte) int {
	if utf8.Valid(text) {
		return -1
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRune(text[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

// asWindows1252 returns line with each byte that is not UTF-8 read as
// Windows-1252, as the editor that saved it shows it. Each such byte
// becomes one character, so the columns (counted in characters, each
// invalid byte counting as one) still match.
func asWindows1252(line string) string {
	if utf8.ValidString(line) {
		return line
	}
	var b strings.Builder
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRuneInString(line[i:])
		if r == utf8.RuneError && size <= 1 {
			r = charmap.Windows1252.DecodeByte(line[i])
		}
		b.WriteRune(r)
		i += size
	}
	return b.String()
}

// quoteRune names a character for a message: a letter or mark in quotes,
// a space by its name.
func quoteRune(r rune) string {
	if r == 0xA0 {
		return "a no-break space"
	}
	return fmt.Sprintf("%q", string(r))
}
