package framework

import "strings"

// ResolveText resolves a reference as written in a data file ("2021:1.3",
// or "1.3" for the edition in force) and returns its canonical EDITION:ID
// form. When it names no standard, ok is false and hint says why in words
// for editors. Its shape is dataset.StandardResolver, so the build hands
// it to the dataset loader and data files are checked against the same
// framework as content.
func (f *Framework) ResolveText(text string) (canonical string, ok bool, hint string) {
	r, err := ParseRef(text)
	if err != nil {
		return "", false, err.Error()
	}
	s, u := f.Resolve(r)
	if u != nil {
		return "", false, strings.TrimRight(u.Msg, ".") + "; " + u.Hint
	}
	return s.Ref().String(), true, ""
}
