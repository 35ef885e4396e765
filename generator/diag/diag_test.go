package diag

import (
	"strings"
	"testing"
)

func TestSourcePos(t *testing.T) {
	src := NewSource("content/a.md", []byte("+++\ntitle = \"é x\"\r\n+++\nbody"))
	tests := []struct {
		offset int
		want   Pos
	}{
		{0, Pos{"content/a.md", 1, 1}},
		{4, Pos{"content/a.md", 2, 1}},
		{15, Pos{"content/a.md", 2, 11}}, // after the two-byte é
		{len(src.Text), Pos{"content/a.md", 4, 5}},
		{-3, Pos{"content/a.md", 1, 1}},
		{9999, Pos{"content/a.md", 4, 5}},
	}
	for _, tt := range tests {
		if got := src.Pos(tt.offset); got != tt.want {
			t.Errorf("Pos(%d) = %v, want %v", tt.offset, got, tt.want)
		}
	}
	if got := src.Line(2); got != `title = "é x"` {
		t.Errorf("Line(2) = %q (the CR must be dropped)", got)
	}
	if got := src.Line(5); got != "" {
		t.Errorf("Line(5) = %q, want empty", got)
	}
	if got := src.LineCol(2, 12); got.Col != 11 {
		t.Errorf("LineCol(2, 13).Col = %d, want 11 (byte column converted to characters)", got.Col)
	}
}

func TestListSortAndErr(t *testing.T) {
	var l List
	if l.Err() != nil {
		t.Fatal("empty list must not be an error")
	}
	l.Warningf(Pos{"b.md", 1, 1}, "w")
	if l.Err() != nil {
		t.Fatal("warnings alone must not be an error")
	}
	l.Errorf(Pos{"b.md", 1, 1}, "second")
	l.Errorf(Pos{"a.md", 9, 2}, "first")
	l.Errorf(Pos{"a.md", 9, 2}, "first") // duplicate
	l.Sort()
	var got []string
	for _, d := range l {
		got = append(got, d.Error())
	}
	want := []string{"a.md:9:2: first", "b.md:1:1: second", "b.md:1:1: warning: w"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("sorted = %q, want %q", got, want)
	}
	if err := l.Err(); err == nil || err.Error() != "a.md:9:2: first (and 1 more errors)" {
		t.Fatalf("Err() = %v", err)
	}
}

func TestPrint(t *testing.T) {
	src := NewSource("site.toml", []byte("title = \"x\"\ntitel = \"y\"\n"))
	var l List
	l.Add(src.At(Pos{"site.toml", 2, 1}, "unknown key %q", "titel").WithHint("did you mean %q?", "title"))
	for i := 0; i < 3; i++ {
		l.Errorf(Pos{"z.md", i + 1, 0}, "problem %d", i)
	}
	var b strings.Builder
	Print(&b, l, 2)
	want := `site.toml:2:1: unknown key "titel"
    2 | titel = "y"
      | ^
  hint: did you mean "title"?
z.md:1: problem 0
... and 2 more problems not shown; fix these first and build again.
`
	if b.String() != want {
		t.Fatalf("Print:\n%s\nwant:\n%s", b.String(), want)
	}
	if got := Summary(l); got != "4 errors, 0 warnings" {
		t.Errorf("Summary = %q", got)
	}
}

func TestPrintHostileAndLongLines(t *testing.T) {
	long := strings.Repeat("a", 300) + "X" + strings.Repeat("b", 300)
	var l List
	l.Add(Errorf(Pos{"f.md", 1, 301}, "bad \x1b[31mred\x1b[0m").WithLine(long).WithHint("fix\x07 it"))
	var b strings.Builder
	Print(&b, l, 0)
	out := b.String()
	if strings.ContainsAny(out, "\x1b\x07") {
		t.Fatalf("control characters reached the output: %q", out)
	}
	lines := strings.Split(out, "\n")
	if len([]rune(lines[1])) > 140 || !strings.Contains(lines[1], "…") || !strings.Contains(lines[1], "X") {
		t.Fatalf("long line not windowed: %q", lines[1])
	}
	caret := strings.Index(lines[2], "^")
	if caret < 0 || []rune(lines[1])[caret] != 'X' {
		t.Fatalf("caret not under the column:\n%s\n%s", lines[1], lines[2])
	}
}
