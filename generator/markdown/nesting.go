package markdown

import (
	"bytes"
	"fmt"
)

// Limits on how deeply block quotes and lists nest. Real pages nest two or
// three levels; goldmark takes time that grows much faster than the depth
// (2,000 nested list items: 65 s for one page; 100,000 ">" on one line:
// 40 s), so a few kilobytes pasted or typed by mistake could stall a build
// or a preview.
const (
	// MaxQuoteDepth is how many ">" may start a line.
	MaxQuoteDepth = 20
	// MaxListIndent is how many columns a list item or a quote may be
	// indented (a tab counting as 4): about 30 levels of nested lists.
	MaxListIndent = 100
	// MaxFootnotes is how many footnotes ("[^1]: the note") a page may
	// define. Real pages have a few dozen; goldmark's footnotes take time
	// that grows with the square of their number (100,000 on one page:
	// four minutes).
	MaxFootnotes = 1000
	// MaxLinkDefinitions is how many link definitions ("[name]: address",
	// for links written [text][name]) a page may have. goldmark reads a
	// run of them in time growing with the square of their number
	// (100,000: 20 s).
	MaxLinkDefinitions = 1000
)

// tooDeep returns the offset in body of the first line that nests block
// quotes or lists beyond the limits, or defines a footnote beyond
// MaxFootnotes, with what is wrong and how to fix it; -1 if none does.
// Lines inside fenced code blocks are code, not nesting, and are passed
// over.
func tooDeep(body []byte) (offset int, msg, hint string) {
	fence := []byte(nil)
	footnotes, definitions := 0, 0
	for start := 0; start < len(body); {
		end := bytes.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += start
		}
		line := body[start:end]
		indent, i := 0, 0
		for ; i < len(line) && (line[i] == ' ' || line[i] == '\t'); i++ {
			if line[i] == '\t' {
				indent += 4 - indent%4
			} else {
				indent++
			}
		}
		rest := line[i:]
		switch {
		case fence != nil:
			if bytes.HasPrefix(rest, fence) {
				fence = nil
			}
		case bytes.HasPrefix(rest, []byte("```")) || bytes.HasPrefix(rest, []byte("~~~")):
			fence = rest[:3]
		case indent < 4 && isFootnote(rest):
			if footnotes++; footnotes > MaxFootnotes {
				return start, fmt.Sprintf("this page defines more than %d footnotes ([^…]: at the start of a line); at most %d are allowed", MaxFootnotes, MaxFootnotes),
					"a page with this many notes is hard to read: split it into several pages, or write the notes as a numbered list under a heading such as \"Notes\""
			}
		case indent < 4 && isLinkDefinition(rest):
			if definitions++; definitions > MaxLinkDefinitions {
				return start, fmt.Sprintf("this page has more than %d link definitions ([name]: address at the start of a line); at most %d are allowed", MaxLinkDefinitions, MaxLinkDefinitions),
					"write each link where it is used, like [the guidance](induction.md), or split the page into several pages"
			}
		case len(rest) > 0 && (rest[0] == '>' || isListMarker(rest)):
			if indent > MaxListIndent {
				return start, fmt.Sprintf("this line is indented %d spaces, which nests lists or quotes more than Markdown pages ever need", indent),
					"lists and quotes inside each other may be indented at most " + fmt.Sprint(MaxListIndent) + " spaces; move this text out to the left"
			}
			if n := quoteDepth(rest); n > MaxQuoteDepth {
				return start, fmt.Sprintf("this line starts %d quotes inside each other (>); at most %d are allowed", n, MaxQuoteDepth),
					"a > at the start of a line makes a quotation; delete the extra > characters"
			}
		}
		start = end + 1
	}
	return -1, "", ""
}

// quoteDepth counts the ">" markers at the start of s, spaces between them
// allowed.
func quoteDepth(s []byte) int {
	n := 0
	for _, c := range s {
		switch c {
		case '>':
			n++
		case ' ', '\t':
		default:
			return n
		}
	}
	return n
}

// isListMarker reports whether s starts with a list item's marker: -, *
// or + followed by a space, or a number followed by . or ) and a space.
func isListMarker(s []byte) bool {
	if len(s) >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && (s[1] == ' ' || s[1] == '\t') {
		return true
	}
	i := 0
	for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(s) && (s[i] == '.' || s[i] == ')') && (s[i+1] == ' ' || s[i+1] == '\t')
}

// isFootnote reports whether s starts a footnote's definition: "[^", a
// label with no "]", then "]:".
func isFootnote(s []byte) bool {
	return bytes.HasPrefix(s, []byte("[^")) && isLinkDefinition(s)
}

// isLinkDefinition reports whether s starts a link definition or a
// footnote's: "[", a label with no "]", then "]:".
func isLinkDefinition(s []byte) bool {
	if len(s) < 4 || s[0] != '[' {
		return false
	}
	end := bytes.IndexByte(s, ']')
	return end > 1 && end+1 < len(s) && s[end+1] == ':'
}
