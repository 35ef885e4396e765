// Package markup reads HTML and XML as a stream of tokens with byte
// offsets. Every built HTML file is read by it once, and the checks that
// need the file's markup (the output policy, the link check, the
// identifier scan) and the search index's text extraction all consume that
// one stream, instead of each parsing the file again.
//
// # Contract
//
// Each calls a function with every token of a file, in order: text,
// start, end and self-closing tags with their attributes, comments,
// doctypes, CDATA sections and the contents of raw-text elements. Tokens
// cover the file without gaps or overlaps, except that "</>" (which
// browsers ignore) yields no token. Every offset is a byte offset in the
// file, and every byte slice is a view of the file itself: nothing is
// copied or decoded (character references are left for the consumer, who
// may need the offsets of the characters they stand for).
//
// Tags and attributes are split as the WHATWG tokenizer splits them (the
// same rules as golang.org/x/net/html's Tokenizer): a tag name runs to
// white space, "/" or ">"; attribute values may be quoted with either
// quote or unquoted; a ">" inside a quoted value does not end the tag.
// In HTML, the contents of script, style, iframe, noembed, noframes,
// noscript, xmp, title and textarea, up to their end tag, are one RawText
// token (title and textarea's references are decoded by browsers:
// Token.Escapable), and plaintext runs to the end. Unlike a browser, a
// script's contents end at the first "</script" whatever the script's own
// comments say, and an unterminated tag at the end of the file is still a
// tag (its attributes are read to the end), so that no text escapes the
// checks. In XML, only script and style (SVG's) are raw text, and CDATA
// sections are read as such.
package markup

import (
	"bytes"
)

// Kind is what a token is.
type Kind uint8

// The kinds of token.
const (
	// Text is character data between tags, character references not
	// decoded.
	Text Kind = iota + 1
	// StartTag, EndTag and SelfClosingTag are tags ("<p class=x>",
	// "</p>", "<br/>").
	StartTag
	EndTag
	SelfClosingTag
	// Comment is "<!-- … -->", or a bogus comment such as "<?x>" or
	// "</1>"; Data is what lies between the delimiters.
	Comment
	// Doctype is "<!DOCTYPE …>".
	Doctype
	// CDATA is an XML "<![CDATA[ … ]]>" section; Data is its contents.
	CDATA
	// RawText is the contents of a raw-text element (see the package
	// documentation); Name is the element's name.
	RawText
)

// Token is one token of a file. The Token passed to the function given to
// Each, and every slice in it, is valid only until the function returns.
type Token struct {
	Kind Kind
	// Start and End delimit the whole token in the file, and Raw is its
	// bytes as written.
	Start, End int
	Raw        []byte
	// Name is a tag's name as written (for RawText, the element's), or
	// nil.
	Name []byte
	// Data is the contents of a text, comment, CDATA or raw-text token,
	// starting at offset DataStart in the file.
	Data      []byte
	DataStart int
	// Attrs are a start or self-closing tag's attributes, in order.
	Attrs []Attr
	// Escapable reports raw text whose character references a browser
	// decodes (the contents of title and textarea).
	Escapable bool
}

// Attr is one attribute of a tag.
type Attr struct {
	// Key is the name as written; Val the value as written, without its
	// quotes, at offset ValStart in the file (ValStart is -1 when the
	// attribute has no value, as in <input disabled>).
	Key      []byte
	Val      []byte
	KeyStart int
	ValStart int
}

// HasValue reports whether the attribute was given a value.
func (a Attr) HasValue() bool { return a.ValStart >= 0 }

// Is reports whether the attribute's name is key, ignoring ASCII case;
// key must be lower case.
func (a Attr) Is(key string) bool { return equalFold(a.Key, key) }

// Is reports whether the token's name is name, ignoring ASCII case; name
// must be lower case.
func (t *Token) Is(name string) bool { return equalFold(t.Name, name) }

// Attr returns the value of the first attribute named key (lower case),
// as written, and whether there is one with a value.
func (t *Token) Attr(key string) ([]byte, bool) {
	for _, a := range t.Attrs {
		if a.Is(key) {
			return a.Val, a.HasValue()
		}
	}
	return nil, false
}

// Mode says whether a file is HTML or XML.
type Mode uint8

// The modes.
const (
	HTML Mode = iota
	XML
)

// Each calls f with every token of data, in order.
func Each(data []byte, mode Mode, f func(t *Token)) {
	l := lexer{data: data, mode: mode, f: f}
	l.run()
}

type lexer struct {
	data []byte
	mode Mode
	f    func(*Token)
	tok  Token
	// attrs is reused from tag to tag.
	attrs []Attr
}

func (l *lexer) emit(kind Kind, start, end int, name, data []byte, dataStart int) {
	l.f(l.set(kind, start, end, name, data, dataStart, nil, false))
}

// set makes l.tok the given token, field by field, and returns it.
// Assigning a whole Token to l.tok (which lives on the heap, since the
// consumer is handed a pointer to it) copies it through the runtime's
// bulk write barrier, which was a third of the lexer's time.
func (l *lexer) set(kind Kind, start, end int, name, data []byte, dataStart int, attrs []Attr, escapable bool) *Token {
	t := &l.tok
	t.Kind, t.Start, t.End, t.Raw = kind, start, end, l.data[start:end]
	t.Name, t.Data, t.DataStart = name, data, dataStart
	t.Attrs, t.Escapable = attrs, escapable
	return t
}

func (l *lexer) run() {
	data := l.data
	text := 0 // where the pending text began
	for i := 0; i < len(data); {
		k := bytes.IndexByte(data[i:], '<')
		if k < 0 {
			break
		}
		lt := i + k
		end, ok := l.markup(lt, text)
		if !ok {
			i = lt + 1 // "a < b": the "<" is text
			continue
		}
		i, text = end, end
	}
	if text < len(data) {
		l.emit(Text, text, len(data), nil, data[text:], text)
	}
}

// markup reads the markup at data[lt] ('<'), first emitting the text since
// text, and returns the offset after it; ok is false if lt does not start
// markup.
func (l *lexer) markup(lt, text int) (end int, ok bool) {
	data := l.data
	if lt+1 >= len(data) {
		return 0, false
	}
	c := data[lt+1]
	switch {
	case isLetter(c):
		l.flushText(text, lt)
		return l.startTag(lt), true
	case c == '/':
		if lt+2 >= len(data) {
			return 0, false
		}
		switch d := data[lt+2]; {
		case isLetter(d):
			l.flushText(text, lt)
			return l.endTag(lt), true
		case d == '>':
			l.flushText(text, lt)
			return lt + 3, true // "</>" is ignored
		}
		l.flushText(text, lt)
		return l.bogusComment(lt, lt+2), true
	case c == '!':
		l.flushText(text, lt)
		return l.declaration(lt), true
	case c == '?':
		l.flushText(text, lt)
		return l.bogusComment(lt, lt+1), true
	}
	return 0, false
}

func (l *lexer) flushText(from, to int) {
	if to > from {
		l.emit(Text, from, to, nil, l.data[from:to], from)
	}
}

// declaration reads "<!…": a comment, a doctype, a CDATA section (XML) or a
// bogus comment.
func (l *lexer) declaration(lt int) int {
	data := l.data
	rest := data[lt+2:]
	switch {
	case bytes.HasPrefix(rest, []byte("--")):
		return l.comment(lt)
	case len(rest) >= 7 && equalFold(rest[:7], "doctype"):
		end := closeAngle(data, lt+2)
		l.emit(Doctype, lt, end, nil, data[lt+2:max(lt+2, end-1)], lt+2)
		return end
	case l.mode == XML && bytes.HasPrefix(rest, []byte("[CDATA[")):
		from := lt + 9
		stop := indexFrom(data, from, "]]>")
		end := min(stop+3, len(data))
		l.emit(CDATA, lt, end, nil, data[from:stop], from)
		return end
	}
	return l.bogusComment(lt, lt+2)
}

// comment reads "<!--" to the first "-->" or "--!>"; "<!-->" and "<!--->"
// are empty comments, and an unterminated comment runs to the end.
func (l *lexer) comment(lt int) int {
	data := l.data
	from := lt + 4
	for _, empty := range []string{">", "->"} {
		if bytes.HasPrefix(data[from:], []byte(empty)) {
			end := from + len(empty)
			l.emit(Comment, lt, end, nil, data[from:from], from)
			return end
		}
	}
	for i := from; i < len(data); {
		k := bytes.Index(data[i:], []byte("--"))
		if k < 0 {
			break
		}
		j := i + k
		// Skip a run of dashes: "--->" ends the comment too.
		d := j + 2
		for d < len(data) && data[d] == '-' {
			d++
		}
		switch {
		case d < len(data) && data[d] == '>':
			l.emit(Comment, lt, d+1, nil, data[from:d-2], from)
			return d + 1
		case d+1 < len(data) && data[d] == '!' && data[d+1] == '>':
			l.emit(Comment, lt, d+2, nil, data[from:d-2], from)
			return d + 2
		}
		i = d
	}
	l.emit(Comment, lt, len(data), nil, data[from:], from)
	return len(data)
}

// bogusComment reads "<?…>", "<!…>" or "</…>" to the next ">"; its data
// starts at from.
func (l *lexer) bogusComment(lt, from int) int {
	end := closeAngle(l.data, from)
	l.emit(Comment, lt, end, nil, l.data[from:max(from, end-1)], from)
	return end
}

// closeAngle returns the offset after the next ">" at or after from, or
// the end of data.
func closeAngle(data []byte, from int) int {
	if k := bytes.IndexByte(data[from:], '>'); k >= 0 {
		return from + k + 1
	}
	return len(data)
}

// endTag reads "</name …>"; its attributes are read and dropped, as
// browsers do.
func (l *lexer) endTag(lt int) int {
	nameStart := lt + 2
	nameEnd := tagNameEnd(l.data, nameStart)
	end, _ := l.attributes(nameEnd, false)
	l.f(l.set(EndTag, lt, end, l.data[nameStart:nameEnd], nil, 0, nil, false))
	return end
}

// startTag reads "<name …>" or "<name …/>", then the raw text of a
// raw-text element.
func (l *lexer) startTag(lt int) int {
	data := l.data
	nameStart := lt + 1
	nameEnd := tagNameEnd(data, nameStart)
	end, attrs := l.attributes(nameEnd, true)
	kind := StartTag
	if end-lt >= 3 && data[end-1] == '>' && data[end-2] == '/' {
		kind = SelfClosingTag
	}
	name := data[nameStart:nameEnd]
	l.f(l.set(kind, lt, end, name, nil, 0, attrs, false))
	if kind != StartTag {
		return end
	}
	raw, escapable := rawElement(name, l.mode)
	if !raw {
		return end
	}
	stop := len(data)
	if !equalFold(name, "plaintext") {
		stop = rawEnd(data, end, name)
	}
	if stop > end {
		l.f(l.set(RawText, end, stop, name, data[end:stop], end, nil, escapable))
	}
	return stop
}

// tagNameEnd returns where a tag name starting at i ends.
func tagNameEnd(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\n', '\r', '\t', '\f', '/', '>':
			return i
		}
		i++
	}
	return i
}

// attributes reads a tag's attributes from i to its ">", returning the
// offset after the tag and (if keep) the attributes.
func (l *lexer) attributes(i int, keep bool) (int, []Attr) {
	data := l.data
	l.attrs = l.attrs[:0]
	for {
		i = skipSpace(data, i)
		if i >= len(data) {
			return i, l.attrs
		}
		if data[i] == '>' {
			return i + 1, l.attrs
		}
		if data[i] == '/' {
			i++
			continue
		}
		// The name: an "=" is part of it only as its first character.
		keyStart := i
		i++
	name:
		for i < len(data) {
			switch data[i] {
			case ' ', '\n', '\r', '\t', '\f', '/', '>', '=':
				break name
			}
			i++
		}
		a := Attr{Key: data[keyStart:i], KeyStart: keyStart, ValStart: -1}
		j := skipSpace(data, i)
		if j < len(data) && data[j] == '=' {
			j = skipSpace(data, j+1)
			switch {
			case j >= len(data):
				i = j
			case data[j] == '>':
				i = j // "a= >": no value
			case data[j] == '"' || data[j] == '\'':
				stop, next := len(data), len(data) // unterminated: to the end
				if k := bytes.IndexByte(data[j+1:], data[j]); k >= 0 {
					stop = j + 1 + k
					next = stop + 1
				}
				i = next
				a.Val, a.ValStart = data[j+1:stop], j+1
			default:
				stop := j
				for stop < len(data) && !isSpace(data[stop]) && data[stop] != '>' {
					stop++
				}
				a.Val, a.ValStart = data[j:stop], j
				i = stop
			}
		}
		if keep {
			// Field by field, as in set: appending a whole Attr copies it
			// through the runtime's bulk write barrier.
			n := len(l.attrs)
			if n < cap(l.attrs) {
				l.attrs = l.attrs[:n+1]
			} else {
				l.attrs = append(l.attrs, Attr{})
			}
			at := &l.attrs[n]
			at.Key, at.Val, at.KeyStart, at.ValStart = a.Key, a.Val, a.KeyStart, a.ValStart
		}
	}
}

// rawElement reports whether an element's contents are raw text, and
// whether browsers decode character references in them.
func rawElement(name []byte, mode Mode) (raw, escapable bool) {
	if len(name) < 3 || len(name) > 9 {
		return false, false
	}
	var buf [9]byte
	for i, c := range name {
		buf[i] = lower(c)
	}
	switch string(buf[:len(name)]) {
	case "script", "style":
		return true, false
	case "iframe", "noembed", "noframes", "noscript", "plaintext", "xmp":
		return mode == HTML, false
	case "title", "textarea":
		return mode == HTML, true
	}
	return false, false
}

// rawEnd returns where the raw text of element name, starting at from,
// ends: at "</name" followed by white space, "/" or ">", else the end.
func rawEnd(data []byte, from int, name []byte) int {
	for i := from; i < len(data); {
		k := bytes.Index(data[i:], []byte("</"))
		if k < 0 {
			break
		}
		j := i + k
		e := j + 2 + len(name)
		if e <= len(data) && bytes.EqualFold(data[j+2:e], name) && (e == len(data) || isSpace(data[e]) || data[e] == '/' || data[e] == '>') {
			return j
		}
		i = j + 2
	}
	return len(data)
}

func indexFrom(data []byte, from int, s string) int {
	if k := bytes.Index(data[from:], []byte(s)); k >= 0 {
		return from + k
	}
	return len(data)
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && isSpace(data[i]) {
		i++
	}
	return i
}

func isSpace(c byte) bool  { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' }
func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// equalFold reports whether b equals the lower-case ASCII s, ignoring
// ASCII case, without allocating.
func equalFold(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := range len(b) {
		if lower(b[i]) != s[i] {
			return false
		}
	}
	return true
}
