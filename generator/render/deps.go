package render

import (
	"slices"
	"text/template/parse"

	"github.com/plinth-ssg/plinth/generator/site"
)

// bodyFields are the page values derived from a page's Markdown body rather
// than its front matter. The analysis goes by name, as a parse tree has no
// types; Page.Source (the whole file, for diagnostics) is left out because
// published tables have a Source too, which many layouts show, and a
// layout printing another page's raw file is not something the theme or
// a site does.
var bodyFields = map[string]bool{
	"Content": true, "TOC": true, "HeadingsAt": true, "WordCount": true, "Body": true,
}

// Reads says whose bodies (content, headings, word count) a layout may
// show besides its own page's, by the page's relation to them. It is found
// by walking the layout's parse trees and the partials it calls, and is
// conservative: a body reached any other way than through the relations
// below (through .Site, a function, a variable of unknown origin, a
// feature's data in .Extra) counts as ReadsAny.
//
// Incremental rebuilds rely on it: after an edit that changes only one
// page's body, only that page and the pages whose layouts read it through
// one of these relations (see Layouts.BodyReaders) can render differently.
type Reads uint8

// The relations.
const (
	// ReadsParent: .Parent.Content and the like.
	ReadsParent Reads = 1 << iota
	// ReadsChildren: the pages a section lists (.Pages, .Sections), as in
	// {{ range .Pages }}{{ .Content }}{{ end }}.
	ReadsChildren
	// ReadsNeighbours: .Prev and .Next.
	ReadsNeighbours
	// ReadsAny: any other page.
	ReadsAny
)

// origin is what a value in a layout is, as far as the analysis can tell.
type origin uint8

const (
	fromSelf origin = iota
	fromParent
	fromChildren // a list of the page's children
	fromChild    // one of them
	fromNeighbour
	fromOther
)

// bodyReads analyses a layout.
func bodyReads(trees map[string]*parse.Tree, entry string) Reads {
	a := &depAnalysis{trees: trees, seen: map[string]bool{}}
	a.template(entry, fromSelf)
	return a.reads
}

type depAnalysis struct {
	trees map[string]*parse.Tree
	// seen records the templates analysed, by name and dot's origin.
	seen  map[string]bool
	reads Reads
	// vars are the origins of the variables in scope ($ is the page).
	vars map[string]origin
}

func (a *depAnalysis) template(name string, dot origin) {
	key := name + "\x00" + string(rune('0'+dot))
	if a.seen[key] || a.reads&ReadsAny != 0 {
		return
	}
	a.seen[key] = true
	t, ok := a.trees[name]
	if !ok || t.Root == nil {
		return
	}
	saved := a.vars
	a.vars = map[string]origin{"$": dot}
	a.node(t.Root, dot)
	a.vars = saved
}

func (a *depAnalysis) node(n parse.Node, dot origin) {
	if n == nil || a.reads&ReadsAny != 0 {
		return
	}
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			a.node(c, dot)
		}
	case *parse.ActionNode:
		a.pipe(n.Pipe, dot)
	case *parse.IfNode:
		a.pipe(n.Pipe, dot)
		a.node(n.List, dot)
		a.node(n.ElseList, dot)
	case *parse.RangeNode:
		elem := element(a.pipeValue(n.Pipe, dot))
		for _, v := range n.Pipe.Decl {
			a.set(v.Ident[0], elem) // the key is no page either
		}
		a.node(n.List, elem)
		a.node(n.ElseList, dot)
	case *parse.WithNode:
		inner := a.pipe(n.Pipe, dot)
		a.node(n.List, inner)
		a.node(n.ElseList, dot)
	case *parse.TemplateNode:
		arg := dot
		if n.Pipe != nil {
			arg = a.pipe(n.Pipe, dot)
		}
		a.template(n.Name, arg)
	case *parse.BranchNode:
		a.pipe(n.Pipe, dot)
		a.node(n.List, dot)
		a.node(n.ElseList, dot)
	}
}

// element is the origin of the values a range over a value of origin o
// visits.
func element(o origin) origin {
	if o == fromChildren {
		return fromChild
	}
	return fromOther
}

// pipe analyses a pipeline, records the origin of the variables it
// declares, and returns the origin of its value.
func (a *depAnalysis) pipe(p *parse.PipeNode, dot origin) origin {
	result := a.pipeValue(p, dot)
	if p != nil {
		for _, v := range p.Decl {
			a.set(v.Ident[0], result)
		}
	}
	return result
}

// pipeValue is pipe without the declarations (a range declares the
// elements' origin, not the list's).
func (a *depAnalysis) pipeValue(p *parse.PipeNode, dot origin) origin {
	if p == nil {
		return fromOther
	}
	result := fromOther
	for i, cmd := range p.Cmds {
		for _, arg := range cmd.Args {
			a.arg(arg, dot)
		}
		if len(cmd.Args) == 1 && i == 0 {
			result = a.value(cmd.Args[0], dot)
		} else {
			result = fromOther // a function or method call, or a chain of commands
		}
	}
	if len(p.Cmds) != 1 {
		result = fromOther
	}
	return result
}

// set records a variable's origin. Variables are not scoped here: one name
// given values of two origins (in different blocks, or assigned again)
// is taken to be of unknown origin, which errs on the safe side.
func (a *depAnalysis) set(name string, o origin) {
	if old, ok := a.vars[name]; ok && old != o {
		o = fromOther
	}
	a.vars[name] = o
}

// arg records the body fields an argument reads.
func (a *depAnalysis) arg(n parse.Node, dot origin) {
	switch n := n.(type) {
	case *parse.FieldNode:
		a.chain(dot, n.Ident)
	case *parse.VariableNode:
		o, ok := a.vars[n.Ident[0]]
		if !ok {
			o = fromOther
		}
		a.chain(o, n.Ident[1:])
	case *parse.ChainNode:
		a.arg(n.Node, dot)
		a.chain(fromOther, n.Field)
	case *parse.PipeNode:
		a.pipe(n, dot)
	}
}

// chain records the body fields read by following fields from a value of
// origin o, and returns the origin of the result.
func (a *depAnalysis) chain(o origin, fields []string) origin {
	for _, f := range fields {
		if bodyFields[f] {
			a.read(o)
			return fromOther
		}
		o = step(o, f)
	}
	return o
}

// step is the origin of field f of a value of origin o.
func step(o origin, f string) origin {
	if o != fromSelf {
		return fromOther
	}
	switch f {
	case "Parent":
		return fromParent
	case "Pages", "Sections":
		return fromChildren
	case "Prev", "Next":
		return fromNeighbour
	}
	return fromOther
}

// value is the origin of a one-argument command's value.
func (a *depAnalysis) value(n parse.Node, dot origin) origin {
	switch n := n.(type) {
	case *parse.DotNode:
		return dot
	case *parse.FieldNode:
		return a.chain(dot, n.Ident)
	case *parse.VariableNode:
		o, ok := a.vars[n.Ident[0]]
		if !ok {
			return fromOther
		}
		return a.chain(o, n.Ident[1:])
	case *parse.PipeNode:
		return a.pipe(n, dot)
	}
	return fromOther
}

// read records a body read from a value of origin o.
func (a *depAnalysis) read(o origin) {
	switch o {
	case fromSelf:
	case fromParent:
		a.reads |= ReadsParent
	case fromChild, fromChildren:
		a.reads |= ReadsChildren
	case fromNeighbour:
		a.reads |= ReadsNeighbours
	default:
		a.reads |= ReadsAny
	}
}

// BodyReaders returns the pages of s other than p that may show p's body,
// from the relations their layouts read bodies through: p's parent if its
// layout shows its children's bodies and lists p, p's children if theirs
// show their parent's, its neighbours if theirs show their neighbours',
// and every page whose layout may show any page's body.
func (l *Layouts) BodyReaders(s *site.Site, p *site.Page) []*site.Page {
	var out []*site.Page
	for _, q := range s.Pages {
		if q == p {
			continue
		}
		r := l.Reads(q)
		switch {
		case r&ReadsAny != 0,
			r&ReadsChildren != 0 && p.Parent == q && listed(q, p),
			r&ReadsParent != 0 && q.Parent == p,
			r&ReadsNeighbours != 0 && (q.Prev == p || q.Next == p):
			out = append(out, q)
		}
	}
	return out
}

// Reads returns how the layout that renders p reads other pages' bodies.
func (l *Layouts) Reads(p *site.Page) Reads {
	c, _ := l.lookup(Candidates(p))
	if c == nil {
		return 0
	}
	return c.reads
}

// listed reports whether section q lists p among its pages or sections.
func listed(q, p *site.Page) bool {
	for _, x := range q.Pages {
		if x == p {
			return true
		}
	}
	for _, x := range q.Sections {
		if x == p {
			return true
		}
	}
	return false
}

// RawBody reports whether a layout may show a page's Markdown as written
// (.Body, its own page's or another's). Going by name, as the analysis
// above does, it errs on the side of yes: a build frees the Markdown once
// converted only when no layout names the field.
func (l *Layouts) RawBody() bool { return l.rawBody }

// namesField reports whether any of the trees names field in a field,
// variable or chain node (.Body, $p.Body, (index . 0).Body).
func namesField(trees map[string]*parse.Tree, field string) bool {
	var walk func(n parse.Node) bool
	names := func(idents []string) bool { return slices.Contains(idents, field) }
	walk = func(n parse.Node) bool {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				return slices.ContainsFunc(n.Nodes, walk)
			}
		case *parse.ActionNode:
			return walk(n.Pipe)
		case *parse.IfNode:
			return walk(n.Pipe) || walk(n.List) || walk(n.ElseList)
		case *parse.RangeNode:
			return walk(n.Pipe) || walk(n.List) || walk(n.ElseList)
		case *parse.WithNode:
			return walk(n.Pipe) || walk(n.List) || walk(n.ElseList)
		case *parse.BranchNode:
			return walk(n.Pipe) || walk(n.List) || walk(n.ElseList)
		case *parse.TemplateNode:
			return walk(n.Pipe)
		case *parse.PipeNode:
			if n != nil {
				return slices.ContainsFunc(n.Cmds, func(c *parse.CommandNode) bool { return slices.ContainsFunc(c.Args, walk) })
			}
		case *parse.FieldNode:
			return names(n.Ident)
		case *parse.VariableNode:
			return names(n.Ident)
		case *parse.ChainNode:
			return names(n.Field) || walk(n.Node)
		}
		return false
	}
	for _, t := range trees {
		if t != nil && walk(t.Root) {
			return true
		}
	}
	return false
}
