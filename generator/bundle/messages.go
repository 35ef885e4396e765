package bundle

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// npmHint is the advice for anything wrong inside node_modules.
const npmHint = "run `npm ci` in the site folder (the one holding package.json and package-lock.json), then build again"

// convertMessages turns esbuild messages into diagnostics. Messages marked by
// packagesSetup as missing packages are folded into one diagnostic, because
// they all have one cause and one fix.
func convertMessages(msgs []api.Message, sev diag.Severity, src string) diag.List {
	var out diag.List
	var missing []string
	var missingAt []diag.Diagnostic
	for _, m := range msgs {
		d := convertMessage(m, sev)
		if det, ok := m.Detail.(detail); ok && det.missingPackage != "" {
			missing = append(missing, det.missingPackage)
			missingAt = append(missingAt, d)
			continue
		}
		out.Add(d)
	}
	if len(missing) > 0 {
		out.Add(missingPackages(missing, missingAt, sev, src))
	}
	return out
}

// missingPackages builds the single diagnostic for packages that are not
// installed, placed at the first import that needs one.
func missingPackages(names []string, at []diag.Diagnostic, sev diag.Severity, src string) diag.Diagnostic {
	slices.Sort(names)
	names = slices.Compact(names)
	slices.SortFunc(at, func(a, b diag.Diagnostic) int { return a.Pos.Compare(b.Pos) })
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = fmt.Sprintf("%q", n)
	}
	d := at[0]
	d.Severity = sev
	if _, err := os.Stat(filepath.Join(src, "node_modules")); errors.Is(err, fs.ErrNotExist) {
		d.Msg = fmt.Sprintf("the node_modules folder is missing, so the npm package %s cannot be found", joinList(quoted))
		if len(names) > 1 {
			d.Msg = fmt.Sprintf("the node_modules folder is missing, so the npm packages %s cannot be found", joinList(quoted))
		}
	} else {
		d.Msg = fmt.Sprintf("the npm package %s is not installed in node_modules", joinList(quoted))
		if len(names) > 1 {
			d.Msg = fmt.Sprintf("the npm packages %s are not installed in node_modules", joinList(quoted))
		}
	}
	d.Hint = npmHint + "; if a package is new, add it first with `npm install --save-exact <name>`"
	if len(at) > 1 {
		d.Hint += fmt.Sprintf("\n(%d imports need these packages; this is the first)", len(at))
	}
	return d
}

// convertMessage translates one esbuild message. esbuild counts lines from 1
// and columns from 0 in bytes; diag counts columns from 1 in characters.
func convertMessage(m api.Message, sev diag.Severity) diag.Diagnostic {
	d := diag.Diagnostic{Severity: sev, Msg: lowerFirst(m.Text)}
	if loc := m.Location; loc != nil {
		d.Pos = diag.Pos{File: locationFile(loc), Line: loc.Line}
		col := min(max(loc.Column, 0), len(loc.LineText))
		d.Pos.Col = utf8.RuneCountInString(loc.LineText[:col]) + 1
		d = d.WithLine(loc.LineText)
	}
	var hints []string
	if det, ok := m.Detail.(detail); ok && det.hint != "" {
		hints = append(hints, det.hint)
	} else if h := fileHint(d.Pos.File); h != "" {
		hints = append(hints, h)
	}
	for _, n := range m.Notes {
		if n.Text != "" {
			hints = append(hints, "(bundler note: "+n.Text+")")
		}
	}
	d.Hint = strings.Join(hints, "\n")
	return d
}

// locationFile returns a message's file as a slash path relative to the
// source folder (esbuild already makes it relative to the working
// directory); files in a plugin's namespace keep their "namespace:" prefix.
func locationFile(loc *api.Location) string {
	f := filepath.ToSlash(loc.File)
	if loc.Namespace != "" && loc.Namespace != "file" && !strings.HasPrefix(f, loc.Namespace+":") {
		f = loc.Namespace + ":" + f
	}
	return f
}

// fileHint is the general advice for a problem in a file of a given kind.
func fileHint(file string) string {
	switch {
	case file == "":
		return ""
	case strings.HasPrefix(file, "node_modules/"):
		return "this file belongs to an npm package, which should not be edited; " + npmHint
	case path.Ext(file) == ".css":
		return "check the CSS at this point and just before it: a missing \";\", \"}\" or quote, or a misspelt file name, is the usual cause"
	case path.Ext(file) == ".js" || path.Ext(file) == ".mjs":
		return "check the JavaScript at this point and just before it: a missing bracket or quote, or a misspelt file name, is the usual cause"
	}
	return ""
}

// lowerFirst lower-cases the first letter of s unless it starts an acronym
// ("CSS", "JSON"), so that messages read like the rest of Plinth's.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) {
		return s
	}
	if next, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}
