package callout

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// transformer runs after parsing: it sets each callout's heading level from
// the headings before it, checks each callout's content, and decorates do
// and don't lists with NHS.UK frontend's classes, icons and prefixes.
type transformer struct{}

// Transform implements parser.ASTTransformer.
func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	source := reader.Source()
	previous := 1 // the page title, rendered by the layout, is the h1
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			previous = n.Level
		case *Callout:
			n.HeadingLevel = min(max(previous+1, 2), 4)
			check(n, source, pc)
		}
		return ast.WalkContinue, nil
	})
}

// check reports content that does not fit the callout's kind and decorates
// do and don't lists.
func check(c *Callout, source []byte, pc parser.Context) {
	title := c.Title()
	var body []ast.Node
	for n := c.FirstChild(); n != nil; n = n.NextSibling() {
		if n != title {
			body = append(body, n)
		}
	}
	if c.Variant == Unknown {
		return
	}
	switch {
	case c.Variant.needsTitle() && title == nil:
		what := "a heading"
		if c.Variant == Details {
			what = "the summary the reader clicks"
		}
		addProblem(pc, c.fenceOffset,
			"write it on the same line, for example \":::"+c.name+" Check your placement dates\"",
			"this %s needs %s after %q", c.Variant.long(), what, ":::"+c.name)
	case c.Variant == Inset && title != nil:
		addProblem(pc, title.Lines().At(0).Start,
			"move this text to the next line, as the first line of the inset text's body",
			"inset text has no heading")
	}
	if len(body) == 0 {
		addProblem(pc, c.fenceOffset,
			"write the content on the lines between \":::"+c.name+"\" and the closing \":::\", or delete the empty callout",
			"this %s is empty", c.Variant.long())
		return
	}
	if c.Variant != Do && c.Variant != Dont {
		return
	}
	list, ok := body[0].(*ast.List)
	if len(body) != 1 || !ok || list.IsOrdered() {
		addProblem(pc, c.fenceOffset,
			"write each point on its own line starting with \"- \", and nothing else inside the callout",
			"a %s list must hold a single bulleted list and nothing else", c.Variant.long())
		return
	}
	decorate(list, c.Variant == Dont, source)
}

// long names the variant in messages.
func (v Variant) long() string {
	switch v {
	case Inset:
		return "inset text"
	case Warning:
		return "warning callout"
	case Details:
		return "details section"
	case Do:
		return "do"
	case Dont:
		return "don't"
	}
	return "callout"
}

// decorate gives a do or don't list NHS.UK frontend's classes and puts an
// icon (and, in a don't list, "do not ") at the start of every item.
func decorate(list *ast.List, cross bool, source []byte) {
	class := "nhsuk-list nhsuk-list--tick"
	if cross {
		class = "nhsuk-list nhsuk-list--cross"
	}
	list.SetAttributeString("class", []byte(class))
	// list-style: none makes Safari drop the list semantics; role="list"
	// restores them, as in NHS.UK frontend's template.
	list.SetAttributeString("role", []byte("list"))
	for item := list.FirstChild(); item != nil; item = item.NextSibling() {
		block := item.FirstChild()
		switch block.(type) {
		case *ast.TextBlock, *ast.Paragraph:
		default:
			// An empty item, or one starting with a nested block: give
			// the icon a line of its own.
			tb := ast.NewTextBlock()
			item.InsertBefore(item, block, tb)
			block = tb
		}
		first := block.FirstChild()
		block.InsertBefore(block, first, &Icon{Cross: cross})
		if cross && !startsWithNegative(first, source) {
			block.InsertBefore(block, first, ast.NewString([]byte("do not ")))
		}
	}
}

// startsWithNegative reports whether an item's text already starts with "do
// not" or "don't", so that a don't list does not say "do not do not".
func startsWithNegative(first ast.Node, source []byte) bool {
	t, ok := first.(*ast.Text)
	if !ok {
		return false
	}
	s := bytes.TrimLeft(t.Segment.Value(source), " ")
	for _, p := range []string{"do not", "don't", "don’t", "dont"} {
		if startsWith(s, p) {
			return true
		}
	}
	return false
}
