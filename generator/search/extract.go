package search

import (
	"bytes"
	"html"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html/atom"

	"github.com/plinth-ssg/plinth/generator/markup"
)

// Text is a page's body as the index reads it: its headings apart (they
// weigh more in the ranking than running text) and everything else, each
// with its white space squashed.
type Text struct {
	Headings string
	Body     string
}

// TextReader collects a page's Text from the tokens of its rendered body
// (markup.Each), so that the index reads the same pass over the built page
// as the checks. Block elements and line breaks separate words; the
// content of script, style and template elements is left out, because a
// reader never sees it.
type TextReader struct {
	// heads and body are the text as written, white space and all, in
	// buffers lent by scratch until Text squashes them into strings: a
	// page's text, grown from nothing in a buffer of its own, would be
	// allocated several times over, for every page.
	heads, body *[]byte
	skip        int // depth inside elements whose text is not read
	heading     int // depth inside h1–h6
}

// scratch lends TextReaders their buffers.
var scratch = sync.Pool{New: func() any { return new([]byte) }}

// buffer returns *b, borrowing it first if need be.
func buffer(b **[]byte) *[]byte {
	if *b == nil {
		*b = scratch.Get().(*[]byte)
		**b = (**b)[:0]
	}
	return *b
}

// Token reads the next token of the body.
func (r *TextReader) Token(t *markup.Token) {
	switch t.Kind {
	case markup.Text:
		r.text(t.Data, true)
	case markup.RawText:
		// The contents of title and textarea are text; those of script
		// and style are skipped with their element, and the rest (such
		// as noscript) are read as they are written.
		r.text(t.Data, t.Escapable)
	case markup.StartTag, markup.EndTag, markup.SelfClosingTag:
		a := lookupAtom(t.Name)
		delta := 0
		switch t.Kind {
		case markup.StartTag:
			delta = 1
		case markup.EndTag:
			delta = -1
		}
		switch {
		case a == atom.Script || a == atom.Style || a == atom.Template:
			r.skip = max(r.skip+delta, 0)
		case isHeading(a):
			r.heading = max(r.heading+delta, 0)
			write(&r.heads, " ")
			write(&r.body, " ")
		case separates(a):
			write(&r.body, " ")
		}
	}
}

func (r *TextReader) text(data []byte, escaped bool) {
	if r.skip > 0 {
		return
	}
	w := &r.body
	if r.heading > 0 {
		w = &r.heads
	}
	if escaped && bytes.IndexByte(data, '&') >= 0 {
		write(w, html.UnescapeString(string(data)))
		return
	}
	write(w, data)
}

// write appends data to the buffer *w.
func write[T ~string | ~[]byte](w **[]byte, data T) {
	b := buffer(w)
	*b = append(*b, data...)
}

// Text returns what the reader collected, and gives its buffers back: the
// reader starts again empty.
func (r *TextReader) Text() Text {
	t := Text{Headings: r.squashed(&r.heads), Body: r.squashed(&r.body)}
	r.skip, r.heading = 0, 0
	return t
}

func (r *TextReader) squashed(b **[]byte) string {
	if *b == nil {
		return ""
	}
	s := squash(**b)
	scratch.Put(*b)
	*b = nil
	return s
}

// Extract reads a page's rendered body (Page.Content) on its own, for a
// page whose body the pass over its built file could not find.
func Extract(content string) Text {
	var r TextReader
	markup.Each([]byte(content), markup.HTML, r.Token)
	return r.Text()
}

// lookupAtom returns the atom of a tag name written in any case. The name
// is lowered in a buffer on the stack: bytes.ToLower would copy every tag
// name of every page, even when it is lower case already.
func lookupAtom(name []byte) atom.Atom {
	var buf [32]byte // longer than any element's name
	if len(name) > len(buf) {
		return atom.Lookup(bytes.ToLower(name))
	}
	lower := buf[:len(name)]
	for i, c := range name {
		switch {
		case c >= utf8.RuneSelf:
			// Some letters beyond ASCII lower to ASCII ones (the
			// Kelvin sign to k): bytes.ToLower knows them.
			return atom.Lookup(bytes.ToLower(name))
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	return atom.Lookup(lower)
}

func isHeading(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// separates reports whether an element's edges separate words: block
// elements, table cells, line breaks and images. Inline elements (a, em,
// strong, code, mark, abbr…) do not, so "<em>learn</em>ers" stays a word.
func separates(a atom.Atom) bool {
	switch a {
	case atom.A, atom.Abbr, atom.B, atom.Bdi, atom.Bdo, atom.Cite, atom.Code, atom.Data, atom.Del, atom.Dfn,
		atom.Em, atom.I, atom.Ins, atom.Kbd, atom.Mark, atom.Q, atom.S, atom.Samp, atom.Small, atom.Span,
		atom.Strong, atom.Sub, atom.Sup, atom.Time, atom.U, atom.Var, atom.Wbr:
		return false
	}
	return true
}

// squash collapses every run of white space into one space and trims the
// ends, as strings.Join(strings.Fields(s), " ") does, in one pass that
// copies runs of other characters whole.
func squash(s []byte) string {
	var b strings.Builder
	b.Grow(len(s))
	start := -1 // where the run of other characters being read began
	for i := 0; i < len(s); {
		c, n := s[i], 1
		space := asciiSpace[c]
		if c >= utf8.RuneSelf {
			var r rune
			r, n = utf8.DecodeRune(s[i:])
			space = unicode.IsSpace(r)
		}
		switch {
		case space && start >= 0:
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.Write(s[start:i]) // the bytes as they are, valid or not
			start = -1
		case !space && start < 0:
			start = i
		}
		i += n
	}
	if start >= 0 {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.Write(s[start:])
	}
	return b.String()
}

// asciiSpace marks the ASCII characters unicode.IsSpace reports.
var asciiSpace = [256]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}
