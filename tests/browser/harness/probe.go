package harness

import (
	"context"
	"slices"
	"strings"

	"github.com/chromedp/chromedp"
)

// Probe is a browser tab for a test that drives a page itself (fills in a
// form, imports a file, reloads) and wants the suite's verdict on what the
// page did meanwhile: console errors, uncaught exceptions,
// Content-Security-Policy violations, requests to other origins and failed
// loads, judged as the suite judges every page, and axe-core's WCAG 2.2 AA
// violations whenever it asks.
//
// With scripts disabled (emulation.SetScriptExecutionDisabled) the in-page
// CSP listener cannot run; the browser still logs each violation as an
// error, which the probe reports as a console error.
type Probe struct {
	tab    *tab
	origin string
}

// OpenProbe opens a tab in the browser of browserCtx. axeSource is
// axe-core's script (Tools.AxeScript, read); serverOrigin is the test
// server's origin, for telling other origins apart.
func OpenProbe(browserCtx context.Context, axeSource, serverOrigin string) (*Probe, error) {
	t, err := openTab(browserCtx, axeSource)
	if err != nil {
		return nil, err
	}
	return &Probe{tab: t, origin: serverOrigin}, nil
}

// Context is the tab's context, for chromedp actions.
func (p *Probe) Context() context.Context { return p.tab.ctx }

// Close closes the tab.
func (p *Probe) Close() { p.tab.close() }

// Record forgets what was recorded and starts recording afresh; call it
// before loading the page to be judged.
func (p *Probe) Record() { p.tab.rec.start() }

// Findings judges what the page reported since Record. file names the page
// in the findings.
func (p *Probe) Findings(file string) []Finding {
	r := p.tab.rec
	r.mu.Lock()
	ev := pageEvents{
		ConsoleErrors: slices.Clone(r.ev.ConsoleErrors),
		Exceptions:    slices.Clone(r.ev.Exceptions),
		CSP:           slices.Clone(r.ev.CSP),
	}
	for _, req := range r.ev.Requests {
		c := *req
		ev.Requests = append(ev.Requests, &c)
	}
	r.mu.Unlock()
	return keep(judge(file, p.origin, 0, visit{events: ev}), func(rule string) bool {
		switch rule {
		case RuleConsoleError, RuleUncaughtException, RuleCSPViolation, RuleThirdPartyRequest, RuleHTTPStatus:
			return true
		}
		return false
	})
}

// Axe runs axe-core over the page as it is now and returns its violations.
func (p *Probe) Axe(ctx context.Context, file string) ([]Finding, error) {
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof axe !== "undefined"`))
	if err != nil {
		return nil, err
	}
	if !loaded {
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](p.tab.axeSource)); err != nil {
			return nil, err
		}
	}
	res, err := chromedp.Run(ctx, chromedp.Evaluate[axeResult](call(axeRunJS, AxeTags), chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, err
	}
	return keep(judge(file, p.origin, 0, visit{axe: res}), func(rule string) bool {
		return strings.HasPrefix(rule, axeRulePrefix)
	}), nil
}

func keep(fs []Finding, rule func(string) bool) []Finding {
	var out []Finding
	for _, f := range fs {
		if rule(f.Rule) {
			out = append(out, f)
		}
	}
	return out
}
