package markdown

import (
	"bytes"
	"html"
	"io"
	"slices"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"github.com/plinth-ssg/plinth/generator/site"
)

// toc lists the document's headings at the given levels, in order, with
// their IDs and plain text.
func toc(doc ast.Node, source []byte, levels []int) []site.Heading {
	var out []site.Heading
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		h, ok := c.(*ast.Heading)
		if !ok || !slices.Contains(levels, h.Level) {
			continue
		}
		id, _ := h.AttributeString("id")
		idb, _ := id.([]byte)
		out = append(out, site.Heading{Level: h.Level, ID: string(idb), Title: plainText(h, source)})
	}
	return out
}

// plainText concatenates the text inside n, without markup, as the
// characters a reader sees: entity references and backslash escapes in the
// source are resolved, and the typographer's curly quotes and dashes
// (which it stores as HTML entities, &rsquo; and the like) become the
// characters themselves. The result is plain text, for layouts to escape
// once: leaving an entity in it would show "&rsquo;" on the page.
func plainText(n ast.Node, source []byte) string {
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.WriteString(sourceText(t.Segment.Value(source)))
			if t.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			if t.IsCode() {
				// Raw HTML from an extension: the typographer's entities.
				b.WriteString(html.UnescapeString(string(t.Value)))
			} else {
				b.Write(t.Value)
			}
		case *ast.CodeSpan:
			for cc := t.FirstChild(); cc != nil; cc = cc.NextSibling() {
				if tt, ok := cc.(*ast.Text); ok {
					b.Write(tt.Segment.Value(source))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return string(bytes.TrimSpace(b.Bytes()))
}

// sourceText turns Markdown source text into the characters it stands for:
// backslash escapes ("\\*") lose their backslash, and entity and numeric
// character references ("&amp;", "&#8217;") become their characters, as
// goldmark does when it renders the same text.
func sourceText(b []byte) string {
	b = util.UnescapePunctuations(b)
	b = util.ResolveNumericReferences(b)
	b = util.ResolveEntityNames(b)
	return string(b)
}

// taskRenderer writes task-list boxes as a labelled symbol rather than a
// disabled form control, which screen readers announce as an unlabelled
// checkbox the reader cannot use.
type taskRenderer struct{}

func (taskRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTaskCheckBox, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if node.(*east.TaskCheckBox).IsChecked {
			_, _ = io.WriteString(w, `<span class="task task--done" role="img" aria-label="Done">☑</span> `)
		} else {
			_, _ = io.WriteString(w, `<span class="task" role="img" aria-label="Not done">☐</span> `)
		}
		return ast.WalkContinue, nil
	})
}
