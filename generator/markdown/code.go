package markdown

import (
	"html"
	"io"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// formatter writes chroma tokens as spans with CSS classes only: no inline
// styles, which the site's Content-Security-Policy forbids. The classes are
// chroma's standard ones with no prefix; the stylesheet for them is
// bundle.ChromaCSS, which the theme's CSS imports as "plinth:chroma.css"
// (one source of highlighting CSS for the whole site). A test in
// generator/pipeline checks that every class written here has a rule there.
var formatter = chromahtml.New(chromahtml.WithClasses(true), chromahtml.PreventSurroundingPre(true))

// codeRenderer renders fenced and indented code blocks. Highlighted blocks
// use chroma; all blocks are focusable so that keyboard users can scroll a
// long line into view (WCAG 2.1.1).
type codeRenderer struct{}

func (codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, renderCode)
	reg.Register(ast.KindCodeBlock, renderCode)
}

func renderCode(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	var code strings.Builder
	lines := node.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		code.Write(seg.Value(source))
	}
	lang := ""
	if f, ok := node.(*ast.FencedCodeBlock); ok && f.Info != nil {
		lang = string(f.Language(source))
	}
	var lexer chroma.Lexer
	if lang != "" {
		lexer = lexers.Get(lang)
	}
	if lexer == nil {
		_, _ = io.WriteString(w, `<pre class="code" tabindex="0"><code>`)
		_, _ = io.WriteString(w, html.EscapeString(code.String()))
		_, _ = io.WriteString(w, "</code></pre>\n")
		return ast.WalkSkipChildren, nil
	}
	out, err := highlighted.get(lexer, code.String())
	if err != nil {
		return ast.WalkStop, err
	}
	_, _ = io.WriteString(w, out)
	return ast.WalkSkipChildren, nil
}

// highlightCache remembers highlighted blocks by language and text.
// chroma's lexers are regular-expression machines and by far the most
// expensive part of rendering a page with code; sites repeat snippets (and
// `plinth serve` re-renders the same pages again and again), so each
// distinct block is highlighted once per process. The cache stops growing
// at maxBytes so a site with huge code samples cannot exhaust memory.
type highlightCache struct {
	mu    sync.Mutex
	m     map[string]string
	bytes int
}

const maxHighlightBytes = 64 << 20

var highlighted = &highlightCache{m: map[string]string{}}

func (c *highlightCache) get(lexer chroma.Lexer, code string) (string, error) {
	name := strings.ToLower(lexer.Config().Name)
	key := name + "\x00" + code
	c.mu.Lock()
	out, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return out, nil
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString(`<pre class="code chroma" tabindex="0"><code class="language-` + html.EscapeString(name) + `">`)
	if err := formatter.Format(&b, styles.Fallback, it); err != nil {
		return "", err
	}
	b.WriteString("</code></pre>\n")
	out = b.String()
	c.mu.Lock()
	if c.bytes+len(key)+len(out) <= maxHighlightBytes {
		c.m[key] = out
		c.bytes += len(key) + len(out)
	}
	c.mu.Unlock()
	return out, nil
}
