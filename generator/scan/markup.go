package scan

import (
	"bytes"
	"unicode/utf8"

	"github.com/plinth-ssg/plinth/generator/markup"
)

// Inline HTML elements sit inside a run of text: a tag of one of these is
// removed without a word break, so that a name split by formatting
// ("North<b>wick</b>") is still found. Every other tag is a word break
// ("<td>North</td><td>wick</td>" is two words). See tagKind.

// reader normalises the tokens of an HTML or XML file (markup.Each): text
// goes to main; attribute values, comments and the contents of <script>
// and <style> go to side, so that they never join the words around them.
type reader struct {
	main, side *text
	mode       markup.Mode
	// base is added to every offset: the raw contents of elements such as
	// noscript are read again as markup, from their own start.
	base int
}

func (r *reader) token(t *markup.Token) {
	main, side, base := r.main, r.side, r.base
	switch t.Kind {
	case markup.Text:
		main.plain(t.Data, base+t.DataStart)
	case markup.StartTag, markup.SelfClosingTag, markup.EndTag:
		if tagKind(t.Name) != tagInline {
			main.brk(base + t.Start)
		}
		for _, a := range t.Attrs {
			if a.HasValue() {
				side.attribute(a.Val, base+a.ValStart)
				side.brk(base + a.ValStart + len(a.Val))
			}
		}
	case markup.Comment:
		// A doctype, processing instruction or other bogus comment holds
		// no text for readers; a real comment may.
		if bytes.HasPrefix(t.Raw, []byte("<!--")) {
			side.plain(t.Data, base+t.DataStart)
			side.brk(base + t.DataStart + len(t.Data))
		}
	case markup.CDATA:
		main.brk(base + t.Start)
		for k := 0; k < len(t.Data); {
			c, size := utf8.DecodeRune(t.Data[k:])
			main.emit(c, base+t.DataStart+k)
			k += size
		}
		main.brk(base + t.DataStart + len(t.Data))
	case markup.RawText:
		switch kind := tagKind(t.Name); {
		case kind == tagScript:
			side.script(t.Data, base+t.DataStart)
		case kind == tagStyle:
			side.plain(t.Data, base+t.DataStart)
		case t.Escapable:
			main.plain(t.Data, base+t.DataStart) // title, textarea
		default:
			// noscript, iframe and the like hold markup that browsers
			// show without scripting: read it as such.
			inner := reader{main: main, side: side, mode: r.mode, base: base + t.DataStart}
			markup.Each(t.Data, r.mode, inner.token)
			main.brk(base + t.DataStart + len(t.Data))
			return
		}
		side.brk(base + t.DataStart + len(t.Data))
	}
}

// readMarkup reads a whole HTML or XML file into main and side.
func readMarkup(main, side *text, data []byte, mode markup.Mode) {
	r := reader{main: main, side: side, mode: mode}
	markup.Each(data, mode, r.token)
}

// How a tag affects the text around it.
const (
	tagBreak  = iota // a word break
	tagInline        // nothing: the text runs on
	tagScript        // a word break, then script until </script>
	tagStyle         // a word break, then CSS until </style>
)

// tagKind classifies a tag by its name, ignoring case, without allocating
// (the compiler turns string(bytes) in a switch into a view).
func tagKind(name []byte) int {
	var buf [8]byte
	if len(name) > len(buf) {
		return tagBreak
	}
	for i, c := range name {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	switch string(buf[:len(name)]) {
	case "script":
		return tagScript
	case "style":
		return tagStyle
	case "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins",
		"kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr":
		return tagInline
	}
	return tagBreak
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
