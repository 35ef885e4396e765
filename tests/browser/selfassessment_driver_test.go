package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/plinth-ssg/plinth/generator/framework"
	"github.com/plinth-ssg/plinth/tests/browser/harness"
)

// selfAssessmentFile is the page's file in the built site.
const selfAssessmentFile = "framework/2021/self-assessment/index.html"

// answerState is one standard's form as the page shows it.
type answerState struct {
	Rating  string        `json:"rating"`
	Notes   string        `json:"notes"`
	Actions []actionState `json:"actions"`
	Review  bool          `json:"review"`
}

type actionState struct {
	Action string `json:"action"`
	Owner  string `json:"owner"`
	Due    string `json:"due"`
}

// readForms reads every standard's form.
const readForms = `(() => {
  const out = {}
  document.querySelectorAll('[data-sa-standard]').forEach((el) => {
    const checked = el.querySelector('[data-sa-field="rating"]:checked')
    const notes = el.querySelector('[data-sa-field="notes"]')
    if (!notes) { return }
    out[el.getAttribute('data-sa-standard')] = {
      rating: checked ? checked.value : '',
      notes: notes.value,
      actions: Array.from(el.querySelectorAll('.plinth-sa-action')).map((li) => ({
        action: li.querySelector('[data-sa-field="action"]').value,
        owner: li.querySelector('[data-sa-field="owner_role"]').value,
        due: li.querySelector('[data-sa-field="due"]').value,
      })),
      review: !el.querySelector('[data-sa-part="review"]').hidden,
    }
  })
  return out
})()`

// stored is the answers the page keeps in localStorage ("" for none), and
// how many keys of the tool the browser holds.
const stored = `(() => {
  const tool = JSON.parse(document.getElementById('sa-data').textContent)
  let keys = 0
  for (let i = 0; i < localStorage.length; i++) {
    if (localStorage.key(i).startsWith(tool.storage_prefix)) { keys++ }
  }
  return { doc: localStorage.getItem(tool.storage_key) || '', keys }
})()`

type storedState struct {
	Doc  string `json:"doc"`
	Keys int    `json:"keys"`
}

// importOutcome is what an import showed: the success banner's or the
// error summary's text, and signs of anything a hostile file ran.
type importOutcome struct {
	Done     bool   `json:"done"`
	Errors   bool   `json:"errors"`
	Text     string `json:"text"`
	Focused  string `json:"focused"`
	Injected int    `json:"injected"`
	Pwned    bool   `json:"pwned"`
	Polluted bool   `json:"polluted"`
}

const awaitImport = `new Promise((resolve) => {
  const done = document.getElementById('sa-import-done')
  const errors = document.getElementById('sa-import-errors')
  const start = Date.now()
  const check = () => {
    if (!done.hidden || !errors.hidden || Date.now() - start > 10000) {
      const box = done.hidden ? errors : done
      resolve({
        done: !done.hidden, errors: !errors.hidden, text: box.textContent.replace(/\s+/g, ' ').trim(),
        focused: document.activeElement ? document.activeElement.id : '',
        injected: document.querySelectorAll('img[src="x"], main script:not([type]), main script[src="x"]').length,
        pwned: window.__pwned !== undefined, polluted: ({}).polluted !== undefined || ({}).isAdmin !== undefined,
      })
      return
    }
    setTimeout(check, 20)
  }
  check()
})`

// serveForProbes serves a built site under its production headers and
// starts Chromium for harness.Probe tabs; it returns the server, the
// browser's context and axe-core's script. Both stop when the test ends.
func serveForProbes(t *testing.T, tools harness.Tools, dir, prefix string) (*harness.Server, context.Context, []byte) {
	t.Helper()
	srv, err := harness.NewServer(os.DirFS(dir), prefix)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	browserCtx, closeBrowser, err := harness.Launch(t.Context(), tools.Chromium, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(closeBrowser)
	axe, err := os.ReadFile(tools.AxeScript)
	if err != nil {
		t.Fatal(err)
	}
	return srv, browserCtx, axe
}

// driver drives the self-assessment page in one tab.
type driver struct {
	t         *testing.T
	ctx       context.Context
	url       string
	files     string // where the test writes files to import
	downloads string // where the browser saves exports
}

func (d *driver) load() {
	d.t.Helper()
	if err := chromedp.Do(d.ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(d.url), chromedp.WaitVisible("[data-sa-app]")); err != nil {
		d.t.Fatalf("the self-assessment did not start: %v", err)
	}
}

func (d *driver) click(sel string) {
	d.t.Helper()
	if err := chromedp.Do(d.ctx, chromedp.Click(sel)); err != nil {
		d.t.Fatalf("clicking %s: %v", sel, err)
	}
}

func (d *driver) eval(js string) string {
	d.t.Helper()
	v, err := chromedp.Run(d.ctx, chromedp.Evaluate[json.RawMessage](js))
	if err != nil {
		d.t.Fatalf("%s: %v", js, err)
	}
	return string(v)
}

func (d *driver) evalVoid(js string) {
	d.t.Helper()
	if err := chromedp.Do(d.ctx, chromedp.Evaluate[chromedp.Void](js)); err != nil {
		d.t.Fatalf("%s: %v", js, err)
	}
}

func (d *driver) text(sel string) string {
	d.t.Helper()
	s, err := chromedp.Run(d.ctx, chromedp.Evaluate[string](fmt.Sprintf(`document.querySelector(%q).textContent.replace(/\s+/g, ' ').trim()`, sel)))
	if err != nil {
		d.t.Fatalf("reading %s: %v", sel, err)
	}
	return s
}

func (d *driver) forms() map[string]answerState {
	d.t.Helper()
	f, err := chromedp.Run(d.ctx, chromedp.Evaluate[map[string]answerState](readForms))
	if err != nil {
		d.t.Fatal(err)
	}
	return f
}

func (d *driver) stored() storedState {
	d.t.Helper()
	s, err := chromedp.Run(d.ctx, chromedp.Evaluate[storedState](stored))
	if err != nil {
		d.t.Fatal(err)
	}
	return s
}

// fillThree answers standards 1.1, 2.1 and 3.4 (and 1.3) as a provider
// does: clicking, typing, adding an action and picking a date.
func (d *driver) fillThree() map[string]answerState {
	d.t.Helper()
	action := actionState{Action: "Bring the education committee's minutes to the board", Owner: "Director of education", Due: "2027-03-31"}
	err := chromedp.Do(d.ctx,
		chromedp.Click("#sa-1-1-met"),
		chromedp.SendKeys("#sa-1-1-notes", "Incident reviews include learners.\nMinutes are on the shared drive."),
		chromedp.Click("#sa-1-3-met"),
		chromedp.Click("#sa-2-1-partly-met"),
		chromedp.SendKeys("#sa-2-1-notes", "Board papers from 2026."),
		chromedp.Click(`#standard-2-1 [data-sa-part="add"]`),
		chromedp.SendKeys("#sa-2-1-action-1-what", action.Action),
		chromedp.SendKeys("#sa-2-1-action-1-owner", action.Owner),
		// A date field's keyboard order depends on the browser's locale;
		// set it as the date picker would.
		chromedp.Evaluate[chromedp.Void](`(() => { const el = document.getElementById('sa-2-1-action-1-due'); el.value = '2027-03-31'; el.dispatchEvent(new Event('input', { bubbles: true })) })()`),
		chromedp.Click("#sa-3-4-not-met"),
		chromedp.SendKeys("#sa-3-4-notes", `-<b>Rota</b> & "sign-off" = missing`),
	)
	if err != nil {
		d.t.Fatalf("filling in the form: %v", err)
	}
	return map[string]answerState{
		"1.1": {Rating: "met", Notes: "Incident reviews include learners.\nMinutes are on the shared drive."},
		"1.3": {Rating: "met"},
		"2.1": {Rating: "partly-met", Notes: "Board papers from 2026.", Actions: []actionState{action}},
		"3.4": {Rating: "not-met", Notes: `-<b>Rota</b> & "sign-off" = missing`},
	}
}

// export clicks an export button and returns the file the browser saved.
func (d *driver) export(kind string) []byte {
	d.t.Helper()
	old, _ := filepath.Glob(filepath.Join(d.downloads, "*."+kind))
	for _, f := range old {
		os.Remove(f)
	}
	d.click(fmt.Sprintf(`[data-sa-export=%q]`, kind))
	for range 200 {
		files, _ := filepath.Glob(filepath.Join(d.downloads, "self-assessment-2021-*."+kind))
		if len(files) == 1 {
			if data, err := os.ReadFile(files[0]); err == nil && len(data) > 0 {
				return data
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	d.t.Fatalf("no %s file was downloaded into %s", kind, d.downloads)
	return nil
}

func (d *driver) write(name string, data []byte) string {
	d.t.Helper()
	p := filepath.Join(d.files, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		d.t.Fatal(err)
	}
	return p
}

// importFile chooses a file and presses Import, then waits for the outcome.
func (d *driver) importFile(path string) importOutcome {
	d.t.Helper()
	out, err := chromedp.Run(d.ctx, chromedp.Action[importOutcome](func(ctx context.Context, _ *chromedp.Target) (importOutcome, error) {
		err := chromedp.Do(ctx,
			chromedp.Evaluate[chromedp.Void](`document.getElementById('sa-import-done').hidden = true; document.getElementById('sa-import-errors').hidden = true`),
			chromedp.SetUploadFiles("#sa-import-file", []string{path}),
			chromedp.Click("[data-sa-import]"))
		if err != nil {
			return importOutcome{}, err
		}
		return chromedp.Run(ctx, chromedp.Evaluate[importOutcome](awaitImport, chromedp.EvalAwaitPromise))
	}))
	if err != nil {
		d.t.Fatalf("importing %s: %v", filepath.Base(path), err)
	}
	return out
}

// audit runs axe at each width and checks that the page does not scroll
// sideways.
func (d *driver) audit(p *harness.Probe, when string, widths ...int64) {
	d.t.Helper()
	for _, width := range widths {
		if err := chromedp.Do(d.ctx, chromedp.EmulateViewport(width, 800)); err != nil {
			d.t.Fatal(err)
		}
		f, err := p.Axe(d.ctx, selfAssessmentFile)
		if err != nil {
			d.t.Fatalf("running axe %s at %d px: %v", when, width, err)
		}
		if len(f) > 0 {
			d.t.Errorf("axe %s at %d px:\n%s", when, width, findings(f))
		}
		wide, err := chromedp.Run(d.ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - document.documentElement.clientWidth`))
		if err != nil {
			d.t.Fatal(err)
		}
		if wide > 0 {
			d.t.Errorf("%s at %d px the page scrolls sideways by %d px", when, width, wide)
		}
		d.t.Logf("axe %s at %d px: %d violations", when, width, len(f))
	}
	if err := chromedp.Do(d.ctx, chromedp.EmulateViewport(1280, 800)); err != nil {
		d.t.Fatal(err)
	}
}

func findings(fs []harness.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("  " + f.String() + "\n")
	}
	return b.String()
}

func equalAnswer(got, want answerState) bool {
	if want.Rating == "" {
		want.Rating = framework.NotAssessed
	}
	if got.Rating != want.Rating || got.Notes != want.Notes || got.Review != want.Review || len(got.Actions) != len(want.Actions) {
		return false
	}
	for i := range got.Actions {
		if got.Actions[i] != want.Actions[i] {
			return false
		}
	}
	return true
}
