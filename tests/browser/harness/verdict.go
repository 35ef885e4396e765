package harness

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/chromedp/cdproto/network"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// maxNodes caps how many offending elements one axe rule lists per page; the
// rest are counted. One fix in a template usually clears them all.
const maxNodes = 5

// judge turns what a visit observed into findings. It is pure, so each rule
// can be unit-tested without a browser. serverOrigin is the test server's
// origin; wantStatus is the HTTP status the page must answer with.
func judge(file, serverOrigin string, wantStatus int64, v visit) []Finding {
	pos := diag.Pos{File: file}
	var out []Finding
	add := func(rule, hint, format string, args ...any) {
		out = append(out, Finding{Rule: rule, Msg: fmt.Sprintf(format, args...), Hint: hint, Pos: pos})
	}

	if v.status != 0 && v.status != wantStatus {
		add(RuleHTTPStatus, "", "the page answered with HTTP status %d instead of %d", v.status, wantStatus)
	}

	out = append(out, judgeSkipLink(pos, v.skip)...)
	out = append(out, judgeHeadings(pos, v.headings)...)

	for _, vio := range v.axe.Violations {
		var targets []string
		var summary string
		for i, n := range vio.Nodes {
			if i < maxNodes {
				targets = append(targets, n.Target)
			}
			if summary == "" {
				summary = axeSummary(n.Summary)
			}
		}
		where := strings.Join(targets, ", ")
		if extra := len(vio.Nodes) - maxNodes; extra > 0 {
			where += fmt.Sprintf(" and %d more", extra)
		}
		hint := summary
		if vio.HelpURL != "" {
			hint = strings.TrimSpace(hint + " — see " + vio.HelpURL)
		}
		add(axeRulePrefix+vio.ID, hint, "%s (impact %s): %s", vio.Help, orUnknown(vio.Impact), where)
	}

	if v.reflow.ScrollWidth > v.reflow.ClientWidth {
		var wide []string
		for _, o := range v.reflow.Offenders {
			wide = append(wide, fmt.Sprintf("%s (right edge at %d px)", o.Selector, o.Right))
		}
		add(RuleReflow,
			"let wide tables and charts scroll inside their own box (a wrapper with overflow-x: auto), and let long words and URLs wrap",
			"at %d CSS px wide the page scrolls sideways: its content is %d px wide; sticking out: %s",
			v.reflow.ClientWidth, v.reflow.ScrollWidth, orUnknown(strings.Join(wide, ", ")))
	}

	for _, e := range v.events.ConsoleErrors {
		add(RuleConsoleError, "", "%s", e)
	}
	for _, e := range v.events.Exceptions {
		add(RuleUncaughtException, "", "%s", e)
	}
	for _, c := range v.events.CSP {
		where := ""
		if c.Source != "" {
			where = fmt.Sprintf(" in %s:%d:%d", c.Source, c.Line, c.Column)
		}
		sample := ""
		if c.Sample != "" {
			sample = fmt.Sprintf(" (starts %q)", c.Sample)
		}
		add(RuleCSPViolation,
			"load scripts and styles from files on this site; never inline them or fetch from other sites",
			"the Content-Security-Policy %s %s: directive %s%s%s",
			blockedOrReported(c.Disposition), orUnknown(c.Blocked), c.Directive, where, sample)
	}
	for _, r := range v.events.Requests {
		o := origin(r.URL)
		switch {
		case o == "":
		case o != serverOrigin:
			how := "it was sent"
			if r.Blocked != "" {
				how = "it was blocked (" + string(r.Blocked) + ")"
			} else if r.Failed != "" {
				how = "it failed (" + r.Failed + ")"
			}
			add(RuleThirdPartyRequest,
				"the site must load nothing from other origins: serve the file from this site",
				"the page requested %s (%s) from another origin; %s", r.URL, orUnknown(string(r.Type)), how)
		case r.Status >= 400 && r.Type != network.ResourceTypeDocument:
			add(RuleHTTPStatus, "", "%s (%s) answered with HTTP status %d", urlPath(r.URL), orUnknown(string(r.Type)), r.Status)
		}
	}
	return out
}

func judgeSkipLink(pos diag.Pos, s skipLinkResult) []Finding {
	f := func(format string, args ...any) []Finding {
		return []Finding{{
			Rule: RuleSkipLink, Pos: pos, Msg: fmt.Sprintf(format, args...),
			Hint: "make <a class=\"nhsuk-skip-link\" href=\"#maincontent\">Skip to main content</a> the first focusable element of <body>, and give the page's <main> the id \"maincontent\"",
		}}
	}
	switch {
	case !s.Found:
		return f("no skip link: expected a.nhsuk-skip-link or a link to #maincontent")
	case !s.Focused:
		return f("the first Tab press focused %s, not the skip link %s", orText(s.Active, "nothing"), s.Skip)
	case !s.TargetOK:
		return f("the skip link %s points to %q, which is %s; it must point to <main id=\"maincontent\">", s.Skip, s.Href, orText(s.Target, "missing"))
	}
	return nil
}

// judgeHeadings checks the outline: exactly one h1, and no level skipped on
// the way down (h2 → h4). The outline starts at level 0, so the first heading
// must be the h1. Going back up any number of levels is fine.
func judgeHeadings(pos diag.Pos, hs []heading) []Finding {
	var out []Finding
	add := func(rule, format string, args ...any) {
		out = append(out, Finding{Rule: rule, Pos: pos, Msg: fmt.Sprintf(format, args...),
			Hint: "use heading levels in order — one # title, then ##, then ### — without skipping a level"})
	}
	var h1s []string
	for _, h := range hs {
		if h.Level == 1 {
			h1s = append(h1s, fmt.Sprintf("%q (%s)", h.Text, h.Selector))
		}
	}
	switch len(h1s) {
	case 0:
		add(RuleOneH1, "the page has no <h1>")
	case 1:
	default:
		add(RuleOneH1, "the page has %d <h1> headings, expected exactly one: %s", len(h1s), strings.Join(h1s, ", "))
	}
	prev := 0
	for _, h := range hs {
		if h.Level > prev+1 {
			if prev == 0 {
				add(RuleHeadingOrder, "the first heading is an <h%d>, %q (%s); the outline must start at <h1>", h.Level, h.Text, h.Selector)
			} else {
				add(RuleHeadingOrder, "heading levels skip from <h%d> to <h%d> at %q (%s)", prev, h.Level, h.Text, h.Selector)
			}
		}
		prev = h.Level
	}
	return out
}

// judgeLinks checks the links of the page visited at pagePath that stay on
// the test server: each must lead to a file of the site. It returns the
// findings and the pages linked.
func judgeLinks(file, pagePath string, s *Server, links []string) (found []Finding, pages []string) {
	// A link to the page itself (a fragment such as the skip link's
	// #maincontent) needs no file; the 404 page is not at its own address.
	seen := map[string]bool{pagePath: true}
	for _, raw := range links {
		u, err := url.Parse(raw)
		if err != nil || origin(raw) != s.Origin() {
			continue
		}
		p := u.Path
		if seen[p] {
			continue
		}
		seen[p] = true
		res := s.Resolve(p)
		switch {
		case !res.Found() && !strings.HasPrefix(p, s.Prefix()) && p+"/" != s.Prefix():
			found = append(found, Finding{Rule: RuleBrokenLink, Pos: diag.Pos{File: file},
				Msg:  fmt.Sprintf("a link leads to %s, outside the site's path prefix %s", p, s.Prefix()),
				Hint: "write links relative to the page, or start them with the site's prefix"})
		case !res.Found():
			found = append(found, Finding{Rule: RuleBrokenLink, Pos: diag.Pos{File: file},
				Msg:  fmt.Sprintf("a link leads to %s, which does not exist (the visitor gets the 404 page)", p),
				Hint: "fix the link or publish the page it points to"})
		case isPage(res.File):
			pages = append(pages, res.File)
		}
	}
	slices.Sort(pages)
	return found, slices.Compact(pages)
}

func blockedOrReported(disposition string) string {
	if disposition == "report" {
		return "reported (report-only)"
	}
	return "blocked"
}

func urlPath(raw string) string {
	if u, err := url.Parse(raw); err == nil {
		return u.RequestURI()
	}
	return raw
}

// axeSummary folds axe's multi-line failure summary ("Fix any of the
// following:" and one indented reason per line) into one line.
func axeSummary(s string) string {
	var out strings.Builder
	for line := range strings.Lines(s) {
		line = strings.Join(strings.Fields(line), " ")
		if line == "" {
			continue
		}
		if out.Len() > 0 {
			if strings.HasSuffix(out.String(), ":") {
				out.WriteString(" ")
			} else {
				out.WriteString("; ")
			}
		}
		out.WriteString(line)
	}
	return out.String()
}

func orUnknown(s string) string { return orText(s, "unknown") }

func orText(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}
