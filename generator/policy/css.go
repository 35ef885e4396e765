package policy

import (
	"bytes"
	"fmt"
	"regexp"
)

// cssRefPattern matches url(…) and @import "…" references in CSS.
// Comments are not skipped: a remote address in a comment is reported
// too, which errs on the safe side and costs an editor one deletion.
const cssRefPattern = `(?i)url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)`

// cssRefAt is cssRefPattern matching at the start of the text only.
var cssRefAt = regexp.MustCompile(`^(?:` + cssRefPattern + `)`)

// scanCSS reports references in a stylesheet that load from another origin
// (web fonts from a font service are the usual culprit). The bundle stage
// already refuses them in the theme's CSS; this catches static files.
func scanCSS(data []byte) []finding {
	var out []finding
	for _, m := range cssRefs(data) {
		lo, hi := m[2], m[3]
		if lo < 0 {
			lo, hi = m[4], m[5]
		}
		u := string(data[lo:hi])
		if isRemote(u) {
			out = append(out, newFinding(ruleExternal, lo, u, hintExternal,
				fmt.Sprintf("the stylesheet loads %q from another website", u)))
		}
	}
	return out
}

// cssRefs returns what regexp.MustCompile(cssRefPattern).
// FindAllSubmatchIndex(data, -1) returns, faster: a stylesheet of a few
// hundred kilobytes (the shipped theme's) took the regular expression
// tens of milliseconds, every build. A match starts with "url(" or
// "@import", in any case, so only where data has "url" before a "(", or
// an "@import", is the expression tried, anchored there; the matches
// cannot overlap those places in any other way (TestCSSRefs and
// FuzzCSSRefs compare the two).
func cssRefs(data []byte) [][]int {
	var out [][]int
	last := 0 // where the last match ended: matches do not overlap
	for i := 0; i < len(data); {
		k := bytes.IndexAny(data[i:], "(@")
		if k < 0 {
			break
		}
		p := i + k
		i = p + 1
		start, prefix := p, "@import"
		if data[p] == '(' {
			start, prefix = p-3, "url("
		}
		if start < last || !asciiFoldPrefix(data[start:], prefix) {
			continue
		}
		m := cssRefAt.FindSubmatchIndex(data[start:])
		if m == nil {
			continue
		}
		for j := range m {
			if m[j] >= 0 {
				m[j] += start
			}
		}
		out = append(out, m)
		last = m[1]
		i = max(i, last)
	}
	return out
}

// asciiFoldPrefix reports whether b starts with the lower-case ASCII
// prefix, ignoring ASCII case.
func asciiFoldPrefix(b []byte, prefix string) bool {
	if len(b) < len(prefix) {
		return false
	}
	for i := range len(prefix) {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}
