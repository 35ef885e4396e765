package diag

import (
	"strings"
	"testing"
	"unicode/utf8"
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

// TestPrintQuotesControlsVisibly: characters that reorder the text around
// them (bidirectional overrides and isolates, Trojan Source) or drive the
// terminal (ESC, C1 controls) are shown as escapes in the message, the
// echoed line and the hint, and the caret stays under its character.
func TestPrintQuotesControlsVisibly(t *testing.T) {
	line := "title = \"\u202eevil\u2066\x1b[2J\u009b\" X"
	var l List
	l.Add(Errorf(Pos{"a\u202e.md", 1, 21}, "bad title %s", "\u202eevil\u2069").WithLine(line).WithHint("remove \u200f it \xff"))
	var b strings.Builder
	Print(&b, l, 0)
	out := b.String()
	want := `a\u202e.md:1:21: bad title \u202eevil\u2069
    1 | title = "\u202eevil\u2066\x1b[2J\u009b" X
      |                                       ^
  hint: remove \u200f it �
`
	if out != want {
		t.Fatalf("got\n%s\nwant\n%s", out, want)
	}
}

// TestFileNameOnOneLine: a file whose name holds a line break or a tab is
// named on one line, escaped, so that the "file:line:col:" line stays one.
func TestFileNameOnOneLine(t *testing.T) {
	var l List
	l.Add(Errorf(Pos{File: "content/a\nb\tc.md"}, "bad name"))
	var b strings.Builder
	Print(&b, l, 0)
	if want := "content/a\\nb\\tc.md: bad name\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

// TestInvisibleCharactersShown: a no-break space, a zero-width space or
// joiner, a soft hyphen in a file's name or a quoted key look like a
// space or nothing when printed as they are, and the name or key looks
// right; each is printed as an escape on the message line, in the hint
// and by Printable. The source line is the editor's own text, where a
// no-break space is often meant, and is printed as it is.
func TestInvisibleCharactersShown(t *testing.T) {
	tests := []struct{ file, key, want string }{
		{"content/guidance/bad\u00a0name.md", "wie\u00a0ght", `content/guidance/bad\u00a0name.md:2:1: unknown key "wie\u00a0ght"`},
		{"content/guidance/bad\u200bname.md", "x", `content/guidance/bad\u200bname.md:2:1: unknown key "x"`},
		{"content/guidance/bad\u2009name\u00adx.md", "x", `content/guidance/bad\u2009name\u00adx.md:2:1: unknown key "x"`},
		{"content/guidance/a\u200d\u2060\u3000b.md", "x", `content/guidance/a\u200d\u2060\u3000b.md:2:1: unknown key "x"`},
	}
	for _, tt := range tests {
		var l List
		l.Add(Errorf(Pos{File: tt.file, Line: 2, Col: 1}, "unknown key %q", tt.key).
			WithLine("wie\u00a0ght = 2").WithHint("rename %s", tt.file))
		var b strings.Builder
		Print(&b, l, 0)
		lines := strings.Split(b.String(), "\n")
		if lines[0] != tt.want {
			t.Errorf("message line %q, want %q", lines[0], tt.want)
		}
		if want := "    2 | wie\u00a0ght = 2"; lines[1] != want {
			t.Errorf("source line %q, want %q", lines[1], want)
		}
		if want := "  hint: rename " + tt.want[:strings.Index(tt.want, ":")]; lines[3] != want {
			t.Errorf("hint %q, want %q", lines[3], want)
		}
		if got, want := Printable(tt.file), tt.want[:strings.Index(tt.want, ":")]; got != want {
			t.Errorf("Printable(%q) = %q, want %q", tt.file, got, want)
		}
	}
}

// TestHugeLines: a diagnostic keeps only part of a very long line, the caret
// still lands under the character at its column (multi-byte characters
// included), and a very long message or hint is printed shortened.
func TestHugeLines(t *testing.T) {
	tests := []struct {
		name string
		line string
		col  int
	}{
		{"column near the start", "X" + strings.Repeat("a", 100000), 1},
		{"column in the middle", strings.Repeat("a", 50000) + "X" + strings.Repeat("b", 50000), 50001},
		{"column at the end", strings.Repeat("a", 100000) + "X", 100001},
		{"multi-byte characters", strings.Repeat("é", 30000) + "X" + strings.Repeat("ü", 30000), 30001},
		{"short line", "abcXdef", 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := Errorf(Pos{"f.csv", 1, tc.col}, "bad").WithLine(tc.line)
			if len(d.LineText) > maxLineKept+10 {
				t.Errorf("kept %d bytes of the line", len(d.LineText))
			}
			if !utf8.ValidString(d.LineText) {
				t.Errorf("the kept text is not valid UTF-8")
			}
			var b strings.Builder
			Print(&b, List{d}, 0)
			lines := strings.Split(b.String(), "\n")
			if len(lines) < 3 || !strings.Contains(lines[1], "| ") || !strings.Contains(lines[2], "| ") {
				t.Fatalf("no line and caret printed:\n%s", b.String())
			}
			shown := []rune(lines[1][strings.Index(lines[1], "| ")+2:])
			at := len([]rune(lines[2][strings.Index(lines[2], "| ")+2:])) - 1
			if at < 0 || at >= len(shown) || shown[at] != 'X' {
				t.Fatalf("caret not under X:\n%s\n%s", lines[1], lines[2])
			}
		})
	}
	long := Errorf(Pos{"f.csv", 2, 3}, "the code %q is wrong", strings.Repeat("Z", 100000)).WithHint("%s", strings.Repeat("h", 5000))
	var b strings.Builder
	Print(&b, List{long}, 0)
	for _, line := range strings.Split(b.String(), "\n") {
		if n := utf8.RuneCountInString(line); n > maxMessage+20 {
			t.Errorf("a printed line of %d characters: %.60q…", n, line)
		}
	}
	if !strings.HasPrefix(b.String(), "f.csv:2:3: the code") || !strings.Contains(b.String(), "is wrong\n") {
		t.Errorf("the shortened message lost its start or end:\n%.200s", b.String())
	}
}

// TestSourceKeep: a source cut to its front matter gives the same
// positions and lines as before within what it kept, and forgets the rest.
func TestSourceKeep(t *testing.T) {
	text := []byte("\uFEFF+++\ntitle = \"x\"\n+++\nbody line\nmore\n")
	full := NewSource("content/a.md", text)
	cut := NewSource("content/a.md", text)
	front := strings.Index(string(text), "body")
	cut.Keep(front)
	if len(cut.Text) != front {
		t.Fatalf("kept %d bytes, want %d", len(cut.Text), front)
	}
	for off := 0; off <= front; off++ {
		if got, want := cut.Pos(off), full.Pos(off); got != want {
			t.Errorf("Pos(%d) = %v after Keep, %v before", off, got, want)
		}
	}
	for line := 1; line <= 3; line++ {
		if got, want := cut.Line(line), full.Line(line); got != want {
			t.Errorf("Line(%d) = %q after Keep, %q before", line, got, want)
		}
	}
	if got := cut.Line(5); got != "" {
		t.Errorf("Line(5) = %q after Keep, want empty (the body is forgotten)", got)
	}
	if &cut.Text[0] == &text[0] {
		t.Error("Keep shares the file's array, which then cannot be freed")
	}
	cut.Keep(len(cut.Text) + 10) // keeping more than there is changes nothing
	if len(cut.Text) != front {
		t.Errorf("Keep past the end changed the text to %d bytes", len(cut.Text))
	}
}

// TestSourceRestore: a cut source given its file again finds every
// position as before the cut; given a file whose kept part changed, it
// refuses and stays as it was.
func TestSourceRestore(t *testing.T) {
	text := []byte("+++\ntitle = \"x\"\n+++\nbody line\nmore\n")
	front := strings.Index(string(text), "body")
	tests := []struct {
		name  string
		again string
		ok    bool
	}{
		{"same file", string(text), true},
		{"body edited", string(text[:front]) + "another body\n", true}, // the body's own check is the caller's
		{"front matter edited", "+++\ntitle = \"y\"\n+++\nbody line\nmore\n", false},
		{"file emptied", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := NewSource("content/a.md", text)
			src.Keep(front)
			if got := src.Restore([]byte(tt.again)); got != tt.ok {
				t.Fatalf("Restore = %v, want %v", got, tt.ok)
			}
			want := NewSource("content/a.md", []byte(tt.again))
			if !tt.ok {
				want = NewSource("content/a.md", text[:front])
			}
			if string(src.Text) != string(want.Text) {
				t.Fatalf("text = %q, want %q", src.Text, want.Text)
			}
			for off := 0; off <= len(want.Text); off++ {
				if got, w := src.Pos(off), want.Pos(off); got != w {
					t.Errorf("Pos(%d) = %v, want %v", off, got, w)
				}
			}
		})
	}
}
