// Package policy checks the built site against its security policy before
// anything is published, so that the guarantees the Content-Security-Policy
// and the accessibility statement rely on hold even after someone edits a
// layout or adds a static file.
//
// # Contract
//
// Check reads the output files in memory (the build's []site.File) and
// reports, as errors, in every HTML file:
//
//   - a <script> without src, except JSON data (type="application/json" or
//     "application/ld+json"), which browsers do not run;
//   - JSON data holding go-echarts' function marker "__f__": JavaScript
//     meant to be spliced into code (package chart never writes it);
//   - an event-handler attribute (onclick="…") or a javascript: URL;
//   - a style="…" attribute or a <style> element;
//   - a script, stylesheet, icon, image, font, media, frame or form target
//     given as an absolute http(s):// or protocol-relative //host address:
//     pages load only files the site publishes itself, by relative URL;
//   - a <script src> or <link rel="stylesheet"> without an integrity
//     attribute, or whose sha256/384/512 value does not match the bytes of
//     the file it names (checked when that file is part of the output; a
//     missing file is linkcheck's business);
//
// in every CSS file, a url() or @import of another origin; and in every SVG
// image, what would be a problem in a page (a script, an event handler, a
// javascript: address, a file loaded from another website), or markup that
// cannot be checked (see scanSVG).
//
// The same problem in many pages (a layout's mistake repeats on every page
// it renders) is reported once, naming one page (one made from a content
// file when there is one) and how many others have it. Each diagnostic is
// placed at that page's source file (the content file, or the output path
// for generated files) and names the output file and the line and column
// there: the markup usually comes from a layout, which the output does not
// name.
//
// Links (<a href>) to other websites are fine: following one is the
// reader's choice, not something the page loads.
package policy

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"
	"unique"

	"github.com/plinth-ssg/plinth/generator/content"
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/parallel"
	"github.com/plinth-ssg/plinth/generator/site"
)

// Options say where the output will be served, to resolve root-relative
// URLs ("/quality/assets/x.css") to output files.
type Options struct {
	// BasePath is the base URL's path, "/" or "/quality/".
	BasePath string
	// Lookup returns the bytes of an output file by path, for the
	// integrity checks; Check builds it from its files.
	Lookup func(path string) ([]byte, bool)
	// Cache, if not nil, keeps each file's findings between checks (see
	// Cache).
	Cache *Cache
	// Locate, if not nil, finds where markup of a built page was written
	// in the layouts (render.Layouts.Locate): a problem whose markup it
	// finds is reported at that line, where the editor can fix it.
	Locate func(markup string) (pos diag.Pos, line string, ok bool)
}

// rule names one kind of problem; findings group by rule and excerpt.
type rule string

const (
	ruleInlineScript   rule = "inline script"
	ruleInlineStyle    rule = "inline style"
	ruleExternal       rule = "another website"
	ruleNoIntegrity    rule = "no integrity"
	ruleWrongIntegrity rule = "wrong integrity"
)

// finding is one problem at a byte offset of one output file (and, once
// its file is read, at a line and column).
//
// A layout's mistake, or a layout's integrity claim, repeats on every page
// it renders, and what the check keeps of each page lasts until every file
// is made: so what is wrong and the markup quoted are each kept once
// (unique) however many pages have them, and only the position is the
// page's own.
type finding struct {
	what   unique.Handle[problem]
	offset int
	pos    diag.Pos
	// quote is the markup at the offset, set by placed, which has the
	// file.
	quote unique.Handle[quote]
}

// problem is what a finding says is wrong.
type problem struct {
	rule    rule
	excerpt string // the tag or attribute at fault, shortened
	msg     string // what is wrong, without the page
	hint    string
}

func newFinding(r rule, offset int, excerpt, hint, msg string) finding {
	return finding{what: unique.Make(problem{rule: r, excerpt: excerpt, msg: msg, hint: hint}), offset: offset}
}

// quote is the markup at a finding's offset, to find in the layouts (see
// markupAt: up to two forms, longest first, "" when there is none), and
// the built file's line there, to quote for a file copied as it is.
type quote struct {
	markup [2]string
	line   string
}

// quoteAt returns the markup of data at offset, on line of src.
func quoteAt(src *diag.Source, data []byte, offset, line int) unique.Handle[quote] {
	var q quote
	copy(q.markup[:], markupAt(data, offset))
	q.line = src.Line(line)
	return unique.Make(q)
}

// quoted returns the finding's quote; a finding that placed has not seen
// has none.
func (f finding) quoted() quote {
	if f.quote == (unique.Handle[quote]{}) {
		return quote{}
	}
	return f.quote.Value()
}

// markups returns the forms of the markup, longest first.
func (q quote) markups() []string {
	n := 0
	for n < len(q.markup) && q.markup[n] != "" {
		n++
	}
	return q.markup[:n]
}

// File is what the policy found in one output file: its problems, and the
// integrity values of the scripts and stylesheets it loads, which Report
// checks against those files. It depends on the file's bytes alone.
type File struct {
	Path, Source string
	found        []finding
	claims       []claim
}

// File returns what r read in f, whose tokens it was given.
func (r *Reader) File(f site.File) File {
	return placed(f, r.found, r.claims)
}

// placed gives each finding and claim its line and column in f, and keeps
// what the report needs of f's bytes to place it at its source (see
// report), so that f need not be kept.
func placed(f site.File, found []finding, claims []claim) File {
	if len(found) > 0 || len(claims) > 0 {
		src := diag.NewSource(f.Path, f.Data)
		for i := range found {
			found[i].pos = src.Pos(found[i].offset)
			found[i].quote = quoteAt(src, f.Data, found[i].offset, found[i].pos.Line)
		}
		for i := range claims {
			claims[i].pos = src.Pos(claims[i].offset)
			claims[i].quote = quoteAt(src, f.Data, claims[i].offset, claims[i].pos.Line)
		}
	}
	return File{Path: f.Path, Source: f.Source, found: found, claims: claims}
}

// Read returns what the policy finds in one output file: an HTML page (read
// on its own, for callers without a shared pass over it), a stylesheet or
// an SVG image. Other files are not checked.
func Read(f site.File) File {
	switch path.Ext(f.Path) {
	case ".html", ".htm":
		found, claims := scanHTML(f.Data)
		return placed(f, found, claims)
	case ".css":
		return placed(f, scanCSS(f.Data), nil)
	case ".svg":
		return placed(f, scanSVG(f.Data), nil)
	}
	return File{Path: f.Path, Source: f.Source}
}

// Checks reports whether the policy reads files at path: HTML pages from
// their tokens, stylesheets and SVG images on their own (Read).
func Checks(name string) (html bool, read bool) {
	switch path.Ext(name) {
	case ".html", ".htm":
		return true, true
	case ".css", ".svg":
		return false, true
	}
	return false, false
}

// Check checks every HTML, CSS and SVG file of files (see the package
// documentation).
func Check(files []site.File, opts Options) diag.List {
	if opts.Lookup == nil {
		byPath := make(map[string][]byte, len(files))
		for _, f := range files {
			byPath[f.Path] = f.Data
		}
		opts.Lookup = func(p string) ([]byte, bool) {
			data, ok := byPath[p]
			return data, ok
		}
	}
	found := make([]File, len(files))
	parallel.For(len(files), func(i int) {
		if opts.Cache != nil {
			found[i] = opts.Cache.file(files[i])
		} else {
			found[i] = Read(files[i])
		}
	})
	return Report(found, opts)
}

// group is one problem and the pages that have it.
type group struct {
	first finding
	file  int // index of the first file with the problem
	pages int
}

// Report checks each file's integrity values against the files they name
// (through opts.Lookup) and turns every problem into diagnostics, one per
// distinct problem, naming the first file (by path) that has it.
func Report(files []File, opts Options) diag.List {
	if opts.BasePath == "" {
		opts.BasePath = "/"
	}
	byPath := func(a, b File) int { return strings.Compare(a.Path, b.Path) }
	if !slices.IsSortedFunc(files, byPath) {
		files = slices.Clone(files)
		slices.SortStableFunc(files, byPath)
	}
	memo := &integrityMemo{}
	found := make([][]finding, len(files))
	parallel.For(len(files), func(i int) {
		f := files[i]
		found[i] = f.found
		for _, c := range f.claims {
			if data, ok := resolve(opts.Lookup, opts.BasePath, f.Path, c.vouch.Value().url); ok && !memo.matches(c.vouch.Value().value, data) {
				found[i] = append(slices.Clip(found[i]), c.wrong())
			}
		}
	})
	return report(files, found, opts.Locate)
}

// report turns the findings into diagnostics, one per distinct problem.
func report(files []File, found [][]finding, locate func(string) (diag.Pos, string, bool)) diag.List {
	type key struct {
		r       rule
		excerpt string
	}
	groups := map[key]*group{}
	var order []key
	for i, fs := range found {
		seen := map[key]bool{}
		for _, f := range fs {
			what := f.what.Value()
			k := key{what.rule, what.excerpt}
			g, ok := groups[k]
			switch {
			case !ok:
				groups[k] = &group{first: f, file: i, pages: 1}
				order = append(order, k)
			case !seen[k]:
				g.pages++
				// Prefer a page made from a content file, which the
				// editor can open, to a generated one (404.html).
				if files[g.file].Source == "" && files[i].Source != "" {
					g.first, g.file = f, i
				}
			}
			seen[k] = true
		}
	}
	var diags diag.List
	for _, k := range order {
		g := groups[k]
		f := files[g.file]
		pos, what, q := g.first.pos, g.first.what.Value(), g.first.quoted()
		where := fmt.Sprintf("built file %s, line %d, column %d", f.Path, pos.Line, pos.Col)
		if g.pages > 1 {
			where += fmt.Sprintf("; also in %d other %s", g.pages-1, plural(g.pages-1, "file", "files"))
		}
		file := f.Source
		if file == "" {
			file = f.Path
		}
		d := diag.Errorf(diag.Pos{File: file}, "%s (%s)", what.msg, where)
		// Only pages come from layouts; a static or bundled HTML file is
		// its own source.
		fromLayout := f.Source == "" || content.IsMarkdown(f.Source)
		if at, line, ok := layoutSource(q.markups(), locate); ok && fromLayout {
			d.Pos = at
			d = d.WithLine(line)
		} else if copied(f.Source) {
			// Copied as it is: the built file's position is the source's.
			d.Pos = diag.Pos{File: f.Source, Line: pos.Line, Col: pos.Col}
			d = d.WithLine(q.line)
		}
		diags.Add(d.WithHint("%s", what.hint))
	}
	slices.SortStableFunc(diags, func(a, b diag.Diagnostic) int {
		return cmp.Or(a.Pos.Compare(b.Pos), strings.Compare(a.Msg, b.Msg))
	})
	return diags
}

// copied reports whether a source file is published byte for byte: a
// static file (the site's or the theme's) or a page's resource.
func copied(source string) bool {
	return strings.HasPrefix(source, "static/") || strings.HasPrefix(source, "themes/") && strings.Contains(source, "/static/") ||
		strings.HasPrefix(source, "content/") && !content.IsMarkdown(source)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// resolve finds the output file a URL written in the page at from refers
// to. It reports false for URLs of other origins, URLs outside the base
// path and files not in the output.
func resolve(lookup func(string) ([]byte, bool), basePath, from, u string) ([]byte, bool) {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	if u == "" || isRemote(u) || strings.Contains(u, ":") {
		return nil, false
	}
	var p string
	if strings.HasPrefix(u, "/") {
		rest, ok := strings.CutPrefix(u, basePath)
		if !ok {
			return nil, false
		}
		p = path.Clean("/" + rest)
	} else {
		p = path.Join("/", path.Dir(from), u)
	}
	p = strings.TrimPrefix(p, "/")
	if data, ok := lookup(p); ok {
		return data, true
	}
	return lookup(path.Join(p, "index.html"))
}

// isRemote reports whether a URL names another origin: a scheme followed
// by "//" or a protocol-relative "//host".
func isRemote(u string) bool {
	u = strings.ToLower(strings.TrimSpace(u))
	if strings.HasPrefix(u, "//") {
		return true
	}
	scheme, rest, ok := strings.Cut(u, ":")
	return ok && strings.HasPrefix(rest, "//") && scheme != "" && !strings.ContainsAny(scheme, "/?#")
}

// shorten cuts an excerpt for a message.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
