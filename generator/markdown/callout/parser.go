package callout

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/plinth-ssg/plinth/generator/suggest"
)

// MaxDepth is how deeply callouts may nest. Real pages need two or three
// levels (an inset inside a details element); the limit is there because
// each open block costs goldmark work on every line, so thousands of
// nested fences, which cost a few bytes each, would take minutes and
// gigabytes to parse.
const MaxDepth = 10

// refusedKey counts the callouts refused for nesting too deeply and not yet
// matched by a closing fence, so that their closing fences pass quietly
// rather than each being reported as closing nothing.
var refusedKey = parser.NewContextKey()

// blockParser parses ":::kind heading" … ":::" blocks.
type blockParser struct{}

// Trigger implements parser.BlockParser.
func (blockParser) Trigger() []byte { return []byte{':'} }

// fence measures a line of colons starting at pos: it returns the number of
// colons (0 if fewer than three) and the index just after them.
func fence(line []byte, pos int) (n, end int) {
	end = pos
	for end < len(line) && line[end] == ':' {
		end++
	}
	if end-pos < 3 {
		return 0, pos
	}
	return end - pos, end
}

// Open implements parser.BlockParser.
func (blockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos >= len(line) || line[pos] != ':' {
		return nil, parser.NoChildren
	}
	n, end := fence(line, pos)
	if n == 0 {
		return nil, parser.NoChildren
	}
	// offset turns an index in line into a byte offset in the source; a
	// line starting inside a tab carries Padding extra spaces in front.
	offset := func(i int) int { return seg.Start - seg.Padding + i }

	word := end + util.TrimLeftSpaceLength(line[end:])
	wordEnd := word
	for wordEnd < len(line) && !util.IsSpace(line[wordEnd]) {
		wordEnd++
	}
	refused, _ := pc.Get(refusedKey).(int)
	if word == wordEnd {
		// A bare fence here closes nothing: a callout's own closing fence
		// is consumed by Continue before blocks are opened.
		if refused > 0 {
			pc.Set(refusedKey, refused-1) // reported when it was opened
			return nil, parser.NoChildren
		}
		addProblem(pc, offset(pos),
			"delete this line, or add the kind of callout after the colons, for example \":::inset\"",
			"this %q closes nothing: there is no callout open here", strings.Repeat(":", n))
		return nil, parser.NoChildren
	}

	if depth(pc) >= MaxDepth {
		if refused == 0 {
			addProblem(pc, offset(pos),
				"close some of the callouts around this one first: a callout inside a callout inside a callout is already hard to read",
				"callouts are nested more than %d deep here", MaxDepth)
		}
		pc.Set(refusedKey, refused+1)
		return nil, parser.NoChildren
	}

	name := string(line[word:wordEnd])
	node := &Callout{Variant: variants[strings.ToLower(name)], name: name, fenceOffset: offset(pos)}
	if node.Variant == Unknown {
		addProblem(pc, offset(word), unknownHint(name), "%q is not a kind of callout", name)
	}

	rest := line[wordEnd:]
	left, right := util.TrimLeftSpaceLength(rest), util.TrimRightSpaceLength(rest)
	if left < len(rest)-right {
		title := &Title{}
		title.Lines().Append(text.NewSegment(offset(wordEnd+left), offset(len(line)-right)))
		node.AppendChild(node, title)
	}
	reader.AdvanceToEOL()
	return node, parser.HasChildren
}

// depth counts the callouts open around the current line.
func depth(pc parser.Context) int {
	n := 0
	for _, b := range pc.OpenedBlocks() {
		if _, ok := b.Node.(*Callout); ok {
			n++
		}
	}
	return n
}

// unknownHint suggests the nearest kind name, if one is close enough to be a
// typing mistake.
func unknownHint(name string) string {
	best := suggest.Nearest(name, names, 2)
	list := "the kinds are " + strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	if best != "" {
		return fmt.Sprintf("did you mean %q? (%s)", ":::"+best, list)
	}
	return list
}

// Continue implements parser.BlockParser. A line of colons closes the
// innermost open callout; outer callouts and open fenced code blocks let it
// through (to the inner callout, or as code).
func (blockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	w, pos := util.IndentWidth(line, reader.LineOffset())
	if w < 4 {
		if n, end := fence(line, pos); n > 0 && util.IsBlank(line[end:]) && innermost(node, pc) {
			node.(*Callout).closed = true
			reader.AdvanceToEOL()
			return parser.Close
		}
	}
	return parser.Continue | parser.HasChildren
}

// innermost reports whether node is the callout a closing fence belongs to:
// no other callout is open inside it, and the line is not inside a fenced
// code block. It looks from the innermost open block outwards, so that each
// line costs a step or two however deeply callouts are nested (looking from
// the outside in made 3,000 nested callouts take seconds).
func innermost(node ast.Node, pc parser.Context) bool {
	open := pc.OpenedBlocks()
	for i := len(open) - 1; i >= 0; i-- {
		switch open[i].Node.(type) {
		case *Callout, *ast.FencedCodeBlock:
			return open[i].Node == node
		}
	}
	return false
}

// Close implements parser.BlockParser.
func (blockParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	c := node.(*Callout)
	if !c.closed {
		addProblem(pc, c.fenceOffset,
			"add a line with just \":::\" where the callout should end (inside a list or quote, the callout must end inside it too)",
			"the %q callout starting here is never closed", ":::"+c.name)
	}
}

// CanInterruptParagraph implements parser.BlockParser: like a fenced code
// block, a callout may start straight after a paragraph line.
func (blockParser) CanInterruptParagraph() bool { return true }

// CanAcceptIndentedLine implements parser.BlockParser: a fence indented by
// four spaces or more is code.
func (blockParser) CanAcceptIndentedLine() bool { return false }

// startsWith reports whether s starts with prefix, ignoring case.
func startsWith(s []byte, prefix string) bool {
	return len(s) >= len(prefix) && bytes.EqualFold(s[:len(prefix)], []byte(prefix)) &&
		(len(s) == len(prefix) || !isLetter(s[len(prefix):]))
}

func isLetter(b []byte) bool {
	r, _ := utf8.DecodeRune(b)
	return r != utf8.RuneError && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
}
