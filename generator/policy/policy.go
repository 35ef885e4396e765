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

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/parallel"
	"github.com/plinth-ssg/plinth/generator/site"
)

// Options say where the output will be served, to resolve root-relative
// URLs ("/quality/assets/x.css") to output files.
type Options struct {
	// BasePath is the base URL's path, "/" or "/quality/".
	BasePath string
	// Cache, if not nil, keeps findings between checks (see Cache).
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

// finding is one problem at a byte offset of one output file.
type finding struct {
	rule    rule
	offset  int
	excerpt string // the tag or attribute at fault, shortened
	msg     string // what is wrong, without the page
	hint    string
}

// Check checks every HTML and CSS file of files (see the package
// documentation).
func Check(files []site.File, opts Options) diag.List {
	if opts.BasePath == "" {
		opts.BasePath = "/"
	}
	byPath := make(map[string][]byte, len(files))
	for _, f := range files {
		byPath[f.Path] = f.Data
	}
	found := make([][]finding, len(files))
	memo := &integrityMemo{}
	if opts.Cache != nil {
		opts.Cache.begin(files, opts.BasePath)
	}
	parallel.For(len(files), func(i int) {
		f := files[i]
		check := func() []finding {
			switch path.Ext(f.Path) {
			case ".html", ".htm":
				return scanHTML(f.Data, func(u string) ([]byte, bool) {
					return resolve(byPath, opts.BasePath, f.Path, u)
				}, memo)
			case ".css":
				return scanCSS(f.Data)
			case ".svg":
				return scanSVG(f.Data)
			}
			return nil
		}
		if opts.Cache != nil {
			found[i] = opts.Cache.findings(f, check)
		} else {
			found[i] = check()
		}
	})
	return report(files, found, opts.Locate)
}

// group is one problem and the pages that have it.
type group struct {
	first finding
	file  int // index of the first file with the problem
	pages int
}

// report turns the findings into diagnostics, one per distinct problem.
func report(files []site.File, found [][]finding, locate func(string) (diag.Pos, string, bool)) diag.List {
	type key struct {
		r       rule
		excerpt string
	}
	groups := map[key]*group{}
	var order []key
	for i, fs := range found {
		seen := map[key]bool{}
		for _, f := range fs {
			k := key{f.rule, f.excerpt}
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
		pos := diag.NewSource(f.Path, f.Data).Pos(g.first.offset)
		where := fmt.Sprintf("built file %s, line %d, column %d", f.Path, pos.Line, pos.Col)
		if g.pages > 1 {
			where += fmt.Sprintf("; also in %d other %s", g.pages-1, plural(g.pages-1, "file", "files"))
		}
		file := f.Source
		if file == "" {
			file = f.Path
		}
		d := diag.Errorf(diag.Pos{File: file}, "%s (%s)", g.first.msg, where)
		// Only pages come from layouts; a static or bundled HTML file is
		// its own source.
		fromLayout := f.Source == "" || strings.HasSuffix(f.Source, ".md")
		if at, line, ok := layoutSource(f.Data, g.first.offset, locate); ok && fromLayout {
			d.Pos = at
			d = d.WithLine(line)
		} else if copied(f.Source) {
			// Copied as it is: the built file's position is the source's.
			d.Pos = diag.Pos{File: f.Source, Line: pos.Line, Col: pos.Col}
			d = d.WithLine(diag.NewSource(f.Path, f.Data).Line(pos.Line))
		}
		diags.Add(d.WithHint("%s", g.first.hint))
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
		strings.HasPrefix(source, "content/") && !strings.HasSuffix(source, ".md")
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
func resolve(files map[string][]byte, basePath, from, u string) ([]byte, bool) {
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
	if data, ok := files[p]; ok {
		return data, true
	}
	data, ok := files[path.Join(p, "index.html")]
	return data, ok
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
