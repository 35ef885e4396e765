package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
