package search

import (
	"strings"
	"testing"
)

func TestExtract(t *testing.T) {
	tests := []struct {
		html, headings, body string
	}{
		{`<p>One</p><p>two</p>`, "", "One two"},
		{`<p><em>learn</em>ing and <a href="/x/">a link</a>, <code>code</code></p>`, "", "learning and a link, code"},
		{`<h2 id="a">Title <em>here</em></h2><p>Text</p><h3>Sub</h3>more`, "Title here Sub", "Text more"},
		{`<ul><li>one</li><li>two</li></ul><table><tr><td>a</td><td>b</td></tr></table>`, "", "one two a b"},
		{`<p>a<br>b</p><script>var hidden = 1</script><style>p{}</style><p>c &amp; d &lt;e&gt;</p>`, "", "a b c & d <e>"},
		{`<p>unclosed <b>bold`, "", "unclosed bold"},
		{``, "", ""},
	}
	for _, tt := range tests {
		got := Extract(tt.html)
		if got.Headings != tt.headings || got.Body != tt.body {
			t.Errorf("Extract(%q) = %+v, want headings %q, body %q", tt.html, got, tt.headings, tt.body)
		}
	}
}

// FuzzSquash holds squash to what strings.Fields and Join do.
func FuzzSquash(f *testing.F) {
	for _, s := range []string{"", "  a  b\n\tc ", "\u00a0x\u2003y\u00a0", "\xffa b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := squash(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("squash(%q) = %q, want %q", s, got, want)
		}
	})
}
