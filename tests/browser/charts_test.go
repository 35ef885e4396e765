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

	"github.com/plinth-ssg/plinth/tests/browser/harness"
)

// The charts of the action-plan pages in Chromium (the whole suite, run by
// TestBuiltSite, also checks every chart page for axe, CSP violations and
// console errors): each chart draws, follows its box to 320 px, gives way
// to its table without JavaScript and in print; the chart script stays
// within its size budget and only pages with charts load it.

var (
	//go:embed js/charts-drawn.js
	chartsDrawnJS string
	//go:embed js/tables-shown.js
	tablesShownJS string
)

// chartBudget is the most the chart script may weigh, gzipped.
const chartBudget = 250 * 1000

// screenshotsEnv names a folder to write screenshots of the national
// overview into (docs/screenshots when refreshing the committed ones).
const screenshotsEnv = "PLINTH_SCREENSHOTS"

// chartIsland finds the chart data islands of a built page.
var chartIsland = regexp.MustCompile(`<script type="application/json" class="plinth-chart-options" id="(chart-[a-z0-9-]+)-options"`)

// chartScript finds the chart script's tag.
var chartScript = regexp.MustCompile(`<script src="[^"]*assets/js/charts\.[A-Z0-9]+\.js"`)

// chartPages returns the pages that hold charts, with their chart ids, and
// fails for any page that loads the chart script without charts, or has
// charts without the script.
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
		for _, m := range chartIsland.FindAllSubmatch(data, -1) {
			ids = append(ids, string(m[1]))
		}
		loads := chartScript.Match(data)
		switch {
		case len(ids) > 0 && !loads:
			t.Errorf("%s has %d charts but does not load the chart script", f, len(ids))
		case len(ids) == 0 && loads:
			t.Errorf("%s has no charts but loads the chart script", f)
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
	ID         string `json:"id"`
	Role       string `json:"role"`
	Label      string `json:"label"`
	DrawnClass bool   `json:"drawnClass"`
	BoxWidth   int    `json:"boxWidth"`
	BoxHeight  int    `json:"boxHeight"`
	Canvas     bool   `json:"canvas"`
	Width      int    `json:"width"`
	Height     int    `json:"height"`
	Painted    int    `json:"painted"`
	Palette    int    `json:"palette"`
	TableOpen  bool   `json:"tableOpen"`
}

type shownFigure struct {
	ID         string `json:"id"`
	ChartShown bool   `json:"chartShown"`
	TableShown bool   `json:"tableShown"`
	Rows       int    `json:"rows"`
	JSEnabled  bool   `json:"jsEnabled"`
}

// waitForCharts resolves when every chart box on the page is drawn, or
// after a few seconds (the checks then say which is not).
const waitForCharts = `new Promise((resolve) => {
  const start = Date.now()
  const check = () => {
    const boxes = document.querySelectorAll('.plinth-chart')
    if (Array.from(boxes).every((b) => b.classList.contains('plinth-chart--drawn')) || Date.now() - start > 5000) {
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(true)))
      return
    }
    setTimeout(check, 50)
  }
  check()
})`

// settled waits two frames, for a resize to reach the charts.
const settled = `new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => resolve(true), 100))))`

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
	t.Run("drawn", func(t *testing.T) {
		ctx, cancel := chromedp.NewContext(browserCtx)
		defer cancel()
		for _, f := range files {
			url := srv.URL(harness.PagePath(srv.Prefix(), f))
			// Load at desktop width, then narrow the same page to 320 px:
			// the charts must follow their boxes.
			for _, width := range []int64{1280, 320} {
				var err error
				if width == 1280 {
					err = chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(url),
						chromedp.Evaluate[chromedp.Void](waitForCharts, chromedp.EvalAwaitPromise))
				} else {
					err = chromedp.Do(ctx, chromedp.EmulateViewport(320, 640), chromedp.Evaluate[chromedp.Void](settled, chromedp.EvalAwaitPromise))
				}
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
		}), chromedp.EmulateViewport(1280, 800))
		if err != nil {
			t.Fatal(err)
		}
		figures := 0
		for _, f := range files {
			err := chromedp.Do(ctx, chromedp.Navigate(srv.URL(harness.PagePath(srv.Prefix(), f))))
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
				if s.ChartShown || !s.TableShown || s.Rows == 0 {
					t.Errorf("%s %s without JavaScript: chart shown %v, table shown %v with %d rows; want the table in the chart's place", f, s.ID, s.ChartShown, s.TableShown, s.Rows)
				}
				figures++
			}
		}
		t.Logf("without JavaScript, %d figures on %d pages show their tables and hide their chart boxes", figures, len(files))
	})

	t.Run("print", func(t *testing.T) {
		ctx, cancel := chromedp.NewContext(browserCtx)
		defer cancel()
		url := srv.URL(harness.PagePath(srv.Prefix(), "action-plans/index.html"))
		err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(url),
			chromedp.Evaluate[chromedp.Void](waitForCharts, chromedp.EvalAwaitPromise),
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
			if s.ChartShown || !s.TableShown {
				t.Errorf("printed, %s: chart shown %v, table shown %v; want the table in the chart's place", s.ID, s.ChartShown, s.TableShown)
			}
		}
		if len(shown) == 0 {
			t.Error("the national page has no figures")
		}
	})

	t.Run("tooltips", func(t *testing.T) {
		// The suite never hovers; here the pointer rests on each chart of
		// the national page, so that ECharts draws its tooltip. The
		// rich-text tooltip draws into the canvas; an HTML one would write
		// style attributes, which the CSP refuses and reports as errors.
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
		url := srv.URL(harness.PagePath(srv.Prefix(), "action-plans/index.html"))
		err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(url),
			chromedp.Evaluate[chromedp.Void](waitForCharts, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		type point struct{ X, Y float64 }
		for _, id := range pages["action-plans/index.html"] {
			// Scroll the chart into view and find a point on its plot.
			at, err := chromedp.Run(ctx, chromedp.Evaluate[point](fmt.Sprintf(`(() => {
  const box = document.getElementById(%q); box.scrollIntoView({block: 'center'})
  const r = box.getBoundingClientRect(); return {X: r.x + r.width * 0.55, Y: r.y + r.height * 0.5} })()`, id)))
			var before, after []drawnChart
			if err == nil {
				before, err = chromedp.Run(ctx, chromedp.Evaluate[[]drawnChart](chartsDrawnJS))
			}
			if err == nil {
				err = chromedp.Do(ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, at.X, at.Y),
					chromedp.Evaluate[chromedp.Void](settled, chromedp.EvalAwaitPromise))
			}
			if err == nil {
				after, err = chromedp.Run(ctx, chromedp.Evaluate[[]drawnChart](chartsDrawnJS))
			}
			if err != nil {
				t.Fatalf("%s: %v", id, err)
			}
			changed := false
			for i := range after {
				if after[i].ID == id && after[i].Painted != before[i].Painted {
					changed = true
				}
			}
			if !changed {
				t.Errorf("%s: hovering drew nothing (no tooltip or axis pointer)", id)
			}
		}
		mu.Lock()
		defer mu.Unlock()
		if len(errs) > 0 {
			t.Errorf("hovering the charts logged errors (a CSP violation is one): %q", errs)
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
			err := chromedp.Do(ctx, chromedp.Navigate(srv.URL(harness.PagePath(srv.Prefix(), f))))
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
			screenshots(t, browserCtx, srv.URL(harness.PagePath(srv.Prefix(), "action-plans/index.html")), out)
		})
	}
}

// checkDrawn fails for a chart that did not draw into its box.
func checkDrawn(t *testing.T, file string, width int64, want []string, got []drawnChart) {
	t.Helper()
	var ids []string
	for _, c := range got {
		ids = append(ids, c.ID)
		where := fmt.Sprintf("%s at %d px, %s", file, width, c.ID)
		switch {
		case c.Role != "img" || c.Label == "":
			t.Errorf("%s: role %q, aria-label %q; want role img named by the summary", where, c.Role, c.Label)
		case !c.Canvas || !c.DrawnClass:
			t.Errorf("%s: no chart was drawn (canvas %v)", where, c.Canvas)
		case c.BoxWidth == 0 || c.BoxWidth > int(width) || c.Width < c.BoxWidth || c.Height < c.BoxHeight:
			t.Errorf("%s: box %d×%d, canvas %d×%d: the chart does not fill its box within the viewport", where, c.BoxWidth, c.BoxHeight, c.Width, c.Height)
		case c.Painted < c.Width*c.Height/100 || c.Palette < 50:
			t.Errorf("%s: the canvas is blank: %d of %d pixels drawn, %d in the palette's colours", where, c.Painted, c.Width*c.Height, c.Palette)
		case c.TableOpen:
			t.Errorf("%s: the table under the drawn chart was left open", where)
		}
	}
	if !slices.Equal(ids, want) {
		t.Errorf("%s at %d px: charts %v, want %v", file, width, ids, want)
	}
}

// screenshots writes the charts of the national overview at 1280 and 320
// px wide, as docs/screenshots holds them. The viewport is first made as
// tall as the page, so that the capture needs no resizing beyond it (which
// would make the charts redraw mid-capture).
func screenshots(t *testing.T, browserCtx context.Context, url, out string) {
	ctx, cancel := chromedp.NewContext(browserCtx)
	defer cancel()
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	type rect struct{ X, Y, Width, Height, PageHeight float64 }
	const measure = `(() => { const r = document.getElementById('england-charts').getBoundingClientRect();
  return {X: r.x + scrollX, Y: r.y + scrollY, Width: r.width, Height: r.height, PageHeight: document.documentElement.scrollHeight} })()`
	for _, w := range []int64{1280, 320} {
		err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 900), chromedp.Navigate(url),
			chromedp.Evaluate[chromedp.Void](waitForCharts, chromedp.EvalAwaitPromise))
		var r rect
		if err == nil {
			r, err = chromedp.Run(ctx, chromedp.Evaluate[rect](measure))
		}
		if err == nil {
			err = chromedp.Do(ctx, chromedp.EmulateViewport(w, int64(math.Ceil(r.PageHeight))),
				chromedp.Evaluate[chromedp.Void](settled, chromedp.EvalAwaitPromise))
		}
		if err == nil {
			r, err = chromedp.Run(ctx, chromedp.Evaluate[rect](measure))
		}
		var png []byte
		if err == nil {
			png, err = chromedp.Run(ctx, chromedp.Action[[]byte](func(ctx context.Context, _ *chromedp.Target) ([]byte, error) {
				res, err := chromedp.Call(ctx, page.CaptureScreenshot, page.CaptureScreenshotParams{
					Format: page.CaptureScreenshotFormatPng,
					Clip:   &page.Viewport{X: r.X, Y: r.Y, Width: r.Width, Height: r.Height, Scale: 1},
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
		checkDrawn(t, "action-plans/index.html (screenshot)", w, []string{"chart-actions-by-status", "chart-percent-complete-by-quarter", "chart-actions-by-domain"}, got)
		name := filepath.Join(out, fmt.Sprintf("action-plans-national-%dpx.png", w))
		if err := os.WriteFile(name, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%d bytes)", name, len(png))
	}
}
