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
		// A tag or a list of tags far beyond any real one.
		{`["` + strings.Repeat("é", MaxTag) + `"]`, ""},
		{`["ok", "` + strings.Repeat("x", 100000) + `"]`, `content/_index.md:3:15: this tag is 100000 characters long; a tag may have at most 100`},
		{`[` + strings.Repeat(`"t", `, MaxTags) + `]`, ""},
		{`[` + strings.Repeat(`"t", `, 5000) + `]`, `content/_index.md:3:259: the page has 5000 tags; a page may have at most 50`},
	}
	for _, tt := range tests {
		t.Run(tt.tags[:min(len(tt.tags), 40)], func(t *testing.T) {
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
