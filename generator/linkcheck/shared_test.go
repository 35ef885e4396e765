package linkcheck

import (
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
