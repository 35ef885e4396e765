package markdown

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
)

// linkTransformer walks the document once: it counts the words and
// rewrites link and image destinations through the page's Links resolver,
// reporting those that point nowhere at the position where the destination
// is written. (One walk rather than one per job: walking the tree is a
// large part of converting a page.)
type linkTransformer struct{}

func (linkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	links, _ := pc.Get(linksKey).(Links)
	page, _ := pc.Get(pageKey).(*site.Page)
	diags, _ := pc.Get(diagsKey).(*diag.List)
	source := reader.Source()
	finder := &destFinder{source: source, next: map[string]int{}}
	problems := linkProblems{page: page, diags: diags}
	words := 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if t, ok := n.(*ast.Text); ok {
			words += countWords(t.Segment.Value(source))
			return ast.WalkContinue, nil
		}
		if links == nil || page == nil {
			return ast.WalkContinue, nil
		}
		var dest *[]byte
		image := false
		switch l := n.(type) {
		case *ast.AutoLink:
			// <javascript:alert(1)> is an autolink too; goldmark would
			// publish it with an empty address.
			if l.AutoLinkType == ast.AutoLinkURL {
				url := l.URL(source)
				if problem, hint := refusedAddress(string(url), false); problem != "" {
					problems.add(func() int { return finder.find(n, url) }, problem, hint)
				}
			}
			return ast.WalkContinue, nil
		case *ast.Link:
			dest = &l.Destination
		case *ast.Image:
			dest, image = &l.Destination, true
			if !hasText(l) {
				off := finder.find(n, *dest)
				d := diag.Warningf(page.Pos(page.BodyOffset+off), "this image has no alternative text").
					WithHint("describe the image between the square brackets, like ![Chart of survey results](chart.png); use ![]() only for decoration")
				if page.Source != nil {
					d = d.WithSourceLine(page.Source)
				}
				diags.Add(d)
			}
		default:
			return ast.WalkContinue, nil
		}
		problem, hint := refusedAddress(string(*dest), image)
		out := ""
		if problem == "" {
			out, problem, hint = links.Resolve(page, string(*dest), image)
		}
		if problem != "" {
			problems.add(func() int { return finder.find(n, *dest) }, problem, hint)
			return ast.WalkContinue, nil
		}
		*dest = []byte(out)
		return ast.WalkContinue, nil
	})
	problems.summarise()
	pc.Set(wordsKey, words)
}

// maxLinkProblems is how many link problems of one page are reported one
// by one. Each costs the length of its line to place and quote, so a
// pasted page of 100,000 broken links on one line took minutes and
// gigabytes to report problems of which only the first 50 are printed;
// the rest are counted in one error after them.
const maxLinkProblems = 100

// linkProblems reports a page's link problems, the first maxLinkProblems
// each at its place, then how many more there are.
type linkProblems struct {
	page  *site.Page
	diags *diag.List
	n     int
	more  int // the byte offset of the first problem not reported
}

// add reports problem at the offset find returns, which is looked for
// only if the problem is reported.
func (p *linkProblems) add(find func() int, problem, hint string) {
	p.n++
	switch {
	case p.n <= maxLinkProblems:
		report(p.page, p.diags, find(), problem, hint)
	case p.n == maxLinkProblems+1:
		p.more = find()
	}
}

// summarise reports how many problems were not reported one by one.
func (p *linkProblems) summarise() {
	if extra := p.n - maxLinkProblems; extra > 0 {
		report(p.page, p.diags, p.more, fmt.Sprintf("%d more links or images on this page, from here on, point nowhere or are refused (the first %d are reported each at its place)", extra, maxLinkProblems),
			"fix the links reported above and build again to see the rest; if the page was pasted from elsewhere, check that its links were meant to come with it")
	}
}

// report adds the error problem at the byte off of page's body.
func report(page *site.Page, diags *diag.List, off int, problem, hint string) {
	d := diag.Errorf(page.Pos(page.BodyOffset+off), "%s", problem).WithHint("%s", hint)
	if page.Source != nil {
		d = d.WithSourceLine(page.Source)
	}
	diags.Add(d)
}

// countWords counts runs of non-space bytes, as bytes.Fields would,
// without allocating.
func countWords(b []byte) int {
	n, in := 0, false
	for _, c := range b {
		space := wordSpace[c]
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

// wordSpace marks the bytes countWords counts as space: one look in a
// table where six comparisons were made for every byte of every page.
var wordSpace = [256]bool{' ': true, '\n': true, '\t': true, '\r': true, '\f': true, '\v': true}

func hasText(n ast.Node) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok && t.Segment.Len() > 0 {
			return true
		}
		if hasText(c) {
			return true
		}
	}
	return false
}

// destFinder locates a link destination in the source. goldmark keeps
// positions for blocks but not for links, so the destination text is
// searched for from the start of the enclosing block, resuming after the
// previous match of the same text so repeated links map to their own places.
type destFinder struct {
	source []byte
	next   map[string]int
}

func (f *destFinder) find(n ast.Node, dest []byte) int {
	start := blockStart(n)
	from := max(start, f.next[string(dest)])
	if len(dest) > 0 {
		if i := bytes.Index(f.source[from:], dest); i >= 0 {
			f.next[string(dest)] = from + i + len(dest)
			return from + i
		}
	}
	return start
}

// blockStart returns the offset at which n's nearest enclosing block with
// source lines starts.
func blockStart(n ast.Node) int {
	for b := n; b != nil; b = b.Parent() {
		if b.Type() == ast.TypeBlock {
			if lines := b.Lines(); lines != nil && lines.Len() > 0 {
				return lines.At(0).Start
			}
		}
	}
	return 0
}
