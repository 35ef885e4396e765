package markdown

import (
	"fmt"
	"strings"
	"testing"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
)

// TestNestingLimits: quotes and lists nested beyond any real page are an
// error at the line, and the page is not parsed (goldmark took 65 s over
// 2,000 nested list items and 40 s over 100,000 ">"); real nesting, and
// deep indentation inside a fenced code block, are left alone.
func TestNestingLimits(t *testing.T) {
	var deepList strings.Builder
	for i := range 2000 {
		deepList.WriteString(strings.Repeat("  ", i) + "- x\n")
	}
	tests := []struct{ name, body, want string }{
		{"a list nested four deep", "- a\n  - b\n    - c\n      1. d\n", ""},
		{"quotes three deep", "> a\n> > b\n> > > c\n", ""},
		{"twenty quotes", strings.Repeat("> ", 20) + "x\n", ""},
		{"deep indentation in a code block", "```json\n" + strings.Repeat(" ", 300) + "- x\n" + strings.Repeat(">", 50) + "\n```\n", ""},
		{"deep indentation in a code block in a list", "- a\n\n  ~~~\n" + strings.Repeat(" ", 300) + "- x\n  ~~~\n", ""},
		{"21 quotes", "Text.\n\n" + strings.Repeat(">", 21) + " x\n", "a.md:3:1: this line starts 21 quotes inside each other (>); at most 20 are allowed"},
		{"100,000 quotes", strings.Repeat(">", 100000) + " x\n", "a.md:1:1: this line starts 100000 quotes"},
		{"2,000 nested list items", deepList.String(), "a.md:52:1: this line is indented 102 spaces"},
		{"a numbered item indented with tabs", strings.Repeat("\t", 26) + "12. x\n", "a.md:1:1: this line is indented 104 spaces"},
		{"as many footnotes as allowed", footnotes(MaxFootnotes), ""},
		{"footnotes in a code block", "```\n" + footnotes(MaxFootnotes+1) + "```\n", ""},
		{"one footnote too many", footnotes(MaxFootnotes + 1), fmt.Sprintf("a.md:%d:1: this page defines more than %d footnotes", MaxFootnotes+3, MaxFootnotes)},
		{"as many link definitions as allowed", definitions(MaxLinkDefinitions), ""},
		{"one link definition too many", definitions(MaxLinkDefinitions + 1), fmt.Sprintf("a.md:%d:1: this page has more than %d link definitions", MaxLinkDefinitions+3, MaxLinkDefinitions)},
	}
	for _, tt := range tests {
		src := diag.NewSource("a.md", []byte(tt.body))
		_, diags := New(Options{}).Convert(&site.Page{File: "a.md", Source: src, Body: []byte(tt.body)}, nil)
		var got []string
		for _, d := range diags {
			got = append(got, d.Error())
		}
		switch {
		case tt.want == "" && len(got) > 0:
			t.Errorf("%s: diagnostics %q, want none", tt.name, got)
		case tt.want != "" && (len(got) != 1 || !strings.HasPrefix(got[0], tt.want)):
			t.Errorf("%s: diagnostics %q, want one starting %q", tt.name, got, tt.want)
		}
	}
}

// footnotes returns a paragraph citing n footnotes, then their definitions.
func footnotes(n int) string {
	var refs, defs strings.Builder
	for i := range n {
		fmt.Fprintf(&refs, "note[^%d] ", i)
		fmt.Fprintf(&defs, "[^%d]: Note %d.\n", i, i)
	}
	return refs.String() + "\n\n" + defs.String()
}

// definitions returns a paragraph of n links by name, then the names'
// definitions.
func definitions(n int) string {
	var refs, defs strings.Builder
	for i := range n {
		fmt.Fprintf(&refs, "[link][r%d] ", i)
		fmt.Fprintf(&defs, "[r%d]: https://example.org/%d\n", i, i)
	}
	return refs.String() + "\n\n" + defs.String()
}
