package content

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestLineEndings: a page saved with CRLF or lone CR line endings reads
// like one saved with LF, and a problem in it is reported at the line an
// editor shows. Before, a lone-CR page was "a file with no front matter".
func TestLineEndings(t *testing.T) {
	good := "+++\ntitle = \"Culture\"\ndescription = \"d\"\n+++\n## Aims\n\nText.\n"
	bad := "+++\ntitle = \"Typo\"\ndescription = \"d\"\ntitel = \"x\"\n+++\n"
	for _, tt := range []struct{ name, nl string }{{"LF", "\n"}, {"CRLF", "\r\n"}, {"lone CR", "\r"}} {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"content/_index.md": {Data: []byte(strings.ReplaceAll(good, "\n", tt.nl))},
				"content/typo.md":   {Data: []byte(strings.ReplaceAll(bad, "\n", tt.nl))},
			}
			res, diags := Load(fsys, Options{})
			var got []string
			for _, d := range diags {
				got = append(got, d.Error())
			}
			if want := `content/typo.md:4:1: unknown key "titel"`; strings.Join(got, "\n") != want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
			}
			if len(res.Pages) != 1 || res.Pages[0].Title != "Culture" {
				t.Fatalf("pages: %+v, want the page titled Culture", res.Pages)
			}
			if body := string(res.Pages[0].Body); !strings.HasPrefix(body, "## Aims") {
				t.Errorf("body starts %q, want the Markdown after the front matter", body)
			}
		})
	}
}
