package diag

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestManyProblemsOnOneLongLine: problems found one after another along
// one long line (a front-matter list of 20,000 entries, a pasted page of
// links) are placed by counting on from the last, so their columns cost
// the line's length once, not once each; and each quotes the same part of
// the line as WithLine given the whole line would.
func TestManyProblemsOnOneLongLine(t *testing.T) {
	for _, unit := range []string{"x, ", "é, ", "日本, "} {
		t.Run(unit, func(t *testing.T) {
			line := strings.Repeat(unit, 200_000)
			text := "first line\n" + line + "\nlast line\n"
			s := NewSource("a.toml", []byte(text))
			start := len("first line\n")
			const problems = 2000
			var ds []Diagnostic
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			for i := range problems {
				off := start + i*len(line)/problems
				ds = append(ds, s.Errorf(off, "problem %d", i))
			}
			runtime.ReadMemStats(&after)
			if s.last.walked > 2*len(text) {
				t.Errorf("%d problems on a line of %d bytes counted %d bytes to place", problems, len(line), s.last.walked)
			}
			// Each keeps about maxLineKept bytes of the line, not a copy of it.
			if got := after.TotalAlloc - before.TotalAlloc; got > 16*problems*maxLineKept {
				t.Errorf("%d problems on a line of %d bytes allocated %d bytes", problems, len(line), got)
			}
			for i := 0; i < problems; i += 97 { // a sample: the reference costs the line's length each
				d := ds[i]
				off := start + i*len(line)/problems
				wantCol := len([]rune(line[:off-start])) + 1
				want := Errorf(d.Pos, "%s", d.Msg).WithLine(line)
				if d.Pos.Line != 2 || d.Pos.Col != wantCol || d.LineText != want.LineText || d.lineCol != want.lineCol {
					t.Fatalf("problem %d at %s, line col %d, quoting %q; want 2:%d, line col %d, quoting %q",
						i, d.Pos, d.lineCol, short(d.LineText), wantCol, want.lineCol, short(want.LineText))
				}
			}
			// Going back along the line, or to another line, still gives
			// the right place.
			for _, off := range []int{start + 5, 2, start + len(line) - 1, start + 7} {
				want := len([]rune(text[strings.LastIndexByte(text[:off], '\n')+1:off])) + 1
				if p := s.Pos(off); p.Col != want {
					t.Errorf("offset %d: column %d, want %d", off, p.Col, want)
				}
			}
		})
	}
}

// TestRuneCount: runeCount counts as utf8.RuneCount does, broken bytes
// one each, without allocating.
func TestRuneCount(t *testing.T) {
	texts := []string{"", "ascii", "é", "日本語 and ascii", "\xff\xfe broken", "a\xe6\x97", strings.Repeat("é", 1000)}
	for _, text := range texts {
		if got, want := runeCount([]byte(text)), utf8.RuneCountInString(text); got != want {
			t.Errorf("runeCount(%q) = %d, want %d", text, got, want)
		}
	}
	long := []byte(strings.Repeat("日本語", 10000))
	if n := testing.AllocsPerRun(10, func() { runeCount(long) }); n != 0 {
		t.Errorf("runeCount allocated %v times", n)
	}
}

func short(s string) string {
	if len(s) > 40 {
		return fmt.Sprintf("%s…(%d bytes)", s[:40], len(s))
	}
	return s
}
