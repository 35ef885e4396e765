package svg

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// node is one element of an SVG document, or a run of text (name "").
type node struct {
	name     string
	attrs    []attr
	children []*node
	text     string
}

type attr struct{ name, value string }

// get returns the value of the attribute called name, and whether it is set.
func (n *node) get(name string) (string, bool) {
	for _, a := range n.attrs {
		if a.name == name {
			return a.value, true
		}
	}
	return "", false
}

// set sets an attribute, replacing its value if it is set already.
func (n *node) set(name, value string) {
	for i := range n.attrs {
		if n.attrs[i].name == name {
			n.attrs[i].value = value
			return
		}
	}
	n.attrs = append(n.attrs, attr{name, value})
}

// del removes an attribute.
func (n *node) del(name string) {
	out := n.attrs[:0]
	for _, a := range n.attrs {
		if a.name != name {
			out = append(out, a)
		}
	}
	n.attrs = out
}

// walk calls f for n and every element below it, parents first.
func (n *node) walk(f func(*node) error) error {
	if n.name == "" {
		return nil
	}
	if err := f(n); err != nil {
		return err
	}
	for _, c := range n.children {
		if err := c.walk(f); err != nil {
			return err
		}
	}
	return nil
}

// parse reads an SVG document into a tree. Attribute names keep their
// prefix as written ("xml:space", "xlink:href").
func parse(doc string) (*node, error) {
	dec := xml.NewDecoder(strings.NewReader(doc))
	dec.Strict = true
	var stack []*node
	var root *node
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("ECharts wrote SVG that does not parse: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &node{name: qname(t.Name)}
			for _, a := range t.Attr {
				n.attrs = append(n.attrs, attr{qname(a.Name), a.Value})
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			} else if root == nil {
				root = n
			} else {
				return nil, errors.New("ECharts wrote more than one root element")
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.children = append(p.children, &node{text: string(t)})
			}
		case xml.ProcInst, xml.Directive:
			return nil, fmt.Errorf("ECharts wrote an unexpected %T", t)
		}
	}
	if root == nil || root.name != "svg" {
		return nil, errors.New("ECharts wrote no <svg> element")
	}
	return root, nil
}

// svgNS is the SVG namespace, the drawing's default.
const svgNS = "http://www.w3.org/2000/svg"

// qname writes a parsed name back as it was written: the decoder turns the
// xml: and xlink: prefixes into namespace URLs.
func qname(n xml.Name) string {
	switch n.Space {
	case "", svgNS:
		return n.Local
	case "http://www.w3.org/XML/1998/namespace", "xml":
		return "xml:" + n.Local
	case "http://www.w3.org/1999/xlink", "xlink":
		return "xlink:" + n.Local
	case "xmlns":
		return "xmlns:" + n.Local
	}
	return n.Space + ":" + n.Local
}

// write serialises the tree as markup for an HTML page: attributes in the
// order they are held, text escaped, every element closed with an end tag.
// Runs of white space between elements are dropped.
func (n *node) write(b *strings.Builder) {
	if n.name == "" {
		if strings.TrimSpace(n.text) != "" || n.text != "" && !strings.ContainsAny(n.text, "\n") {
			b.WriteString(escapeText(n.text))
		}
		return
	}
	b.WriteByte('<')
	b.WriteString(n.name)
	for _, a := range n.attrs {
		b.WriteByte(' ')
		b.WriteString(a.name)
		b.WriteString(`="`)
		b.WriteString(escapeAttr(a.value))
		b.WriteByte('"')
	}
	b.WriteByte('>')
	for _, c := range n.children {
		c.write(b)
	}
	b.WriteString("</")
	b.WriteString(n.name)
	b.WriteByte('>')
}

var (
	textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
)

func escapeText(s string) string { return textEscaper.Replace(s) }
func escapeAttr(s string) string { return attrEscaper.Replace(s) }
