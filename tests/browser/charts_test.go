package browser

import (
	"bytes"
	"compress/gzip"
	"context"
	_ "embed"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/plinth-ssg/plinth/tests/browser/harness"
)

// The charts of the action-plan pages in Chromium (the whole suite, run by
// TestBuiltSite, also checks every chart page for axe, CSP violations,
// console errors and weight): each chart is drawn at build time as SVG and
// shows with JavaScript off and in print, the narrow drawing at 320 px
// with text of at least 12 px, the wide one above; with JavaScript on,
// pointing at, tapping or stepping to a mark with the arrow keys reads its
// figure out; the chart script stays small and only pages with charts load
// it.

var (
	//go:embed js/charts-drawn.js
	chartsDrawnJS string
	//go:embed js/tables-shown.js
	tablesShownJS string
)

// chartBudget is the most the chart script may weigh, gzipped: it reads
// out marks and draws nothing.
const chartBudget = 4 * 1000

// minText is the smallest text a chart may show, in CSS pixels, at any
// width from 320 px up.
const minText = 12

// screenshotsEnv names a folder to write screenshots of the London page's
// charts into (docs/screenshots when refreshing the committed ones).
const screenshotsEnv = "PLINTH_SCREENSHOTS"

// chartBox finds the chart boxes of a built page.
var chartBox = regexp.MustCompile(`<div class="plinth-chart plinth-chart--[a-z-]+" id="(chart-[a-z0-9-]+)" role="img"`)

// chartScript finds the chart script's tag.
var chartScript = regexp.MustCompile(`<script src="[^"]*assets/js/charts\.[A-Z0-9]+\.js"`)

// chartPages returns the pages that hold charts, with their chart ids, and
// fails for any page that loads the chart script without charts, or has
// charts without the script, or a chart box without its two drawings.
func chartPages(t *testing.T, fsys fs.FS) (map[string][]string, int) {
	t.Helper()
	files, err := harness.ListPages(fsys)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, m := range chartBox.FindAllSubmatch(data, -1) {
			ids = append(ids, string(m[1]))
		}
		loads := chartScript.Match(data)
		switch {
		case len(ids) > 0 && !loads:
			t.Errorf("%s has %d charts but does not load the chart script", f, len(ids))
		case len(ids) == 0 && loads:
			t.Errorf("%s has no charts but loads the chart script", f)
		}
		if n := bytes.Count(data, []byte(`<svg xmlns="http://www.w3.org/2000/svg"`)); n != 2*len(ids) {
			t.Errorf("%s has %d charts and %d drawings; want two each", f, len(ids), n)
		}
		if len(ids) > 0 {
			out[f] = ids
		}
	}
	return out, len(files)
}

// chartBundle returns the built chart script's path and its gzipped size.
func chartBundle(t *testing.T, dir string) (string, int) {
	t.Helper()
	matches, err := filepath.Glob(filepath.Join(dir, "assets", "js", "charts.*.js"))
	if err != nil || len(matches) != 1 {
		t.Fatalf("want one chart script under assets/js, found %v (%v)", matches, err)
	}
	data, err := os.ReadFile(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(data)
	zw.Close()
	t.Logf("chart script %s: %d bytes, %d bytes gzipped (budget %d)", filepath.Base(matches[0]), len(data), buf.Len(), chartBudget)
	return matches[0], buf.Len()
}

type drawnChart struct {
	ID         string  `json:"id"`
	Role       string  `json:"role"`
	Label      string  `json:"label"`
	Drawings   int     `json:"drawings"`
	Shown      int     `json:"shown"`
	Variant    string  `json:"variant"`
	BoxWidth   float64 `json:"boxWidth"`
	Width      float64 `json:"width"`
	Height     float64 `json:"height"`
	DrawnWidth float64 `json:"drawnWidth"`
	Marks      int     `json:"marks"`
	Hidden     int     `json:"hidden"`
	MinText    float64 `json:"minText"`
	Viewport   float64 `json:"viewport"`
}

type shownFigure struct {
	ID         string `json:"id"`
	ChartShown bool   `json:"chartShown"`
	Marks      int    `json:"marks"`
	Variant    string `json:"variant"`
	TableShown bool   `json:"tableShown"`
	Rows       int    `json:"rows"`
	JSEnabled  bool   `json:"jsEnabled"`
}

// settled waits two frames, for a resize or a class change to apply.
const settled = `new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => resolve(true), 50))))`

func TestCharts(t *testing.T) {
	dir, prefix := buildExampleSite(t)
	fsys := os.DirFS(dir)
	pages, all := chartPages(t, fsys)
	charts := 0
	for _, ids := range pages {
		charts += len(ids)
	}
	t.Logf("%d of %d pages have charts, %d charts in all; the other %d pages do not load the chart script", len(pages), all, charts, all-len(pages))
	if len(pages) < 10 || charts < 30 {
		t.Fatalf("only %d chart pages with %d charts: the national page, 7 regions and 6 domains should have them", len(pages), charts)
	}
	script, size := chartBundle(t, dir)
	if size > chartBudget {
		t.Errorf("the chart script is %d bytes gzipped, over the budget of %d", size, chartBudget)
	}

	tools := requireTools(t)
	srv, err := harness.NewServer(fsys, prefix)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	browserCtx, cancel, err := harness.Launch(t.Context(), tools.Chromium, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer cancel()

	files := slices.Sorted(func(yield func(string) bool) {
		for f := range pages {
			if !yield(f) {
				return
			}
		}
	})
	pageURL := func(f string) string { return srv.URL(harness.PagePath(srv.Prefix(), f)) }

	t.Run("drawn", func(t *testing.T) {
		ctx, cancel := chromedp.NewContext(browserCtx)
		defer cancel()
		for _, f := range files {
			for _, width := range []int64{1280, 320} {
				err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 800), chromedp.Navigate(pageURL(f)),
					chromedp.Evaluate[chromedp.Void](settled, chromedp.EvalAwaitPromise))
				var got []drawnChart
				if err == nil {
					got, err = chromedp.Run(ctx, chromedp.Evaluate[[]drawnChart](chartsDrawnJS))
				}
				if err != nil {
					t.Fatalf("%s at %d px: %v", f, width, err)
				}
				checkDrawn(t, f, width, pages[f], got)
			}
		}
	})

	t.Run("without JavaScript", func(t *testing.T) {
		ctx, cancel := chromedp.NewContext(browserCtx)
		defer cancel()
		err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}))
		if err != nil {
			t.Fatal(err)
		}
		figures := 0
		for _, f := range files {
			for _, width := range []int64{1280, 320} {
				err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 800), chromedp.Navigate(pageURL(f)))
				var shown []shownFigure
				if err == nil {
					shown, err = chromedp.Run(ctx, chromedp.Evaluate[[]shownFigure](tablesShownJS))
				}
				if err != nil {
					t.Fatalf("%s: %v", f, err)
				}
				if len(shown) != len(pages[f]) {
					t.Errorf("%s: %d figures, want %d", f, len(shown), len(pages[f]))
				}
				for _, s := range shown {
					if s.JSEnabled {
						t.Errorf("%s: scripts ran although they were disabled", f)
					}
					if !s.ChartShown || s.Marks == 0 {
						t.Errorf("%s %s at %d px without JavaScript: chart shown %v with %d marks; want its drawing", f, s.ID, width, s.ChartShown, s.Marks)
					}
					figures++
				}
			}
		}
		t.Logf("without JavaScript, %d figures on %d pages show their drawings at 1280 and 320 px", figures/2, len(files))
	})

	t.Run("print", func(t *testing.T) {
		ctx, cancel := chromedp.NewContext(browserCtx)
		defer cancel()
		err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(pageURL("action-plans/index.html")),
			chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
				_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
				return err
			}))
		if err != nil {
			t.Fatal(err)
		}
		shown, err := chromedp.Run(ctx, chromedp.Evaluate[[]shownFigure](tablesShownJS))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range shown {
			if !s.ChartShown || s.Variant != "wide" || s.Marks == 0 || !s.TableShown {
				t.Errorf("printed, %s: chart shown %v (%s, %d marks), table shown %v; want the wide drawing and the table", s.ID, s.ChartShown, s.Variant, s.Marks, s.TableShown)
			}
		}
		if len(shown) == 0 {
			t.Error("the national page has no figures")
		}
	})

	t.Run("readout", func(t *testing.T) {
		for _, f := range []string{"action-plans/index.html", "action-plans/london/index.html", "action-plans/domains/2/index.html"} {
			checkReadout(t, browserCtx, pageURL(f), f, pages[f])
		}
	})

	t.Run("pages without charts do not load the script", func(t *testing.T) {
		ctx, cancel := chromedp.NewContext(browserCtx)
		defer cancel()
		name := path.Base(script)
		for _, f := range []string{"index.html", "framework/2021/standards/1-3/index.html", "action-plans/domains/index.html", "action-plans/methodology/index.html"} {
			if _, ok := pages[f]; ok {
				t.Fatalf("%s has charts", f)
			}
			err := chromedp.Do(ctx, chromedp.Navigate(pageURL(f)))
			var scripts []string
			if err == nil {
				scripts, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](`performance.getEntriesByType('resource').map((e) => e.name)`))
			}
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			for _, s := range scripts {
				if strings.Contains(s, name) {
					t.Errorf("%s loaded the chart script %s", f, s)
				}
			}
		}
	})

	if out := os.Getenv(screenshotsEnv); out != "" {
		t.Run("screenshots", func(t *testing.T) {
			screenshots(t, browserCtx, pageURL("action-plans/london/index.html"), out)
		})
	}
}

// checkDrawn fails for a chart that does not show one drawing, the one for
// the width, within the viewport, with its marks and no text under minText.
func checkDrawn(t *testing.T, file string, width int64, want []string, got []drawnChart) {
	t.Helper()
	var ids []string
	variant := "wide"
	if width < 641 {
		variant = "narrow"
	}
	for _, c := range got {
		ids = append(ids, c.ID)
		where := fmt.Sprintf("%s at %d px, %s", file, width, c.ID)
		switch {
		case c.Role != "img" || c.Label == "":
			t.Errorf("%s: role %q, aria-label %q; want role img named by the summary", where, c.Role, c.Label)
		case c.Drawings != 2 || c.Shown != 1 || c.Variant != variant:
			t.Errorf("%s: %d drawings, %d shown (%s); want the %s one of two", where, c.Drawings, c.Shown, c.Variant, variant)
		case c.Width == 0 || c.Width > c.BoxWidth+0.5 || c.Width > float64(width) || c.Height == 0:
			t.Errorf("%s: drawing %.0f×%.0f in a box %.0f wide: it does not fit the viewport", where, c.Width, c.Height, c.BoxWidth)
		case c.Marks == 0:
			t.Errorf("%s: the drawing has no marks", where)
		case c.MinText < minText:
			t.Errorf("%s: text as small as %.1f px (drawn %.0f px wide, shown %.0f): want at least %d", where, c.MinText, c.DrawnWidth, c.Width, minText)
		}
	}
	if !slices.Equal(ids, want) {
		t.Errorf("%s at %d px: charts %v, want %v", file, width, ids, want)
	}
}

// readoutState is what the tests read after each interaction.
type readoutState struct {
	Readout string `json:"readout"`
	Active  string `json:"active"`
	Focused bool   `json:"focused"`
}

// checkReadout: on every chart of a page, with JavaScript on, pointing at
// a mark, tapping one, and focusing the chart and pressing the arrow keys
// each put the mark's words into the line under the chart; and nothing
// logs an error (a CSP violation is one).
func checkReadout(t *testing.T, browserCtx context.Context, url, file string, ids []string) {
	ctx, cancel := chromedp.NewContext(browserCtx)
	defer cancel()
	var mu sync.Mutex
	var errs []string
	if err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *cdplog.EventEntryAdded:
			if ev.Entry != nil && ev.Entry.Level == cdplog.EntryLevelError {
				errs = append(errs, ev.Entry.Text)
			}
		case *runtime.EventExceptionThrown:
			errs = append(errs, ev.ExceptionDetails.Text)
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				errs = append(errs, "console.error")
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(url),
		chromedp.Evaluate[chromedp.Void](settled, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatal(err)
	}
	type point struct {
		X, Y  float64
		Title string
	}
	state := func(id string) readoutState {
		s, err := chromedp.Run(ctx, chromedp.Evaluate[readoutState](fmt.Sprintf(`(() => {
  const box = document.getElementById(%q), a = box.querySelector('svg .plinth-mark--active')
  return {readout: document.getElementById(box.dataset.readout).textContent, active: a ? a.querySelector('title').textContent : '', focused: document.activeElement === box} })()`, id)))
		if err != nil {
			t.Fatalf("%s %s: %v", file, id, err)
		}
		return s
	}
	// markAt scrolls the chart into view and returns the centre of a mark
	// of its visible drawing, from the nth on, with no other mark within a
	// fingertip of it (small symbols of two lines can touch, and a tap
	// reads the one Chromium judges nearest), with its words.
	markAt := func(id string, n int) point {
		p, err := chromedp.Run(ctx, chromedp.Evaluate[point](fmt.Sprintf(`(() => {
  const box = document.getElementById(%q)
  box.scrollIntoView({block: 'center'})
  const svg = Array.from(box.querySelectorAll('svg')).find((s) => s.getBoundingClientRect().width > 0)
  const marks = Array.from(svg.querySelectorAll('.plinth-mark'))
  for (let i = 0; i < marks.length; i++) {
    const m = marks[(%d + i) %% marks.length], r = m.getBoundingClientRect()
    const x = r.x + r.width / 2, y = r.y + r.height / 2
    const at = (dx, dy) => { const e = document.elementFromPoint(x + dx, y + dy); return e && e.closest('.plinth-mark') }
    const steps = [-10, -5, 0, 5, 10], near = steps.flatMap((dx) => steps.map((dy) => at(dx, dy)))
    if (at(0, 0) === m && near.every((e) => e === null || e === m)) {
      return {X: x, Y: y, Title: m.querySelector('title').textContent}
    }
  }
  return {X: 0, Y: 0, Title: ''} })()`, id, n)))
		if err != nil {
			t.Fatalf("%s %s: %v", file, id, err)
		}
		return p
	}
	for _, id := range ids {
		// Pointing at a mark.
		p := markAt(id, 1)
		if p.Title == "" {
			t.Fatalf("%s %s: no mark of the chart can be pointed at", file, id)
		}
		if err := chromedp.Do(ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, p.X, p.Y),
			chromedp.Evaluate[chromedp.Void](settled, chromedp.EvalAwaitPromise)); err != nil {
			t.Fatal(err)
		}
		if s := state(id); s.Readout != p.Title || s.Active != p.Title {
			t.Errorf("%s %s: pointing at %q reads out %q (active mark %q)", file, id, p.Title, s.Readout, s.Active)
		}
		// Tapping another.
		p = markAt(id, 2)
		if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			// A fingertip of one pixel: Chromium otherwise moves a tap
			// to the nearest sizeable target, which between two small
			// symbols may be the other one.
			one := 1.0
			for _, typ := range []input.DispatchTouchEventType{input.DispatchTouchEventTypeTouchStart, input.DispatchTouchEventTypeTouchEnd} {
				points := []*input.TouchPoint{{X: p.X, Y: p.Y, RadiusX: &one, RadiusY: &one}}
				if typ == input.DispatchTouchEventTypeTouchEnd {
					points = nil
				}
				if _, err := chromedp.Call(ctx, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: typ, TouchPoints: points}); err != nil {
					return err
				}
			}
			return nil
		}), chromedp.Evaluate[chromedp.Void](settled, chromedp.EvalAwaitPromise)); err != nil {
			t.Fatal(err)
		}
		if s := state(id); s.Readout != p.Title {
			t.Errorf("%s %s: tapping %q reads out %q", file, id, p.Title, s.Readout)
		}
		// The keyboard: focus the chart, then step with the arrow keys.
		// The box is in the tab order (tabindex 0), so Tab reaches it;
		// focus() stands in for the presses of Tab before it.
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const b = document.getElementById(%q); if (b.tabIndex === 0) b.focus() })()`, id)),
			chromedp.KeyEvent(kb.Home),
			chromedp.Evaluate[chromedp.Void](settled, chromedp.EvalAwaitPromise)); err != nil {
			t.Fatal(err)
		}
		first := state(id)
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowRight), chromedp.Evaluate[chromedp.Void](settled, chromedp.EvalAwaitPromise)); err != nil {
			t.Fatal(err)
		}
		second := state(id)
		if !first.Focused || first.Readout == "" || first.Readout != first.Active || second.Readout == "" || second.Readout == first.Readout {
			t.Errorf("%s %s: by keyboard, focused %v, Home reads %q, the arrow then %q; want two marks' words", file, id, first.Focused, first.Readout, second.Readout)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(errs) > 0 {
		t.Errorf("%s: reading the charts out logged errors (a CSP violation is one): %q", file, errs)
	}
}

// screenshots writes the charts of a page (the London page: [c] notes,
// London beside England) at 1280 and 320 px wide, as docs/screenshots
// holds them: from the first figure to the last. The viewport is first
// made as tall as the page, so that the capture needs no scrolling.
func screenshots(t *testing.T, browserCtx context.Context, url, out string) {
	ctx, cancel := chromedp.NewContext(browserCtx)
	defer cancel()
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	type rect struct{ X, Y, Width, Height, PageHeight float64 }
	const measure = `(() => { const figs = document.querySelectorAll('.plinth-figure')
  const a = figs[0].getBoundingClientRect(), b = figs[figs.length - 1].getBoundingClientRect()
  return {X: a.x + scrollX, Y: a.y + scrollY, Width: a.width, Height: b.bottom - a.top, PageHeight: document.documentElement.scrollHeight} })()`
	for _, w := range []int64{1280, 320} {
		var r rect
		err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 900), chromedp.Navigate(url), chromedp.Evaluate[chromedp.Void](settled, chromedp.EvalAwaitPromise))
		if err == nil {
			r, err = chromedp.Run(ctx, chromedp.Evaluate[rect](measure))
		}
		if err == nil {
			err = chromedp.Do(ctx, chromedp.EmulateViewport(w, int64(math.Ceil(r.PageHeight))), chromedp.Evaluate[chromedp.Void](settled, chromedp.EvalAwaitPromise))
		}
		if err == nil {
			r, err = chromedp.Run(ctx, chromedp.Evaluate[rect](measure))
		}
		var png []byte
		if err == nil {
			png, err = chromedp.Run(ctx, chromedp.Action[[]byte](func(ctx context.Context, _ *chromedp.Target) ([]byte, error) {
				res, err := chromedp.Call(ctx, page.CaptureScreenshot, page.CaptureScreenshotParams{
					Format: page.CaptureScreenshotFormatPng,
					Clip:   &page.Viewport{X: r.X - 16, Y: r.Y - 16, Width: r.Width + 32, Height: r.Height + 32, Scale: 1},
				})
				return res.Data, err
			}))
		}
		if err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]drawnChart](chartsDrawnJS))
		if err != nil {
			t.Fatal(err)
		}
		checkDrawn(t, "action-plans/london/index.html (screenshot)", w, []string{"chart-actions-by-status-london", "chart-percent-complete-by-quarter-london", "chart-actions-by-domain-london"}, got)
		if got[0].Hidden == 0 {
			t.Errorf("the London status chart at %d px shows no [c] note", w)
		}
		name := filepath.Join(out, fmt.Sprintf("action-plans-london-%dpx.png", w))
		if err := os.WriteFile(name, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%d bytes)", name, len(png))
	}
}
