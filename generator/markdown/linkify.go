package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// gfm is goldmark's extension.GFM (linkify, tables, strikethrough, task
// lists, registered in that order, as GFM registers them) with its
// linkify parser behind quickLinkify.
var gfm = extenders{
	extenders{linkifyExtension{}},
	extension.Table,
	extension.Strikethrough,
	extension.TaskList,
}

type extenders []goldmark.Extender

func (es extenders) Extend(m goldmark.Markdown) {
	for _, e := range es {
		e.Extend(m)
	}
}

// linkifyExtension registers quickLinkify where extension.Linkify
// registers goldmark's linkify parser, with the same priority.
type linkifyExtension struct{}

func (linkifyExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(quickLinkify{extension.NewLinkifyParser()}, 999),
	))
}

// quickLinkify is goldmark's linkify parser, asked only where it may find
// something. It is tried after every space of every paragraph (and every
// *, _, ~ and opening parenthesis), and each time it compares prefixes and
// looks for an e-mail address; a link it can make starts with http:,
// https:, ftp: or www. right after the character that triggered it, and an
// address has its @ within the first 65 bytes (util.FindEmailIndex reads
// at most 64 bytes before it). Where neither is so, the parser would find
// nothing, and is not asked.
type quickLinkify struct {
	parser.InlineParser
}

var linkPrefixes = [][]byte{[]byte("http:"), []byte("https:"), []byte("ftp:"), []byte("www.")}

func (q quickLinkify) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if line, _ := block.PeekLine(); !mayLink(line) {
		return nil
	}
	return q.InlineParser.Parse(parent, block, pc)
}

// mayLink reports whether goldmark's linkify parser may find a link at the
// start of line (which starts with the character that triggered it, or
// with the link itself).
func mayLink(line []byte) bool {
	if len(line) == 0 {
		return true // the parser's own business
	}
	switch line[0] {
	case ' ', '*', '_', '~', '(':
		line = line[1:]
	}
	for _, p := range linkPrefixes {
		if bytes.HasPrefix(line, p) {
			return true
		}
	}
	return bytes.IndexByte(line[:min(len(line), 65)], '@') >= 0
}

// SetOption passes on the options goldmark gives the parser.
func (q quickLinkify) SetOption(name parser.OptionName, value any) {
	if so, ok := q.InlineParser.(parser.SetOptioner); ok {
		so.SetOption(name, value)
	}
}
