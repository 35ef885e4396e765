package markdown

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// FuzzLinkify holds gfm, whose linkify parser is asked only where it may
// find a link, to goldmark's own extension.GFM: the two render any text
// the same.
func FuzzLinkify(f *testing.F) {
	for _, s := range []string{
		"See https://example.org/x?y=1 and www.example.org, or mail a.b@example.org.",
		"(http://example.org) *www.example.org* _ftp://x.org_ ~https://y.org~",
		"user@example.org, not user@localhost; a-b@c.d.e- and x@y.z_",
		"| a | b |\n|---|---|\n| www.x.org | c@d.org |\n\n- [ ] task ~~gone~~ http://z.org",
		"http:www.x.org https:// @ @@ a@ @b.c " + string(bytes.Repeat([]byte("a"), 70)) + "@example.org",
		"[a link www.x.org](https://x.org) ![alt http://y.org](y.png)",
	} {
		f.Add(s)
	}
	ours := goldmark.New(goldmark.WithExtensions(gfm, extension.Footnote, extension.DefinitionList, extension.Typographer))
	theirs := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer))
	f.Fuzz(func(t *testing.T, s string) {
		var got, want bytes.Buffer
		errGot := ours.Convert([]byte(s), &got)
		errWant := theirs.Convert([]byte(s), &want)
		if (errGot == nil) != (errWant == nil) || got.String() != want.String() {
			t.Fatalf("%q:\ngot  %q (%v)\nwant %q (%v)", s, got.String(), errGot, want.String(), errWant)
		}
	})
}
