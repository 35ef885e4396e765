package harness

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// Rule names. Axe and html-validate findings are named "axe/<rule id>" and
// "html-validate/<rule id>" after the tools' own rule ids, so that a failure
// can be looked up in the tool's documentation.
const (
	RuleConsoleError      = "console-error"
	RuleUncaughtException = "uncaught-exception"
	RuleCSPViolation      = "csp-violation"
	RuleThirdPartyRequest = "third-party-request"
	RuleHTTPStatus        = "http-status"
	RuleBrokenLink        = "broken-link"
	RuleSkipLink          = "skip-link"
	RuleReflow            = "reflow-320"
	RuleOneH1             = "one-h1"
	RuleHeadingOrder      = "heading-order"
	RulePageLoad          = "page-load"
	RulePageWeight        = "page-weight"
	RuleInlineScript      = "static/inline-script"
	RuleInlineStyle       = "static/inline-style"
	RuleExternalResource  = "static/external-resource"

	axeRulePrefix          = "axe/"
	htmlValidateRulePrefix = "html-validate/"
)

// Finding is one rule broken by one page.
type Finding struct {
	// Rule names the broken rule, for example "axe/image-alt" or "reflow-320".
	Rule string
	// Msg says what is wrong in plain words, naming the offending element by
	// a CSS selector where there is one.
	Msg string
	// Hint says how to fix it; it may be empty.
	Hint string
	// Pos is where in the built file the problem is. Pos.File is the page's
	// file relative to the site folder; Line and Col are zero when only the
	// browser knows the problem (the rendered DOM has no source lines).
	Pos diag.Pos
}

func (f Finding) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "[%s] %s", f.Rule, f.Msg)
	if f.Pos.Line > 0 {
		fmt.Fprintf(&b, " (at %s)", f.Pos)
	}
	if f.Hint != "" {
		fmt.Fprintf(&b, "\n      hint: %s", f.Hint)
	}
	return b.String()
}

// sortFindings orders findings by rule, position and message and drops exact
// duplicates, so that reports are deterministic whatever order the browser's
// events arrived in.
func sortFindings(fs []Finding) []Finding {
	slices.SortFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			strings.Compare(a.Rule, b.Rule),
			a.Pos.Compare(b.Pos),
			strings.Compare(a.Msg, b.Msg),
		)
	})
	return slices.Compact(fs)
}

// PageReport is the outcome for one page.
type PageReport struct {
	// URL is the page's address on the test server.
	URL string
	// Path is the URL path, including the site's prefix ("/quality/about/").
	Path string
	// File is the page's file relative to the site folder ("about/index.html").
	File string
	// Findings lists every rule the page breaks, sorted.
	Findings []Finding
	// Weight is what the page costs to load, gzipped.
	Weight Weight
	// AxeApplied lists the axe rules that found something to check on the
	// page (passed, failed or needing review).
	AxeApplied []string
	// AxeIncomplete lists the axe rules that could not decide and need a
	// person to look (for example contrast over a background image).
	AxeIncomplete []string
}

// Failed reports whether the page broke any rule.
func (p PageReport) Failed() bool { return len(p.Findings) > 0 }

// Message formats the page's findings as one failure message that names the
// page (its URL and file) and each broken rule.
func (p PageReport) Message() string {
	var b strings.Builder
	noun := "problems"
	if len(p.Findings) == 1 {
		noun = "problem"
	}
	fmt.Fprintf(&b, "page %s (file %s): %d %s", p.URL, p.File, len(p.Findings), noun)
	for _, f := range p.Findings {
		b.WriteString("\n  ")
		b.WriteString(f.String())
	}
	return b.String()
}

// Has reports whether the page has a finding for rule.
func (p PageReport) Has(rule string) bool {
	return slices.ContainsFunc(p.Findings, func(f Finding) bool { return f.Rule == rule })
}
