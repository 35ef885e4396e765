package browser

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/pipeline"
	"github.com/plinth-ssg/plinth/tests/browser/harness"
)

// readerShot is one screenshot of TestScreenshots: a page as a reader first
// meets it.
type readerShot struct {
	// name is the file name's start; path the page, after the site's
	// prefix, with its query.
	name, path string
	// part is what is captured: "page" the whole page, "top" the first
	// screenful, or a CSS selector whose element is captured from the
	// page's h1 down (a contents list with the heading it belongs to).
	part string
	// ready is a CSS selector that must be visible before the capture.
	ready string
}

// readerShots are the pages issue 14 asks to see.
var readerShots = []readerShot{
	{"home", "", "page", "main h1"},
	{"edition-2021", "framework/2021/", "top", "#standards"},
	{"changes-2019-to-2021", "framework/changes/2019-to-2021/", "top", ".nhsuk-contents-list"},
	{"accessibility-contents", "accessibility/", ".nhsuk-contents-list", ".nhsuk-contents-list"},
	{"you-said-we-did-london-planned", "you-said-we-did/?region=london&status=planned", "#yswd-empty", "#yswd-empty"},
	{"not-found", "no-such-page/", "page", "form[action]"},
}

// screenHeight is the height of the first screenful at each width: a
// laptop at 1280 px, a phone at 390 px.
var screenHeight = map[int64]int64{1280: 900, 390: 844}

// TestScreenshots writes the pages readers meet first, at 1280 and 390
// px wide, into the folder named by PLINTH_SCREENSHOTS (docs/screenshots
// holds them):
//
//	PLINTH_SCREENSHOTS=$PWD/docs/screenshots go test -run TestScreenshots ./tests/browser/
//
// Without the variable it is skipped. Each capture waits until what it
// shows is on the page, and fails if that never appears.
func TestScreenshots(t *testing.T) {
	out := os.Getenv(screenshotsEnv)
	if out == "" {
		t.Skip("set " + screenshotsEnv + " to a folder to write the screenshots into")
	}
	tools := requireTools(t)
	dest := filepath.Join(t.TempDir(), "public")
	res, diags := pipeline.Run(pipeline.Options{Source: repoRoot(t), Destination: dest,
		Now: time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC), Write: true})
	if diags.HasErrors() {
		var b strings.Builder
		diag.Print(&b, diags, 0)
		t.Fatalf("the example site does not build:\n%s", b.String())
	}
	prefix := res.Site.Config.BasePath()
	srv, err := harness.NewServer(os.DirFS(dest), prefix)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	browserCtx, closeBrowser, err := harness.Launch(t.Context(), tools.Chromium, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer closeBrowser()
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, s := range readerShots {
		for _, w := range []int64{1280, 390} {
			name := filepath.Join(out, fmt.Sprintf("%s-%dpx.png", s.name, w))
			data, err := capture(browserCtx, srv.URL(prefix+s.path), s, w)
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil || img.Bounds().Dx() < int(w)/2 {
				t.Errorf("%s: not a PNG of the page's width (%v)", name, err)
				continue
			}
			if err := os.WriteFile(name, data, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("wrote %s (%d×%d)", name, img.Bounds().Dx(), img.Bounds().Dy())
		}
	}
}

// capture loads one page at width w and returns the PNG of the part the
// shot asks for.
func capture(browserCtx context.Context, url string, s readerShot, w int64) ([]byte, error) {
	ctx, cancel := chromedp.NewContext(browserCtx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTimeout()
	type box struct{ Y, Bottom, PageHeight float64 }
	measure := fmt.Sprintf(`(() => {
  const h1 = document.querySelector('main h1').getBoundingClientRect()
  const el = document.querySelector(%q)
  const r = el ? el.getBoundingClientRect() : h1
  return {Y: h1.y + scrollY, Bottom: r.bottom + scrollY, PageHeight: document.documentElement.scrollHeight}
})()`, s.part)
	if s.part == "page" || s.part == "top" {
		measure = `({Y: 0, Bottom: 0, PageHeight: document.documentElement.scrollHeight})`
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, screenHeight[w]), chromedp.Navigate(url),
		chromedp.WaitVisible(s.ready), chromedp.Evaluate[chromedp.Void](settled, chromedp.EvalAwaitPromise)); err != nil {
		return nil, fmt.Errorf("%s never showed %s: %w", url, s.ready, err)
	}
	b, err := chromedp.Run(ctx, chromedp.Evaluate[box](measure))
	if err != nil {
		return nil, err
	}
	clip := page.Viewport{X: 0, Y: 0, Width: float64(w), Height: float64(screenHeight[w]), Scale: 1}
	switch s.part {
	case "page":
		clip.Height = math.Ceil(b.PageHeight)
	case "top":
	default:
		// The element and the heading above it, with a margin.
		clip.Y = math.Max(b.Y-24, 0)
		clip.Height = math.Ceil(b.Bottom - clip.Y + 24)
	}
	if clip.Y+clip.Height > float64(screenHeight[w]) {
		// Make the viewport as tall as the capture, so that nothing is
		// drawn again while it is taken.
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, int64(math.Ceil(clip.Y+clip.Height))),
			chromedp.Evaluate[chromedp.Void](settled, chromedp.EvalAwaitPromise)); err != nil {
			return nil, err
		}
	}
	return chromedp.Run(ctx, chromedp.Action[[]byte](func(ctx context.Context, _ *chromedp.Target) ([]byte, error) {
		res, err := chromedp.Call(ctx, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Format: page.CaptureScreenshotFormatPng, Clip: &clip,
		})
		return res.Data, err
	}))
}
