package linkcheck

import (
	"fmt"
	"testing"

	"github.com/plinth-ssg/plinth/generator/markup"
)

// TestURLs: a URLs gives the decoded value of an attribute, the same copy
// for the same bytes, when it has seen the URL and past its bound; a nil
// URLs gives the value too.
func TestURLs(t *testing.T) {
	var u URLs
	for _, in := range []string{"/a/", "/a/", "#top", "/b/?x=1&amp;y=2", "/b/?x=1&amp;y=2", ""} {
		want := unescape([]byte(in))
		if got := u.url([]byte(in)); *got != want {
			t.Errorf("url(%q) = %q, want %q", in, *got, want)
		}
		if got := (*URLs)(nil).url([]byte(in)); *got != want {
			t.Errorf("nil url(%q) = %q, want %q", in, *got, want)
		}
	}
	first := u.url([]byte("/a/"))
	if again := u.url([]byte("/a/")); again != first {
		t.Error("url gives two copies of one URL")
	}
	for i := range maxURLs + 10 {
		in := fmt.Sprintf("#h-%d", i)
		if got := u.url([]byte(in)); *got != in {
			t.Fatalf("url(%q) = %q", in, *got)
		}
	}
	if len(u.m) > maxURLs {
		t.Errorf("URLs keeps %d URLs, more than its bound %d", len(u.m), maxURLs)
	}
}

// TestRepeatedLinkCheckedOnce: a page that links to one missing page
// twice, by copies that are not the same pointer (as when a URLs starts
// again between them), gets one report.
func TestRepeatedLinkCheckedOnce(t *testing.T) {
	a, b := "/missing/", "/missing/"
	for _, n := range []int{2, 40} { // looked back along, and kept in a set
		pg := &Page{}
		for range n / 2 {
			pg.links = append(pg.links, &a, &b)
		}
		l := CheckFiles([]File{{Path: "index.html", Page: pg}}, Site{Origin: "https://example.org", BasePath: "/"})
		if len(l) != 1 {
			t.Errorf("%d links to one missing page: %d reports, want 1: %v", n, len(l), l)
		}
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
	}{{"copies", nil}, {"URLs", &URLs{}}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				r := Reader{URLs: bc.urls}
				markup.Each(page, markup.HTML, r.Token)
			}
		})
	}
}
