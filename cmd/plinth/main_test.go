package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCmd(t *testing.T, vars map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb strings.Builder
	e := &processEnv{stdout: &out, stderr: &errb, getenv: func(k string) string { return vars[k] }}
	code := run(e, args)
	return code, out.String(), errb.String()
}

func site(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	files := map[string]string{
		"site.toml":                      "title = \"T\"\nbaseURL = \"https://example.org/\"\ntheme = \"t\"\n",
		"themes/t/layouts/page.html":     `<html lang="en-GB"><title>{{ .Title }}</title>{{ .Content }}</html>`,
		"themes/t/layouts/section.html":  `<html lang="en-GB"><title>{{ .Title }}</title></html>`,
		"themes/t/layouts/404.html":      `<html lang="en-GB"><title>404</title></html>`,
		"themes/t/archetypes/default.md": "+++\ntitle = \"{{ .Title }}\"\n+++\n",
		"content/_index.md":              "+++\ntitle = \"Home\"\n+++\n",
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestUsageAndExitCodes(t *testing.T) {
	dir := site(t)
	tests := []struct {
		args     []string
		code     int
		inOut    string
		inStderr string
	}{
		{nil, 2, "", "Usage:"},
		{[]string{"help"}, 0, "Commands:", ""},
		{[]string{"help", "build"}, 0, "-destination", ""},
		{[]string{"help", "release"}, 0, "Usage: plinth release", ""},
		{[]string{"release", "--source", dir, "extra"}, 2, "", `unexpected argument "extra"`},
		{[]string{"help", "nope"}, 2, "", `unknown command "nope"`},
		{[]string{"frobnicate"}, 2, "", `unknown command "frobnicate"`},
		{[]string{"build", "-h"}, 0, "Usage: plinth build", ""},
		{[]string{"check", "--help"}, 0, "Usage: plinth check", ""},
		{[]string{"build", "--nope"}, 2, "", "flag provided but not defined: -nope"},
		{[]string{"build", "--source", dir, "extra"}, 2, "", `unexpected argument "extra"`},
		{[]string{"version"}, 0, "plinth ", ""},
		{[]string{"new"}, 2, "", "give exactly one path"},
		{[]string{"new", "--source", dir, "../x.md"}, 2, "", "would point outside"},
	}
	for _, tt := range tests {
		code, out, errs := runCmd(t, nil, tt.args...)
		if code != tt.code || !strings.Contains(out, tt.inOut) || !strings.Contains(errs, tt.inStderr) {
			t.Errorf("plinth %q: exit %d (want %d)\nstdout: %s\nstderr: %s", tt.args, code, tt.code, out, errs)
		}
	}
}

func TestBuildCheckNew(t *testing.T) {
	dir := site(t)
	code, _, errs := runCmd(t, nil, "check", "--source", dir)
	if code != 0 {
		t.Fatalf("check: %d %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Fatal("check wrote public/")
	}
	code, out, errs := runCmd(t, map[string]string{"SOURCE_DATE_EPOCH": "1700000000"}, "build", "--source", dir)
	if code != 0 || !strings.Contains(out, "Built ") {
		t.Fatalf("build: %d %s %s", code, out, errs)
	}
	code, out, _ = runCmd(t, nil, "new", "--source", dir, "strategy/new-aim.md")
	if code != 0 || !strings.Contains(out, "Created content/strategy/new-aim.md from themes/t/archetypes/default.md") {
		t.Fatalf("new: %d %s", code, out)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "content/strategy/new-aim.md"))
	if string(data) != "+++\ntitle = \"New aim\"\n+++\n" {
		t.Fatalf("scaffolded %q", data)
	}
	if code, _, errs = runCmd(t, nil, "new", "--source", dir, "strategy/new-aim.md"); code != 1 || !strings.Contains(errs, "already exists") {
		t.Fatalf("second new: %d %s", code, errs)
	}
	// A bad edit: exit 1, the problem at file:line:col, and the summary.
	if err := os.WriteFile(filepath.Join(dir, "content/strategy/new-aim.md"), []byte("+++\ntitle = \"x\"\nwieght = 2\n+++\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = runCmd(t, nil, "build", "--source", dir)
	if code != 1 || !strings.Contains(errs, "content/strategy/new-aim.md:3:1: unknown key \"wieght\"") || !strings.Contains(errs, "Nothing was published") {
		t.Fatalf("bad build: %d\n%s", code, errs)
	}
	if code, _, errs = runCmd(t, map[string]string{"SOURCE_DATE_EPOCH": "soon"}, "build", "--source", dir); code != 2 || !strings.Contains(errs, "SOURCE_DATE_EPOCH") {
		t.Fatalf("bad SOURCE_DATE_EPOCH: %d %s", code, errs)
	}
}

// TestCPUProfile: --cpuprofile writes a profile that go tool pprof reads
// (gzip-compressed protocol buffers), and an unwritable path is a usage
// error that builds nothing.
func TestCPUProfile(t *testing.T) {
	dir := site(t)
	prof := filepath.Join(t.TempDir(), "cpu.pprof")
	mem := filepath.Join(t.TempDir(), "mem.pprof")
	code, _, errs := runCmd(t, nil, "build", "--source", dir, "--cpuprofile", prof, "--memprofile", mem)
	if code != 0 {
		t.Fatalf("build: %d %s", code, errs)
	}
	for _, p := range []string{prof, mem} {
		data, err := os.ReadFile(p)
		if err != nil || len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
			t.Fatalf("no gzip-compressed profile written to %s (%d bytes, %v)", p, len(data), err)
		}
	}
	code, _, errs = runCmd(t, nil, "check", "--source", dir, "--cpuprofile", filepath.Join(dir, "no-such-folder", "cpu.pprof"))
	if code != 2 || !strings.Contains(errs, "cannot create the CPU profile") {
		t.Fatalf("unwritable profile: %d %s", code, errs)
	}
}

// TestDestinationCheckedFirst: a destination the build could never
// publish to is refused before anything is built (the page with an
// unknown key is not even read), with the command-line exit status and a
// hint.
func TestDestinationCheckedFirst(t *testing.T) {
	dir := site(t)
	if err := os.WriteFile(filepath.Join(dir, "content", "bad.md"), []byte("+++\ntitle = \"x\"\nwieght = 2\n+++\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ dest, want string }{
		{"notes.txt", "the destination " + filepath.Join(dir, "notes.txt") + " is a file, not a folder"},
		{"content/out", "is inside the site's content folder"},
		{"data", "is inside the site's data folder"},
		{".", "is the site folder or contains it"},
		{"/", "is the site folder or contains it"},
		{filepath.Join(dir, "no", "such", "public"), filepath.Join(dir, "no", "such") + ", which would hold the destination"},
	} {
		code, _, errs := runCmd(t, nil, "build", "--source", dir, "--destination", tt.dest)
		if code != 2 || !strings.Contains(errs, tt.want) || !strings.Contains(errs, "\n  hint: ") || strings.Contains(errs, "wieght") {
			t.Errorf("--destination %s: exit %d, want 2 and %q with a hint, before the build\n%s", tt.dest, code, tt.want, errs)
		}
	}
	// A missing site folder is reported as that, not as the missing
	// folder of the destination inside it.
	code, _, errs := runCmd(t, nil, "build", "--source", filepath.Join(dir, "nope"))
	if code != 1 || !strings.Contains(errs, "cannot open the site folder") || strings.Contains(errs, "would hold the destination") {
		t.Errorf("--source of a missing folder: exit %d\n%s", code, errs)
	}
}
