package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/source"
)

// Layouts are the site's templates: every .html file under the theme's
// layouts/ folder, overridden file by file by the site's own layouts/.
//
//	baseof.html, TYPE/baseof.html   the page skeleton, with blocks
//	_partials/NAME.html             shared pieces, called as
//	                                {{ template "partials/NAME.html" . }}
//	home.html, section.html, page.html, taxonomy.html, term.html, 404.html,
//	list.html, single.html, and the same under TYPE/ or as LAYOUT.html
//
// A layout that only defines blocks ({{ define "main" }}…) is rendered
// through the nearest baseof.html; any other layout is rendered as it is.
type Layouts struct {
	// sources maps a layout's path relative to layouts/ to its source file.
	sources map[string]string
	// compiled maps a page layout's path to its ready template and the name
	// to execute.
	compiled map[string]*compiled
	// texts holds each layout file's text, by source file, for locating
	// markup found in the output (see Locate).
	texts map[string]*diag.Source
	// missingTheme names the theme when its folder does not exist (which
	// package config reports at site.toml's theme line).
	missingTheme string
	// tooLarge holds the layouts that made a page past MaxPageBytes: the
	// build has failed, and rendering more pages with them would only
	// spend time on output that is never used.
	tooLarge sync.Map
	// rawBody records that some layout names a field Body (see RawBody).
	rawBody bool
}

type compiled struct {
	tmpl  *template.Template
	entry string
	// reads says whose bodies besides its page's the layout may show.
	reads Reads
}

// LoadLayouts reads and parses every layout, reporting every parse error
// with the layout file and line.
func LoadLayouts(fsys fs.FS, theme string, funcs template.FuncMap) (*Layouts, diag.List) {
	l, texts, diags := readLayouts(fsys, theme)
	if diags.HasErrors() {
		return l, diags
	}
	diags.Append(l.parse(fsys, texts, funcs))
	return l, diags
}

// readLayouts finds and reads every layout file, returning the layouts
// without templates and each file's text by its path relative to
// layouts/.
func readLayouts(fsys fs.FS, theme string) (*Layouts, map[string]string, diag.List) {
	var diags diag.List
	l := &Layouts{sources: map[string]string{}, compiled: map[string]*compiled{}, texts: map[string]*diag.Source{}}
	if st, err := fs.Stat(fsys, path.Join("themes", theme)); err != nil || !st.IsDir() {
		l.missingTheme = theme
	}
	for _, dir := range []string{path.Join("themes", theme, "layouts"), "layouts"} {
		// source.Walk, as for content/ and static/: a linked folder
		// (layouts/_partials pointing elsewhere) is an error at the link,
		// where fs.WalkDir passed over it without a word and the theme's
		// partials were used instead of the ones the editor meant.
		source.Walk(fsys, dir, &diags, nil, func(p string) {
			if !strings.HasSuffix(p, ".html") || strings.HasPrefix(path.Base(p), ".") {
				return
			}
			l.sources[strings.TrimPrefix(p, dir+"/")] = p
		})
	}

	texts := map[string]string{}
	for _, rel := range slices.Sorted(maps.Keys(l.sources)) {
		data, err := source.ReadFile(fsys, l.sources[rel])
		if err != nil {
			diags.Add(source.Problem(fsys, l.sources[rel], err))
			continue
		}
		src := diag.NewSource(l.sources[rel], data)
		// Templates take any bytes, so a layout saved in Windows-1252
		// would put bytes that are not UTF-8 into every page it makes,
		// shown as replacement characters.
		if d, bad := source.NotUTF8(src, 0, len(data)); bad {
			diags.Add(d)
			continue
		}
		l.texts[l.sources[rel]] = src
		// A byte-order mark would otherwise be copied into every page.
		texts[rel] = string(data[diag.SkipBOM(data):])
	}
	return l, texts, diags
}

// parse parses the layouts' texts with the functions, and analyses what
// each page layout reads.
func (l *Layouts) parse(fsys fs.FS, texts map[string]string, funcs template.FuncMap) diag.List {
	var diags diag.List
	root := template.New("").Funcs(funcs)
	for _, rel := range slices.Sorted(maps.Keys(texts)) {
		if !strings.HasPrefix(rel, "_partials/") {
			continue
		}
		name := "partials/" + strings.TrimPrefix(rel, "_partials/")
		if _, err := root.New(name).Parse(texts[rel]); err != nil {
			diags.Add(l.templateError(err, fsys))
		}
	}
	if diags.HasErrors() {
		return diags
	}
	reported := map[string]bool{}          // loops found again in another layout's templates
	unshown := map[string]*unshownBlocks{} // by base, the first layout it fails
	for _, rel := range slices.Sorted(maps.Keys(texts)) {
		if strings.HasPrefix(rel, "_partials/") || path.Base(rel) == "baseof.html" {
			continue
		}
		if strings.TrimSpace(texts[rel]) == "" {
			// It fills baseof.html's main block with nothing: every
			// page it makes was published blank, the build reporting
			// only the links to those pages' headings as broken.
			diags.Add(diag.Errorf(diag.Pos{File: l.sources[rel], Line: 1, Col: 1}, "this layout is empty, so every page it makes would have no content").
				WithHint("write the page's HTML, or {{ define \"main\" }}…{{ end }} to fill baseof.html's main block; delete the file to use the theme's layout"))
			continue
		}
		c, err := l.compile(root, rel, texts)
		var ub *unshownBlocks
		if errors.As(err, &ub) {
			// One base that shows no block fails every layout of blocks:
			// one error at the base, naming how many.
			if first := unshown[ub.base]; first != nil {
				first.others++
			} else {
				unshown[ub.base] = ub
			}
			continue
		}
		if err != nil {
			diags.Add(l.templateError(err, fsys))
			continue
		}
		trees := map[string]*parse.Tree{}
		for _, t := range c.tmpl.Templates() {
			trees[t.Name()] = t.Tree
		}
		for _, lp := range endlessCalls(trees) {
			name, line, col, _ := nodePos(lp.call)
			d := diag.Errorf(diag.Pos{File: l.sourceOf(name), Line: line}, "this call of %q leads back to itself (%s) with no if, range or with to stop it, so a page using it would never finish", lp.call.Name, loopNames(lp.names))
			hint := "a layout or partial may call itself, or one that calls it, only inside {{ if }}, {{ range }} or {{ with }}, which end the repetition; remove the call or move it inside one"
			if lp.guarded {
				d.Msg = fmt.Sprintf("this call of %q leads back to itself (%s) passing on the same data, so the if on the way sees the same each time: once the call is made, the page never finishes", lp.call.Name, loopNames(lp.names))
				hint = "pass on a part of the data, as {{ range .Pages }}{{ template \"partials/tree.html\" . }}{{ end }} passes each child page, so that the repetition ends where the data does; or remove the call"
			}
			if key := d.Pos.String() + ":" + strconv.Itoa(col); !reported[key] {
				reported[key] = true
				diags.Add(l.withLine(d, fsys, col).WithHint("%s", hint))
			}
		}
		for _, r := range hugeRanges(trees) {
			name, line, col, _ := nodePos(r.node)
			around := ""
			if r.nested {
				around = " (with the ranges over numbers around it)"
			}
			d := diag.Errorf(diag.Pos{File: l.sourceOf(name), Line: line}, "this {{ range }} repeats %s times%s; a layout may repeat at most %s times over a number it writes", thousands(int(r.times)), around, thousands(MaxRangeCount))
			if key := d.Pos.String() + ":" + strconv.Itoa(col); !reported[key] {
				reported[key] = true
				diags.Add(l.withLine(d, fsys, col).WithHint("range over the pages or data the page shows instead; a number written in a layout is for a few repetitions, such as the stars of a rating"))
			}
		}
		c.reads = bodyReads(trees, c.entry)
		l.rawBody = l.rawBody || namesField(trees, "Body")
		l.compiled[rel] = c
	}
	for _, base := range slices.Sorted(maps.Keys(unshown)) {
		diags.Add(l.templateError(unshown[base], fsys))
	}
	return diags
}

// compile prepares one page layout: a clone of the partials, plus the
// nearest baseof.html when the layout only defines blocks.
func (l *Layouts) compile(root *template.Template, rel string, texts map[string]string) (*compiled, error) {
	t, err := root.Clone()
	if err != nil {
		return nil, err
	}
	if !onlyDefines(texts[rel]) {
		if _, err := t.New(rel).Parse(texts[rel]); err != nil {
			return nil, err
		}
		return &compiled{tmpl: t, entry: rel}, nil
	}
	base := ""
	for _, candidate := range []string{path.Join(path.Dir(rel), "baseof.html"), "baseof.html"} {
		if _, ok := texts[candidate]; ok {
			base = candidate
			break
		}
	}
	if base == "" {
		// Without a base the layout renders nothing; say so plainly.
		return nil, &missingBase{layout: rel}
	}
	if _, err := t.New(base).Parse(texts[base]); err != nil {
		return nil, err
	}
	if _, err := t.New(rel).Parse(texts[rel]); err != nil {
		return nil, err
	}
	blocks := definedBlocks(texts[rel])
	trees := map[string]*parse.Tree{}
	for _, x := range t.Templates() {
		trees[x.Name()] = x.Tree
	}
	if len(blocks) > 0 && !slices.ContainsFunc(blocks, func(b string) bool { return shown(trees, b) }) {
		return nil, &unshownBlocks{layout: rel, base: base, blocks: blocks}
	}
	return &compiled{tmpl: t, entry: base}, nil
}

// unshownBlocks is a layout of blocks none of which its baseof.html (or a
// partial it calls) shows: every page it makes would be published with
// the skeleton's header and footer and nothing between them.
type unshownBlocks struct {
	layout, base string
	blocks       []string
	others       int // more layouts it fails in the same way
}

func (e *unshownBlocks) Error() string {
	if e.others > 0 {
		return fmt.Sprintf("the layout %s and %d more fill the block %q, but %s never shows it, so their pages would have no content", e.layout, e.others, e.blocks[0], e.base)
	}
	return fmt.Sprintf("the layout %s fills the block %q, but %s never shows it, so its pages would have no content", e.layout, e.blocks[0], e.base)
}

// definedBlocks returns the names of the templates a layout's text
// defines, in the order written.
func definedBlocks(text string) []string {
	trees := map[string]*parse.Tree{}
	t := parse.New("x")
	t.Mode = parse.SkipFuncCheck | parse.ParseComments
	if _, err := t.Parse(text, "", "", trees); err != nil {
		return nil
	}
	var names []string
	for name := range trees {
		if name != "x" {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// shown reports whether any template among trees but name itself calls
// name ({{ template }} or {{ block }}).
func shown(trees map[string]*parse.Tree, name string) bool {
	var walk func(n parse.Node) bool
	walk = func(n parse.Node) bool {
		switch n := n.(type) {
		case *parse.ListNode:
			return n != nil && slices.ContainsFunc(n.Nodes, walk)
		case *parse.IfNode:
			return walk(n.List) || walk(n.ElseList)
		case *parse.RangeNode:
			return walk(n.List) || walk(n.ElseList)
		case *parse.WithNode:
			return walk(n.List) || walk(n.ElseList)
		case *parse.TemplateNode:
			return n.Name == name
		}
		return false
	}
	for n, t := range trees {
		if n != name && t != nil && walk(t.Root) {
			return true
		}
	}
	return false
}

type missingBase struct{ layout string }

func (e *missingBase) Error() string {
	return "the layout " + e.layout + " only defines blocks but there is no baseof.html to put them in"
}

// onlyDefines reports whether a template's text consists of {{ define }}
// blocks (and blank text or comments) only.
func onlyDefines(text string) bool {
	trees := map[string]*parse.Tree{}
	t := parse.New("x")
	// Only the template's shape matters here; function names are checked
	// when html/template parses it for real.
	t.Mode = parse.SkipFuncCheck | parse.ParseComments
	if _, err := t.Parse(text, "", "", trees); err != nil {
		return false
	}
	main := trees["x"]
	if main == nil || main.Root == nil {
		return len(trees) > 1
	}
	for _, n := range main.Root.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			if strings.TrimSpace(string(n.Text)) != "" {
				return false
			}
		case *parse.CommentNode:
		default:
			return false
		}
	}
	return len(trees) > 1
}

// lookup returns the compiled layout for the first name in candidates that
// exists.
func (l *Layouts) lookup(candidates []string) (*compiled, string) {
	for _, c := range candidates {
		if t, ok := l.compiled[c]; ok {
			return t, c
		}
	}
	return nil, ""
}

// Locate finds where markup seen in a built page (an inline <script>, an
// onclick attribute) was written in the layouts. When exactly one layout
// file holds the markup, once, it returns that position and the line's
// text; otherwise it reports false, and the caller names the built file
// instead.
func (l *Layouts) Locate(markup string) (pos diag.Pos, line string, ok bool) {
	if l == nil || markup == "" {
		return diag.Pos{}, "", false
	}
	for _, file := range slices.Sorted(maps.Keys(l.texts)) {
		src := l.texts[file]
		i := bytes.Index(src.Text, []byte(markup))
		if i < 0 {
			continue
		}
		if ok || bytes.Contains(src.Text[i+1:], []byte(markup)) {
			return diag.Pos{}, "", false
		}
		pos, ok = src.Pos(i), true
		line = src.Line(pos.Line)
	}
	return pos, line, ok
}

// Source returns the file a layout came from ("themes/plinth/layouts/page.html").
func (l *Layouts) Source(rel string) string { return l.sources[rel] }

// Has reports whether a layout exists.
func (l *Layouts) Has(rel string) bool {
	_, ok := l.compiled[rel]
	return ok
}
