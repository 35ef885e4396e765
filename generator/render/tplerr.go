package render

import (
	"errors"
	"html/template"
	"io/fs"
	"regexp"
	"sort"
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

// escapeHint is the hint for html/template's escaping errors.
const escapeHint = "html/template could not make this part safe; check that tags and quotes are balanced around the action"

// templateError turns a template parse or execution error into a
// diagnostic at the layout file and line.
func (l *Layouts) templateError(err error, fsys fs.FS) diag.Diagnostic {
	var mb *missingBase
	if errors.As(err, &mb) {
		return diag.Errorf(diag.Pos{File: l.sourceOf(mb.layout), Line: 1, Col: 1}, "%s", err.Error()).
			WithHint("add a baseof.html with {{ block \"main\" . }}{{ end }}, or write the whole page in this layout")
	}
	var ub *unshownBlocks
	if errors.As(err, &ub) {
		d := diag.Errorf(diag.Pos{File: l.sourceOf(ub.base), Line: 1, Col: 1}, "%s", err.Error()).
			WithHint("put {{ block %q . }}{{ end }} in %s where a page's content goes", ub.blocks[0], ub.base)
		return l.withLine(d, fsys, 1)
	}
	var he *template.Error
	if errors.As(err, &he) && he.Name != "" {
		pos := diag.Pos{File: l.sourceOf(he.Name), Line: he.Line}
		col := 0
		if name, line, c, ok := nodePos(he.Node); ok {
			// The node is the action at fault (an escaping error's, or
			// {{ template "partials/nope.html" }}), in the layout or
			// partial that holds it, which need not be the one Name and
			// Line give: those are the page's layout's.
			pos, col = diag.Pos{File: l.sourceOf(name), Line: line}, c
		}
		hint := templateHint(he.Description)
		if he.ErrorCode != template.ErrNoSuchTemplate && he.ErrorCode != template.ErrOutputContext {
			hint = escapeHint
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
	file := l.sourceOf(m[1])
	if m[3] != "" {
		col, _ = strconv.Atoi(m[3])
		col++ // text/template counts bytes from 0 within the line
	} else if fsys != nil {
		// A parse error: text/template gives the line only.
		if data, err := fs.ReadFile(fsys, file); err == nil {
			line, col = parseErrorPos(string(data), m[1], line, msg, msg[len(m[0]):])
		}
	}
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
	return d.WithSourceLine(src)
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
	case strings.Contains(msg, `function "partial" not defined`) || strings.Contains(msg, `function "partialCached" not defined`):
		// Hugo's way of calling a partial, which Hugo users type first.
		return `Plinth calls a partial with {{ template "partials/NAME.html" . }} (Hugo's {{ partial "NAME.html" . }}); partials live in layouts/_partials/`
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

// parseErrorPos finds where in a layout text/template stopped with a parse
// error, whose message gives the line only: errText is the error's whole
// text and msg the message after its position, name the template's name,
// line the line it gives. It returns the line and the 1-based byte column
// (0 when it cannot tell).
//
// The column is found by asking text/template itself rather than by
// guessing: the shortest start of the layout that, parsed alone, fails with
// the very same message ends just after the token the parser stopped at.
// Within that token's action the column points at the token the message
// quotes (the undefined function, the stray "}"), or else at the action's
// "{{". Functions are not known here, so every word of the layout counts as
// a function except the one the message says is not defined: the parser
// then stops at the same token as with the real functions, which is the
// first problem in the file.
func parseErrorPos(text, name string, line int, errText, msg string) (int, int) {
	src := diag.NewSource(name, []byte(text))
	if m := unclosedAction.FindStringSubmatch(msg); m != nil && m[1] == name {
		// The lexer reports an action left open at the end of the file
		// on the last line, and names the line where the action began:
		// the last "{{" on that line opens it.
		started, _ := strconv.Atoi(m[2])
		if i := strings.LastIndex(src.Line(started), "{{"); i >= 0 {
			return started, i + 1
		}
		return line, 0
	}
	start := src.LineStart(line)
	end := min(src.LineStart(line+1), len(text)) // with the line's ending
	if start >= len(text) {
		return line, 1 // the problem is the end of the file
	}
	funcs := layoutWords(text, undefinedFunction(msg))
	fails := func(n int) bool {
		_, err := parse.Parse(name, text[:n], "", "", funcs)
		return err != nil && err.Error() == errText
	}
	if !fails(end) {
		return line, 0
	}
	// The shortest failing start ends within the line; longer ones fail
	// too, as parsing stops at the first problem.
	n := start + 1 + sort.Search(end-start, func(i int) bool { return fails(start + 1 + i) })
	stop := text[start:n]
	if q := quotedToken(msg); q != "" {
		if i := strings.LastIndex(stop, q); i >= 0 {
			return line, i + 1
		}
	}
	if i := strings.LastIndex(stop, "{{"); i >= 0 {
		return line, i + 1
	}
	return line, len(stop)
}

// unclosedAction matches the lexer's message for an action that is still
// open at the end of the file.
var unclosedAction = regexp.MustCompile(`^unclosed action started at (.+):(\d+)$`)

// undefinedFunction returns the name in a "function "x" not defined"
// message, or "".
func undefinedFunction(msg string) string {
	if rest, ok := strings.CutPrefix(msg, "function "); ok && strings.HasSuffix(rest, " not defined") {
		name, err := strconv.Unquote(strings.TrimSuffix(rest, " not defined"))
		if err == nil {
			return name
		}
	}
	return ""
}

// quotedToken returns the first token a parse error message quotes: text
// in Go quotes ("}", "$x") or a keyword in angle brackets (<end>).
func quotedToken(msg string) string {
	if i := strings.IndexByte(msg, '"'); i >= 0 {
		if q, err := strconv.QuotedPrefix(msg[i:]); err == nil {
			if t, err := strconv.Unquote(q); err == nil {
				return t
			}
		}
	}
	if i := strings.IndexByte(msg, '<'); i >= 0 {
		if j := strings.IndexByte(msg[i:], '>'); j > 1 {
			return msg[i+1 : i+j]
		}
	}
	return ""
}

// layoutWords returns every identifier in text except skip, as a function
// map for the parser, which only asks whether a name is defined.
func layoutWords(text, skip string) map[string]any {
	words := map[string]any{}
	for _, w := range identifier.FindAllString(text, -1) {
		if w != skip {
			words[w] = true
		}
	}
	return words
}

var identifier = regexp.MustCompile(`[\pL_][\pL\pN_]*`)
