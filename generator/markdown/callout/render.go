package callout

import (
	"bytes"
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// nodeRenderer writes callouts as NHS.UK frontend 10 markup. Body blocks and
// inline content are rendered by goldmark's own HTML renderer, with its
// settings (so raw HTML stays omitted unless the caller chose otherwise).
type nodeRenderer struct {
	icons Icons
}

// RegisterFuncs implements renderer.NodeRenderer.
func (r nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCallout, r.renderCallout)
	reg.Register(KindTitle, r.renderTitle)
	reg.Register(KindIcon, r.renderIcon)
}

func (r nodeRenderer) renderCallout(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	c := node.(*Callout)
	hasTitle := c.Title() != nil
	if entering {
		switch c.Variant {
		case Inset:
			_, _ = w.WriteString("<div class=\"nhsuk-inset-text\">\n<span class=\"nhsuk-u-visually-hidden\">Information: </span>\n")
		case Warning:
			_, _ = w.WriteString("<div class=\"nhsuk-card nhsuk-card--warning\">\n<div class=\"nhsuk-card__content\">\n")
		case Details:
			_, _ = w.WriteString("<details class=\"nhsuk-details\">\n")
			if !hasTitle {
				_, _ = w.WriteString("<div class=\"nhsuk-details__text\">\n")
			}
		case Do, Dont:
			_, _ = w.WriteString("<div class=\"nhsuk-card nhsuk-card--feature\">\n<div class=\"nhsuk-card__content\">\n")
			if !hasTitle {
				// NHS.UK frontend's default headings; its template
				// escapes the apostrophe as &#39;.
				label := "Do"
				if c.Variant == Dont {
					label = "Don&#39;t"
				}
				openHeading(w, c.HeadingLevel)
				_, _ = w.WriteString(label)
				closeHeading(w, c.HeadingLevel)
			}
		}
		return ast.WalkContinue, nil
	}
	switch c.Variant {
	case Inset:
		_, _ = w.WriteString("</div>\n")
	case Warning, Do, Dont:
		_, _ = w.WriteString("</div>\n</div>\n")
	case Details:
		_, _ = w.WriteString("</div>\n</details>\n")
	}
	return ast.WalkContinue, nil
}

func openHeading(w util.BufWriter, level int) {
	_, _ = w.WriteString("<h" + strconv.Itoa(level) + " class=\"nhsuk-card__heading\">")
}

func closeHeading(w util.BufWriter, level int) {
	_, _ = w.WriteString("</h" + strconv.Itoa(level) + ">\n")
}

func (r nodeRenderer) renderTitle(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	c := node.Parent().(*Callout)
	switch c.Variant {
	case Warning:
		hidden := !mentionsImportant(node, source)
		if entering {
			openHeading(w, c.HeadingLevel)
			if hidden {
				// role="text" keeps screen readers from reading the
				// prefix and the heading as two separate items.
				_, _ = w.WriteString("<span role=\"text\"><span class=\"nhsuk-u-visually-hidden\">Important: </span>")
			}
		} else {
			if hidden {
				_, _ = w.WriteString("</span>")
			}
			closeHeading(w, c.HeadingLevel)
		}
	case Do, Dont:
		if entering {
			openHeading(w, c.HeadingLevel)
		} else {
			closeHeading(w, c.HeadingLevel)
		}
	case Details:
		if entering {
			_, _ = w.WriteString("<summary class=\"nhsuk-details__summary\">\n<span class=\"nhsuk-details__summary-text\">")
		} else {
			_, _ = w.WriteString("</span>\n</summary>\n<div class=\"nhsuk-details__text\">\n")
		}
	default:
		// Inset text has no heading, and an unknown kind has no wrapper;
		// both are reported as problems.
		return ast.WalkSkipChildren, nil
	}
	return ast.WalkContinue, nil
}

// mentionsImportant applies NHS.UK frontend's rule: a warning heading that
// already says "important" gets no visually hidden "Important: " prefix.
func mentionsImportant(title ast.Node, source []byte) bool {
	lines := title.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		if bytes.Contains(bytes.ToLower(seg.Value(source)), []byte("important")) {
			return true
		}
	}
	return false
}

func (r nodeRenderer) renderIcon(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	svg := r.icons.Tick
	if node.(*Icon).Cross {
		svg = r.icons.Cross
	}
	if svg != "" {
		_, _ = w.WriteString(svg)
		_ = w.WriteByte('\n')
	}
	return ast.WalkSkipChildren, nil
}
