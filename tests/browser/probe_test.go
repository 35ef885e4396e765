package browser

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/plinth-ssg/plinth/tests/browser/harness"
)

// TestProbeCatches proves that harness.Probe, which TestSelfAssessment
// trusts for its "no CSP report, no console error, no axe violation", does
// report each on the bad fixture's pages, with scripts running and without
// them (when the browser's log is the only witness of a CSP violation), and
// stays quiet where nothing is wrong.
func TestProbeCatches(t *testing.T) {
	srv, browserCtx, axe := serveForProbes(t, requireTools(t), filepath.Join("testdata", "bad"), "/")
	tests := []struct {
		page     string
		noScript bool
		want     string // a rule, or "" for none
	}{
		{"about/index.html", false, ""},
		{"about/index.html", true, ""},
		{"inline-script.html", false, harness.RuleCSPViolation},
		// Without JavaScript an inline script is never run, so the policy
		// has nothing to refuse; an inline style still is refused.
		{"inline-script.html", true, ""},
		{"inline-style.html", true, harness.RuleConsoleError},
		{"console-error.html", false, harness.RuleConsoleError},
		{"uncaught-exception.html", false, harness.RuleUncaughtException},
		{"other-origin.html", false, harness.RuleThirdPartyRequest},
		{"missing-alt.html", false, "axe/image-alt"},
		{"missing-alt.html", true, "axe/image-alt"},
		// After all that, a good page in the same tab is clean again.
		{"index.html", false, ""},
	}
	// One tab for every case, as the self-assessment's test uses it:
	// Record must forget the previous page's events.
	p, err := harness.OpenProbe(browserCtx, string(axe), srv.Origin())
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	scripts := func(off bool) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: off})
			return err
		})
	}
	for _, tt := range tests {
		name := tt.page
		if tt.noScript {
			name += " without JavaScript"
		}
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(p.Context(), 30*time.Second)
			defer cancel()
			p.Record()
			if err := chromedp.Do(ctx, scripts(tt.noScript), chromedp.Navigate(srv.URL("/"+tt.page)), scripts(false),
				chromedp.Evaluate[chromedp.Void](`new Promise((r) => setTimeout(r, 300))`, chromedp.EvalAwaitPromise)); err != nil {
				t.Fatal(err)
			}
			found, err := p.Axe(ctx, tt.page)
			if err != nil {
				t.Fatal(err)
			}
			found = append(found, p.Findings(tt.page)...)
			var rules []string
			for _, f := range found {
				rules = append(rules, f.Rule)
			}
			switch {
			case tt.want == "" && len(found) > 0:
				t.Errorf("the control page got findings:\n%s", findings(found))
			case tt.want != "" && !strings.Contains(" "+strings.Join(rules, " ")+" ", " "+tt.want+" "):
				t.Errorf("want a %s finding, got %v", tt.want, rules)
			}
		})
	}
}
