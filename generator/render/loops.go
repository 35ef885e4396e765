package render

import (
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
}

// endlessCalls finds the loops among trees (a page layout's templates by
// name), each once, in the order of the templates' names. A call inside
// an if, range or with is not followed: such a call may stop (a partial
// drawing nested menus calls itself for each submenu), and whether it
// does is for the data to say.
func endlessCalls(trees map[string]*parse.Tree) []loop {
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
		for _, call := range unconditionalCalls(t.Root) {
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
