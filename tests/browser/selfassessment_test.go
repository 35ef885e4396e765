package browser

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/framework"
	"github.com/plinth-ssg/plinth/generator/pipeline"
	"github.com/plinth-ssg/plinth/tests/browser/harness"
)

// The provider self-assessment of the example site's edition in force
// (/framework/2021/self-assessment/), driven in Chromium as a provider uses
// it: answers typed in (by keyboard too) survive a reload; a JSON export,
// cleared and imported again, gives back exactly the same answers; the CSV
// export reads as one row per standard; a 2019 assessment is carried into
// 2021 through replaces; hostile files are refused or shown as text and
// leave the answers alone. The page itself passes axe with and without
// JavaScript at 1280 and 320 px, with no CSP report or console error, and
// weighs no more than the page budget.

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

func TestSelfAssessment(t *testing.T) {
	tools := requireTools(t)
	dest := filepath.Join(t.TempDir(), "public")
	res, diags := pipeline.Run(pipeline.Options{Source: repoRoot(t), Destination: dest,
		Now: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC), Write: true})
	if diags.HasErrors() {
		var b strings.Builder
		diag.Print(&b, diags, 0)
		t.Fatalf("the example site does not build:\n%s", b.String())
	}
	editions := map[string]*framework.Edition{}
	for _, p := range res.Site.Pages {
		if e, ok := p.Extra.(*framework.Edition); ok {
			editions[e.Key] = e
		}
	}
	e19, e21 := editions["2019"], editions["2021"]
	if e19 == nil || e21 == nil || e21.SelfAssessment == nil {
		t.Fatal("the example site lacks the 2019 edition, or the 2021 edition's self-assessment")
	}
	if e19.SelfAssessment != nil {
		t.Error("the superseded 2019 edition has a self-assessment page")
	}
	checkPageWeight(t, dest)

	prefix := res.Site.Config.BasePath()
	srv, browserCtx, axe := serveForProbes(t, tools, dest, prefix)
	downloads := t.TempDir()
	if _, err := chromedp.CallBrowser(browserCtx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads}); err != nil {
		t.Fatal(err)
	}
	probe, err := harness.OpenProbe(browserCtx, string(axe), srv.Origin())
	if err != nil {
		t.Fatal(err)
	}
	defer probe.Close()
	ctx, cancel := context.WithTimeout(probe.Context(), 6*time.Minute)
	defer cancel()
	d := &driver{t: t, ctx: ctx, url: srv.URL(prefix + "framework/2021/self-assessment/"), files: t.TempDir(), downloads: downloads}

	probe.Record()
	d.load()
	typed := d.fillThree()
	before := d.stored()
	var filled storedState
	t.Run("answers kept after a reload", func(t *testing.T) {
		d.t = t
		if err := chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitVisible("[data-sa-app]")); err != nil {
			t.Fatal(err)
		}
		got := d.forms()
		for id, want := range typed {
			if !equalAnswer(got[id], want) {
				t.Errorf("standard %s after reloading: %+v, want %+v", id, got[id], want)
			}
		}
		if filled = d.stored(); filled.Doc != before.Doc || filled.Keys != 1 {
			t.Errorf("the saved answers changed on reloading, or %d keys are kept", filled.Keys)
		}
		overall := d.text("[data-sa-overall]")
		if want := "4 of 31 standards assessed: 2 met, 1 partly met, 1 not met."; overall != want {
			t.Errorf("summary %q, want %q", overall, want)
		}
		attention := d.text("[data-sa-attention]")
		for _, want := range []string{"2.1 Governance and continuous improvement", "Partly met", "Bring the education committee's minutes to the board (Director of education; due 31 March 2027)",
			"3.4 Induction", "Not met", "No action planned yet."} {
			if !strings.Contains(attention, want) {
				t.Errorf("the list of standards not met lacks %q: %q", want, attention)
			}
		}
	})

	t.Run("export JSON, clear everything, import: the same answers", func(t *testing.T) {
		d.t = t
		exported := d.export("json")
		checkExport(t, exported, e21)
		d.click("[data-sa-clear]")
		d.click("[data-sa-clear-yes]")
		if s := d.stored(); s.Keys != 0 {
			t.Fatalf("after clearing everything the browser holds %d of the tool's keys", s.Keys)
		}
		for id, a := range d.forms() {
			if a.Rating != framework.NotAssessed || a.Notes != "" || len(a.Actions) != 0 {
				t.Fatalf("after clearing, standard %s still shows %+v", id, a)
			}
		}
		out := d.importFile(d.write("export.json", exported))
		if !out.Done {
			t.Fatalf("the exported file was not imported: %q", out.Text)
		}
		if s := d.stored(); s.Doc != filled.Doc {
			t.Errorf("imported, the answers differ from those exported:\n%s\nwant\n%s", s.Doc, filled.Doc)
		}
		got := d.forms()
		for id, want := range typed {
			if !equalAnswer(got[id], want) {
				t.Errorf("standard %s after the import: %+v, want %+v", id, got[id], want)
			}
		}
	})

	t.Run("CSV export", func(t *testing.T) {
		d.t = t
		rows, err := csv.NewReader(bytes.NewReader(d.export("csv"))).ReadAll()
		if err != nil {
			t.Fatalf("the CSV does not parse: %v", err)
		}
		if len(rows) != 1+len(e21.Standards) {
			t.Fatalf("%d rows, want a header and one per standard (%d)", len(rows), len(e21.Standards))
		}
		for i, s := range e21.Standards {
			if rows[i+1][1] != s.ID.String() {
				t.Errorf("row %d is standard %s, want %s", i+1, rows[i+1][1], s.ID)
			}
		}
		if r := rows[7]; r[1] != "2.1" || r[5] != "Partly met" || r[8] != "Director of education" || r[9] != "2027-03-31" {
			t.Errorf("row of standard 2.1: %q", r)
		}
		if r := rows[16]; r[1] != "3.4" || r[6] != "'-<b>Rota</b> & \"sign-off\" = missing" {
			t.Errorf("row of standard 3.4 (notes starting with - are guarded, markup kept as text): %q", r)
		}
	})

	t.Run("2019 assessment carried into 2021", func(t *testing.T) {
		d.t = t
		out := d.importFile(d.write("assessment-2019.json", assessment2019(e19)))
		if !out.Done || out.Focused != "sa-import-done" {
			t.Fatalf("the 2019 file was not imported (or the result not focused): %+v", out)
		}
		for _, want := range []string{
			"Your assessment of the 2019 edition was brought into the 2021 edition",
			"Carried over: 1.1, 1.3, 2.2 (was 2.3), 3.5 (was 3.6)",
			"Merged: 2.1 Governance and continuous improvement combines your answers to standards 2.1 and 2.2 of 2019.",
			"The standard changed since you assessed it, so review your answer: 1.1, 2.1, 3.5.",
			"Removed: standard 3.5 Understanding their role of 2019 is not in the 2021 edition, so your answer to it was not carried over.",
			"New in the 2021 edition, not yet assessed: 2.6 Using equality data; 3.6 Learner wellbeing; 4.5 Educator wellbeing.",
		} {
			if !strings.Contains(out.Text, want) {
				t.Errorf("the import's report lacks %q:\n%s", want, out.Text)
			}
		}
		got := d.forms()
		want := map[string]answerState{
			"1.1": {Rating: "met", Notes: "Incident reviews with learners, 2020.", Review: true}, // reworded
			"1.3": {Rating: "partly-met", Notes: "Research day twice a year."},                   // unchanged
			"2.2": {Rating: "met", Notes: "Multi-professional leads named."},                     // renumbered, same words
			"3.5": {Rating: "partly-met", Notes: "Freedom to speak up guardian.", Review: true},  // renumbered and reworded
			"2.1": {Rating: "not-met", Notes: "From standard 2.1 of the 2019 edition:\nBoard minutes.\n\nFrom standard 2.2 of the 2019 edition:\nQuality reports.", Review: true,
				Actions: []actionState{{Action: "Report education quality to the board", Owner: "Director of education", Due: "2020-09-30"}}}, // merged
			"2.6": {Rating: framework.NotAssessed}, "3.6": {Rating: framework.NotAssessed}, "4.5": {Rating: framework.NotAssessed}, // new
		}
		for id, w := range want {
			if !equalAnswer(got[id], w) {
				t.Errorf("2021 standard %s: %+v, want %+v", id, got[id], w)
			}
		}
		review := d.text("#standard-3-5 [data-sa-part=\"review\"]")
		if !strings.Contains(review, "The standard changed since you assessed it: review your answer. Your answer was brought over from standard 3.6 of the 2019 edition.") {
			t.Errorf("the review notice of 3.5 says %q", review)
		}
		d.click("[data-sa-undo]")
		if s := d.stored(); s.Doc != filled.Doc {
			t.Error("undoing the import did not bring back the answers as they were")
		}
		d.importFile(d.write("assessment-2019.json", assessment2019(e19)))
		d.click("#standard-1-1 [data-sa-part=\"reviewed\"]")
		if d.forms()["1.1"].Review {
			t.Error("1.1 still asks for review after \"I have reviewed my answer\"")
		}
		if list := d.text("[data-sa-review-list]"); !strings.Contains(list, "2.1") || strings.Contains(list, "1.1") {
			t.Errorf("the summary's answers to review: %q", list)
		}
		if d.eval(`document.querySelector('[data-sa-undo]').hidden`) != "true" {
			t.Error("after a change, the import can still be undone (which would lose the change)")
		}
	})

	t.Run("hostile files", func(t *testing.T) {
		d.t = t
		huge := append([]byte(`{"tool": "plinth-self-assessment", "notes": "`), bytes.Repeat([]byte("a"), 10<<20)...)
		huge = append(huge, `"}`...)
		tests := []struct {
			name, file string
			data       []byte
			want       string
		}{
			{"wrong types", "types.json", []byte(`{"tool": "plinth-self-assessment", "tool_version": 1, "edition": "2021",
				"standards": [{"id": "1.1", "rating": true, "notes": 5, "actions": {}, "fingerprint": ""}]}`),
				`Standard 1.1: "rating" is true (true or false), but must be one of`},
			{"unknown edition", "edition.json", []byte(`{"tool": "plinth-self-assessment", "tool_version": 1, "edition": "2031", "standards": []}`),
				`The file is an assessment of the edition "2031", which this framework does not have. This page can import assessments of the 2016, 2019 or 2021 editions.`},
			{"10 MB", "huge.json", huge, "The file is 10 MB; an assessment file is at most 2 MB."},
			{"prototype pollution", "proto.json", []byte(`{"tool": "plinth-self-assessment", "tool_version": 1, "edition": "2021", "__proto__": {"polluted": 1},
				"standards": [{"id": "1.1", "rating": "met", "notes": "", "actions": [], "fingerprint": "", "constructor": {"prototype": {"isAdmin": true}}}]}`),
				`The file has a field "__proto__", which an assessment does not have`},
			{"markup instead of JSON", "page.json", []byte(`<img src="x" onerror="window.__pwned=1"><script>window.__pwned=2</script>`),
				"The file is not valid JSON"},
		}
		for _, tt := range tests {
			kept := d.stored()
			out := d.importFile(d.write(tt.file, tt.data))
			switch {
			case !out.Errors || out.Done:
				t.Errorf("%s: not refused: %+v", tt.name, out)
			case !strings.Contains(out.Text, "The file was not imported Nothing has changed: your answers are as they were.") || !strings.Contains(out.Text, tt.want):
				t.Errorf("%s: the error summary says %q; want %q", tt.name, out.Text, tt.want)
			case out.Focused != "sa-import-errors":
				t.Errorf("%s: focus is on %q, not the error summary", tt.name, out.Focused)
			case out.Injected > 0 || out.Pwned || out.Polluted:
				t.Errorf("%s: the file ran or injected something: %+v", tt.name, out)
			}
			if s := d.stored(); s.Doc != kept.Doc || s.Doc == "" {
				t.Errorf("%s: the refused file changed the saved answers", tt.name)
			}
		}

		// Markup inside a valid file is an answer like any other: it is
		// taken, and shown as the text it is.
		markup := `<img src="x" onerror="window.__pwned=1"><script>window.__pwned=2</script>`
		doc := map[string]any{"tool": framework.SelfAssessmentTool, "tool_version": framework.SelfAssessmentVersion, "edition": "2021",
			"standards": []map[string]any{{"id": "1.2", "rating": "not-met", "notes": markup, "fingerprint": e21.Standards[1].Fingerprint(),
				"actions": []map[string]string{{"action": markup, "owner_role": "<b>lead</b>", "due": ""}}}}}
		data, _ := json.Marshal(doc)
		out := d.importFile(d.write("markup.json", data))
		if !out.Done || out.Injected > 0 || out.Pwned {
			t.Fatalf("markup in notes: %+v", out)
		}
		if got := d.forms()["1.2"]; got.Notes != markup || got.Actions[0].Action != markup {
			t.Errorf("markup in notes came back as %+v", got)
		}
		report := d.text("[data-sa-report]") + d.text("[data-sa-attention]")
		if !strings.Contains(report, markup) || !strings.Contains(report, "<b>lead</b>") {
			t.Errorf("the summary and print view do not show the markup as text: %q", report)
		}
		if out := d.eval(`document.querySelectorAll('img[src="x"]').length + (window.__pwned ? 100 : 0)`); out != "0" {
			t.Errorf("the markup made elements or ran: %s", out)
		}
		d.click("[data-sa-undo]")
	})

	t.Run("keyboard only", func(t *testing.T) {
		d.t = t
		d.evalVoid(`document.getElementById('sa-1-2-met').focus()`)
		keys := []chromedp.Action[chromedp.Void]{
			chromedp.KeyEvent(" "), chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent("Reviewed in March."),
			chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Enter), chromedp.KeyEvent("Share the review"),
			chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent("Clinical lead"),
		}
		if err := chromedp.Do(ctx, keys...); err != nil {
			t.Fatal(err)
		}
		want := answerState{Rating: "met", Notes: "Reviewed in March.", Actions: []actionState{{Action: "Share the review", Owner: "Clinical lead"}}}
		if got := d.forms()["1.2"]; !equalAnswer(got, want) {
			t.Errorf("typed with the keyboard alone: %+v, want %+v", got, want)
		}
	})

	t.Run("axe, CSP and console with JavaScript", func(t *testing.T) {
		d.t = t
		// Import a file with problems, then the 2019 file, so that the
		// error summary, the import's report and the review notices have
		// all been on the page.
		d.importFile(d.write("bad.json", []byte(`{}`)))
		d.audit(probe, "with the error summary")
		d.importFile(d.write("assessment-2019.json", assessment2019(e19)))
		d.audit(probe, "with the import's report and review notices")
		if f := probe.Findings(selfAssessmentFile); len(f) > 0 {
			t.Errorf("while being used, the page reported:\n%s", findings(f))
		}
	})

	t.Run("axe, CSP and console without JavaScript", func(t *testing.T) {
		d.t = t
		off, err := harness.OpenProbe(browserCtx, string(axe), srv.Origin())
		if err != nil {
			t.Fatal(err)
		}
		defer off.Close()
		octx, cancel := context.WithTimeout(off.Context(), time.Minute)
		defer cancel()
		if err := chromedp.Do(octx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		})); err != nil {
			t.Fatal(err)
		}
		off.Record()
		dd := &driver{t: t, ctx: octx, url: d.url}
		if err := chromedp.Do(octx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(d.url)); err != nil {
			t.Fatal(err)
		}
		type checklist struct {
			NoJS, App, JSEnabled bool
			Standards, Evidence  int
			NoteText             string
		}
		shown, err := chromedp.Run(octx, chromedp.Evaluate[checklist](`({
  NoJS: document.querySelector('[data-sa-nojs]').getClientRects().length > 0,
  App: Array.from(document.querySelectorAll('[data-sa-app]')).some((el) => el.getClientRects().length > 0),
  Standards: document.querySelectorAll('.plinth-sa-standard h3').length,
  Evidence: Array.from(document.querySelectorAll('.plinth-sa-standard h4')).filter((h) => h.textContent === 'Examples of evidence').length,
  JSEnabled: document.body.classList.contains('js-enabled'),
  NoteText: document.querySelector('[data-sa-nojs]').textContent,
})`))
		if err != nil {
			t.Fatal(err)
		}
		if shown.JSEnabled || !shown.NoJS || shown.App || shown.Standards != len(e21.Standards) || shown.Evidence != len(e21.Standards) ||
			!strings.Contains(shown.NoteText, "Saving answers needs JavaScript") {
			t.Errorf("without JavaScript: %+v; want the note shown, the tool hidden, and %d standards with their evidence", shown, len(e21.Standards))
		}
		// axe needs scripts to run: let DevTools run them again now that
		// the page has loaded without its own (which stay unrun).
		if err := chromedp.Do(octx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false})
			return err
		})); err != nil {
			t.Fatal(err)
		}
		dd.audit(off, "without JavaScript")
		if dd.eval(`document.body.classList.contains('js-enabled') || !document.querySelector('[data-sa-app]').hidden`) != "false" {
			t.Error("the page's own scripts ran during the check without JavaScript")
		}
		if f := off.Findings(selfAssessmentFile); len(f) > 0 {
			t.Errorf("without JavaScript, the page reported:\n%s", findings(f))
		}
	})

	if out := os.Getenv(screenshotsEnv); out != "" {
		t.Run("screenshots", func(t *testing.T) {
			d.t = t
			screenshotsSelfAssessment(t, d, out, e21)
		})
	}
}

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

// audit runs axe at 1280 and 320 px wide and checks that the page does not
// scroll sideways at 320 px.
func (d *driver) audit(p *harness.Probe, when string) {
	d.t.Helper()
	for _, width := range []int64{1280, 320} {
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

// checkExport validates an exported file against the published schema and
// checks that it names the edition, its schema and every standard.
func checkExport(t *testing.T, data []byte, e *framework.Edition) {
	t.Helper()
	schema, err := jsonschema.NewCompiler().Compile(filepath.Join(repoRoot(t), "docs", "schemas", framework.SelfAssessmentSchema))
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the export is not JSON: %v", err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Errorf("the export does not match %s: %v", framework.SelfAssessmentSchema, err)
	}
	var doc struct {
		Schema    string `json:"$schema"`
		Version   int    `json:"tool_version"`
		Edition   string `json:"edition"`
		Exported  string `json:"exported"`
		Standards []struct {
			ID string `json:"id"`
		} `json:"standards"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Schema != e.SelfAssessment.SchemaURL || doc.Version != framework.SelfAssessmentVersion || doc.Edition != e.Key ||
		len(doc.Standards) != len(e.Standards) || doc.Exported == "" {
		t.Errorf("the export names schema %q, version %d, edition %q, %d standards, exported %q", doc.Schema, doc.Version, doc.Edition, len(doc.Standards), doc.Exported)
	}
}

// assessment2019 is a provider's assessment against the 2019 edition, with
// answers for the standards that 2021 keeps (1.3), renumbers (2.3 → 2.2),
// rewords (1.1), renumbers and rewords (3.6 → 3.5), merges (2.1 and 2.2 →
// 2.1) and removes (3.5), each with the fingerprint of its 2019 wording.
func assessment2019(e *framework.Edition) []byte {
	fp := map[string]string{}
	for _, s := range e.Standards {
		fp[s.ID.String()] = s.Fingerprint()
	}
	a := func(id, rating, notes string, actions ...map[string]string) map[string]any {
		if actions == nil {
			actions = []map[string]string{}
		}
		return map[string]any{"id": id, "rating": rating, "notes": notes, "actions": actions, "fingerprint": fp[id]}
	}
	doc := map[string]any{"tool": framework.SelfAssessmentTool, "tool_version": framework.SelfAssessmentVersion, "edition": "2019",
		"standards": []map[string]any{
			a("1.1", "met", "Incident reviews with learners, 2020."),
			a("1.3", "partly-met", "Research day twice a year."),
			a("2.1", "met", "Board minutes."),
			a("2.2", "not-met", "Quality reports.", map[string]string{"action": "Report education quality to the board", "owner_role": "Director of education", "due": "2020-09-30"}),
			a("2.3", "met", "Multi-professional leads named."),
			a("3.5", "met", "Role descriptions."),
			a("3.6", "partly-met", "Freedom to speak up guardian."),
		}}
	data, _ := json.Marshal(doc)
	return data
}

// stylesheetOrScript finds the page's own CSS and JS files.
var stylesheetOrScript = regexp.MustCompile(`<(?:link rel="stylesheet" href|script src)="([^"]+)"`)

// checkPageWeight adds up the gzipped HTML, CSS and JavaScript of the
// self-assessment page, as a static host sends them, against the budget.
func checkPageWeight(t *testing.T, dir string) {
	t.Helper()
	html, err := os.ReadFile(filepath.Join(dir, selfAssessmentFile))
	if err != nil {
		t.Fatal(err)
	}
	total := gzipped(html)
	parts := []string{fmt.Sprintf("HTML %d", total)}
	for _, m := range stylesheetOrScript.FindAllSubmatch(html, -1) {
		data, err := os.ReadFile(filepath.Join(dir, strings.TrimPrefix(string(m[1]), "/")))
		if err != nil {
			t.Fatalf("the page loads %s: %v", m[1], err)
		}
		n := gzipped(data)
		total += n
		parts = append(parts, fmt.Sprintf("%s %d", filepath.Base(string(m[1])), n))
	}
	t.Logf("self-assessment page weight, gzipped: %d bytes (%s); budget %d", total, strings.Join(parts, ", "), harness.WeightBudget)
	if len(parts) < 5 {
		t.Errorf("found only %v; the page should load two stylesheets and two scripts", parts)
	}
	if total > harness.WeightBudget {
		t.Errorf("the self-assessment page weighs %d bytes gzipped, over the budget of %d", total, harness.WeightBudget)
	}
}

func gzipped(data []byte) int {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
	zw.Write(data)
	zw.Close()
	return b.Len()
}

// screenshotsSelfAssessment writes the summary, the start of domain 2
// filled in, and the start of the print view, at 1280 px wide, into out
// (docs/screenshots).
func screenshotsSelfAssessment(t *testing.T, d *driver, out string, e *framework.Edition) {
	d.click("[data-sa-clear]")
	d.click("[data-sa-clear-yes]")
	if !d.importFile(d.write("example.json", exampleAssessment(e))).Done {
		t.Fatal("the example assessment was not imported")
	}
	d.evalVoid(`document.getElementById('sa-import-done').hidden = true`)
	shots := []struct {
		name, from, to string
		print          bool
	}{
		{"self-assessment-summary.png", ".plinth-sa-summary", ".plinth-sa-summary", false},
		{"self-assessment-domain-2.png", "#domain-2", "#standard-2-2", false},
		{"self-assessment-print.png", "h1", ".plinth-sa-report__item:nth-of-type(3)", true},
	}
	for _, s := range shots {
		png, err := chromedp.Run(d.ctx, chromedp.Action[[]byte](func(ctx context.Context, _ *chromedp.Target) ([]byte, error) {
			media := ""
			if s.print {
				media = "print"
			}
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media}); err != nil {
				return nil, err
			}
			type rect struct{ X, Y, Width, Height float64 }
			r, err := chromedp.Run(ctx, chromedp.Evaluate[rect](fmt.Sprintf(`(() => {
  const a = document.querySelector(%q).getBoundingClientRect(), b = document.querySelector(%q).getBoundingClientRect()
  return { X: a.x + scrollX - 8, Y: a.y + scrollY - 8, Width: a.width + 16, Height: b.bottom - a.top + 16 } })()`, s.from, s.to)))
			if err != nil {
				return nil, err
			}
			beyond := true
			res, err := chromedp.Call(ctx, page.CaptureScreenshot, page.CaptureScreenshotParams{
				Format: page.CaptureScreenshotFormatPng, CaptureBeyondViewport: &beyond,
				Clip: &page.Viewport{X: r.X, Y: r.Y, Width: r.Width, Height: r.Height, Scale: 1},
			})
			return res.Data, err
		}))
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		savePNG(t, filepath.Join(out, s.name), png)
	}
	if err := chromedp.Do(d.ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""})
		return err
	})); err != nil {
		t.Fatal(err)
	}
}

func savePNG(t *testing.T, name string, png []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s (%d bytes)", name, len(png))
}

// exampleAssessment answers every standard of domain 2, and a few others,
// for the screenshots.
func exampleAssessment(e *framework.Edition) []byte {
	ratings := []string{"met", "partly-met", "met", "not-met", "met", "not-applicable"}
	var standards []map[string]any
	for i, s := range e.Standards {
		rating, notes := "", ""
		actions := []map[string]string{}
		switch {
		case s.Domain.Number == 2:
			rating = ratings[(s.ID.Number-1)%len(ratings)]
			notes = "Evidence: board papers and the education committee's minutes (synthetic example)."
			if rating == "partly-met" || rating == "not-met" {
				actions = append(actions, map[string]string{"action": "Add education quality to the board's quarterly report", "owner_role": "Director of education", "due": "2027-03-31"})
			}
		case i%3 == 0:
			rating = ratings[i%4]
		default:
			continue
		}
		standards = append(standards, map[string]any{"id": s.ID.String(), "rating": rating, "notes": notes, "actions": actions, "fingerprint": s.Fingerprint()})
	}
	data, _ := json.Marshal(map[string]any{"tool": framework.SelfAssessmentTool, "tool_version": framework.SelfAssessmentVersion, "edition": e.Key, "standards": standards})
	return data
}
