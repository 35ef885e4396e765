package config

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// Limits on the words of site.toml, as content.MaxTitle and
// content.MaxDescription limit a page's. The site's title, description,
// menus, copyright line and [params] are repeated on every page, so a
// paste gone wrong is multiplied by the number of pages: a description of
// 10 MB made each of 324 pages pass render.MaxPageBytes, and the build
// took 105 s and 2 GB to say so at a layout's line instead of this file's.
const (
	MaxTitle       = 250
	MaxDescription = 1000
	// MaxText is the most characters of any other text: a menu entry's
	// name, the copyright line, a value in [params] (the example site's
	// longest is under 300).
	MaxText = 10000
	// MaxMenuEntries is the most entries of one menu. Every page shows
	// every menu: 20,000 entries pasted into the footer made 324 pages of
	// 6 million links, 100 s and 536 MB to build and check.
	MaxMenuEntries = 50
)

// checkText refuses text in site.toml far longer than any real one, or
// holding a character that garbles it on every page, at its value.
func (c *Config) checkText() diag.List {
	var l diag.List
	check := func(path []string, what, s string, limit int) {
		if at := strings.IndexFunc(s, diag.Garbles); at >= 0 {
			r, _ := utf8.DecodeRuneInString(s[at:])
			l.Add(c.doc.Errorf(path, "%s has the invisible character %U, which would garble it on every page", what, r).
				WithHint("delete it (it often comes with text pasted from another program)"))
			return
		}
		if n := utf8.RuneCountInString(s); n > limit {
			l.Add(c.doc.Errorf(path, "%s is %d characters long; it may have at most %d", what, n, limit).
				WithHint("the words of site.toml are repeated on every page, so text this long is most likely a paste gone wrong; keep it to a sentence or two"))
		}
	}
	check([]string{"title"}, "the site title", c.Title, MaxTitle)
	check([]string{"description"}, "the site description", c.Description, MaxDescription)
	for _, name := range slices.Sorted(maps.Keys(c.Menus)) {
		for i, e := range c.Menus[name][:min(len(c.Menus[name]), MaxMenuEntries)] {
			check([]string{"menus", name, fmt.Sprint(i), "name"}, "the menu entry's name", e.Name, MaxTitle)
		}
	}
	if c.doc.Has("licence", "copyright") { // else made from the title, checked above
		check([]string{"licence", "copyright"}, "the copyright line", c.Licence.Copyright, MaxText)
	}
	var walk func(path []string, v any)
	walk = func(path []string, v any) {
		switch v := v.(type) {
		case string:
			// A line break is fine in a parameter (a layout may split
			// on it); only the characters that garble text are not.
			check(path, "this value", strings.NewReplacer("\n", " ", "\t", " ", "\r", " ").Replace(v), MaxText)
		case []any:
			for i, e := range v {
				walk(append(slices.Clip(path), fmt.Sprint(i)), e)
			}
		case map[string]any:
			for _, k := range slices.Sorted(maps.Keys(v)) {
				walk(append(slices.Clip(path), k), v[k])
			}
		}
	}
	walk([]string{"params"}, c.Params)
	return l
}
