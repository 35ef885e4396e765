package linkcheck

import (
	"fmt"
	"strings"
	"testing"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
)

// TestScanSkipsAttributeValues: text inside a quoted attribute value that
// looks like an attribute (a description mentioning src=x) is not a link.
func TestScanSkipsAttributeValues(t *testing.T) {
	p := Read([]byte(`<meta name="description" content="Set the image with src=x in the form.">` +
		`<meta content='single href=y quotes' name="d"><a title="a = b" href="real/">x</a>` +
		`<img alt="x" src=bare.png>`))
	var urls []string
	for _, r := range p.refs() {
		urls = append(urls, r.attr+"="+r.url())
	}
	if got := strings.Join(urls, " "); got != "href=real/ src=bare.png" {
		t.Errorf("refs = %q, want only the real attributes", got)
	}
}

// TestBrokenMenuURL: a broken link every page shows, written in site.toml,
// is reported once at its line there, counting the pages.
func TestBrokenMenuURL(t *testing.T) {
	config := diag.NewSource("site.toml", []byte("title = \"T\"\n\n[[menus.main]]\nname = \"News\"\nurl = \"/news/\"\n"))
	menu := `<nav><a href="/news/">News</a></nav>`
	files := []site.File{
		{Path: "404.html", Data: []byte(menu)},
		{Path: "a/index.html", Source: "content/a.md", Data: []byte(menu + `<a href="/b/">b</a>`)},
		{Path: "index.html", Source: "content/_index.md", Data: []byte(menu)},
	}
	sources := func(file string) *diag.Source {
		return diag.NewSource(file, []byte("+++\ntitle = \"A\"\n+++\n[b](/b/)\n"))
	}
	for _, cached := range []bool{false, true} {
		s := Site{Origin: "https://example.org", BasePath: "/", Sources: sources, Shared: []*diag.Source{config}}
		if cached {
			s.Cache = NewCache()
		}
		diags := Check(files, s)
		diags.Sort()
		var got []string
		for _, d := range diags {
			got = append(got, d.Error())
		}
		want := []string{
			`content/a.md:4:5: broken link in a/index.html: href "/b/": /b/ does not exist in the built site`,
			`site.toml:5:8: broken link: href "/news/": /news/ does not exist in the built site (on 404.html and 2 other pages)`,
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("cached %v: got\n%s\nwant\n%s", cached, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// TestRefusedAddress: an address html/template would not put in a link
// (it writes #ZgotmplZ instead) is reported as what it is, at the value in
// the page's front matter when it is written there, not as a missing id.
func TestRefusedAddress(t *testing.T) {
	// The title's "data:" is prose, not the value the layout used.
	page := []byte("+++\ntitle = \"Open data: A\"\n[params]\nmore = \"JavaScript:alert(1)\"\n+++\nBody.\n")
	files := []site.File{
		{Path: "a/index.html", Source: "content/a.md", Data: []byte(`<a href="#ZgotmplZ">More</a>`)},
		{Path: "b/index.html", Source: "content/b.md", Data: []byte(`<a href="#ZgotmplZ">More</a>`)},
	}
	sources := func(file string) *diag.Source {
		if file == "content/a.md" {
			return diag.NewSource(file, page)
		}
		return diag.NewSource(file, []byte("+++\ntitle = \"B\"\n+++\nBody.\n"))
	}
	diags := Check(files, Site{Origin: "https://example.org", BasePath: "/", Sources: sources})
	diags.Sort()
	var got []string
	for _, d := range diags {
		got = append(got, d.Error()+" | "+d.Hint)
	}
	why := `broken link in %s: href "#ZgotmplZ": a layout put an address here that is not safe in a link (one starting javascript:, data: or vbscript:, or a value that is not text), so it was replaced by #ZgotmplZ`
	want := []string{
		"content/a.md:4:9: " + fmt.Sprintf(why, "a/index.html") + " | a layout uses this value as a link; write a page's address (like /guidance/induction/) or a web address starting https:",
		"content/b.md: " + fmt.Sprintf(why, "b/index.html") + " | check the values the layouts put in href and src for this page; a link may be a page's address, https:, mailto: or tel:",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
