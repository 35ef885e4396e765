package markdown

import (
	"bytes"
	"fmt"
	"html"
	"io"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// captionPrefix starts a paragraph that captions the table right after it,
// as in Pandoc: "Table: Standards by domain".
var captionPrefix = []byte("Table: ")

// captionTransformer moves "Table: …" paragraphs into the following table as
// its caption, and numbers the page's tables so each has a unique label.
type captionTransformer struct{}

func (captionTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	source := reader.Source()
	n := 0
	var walk func(parent ast.Node)
	walk = func(parent ast.Node) {
		for c := parent.FirstChild(); c != nil; {
			next := c.NextSibling()
			if t, ok := c.(*east.Table); ok {
				n++
				t.SetAttributeString("data-table", []byte(fmt.Sprint(n)))
			}
			if p, ok := c.(*ast.Paragraph); ok {
				if t, ok := next.(*east.Table); ok {
					raw := paragraphText(p, source)
					if bytes.HasPrefix(raw, captionPrefix) {
						t.SetAttributeString("caption", bytes.TrimSpace(raw[len(captionPrefix):]))
						parent.RemoveChild(parent, p)
					}
				}
			}
			if c.Type() == ast.TypeBlock && c.HasChildren() {
				walk(c)
			}
			c = next
		}
	}
	walk(doc)
}

func paragraphText(p *ast.Paragraph, source []byte) []byte {
	var b bytes.Buffer
	lines := p.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		if i > 0 {
			b.WriteByte(' ')
		}
		b.Write(bytes.TrimSpace(seg.Value(source)))
	}
	return b.Bytes()
}

// tableRenderer writes tables inside a focusable, labelled region (a
// <section> with an accessible name, the native form of role="region") so
// that a wide table scrolls on its own instead of widening the page (WCAG
// 1.4.10) and keyboard users can scroll it (2.1.1),
// with header cells scoped to their column and alignment as classes rather
// than the style attributes the Content-Security-Policy forbids.
type tableRenderer struct{}

func (tableRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTable, renderTable)
	reg.Register(east.KindTableHeader, renderTableHeader)
	reg.Register(east.KindTableRow, renderTableRow)
	reg.Register(east.KindTableCell, renderTableCell)
}

func renderTable(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = io.WriteString(w, "</tbody>\n</table>\n</section>\n")
		return ast.WalkContinue, nil
	}
	num := "1"
	if v, ok := node.AttributeString("data-table"); ok {
		num = string(v.([]byte))
	}
	caption, hasCaption := node.AttributeString("caption")
	if hasCaption {
		id := "table-" + num + "-caption"
		fmt.Fprintf(w, `<section class="table-container" aria-labelledby="%s" tabindex="0">`+"\n", id)
		fmt.Fprintf(w, "<table>\n<caption id=\"%s\">%s</caption>\n", id, html.EscapeString(string(caption.([]byte))))
	} else {
		fmt.Fprintf(w, `<section class="table-container" aria-label="Table %s" tabindex="0">`+"\n<table>\n", num)
	}
	return ast.WalkContinue, nil
}

func renderTableHeader(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = io.WriteString(w, "<thead>\n<tr>\n")
	} else {
		_, _ = io.WriteString(w, "</tr>\n</thead>\n<tbody>\n")
	}
	return ast.WalkContinue, nil
}

func renderTableRow(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = io.WriteString(w, "<tr>\n")
	} else {
		_, _ = io.WriteString(w, "</tr>\n")
	}
	return ast.WalkContinue, nil
}

func renderTableCell(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	cell := node.(*east.TableCell)
	header := false
	if _, ok := cell.Parent().(*east.TableHeader); ok {
		header = true
	}
	if !entering {
		if header {
			_, _ = io.WriteString(w, "</th>\n")
		} else {
			_, _ = io.WriteString(w, "</td>\n")
		}
		return ast.WalkContinue, nil
	}
	class := ""
	switch cell.Alignment {
	case east.AlignLeft:
		class = ` class="align-left"`
	case east.AlignRight:
		class = ` class="align-right"`
	case east.AlignCenter:
		class = ` class="align-centre"`
	}
	if header {
		_, _ = io.WriteString(w, `<th scope="col"`+class+">")
	} else {
		_, _ = io.WriteString(w, "<td"+class+">")
	}
	return ast.WalkContinue, nil
}
