package actionplans

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/plinth-ssg/plinth/generator/dataset"
	"github.com/plinth-ssg/plinth/generator/diag"
)

// TestBrokenFilesComeFirst: when the providers file or the manifest cannot
// be read, its own error is the first one printed, and the actions that
// refer to it cost one line.
func TestBrokenFilesComeFirst(t *testing.T) {
	actions := []batch{{40, "P1", "north", "nursing", "2021:1.1", "complete", "2025-Q1"}}
	tests := []struct {
		name   string
		edit   func(fstest.MapFS)
		report string // the first lines Print writes
	}{
		{"providers saved as UTF-16", func(f fstest.MapFS) {
			f["data/providers.csv"] = &fstest.MapFile{Data: []byte("\xff\xfep\x00r\x00")}
		}, `data/providers.csv:1:1: this file is saved as UTF-16 (little-endian) text, not UTF-8
  hint: in Excel use File > Save As > "CSV UTF-8 (Comma delimited)"; in LibreOffice tick "Edit filter settings" and choose "Unicode (UTF-8)"
data/actions.csv:2:1: the provider code "P1" cannot be checked, because data/providers.csv has errors (and 39 more rows that use it)
`},
		{"providers with a renamed column", func(f fstest.MapFS) {
			f["data/providers.csv"] = &fstest.MapFile{Data: []byte("provider code,region\nP1,north\n")}
		}, `data/providers.csv:1:1: the header row has no column "provider_code"`},
		{"manifest that is not TOML", func(f fstest.MapFS) {
			f["data/datasets.toml"] = &fstest.MapFile{Data: []byte("[[dataset]\n")}
		}, `data/datasets.toml:1:10: this is not valid TOML: expected end of table array name delimiter ']', but got '\n' instead
    1 | [[dataset]
      |          ^
  hint: each line should look like key = "value"; text goes in "double quotes", dates like 2024-06-01, lists like ["a", "b"]
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := testFS(actions, "provider_code,region\nP1,north\n")
			tt.edit(fsys)
			data, l := dataset.Load(fsys, dataset.Options{})
			res, d := Run(testPolicy(), data, Options{})
			if !res.Withheld || len(res.Tables) != 0 {
				t.Errorf("tables published from broken data (withheld %v, %d tables)", res.Withheld, len(res.Tables))
			}
			l.Append(d)
			var b strings.Builder
			diag.Print(&b, l, 50)
			if !strings.HasPrefix(b.String(), tt.report) {
				t.Errorf("report:\n%s\nwant it to start with:\n%s", b.String(), tt.report)
			}
		})
	}
}
