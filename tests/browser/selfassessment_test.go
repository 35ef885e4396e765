package browser

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

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
		d.audit(probe, "with the error summary", 1280)
		d.importFile(d.write("assessment-2019.json", assessment2019(e19)))
		d.audit(probe, "with the import's report and review notices", 1280, 320)
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
		dd.audit(off, "without JavaScript", 1280, 320)
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
