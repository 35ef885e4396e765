package pipeline

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// The site fixtures under testdata/sites are txtar archives. Files named
// expect/... hold the expectations; every other file is part of the site,
// laid over testdata/theme.txtar. The archive's comment may hold one line
// "flags: --drafts --future --baseURL URL".
//
//	expect/files             output paths that must exist; "!path" must not
//	expect/contains/PATH     lines that must each appear in the output file PATH
//	expect/absent/PATH       lines that must not appear in PATH
//	expect/diagnostics       the diagnostics' first lines, sorted, exactly
//	expect/first-error       the first error line of the printed report: the
//	                         cause, with its knock-ons folded (diag.Print)
//
// Every fixture is also held to the invariants: a second build is byte for
// byte identical; every diagnostic names a file; a build with errors writes
// nothing.
var update = flag.Bool("update", false, "rewrite expect/diagnostics in the fixtures from the current output")

func TestSites(t *testing.T) {
	theme, err := txtar.ParseFile("testdata/theme.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fixtures, _ := filepath.Glob("testdata/sites/*.txtar")
	if len(fixtures) == 0 {
		t.Fatal("no fixtures found")
	}
	for _, fixture := range fixtures {
		t.Run(strings.TrimSuffix(filepath.Base(fixture), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(fixture)
			if err != nil {
				t.Fatal(err)
			}
			runFixture(t, fixture, theme, ar)
		})
	}
}

func runFixture(t *testing.T, fixture string, theme, ar *txtar.Archive) {
	dir := t.TempDir()
	src := filepath.Join(dir, "site")
	expect := map[string]string{}
	files := map[string][]byte{}
	for _, f := range theme.Files {
		files[f.Name] = f.Data
	}
	for _, f := range ar.Files {
		if strings.HasPrefix(f.Name, "expect/") {
			expect[strings.TrimPrefix(f.Name, "expect/")] = string(f.Data)
			continue
		}
		files[f.Name] = f.Data
	}
	for name, data := range files {
		writeFile(t, filepath.Join(src, filepath.FromSlash(name)), data)
	}
	opts := Options{Source: src, Destination: filepath.Join(dir, "public"), Now: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC), Write: true}
	for _, line := range strings.Split(string(ar.Comment), "\n") {
		if rest, ok := strings.CutPrefix(line, "flags:"); ok {
			args := strings.Fields(rest)
			for i := 0; i < len(args); i++ {
				switch args[i] {
				case "--drafts":
					opts.Drafts = true
				case "--future":
					opts.Future = true
				case "--baseURL":
					i++
					opts.BaseURL = args[i]
				default:
					t.Fatalf("unknown flag %q in fixture", args[i])
				}
			}
		}
	}

	_, diags := Run(opts)
	got := diagnosticLines(diags)
	for _, d := range diags {
		if d.Pos.File == "" {
			t.Errorf("diagnostic without a file: %s", d.Error())
		}
	}
	if want, ok := expect["diagnostics"]; ok || len(got) > 0 {
		if *update {
			rewriteExpectation(t, fixture, "expect/diagnostics", strings.Join(got, "\n")+"\n")
		} else if strings.TrimSpace(want) != strings.TrimSpace(strings.Join(got, "\n")) {
			var b strings.Builder
			diag.Print(&b, diags, 0)
			t.Errorf("diagnostics:\n%s\nwant:\n%s\nfull report:\n%s", strings.Join(got, "\n"), want, b.String())
		}
	}
	if want, ok := expect["first-error"]; ok {
		if got := firstError(diags); got != strings.TrimSpace(want) {
			t.Errorf("first error line:\n%s\nwant:\n%s", got, strings.TrimSpace(want))
		}
	}
	if diags.HasErrors() {
		if _, err := os.Stat(opts.Destination); err == nil {
			t.Errorf("a build with errors wrote %s", opts.Destination)
		}
	}

	for _, line := range nonEmptyLines(expect["files"]) {
		p, mustExist := strings.CutPrefix(line, "!")
		_, err := os.Stat(filepath.Join(opts.Destination, filepath.FromSlash(p)))
		if mustExist && err == nil {
			t.Errorf("output %s exists but must not", p)
		} else if !mustExist && err != nil {
			t.Errorf("output %s is missing", line)
		}
	}
	for name, body := range expect {
		for prefix, want := range map[string]bool{"contains/": true, "absent/": false} {
			p, ok := strings.CutPrefix(name, prefix)
			if !ok {
				continue
			}
			data, err := os.ReadFile(filepath.Join(opts.Destination, filepath.FromSlash(p)))
			if err != nil {
				t.Errorf("%s%s: %v", prefix, p, err)
				continue
			}
			for _, line := range nonEmptyLines(body) {
				if bytes.Contains(data, []byte(line)) != want {
					t.Errorf("%s: contains %q = %v, want %v\n--- file ---\n%s", p, line, !want, want, data)
				}
			}
		}
	}

	// Invariant: the same input builds to the same bytes (the written
	// site, and the files of a build held in memory).
	if diags.HasErrors() {
		return
	}
	written := readTree(t, opts.Destination)
	again, _ := Run(Options{Source: src, Destination: opts.Destination, BaseURL: opts.BaseURL, Drafts: opts.Drafts, Future: opts.Future, Now: opts.Now})
	if len(again.Files) != len(written) {
		t.Fatalf("second build made %d files, first %d", len(again.Files), len(written))
	}
	for i := range written {
		if written[i].Path != again.Files[i].Path || !bytes.Equal(written[i].Data, again.Files[i].Data) {
			t.Errorf("second build differs at %s", written[i].Path)
		}
	}
}

func diagnosticLines(l diag.List) []string {
	l = slices.Clone(l)
	l.Sort()
	var out []string
	for _, d := range l {
		out = append(out, d.Error())
	}
	return out
}

// firstError returns the first error line of the report diag.Print writes,
// or "" if there is no error.
func firstError(l diag.List) string {
	var b strings.Builder
	diag.Print(&b, l, 0)
	for _, line := range strings.Split(b.String(), "\n") {
		if line != "" && line[0] != ' ' && !strings.Contains(line, ": warning: ") && !strings.HasPrefix(line, "... ") {
			return line
		}
	}
	return ""
}

func nonEmptyLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

func writeFile(t *testing.T, p string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// replaceInFile replaces the first old in the file at p with new, as an
// editor's save would, and fails the test when the file has no old.
func replaceInFile(t *testing.T, p, old, new string) {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil || !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s has no %q (%v)", p, old, err)
	}
	writeFile(t, p, bytes.Replace(data, []byte(old), []byte(new), 1))
}

func rewriteExpectation(t *testing.T, fixture, name, body string) {
	ar, err := txtar.ParseFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for i := range ar.Files {
		if ar.Files[i].Name == name {
			ar.Files[i].Data, found = []byte(body), true
		}
	}
	if !found {
		ar.Files = append(ar.Files, txtar.File{Name: name, Data: []byte(body)})
	}
	if err := os.WriteFile(fixture, txtar.Format(ar), 0o644); err != nil {
		t.Fatal(err)
	}
}
