package policy

import (
	"fmt"
	"regexp"
)

// cssRef matches url(…) and @import "…" references in CSS. Comments are not
// skipped: a remote address in a comment is reported too, which errs on the
// safe side and costs an editor one deletion.
var cssRef = regexp.MustCompile(`(?i)url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)`)

// scanCSS reports references in a stylesheet that load from another origin
// (web fonts from a font service are the usual culprit). The bundle stage
// already refuses them in the theme's CSS; this catches static files.
func scanCSS(data []byte) []finding {
	var out []finding
	for _, m := range cssRef.FindAllSubmatchIndex(data, -1) {
		lo, hi := m[2], m[3]
		if lo < 0 {
			lo, hi = m[4], m[5]
		}
		u := string(data[lo:hi])
		if isRemote(u) {
			out = append(out, finding{rule: ruleExternal, offset: lo, excerpt: u, hint: hintExternal,
				msg: fmt.Sprintf("the stylesheet loads %q from another website", u)})
		}
	}
	return out
}
