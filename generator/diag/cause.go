package diag

import (
	"cmp"
	"fmt"
	"strconv"
)

// Because returns d marked as a knock-on of the problems in the file cause:
// a row of data/actions.csv whose provider cannot be found because
// data/providers.csv could not be read, or a page no layout can render
// because site.toml names a theme that does not exist. what names the
// knock-ons in the plural, for the count ("rows that use it").
//
// The cause's own problems are the ones to fix, so Sort puts knock-ons
// after them, and Print folds the knock-ons of one cause into the first,
// counting the rest: thousands of rows that refer to a broken
// file then cost one line, and the broken file's own error comes first.
func (d Diagnostic) Because(cause, what string) Diagnostic {
	d.Cause, d.what = cause, what
	return d
}

// sortFile is the file a diagnostic is sorted under: its own, or for a
// knock-on the file that caused it.
func (d Diagnostic) sortFile() string {
	if d.Cause != "" {
		return d.Cause
	}
	return d.Pos.File
}

// compare orders diagnostics for Sort: by file (a knock-on under its cause,
// after the cause's own problems), position, severity and message.
func compare(a, b Diagnostic) int {
	if c := cmp.Compare(a.sortFile(), b.sortFile()); c != 0 {
		return c
	}
	if ka, kb := a.Cause != "", b.Cause != ""; ka != kb {
		if ka {
			return 1
		}
		return -1
	}
	if c := a.Pos.Compare(b.Pos); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Severity, b.Severity); c != 0 {
		return c
	}
	return cmp.Compare(a.Msg, b.Msg)
}

// fold replaces each run of knock-ons of the same cause, severity and kind
// with its first, whose message then counts the others: they may be in
// many files (every page, when the theme is missing), but one fix mends
// them all. l must be sorted.
func fold(l List) List {
	out := make(List, 0, len(l))
	for i := 0; i < len(l); {
		d := l[i]
		j := i + 1
		if d.Cause != "" {
			for j < len(l) && l[j].Cause == d.Cause && l[j].Severity == d.Severity && l[j].what == d.what {
				j++
			}
			if n := j - i - 1; n > 0 {
				d.Msg += fmt.Sprintf(" (and %s more %s)", thousands(n), d.what)
			}
		}
		out = append(out, d)
		i = j
	}
	return out
}

// thousands writes n with commas between groups of three digits, as
// people write counts ("3,000").
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// capped returns the entries of the sorted list l that Print shows: the
// first limit, and beyond them the first error of every file that has
// none among them, so that the cap never hides the one problem of a file
// (often the cause of all the rest).
func capped(l List, limit int) List {
	if len(l) <= limit {
		return l
	}
	shown := append(List(nil), l[:limit]...)
	seen := map[string]bool{}
	for _, d := range shown {
		if d.Severity == Error {
			seen[d.Pos.File] = true
		}
	}
	for _, d := range l[limit:] {
		if d.Severity == Error && !seen[d.Pos.File] {
			seen[d.Pos.File] = true
			shown = append(shown, d)
		}
	}
	return shown
}
