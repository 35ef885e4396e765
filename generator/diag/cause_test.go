package diag

import (
	"fmt"
	"strings"
	"testing"
)

func TestSourceSkipsByteOrderMark(t *testing.T) {
	src := NewSource("data/regions.toml", []byte("\xef\xbb\xbf[[region]]\nkey = 1\n"))
	tests := []struct {
		offset int
		want   Pos
	}{
		{0, Pos{"data/regions.toml", 1, 1}}, // inside the mark
		{3, Pos{"data/regions.toml", 1, 1}}, // the first visible character
		{5, Pos{"data/regions.toml", 1, 3}},
		{14, Pos{"data/regions.toml", 2, 1}},
	}
	for _, tt := range tests {
		if got := src.Pos(tt.offset); got != tt.want {
			t.Errorf("Pos(%d) = %v, want %v", tt.offset, got, tt.want)
		}
	}
	if got := src.Line(1); got != "[[region]]" {
		t.Errorf("Line(1) = %q, want the line without the mark", got)
	}
	if got := src.LineStart(1); got != 3 {
		t.Errorf("LineStart(1) = %d, want 3", got)
	}
	if got := src.LineCol(1, 3); got.Col != 3 {
		t.Errorf("LineCol(1, 3) = %v, want column 3", got)
	}
	if SkipBOM([]byte("\xef\xbb")) != 0 || SkipBOM([]byte("\xef\xbb\xbfx")) != 3 {
		t.Error("SkipBOM must see only a whole mark")
	}
}

// knockOns returns n rows of data/actions.csv that cannot be checked because
// data/providers.csv is broken.
func knockOns(n int) List {
	var l List
	for i := range n {
		l.Add(Errorf(Pos{"data/actions.csv", i + 2, 10}, "the provider code %q cannot be checked", fmt.Sprintf("ZA%03d", i)).
			Because("data/providers.csv", "rows that use it"))
	}
	return l
}

func TestPrintPutsTheCauseFirstAndFoldsItsKnockOns(t *testing.T) {
	l := knockOns(3001)
	l.Errorf(Pos{"data/providers.csv", 5, 10}, "data/providers.csv is not saved as UTF-8")
	l.Errorf(Pos{"content/a.md", 1, 1}, "an unrelated problem")
	l.Errorf(Pos{"data/zones.csv", 1, 1}, "a problem in a file sorted after the knock-ons")
	var b strings.Builder
	Print(&b, l, 50)
	want := `content/a.md:1:1: an unrelated problem
data/providers.csv:5:10: data/providers.csv is not saved as UTF-8
data/actions.csv:2:10: the provider code "ZA000" cannot be checked (and 3,000 more rows that use it)
data/zones.csv:1:1: a problem in a file sorted after the knock-ons
`
	if b.String() != want {
		t.Errorf("Print:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestFoldKeepsCausesApart(t *testing.T) {
	var l List
	l.Add(Errorf(Pos{"data/a.csv", 2, 1}, "a1").Because("data/regions.toml", "rows"))
	l.Add(Errorf(Pos{"data/a.csv", 3, 1}, "a2").Because("data/regions.toml", "rows"))
	l.Add(Errorf(Pos{"data/b.csv", 2, 1}, "b1").Because("data/regions.toml", "rows"))
	l.Add(Errorf(Pos{"data/b.csv", 3, 1}, "b2").Because("data/professions.toml", "rows"))
	l.Add(Errorf(Pos{"data/b.csv", 4, 1}, "b3")) // not a knock-on: never folded
	l.Add(Errorf(Pos{"data/b.csv", 5, 1}, "b4"))
	l.Add(Warningf(Pos{"data/c.csv", 1, 1}, "c1").Because("data/regions.toml", "rows"))
	l.Add(Errorf(Pos{"data/c.csv", 2, 1}, "c2").Because("data/regions.toml", "pages"))
	l.Sort()
	var got []string
	for _, d := range fold(l) {
		got = append(got, d.Error())
	}
	want := []string{
		"data/b.csv:4:1: b3",
		"data/b.csv:5:1: b4",
		"data/b.csv:3:1: b2",
		"data/a.csv:2:1: a1 (and 2 more rows)", // across files
		"data/c.csv:1:1: warning: c1",          // not an error
		"data/c.csv:2:1: c2",                   // another kind
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("folded:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestCapNeverHidesAFilesFirstError(t *testing.T) {
	var l List
	for i := range 60 {
		l.Errorf(Pos{"data/actions.csv", i + 1, 1}, "problem %d", i)
	}
	l.Warningf(Pos{"data/zz.csv", 1, 1}, "a warning may be left out")
	l.Errorf(Pos{"data/zz.csv", 2, 1}, "the only error of this file")
	l.Errorf(Pos{"data/zz.csv", 3, 1}, "its second error may be left out")
	var b strings.Builder
	Print(&b, l, 50)
	out := b.String()
	if !strings.Contains(out, "data/zz.csv:2:1: the only error of this file\n") {
		t.Errorf("the first error of data/zz.csv is hidden by the cap:\n%s", out)
	}
	for _, hidden := range []string{"problem 50", "its second error", "a warning may"} {
		if strings.Contains(out, hidden) {
			t.Errorf("%q is shown beyond the cap", hidden)
		}
	}
	if !strings.HasSuffix(out, "... and 12 more problems not shown; fix these first and build again.\n") {
		t.Errorf("the count of problems left out is wrong:\n%s", out[max(0, len(out)-200):])
	}
}

// TestCapShowsAtMostLimitMoreFiles: one mistake repeated in thousands of
// files prints the first error of limit of them beyond the cap, and
// counts the rest, not thousands of errors.
func TestCapShowsAtMostLimitMoreFiles(t *testing.T) {
	var l List
	for i := range 2000 {
		l.Errorf(Pos{fmt.Sprintf("content/bulk/p%04d.md", i), 2, 16}, "this is not valid TOML")
		l.Errorf(Pos{fmt.Sprintf("content/bulk/p%04d.md", i), 3, 1}, "a second problem")
	}
	var b strings.Builder
	Print(&b, l, 50)
	out := b.String()
	if n := strings.Count(out, "not valid TOML"); n != 75 {
		// 50 entries of the first 25 files, then one of each of 50 more
		t.Errorf("%d errors shown, want 75", n)
	}
	if !strings.HasSuffix(out, "... and 3,900 more problems not shown, in 1,925 more files with errors; fix these first and build again.\n") {
		t.Errorf("the count of problems left out is wrong:\n%s", out[max(0, len(out)-200):])
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 3000: "3,000", 1234567: "1,234,567"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestCauseChains: a knock-on of a file that holds only knock-ons itself
// sorts under the file they come from, and counts given with Again add up.
func TestCauseChains(t *testing.T) {
	var l List
	l.Add(Errorf(Pos{"data/actions.csv", 0, 0}, "data/actions.csv has no usable rows").Because("data/actions.csv", "files"))
	l.Add(Errorf(Pos{"data/actions.csv", 2, 48}, "cell cannot be checked").Because("data/regions.toml", "cells that use it").Again().Again())
	l.Add(Errorf(Pos{"data/actions.csv", 201, 1}, "checking stopped").Because("data/regions.toml", "files"))
	l.Add(Errorf(Pos{"data/providers.csv", 2, 46}, "cell cannot be checked").Because("data/regions.toml", "cells that use it"))
	l.Add(Errorf(Pos{"data/regions.toml", 9, 9}, "this is not valid TOML"))
	var b strings.Builder
	Print(&b, l, 50)
	want := `data/regions.toml:9:9: this is not valid TOML
data/actions.csv: data/actions.csv has no usable rows
data/actions.csv:2:48: cell cannot be checked (and 3 more cells that use it)
data/actions.csv:201:1: checking stopped
`
	if b.String() != want {
		t.Errorf("Print:\n%s\nwant:\n%s", b.String(), want)
	}
	if e, _ := l.Count(); e != 7 {
		t.Errorf("Count() = %d errors, want 7 (the two that Again counted included)", e)
	}
}

// TestCauseLoop: files that name each other as causes (which no stage
// should report) are still printed, and sorting ends.
func TestCauseLoop(t *testing.T) {
	var l List
	l.Add(Errorf(Pos{"data/a.csv", 1, 1}, "loop one").Because("data/b.csv", "rows"))
	l.Add(Errorf(Pos{"data/b.csv", 1, 1}, "loop two").Because("data/a.csv", "rows"))
	var b strings.Builder
	Print(&b, l, 50)
	if !strings.Contains(b.String(), "loop one") || !strings.Contains(b.String(), "loop two") {
		t.Errorf("Print:\n%s", b.String())
	}
}
