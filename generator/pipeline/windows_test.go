package pipeline

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// TestExampleSavedByWindows: the example site, with every file an editor
// writes (pages, site.toml, data TOML and CSV, layouts, archetypes) saved
// the ways Windows tools and git's autocrlf save them, builds to the same
// bytes as the site saved with LF line endings. Each variant rewrites
// every such file, so each kind of input (framework editions and
// standards, guidance, "You said, we did" entries, the action-plan
// releases with their checksums) meets each way of ending lines.
func TestExampleSavedByWindows(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example site four times")
	}
	now := time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)
	build := func(t *testing.T, dir string) map[string][]byte {
		t.Helper()
		res, diags := Run(Options{Source: dir, Now: now})
		if diags.HasErrors() {
			var b strings.Builder
			diag.Print(&b, diags, 0)
			t.Fatalf("the site does not build:\n%s", b.String())
		}
		files := map[string][]byte{}
		for _, f := range res.Files {
			files[f.Path] = f.Data
		}
		return files
	}
	want := build(t, copySite(t))
	variants := []struct {
		name string
		save func(text []byte) []byte
	}{
		{"CRLF with a byte-order mark (Notepad, Excel's CSV UTF-8, git autocrlf)", func(b []byte) []byte {
			return append([]byte("\ufeff"), bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))...)
		}},
		{"CR alone (old Mac tools)", func(b []byte) []byte {
			return bytes.ReplaceAll(b, []byte("\n"), []byte("\r"))
		}},
		{"CRLF and LF mixed, no newline at the end (a file edited in two editors)", func(b []byte) []byte {
			lines := bytes.SplitAfter(bytes.TrimRight(b, "\n"), []byte("\n"))
			for i := 0; i < len(lines); i += 2 {
				lines[i] = bytes.Replace(lines[i], []byte("\n"), []byte("\r\n"), 1)
			}
			return bytes.Join(lines, nil)
		}},
	}
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			dir := copySite(t)
			n := 0
			err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.Name() == "node_modules" {
					return fs.SkipDir
				}
				switch filepath.Ext(p) {
				case ".md", ".toml", ".csv", ".html":
				default:
					return nil
				}
				b, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				n++
				return os.WriteFile(p, v.save(b), 0o644)
			})
			if err != nil || n < 100 {
				t.Fatalf("rewrote %d files: %v", n, err)
			}
			got := build(t, dir)
			for _, p := range sortedPaths(want) {
				if g, ok := got[p]; !ok {
					t.Errorf("%s is missing", p)
				} else if !bytes.Equal(g, want[p]) {
					t.Errorf("%s differs:\n%s", p, firstDifference(g, want[p]))
				}
			}
			for p := range got {
				if _, ok := want[p]; !ok {
					t.Errorf("%s is extra", p)
				}
			}
		})
	}
}

// firstDifference shows where two outputs part, with some context.
func firstDifference(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-80)
	return "got:  " + strings.ToValidUTF8(string(got[from:min(len(got), i+80)]), "?") + "\nwant: " + string(want[from:min(len(want), i+80)])
}
