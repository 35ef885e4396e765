package diag

import (
	"fmt"
	"strings"
	"testing"
)

// unreviewed returns n warnings of one kind, as the "You said, we did"
// stage reports entries awaiting review, starting at row 38.
func unreviewed(n int) List {
	var l List
	for i := range n {
		row := 38 + i
		l.Add(Warningf(Pos{"data/you-said-we-did.csv", row, 270 + i}, "entry YSWD-%03d (row %d) has not been reviewed, so it is not published", row-1, row).
			WithLine("YSWD-…,planned,,,,,,").
			WithHint("once it has been reviewed, write the reviewer's role in reviewed_by"))
	}
	return l
}

func TestReport(t *testing.T) {
	frontMatterError := Errorf(Pos{"content/strategy/culture.md", 3, 1}, `unknown key "titel"`).
		WithLine(`titel = "Culture"`).WithHint(`did you mean "title"?`)
	altText := Warningf(Pos{"content/about.md", 9, 1}, "this image has no alternative text").WithHint("describe the image")
	tests := []struct {
		name    string
		list    List
		verbose bool
		want    []string // the output's lines that start a diagnostic, in order
		lines   int      // the number of output lines
	}{
		{
			name: "errors come first, whatever their file",
			list: append(List{altText, frontMatterError}, unreviewed(1)...),
			want: []string{
				`content/strategy/culture.md:3:1: unknown key "titel"`,
				"content/about.md:9:1: warning: this image has no alternative text",
				"data/you-said-we-did.csv:38:270: warning: entry YSWD-037 (row 38) has not been reviewed, so it is not published",
			},
			lines: 4 + 2 + 3, // no caret: the column is past the short line
		},
		{
			name: "three warnings of a kind are shown in full",
			list: unreviewed(3),
			want: []string{
				"data/you-said-we-did.csv:38:270: warning: entry YSWD-037 (row 38) has not been reviewed, so it is not published",
				"data/you-said-we-did.csv:39:271: warning: entry YSWD-038 (row 39) has not been reviewed, so it is not published",
				"data/you-said-we-did.csv:40:272: warning: entry YSWD-039 (row 40) has not been reviewed, so it is not published",
			},
			lines: 9,
		},
		{
			name: "four are summarised in one line after the error",
			list: append(unreviewed(4), frontMatterError, altText),
			want: []string{
				`content/strategy/culture.md:3:1: unknown key "titel"`,
				"content/about.md:9:1: warning: this image has no alternative text",
				"data/you-said-we-did.csv:38:270: warning: entry YSWD-037 (row 38) has not been reviewed, so it is not published; 3 more warnings like it at :39:271, :40:272, :41:273 (--verbose shows each in full)",
			},
			lines: 4 + 2 + 1,
		},
		{
			name: "many are summarised with the first places named",
			list: unreviewed(9),
			want: []string{
				"data/you-said-we-did.csv:38:270: warning: entry YSWD-037 (row 38) has not been reviewed, so it is not published; 8 more warnings like it at :39:271, :40:272, :41:273, :42:274, :43:275, and 3 more (--verbose shows each in full)",
			},
			lines: 1,
		},
		{
			name:    "--verbose shows every warning",
			list:    append(unreviewed(4), frontMatterError),
			verbose: true,
			want: []string{
				`content/strategy/culture.md:3:1: unknown key "titel"`,
				"data/you-said-we-did.csv:38:270: warning: entry YSWD-037 (row 38) has not been reviewed, so it is not published",
				"data/you-said-we-did.csv:39:271: warning: entry YSWD-038 (row 39) has not been reviewed, so it is not published",
				"data/you-said-we-did.csv:40:272: warning: entry YSWD-039 (row 40) has not been reviewed, so it is not published",
				"data/you-said-we-did.csv:41:273: warning: entry YSWD-040 (row 41) has not been reviewed, so it is not published",
			},
			lines: 4 + 12,
		},
		{
			name: "knock-ons are folded by their cause, not summarised again",
			list: func() List {
				var l List
				for i := range 5 {
					l.Add(Warningf(Pos{"data/actions.csv", 2 + i, 1}, "the provider on row %d cannot be checked", 2+i).
						WithHint("fix data/providers.csv first").Because("data/providers.csv", "rows that name a provider"))
				}
				return l
			}(),
			want: []string{
				"data/actions.csv:2:1: warning: the provider on row 2 cannot be checked (and 4 more rows that name a provider)",
			},
			lines: 2,
		},
		{
			name: "warnings with other hints are other kinds",
			list: func() List {
				l := unreviewed(2)
				for i := range 2 {
					l.Add(Warningf(Pos{"data/you-said-we-did.csv", 50 + i, 1}, "entry YSWD-%d (row %d) has not been reviewed, so it is not published", 50+i, 50+i).WithHint("another hint"))
				}
				return l
			}(),
			lines: 3 + 3 + 2 + 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			Report(&b, tt.list, ReportOptions{Verbose: tt.verbose})
			out := strings.TrimSuffix(b.String(), "\n")
			lines := strings.Split(out, "\n")
			if len(lines) != tt.lines {
				t.Errorf("%d lines, want %d:\n%s", len(lines), tt.lines, out)
			}
			var starts []string
			for _, line := range lines {
				if !strings.HasPrefix(line, " ") {
					starts = append(starts, line)
				}
			}
			if tt.want != nil && strings.Join(starts, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(starts, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestSummariseKeepsErrors checks that errors are never summarised, however
// many of one kind there are.
func TestSummariseKeepsErrors(t *testing.T) {
	var l List
	for i := range 10 {
		l.Add(Errorf(Pos{"content/a.md", i + 1, 1}, "unknown key %q", fmt.Sprint("k", i)).WithHint("remove it"))
	}
	if got := Summarise(l); len(got) != 10 {
		t.Errorf("Summarise kept %d of 10 errors", len(got))
	}
}
