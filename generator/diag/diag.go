// Package diag is Plinth's single vocabulary for problems found in a site:
// positions, diagnostics and lists of them.
//
// Every stage reports problems as Diagnostic values rather than Go errors, so
// that one build can report everything wrong with a site in one run. Positions
// are translated into file, line and column at the boundary where a foreign
// library (TOML, goldmark, html/template, esbuild, CSV) hands them over; they
// are never parsed back out of error strings.
//
// A Diagnostic is printed as
//
//	content/strategy/culture.md:3:1: unknown front-matter key "titel"
//	    3 | titel = "Culture"
//	      | ^
//	  hint: did you mean "title"?
//
// so that editors and CI jump to it and a non-programmer can act on the hint.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Severity says whether a diagnostic stops the build.
type Severity int

const (
	// Error stops the build: nothing is published.
	Error Severity = iota
	// Warning is reported but the build still publishes.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Pos is a position in a source file. File is a slash-separated path relative
// to the site's source folder (for example "content/strategy/culture.md").
// Line and Col count from 1; zero means unknown. Col counts characters, not
// bytes, because that is what an editor's status bar shows.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats p as "file:line:col", dropping the parts that are unknown.
func (p Pos) String() string {
	switch {
	case p.File == "":
		return "<site>"
	case p.Line <= 0:
		return p.File
	case p.Col <= 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	default:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	}
}

// Compare orders positions by file, then line, then column.
func (p Pos) Compare(q Pos) int {
	if c := strings.Compare(p.File, q.File); c != 0 {
		return c
	}
	if c := cmp.Compare(p.Line, q.Line); c != 0 {
		return c
	}
	return cmp.Compare(p.Col, q.Col)
}

// Diagnostic is one problem found in a site.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	// Msg says what is wrong, in plain words, starting in lower case.
	Msg string
	// Hint says how to fix it; it may be empty.
	Hint string
	// LineText is the offending source line, shown under the message; it
	// may be empty when the source is not text or not known. WithLine keeps
	// only part of a very long line.
	LineText string
	// lineCol, if not zero, is the column of Pos within a LineText that
	// WithLine cut from a longer line.
	lineCol int
	// Cause, if not empty, is the file whose own problems led to this one
	// (see Because); what names such knock-ons in the plural, and more
	// counts further knock-ons this one stands for (see Again).
	Cause string
	what  string
	more  int
}

// Errorf returns an error-severity diagnostic at pos.
func Errorf(pos Pos, format string, args ...any) Diagnostic {
	return Diagnostic{Pos: pos, Severity: Error, Msg: fmt.Sprintf(format, args...)}
}

// Warningf returns a warning-severity diagnostic at pos.
func Warningf(pos Pos, format string, args ...any) Diagnostic {
	return Diagnostic{Pos: pos, Severity: Warning, Msg: fmt.Sprintf(format, args...)}
}

// WithHint returns d with its hint set.
func (d Diagnostic) WithHint(format string, args ...any) Diagnostic {
	d.Hint = fmt.Sprintf(format, args...)
	return d
}

// WithLine returns d with the offending source line attached. Of a line
// longer than maxLineKept bytes (minified text, a CSV header of thousands
// of columns, a five-megabyte cell), only about maxLineKept bytes around
// the column are kept, so that many problems on one huge line do not each
// hold a copy of it.
func (d Diagnostic) WithLine(text string) Diagnostic {
	d.LineText, d.lineCol = clipLine(text, d.Pos.Col)
	return d
}

// maxLineKept is how much of a source line a diagnostic keeps; Print shows
// even less.
const maxLineKept = 1000

// clipLine cuts text to about maxLineKept bytes around the 1-based column
// col (in characters), marking the cuts with "…". It returns the text and
// the column within it, or 0 if it kept the whole line.
func clipLine(text string, col int) (string, int) {
	if len(text) <= maxLineKept {
		return text, 0
	}
	at := 0 // byte offset of col; an unknown column keeps the start
	if col > 1 {
		at = len(text)
		n := 1
		for i := range text {
			if n == col {
				at = i
				break
			}
			n++
		}
	}
	return clipAt(text, at)
}

// clipAt is clipLine around the byte offset at, which it reaches by
// keeping less than maxLineKept bytes on either side of it.
func clipAt(text string, at int) (string, int) {
	start := max(at-maxLineKept/2, 0)
	for start > 0 && !utf8.RuneStart(text[start]) {
		start--
	}
	end := min(start+maxLineKept, len(text))
	for end < len(text) && !utf8.RuneStart(text[end]) {
		end++
	}
	out := text[start:end]
	newCol := utf8.RuneCountInString(text[start:min(at, end)]) + 1
	if start > 0 {
		out = "…" + out
		newCol++
	}
	if end < len(text) {
		out += "…"
	}
	return strings.Clone(out), newCol
}

// Error makes a Diagnostic usable as a Go error; it formats the first line
// only ("file:line:col: message").
func (d Diagnostic) Error() string {
	if d.Severity == Warning {
		return fmt.Sprintf("%s: warning: %s", d.Pos, d.Msg)
	}
	return fmt.Sprintf("%s: %s", d.Pos, d.Msg)
}

// List collects diagnostics. The zero value is an empty list ready to use.
// A List is not safe for concurrent use; parallel stages collect their own
// lists and Append them afterwards.
type List []Diagnostic

// Add appends diagnostics to the list.
func (l *List) Add(ds ...Diagnostic) { *l = append(*l, ds...) }

// Append appends every diagnostic of other to the list.
func (l *List) Append(other List) { *l = append(*l, other...) }

// Errorf adds an error-severity diagnostic and returns a pointer to it so
// that the caller may attach a hint or the source line.
func (l *List) Errorf(pos Pos, format string, args ...any) *Diagnostic {
	*l = append(*l, Errorf(pos, format, args...))
	return &(*l)[len(*l)-1]
}

// Warningf adds a warning-severity diagnostic and returns a pointer to it.
func (l *List) Warningf(pos Pos, format string, args ...any) *Diagnostic {
	*l = append(*l, Warningf(pos, format, args...))
	return &(*l)[len(*l)-1]
}

// HasErrors reports whether any diagnostic in the list is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Count returns the number of errors and warnings in the list, counting
// the knock-ons a diagnostic stands for (see Again).
func (l List) Count() (errors, warnings int) {
	for _, d := range l {
		if d.Severity == Error {
			errors += 1 + d.more
		} else {
			warnings += 1 + d.more
		}
	}
	return errors, warnings
}

// Sort orders the list by position, errors before warnings at the same
// position, then by message, and removes exact duplicates. A knock-on
// (see Because) sorts after the problems of the file that caused it, so
// that the cause is read first. Sorting makes the report deterministic
// whatever order parallel stages finished in.
func (l *List) Sort() {
	slices.SortStableFunc(*l, findCauses(*l).compare)
	*l = slices.CompactFunc(*l, func(a, b Diagnostic) bool {
		return a.Pos == b.Pos && a.Severity == b.Severity && a.Msg == b.Msg && a.Cause == b.Cause
	})
}

// Err returns the list as an error if it holds at least one error-severity
// diagnostic, and nil otherwise. Warnings alone never fail a build.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return ErrorList(l)
}

// ErrorList is the error returned by List.Err.
type ErrorList List

func (e ErrorList) Error() string {
	errs, _ := List(e).Count()
	for _, d := range e {
		if d.Severity == Error {
			if errs == 1 {
				return d.Error()
			}
			return fmt.Sprintf("%s (and %d more errors)", d.Error(), errs-1)
		}
	}
	return "no errors"
}
