package render

import (
	"html/template"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// LayoutCache keeps the parsed layouts from one build to the next, for
// `plinth serve`: parsing, escaping and analysing every layout costs more
// than rendering the few pages an edit to a page's text changes. The
// layouts are parsed again when any layout file, the theme, or the names
// of the functions change. A build's functions are bound to its own site
// (ref, table, figure, asset), so Load gives each build the kept
// templates with that build's functions in place of the last one's:
// html/template looks functions up when a template runs, and lets a
// function be replaced by another of the same name after parsing. Builds
// with one cache must therefore not render at the same time, as
// `plinth serve`'s do not.
type LayoutCache struct {
	mu    sync.Mutex
	key   string
	kept  *Layouts
	texts map[string]string
}

// NewLayoutCache returns an empty cache.
func NewLayoutCache() *LayoutCache { return &LayoutCache{} }

// Load is LoadLayouts, reusing the last layouts parsed when the files are
// byte for byte the same.
func (c *LayoutCache) Load(fsys fs.FS, theme string, funcs template.FuncMap) (*Layouts, diag.List) {
	l, texts, diags := readLayouts(fsys, theme)
	if diags.HasErrors() {
		return l, diags
	}
	key := layoutsKey(theme, l.missingTheme, funcs)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.kept != nil && c.key == key && maps.Equal(c.texts, texts) {
		k := c.kept
		for _, cl := range k.compiled {
			cl.tmpl.Funcs(funcs)
		}
		// A fresh Layouts: tooLarge is one build's.
		return &Layouts{sources: k.sources, compiled: k.compiled, texts: l.texts, missingTheme: k.missingTheme, rawBody: k.rawBody}, nil
	}
	c.kept, c.key, c.texts = nil, "", nil
	diags.Append(l.parse(fsys, texts, funcs))
	if len(diags) == 0 {
		// Only layouts that gave no diagnostic are kept, so that every
		// build reports what its layouts' parsing finds.
		c.kept, c.key, c.texts = l, key, texts
	}
	return l, diags
}

// layoutsKey is what, besides the layouts' texts, decides how they parse.
func layoutsKey(theme, missing string, funcs template.FuncMap) string {
	return theme + "\x00" + missing + "\x00" + strings.Join(slices.Sorted(maps.Keys(funcs)), "\x00")
}
