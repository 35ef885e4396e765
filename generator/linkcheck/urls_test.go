package linkcheck

import (
	"fmt"
	"testing"
	"unique"

	"github.com/plinth-ssg/plinth/generator/markup"
)

// TestURLsHandles: a URLs gives the handle unique.Make gives the decoded
// value, whether or not it has seen the URL, past its bound, and when nil.
func TestURLsHandles(t *testing.T) {
	var u URLs
	for _, in := range []string{"/a/", "/a/", "#top", "/b/?x=1&amp;y=2", "/b/?x=1&amp;y=2", ""} {
		want := unique.Make(unescape([]byte(in)))
		if got := u.handle([]byte(in)); got != want {
			t.Errorf("handle(%q) = %q, want %q", in, got.Value(), want.Value())
		}
		if got := (*URLs)(nil).handle([]byte(in)); got != want {
			t.Errorf("nil handle(%q) = %q, want %q", in, got.Value(), want.Value())
		}
	}
	for i := range maxURLs + 10 {
		in := fmt.Sprintf("#h-%d", i)
		if got := u.handle([]byte(in)); got != unique.Make(in) {
			t.Fatalf("handle(%q) = %q", in, got.Value())
		}
	}
	if len(u.m) > maxURLs {
		t.Errorf("URLs keeps %d handles, more than its bound %d", len(u.m), maxURLs)
	}
}

// BenchmarkReaderLinks reads the links of pages that share them, as a
// site's pages share their menu, with and without a URLs.
func BenchmarkReaderLinks(b *testing.B) {
	var page []byte
	for s := range 30 {
		page = fmt.Appendf(page, `<a href="/area-%d/">Area</a>`, s)
	}
	for _, bc := range []struct {
		name string
		urls *URLs
	}{{"unique.Make", nil}, {"URLs", &URLs{}}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				r := Reader{URLs: bc.urls}
				markup.Each(page, markup.HTML, r.Token)
			}
		})
	}
}
