package render

import (
	"errors"
	"html/template"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	texttemplate "text/template"
	"text/template/parse"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// templatePos matches the location text/template puts at the start of its
// parse and execution errors: "template: NAME:LINE: " or
// "template: NAME:LINE:COL: ".
//
// This is the one place Plinth reads a position out of another library's
// error string. text/template exposes no position type (ExecError carries
// only the template name, and parse errors are plain strings), yet a
// template error must name the layout file and line. The format is produced
// by text/template/parse's Tree.errorf and Tree.ErrorContext and has been
// stable since Go 1.0; a test in this package pins it.
var templatePos = regexp.MustCompile(`^template: ([^:]+):(\d+)(?::(\d+))?: (?:executing "[^"]*" at <[^>]*>: )?`)

// templateError turns a template parse or execution error into a
// diagnostic at the layout file and line.
func (l *Layouts) templateError(err error, fsys fs.FS) diag.Diagnostic {
	var mb *missingBase
	if errors.As(err, &mb) {
		return diag.Errorf(diag.Pos{File: l.sourceOf(mb.layout), Line: 1, Col: 1}, "%s", err.Error()).
			WithHint("add a baseof.html with {{ block \"main\" . }}{{ end }}, or write the whole page in this layout")
	}
	var he *template.Error
	if errors.As(err, &he) && he.Name != "" {
		pos := diag.Pos{File: l.sourceOf(he.Name), Line: he.Line}
		col := 0
		if name, line, c, ok := nodePos(he.Node); ok {
			// The node is the action at fault, in the layout or partial
			// that holds it ({{ template "partials/nope.html" }} in the
			// footer); Name and Line are those of the page's layout.
			pos, col = diag.Pos{File: l.sourceOf(name), Line: line}, c
		}
		hint := templateHint(he.Description)
		if he.ErrorCode != template.ErrNoSuchTemplate && he.ErrorCode != template.ErrOutputContext {
			hint = "html/template could not make this part safe; check that tags and quotes are balanced around the action"
		}
		return l.withLine(diag.Errorf(pos, "%s", he.Description), fsys, col).WithHint("%s", hint)
	}
	msg := err.Error()
	var ee texttemplate.ExecError
	if errors.As(err, &ee) {
		msg = ee.Err.Error()
	}
	m := templatePos.FindStringSubmatch(msg)
	if m == nil {
		return diag.Errorf(diag.Pos{}, "template error: %s", msg)
	}
	line, _ := strconv.Atoi(m[2])
	col := 0
	if m[3] != "" {
		col, _ = strconv.Atoi(m[3])
		col++ // text/template counts bytes from 0 within the line
	}
	file := l.sourceOf(m[1])
	d := diag.Errorf(diag.Pos{File: file, Line: line}, "%s", plainTypes.Replace(strings.TrimSpace(msg[len(m[0]):])))
	d = l.withLine(d, fsys, col)
	return d.WithHint("%s", templateHint(d.Msg))
}

// nodeLocation matches the location parse.Tree.ErrorContext gives a node:
// "NAME:LINE:COL", with the byte column counted from 0.
var nodeLocation = regexp.MustCompile(`^(.+):(\d+):(\d+)$`)

// nodePos returns the template name, line and 1-based byte column of a
// parse node, or false if n is nil. html/template's Error carries the node
// of the action at fault; text/template/parse exposes its position only
// through ErrorContext's location string, whose format a test pins.
func nodePos(n parse.Node) (name string, line, col int, ok bool) {
	if n == nil {
		return "", 0, 0, false
	}
	loc, _ := (*parse.Tree)(nil).ErrorContext(n)
	m := nodeLocation.FindStringSubmatch(loc)
	if m == nil {
		return "", 0, 0, false
	}
	line, _ = strconv.Atoi(m[2])
	col, _ = strconv.Atoi(m[3])
	return m[1], line, col + 1, true
}

// sourceOf maps a template name back to its layout file.
func (l *Layouts) sourceOf(name string) string {
	rel := name
	if strings.HasPrefix(name, "partials/") {
		rel = "_" + name
	}
	if src, ok := l.sources[rel]; ok {
		return src
	}
	return name
}

// withLine attaches the layout's line to d and, given the 1-based byte
// column col (0 if unknown), turns it into a character column. The column
// is set first, so that WithLine keeps the part of a long line around it.
func (l *Layouts) withLine(d diag.Diagnostic, fsys fs.FS, col int) diag.Diagnostic {
	if fsys == nil || d.Pos.Line <= 0 {
		return d
	}
	data, err := fs.ReadFile(fsys, d.Pos.File)
	if err != nil {
		return d
	}
	src := diag.NewSource(d.Pos.File, data)
	if col > 0 {
		line := d.Pos.Line
		d.Pos = src.LineCol(line, min(col, src.LineLen(line)+1))
		d.Pos.Line = line
	}
	return d.WithLine(src.Line(d.Pos.Line))
}

// plainTypes names Go types the way a template author sees them.
var plainTypes = strings.NewReplacer(
	"in type render.Context", "on a page (.)",
	"in type *site.Page", "on a page",
	"in type *site.Site", "on the site (.Site)",
	"in type site.MenuItem", "on a menu item",
	"can't evaluate field", "there is no field",
	"error calling table: ", "",
)

func templateHint(msg string) string {
	switch {
	case strings.Contains(msg, "there is no field"):
		return "the page or site has no value by that name; check the spelling against docs/templates.md"
	case strings.Contains(msg, "function") && strings.Contains(msg, "not defined"):
		return "that template function does not exist; docs/templates.md lists the functions Plinth provides"
	case strings.Contains(msg, "private dataset"):
		return "private data is published only as tables that have been through disclosure control; call table with one of the names listed, and see docs/datasets.md"
	case strings.Contains(msg, "no published table"):
		return "check the table's name against the list; docs/datasets.md describes each published table"
	case strings.Contains(msg, "no such template"):
		return "partials are called as {{ template \"partials/NAME.html\" . }} and live in layouts/_partials/"
	case strings.Contains(msg, "unexpected"):
		return "check that every {{ if }}, {{ range }}, {{ with }} and {{ define }} has its {{ end }}"
	}
	return "see docs/templates.md for the template language and functions"
}
