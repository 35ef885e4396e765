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

// Again returns d standing for one more knock-on like it. A producer that
// finds thousands of them (every row of a large file that names a region
// of a broken regions file) adds the first and counts the rest on it, so
// that they cost neither memory nor a place under a per-file cap; Print
// adds the count to the folded line.
func (d Diagnostic) Again() Diagnostic {
	d.more++
	return d
}

// causes works out, for each file that has knock-ons, the file they come
// from in the end: a knock-on's cause may itself hold only knock-ons of
// another file (data/actions.csv has no usable rows because every row
// names a region of a broken data/regions.toml), and then the report must
// start at that other file.
type causes map[string]string

func findCauses(l List) causes {
	own := map[string]bool{}    // files with problems of their own
	next := map[string]string{} // file → the cause of its first knock-on
	for _, d := range l {
		switch {
		case d.Cause == "" && d.Severity == Error:
			own[d.Pos.File] = true
		case d.Cause != "" && d.Cause != d.Pos.File && next[d.Pos.File] == "":
			next[d.Pos.File] = d.Cause
		}
	}
	c := causes{}
	for _, d := range l {
		if d.Cause == "" || c[d.Cause] != "" {
			continue
		}
		root := d.Cause
		for range 10 { // a chain longer than this is a loop
			if own[root] || next[root] == "" {
				break
			}
			root = next[root]
		}
		c[d.Cause] = root
	}
	return c
}

// sortFile is the file a diagnostic is sorted under: its own, or for a
// knock-on the file that caused it in the end.
func (c causes) sortFile(d Diagnostic) string {
	if d.Cause != "" {
		return c[d.Cause]
	}
	return d.Pos.File
}

// compare orders diagnostics for Sort: by file (a knock-on under its cause,
// after the cause's own problems), position, severity and message.
func (c causes) compare(a, b Diagnostic) int {
	if x := cmp.Compare(c.sortFile(a), c.sortFile(b)); x != 0 {
		return x
	}
	if ka, kb := a.Cause != "", b.Cause != ""; ka != kb {
		if ka {
			return 1
		}
		return -1
	}
	if x := a.Pos.Compare(b.Pos); x != 0 {
		return x
	}
	if x := cmp.Compare(a.Severity, b.Severity); x != 0 {
		return x
	}
	return cmp.Compare(a.Msg, b.Msg)
}

// fold replaces the knock-ons of each cause, severity and kind with the
// first of them, whose message then counts the others: they may be in many
// files (every page, when the theme is missing), but one fix mends them
// all. l must be sorted.
func fold(l List) List {
	type kind struct {
		cause, what string
		severity    Severity
	}
	first := map[kind]int{} // → index in out
	count := map[kind]int{}
	out := make(List, 0, len(l))
	for _, d := range l {
		if d.Cause == "" {
			out = append(out, d)
			continue
		}
		k := kind{d.Cause, d.what, d.Severity}
		if _, seen := first[k]; !seen {
			first[k] = len(out)
			out = append(out, d)
		}
		count[k] += 1 + d.more
	}
	for k, i := range first {
		if n := count[k] - 1; n > 0 {
			out[i].Msg += fmt.Sprintf(" (and %s more %s)", thousands(n), k.what)
		}
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
// first limit, and beyond them the first error of each file that has
// none among them, so that the cap never hides the one problem of a file
// (often the cause of all the rest); but no more than limit such files,
// lest a mistake repeated in 20,000 files (a folder of pages pasted with
// the same broken front matter) print 20,000 errors, megabytes that
// nobody reads. It also returns how many files with errors it left out.
func capped(l List, limit int) (List, int) {
	if len(l) <= limit {
		return l, 0
	}
	shown := append(List(nil), l[:limit]...)
	seen := map[string]bool{}
	for _, d := range shown {
		if d.Severity == Error {
			seen[d.Pos.File] = true
		}
	}
	files, hidden := 0, 0
	for _, d := range l[limit:] {
		if d.Severity == Error && !seen[d.Pos.File] {
			seen[d.Pos.File] = true
			if files++; files > limit {
				hidden++
				continue
			}
			shown = append(shown, d)
		}
	}
	return shown, hidden
}
