package browser

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/plinth-ssg/plinth/generator/bundle"
	"github.com/plinth-ssg/plinth/tests/browser/harness"
)

// pruneShot is a page of the example site in a state a reader can bring
// it to, for TestPrunedStylesheet.
type pruneShot struct {
	name, path string
	// ready is a CSS selector shown once the page (and its script) is
	// ready; then, if set, is JavaScript run before the capture, and
	// after a selector that must then be visible.
	ready, then, after string
	// quick marks the shots PLINTH_PRUNE_CHECK=quick takes; =all takes
	// them all (see TestPrunedStylesheet).
	quick bool
}

// pruneShots are a page of every layout of the theme, and the states its
// scripts bring pages to.
var pruneShots = []pruneShot{
	{quick: true, name: "home", path: "", ready: "main h1"},
	{name: "page-contents", path: "accessibility/", ready: "main h1"},
	{name: "section", path: "guidance/", ready: "main h1"},
	{name: "guidance", path: "guidance/learner-wellbeing/", ready: "main h1"},
	{name: "editions", path: "framework/", ready: "main h1"},
	{name: "edition", path: "framework/2021/", ready: "main h1"},
	{name: "domain", path: "framework/2021/domains/1/", ready: "main h1"},
	{quick: true, name: "standard", path: "framework/2021/standards/1-1/", ready: "main h1"},
	{name: "standard-draft", path: "framework/2027/standards/1-1/", ready: "main h1"},
	{name: "a-z", path: "framework/a-z/", ready: "main h1"},
	{name: "changes-list", path: "framework/changes/", ready: "main h1"},
	{name: "changes", path: "framework/changes/2019-to-2021/", ready: "main h1"},
	{name: "self-assessment", path: "framework/2021/self-assessment/", ready: "#sa-1-1-met"},
	{quick: true, name: "self-assessment-filled", path: "framework/2021/self-assessment/", ready: "#sa-1-1-met",
		then: `(() => {
  for (const id of ['sa-1-1-met', 'sa-1-3-met', 'sa-2-1-partly-met', 'sa-3-4-not-met']) document.getElementById(id).click()
  const notes = document.getElementById('sa-1-1-notes')
  notes.value = 'Incident reviews include learners.'
  notes.dispatchEvent(new Event('input', { bubbles: true }))
})()`},
	{name: "action-plans", path: "action-plans/", ready: "main h1"},
	{name: "region", path: "action-plans/london/", ready: "main h1"},
	{name: "domains", path: "action-plans/domains/", ready: "main h1"},
	{name: "release", path: "action-plans/releases/2026-03-31/", ready: "main h1"},
	{name: "you-said-we-did", path: "you-said-we-did/", ready: "#yswd-filter"},
	{quick: true, name: "you-said-we-did-filtered", path: "you-said-we-did/", ready: "#yswd-filter",
		then: `(() => {
  const s = document.getElementById('yswd-filter-region')
  s.value = 'london'
  s.dispatchEvent(new Event('change', { bubbles: true }))
})()`},
	{name: "you-said-we-did-entry", path: "you-said-we-did/yswd-001/", ready: "main h1"},
	{name: "you-said-we-did-theme", path: "you-said-we-did/themes/induction/", ready: "main h1"},
	{quick: true, name: "search-results", path: "search/?q=wellbeing", ready: "main h1", after: ".plinth-search__result"},
	{name: "not-found", path: "no-such-page/", ready: "main h1"},
	// Every details element open (callouts, chart data, filters).
	{quick: true, name: "details-open", path: "action-plans/london/", ready: "main h1",
		then: `document.querySelectorAll('details').forEach((d) => { d.open = true })`},
	// The header's menu opened, where the header folds its links into it.
	{quick: true, name: "menu-open", path: "guidance/", ready: "main h1",
		then: `(() => { const b = document.querySelector('.nhsuk-header__menu-toggle'); if (b && b.checkVisibility()) b.click() })()`},
	// Focus on a link in the text, and on the skip link.
	{quick: true, name: "focus-link", path: "guidance/learner-wellbeing/", ready: "main h1",
		then: `document.querySelector('main a[href]').focus()`},
	{quick: true, name: "focus-skip-link", path: "", ready: "main h1",
		then: `document.querySelector('.nhsuk-skip-link').focus()`},
}

// pruneCheckEnv runs TestPrunedStylesheet: "quick" compares the quick
// shots, "all" every shot.
const pruneCheckEnv = "PLINTH_PRUNE_CHECK"

// TestPrunedStylesheet holds the bundle stage's pruning of NHS.UK
// frontend's stylesheet (generator/bundle/prune.go) to its promise: no
// page looks any different. It builds the example site, makes a copy of
// it that loads the whole stylesheet instead (what the site published
// before pruning, byte for byte: bundle.Options.KeepUnused), and
// compares pages at 320 and 1024 px: a screenshot of each, pixel for
// pixel (to maxShotHeight), and the computed style of every element on
// it (styleDigest). It takes minutes (11 for the quick shots on a busy
// 2-core machine: the self-assessment page has thousands of elements),
// so it runs only when asked: PLINTH_PRUNE_CHECK=quick compares the pages
// and states marked quick (home, a standard, search results, the filled
// self-assessment, the filtered "You said, we did", open details, the
// open menu, focus on a link and on the skip link), =all a page of every
// layout too. Run it after changing the theme's layouts, its scripts or
// the pruning:
//
//	PLINTH_PRUNE_CHECK=all PLINTH_SCREENSHOTS=/tmp/shots go test -run TestPrunedStylesheet -timeout 60m ./tests/browser/
//
// With PLINTH_SCREENSHOTS set, the two captures of a page that differs
// are written there.
func TestPrunedStylesheet(t *testing.T) {
	mode := os.Getenv(pruneCheckEnv)
	if mode != "quick" && mode != "all" {
		t.Skip("set " + pruneCheckEnv + "=quick or =all to compare pages under the pruned and the whole stylesheet (minutes)")
	}
	tools := requireTools(t)
	root := repoRoot(t)
	pruned, prefix := buildExampleSite(t)
	whole := wholeStylesheetCopy(t, root, pruned)

	var servers []*harness.Server
	for _, dir := range []string{pruned, whole} {
		srv, err := harness.NewServer(os.DirFS(dir), prefix)
		if err != nil {
			t.Fatal(err)
		}
		if err := srv.Start(); err != nil {
			t.Fatal(err)
		}
		defer srv.Close()
		servers = append(servers, srv)
	}
	browserCtx, closeBrowser, err := harness.Launch(t.Context(), tools.Chromium, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer closeBrowser()
	out := os.Getenv(screenshotsEnv)
	all := mode == "all"
	same, shots := 0, 0
	for _, s := range pruneShots {
		if !s.quick && !all {
			continue
		}
		shots++
		for _, w := range []int64{320, 1024} {
			if compareShot(t, browserCtx, servers, prefix, s, w, out) {
				same++
			}
		}
	}
	t.Logf("%d captures identical pixel for pixel and style for style (%d pages and states at 320 and 1024 px)", same, shots)
	if !all {
		t.Logf("set %s=all to compare a page of every layout too", pruneCheckEnv)
	}
}

// compareShot captures a page in a state at width w under the pruned
// stylesheet (servers[0]) and the whole one (servers[1]) and reports
// whether the two look the same; a difference is an error, and the
// captures are written into out if it is not "".
func compareShot(t *testing.T, browserCtx context.Context, servers []*harness.Server, prefix string, s pruneShot, w int64, out string) bool {
	t.Helper()
	var shots [2]capturedPage
	for i, srv := range servers {
		shot, cancel, err := fullPage(browserCtx, srv.URL(prefix+s.path), s, w)
		if err != nil {
			t.Fatalf("%s at %d px: %v", s.name, w, err)
		}
		defer cancel() // the tab stays open for compareStyles
		shots[i] = shot
	}
	diff, err := comparePNG(shots[0].png, shots[1].png)
	if err != nil {
		t.Fatalf("%s at %d px: %v", s.name, w, err)
	}
	if diff == "" {
		diff = compareStyles(shots[0], shots[1])
	}
	if diff == "" {
		return true
	}
	t.Errorf("%s (%s) at %d px looks different with the pruned stylesheet: %s", s.name, s.path, w, diff)
	if out != "" {
		for i, kind := range []string{"pruned", "whole"} {
			name := filepath.Join(out, fmt.Sprintf("prune-%s-%dpx-%s.png", s.name, w, kind))
			if err := os.WriteFile(name, shots[i].png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return false
}

// wholeStylesheetCopy copies the built site in dir, with the whole
// stylesheet in place of the pruned one (under the same name, the pages'
// integrity values changed to match), and returns the copy's folder.
func wholeStylesheetCopy(t *testing.T, root, dir string) string {
	t.Helper()
	full, diags := bundle.Build(bundle.Options{SourceDir: root, Theme: "plinth", Entries: []string{"css/main.css"}, KeepUnused: true})
	// (Pruning reads the site's scripts too, so the pruned stylesheet is
	// the one the build published, not one bundled here without them.)
	if diags.HasErrors() {
		t.Fatalf("bundling the whole stylesheet: %v", diags)
	}
	wholeAsset := full.Manifest["css/main.css"]
	var wholeCSS []byte
	for _, f := range full.Files {
		if f.Path == wholeAsset.URL {
			wholeCSS = f.Data
		}
	}
	built, _ := filepath.Glob(filepath.Join(dir, "assets", "css", "main.*.css"))
	if len(built) != 1 {
		t.Fatalf("the built site has %d main stylesheets, not one: %q", len(built), built)
	}
	cutCSS, err := os.ReadFile(built[0])
	if err != nil {
		t.Fatal(err)
	}
	cutIntegrity := bundle.Integrity(cutCSS)
	if len(wholeCSS) <= len(cutCSS) {
		t.Fatalf("the whole stylesheet (%d bytes) is no larger than the pruned one (%d)", len(wholeCSS), len(cutCSS))
	}
	t.Logf("main.css: %d bytes whole, %d pruned", len(wholeCSS), len(cutCSS))
	copyDir := filepath.Join(t.TempDir(), "whole")
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		switch {
		case p == built[0]:
			data = wholeCSS
		case strings.HasSuffix(p, ".html"):
			// html/template writes the "+" of base64 as "&#43;".
			for _, esc := range []func(string) string{func(s string) string { return s }, func(s string) string { return strings.ReplaceAll(s, "+", "&#43;") }} {
				data = bytes.ReplaceAll(data, []byte(esc(cutIntegrity)), []byte(esc(wholeAsset.Integrity)))
			}
		}
		target := filepath.Join(copyDir, rel)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return copyDir
}

// maxShotHeight caps a capture's height: the longest pages (an edition's
// self-assessment, 50,000 px on a phone) take minutes to capture whole,
// and below the cap the computed styles (styleDigest) stand in for the
// pixels.
const maxShotHeight = 6000

// styleDigest returns, for every element of the page in document order,
// a hash of its computed style and of its ::before and ::after (and
// ::marker, ::placeholder where they apply): every property a stylesheet
// can set, whether the element is on screen or not.
const styleDigest = `(() => {
  // Sorted: Chromium lists custom properties in no fixed order.
  const props = (cs) => { const names = []; for (let i = 0; i < cs.length; i++) names.push(cs[i]); return names.sort().map((n) => n + ':' + cs.getPropertyValue(n)).join(';') + ';' }
  const pseudos = (el) => ['::before', '::after'].concat(el.matches('li, summary') ? ['::marker'] : [], el.matches('input, textarea') ? ['::placeholder'] : [])
  const describe = (el) => { let s = props(getComputedStyle(el)); for (const p of pseudos(el)) s += p + '{' + props(getComputedStyle(el, p)) + '}'; return s }
  const hash = (s) => { let h = 2166136261; for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619) >>> 0 } return h }
  window.plinthDescribe = (i) => { const el = document.querySelectorAll('*')[i]; return el.tagName + '.' + el.className + ' ' + describe(el) }
  return [...document.querySelectorAll('*')].map((el) => hash(describe(el)))
})()`

// capturedPage is what TestPrunedStylesheet compares of a page.
type capturedPage struct {
	png    []byte
	styles []uint32
	ctx    context.Context // the tab, open until the comparison is done
}

// fullPage loads a page at width w, brings it to the shot's state and
// returns a PNG of the page (to maxShotHeight) and its styles' digest.
// The caller closes the tab with cancel.
func fullPage(browserCtx context.Context, url string, s pruneShot, w int64) (capturedPage, context.CancelFunc, error) {
	tab, cancelTab := chromedp.NewContext(browserCtx)
	ctx, cancelTimeout := context.WithTimeout(tab, 3*time.Minute)
	cancel := func() { cancelTimeout(); cancelTab() }
	fail := func(err error) (capturedPage, context.CancelFunc, error) { cancel(); return capturedPage{}, nil, err }
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 800), chromedp.Navigate(url), chromedp.WaitVisible(s.ready)); err != nil {
		return fail(fmt.Errorf("%s never showed %s: %w", url, s.ready, err))
	}
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`[...document.querySelectorAll('link[rel=stylesheet]')].every((l) => l.sheet && l.sheet.cssRules.length > 0)`))
	if err != nil || !loaded {
		return fail(fmt.Errorf("%s: a stylesheet did not load (%v)", url, err))
	}
	if s.then != "" {
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](s.then)); err != nil {
			return fail(fmt.Errorf("%s: %w", url, err))
		}
	}
	if s.after != "" {
		if err := chromedp.Do(ctx, chromedp.WaitVisible(s.after)); err != nil {
			return fail(fmt.Errorf("%s never showed %s: %w", url, s.after, err))
		}
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](settled, chromedp.EvalAwaitPromise)); err != nil {
		return fail(err)
	}
	styles, err := chromedp.Run(ctx, chromedp.Evaluate[[]uint32](styleDigest))
	if err != nil {
		return fail(err)
	}
	height, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.documentElement.scrollHeight`))
	if err != nil {
		return fail(err)
	}
	clip := page.Viewport{Width: float64(w), Height: math.Min(math.Ceil(height), maxShotHeight), Scale: 1}
	shot, err := chromedp.Run(ctx, chromedp.Action[[]byte](func(ctx context.Context, _ *chromedp.Target) ([]byte, error) {
		res, err := chromedp.Call(ctx, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Format: page.CaptureScreenshotFormatPng, Clip: &clip, CaptureBeyondViewport: new(true),
		})
		return res.Data, err
	}))
	if err != nil {
		return fail(err)
	}
	return capturedPage{png: shot, styles: styles, ctx: ctx}, cancel, nil
}

// compareStyles returns "" when two pages' elements have the same
// computed styles, or the first element that differs, with its styles
// under each stylesheet.
func compareStyles(a, b capturedPage) string {
	if len(a.styles) != len(b.styles) {
		return fmt.Sprintf("%d elements with the pruned stylesheet, %d with the whole one", len(a.styles), len(b.styles))
	}
	for i := range a.styles {
		if a.styles[i] == b.styles[i] {
			continue
		}
		var got [2]string
		for k, c := range []capturedPage{a, b} {
			got[k], _ = chromedp.Run(c.ctx, chromedp.Evaluate[string](fmt.Sprintf("plinthDescribe(%d)", i)))
		}
		return fmt.Sprintf("element %d's computed style differs: %s", i, firstDifference(got[0], got[1]))
	}
	return ""
}

// firstDifference names the properties two style descriptions disagree on.
func firstDifference(a, b string) string {
	pa, pb := strings.Split(a, ";"), strings.Split(b, ";")
	var out []string
	for i := 0; i < min(len(pa), len(pb)) && len(out) < 5; i++ {
		if pa[i] != pb[i] {
			out = append(out, fmt.Sprintf("pruned %q, whole %q", pa[i], pb[i]))
		}
	}
	if len(out) == 0 {
		return "(lengths differ)"
	}
	return strings.Join(out, "; ")
}

// comparePNG returns "" when two PNGs show the same pixels, or what
// differs: the sizes, or how many pixels and where.
func comparePNG(a, b []byte) (string, error) {
	if bytes.Equal(a, b) {
		return "", nil
	}
	ia, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		return "", err
	}
	ib, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return "", err
	}
	if ia.Bounds() != ib.Bounds() {
		return fmt.Sprintf("the page is %v with the pruned stylesheet, %v with the whole one", ia.Bounds().Size(), ib.Bounds().Size()), nil
	}
	n := 0
	var box image.Rectangle
	r := ia.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if color.RGBAModel.Convert(ia.At(x, y)) != color.RGBAModel.Convert(ib.At(x, y)) {
				n++
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	if n == 0 {
		return "", nil
	}
	return fmt.Sprintf("%d pixels differ, within %v", n, box), nil
}
