package framework

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// plain is a bare goldmark parser: only the document's structure matters
// here, not the site's extensions.
var plain = goldmark.New()

// plainText returns the words of a Markdown body without its markup: link
// text without the address, emphasis without the asterisks, paragraphs
// separated by a blank line. Comparisons and open data use it, so that a
// reworded link or a new bold word reads as a change of words, and
// providers' tools get text, not Markdown.
func plainText(body []byte) string {
	doc := plain.Parser().Parse(text.NewReader(body))
	var paras []string
	var b strings.Builder
	flush := func() {
		if s := strings.Join(strings.Fields(b.String()), " "); s != "" {
			paras = append(paras, s)
		}
		b.Reset()
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading, *ast.ListItem:
			if !entering {
				flush()
			}
		case *ast.Text:
			if entering {
				b.Write(n.Segment.Value(body))
				if n.SoftLineBreak() || n.HardLineBreak() {
					b.WriteByte(' ')
				}
			}
		case *ast.String:
			if entering {
				b.Write(n.Value)
			}
		case *ast.AutoLink:
			if entering {
				b.Write(n.Label(body))
			}
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			if entering {
				lines := n.Lines()
				for i := 0; i < lines.Len(); i++ {
					seg := lines.At(i)
					b.Write(seg.Value(body))
				}
				flush()
			}
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	flush()
	return strings.Join(paras, "\n\n")
}
