package browser

import (
	"context"
	_ "embed"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/plinth-ssg/plinth/tests/browser/harness"
)

// The example site as a reader on a phone meets it. TestBuiltSite checks
// every page at desktop width (axe) and for reflow at 320 px; this test
// takes one page of each type further: at 320 and 375 px, with the
// browser's text size doubled, without JavaScript, with forced colours,
// reduced motion and in print.

var (
	//go:embed js/phone-layout.js
	phoneLayoutJS string
	//go:embed js/phone-focus.js
	phoneFocusJS string
	//go:embed js/phone-print.js
	phonePrintJS string
	//go:embed js/phone-focused.js
	phoneFocusedJS string
)

// maxTabs bounds the Tab presses through one page: the self-assessment,
// the longest, has about 150 stops.
const maxTabs = 400

// phonePage is one page of each type a reader meets.
type phonePage struct {
	// path is the address after the site's prefix, with any query; file
	// is the page file served there.
	path, file string
	// ready, if set, is what the page's script draws: the checks with
	// JavaScript wait until it is in the page (shown or not: print hides
	// the filter form whose showing says the filter script has run).
	ready string
	// noJS, if set, must show without JavaScript: what the page offers in
	// place of its script.
	noJS string
}

var phonePages = []phonePage{
	{path: "", file: "index.html"},
	{path: "framework/2021/", file: "framework/2021/index.html"},
	{path: "framework/2019/", file: "framework/2019/index.html"}, // superseded
	{path: "framework/2021/domains/1/", file: "framework/2021/domains/1/index.html"},
	{path: "framework/2021/standards/1-1/", file: "framework/2021/standards/1-1/index.html"},
	{path: "framework/changes/2019-to-2021/", file: "framework/changes/2019-to-2021/index.html"},
	{path: "framework/a-z/", file: "framework/a-z/index.html"},
	{path: "framework/2021/print/", file: "framework/2021/print/index.html"},
	{path: "framework/2021/self-assessment/", file: "framework/2021/self-assessment/index.html"},
	{path: "guidance/induction/", file: "guidance/induction/index.html"},
	{path: "action-plans/", file: "action-plans/index.html"},
	{path: "action-plans/london/", file: "action-plans/london/index.html"},
	{path: "action-plans/methodology/", file: "action-plans/methodology/index.html"},
	{path: "action-plans/releases/2026-06-30/", file: "action-plans/releases/2026-06-30/index.html"},
	{path: "you-said-we-did/", file: "you-said-we-did/index.html", noJS: ".plinth-yswd-browse summary"},
	{path: "you-said-we-did/?region=london&status=done", file: "you-said-we-did/index.html", ready: "#yswd-filter:not([hidden])"},
	{path: "you-said-we-did/yswd-001/", file: "you-said-we-did/yswd-001/index.html"},
	{path: "search/", file: "search/index.html", noJS: "[data-search-nojs] a"},
	{path: "search/?q=induction", file: "search/index.html", ready: ".plinth-search__results li"},
	{path: "search/?q=zzqxv", file: "search/index.html", ready: "[data-search-none]:not([hidden])"},
	{path: "no-such-page/", file: "404.html"},
}

// phoneWidths are the widths checked: the narrowest of WCAG 1.4.10 and a
// common phone's.
var phoneWidths = []int64{320, 375}

// phoneTab opens a tab with the given media emulation and, if noJS,
// scripts disabled. It fails the test when the tab cannot be set up.
func phoneTab(t *testing.T, browserCtx context.Context, media string, noJS bool, features ...*emulation.MediaFeature) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browserCtx)
	t.Cleanup(cancel)
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media, Features: features}); err != nil {
			return err
		}
		_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: noJS})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	return ctx
}

// open loads a page at a width and waits for ready (if any) and for the
// page to settle.
func open(ctx context.Context, url string, width int64, ready string) error {
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 640), chromedp.Navigate(url)); err != nil {
		return err
	}
	if scripts, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.body.classList.contains("js-enabled")`)); err != nil || !scripts {
		// Without scripts no animation frame comes to settle on; the
		// page is as it loaded.
		return err
	}
	if ready != "" {
		if err := chromedp.Do(ctx, chromedp.WaitReady(chromedp.CSS(ready))); err != nil {
			return fmt.Errorf("waiting for %s: %w", ready, err)
		}
	}
	return chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](settled, chromedp.EvalAwaitPromise))
}

type phoneLayout struct {
	Width            int      `json:"width"`
	ScrollWidth      int      `json:"scrollWidth"`
	UnnamedScrollers []string `json:"unnamedScrollers"`
	SmallTargets     []string `json:"smallTargets"`
	Fixed            []string `json:"fixed"`
}

type phonePrint struct {
	Chrome   []string `json:"chrome"`
	Controls []string `json:"controls"`
	MainText int      `json:"mainText"`
}

// TestPhone checks one page of each type as a reader on a phone meets it:
//
//   - at 320 and 375 px, with text at 100 % and at 200 % (the browser's
//     text size doubled, as a reader who needs large text sets it), the
//     page does not scroll sideways (WCAG 1.4.10, 1.4.4), a box that
//     scrolls sideways takes focus and has a name, tap targets are at least
//     24 px or spaced (2.5.8), and nothing stays fixed on screen over the
//     content;
//   - axe-core's WCAG 2.2 AA rules pass at 320 px;
//   - without JavaScript the page fits 320 px, keeps its menu, and shows
//     what stands in for its script;
//   - at 320 px, Tab walks every control in reading order, each showing
//     its focus, through the charts (after an arrow key), the search and
//     the filter, and out of the page: no keyboard trap;
//   - with forced colours, every control shows an outline when focused;
//   - with reduced motion, nothing animates;
//   - in print, the menu, search box, footer links and controls are gone
//     and the content stays.
func TestPhone(t *testing.T) {
	dir, prefix := buildExampleSite(t)
	srv, browserCtx, axe := serveForProbes(t, requireTools(t), dir, prefix)
	url := func(p phonePage) string { return srv.URL(srv.Prefix() + p.path) }

	t.Run("layout", func(t *testing.T) {
		ctx := phoneTab(t, browserCtx, "", false)
		for _, size := range []int64{16, 32} {
			if _, err := chromedp.Call(ctx, page.SetFontSizes, page.SetFontSizesParams{FontSizes: &page.FontSizes{Standard: size, Fixed: size * 13 / 16}}); err != nil {
				t.Fatal(err)
			}
			for _, p := range phonePages {
				for _, w := range phoneWidths {
					where := fmt.Sprintf("%s at %d px, text %d %%", srv.Prefix()+p.path, w, size*100/16)
					if err := open(ctx, url(p), w, p.ready); err != nil {
						t.Fatalf("%s: %v", where, err)
					}
					got, err := chromedp.Run(ctx, chromedp.Evaluate[phoneLayout](phoneLayoutJS))
					if err != nil {
						t.Fatalf("%s: %v", where, err)
					}
					if got.ScrollWidth > got.Width {
						t.Errorf("%s: the page scrolls sideways, %d px wide in a %d px window", where, got.ScrollWidth, got.Width)
					}
					for _, s := range got.UnnamedScrollers {
						t.Errorf("%s: %s scrolls sideways but a keyboard user cannot reach or a screen reader name it", where, s)
					}
					for _, s := range got.SmallTargets {
						t.Errorf("%s: tap target too small and too close to another (WCAG 2.5.8): %s", where, s)
					}
					if len(got.Fixed) > 0 {
						t.Errorf("%s: %s stay fixed on screen and can cover what a reader scrolls or tabs to", where, strings.Join(got.Fixed, ", "))
					}
				}
			}
		}
	})

	t.Run("axe at 320 px", func(t *testing.T) {
		probe, err := harness.OpenProbe(browserCtx, string(axe), srv.Origin())
		if err != nil {
			t.Fatal(err)
		}
		defer probe.Close()
		for _, p := range phonePages {
			if err := open(probe.Context(), url(p), 320, p.ready); err != nil {
				t.Fatalf("%s: %v", p.path, err)
			}
			found, err := probe.Axe(probe.Context(), p.file)
			if err != nil {
				t.Fatalf("%s: %v", p.path, err)
			}
			for _, f := range found {
				t.Errorf("%s at 320 px: %s", srv.Prefix()+p.path, f)
			}
		}
	})

	t.Run("without JavaScript", func(t *testing.T) {
		ctx := phoneTab(t, browserCtx, "", true)
		type noJSState struct {
			ScrollWidth int  `json:"scrollWidth"`
			Menu        int  `json:"menu"`
			MainText    int  `json:"mainText"`
			Fallback    bool `json:"fallback"`
			JSEnabled   bool `json:"jsEnabled"`
		}
		for _, p := range phonePages {
			if p.ready != "" {
				continue // a state only the script draws
			}
			if err := open(ctx, url(p), 320, ""); err != nil {
				t.Fatalf("%s: %v", p.path, err)
			}
			fallback := "null"
			if p.noJS != "" {
				fallback = fmt.Sprintf("document.querySelector(%q)", p.noJS)
			}
			got, err := chromedp.Run(ctx, chromedp.Evaluate[noJSState](`(() => {
  const fallback = `+fallback+`;
  return {
    scrollWidth: document.documentElement.scrollWidth,
    menu: [...document.querySelectorAll(".nhsuk-header__navigation-link")].filter((a) => a.checkVisibility()).length,
    mainText: document.querySelector("main").innerText.trim().length,
    fallback: fallback !== null && fallback.checkVisibility(),
    jsEnabled: document.body.classList.contains("js-enabled"),
  };
})()`))
			if err != nil {
				t.Fatalf("%s: %v", p.path, err)
			}
			where := srv.Prefix() + p.path + " without JavaScript"
			switch {
			case got.JSEnabled:
				t.Fatalf("%s: scripts ran although they were disabled", where)
			case got.ScrollWidth > 320:
				t.Errorf("%s: the page is %d px wide at 320 px", where, got.ScrollWidth)
			case got.Menu < 2:
				t.Errorf("%s: %d menu links show; the menu must work without JavaScript", where, got.Menu)
			case got.MainText < 100:
				t.Errorf("%s: the main content holds %d characters", where, got.MainText)
			case p.noJS != "" && !got.Fallback:
				t.Errorf("%s: %s does not show, so the page offers nothing in place of its script", where, p.noJS)
			}
		}
	})

	t.Run("keyboard", func(t *testing.T) {
		ctx := phoneTab(t, browserCtx, "", false)
		type focused struct {
			Name  string `json:"name"`
			Index int    `json:"index"`
			Shows bool   `json:"shows"`
			Chart bool   `json:"chart"`
		}
		for _, p := range phonePages {
			if err := open(ctx, url(p), 320, p.ready); err != nil {
				t.Fatalf("%s: %v", p.path, err)
			}
			where := srv.Prefix() + p.path + " at 320 px"
			prev, stops, first := focused{Index: -1}, 0, -1
			for ; stops < maxTabs; stops++ {
				err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab))
				var f focused
				if err == nil {
					f, err = chromedp.Run(ctx, chromedp.Evaluate[focused](phoneFocusedJS))
				}
				if err != nil {
					t.Fatalf("%s: %v", where, err)
				}
				if f.Name == "" || (stops > 0 && f.Index >= 0 && f.Index <= prev.Index && f.Index == first) {
					break // focus left the page, or came round to its start: no trap
				}
				if stops == 0 {
					first = f.Index
				}
				if !f.Shows {
					t.Errorf("%s: %s has focus but shows no sign of it", where, f.Name)
				}
				if f.Index >= 0 && f.Index <= prev.Index {
					t.Errorf("%s: Tab went from %s back to %s, against the reading order", where, prev.Name, f.Name)
				}
				if f.Chart {
					// Reading a mark with the arrows must leave Tab working.
					if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowRight)); err != nil {
						t.Fatal(err)
					}
				}
				if f.Index >= 0 {
					prev = f
				}
			}
			if stops == maxTabs {
				t.Errorf("%s: after %d Tab presses focus is still in the page, at %s: a keyboard trap?", where, maxTabs, prev.Name)
			}
		}
	})

	t.Run("forced colours", func(t *testing.T) {
		ctx := phoneTab(t, browserCtx, "", false, &emulation.MediaFeature{Name: "forced-colors", Value: "active"})
		for _, p := range phonePages {
			if err := open(ctx, url(p), 320, p.ready); err != nil {
				t.Fatalf("%s: %v", p.path, err)
			}
			got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](phoneFocusJS))
			if err != nil {
				t.Fatalf("%s: %v", p.path, err)
			}
			for _, s := range got {
				t.Errorf("%s with forced colours: %s shows no outline when focused", srv.Prefix()+p.path, s)
			}
		}
	})

	t.Run("reduced motion", func(t *testing.T) {
		ctx := phoneTab(t, browserCtx, "", false, &emulation.MediaFeature{Name: "prefers-reduced-motion", Value: "reduce"})
		for _, p := range phonePages {
			if err := open(ctx, url(p), 320, p.ready); err != nil {
				t.Fatalf("%s: %v", p.path, err)
			}
			got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("body *")].filter((el) => el.checkVisibility()).flatMap((el) =>
  [null, "::before", "::after"].filter((pseudo) => {
    const cs = getComputedStyle(el, pseudo);
    return cs.animationName !== "none" || cs.transitionDuration.split(",").some((d) => parseFloat(d) > 0.01) || cs.scrollBehavior === "smooth";
  }).map((pseudo) => el.localName + [...el.classList].slice(0, 2).map((c) => "." + c).join("") + (pseudo || ""))).slice(0, 5)`))
			if err != nil {
				t.Fatalf("%s: %v", p.path, err)
			}
			if len(got) > 0 {
				t.Errorf("%s with reduced motion: %s still move", srv.Prefix()+p.path, strings.Join(got, ", "))
			}
		}
	})

	t.Run("print", func(t *testing.T) {
		ctx := phoneTab(t, browserCtx, "print", false)
		for _, p := range phonePages {
			if err := open(ctx, url(p), 320, p.ready); err != nil {
				t.Fatalf("%s: %v", p.path, err)
			}
			got, err := chromedp.Run(ctx, chromedp.Evaluate[phonePrint](phonePrintJS))
			if err != nil {
				t.Fatalf("%s: %v", p.path, err)
			}
			where := srv.Prefix() + p.path + " in print"
			if len(got.Chrome) > 0 {
				t.Errorf("%s: screen-only chrome prints: %s", where, strings.Join(got.Chrome, ", "))
			}
			if len(got.Controls) > 0 {
				t.Errorf("%s: controls print, useless on paper: %s", where, strings.Join(got.Controls, ", "))
			}
			// The search page before a search holds little more than its
			// heading and one sentence.
			if got.MainText < 40 {
				t.Errorf("%s: the main content prints %d characters", where, got.MainText)
			}
		}
	})
}
