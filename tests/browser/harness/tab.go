package harness

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The in-page halves of the checks. They are plain function expressions,
// called with the selector helper as their argument, so each file can be
// read (and linted) as ordinary JavaScript.
var (
	//go:embed js/csp-listener.js
	cspListenerJS string
	//go:embed js/selector.js
	selectorJS string
	//go:embed js/skip-link.js
	skipLinkJS string
	//go:embed js/headings.js
	headingsJS string
	//go:embed js/reflow.js
	reflowJS string
	//go:embed js/axe-run.js
	axeRunJS string
	//go:embed js/links.js
	linksJS string
	//go:embed js/settle.js
	settleJS string
)

// AxeTags are the axe-core rule tags run on every page: WCAG 2.0, 2.1 and
// 2.2, levels A and AA.
var AxeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// Viewports: the desktop size the page is loaded and audited at, and the
// narrow width of WCAG 1.4.10 (reflow) at which it must not scroll sideways.
const (
	desktopWidth, desktopHeight = 1280, 800
	narrowWidth, narrowHeight   = 320, 640
)

// pageTimeout bounds the checks of one page, so that one hung page is
// reported instead of stalling the run.
const pageTimeout = 60 * time.Second

// tab is one browser tab that checks pages one after another.
type tab struct {
	ctx       context.Context
	cancel    context.CancelFunc
	rec       *recorder
	axeSource string
}

// openTab opens a tab in the browser of browserCtx and prepares it: event
// recording, the CSP listener that runs before any page script, no HTTP cache
// (so every page's network events show everything it loads) and emulated
// focus (so the Tab key works in a tab that is not the focused window).
func openTab(browserCtx context.Context, axeSource string) (*tab, error) {
	ctx, cancel := chromedp.NewContext(browserCtx)
	t := &tab{ctx: ctx, cancel: cancel, rec: &recorder{}, axeSource: axeSource}
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		if err := chromedp.Listen(ctx, t.rec.handle); err != nil {
			return err
		}
		if _, err := chromedp.Call(ctx, runtime.AddBinding, runtime.AddBindingParams{Name: cspBinding}); err != nil {
			return err
		}
		if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspListenerJS}); err != nil {
			return err
		}
		if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
			return err
		}
		_, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
		return err
	}))
	if err != nil {
		cancel()
		return nil, fmt.Errorf("opening a browser tab: %w", err)
	}
	return t, nil
}

func (t *tab) close() { t.cancel() }

// call builds the expression that calls one of the js/ functions with the
// selector helper and, if given, one argument passed as JSON.
func call(fn string, arg ...any) string {
	expr := "(" + fn + ")((" + selectorJS + ")"
	if len(arg) > 0 {
		b, _ := json.Marshal(arg[0])
		expr += ", " + string(b)
	}
	return expr + ")"
}

// visit is what one page visit observed, before it is turned into findings.
type visit struct {
	status   int64
	skip     skipLinkResult
	headings []heading
	axe      axeResult
	reflow   reflowResult
	links    []string
	events   pageEvents
}

type skipLinkResult struct {
	Found    bool   `json:"found"`
	Focused  bool   `json:"focused"`
	Active   string `json:"active"`
	Skip     string `json:"skip"`
	Href     string `json:"href"`
	Target   string `json:"target"`
	TargetOK bool   `json:"targetOK"`
}

type heading struct {
	Level    int    `json:"level"`
	Text     string `json:"text"`
	Selector string `json:"selector"`
}

type axeResult struct {
	Version      string         `json:"version"`
	Violations   []axeViolation `json:"violations"`
	Passes       []string       `json:"passes"`
	Incomplete   []string       `json:"incomplete"`
	Inapplicable []string       `json:"inapplicable"`
}

type axeViolation struct {
	ID      string    `json:"id"`
	Impact  string    `json:"impact"`
	Help    string    `json:"help"`
	HelpURL string    `json:"helpUrl"`
	Nodes   []axeNode `json:"nodes"`
}

type axeNode struct {
	Target  string `json:"target"`
	Summary string `json:"summary"`
}

type reflowResult struct {
	ClientWidth int              `json:"clientWidth"`
	ScrollWidth int              `json:"scrollWidth"`
	Offenders   []reflowOffender `json:"offenders"`
}

type reflowOffender struct {
	Selector string `json:"selector"`
	Right    int    `json:"right"`
}

// readyTimeout bounds the wait for a Visit's Ready selector.
const readyTimeout = 20 * time.Second

// visit loads one page and runs the in-browser checks in an order that keeps
// them independent: the Tab press comes first, before anything else can move
// focus; axe runs at desktop width; the 320 px reflow measurement comes last
// because it changes the layout. With ready, the checks start once an
// element matching that selector is visible.
func (t *tab) visit(pageURL, ready string) (v visit, err error) {
	ctx, cancel := context.WithTimeout(t.ctx, pageTimeout)
	defer cancel()
	// Recording starts before the viewport changes back: the previous page
	// reacts to the resize, and the recorder's generations drop that.
	t.rec.start()
	defer func() { v.events = t.rec.stop() }()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(desktopWidth, desktopHeight)); err != nil {
		return v, fmt.Errorf("resetting the viewport: %w", err)
	}

	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(pageURL))
	if err != nil {
		return v, fmt.Errorf("loading the page: %w", err)
	}
	if resp != nil {
		v.status = resp.Status
	}
	steps := []struct {
		what string
		run  func() error
	}{
		{"waiting for " + ready, func() error {
			if ready == "" {
				return nil
			}
			wait, cancel := context.WithTimeout(ctx, readyTimeout)
			defer cancel()
			return chromedp.Do(wait, chromedp.WaitVisible(chromedp.CSS(ready)))
		}},
		{"waiting for the page to settle", func() error { return t.settle(ctx) }},
		{"pressing Tab", func() error { return chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)) }},
		{"checking the skip link", func() (err error) {
			v.skip, err = chromedp.Run(ctx, chromedp.Evaluate[skipLinkResult](call(skipLinkJS)))
			return err
		}},
		{"reading the headings", func() (err error) {
			v.headings, err = chromedp.Run(ctx, chromedp.Evaluate[[]heading](call(headingsJS)))
			return err
		}},
		{"loading axe-core", func() error {
			return chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](t.axeSource))
		}},
		{"running axe-core", func() (err error) {
			v.axe, err = chromedp.Run(ctx, chromedp.Evaluate[axeResult](call(axeRunJS, AxeTags), chromedp.EvalAwaitPromise))
			return err
		}},
		{"listing the links", func() (err error) {
			v.links, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](call(linksJS)))
			return err
		}},
		{"narrowing the viewport to 320 px", func() error {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(narrowWidth, narrowHeight)); err != nil {
				return err
			}
			return t.settle(ctx)
		}},
		{"measuring reflow", func() (err error) {
			v.reflow, err = chromedp.Run(ctx, chromedp.Evaluate[reflowResult](call(reflowJS)))
			return err
		}},
	}
	for _, s := range steps {
		if err := s.run(); err != nil {
			return v, fmt.Errorf("%s: %w", s.what, err)
		}
	}
	return v, nil
}

func (t *tab) settle(ctx context.Context) error {
	return chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](settleJS, chromedp.EvalAwaitPromise))
}
