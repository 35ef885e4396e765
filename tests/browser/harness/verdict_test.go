package harness

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/cdproto/network"

	"github.com/plinth-ssg/plinth/generator/diag"
)

func rules(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule)
	}
	return out
}

func TestJudgeHeadings(t *testing.T) {
	h := func(levels ...int) []heading {
		var hs []heading
		for _, l := range levels {
			hs = append(hs, heading{Level: l, Text: "t", Selector: "h"})
		}
		return hs
	}
	tests := []struct {
		name   string
		levels []int
		want   []string
		msg    string
	}{
		{"one h1 then down and back up", []int{1, 2, 3, 4, 2, 3, 2}, nil, ""},
		{"no headings", nil, []string{RuleOneH1}, "no <h1>"},
		{"two h1", []int{1, 2, 1}, []string{RuleOneH1}, "2 <h1> headings"},
		{"skip h2 to h4", []int{1, 2, 4}, []string{RuleHeadingOrder}, "from <h2> to <h4>"},
		{"starts at h2", []int{2, 1}, []string{RuleHeadingOrder}, "first heading is an <h2>"},
		{"both problems", []int{1, 3, 1}, []string{RuleOneH1, RuleHeadingOrder}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := judgeHeadings(pageFile, h(tt.levels...))
			if !slices.Equal(rules(got), tt.want) {
				t.Fatalf("rules %v, want %v: %v", rules(got), tt.want, got)
			}
			if tt.msg != "" && !strings.Contains(got[0].Msg, tt.msg) {
				t.Errorf("message %q does not say %q", got[0].Msg, tt.msg)
			}
		})
	}
}

var pageFile = diag.Pos{File: "page.html"}

func TestJudgeSkipLink(t *testing.T) {
	ok := skipLinkResult{Found: true, Focused: true, Skip: "a.nhsuk-skip-link", Href: "#maincontent", Target: "#maincontent", TargetOK: true}
	tests := []struct {
		name string
		res  skipLinkResult
		msg  string // "" means no finding
	}{
		{"skip link works", ok, ""},
		{"no skip link", skipLinkResult{}, "no skip link"},
		{"first Tab lands elsewhere", skipLinkResult{Found: true, Active: "a.logo", Skip: "a.nhsuk-skip-link"}, "focused a.logo, not the skip link"},
		{"first Tab focuses nothing", skipLinkResult{Found: true, Skip: "a.nhsuk-skip-link"}, "focused nothing"},
		{"target missing", skipLinkResult{Found: true, Focused: true, Skip: "a", Href: "#main"}, `points to "#main", which is missing`},
		{"target is not main", skipLinkResult{Found: true, Focused: true, Skip: "a", Href: "#maincontent", Target: "div#maincontent"}, "which is div#maincontent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := judgeSkipLink(pageFile, tt.res)
			switch {
			case tt.msg == "" && len(got) != 0:
				t.Errorf("want no finding, got %v", got)
			case tt.msg != "" && (len(got) != 1 || got[0].Rule != RuleSkipLink || !strings.Contains(got[0].Msg, tt.msg)):
				t.Errorf("want one skip-link finding saying %q, got %v", tt.msg, got)
			}
		})
	}
}

func TestJudge(t *testing.T) {
	const origin = "http://127.0.0.1:8080"
	good := visit{
		status:   200,
		skip:     skipLinkResult{Found: true, Focused: true, TargetOK: true},
		headings: []heading{{Level: 1}},
		reflow:   reflowResult{ClientWidth: 320, ScrollWidth: 320},
		events: pageEvents{Requests: []*request{
			{URL: origin + "/", Type: network.ResourceTypeDocument, Status: 200},
			{URL: "data:image/png;base64,AAAA", Type: network.ResourceTypeImage},
		}},
	}
	if got := judge("index.html", origin, 200, good); len(got) != 0 {
		t.Fatalf("a good visit gave findings: %v", got)
	}
	tests := []struct {
		name  string
		tweak func(v *visit)
		rule  string
		msg   string
	}{
		{"status", func(v *visit) { v.status = 500 }, RuleHTTPStatus, "status 500"},
		{"reflow", func(v *visit) {
			v.reflow = reflowResult{ClientWidth: 320, ScrollWidth: 990}
			v.reflow.Offenders = []reflowOffender{{"main > table", 990}}
		}, RuleReflow, "main > table (right edge at 990 px)"},
		{"console", func(v *visit) { v.events.ConsoleErrors = []string{"console.error: boom"} }, RuleConsoleError, "boom"},
		{"exception", func(v *visit) { v.events.Exceptions = []string{"Uncaught: TypeError"} }, RuleUncaughtException, "TypeError"},
		{"csp", func(v *visit) {
			v.events.CSP = []cspViolation{{Directive: "script-src-elem", Blocked: "inline", Source: origin + "/", Line: 3, Column: 5}}
		}, RuleCSPViolation, "blocked inline: directive script-src-elem in " + origin + "/:3:5"},
		{"third party", func(v *visit) {
			v.events.Requests = append(v.events.Requests, &request{URL: "https://cdn.example.org/x.js", Type: network.ResourceTypeScript, Blocked: network.BlockedReasonCsp})
		}, RuleThirdPartyRequest, "https://cdn.example.org/x.js (Script) from another origin; it was blocked (csp)"},
		{"same host, other port", func(v *visit) {
			v.events.Requests = append(v.events.Requests, &request{URL: "http://127.0.0.1:9/x", Type: network.ResourceTypeFetch})
		}, RuleThirdPartyRequest, "it was sent"},
		{"missing stylesheet", func(v *visit) {
			v.events.Requests = append(v.events.Requests, &request{URL: origin + "/assets/gone.css?v=1", Type: network.ResourceTypeStylesheet, Status: 404})
		}, RuleHTTPStatus, "/assets/gone.css?v=1 (Stylesheet) answered with HTTP status 404"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := good
			v.events.Requests = slices.Clone(good.events.Requests)
			tt.tweak(&v)
			got := judge("index.html", origin, 200, v)
			if len(got) != 1 || got[0].Rule != tt.rule || !strings.Contains(got[0].Msg, tt.msg) || got[0].Pos.File != "index.html" {
				t.Errorf("want one %s finding saying %q, got %v", tt.rule, tt.msg, got)
			}
		})
	}
}

func TestJudgeAxe(t *testing.T) {
	var v visit
	v.status = 200
	v.skip = skipLinkResult{Found: true, Focused: true, TargetOK: true}
	v.headings = []heading{{Level: 1}}
	v.axe.Violations = append(v.axe.Violations, axeViolation{ID: "image-alt", Impact: "critical", Help: "Images must have alternative text", HelpURL: "https://dequeuniversity.com/rules/axe/4.14/image-alt"})
	for i := range 7 {
		v.axe.Violations[0].Nodes = append(v.axe.Violations[0].Nodes, axeNode{Target: fmt.Sprintf("img:nth-child(%d)", i+1), Summary: "Fix any of the following:\n  Element does not have an alt attribute\n  Element has no title attribute"})
	}
	got := judge("a.html", "http://x", 200, v)
	if len(got) != 1 {
		t.Fatalf("want one finding, got %v", got)
	}
	f := got[0]
	if f.Rule != "axe/image-alt" || !strings.Contains(f.Msg, "Images must have alternative text (impact critical): img:nth-child(1)") || !strings.Contains(f.Msg, "and 2 more") {
		t.Errorf("message %q", f.Msg)
	}
	if !strings.Contains(f.Hint, "Fix any of the following: Element does not have an alt attribute; Element has no title attribute — see https://") {
		t.Errorf("hint %q", f.Hint)
	}
}

func TestJudgeLinks(t *testing.T) {
	srv, err := NewServer(fstest.MapFS{
		"index.html":       {Data: []byte("x")},
		"about/index.html": {Data: []byte("x")},
		"data/a.csv":       {Data: []byte("x")},
	}, "/quality/")
	if err != nil {
		t.Fatal(err)
	}
	srv.base = "http://127.0.0.1:1"
	links := []string{
		"http://127.0.0.1:1/quality/lost/#maincontent",
		"http://127.0.0.1:1/quality/about/",
		"http://127.0.0.1:1/quality/about/#team",
		"http://127.0.0.1:1/quality/about",
		"http://127.0.0.1:1/quality/data/a.csv",
		"http://127.0.0.1:1/quality/gone.html",
		"http://127.0.0.1:1/about/",
		"https://www.nhs.uk/",
		"mailto:quality@example.org",
	}
	found, pages := judgeLinks("404.html", "/quality/lost/", srv, links)
	if !slices.Equal(pages, []string{"about/index.html"}) {
		t.Errorf("linked pages %v, want [about/index.html]", pages)
	}
	var msgs []string
	for _, f := range found {
		msgs = append(msgs, f.Msg)
	}
	want := []string{
		"a link leads to /quality/gone.html, which does not exist (the visitor gets the 404 page)",
		"a link leads to /about/, outside the site's path prefix /quality/",
	}
	if !slices.Equal(msgs, want) {
		t.Errorf("findings\n%q\nwant\n%q", msgs, want)
	}
}

func TestPageReportMessage(t *testing.T) {
	p := PageReport{URL: "http://127.0.0.1:1/quality/a.html", File: "a.html", Findings: []Finding{
		{Rule: "axe/image-alt", Msg: "Images must have alternative text: img"},
		{Rule: RuleInlineStyle, Msg: "style attribute", Hint: "use a class", Pos: diag.Pos{File: "a.html", Line: 3, Col: 7}},
	}}
	msg := p.Message()
	for _, want := range []string{
		"page http://127.0.0.1:1/quality/a.html (file a.html): 2 problems",
		"\n  [axe/image-alt] Images must have alternative text: img",
		"\n  [static/inline-style] style attribute (at a.html:3:7)\n      hint: use a class",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("message\n%s\ndoes not contain %q", msg, want)
		}
	}
}
