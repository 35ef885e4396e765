package callout

import (
	"github.com/yuin/goldmark/ast"
)

// Variant is a kind of callout.
type Variant int

// The callout kinds, after the NHS.UK frontend components they render as.
const (
	// Unknown is a callout whose kind was not recognised; it is reported as
	// a problem and its body rendered without a wrapper.
	Unknown Variant = iota
	Inset
	Warning
	Details
	Do
	Dont
)

// variants maps the names an author may write, in lower case, to variants.
var variants = map[string]Variant{
	"inset":   Inset,
	"warning": Warning,
	"details": Details,
	"do":      Do,
	"dont":    Dont,
	"don't":   Dont,
	"don’t":   Dont, // with a typographic apostrophe, as word processors type it
}

// names lists the kinds for messages and suggestions, in documentation order.
var names = []string{"inset", "warning", "details", "do", "dont"}

func (v Variant) String() string {
	if v >= Inset && int(v) <= len(names) {
		return names[v-1]
	}
	return "unknown"
}

// needsTitle reports whether the kind requires a heading on its opening line.
func (v Variant) needsTitle() bool { return v == Warning || v == Details }

// Callout is a callout block. Its children are an optional Title followed by
// the body's blocks.
type Callout struct {
	ast.BaseBlock
	// Variant is the kind of callout.
	Variant Variant
	// HeadingLevel is the level (2 to 4) of the card heading of warning, do
	// and dont callouts, set after parsing from the headings before it.
	HeadingLevel int
	// name is the kind as the author wrote it, for messages.
	name string
	// fenceOffset is the byte offset of the opening line's first colon.
	fenceOffset int
	// closed is set when a closing fence ended the callout.
	closed bool
}

// KindCallout is the ast.NodeKind of Callout.
var KindCallout = ast.NewNodeKind("Callout")

// Kind implements ast.Node.
func (n *Callout) Kind() ast.NodeKind { return KindCallout }

// Dump implements ast.Node.
func (n *Callout) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Variant": n.Variant.String()}, nil)
}

// Title returns the callout's heading, or nil if it has none.
func (n *Callout) Title() *Title {
	t, _ := n.FirstChild().(*Title)
	return t
}

// Title is the heading written after the kind on a callout's opening line:
// the warning's heading, the details summary, a do or don't list's heading.
// It holds inline Markdown.
type Title struct {
	ast.BaseBlock
}

// KindTitle is the ast.NodeKind of Title.
var KindTitle = ast.NewNodeKind("CalloutTitle")

// Kind implements ast.Node.
func (n *Title) Kind() ast.NodeKind { return KindTitle }

// Dump implements ast.Node.
func (n *Title) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// Icon is the tick or cross at the start of an item of a do or don't list.
type Icon struct {
	ast.BaseInline
	// Cross is true for a don't list's cross, false for a do list's tick.
	Cross bool
}

// KindIcon is the ast.NodeKind of Icon.
var KindIcon = ast.NewNodeKind("CalloutIcon")

// Kind implements ast.Node.
func (n *Icon) Kind() ast.NodeKind { return KindIcon }

// Dump implements ast.Node.
func (n *Icon) Dump(source []byte, level int) {
	v := "tick"
	if n.Cross {
		v = "cross"
	}
	ast.DumpHelper(n, source, level, map[string]string{"Icon": v}, nil)
}
