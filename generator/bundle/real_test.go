package bundle

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plinth-ssg/plinth/generator/internal/testenv"
)

// TestRealNHSFrontend bundles the Plinth theme against the node_modules that
// `npm ci` installs at the repository root, which doubles as a site folder.
func TestRealNHSFrontend(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	testenv.NodeModules(t, root, "nhsuk-frontend")
	res, diags := Build(Options{SourceDir: root, Theme: "plinth", Entries: []string{"css/main.css", "js/main.js"}})
	for _, d := range diags {
		t.Errorf("%s\n  line: %s\n  hint: %s", d.Error(), d.LineText, d.Hint)
	}
	if diags.HasErrors() {
		t.FailNow()
	}
	for _, f := range res.Files {
		t.Logf("%-55s %8d bytes, %7d gzipped", f.Path, len(f.Data), gzipSize(t, f.Data))
	}
	for _, name := range []string{"css/main.css", "js/main.js"} {
		a, ok := res.Manifest.Lookup(name)
		if !ok {
			t.Fatalf("no manifest entry for %s", name)
		}
		t.Logf("%s → %s %s", name, a.URL, a.Integrity)
	}
	css := fileData(t, res, "css/main.css")
	for _, want := range []string{".nhsuk-header", ".nhsuk-inset-text", ".chroma", "@media print"} {
		if !strings.Contains(css, want) {
			t.Errorf("main.css lacks %q", want)
		}
	}
	if strings.Contains(css, "@font-face") || strings.Contains(css, "assets.nhs.uk") {
		t.Error("main.css still loads fonts from assets.nhs.uk")
	}
	checkNoRemote(t, res)
}

// TestRealECharts bundles a chart script of the kind the chart stage will
// use (ECharts' tree-shakable core with the canvas renderer) against the
// real package, to check it builds without remote references and to log its
// size.
func TestRealECharts(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	testenv.LinkNodeModules(t, root, dir, "echarts")
	script := `import * as echarts from 'echarts/core'
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TitleComponent, AriaComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, AriaComponent, CanvasRenderer])
for (const el of document.querySelectorAll('script[type="application/json"][data-chart]')) {
  const target = document.getElementById(el.dataset.chart)
  echarts.init(target, null, { renderer: 'canvas' }).setOption(JSON.parse(el.textContent))
}
`
	if err := os.MkdirAll(filepath.Join(dir, "assets", "js"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "assets", "js", "charts.js"), []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	res, diags := Build(Options{SourceDir: dir, Entries: []string{"js/charts.js"}})
	for _, d := range diags {
		t.Errorf("%s\n  hint: %s", d.Error(), d.Hint)
	}
	if diags.HasErrors() {
		t.FailNow()
	}
	for _, f := range res.Files {
		t.Logf("%-40s %8d bytes, %7d gzipped", f.Path, len(f.Data), gzipSize(t, f.Data))
	}
	checkNoRemote(t, res)
}

func gzipSize(t *testing.T, data []byte) int {
	t.Helper()
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Len()
}

// TestRealPruned: bundled against the theme's layouts and scripts, NHS.UK
// frontend's stylesheet loses the components no page of the theme shows
// (the hero, the task list, the character count) and keeps those pages
// show, and the whole stylesheet is far smaller than the 290 KB it was.
func TestRealPruned(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	testenv.NodeModules(t, root, "nhsuk-frontend")
	entries := []string{"css/main.css", "js/main.js", "js/search.js", "js/yswd-filter.js", "js/charts.js", "js/self-assessment.js"}
	res, diags := Build(Options{SourceDir: root, Theme: "plinth", Entries: entries})
	if diags.HasErrors() {
		t.Fatalf("%v", diags)
	}
	whole, diags := Build(Options{SourceDir: root, Theme: "plinth", Entries: entries, KeepUnused: true})
	if diags.HasErrors() {
		t.Fatalf("%v", diags)
	}
	css, all := fileData(t, res, "css/main.css"), fileData(t, whole, "css/main.css")
	t.Logf("main.css: %d bytes (%d gzipped), %d (%d) whole", len(css), gzipSize(t, []byte(css)), len(all), gzipSize(t, []byte(all)))
	if len(css) > 120_000 {
		t.Errorf("main.css is %d bytes: the unused rules of NHS.UK frontend were not left out", len(css))
	}
	for _, gone := range []string{".nhsuk-hero", ".nhsuk-task-list", ".nhsuk-character-count"} {
		if !strings.Contains(all, gone) {
			t.Errorf("the whole stylesheet lacks %s: pick another component the theme does not use", gone)
		}
		if strings.Contains(css, gone+"{") || strings.Contains(css, gone+",") {
			t.Errorf("main.css keeps %s, which no layout, script or Markdown uses", gone)
		}
	}
	for _, kept := range []string{".nhsuk-header__menu-toggle", ".nhsuk-inset-text", ".nhsuk-details__summary", ".nhsuk-tag--green",
		".nhsuk-skip-link-focused-element", ".nhsuk-frontend-supported", ".nhsuk-summary-list__row", ".chroma", "@media print", ":root"} {
		if !strings.Contains(css, kept) {
			t.Errorf("main.css lacks %s, which the theme's pages use", kept)
		}
	}
}
