package render

import (
	"text/template/parse"
)

// bodyFields are the page values derived from a page's Markdown body rather
// than its front matter.
var bodyFields = map[string]bool{
	"Content": true, "TOC": true, "HeadingsAt": true, "WordCount": true, "Body": true, "Source": true,
}

// readsOtherBodies reports whether a layout may show what comes from
// another page's body (its content, headings or word count), by walking the
// layout's parse trees and the partials it calls. It is conservative: any
// body field reached through anything but the page itself counts, such as
// .Parent.Content, (index .Pages 0).TOC, or .Content inside a range.
//
// Incremental rebuilds rely on the answer: after an edit that changes only
// one page's body, a layout that does not read other bodies renders every
// other page exactly as before, so those pages need not be rendered again.
func readsOtherBodies(trees map[string]*parse.Tree, entry string) bool {
	a := &depAnalysis{trees: trees, seen: map[string]bool{}}
	a.template(entry, true)
	return a.reads
}

type depAnalysis struct {
	trees map[string]*parse.Tree
	// seen records templates analysed with dot = the page (key+"\x00r")
	// or dot = something else (key+"\x00o").
	seen  map[string]bool
	reads bool
}

func (a *depAnalysis) template(name string, rootDot bool) {
	key := name + "\x00o"
	if rootDot {
		key = name + "\x00r"
	}
	if a.seen[key] || a.reads {
		return
	}
	a.seen[key] = true
	t, ok := a.trees[name]
	if !ok || t.Root == nil {
		return
	}
	a.node(t.Root, rootDot)
}

func (a *depAnalysis) node(n parse.Node, rootDot bool) {
	if a.reads || n == nil {
		return
	}
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			a.node(c, rootDot)
		}
	case *parse.ActionNode:
		a.pipe(n.Pipe, rootDot)
	case *parse.IfNode:
		a.pipe(n.Pipe, rootDot)
		a.node(n.List, rootDot)
		a.node(n.ElseList, rootDot)
	case *parse.RangeNode:
		a.pipe(n.Pipe, rootDot)
		a.node(n.List, false)
		a.node(n.ElseList, rootDot)
	case *parse.WithNode:
		a.pipe(n.Pipe, rootDot)
		a.node(n.List, isDot(n.Pipe) && rootDot)
		a.node(n.ElseList, rootDot)
	case *parse.TemplateNode:
		a.pipe(n.Pipe, rootDot)
		a.template(n.Name, rootDot && isDot(n.Pipe))
	case *parse.BranchNode:
		a.pipe(n.Pipe, rootDot)
		a.node(n.List, rootDot)
		a.node(n.ElseList, rootDot)
	}
}

func (a *depAnalysis) pipe(p *parse.PipeNode, rootDot bool) {
	if p == nil {
		return
	}
	for _, cmd := range p.Cmds {
		for _, arg := range cmd.Args {
			a.arg(arg, rootDot)
		}
	}
}

func (a *depAnalysis) arg(n parse.Node, rootDot bool) {
	switch n := n.(type) {
	case *parse.FieldNode:
		// .Content on the page itself is fine; .Parent.Content, or
		// .Content when dot is not the page, is not.
		for i, id := range n.Ident {
			if bodyFields[id] && (i > 0 || !rootDot) {
				a.reads = true
			}
		}
	case *parse.VariableNode:
		// $.Content is the page itself; $x.Content is another value.
		for i, id := range n.Ident[1:] {
			if bodyFields[id] && (n.Ident[0] != "$" || i > 0) {
				a.reads = true
			}
		}
	case *parse.ChainNode:
		for _, id := range n.Field {
			if bodyFields[id] {
				a.reads = true
			}
		}
		a.arg(n.Node, rootDot)
	case *parse.PipeNode:
		a.pipe(n, rootDot)
	}
}

// isDot reports whether a pipeline is exactly ".".
func isDot(p *parse.PipeNode) bool {
	if p == nil || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 || len(p.Decl) > 0 {
		return false
	}
	_, ok := p.Cmds[0].Args[0].(*parse.DotNode)
	return ok
}
