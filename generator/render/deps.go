package render

import (
	"maps"
	"slices"
	"strings"
	"text/template/parse"

	"github.com/plinth-ssg/plinth/generator/parallel"
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
// below (through .Site, a function, a variable of unknown origin, another
// page's feature data) counts as ReadsAny.
//
// A body reached through the page's own feature data (.Extra) by fields,
// methods without arguments and ranges, as in {{ range .Extra.Standards
// }}{{ .Content }}{{ end }}, is ReadsExtra: the layout's paths into the
// data are kept with the value, and ShownThrough follows them through a
// page's data to the pages whose bodies they reach.
//
// Incremental rebuilds rely on it: after an edit that changes only one
// page's body, only that page and the pages whose layouts read it through
// one of these relations (see Layouts.BodyReaders) can render differently.
type Reads uint32

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
	// ReadsExtra: pages reached through the page's feature data.
	ReadsExtra
)

// relations masks the bits of a Reads that are relations; the bits above
// number the layout's set of paths into feature data (see paths).
const relations Reads = 1<<8 - 1

// kind is what a value in a layout is, as far as the analysis can tell.
type kind uint8

const (
	fromSelf kind = iota
	fromParent
	fromChildren // a list of the page's children
	fromChild    // one of them
	fromNeighbour
	fromExtra // reached from the page's feature data, by path
	fromOther
)

// origin is a value's kind and, for fromExtra, its path from .Extra: the
// fields and methods followed, joined by ".", with "*" for a range's
// element ("Domains.*.Standards.*").
type origin struct {
	kind kind
	path string
}

var (
	self  = origin{kind: fromSelf}
	other = origin{kind: fromOther}
)

// maxPathSteps bounds a path into feature data; a longer one (a partial
// calling itself on ever deeper data) is taken to reach any page.
const maxPathSteps = 16

// bodyReads analyses a layout.
func bodyReads(trees map[string]*parse.Tree, entry string) Reads {
	a := &depAnalysis{trees: trees, seen: map[string]bool{}, extra: map[string]bool{}, names: map[string]bool{}, other: map[string]bool{}}
	a.template(entry, self)
	if a.reads&ReadsAny != 0 {
		return a.reads &^ ReadsExtra
	}
	if len(a.extra) == 0 && len(a.names) == 0 && len(a.other) == 0 {
		return a.reads &^ ReadsExtra
	}
	return a.reads | internSet(slices.Sorted(maps.Keys(a.extra)), slices.Sorted(maps.Keys(a.names)), slices.Sorted(maps.Keys(a.other)))
}

type depAnalysis struct {
	trees map[string]*parse.Tree
	// seen records the templates analysed, by name and dot's origin.
	seen  map[string]bool
	reads Reads
	// extra holds the paths into feature data on which a body field is
	// read.
	extra map[string]bool
	// names holds every path into feature data on which a field or
	// method is read, ending in its name, and other the names read on
	// values of unknown origin: what DerivedThrough needs to tell which
	// of the data's values made from bodies a layout shows.
	names, other map[string]bool
	// vars are the origins of the variables in scope ($ is the page).
	vars map[string]origin
}

func (a *depAnalysis) template(name string, dot origin) {
	key := name + "\x00" + string(rune('0'+dot.kind)) + dot.path
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
		switch len(n.Pipe.Decl) {
		case 1:
			a.set(n.Pipe.Decl[0].Ident[0], elem)
		case 2:
			// The key: an index, a map's key (which may be any value).
			a.set(n.Pipe.Decl[0].Ident[0], other)
			a.set(n.Pipe.Decl[1].Ident[0], elem)
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
	switch o.kind {
	case fromChildren:
		return origin{kind: fromChild}
	case fromExtra:
		return extend(o, "*")
	}
	return other
}

// extend is the origin of step s from a value reached through feature
// data.
func extend(o origin, s string) origin {
	if strings.Count(o.path, ".") >= maxPathSteps-1 {
		return other
	}
	if o.path == "" {
		return origin{kind: fromExtra, path: s}
	}
	return origin{kind: fromExtra, path: o.path + "." + s}
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
		return other
	}
	result := other
	for i, cmd := range p.Cmds {
		for _, arg := range cmd.Args {
			a.arg(arg, dot)
		}
		if len(cmd.Args) == 1 && i == 0 {
			result = a.value(cmd.Args[0], dot)
		} else {
			result = other // a function or method call, or a chain of commands
		}
	}
	if len(p.Cmds) != 1 {
		result = other
	}
	return result
}

// set records a variable's origin. Variables are not scoped here: one name
// given values of two origins (in different blocks, or assigned again)
// is taken to be of unknown origin, which errs on the safe side.
func (a *depAnalysis) set(name string, o origin) {
	if old, ok := a.vars[name]; ok && old != o {
		o = other
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
			o = other
		}
		a.chain(o, n.Ident[1:])
	case *parse.ChainNode:
		a.arg(n.Node, dot)
		a.chain(other, n.Field)
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
			return other
		}
		a.name(o, f)
		o = step(o, f)
	}
	return o
}

// name records that field or method f is read on a value of origin o.
// A page's own fields (and its relations') are not feature data, so
// only values reached through feature data, or of unknown origin, count.
func (a *depAnalysis) name(o origin, f string) {
	switch o.kind {
	case fromExtra:
		if n := extend(o, f); n.kind == fromExtra {
			a.names[n.path] = true
			return
		}
		a.other[f] = true
	case fromOther:
		a.other[f] = true
	}
}

// step is the origin of field f of a value of origin o.
func step(o origin, f string) origin {
	switch o.kind {
	case fromExtra:
		return extend(o, f)
	case fromSelf:
	default:
		return other
	}
	switch f {
	case "Parent":
		return origin{kind: fromParent}
	case "Pages", "Sections":
		return origin{kind: fromChildren}
	case "Prev", "Next":
		return origin{kind: fromNeighbour}
	case "Extra":
		return origin{kind: fromExtra}
	}
	return other
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
			return other
		}
		return a.chain(o, n.Ident[1:])
	case *parse.PipeNode:
		return a.pipe(n, dot)
	}
	return other
}

// read records a body read from a value of origin o.
func (a *depAnalysis) read(o origin) {
	switch o.kind {
	case fromSelf:
	case fromParent:
		a.reads |= ReadsParent
	case fromChild, fromChildren:
		a.reads |= ReadsChildren
	case fromNeighbour:
		a.reads |= ReadsNeighbours
	case fromExtra:
		a.reads |= ReadsExtra
		a.extra[o.path] = true
	default:
		a.reads |= ReadsAny
	}
}

// BodyReaders returns the pages of s other than p that may show p's body,
// from the relations their layouts read bodies through: p's parent if its
// layout shows its children's bodies and lists p, p's children if theirs
// show their parent's, its neighbours if theirs show their neighbours',
// the pages whose layouts show p's body through their feature data
// (Reads.ShownThrough), and every page whose layout may show any page's
// body. For several edits of one site, Readers looks every page's layout
// up once.
func (l *Layouts) BodyReaders(s *site.Site, p *site.Page) []*site.Page {
	return l.Readers(s).Of(p)
}

// Readers are the pages of a site whose layouts show other pages' bodies,
// for BodyReaders. They stay right while the site's pages, their places
// and their feature data do: a patched build, which changes only bodies,
// keeps them from one edit to the next.
type Readers struct {
	pages []*site.Page // in the site's order
	reads []Reads
}

// Readers finds the pages of s whose layouts show other pages' bodies.
func (l *Layouts) Readers(s *site.Site) *Readers {
	r := &Readers{}
	for _, q := range s.Pages {
		if reads := l.Reads(q); reads&relations != 0 {
			r.pages, r.reads = append(r.pages, q), append(r.reads, reads)
		}
	}
	return r
}

// Of returns the pages other than p that may show p's body (see
// Layouts.BodyReaders).
func (r *Readers) Of(p *site.Page) []*site.Page {
	var out []*site.Page
	for i, q := range r.pages {
		if q == p {
			continue
		}
		reads := r.reads[i]
		switch {
		case reads&ReadsAny != 0,
			reads&ReadsChildren != 0 && p.Parent == q && listed(q, p),
			reads&ReadsParent != 0 && q.Parent == p,
			reads&ReadsNeighbours != 0 && (q.Prev == p || q.Next == p),
			reads&ReadsExtra != 0 && shows(reads, q, p):
			out = append(out, q)
		}
	}
	return out
}

// DerivedReaders returns the pages of s whose layouts may show what a
// feature made from the bodies of pages (the framework's comparisons of
// its standards' words, say), as the render cache decides it: those whose
// feature data says under which names it keeps such values
// (site.DerivedData) and whose layouts read one of those names on a value
// made from one of pages (Reads.DerivedThrough), and those whose data may
// hold what any page's body says without saying where. A patched build
// renders them again, with the pages' BodyReaders, after an edit to pages
// from whose bodies a feature makes data.
func (l *Layouts) DerivedReaders(s *site.Site, pages []*site.Page) []*site.Page {
	// Following a layout's paths through every page's data is most of
	// the cost: a slot per page, on all cores.
	reads := make([]bool, len(s.Pages))
	parallel.For(len(s.Pages), func(i int) {
		q := s.Pages[i]
		if !readsOthersBodies(q.Extra) {
			return
		}
		d, ok := q.Extra.(site.DerivedData)
		if !ok {
			reads[i] = true
			return
		}
		derived, ok := l.Reads(q).DerivedThrough(q.Extra, d.DerivedFields())
		reads[i] = !ok || slices.ContainsFunc(derived, func(x *site.Page) bool { return slices.Contains(pages, x) })
	})
	var out []*site.Page
	for i, q := range s.Pages {
		if reads[i] {
			out = append(out, q)
		}
	}
	return out
}

// shows reports whether q's layout, reading with r, may show p's body
// through q's feature data.
func shows(r Reads, q, p *site.Page) bool {
	pages, ok := r.ShownThrough(q.Extra)
	return !ok || slices.Contains(pages, p)
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
