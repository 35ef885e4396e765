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
		return c.reuse(funcs, l.texts), nil
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

// Unchanged returns the last layouts parsed without reading the layout
// files, for a caller that knows none of them has changed since (`plinth
// serve`'s file watcher reports every change under layouts/ and themes/);
// false if there are none, or if the theme or the functions' names differ.
func (c *LayoutCache) Unchanged(theme string, funcs template.FuncMap) (*Layouts, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.kept == nil || c.key != layoutsKey(theme, c.kept.missingTheme, funcs) {
		return nil, false
	}
	return c.reuse(funcs, c.kept.texts), true
}

// reuse hands a build the kept layouts with its own functions and the
// layout files' texts it read (those kept, if it read none).
func (c *LayoutCache) reuse(funcs template.FuncMap, texts map[string]*diag.Source) *Layouts {
	k := c.kept
	for _, cl := range k.compiled {
		cl.tmpl.Funcs(funcs)
	}
	// A fresh Layouts: tooLarge is one build's.
	return &Layouts{sources: k.sources, compiled: k.compiled, texts: texts, missingTheme: k.missingTheme, rawBody: k.rawBody}
}

// layoutsKey is what, besides the layouts' texts, decides how they parse.
func layoutsKey(theme, missing string, funcs template.FuncMap) string {
	return theme + "\x00" + missing + "\x00" + strings.Join(slices.Sorted(maps.Keys(funcs)), "\x00")
}
