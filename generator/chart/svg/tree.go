package svg

import (
	"strings"
	"unicode/utf8"
)

// node is one element of a drawing, or a run of text (name "").
type node struct {
	name     string
	attrs    []attr
	children []*node
	text     string
}

type attr struct{ name, value string }

// el returns an element with the given attributes, as name, value pairs.
func el(name string, kv ...string) *node {
	n := &node{name: name}
	for i := 0; i+1 < len(kv); i += 2 {
		n.attrs = append(n.attrs, attr{kv[i], kv[i+1]})
	}
	return n
}

// set sets an attribute, replacing its value if it is set already.
func (n *node) set(name, value string) *node {
	for i := range n.attrs {
		if n.attrs[i].name == name {
			n.attrs[i].value = value
			return n
		}
	}
	n.attrs = append(n.attrs, attr{name, value})
	return n
}

// write serialises the tree as markup for an HTML page: attributes in the
// order they were set, text escaped, every element closed with an end tag
// (an SVG element in HTML may not be self-closed by a parser's rules).
func (n *node) write(b *strings.Builder) {
	if n.name == "" {
		b.WriteString(escapeText(n.text))
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

func escapeText(s string) string { return textEscaper.Replace(printable(s)) }
func escapeAttr(s string) string { return attrEscaper.Replace(printable(s)) }

// printable replaces what XML cannot carry (invalid UTF-8, control
// characters) with U+FFFD, so that a stray byte in a label never makes a
// drawing unreadable.
func printable(s string) string {
	ok := utf8.ValidString(s) && !strings.ContainsFunc(s, unprintable)
	if ok {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unprintable(r) {
			return utf8.RuneError
		}
		return r
	}, strings.ToValidUTF8(s, string(utf8.RuneError)))
}

func unprintable(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' || r == 0x7F || r == 0xFFFE || r == 0xFFFF
}
