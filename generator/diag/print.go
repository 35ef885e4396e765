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

// Print writes the list to w, sorted, at most limit entries (limit <= 0 means
// DefaultLimit), followed by a count of those left out. Each entry is the
// "file:line:col: message" line, then the offending source line with a caret
// under the column, then the hint.
func Print(w io.Writer, l List, limit int) {
	if limit <= 0 {
		limit = DefaultLimit
	}
	l = append(List(nil), l...)
	l.Sort()
	shown := l
	if len(shown) > limit {
		shown = shown[:limit]
	}
	var b strings.Builder
	for _, d := range shown {
		writeOne(&b, d)
	}
	if rest := len(l) - len(shown); rest > 0 {
		fmt.Fprintf(&b, "... and %d more problems not shown; fix these first and build again.\n", rest)
	}
	io.WriteString(w, b.String())
}

func writeOne(b *strings.Builder, d Diagnostic) {
	b.WriteString(d.Error())
	b.WriteByte('\n')
	if d.LineText != "" && d.Pos.Line > 0 {
		num := fmt.Sprint(d.Pos.Line)
		text := strings.ReplaceAll(d.LineText, "\t", " ")
		fmt.Fprintf(b, "    %s | %s\n", num, text)
		if d.Pos.Col > 0 && d.Pos.Col <= utf8.RuneCountInString(text)+1 {
			fmt.Fprintf(b, "    %s | %s^\n", strings.Repeat(" ", len(num)), strings.Repeat(" ", d.Pos.Col-1))
		}
	}
	if d.Hint != "" {
		for i, line := range strings.Split(d.Hint, "\n") {
			if i == 0 {
				fmt.Fprintf(b, "  hint: %s\n", line)
			} else {
				fmt.Fprintf(b, "        %s\n", line)
			}
		}
	}
}

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
