package render

import (
	"maps"
	"math"
	"slices"
	"strings"
	"text/template/parse"
)

// loop is a call of a template that leads back, through the templates it
// calls, to the one making it, with no if, range or with on the way: the
// call is made on every run, so a page using it never finishes (text/template
// gives up at a depth of 100,000, after some 20 s and 300 MB for a site of
// ten pages).
type loop struct {
	call  *parse.TemplateNode
	names []string // the templates around the loop, the first repeated last
	// guarded is set for a loop with an if on the way, whose calls all
	// pass on the data they were given ({{ template "x" . }}): the if sees
	// the same data each time round, so once it lets the call through it
	// always will (text/template gave up after 100,000 calls, 8 s and
	// 500 MB later).
	guarded bool
}

// endlessCalls finds the loops among trees (a page layout's templates by
// name), each once, in the order of the templates' names. A call inside
// an if, range or with is not followed: such a call may stop (a partial
// drawing nested menus calls itself for each submenu), and whether it
// does is for the data to say.
func endlessCalls(trees map[string]*parse.Tree) []loop {
	out := loops(trees, unconditionalCalls)
	found := map[*parse.TemplateNode]bool{}
	for _, lp := range out {
		found[lp.call] = true
	}
	for _, lp := range loops(trees, sameDataCalls) {
		if !found[lp.call] {
			lp.guarded = true
			out = append(out, lp)
		}
	}
	return out
}

// loops finds the loops among trees whose calls, each template's calls
// being those calls returns, lead back to where they started.
func loops(trees map[string]*parse.Tree, calls func(*parse.ListNode) []*parse.TemplateNode) []loop {
	var (
		out   []loop
		stack []string
		done  = map[string]bool{}
		seen  = map[*parse.TemplateNode]bool{}
		visit func(name string)
	)
	visit = func(name string) {
		t := trees[name]
		if t == nil || done[name] {
			return
		}
		stack = append(stack, name)
		for _, call := range calls(t.Root) {
			if i := slices.Index(stack, call.Name); i >= 0 {
				if !seen[call] {
					seen[call] = true
					out = append(out, loop{call: call, names: append(slices.Clone(stack[i:]), call.Name)})
				}
				continue
			}
			visit(call.Name)
		}
		stack = stack[:len(stack)-1]
		done[name] = true
	}
	names := make([]string, 0, len(trees))
	for name := range trees {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		visit(name)
	}
	return out
}

// unconditionalCalls returns the {{ template }} calls in a list that run
// whenever the list does.
func unconditionalCalls(list *parse.ListNode) []*parse.TemplateNode {
	if list == nil {
		return nil
	}
	var out []*parse.TemplateNode
	for _, n := range list.Nodes {
		switch n := n.(type) {
		case *parse.TemplateNode:
			out = append(out, n)
		case *parse.ListNode:
			out = append(out, unconditionalCalls(n)...)
		}
	}
	return out
}

// sameDataCalls returns the {{ template }} calls in a list that pass on
// the data the list was given ("." or nothing, the same each time round)
// and run whenever the list does or an if around them holds; not those
// inside range or with, which pass on something else.
func sameDataCalls(list *parse.ListNode) []*parse.TemplateNode {
	if list == nil {
		return nil
	}
	var out []*parse.TemplateNode
	for _, n := range list.Nodes {
		switch n := n.(type) {
		case *parse.TemplateNode:
			if passesDot(n.Pipe) {
				out = append(out, n)
			}
		case *parse.ListNode:
			out = append(out, sameDataCalls(n)...)
		case *parse.IfNode:
			if constant(n.Pipe) {
				// {{ if false }} around a call switches it off; the data
				// has no say.
				continue
			}
			out = append(out, sameDataCalls(n.List)...)
			out = append(out, sameDataCalls(n.ElseList)...)
		}
	}
	return out
}

// constant reports whether a pipeline is a value written in the layout.
func constant(p *parse.PipeNode) bool {
	if p == nil || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return false
	}
	switch p.Cmds[0].Args[0].(type) {
	case *parse.BoolNode, *parse.NumberNode, *parse.StringNode, *parse.NilNode:
		return true
	}
	return false
}

// passesDot reports whether a call's argument is "." or missing.
func passesDot(p *parse.PipeNode) bool {
	if p == nil {
		return true
	}
	if len(p.Decl) > 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return false
	}
	_, ok := p.Cmds[0].Args[0].(*parse.DotNode)
	return ok
}

// loopNames writes a loop's templates as an editor knows them: partials
// by their file under _partials/.
func loopNames(names []string) string {
	shown := make([]string, len(names))
	for i, n := range names {
		if rest, ok := strings.CutPrefix(n, "partials/"); ok {
			n = "_partials/" + rest
		}
		shown[i] = n
	}
	return strings.Join(shown, " → ")
}

// MaxRangeCount is the most times a layout may repeat over numbers it
// writes itself ({{ range 5 }}), counting the ranges of that kind around
// it. A repetition over pages or data is as long as they are; one over a
// number written in the layout is for a few stars or placeholders, but
// {{ range 200000000 }}{{ end }} wrote nothing, so no page grew too
// large, and a build of nine guidance pages ran for 160 s.
const MaxRangeCount = 100_000

// countedRange is a {{ range }} over a number that, with the ranges over
// numbers around it, repeats more than MaxRangeCount times.
type countedRange struct {
	node   *parse.RangeNode
	times  int64
	nested bool // inside other ranges over numbers, which count too
}

// hugeRanges finds the ranges over numbers written in trees that repeat
// more than MaxRangeCount times, in the order of the templates' names.
func hugeRanges(trees map[string]*parse.Tree) []countedRange {
	var out []countedRange
	var walk func(list *parse.ListNode, times int64)
	walk = func(list *parse.ListNode, times int64) {
		if list == nil {
			return
		}
		for _, n := range list.Nodes {
			switch n := n.(type) {
			case *parse.RangeNode:
				inner := times // at most MaxRangeCount, so times*k overflows only for a huge k
				if k, ok := rangeCount(n.Pipe); ok && k > 1 {
					if k > MaxRangeCount/times {
						total := int64(math.MaxInt64)
						if k <= math.MaxInt64/times {
							total = times * k
						}
						out = append(out, countedRange{n, total, times > 1})
						continue
					}
					inner = times * k
				}
				walk(n.List, inner)
				walk(n.ElseList, times)
			case *parse.IfNode:
				walk(n.List, times)
				walk(n.ElseList, times)
			case *parse.WithNode:
				walk(n.List, times)
				walk(n.ElseList, times)
			case *parse.ListNode:
				walk(n, times)
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(trees)) {
		if t := trees[name]; t != nil {
			walk(t.Root, 1)
		}
	}
	return out
}

// rangeCount returns the number a range's pipeline is, if it is a whole
// number written in the layout ({{ range 5 }}, {{ range $i := 5 }}).
func rangeCount(p *parse.PipeNode) (int64, bool) {
	if p == nil || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return 0, false
	}
	n, ok := p.Cmds[0].Args[0].(*parse.NumberNode)
	if !ok || !n.IsInt {
		return 0, false
	}
	return n.Int64, true
}
