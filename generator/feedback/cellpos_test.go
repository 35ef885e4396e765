package feedback

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// FuzzCellPos writes a value as the second cell of a CSV row (quoted as a
// spreadsheet would quote it), reads it back with encoding/csv as the
// dataset loader does, and checks that cellPos maps every byte offset of
// the value, as the loader trims it, to the position of that very
// character in the file.
func FuzzCellPos(f *testing.F) {
	for _, s := range []string{"plain", `with "quotes" inside`, "a, comma", "two\nlines", "crlf\r\nline", "  padded  ", "Zoë at Northwick"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, value string) {
		if !utf8.ValidString(value) || strings.Contains(value, "\x00") || strings.Contains(strings.ReplaceAll(value, "\r\n", ""), "\r") {
			return // the loader refuses invalid UTF-8; csv reads a lone \r as a line break
		}
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		if err := w.Write([]string{"YSWD-001", value, "end"}); err != nil {
			return
		}
		w.Flush()
		r := csv.NewReader(bytes.NewReader(b.Bytes()))
		rec, err := r.Read()
		if err != nil || len(rec) != 3 {
			return
		}
		src := diag.NewSource("data/x.csv", b.Bytes())
		line, col := r.FieldPos(1)
		cell := src.LineCol(line, col)
		trimmed := strings.TrimSpace(rec[1])
		for off, want := range trimmed {
			pos := cellPos(src, cell, off)
			at := src.Line(pos.Line)
			got, _ := utf8.DecodeRuneInString(string([]rune(at)[min(pos.Col-1, len([]rune(at))):]))
			if pos.Col-1 >= len([]rune(at)) {
				got = '\n' // the end of a line: a line break inside the value
			}
			if got != want {
				t.Fatalf("value %q: offset %d (%q) maps to %s, which holds %q", value, off, want, pos, got)
			}
		}
	})
}
