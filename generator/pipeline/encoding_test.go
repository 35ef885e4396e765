package pipeline

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/tools/txtar"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// encodingSite has one file of each kind an editor writes, each holding
// "Café “Nero”" (in its settings, its text or its markup): what Windows tools save in another
// encoding than UTF-8 when asked for "Unicode" or "ANSI".
var encodingSite = map[string]string{
	"site.toml": "title = \"Fixture\"\nbaseURL = \"https://example.org/\"\n" +
		"description = \"Café “Nero”\"\ntheme = \"t\"\n",
	"content/_index.md":         "+++\ntitle = \"Home\"\ndescription = \"Café “Nero”\"\n+++\nText.\n",
	"content/guide.md":          "+++\ntitle = \"Guide\"\n+++\nWelcome Café “Nero” text.\n",
	"layouts/page.html":         "{{ define \"main\" }}\n<h1>{{ .Title }}</h1>\n<p>Café “Nero”</p>\n{{ .Content }}{{ end }}\n",
	"data/regions.toml":         "[[region]]\nkey = \"london\"\nname = \"Café “Nero”\"\n",
	"data/datasets.toml":        "[[dataset]]\nname = \"visits\"\ndescription = \"Café “Nero”\"\nfile = \"visits.csv\"\ntitle = \"Visits\"\nprivate = false\nkey = [\"id\"]\n  [[dataset.column]]\n  name = \"id\"\n  type = \"string\"\n  [[dataset.column]]\n  name = \"place\"\n  type = \"string\"\n",
	"data/visits.csv":           "id,place\nA1,London\nA2,Café “Nero”\n",
	"data/professions.toml":     "[[profession]]\nkey = \"nursing\"\nname = \"Café “Nero”\"\nplural = \"nursing learners\"\n",
	"data/search-synonyms.toml": "[[synonyms]]\nwords = [\"ICS\",\n \"integrated care system\", \"Café “Nero”\"]\n",
}

// TestNotUTF8EveryKind: a file of any kind saved as UTF-16 (either byte
// order) or Windows-1252 stops the build with one error naming the
// encoding, at the file's start (UTF-16) or at the line and column of the
// first character that is not UTF-8 (Windows-1252: the é, its
// column counted in characters as the editor shows them, in an LF or a
// CRLF file), with the
// line echoed as that editor shows it and the hint to save as UTF-8. The
// whole reports are in testdata/not-utf8.golden (go test -update rewrites
// it). Before, a page or a layout in Windows-1252 was "not UTF-8 text" with
// replacement characters in the echoed line, and a layout's bytes were
// published as they were.
func TestNotUTF8EveryKind(t *testing.T) {
	theme, err := txtar.ParseFile("testdata/theme.txtar")
	if err != nil {
		t.Fatal(err)
	}
	utf16le := func(b []byte) []byte {
		out, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(b)
		return out
	}
	utf16be := func(b []byte) []byte {
		out, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes(b)
		return out
	}
	ansi := func(b []byte) []byte {
		out, err := charmap.Windows1252.NewEncoder().Bytes(b)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	encodings := []struct {
		name, want string // want: the start of the error, after file:
		save       func([]byte) []byte
	}{
		{"UTF-16 LE", "1:1: this file is saved as UTF-16 (little-endian) text, not UTF-8", utf16le},
		{"UTF-16 BE", "1:1: this file is saved as UTF-16 (big-endian) text, not UTF-8", utf16be},
		{"Windows-1252", `%d:%d: this file is not saved as UTF-8: the character here is "é" in the Windows-1252 ("ANSI") encoding`, ansi},
		{"Windows-1252 with CRLF", `%d:%d: this file is not saved as UTF-8: the character here is "é"`, func(b []byte) []byte {
			return ansi(bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")))
		}},
	}
	var golden strings.Builder
	for _, file := range sortedKeys(encodingSite) {
		before := encodingSite[file][:strings.Index(encodingSite[file], "é")]
		line := strings.Count(before, "\n") + 1
		col := utf8.RuneCountInString(before[strings.LastIndex(before, "\n")+1:]) + 1
		for _, enc := range encodings {
			name := file + ", " + enc.name
			if strings.Contains(enc.want, "%d") {
				enc.want = fmt.Sprintf(enc.want, line, col)
			}
			dir := t.TempDir()
			for _, f := range theme.Files {
				writeFile(t, filepath.Join(dir, filepath.FromSlash(f.Name)), f.Data)
			}
			for p, text := range encodingSite {
				data := []byte(text)
				if p == file {
					data = enc.save(data)
				}
				writeFile(t, filepath.Join(dir, filepath.FromSlash(p)), data)
			}
			_, diags := Run(Options{Source: dir, Now: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)})
			var errs diag.List
			for _, d := range diags {
				if d.Severity == diag.Error {
					errs.Add(d)
				}
			}
			if len(errs) != 1 || !strings.HasPrefix(errs[0].Pos.String()+": "+errs[0].Msg, file+":"+enc.want) {
				var b strings.Builder
				diag.Print(&b, diags, 0)
				t.Errorf("%s: want one error starting %s:%s, got:\n%s", name, file, enc.want, b.String())
				continue
			}
			if !strings.Contains(errs[0].Hint, "save the file as UTF-8") && !strings.Contains(errs[0].Hint, "CSV UTF-8") {
				t.Errorf("%s: hint %q does not say to save as UTF-8", name, errs[0].Hint)
			}
			golden.WriteString("## " + name + "\n")
			diag.Print(&golden, errs, 0)
		}
	}
	const path = "testdata/not-utf8.golden"
	if *update {
		if err := os.WriteFile(path, []byte(golden.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if golden.String() != string(want) {
		t.Errorf("reports differ from %s (go test -update rewrites it):\n%s", path, golden.String())
	}
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
