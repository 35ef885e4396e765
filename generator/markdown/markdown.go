// Package markdown turns a page's Markdown body into HTML with goldmark,
// chroma and Plinth's own extensions, and reports problems (a link to a
// content file that does not exist, say) at the page's line and column.
//
// One Converter is built per build and shared by all pages; it is safe for
// concurrent use. Raw HTML in Markdown is never rendered (goldmark's safe
// default): a <script> written in a page becomes an HTML comment.
//
// Enabled syntax: GitHub tables, strikethrough, autolinks and task lists;
// footnotes; definition lists; typographic quotes and dashes; automatic
// heading IDs and {#custom-id} on headings; fenced code highlighted by chroma
// with CSS classes; "Table: caption" paragraphs placed right before a table
// become its caption; callouts (package callout, when registered).
package markdown

import (
	"bytes"
	"html/template"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/parallel"
	"github.com/plinth-ssg/plinth/generator/site"
)

// Options configure a Converter.
type Options struct {
	// Extensions are extra goldmark extensions, such as callouts.
	Extensions []goldmark.Extender
	// ReservedIDs are element IDs the layouts use (such as "maincontent");
	// headings never get them, so in-page links stay unambiguous.
	ReservedIDs []string
	// TOCLevels are the heading levels listed in a page's table of
	// contents; default 2 and 3.
	TOCLevels []int
	// Problems, if set, is called after each conversion with the parser
	// context, so an extension can hand over problems it recorded (as byte
	// offsets into the body).
	Problems func(pc parser.Context) []Problem
}

// Problem is something an extension found wrong, at a byte offset into the
// Markdown body.
type Problem struct {
	Offset int
	Msg    string
	Hint   string
	// Warning marks problems that do not stop the build.
	Warning bool
}

// Converter renders Markdown. Build it once with New.
type Converter struct {
	md   goldmark.Markdown
	opts Options
}

// Links resolves a link destination written in a page. It returns the
// destination to publish, or a problem (and hint) that fails the build.
type Links interface {
	Resolve(from *site.Page, dest string, image bool) (out string, problem, hint string)
}

// Result is one converted body.
type Result struct {
	HTML      template.HTML
	TOC       []site.Heading
	WordCount int
}

var (
	linksKey = parser.NewContextKey()
	pageKey  = parser.NewContextKey()
	diagsKey = parser.NewContextKey()
	wordsKey = parser.NewContextKey()
)

// New builds a Converter.
func New(opts Options) *Converter {
	if len(opts.TOCLevels) == 0 {
		opts.TOCLevels = []int{2, 3}
	}
	exts := []goldmark.Extender{
		gfm, // tables, strikethrough, linkify, task lists (linkify.go)
		extension.Footnote,
		extension.DefinitionList,
		extension.Typographer,
	}
	exts = append(exts, opts.Extensions...)
	md := goldmark.New(
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithHeadingAttribute(),
			parser.WithASTTransformers(
				util.Prioritized(captionTransformer{}, 100),
				util.Prioritized(linkTransformer{}, 200),
			),
		),
		goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(
				util.Prioritized(codeRenderer{}, 100),
				util.Prioritized(tableRenderer{}, 100),
				util.Prioritized(taskRenderer{}, 100),
			),
		),
	)
	return &Converter{md: md, opts: opts}
}

// Convert renders page.Body. Links written as paths to content files are
// rewritten through links (which may be nil for text with no page, such as
// a template's markdownify). Problems are reported at the page's positions.
func (c *Converter) Convert(page *site.Page, links Links) (Result, diag.List) {
	body := page.Body
	var diags diag.List
	if off, msg, hint := tooDeep(body); off >= 0 {
		// Not parsed at all: parsing it is what takes the time.
		d := diag.Errorf(page.Pos(page.BodyOffset+off), "%s", msg).WithHint("%s", hint)
		if page.Source != nil {
			d = d.WithSourceLine(page.Source)
		}
		return Result{}, diag.List{d}
	}
	pc := parser.NewContext(parser.WithIDs(newIDs(c.opts.ReservedIDs)))
	pc.Set(pageKey, page)
	pc.Set(linksKey, links)
	pc.Set(diagsKey, &diags)
	doc := c.md.Parser().Parse(text.NewReader(body), parser.WithContext(pc))
	if c.opts.Problems != nil {
		for _, p := range c.opts.Problems(pc) {
			d := diag.Errorf(page.Pos(page.BodyOffset+p.Offset), "%s", p.Msg).WithHint("%s", p.Hint)
			if page.Source != nil {
				d = d.WithSourceLine(page.Source)
			}
			if p.Warning {
				d.Severity = diag.Warning
			}
			diags.Add(d)
		}
	}
	diags.Append(typedHTML(page, doc, body))
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer buffers.Put(buf)
	if err := c.md.Renderer().Render(bufWriter{buf}, body, doc); err != nil {
		diags.Add(diag.Errorf(diag.Pos{File: page.File}, "cannot render the Markdown: %v", err))
	}
	res := Result{
		// The goldmark renderer escapes text and drops raw HTML, so its
		// output is trusted as HTML by the templates.
		HTML: template.HTML(buf.String()),
		TOC:  toc(doc, body, c.opts.TOCLevels),
	}
	res.WordCount, _ = pc.Get(wordsKey).(int)
	return res, diags
}

// typedHTML reports the HTML typed into a page, in one walk over it. Each
// tag is a warning: the renderer leaves raw HTML out, as Hugo's does by
// default, so an editor who pasted <br> or an <iframe> would otherwise
// find it gone from the page without a word (Hugo warns the same way,
// "raw HTML omitted"). Comments are notes to editors and say nothing,
// unless one at the top level is never closed: Markdown then reads the
// rest of the page as the comment, so the rest of its text vanished, and
// that is an error.
func typedHTML(page *site.Page, doc ast.Node, body []byte) diag.List {
	var l diag.List
	at := func(d diag.Diagnostic) diag.Diagnostic {
		if page.Source != nil {
			d = d.WithSourceLine(page.Source)
		}
		return d
	}
	warn := func(start int, html []byte) {
		// A closing tag goes with an opening one already reported.
		if bytes.HasPrefix(html, []byte("<!--")) || bytes.HasPrefix(html, []byte("</")) {
			return
		}
		l.Add(at(diag.Warningf(page.Pos(page.BodyOffset+start), "HTML is left out of the page: %q", tagOf(html)).
			WithHint("write it in Markdown instead (a blank line starts a new paragraph; [words](address) makes a link); the site publishes no HTML typed into a page, so that every page keeps the theme's accessible markup")))
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock:
			switch {
			case n.Lines().Len() == 0:
			case n.HTMLBlockType != ast.HTMLBlockType2:
				seg := n.Lines().At(0)
				warn(seg.Start, seg.Value(body))
			case n.Parent() == doc && neverClosed(n, body):
				l.Add(at(diag.Errorf(page.Pos(page.BodyOffset+n.Lines().At(0).Start), "this comment (<!--) is never closed, so the rest of the page is left out").
					WithHint("end the comment with --> where it should stop; a comment is a note to editors that readers never see")))
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			if n.Segments.Len() > 0 {
				seg := n.Segments.At(0)
				warn(seg.Start, seg.Value(body))
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return l
}

// neverClosed reports whether a comment block runs to the end of the text
// without its "-->". A comment closed on its own first line has no
// closure line, so the lines are searched too.
func neverClosed(b *ast.HTMLBlock, body []byte) bool {
	if b.HasClosure() {
		return false
	}
	for i := 0; i < b.Lines().Len(); i++ {
		seg := b.Lines().At(i)
		if bytes.Contains(seg.Value(body), []byte("-->")) {
			return false
		}
	}
	return true
}

// tagOf returns the start of a piece of HTML to quote in a message: its
// first tag, at most 40 bytes of it, on one line.
func tagOf(html []byte) string {
	s := string(bytes.TrimSpace(html))
	if i := strings.IndexByte(s, '>'); i >= 0 {
		s = s[:i+1]
	}
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i] + "…"
	}
	if len(s) > 40 {
		s = strings.ToValidUTF8(s[:40], "") + "…"
	}
	return s
}

// buffers hold bodies as they are rendered: one buffer a page, grown
// from nothing and copied out whole, would allocate a body's size several
// times over, for every page.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// bufWriter is a bytes.Buffer as goldmark's renderer writes to it: a
// writer that is not a util.BufWriter gets a bufio.Writer of 4 KB of its
// own, for every page, whose bytes are then copied into the buffer once
// more. A bytes.Buffer buffers already; there is nothing to flush.
type bufWriter struct{ *bytes.Buffer }

var _ util.BufWriter = bufWriter{}

func (bufWriter) Buffered() int { return 0 }
func (bufWriter) Flush() error  { return nil }

// String renders a snippet of Markdown that belongs to no page (a
// template's markdownify). Links are left as written.
func (c *Converter) String(s string) template.HTML {
	res, _ := c.Convert(&site.Page{Body: []byte(s)}, nil)
	return res.HTML
}

// Memo lets a caller reuse conversions from an earlier build: Load
// returns a page's earlier result if the caller knows it is still exact
// (same body, same link targets), and Store records a new one. Both are
// called from several goroutines.
type Memo interface {
	Load(p *site.Page) (Result, diag.List, bool)
	Store(p *site.Page, r Result, d diag.List)
}

// Page converts the body of one page, filling in Content, TOC and
// WordCount (a page without a body keeps what a feature gave it). memo may
// be nil.
func (c *Converter) Page(p *site.Page, links Links, memo Memo) diag.List {
	if len(p.Body) == 0 {
		return nil
	}
	res, d, ok := Result{}, diag.List(nil), false
	if memo != nil {
		res, d, ok = memo.Load(p)
	}
	if !ok {
		res, d = c.Convert(p, links)
		if memo != nil {
			memo.Store(p, res, d)
		}
	}
	p.Content, p.TOC, p.WordCount = res.HTML, res.TOC, res.WordCount
	return d
}

// Site converts the body of every page of s in parallel, filling in
// Content, TOC and WordCount. memo may be nil. converted, if not nil, is
// called with each page once it is converted (a build lets go of the
// page's Markdown then), from several goroutines.
func (c *Converter) Site(s *site.Site, links Links, memo Memo, converted func(*site.Page)) diag.List {
	results := make([]diag.List, len(s.Pages))
	parallel.For(len(s.Pages), func(i int) {
		results[i] = c.Page(s.Pages[i], links, memo)
		if converted != nil {
			converted(s.Pages[i])
		}
	})
	var all diag.List
	for _, d := range results {
		all.Append(d)
	}
	return all
}
