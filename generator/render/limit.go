package render

import (
	"bytes"
	"errors"
	"html/template"
	"io/fs"
	"text/template/parse"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// MaxPageBytes is the most one page (or one alias page) may render to:
// 16 MiB, some 300 times the largest page of the example site. A layout
// that loops far more often than intended (over a range of two million
// numbers, say) is stopped there, with an error at the layout's line,
// instead of running for minutes and filling gigabytes.
const MaxPageBytes = 16 << 20

// errTooLarge stops a template whose output passed the limit.
var errTooLarge = errors.New("the page is too large")

// capWriter writes a page's output into buf until it passes limit. Then it
// keeps a copy of the next writes, which are the output of the layout
// that is looping (its text between actions), to find that layout's line
// (see tooLarge), and then fails the write.
type capWriter struct {
	buf    *bytes.Buffer
	limit  int
	over   bool
	recent [][]byte
}

// recentWrites is how many writes past the limit are kept to find the
// layout line: enough for a loop body's text to pass by.
const recentWrites = 64

func (w *capWriter) Write(p []byte) (int, error) {
	if !w.over && w.buf.Len()+len(p) <= w.limit {
		return w.buf.Write(p)
	}
	w.over = true
	if len(w.recent) == recentWrites {
		return 0, errTooLarge
	}
	w.recent = append(w.recent, bytes.Clone(p))
	return len(p), nil
}

// describeTooLarge describes a page whose output passed the limit, at the line of
// the layout text it was writing over and over: the text that, of the
// writes kept past the limit, comes from one place in the layouts only.
// Failing that, it names the page's layout file.
func (l *Layouts) describeTooLarge(w *capWriter, tmpl *template.Template, layout string, fsys fs.FS) diag.Diagnostic {
	nodes := map[string][]parse.Node{}
	for _, t := range tmpl.Templates() {
		if t.Tree != nil && t.Tree.Root != nil {
			textNodes(t.Tree.Root, nodes)
		}
	}
	pos := diag.Pos{File: l.Source(layout), Line: 1}
	col := 0
	for _, chunk := range w.recent {
		// html/template's escaped copies of a template share its nodes'
		// places, so count places rather than nodes.
		places := map[diag.Pos]int{}
		for _, n := range nodes[string(chunk)] {
			if name, line, c, ok := nodePos(n); ok {
				places[diag.Pos{File: l.sourceOf(name), Line: line}] = c
			}
		}
		if len(places) == 1 {
			for p, c := range places {
				pos, col = p, c
			}
			break
		}
	}
	d := diag.Errorf(pos, "a page rendered with this layout passed %d MB of HTML, so rendering stopped", w.limit>>20)
	return l.withLine(d, fsys, col).
		WithHint("a loop here probably runs far more often than intended (check the range and what it counts); no real page is this large")
}

// textNodes indexes the non-blank text nodes under n by their text.
func textNodes(n parse.Node, out map[string][]parse.Node) {
	switch n := n.(type) {
	case *parse.TextNode:
		if len(bytes.TrimSpace(n.Text)) > 0 {
			out[string(n.Text)] = append(out[string(n.Text)], n)
		}
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				textNodes(c, out)
			}
		}
	case *parse.IfNode:
		textNodes(n.List, out)
		textNodes(n.ElseList, out)
	case *parse.RangeNode:
		textNodes(n.List, out)
		textNodes(n.ElseList, out)
	case *parse.WithNode:
		textNodes(n.List, out)
		textNodes(n.ElseList, out)
	}
}
