package diag

import (
	"fmt"
	"io"
	"regexp"
	"strings"
)

// SummariseAbove is how many warnings of one kind Report shows in full;
// more than that are summarised in one line.
const SummariseAbove = 3

// ReportOptions say how Report prints a list.
type ReportOptions struct {
	// Limit caps the diagnostics printed in full, as Print's limit does
	// (0 means DefaultLimit); it applies to errors and warnings apart.
	Limit int
	// Verbose prints every warning in full instead of summarising those
	// of one kind.
	Verbose bool
}

// Report writes a build's diagnostics for an editor: every error first,
// sorted, then the warnings. Warnings of one kind are summarised in one
// line with a count when there are more than SummariseAbove of them, unless
// opts.Verbose is set, so that a site with forty entries awaiting review
// does not bury the one error that stops the build under a hundred lines.
//
// Two warnings are of one kind when they give the same hint and their
// messages differ only in numbers and quoted values ("entry YSWD-037 (row
// 38) has not been reviewed" and "entry YSWD-038 (row 39) has not been
// reviewed").
func Report(w io.Writer, l List, opts ReportOptions) {
	var errs, warns List
	for _, d := range l {
		if d.Severity == Error {
			errs = append(errs, d)
		} else {
			warns = append(warns, d)
		}
	}
	Print(w, errs, opts.Limit)
	if !opts.Verbose {
		warns = Summarise(warns)
	}
	Print(w, warns, opts.Limit)
}

// Summarise returns the warnings of l sorted, with each kind that has more
// than SummariseAbove warnings replaced by one warning at the first one's
// position. Its message is the first one's followed by how many more there
// are and where; it has no source line or hint, which --verbose shows.
// Errors are returned as they are: an editor needs every one of them.
// Knock-ons (see Because) are left as they are too: Print folds those of
// one cause into one line already, counting them.
func Summarise(l List) List {
	l = append(List(nil), l...)
	l.Sort()
	groups := map[string][]int{}
	var order []string
	for i, d := range l {
		if d.Severity != Warning || d.Cause != "" {
			continue
		}
		k := kindOf(d)
		if _, seen := groups[k]; !seen {
			order = append(order, k)
		}
		groups[k] = append(groups[k], i)
	}
	drop := make([]bool, len(l))
	for _, k := range order {
		idx := groups[k]
		if len(idx) <= SummariseAbove {
			continue
		}
		first := l[idx[0]]
		var rest []Pos
		for _, i := range idx[1:] {
			rest = append(rest, l[i].Pos)
			drop[i] = true
		}
		l[idx[0]] = Diagnostic{
			Pos:      first.Pos,
			Severity: Warning,
			Msg:      fmt.Sprintf("%s; %s (--verbose shows each in full)", first.Msg, more(first.Pos, rest)),
		}
	}
	out := l[:0]
	for i, d := range l {
		if !drop[i] {
			out = append(out, d)
		}
	}
	return out
}

// maxPlaces is how many further positions a summary names.
const maxPlaces = 5

// more says how many more warnings like the first there are and where,
// writing a position in the first one's file as ":line:col".
func more(first Pos, rest []Pos) string {
	var places []string
	for i, p := range rest {
		if i == maxPlaces {
			places = append(places, fmt.Sprintf("and %d more", len(rest)-maxPlaces))
			break
		}
		s := p.String()
		if p.File == first.File && p.Line > 0 {
			s = strings.TrimPrefix(s, p.File)
		}
		places = append(places, s)
	}
	what := "warnings"
	if len(rest) == 1 {
		what = "warning"
	}
	return fmt.Sprintf("%d more %s like it at %s", len(rest), what, strings.Join(places, ", "))
}

// varying matches the parts of a message that differ between warnings of
// one kind: quoted values and numbers.
var varying = regexp.MustCompile(`"[^"]*"|“[^”]*”|‘[^’]*’|[0-9]+`)

// kindOf returns the key that groups warnings of one kind: the hint and
// the message with its values taken out.
func kindOf(d Diagnostic) string {
	return d.Hint + "\x00" + varying.ReplaceAllString(d.Msg, "#")
}
