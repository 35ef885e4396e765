package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRelease: release writes the figures as at the data's date, does
// nothing the second time, and a release edited by hand stops the next
// release (and build) at the file.
func TestRelease(t *testing.T) {
	dir := site(t)
	if code, _, errs := runCmd(t, nil, "release", "--source", dir); code != 1 || !strings.Contains(errs, "publishes no action-plan figures") {
		t.Fatalf("release without data: %d %s", code, errs)
	}
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"datasets.toml", "regions.toml", "professions.toml", "providers.csv", "actions.csv", "you-said-we-did.csv"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "data", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "data", f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errs := runCmd(t, nil, "release", "--source", dir)
	name := filepath.Join(dir, "data", "releases", "2026-09-30.toml")
	if code != 0 || !strings.Contains(out, "Released the action-plan figures as at 2026-09-30: wrote data/releases/2026-09-30.toml") {
		t.Fatalf("release: %d\n%s\n%s", code, out, errs)
	}
	text, err := os.ReadFile(name)
	if err != nil || !strings.Contains(string(text), `name = "providers-by-plan"`) {
		t.Fatalf("the release file: %v\n%s", err, text)
	}
	if code, out, _ := runCmd(t, nil, "release", "--source", dir); code != 0 || !strings.Contains(out, "were released already") {
		t.Fatalf("second release: %d %s", code, out)
	}
	edited := strings.Replace(string(text), `"2290"`, `"2295"`, 1)
	if edited == string(text) {
		t.Fatal("the release no longer holds the figure this test edits")
	}
	if err := os.WriteFile(name, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = runCmd(t, nil, "release", "--source", dir)
	if code != 1 || !strings.Contains(errs, "data/releases/2026-09-30.toml:7:12: this release has been changed since `plinth release` wrote it") {
		t.Fatalf("release after an edit: %d\n%s", code, errs)
	}
}
