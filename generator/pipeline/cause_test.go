package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// TestExampleFirstError breaks a copy of the example site the ways editors
// do, with the files only the example site has (the action plans' private
// data), and checks the first error line of the printed report: the file
// at fault, never a knock-on of it. Files that Windows programs write
// (with a byte-order mark, empty columns after the data) build cleanly.
func TestExampleFirstError(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example site once per case")
	}
	outside := t.TempDir()
	tests := []struct {
		name  string
		edit  func(t *testing.T, dir string)
		first string // "" for a build without errors
	}{
		{"manifest with a byte-order mark", prepend("data/datasets.toml", "\ufeff"), ""},
		{"regions with a byte-order mark", prepend("data/regions.toml", "\ufeff"), ""},
		{"providers saved as UTF-16", recode("data/providers.csv", func(b []byte) []byte {
			out, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(b)
			return out
		}), "data/providers.csv:1:1: this file is saved as UTF-16 (little-endian) text, not UTF-8"},
		{"providers saved as Windows-1252", recode("data/providers.csv", func(b []byte) []byte {
			b = bytes.Replace(b, []byte("Dunden Hospitals"), []byte("Dundén Hospitals"), 1)
			out, _ := charmap.Windows1252.NewEncoder().Bytes(b)
			return out
		}), `data/providers.csv:5:11: this file is not saved as UTF-8: the character here is "é" in the Windows-1252 ("ANSI") encoding that older Windows programs save in, which the build does not read`},
		{"providers with semicolons", recode("data/providers.csv", func(b []byte) []byte {
			return bytes.ReplaceAll(b, []byte(","), []byte(";"))
		}), `data/providers.csv:1:1: the header row is a single column "provider_code;provider_name;provider_type;region;main_site;quality_lead"`},
		{"providers with a renamed column", recode("data/providers.csv", func(b []byte) []byte {
			return bytes.Replace(b, []byte("provider_code"), []byte("provider code"), 1)
		}), `data/providers.csv:1:1: the header row has no column "provider_code"`},
		{"providers with empty columns after the data", recode("data/providers.csv", func(b []byte) []byte {
			return bytes.ReplaceAll(b, []byte("\n"), []byte(",,\n"))
		}), ""},
		{"data file linked from outside the site", func(t *testing.T, dir string) {
			moveOut(t, dir, "data/actions.csv", outside)
		}, "data/actions.csv: data/actions.csv is a symbolic link to " + filepath.Join(outside, "actions.csv") +
			"; Plinth follows only relative links, so that none can lead outside the site folder"},
		{"layout linked from outside the site", func(t *testing.T, dir string) {
			copyFile(t, filepath.Join(dir, "themes/plinth/layouts/page.html"), filepath.Join(dir, "layouts/page.html"))
			moveOut(t, dir, "layouts/page.html", outside)
		}, "layouts/page.html: layouts/page.html is a symbolic link to " + filepath.Join(outside, "page.html") +
			"; Plinth follows only relative links, so that none can lead outside the site folder"},
		{"alias onto an open-data file", recode("content/about.md", func(b []byte) []byte {
			return bytes.Replace(b, []byte("+++\n"), []byte("+++\naliases = [\"/action-plans/data/actions-by-quarter.csv\"]\n"), 1)
		}),
			"content/about.md:2:12: action-plans/data/actions-by-quarter.csv would be a file, but action-plans/data/actions-by-quarter.csv/index.html (from content/about.md) needs a folder of that name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := copySite(t)
			tt.edit(t, dir)
			_, diags := Run(Options{Source: dir, Now: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)})
			if got := firstError(diags); got != tt.first {
				t.Errorf("first error line:\n%s\nwant:\n%s", got, tt.first)
			}
		})
	}
}

func prepend(file, text string) func(*testing.T, string) {
	return recode(file, func(b []byte) []byte { return append([]byte(text), b...) })
}

// recode rewrites a file of the site through change.
func recode(file string, change func([]byte) []byte) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		p := filepath.Join(dir, filepath.FromSlash(file))
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, p, change(data))
	}
}

// moveOut moves a file of the site into the folder outside and leaves a
// symbolic link to it in its place.
func moveOut(t *testing.T, dir, file, outside string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(file))
	target := filepath.Join(outside, filepath.Base(p))
	copyFile(t, p, target)
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, p); err != nil {
		t.Fatal(err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, to, data)
}
