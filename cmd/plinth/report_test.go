package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestErrorsFirstWarningsSummarised runs check on a site with one bad
// front-matter key and five images without alternative text: the error
// must come first, the five warnings one line, and --verbose must list
// every warning with its line and hint.
func TestErrorsFirstWarningsSummarised(t *testing.T) {
	dir := site(t)
	for i := range 5 {
		page := fmt.Sprintf("+++\ntitle = \"Photo %d\"\n+++\n![](photo.png)\n", i)
		if err := os.WriteFile(filepath.Join(dir, "content", fmt.Sprintf("a%d.md", i)), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "photo.png"), []byte("\x89PNG"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "z.md"), []byte("+++\ntitle = \"x\"\nwieght = 2\n+++\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	code, _, errs := runCmd(t, nil, "check", "--source", dir)
	if code != 1 {
		t.Fatalf("check: exit %d, want 1\n%s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if !strings.HasPrefix(lines[0], `content/z.md:3:1: unknown key "wieght"`) {
		t.Errorf("the error is not printed first:\n%s", errs)
	}
	var warnings []string
	for _, l := range lines {
		if strings.Contains(l, ": warning: ") {
			warnings = append(warnings, l)
		}
	}
	want := "content/a0.md:4:5: warning: this image has no alternative text; 4 more warnings like it at content/a1.md:4:5, content/a2.md:4:5, content/a3.md:4:5, content/a4.md:4:5 (--verbose shows each in full)"
	if len(warnings) != 1 || warnings[0] != want {
		t.Errorf("warnings printed as\n%s\nwant the one line\n%s", strings.Join(warnings, "\n"), want)
	}
	if !strings.Contains(errs, "Check failed with 1 error, 5 warnings.") {
		t.Errorf("the summary does not count every warning:\n%s", errs)
	}

	_, _, errs = runCmd(t, nil, "check", "--verbose", "--source", dir)
	if n := strings.Count(errs, "warning: this image has no alternative text\n"); n != 5 {
		t.Errorf("--verbose printed %d of the 5 warnings in full:\n%s", n, errs)
	}
	if strings.Index(errs, "unknown key") > strings.Index(errs, "warning:") {
		t.Errorf("with --verbose too, the error must come first:\n%s", errs)
	}
}

// TestNewPageWarnings: a guidance page made by plinth new with the default
// theme's archetype, marked ready to publish but otherwise untouched, draws
// a warning for each placeholder sentence and for its empty standards
// list; check still succeeds, since warnings never stop a build.
func TestNewPageWarnings(t *testing.T) {
	dir := site(t)
	archetype, err := os.ReadFile("../../themes/plinth/archetypes/guidance/page.md")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "themes/t/archetypes/guidance/page.md")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, archetype, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := runCmd(t, nil, "new", "--source", dir, "guidance/capacity.md"); code != 0 {
		t.Fatalf("new: %d %s %s", code, out, errs)
	}
	page := filepath.Join(dir, "content/guidance/capacity.md")
	text, _ := os.ReadFile(page)
	ready := strings.Replace(string(text), "draft = true\n", "", 1)
	if err := os.WriteFile(page, []byte(ready), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runCmd(t, nil, "check", "--source", dir)
	if code != 0 {
		t.Fatalf("check: exit %d\n%s", code, errs)
	}
	for _, want := range []string{
		`content/guidance/capacity.md:3:16: warning: this is the archetype's placeholder text, not the page's own: "Write one sentence saying what this guidance helps providers do."`,
		`content/guidance/capacity.md:14:1: warning: this is the archetype's placeholder text, not the page's own: "Write a short introduction: who this is for and why it matters."`,
		"content/guidance/capacity.md:6:13: warning: this guidance page names no standard, so no standard's page links to it",
	} {
		if !strings.Contains(errs, want+"\n") {
			t.Errorf("check does not say\n%s\nin\n%s", want, errs)
		}
	}
}

// TestCheckDue: --due lists the pages due for review within 30 days,
// overdue first, each where its date is written.
func TestCheckDue(t *testing.T) {
	dir := site(t)
	today := time.Now().UTC()
	pages := map[string]string{
		"overdue.md": fmt.Sprintf("+++\ntitle = \"Overdue\"\nnext_review = %s\n+++\n", today.AddDate(0, 0, -3).Format("2006-01-02")),
		"soon.md":    fmt.Sprintf("+++\ntitle = \"Soon\"\nnext_review = %s\n+++\n", today.AddDate(0, 0, 20).Format("2006-01-02")),
		"later.md":   fmt.Sprintf("+++\ntitle = \"Later\"\nnext_review = %s\n+++\n", today.AddDate(0, 0, 40).Format("2006-01-02")),
		// A title with a bidirectional isolate, which right-to-left text
		// may need on the page but which would reorder the listing in a
		// terminal (Trojan Source), is listed with it shown as an escape.
		"trojan.md": fmt.Sprintf("+++\ntitle = \"Safe \\u2067Page\\u2069\"\nnext_review = %s\n+++\n", today.AddDate(0, 0, 25).Format("2006-01-02")),
	}
	for name, text := range pages {
		if err := os.WriteFile(filepath.Join(dir, "content", name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errs := runCmd(t, nil, "check", "--due", "--source", dir)
	if code != 0 {
		t.Fatalf("check --due: exit %d\n%s", code, errs)
	}
	want := fmt.Sprintf("3 pages due for review by %s:\n  content/overdue.md:3:15: Overdue, overdue since %s\n  content/soon.md:3:15: Soon, due %s\n  content/trojan.md:3:15: Safe \\u2067Page\\u2069, due %s\n",
		today.AddDate(0, 0, 30).Format("2 January 2006"), today.AddDate(0, 0, -3).Format("2 January 2006"), today.AddDate(0, 0, 20).Format("2 January 2006"), today.AddDate(0, 0, 25).Format("2 January 2006"))
	if !strings.Contains(out, want) {
		t.Errorf("check --due printed\n%s\nwant\n%s", out, want)
	}
	if !strings.Contains(errs, "content/overdue.md:3:15: warning: this page was due for review on") {
		t.Errorf("the overdue page draws no warning:\n%s", errs)
	}
}
