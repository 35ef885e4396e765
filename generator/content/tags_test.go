package content

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestTagsNeedLetters: a tag with no letter or digit is an error at its
// place in the list; before, the page linked it as "/tags//", reported as a
// broken link in the built page. Accents, capitals and punctuation around
// words are fine.
func TestTagsNeedLetters(t *testing.T) {
	tests := []struct{ tags, want string }{
		{`["EDI", "Well-being", "café", "<b>x</b>"]`, ""},
		{`["ok", ""]`, `content/_index.md:3:15: the tag "" has no letters or digits, so it cannot have a page`},
		{`["!!!"]`, `content/_index.md:3:9: the tag "!!!" has no letters or digits, so it cannot have a page`},
		{`["-"]`, `content/_index.md:3:9: the tag "-" has no letters or digits, so it cannot have a page`},
	}
	for _, tt := range tests {
		t.Run(tt.tags, func(t *testing.T) {
			fsys := fstest.MapFS{"content/_index.md": {Data: []byte("+++\ntitle = \"T\"\ntags = " + tt.tags + "\n+++\n")}}
			_, diags := Load(fsys, Options{})
			var got []string
			for _, d := range diags {
				got = append(got, d.Error())
			}
			if strings.Join(got, "\n") != tt.want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), tt.want)
			}
		})
	}
}
