package browser

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/plinth-ssg/plinth/generator/framework"
	"github.com/plinth-ssg/plinth/tests/browser/harness"
)

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
// self-assessment page, as a static host sends them, against its budget in
// exampleBudgets.
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
	budget := harness.BudgetFor(exampleBudgets, selfAssessmentFile, exampleTextBudget)
	t.Logf("self-assessment page weight, gzipped: %d bytes (%s); budget %d", total, strings.Join(parts, ", "), budget)
	if len(parts) < 5 {
		t.Errorf("found only %v; the page should load two stylesheets and two scripts", parts)
	}
	if total > budget {
		t.Errorf("the self-assessment page weighs %d bytes gzipped, over the budget of %d", total, budget)
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
