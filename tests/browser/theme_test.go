package browser

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/pipeline"
	"github.com/plinth-ssg/plinth/tests/browser/harness"
)

// buildThemeSite builds testdata/theme-site.txtar with the repository's
// default theme and npm packages into a temporary folder, and returns the
// built folder.
func buildThemeSite(t *testing.T) string {
	t.Helper()
	requireTools(t)
	root := repoRoot(t)
	ar, err := txtar.ParseFile(filepath.Join("testdata", "theme-site.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(t.TempDir(), "site")
	for _, f := range ar.Files {
		p := filepath.Join(src, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.CopyFS(filepath.Join(src, "themes", "plinth"), os.DirFS(filepath.Join(root, "themes", "plinth"))); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "node_modules"), filepath.Join(src, "node_modules")); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	_, diags := pipeline.Run(pipeline.Options{Source: src, Destination: dest, Now: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC), Write: true})
	if diags.HasErrors() {
		var b strings.Builder
		diag.Print(&b, diags, 0)
		t.Fatalf("the theme test site does not build:\n%s", b.String())
	}
	return dest
}

// TestDefaultThemeInBrowser runs the whole suite over a small site that uses
// every part of the default theme (search slot, alias page, callouts, an
// image, a wide table, code), which must pass; then over a copy of it with
// one alt text removed and one inline script added, which must fail with
// messages naming each broken page and rule. That second half is the
// negative proof that the suite catches real mistakes in generated pages,
// not only in its hand-written fixtures.
func TestDefaultThemeInBrowser(t *testing.T) {
	site := buildThemeSite(t)
	rep := runSuite(t, site, "/quality/")
	reportFailures(t, rep)
	if len(rep.Pages) < 8 {
		t.Errorf("only %d pages checked", len(rep.Pages))
	}
	t.Logf("theme site: %d visits, axe-core %s rules applied: %d of %d", len(rep.Pages), rep.AxeVersion, rep.AxeRulesApplied, rep.AxeRulesSelected)

	broken := t.TempDir()
	if err := os.CopyFS(broken, os.DirFS(site)); err != nil {
		t.Fatal(err)
	}
	edit(t, filepath.Join(broken, "guides", "one", "index.html"),
		` alt="A learner and a supervisor agreeing a plan"`, ``)
	edit(t, filepath.Join(broken, "guides", "two", "index.html"),
		`</main>`, `<script>document.title = "changed"</script></main>`)
	rep = runSuite(t, broken, "/quality/")
	tests := []struct {
		file  string
		rules []string
	}{
		{"guides/one/index.html", []string{"axe/image-alt", "html-validate/wcag/h37"}},
		{"guides/two/index.html", []string{harness.RuleInlineScript, harness.RuleCSPViolation}},
		{"index.html", nil},
	}
	for _, tt := range tests {
		p, ok := rep.Page(tt.file)
		if !ok {
			t.Errorf("%s was not checked", tt.file)
			continue
		}
		msg := p.Message()
		if len(tt.rules) == 0 {
			if p.Failed() {
				t.Errorf("the unbroken page failed:\n%s", msg)
			}
			continue
		}
		t.Logf("as expected, the broken copy fails:\n%s", msg)
		if !strings.Contains(msg, "/quality/"+strings.TrimSuffix(tt.file, "index.html")) || !strings.Contains(msg, tt.file) {
			t.Errorf("the message does not name the page:\n%s", msg)
		}
		for _, rule := range tt.rules {
			if !p.Has(rule) || !strings.Contains(msg, "["+rule+"]") {
				t.Errorf("%s: expected a %s finding, got:\n%s", tt.file, rule, msg)
			}
		}
	}
}

// edit replaces the one occurrence of old in the file with new.
func edit(t *testing.T, file, old, new string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(data, []byte(old)); n != 1 {
		t.Fatalf("%s holds %q %d times, want once", file, old, n)
	}
	if err := os.WriteFile(file, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}
