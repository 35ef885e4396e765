package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Extract turns rendered HTML (a page's Content, or a part of a built
// page) into plain text. Block elements and line breaks separate words;
// the content of script, style and template elements is left out,
// because a reader never sees it.
func Extract(content string) PageText {
	var heads, body strings.Builder
	z := xhtml.NewTokenizer(strings.NewReader(content))
	skip := 0    // depth inside elements whose text is not read
	heading := 0 // depth inside h1–h6
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			return PageText{Headings: squash(heads.String()), Body: squash(body.String())}
		case xhtml.TextToken:
			if skip > 0 {
				continue
			}
			// The tokenizer has already unescaped entities in text.
			if heading > 0 {
				heads.Write(z.Text())
			} else {
				body.Write(z.Text())
			}
		case xhtml.StartTagToken, xhtml.EndTagToken, xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			delta := 0
			switch tt {
			case xhtml.StartTagToken:
				delta = 1
			case xhtml.EndTagToken:
				delta = -1
			}
			switch {
			case a == atom.Script || a == atom.Style || a == atom.Template:
				skip = max(skip+delta, 0)
			case isHeading(a):
				heading = max(heading+delta, 0)
				heads.WriteByte(' ')
				body.WriteByte(' ')
			case separates(a):
				body.WriteByte(' ')
			}
		}
	}
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
// ends, as strings.Join(strings.Fields(s), " ") does, in one pass.
func squash(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			i += n
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteString(s[i : i+n]) // the bytes as they are, valid or not
		i += n
	}
	return b.String()
}
