package linkcheck

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
)

func TestScan(t *testing.T) {
	p := Read([]byte(`<a href="/a/?x=1&amp;y=2#f" id="top">x</a> <img src='i.png'> <p>text href="not an attribute"</p><h2 id=bare>t</h2><a name="old">`))
	for _, id := range []string{"top", "bare", "old"} {
		if !p.Has(id) {
			t.Errorf("id %q not found", id)
		}
	}
	if p.Has("elsewhere") || p.Has("") {
		t.Error("an id the page does not have was found")
	}
	var urls []string
	for _, r := range p.refs() {
		urls = append(urls, r.attr+"="+r.url())
	}
	if got := strings.Join(urls, " "); got != "href=/a/?x=1&y=2#f src=i.png" {
		t.Errorf("refs = %q", got)
	}
}

func TestCheck(t *testing.T) {
	files := []site.File{
		{Path: "index.html", Source: "content/_index.md", Data: []byte(`<main id="maincontent">
<a href="/q/a/">ok</a> <a href="/q/a/#sec">ok</a> <a href="a/">relative ok</a> <a href="#maincontent">ok</a> <a href="#top">top</a>
<a href="https://example.org/q/a/">own origin ok</a> <a href="https://nhs.uk/x">external</a> <a href="mailto:x@example.org">mail</a>
<a href="/q/b/">missing</a> <a href="/q/a/#nope">bad fragment</a> <a href="/elsewhere/">outside base</a> <img src="/q/img/x.png">
<a href="https://example.org/q/gone/">own origin missing</a></main>`)},
		{Path: "a/index.html", Source: "content/a.md", Data: []byte(`<h2 id="sec">S</h2><a href="../">up</a><a href="../index.html#maincontent">up</a><a href="file.pdf#page=2">pdf</a>`)},
		{Path: "a/file.pdf", Data: []byte("%PDF")},
	}
	diags := Check(files, Site{Origin: "https://example.org", BasePath: "/q/"})
	diags.Sort()
	var got []string
	for _, d := range diags {
		got = append(got, d.Error())
	}
	want := []string{
		`content/_index.md: broken link in index.html: href "/elsewhere/": /elsewhere/ is outside the site's base path /q/`,
		`content/_index.md: broken link in index.html: href "/q/a/#nope": there is no element with id "nope" on a/index.html`,
		`content/_index.md: broken link in index.html: href "/q/b/": /q/b/ does not exist in the built site`,
		`content/_index.md: broken link in index.html: href "https://example.org/q/gone/": /q/gone/ does not exist in the built site`,
		`content/_index.md: broken link in index.html: src "/q/img/x.png": /q/img/x.png does not exist in the built site`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	ext := External(files, Site{Origin: "https://example.org", BasePath: "/q/"})
	if len(ext) != 1 || ext[0].URL != "https://nhs.uk/x" || ext[0].Pages[0] != "index.html" {
		t.Errorf("external = %+v", ext)
	}
}

func TestFetch(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/ok":
		case "/nohead":
			if r.Method == http.MethodHead {
				w.WriteHeader(http.StatusMethodNotAllowed)
			}
		default:
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	defer srv.Close()
	got := Fetch(context.Background(), []Link{{URL: srv.URL + "/ok"}, {URL: srv.URL + "/nohead"}, {URL: srv.URL + "/gone"}}, 5*time.Second)
	if !got[0].OK() || !got[1].OK() || got[2].OK() || got[2].Code != 404 {
		t.Fatalf("statuses = %+v", got)
	}
}

// TestCacheEqualsFull checks incremental link checking against a full
// check over edits that change IDs, remove and add targets.
func TestCacheEqualsFull(t *testing.T) {
	s := Site{Origin: "https://example.org", BasePath: "/"}
	a := site.File{Path: "a/index.html", Data: []byte(`<a href="/b/#x">b</a><a href="/c/">c</a>`)}
	b := site.File{Path: "b/index.html", Data: []byte(`<h2 id="x">x</h2>`)}
	steps := [][]site.File{
		{a, b},
		{a, {Path: "b/index.html", Data: []byte(`<h2 id="y">y</h2>`)}}, // fragment gone
		{a, b}, // back
		{a},    // target removed
		{a, b, {Path: "c/index.html", Data: []byte(`c`)}},                // broken link fixed
		{{Path: "a/index.html", Data: []byte(`<a href="/d/">d</a>`)}, b}, // page changed
	}
	c := NewCache()
	for i, files := range steps {
		s.Cache = c
		got := Check(files, s)
		s.Cache = nil
		want := Check(files, s)
		if len(got) != len(want) {
			t.Fatalf("step %d: cached %v, full %v", i, got, want)
		}
		for j := range got {
			if got[j].Error() != want[j].Error() {
				t.Fatalf("step %d: cached %v, full %v", i, got, want)
			}
		}
	}
}

// plainCases are URLs parsePlain must read as url.Parse does, or leave to
// it.
var plainCases = []string{
	"/guidance/", "../a/#culture", "#maincontent", "#", "", "a", "a/b.html", "~x/y_z.pdf",
	"//example.org/a", "///a", "a:b", "/a?x=1", "/a b", " /a/", "/a/#x/y", "/a#b#c", "/a%20b", "#%41",
	"mailto:x@example.org", "javascript:alert(1)", "https://example.org/q/", "/é/",
}

func TestParsePlain(t *testing.T) {
	read := 0
	for _, raw := range plainCases {
		if checkPlain(t, raw) {
			read++
		}
	}
	if read < 8 {
		t.Errorf("parsePlain read %d of the URLs, want at least the 8 plain ones", read)
	}
}

// checkPlain fails unless parsePlain reads raw as url.Parse does (or not
// at all), and reports whether it read it.
func checkPlain(t *testing.T, raw string) bool {
	t.Helper()
	got, ok := parsePlain(raw)
	if !ok {
		return false
	}
	want, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		t.Fatalf("parsePlain(%q) read a URL that url.Parse refuses: %v", raw, err)
	}
	if got != (url.URL{Scheme: want.Scheme, Opaque: want.Opaque, Host: want.Host, Path: want.Path, RawQuery: want.RawQuery, Fragment: want.Fragment}) || want.User != nil {
		t.Fatalf("parsePlain(%q) = %#v, url.Parse gives %#v", raw, got, want)
	}
	return true
}

func FuzzParsePlain(f *testing.F) {
	for _, raw := range plainCases {
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, raw string) { checkPlain(t, raw) })
}

// TestRefAttributes checks that each URL keeps the attribute that gave it
// (kept as a bit per link) on pages of more than 64 links, where the bits
// take more than one word.
func TestRefAttributes(t *testing.T) {
	cases := []struct {
		name string
		srcs []int // which of the links are src attributes
		n    int
	}{
		{"none", nil, 3},
		{"first word", []int{0, 63}, 64},
		{"second word", []int{64, 70}, 71},
		{"third word only", []int{130}, 140},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var html, want strings.Builder
			for i := range c.n {
				attr := "href"
				if slices.Contains(c.srcs, i) {
					attr = "src"
				}
				fmt.Fprintf(&html, `<a %s="/l%d/">`, attr, i)
				fmt.Fprintf(&want, "%s=/l%d/ ", attr, i)
			}
			var got strings.Builder
			for _, r := range Read([]byte(html.String())).refs() {
				fmt.Fprintf(&got, "%s=%s ", r.attr, r.url())
			}
			if got.String() != want.String() {
				t.Errorf("refs =\n%s\nwant\n%s", got.String(), want.String())
			}
		})
	}
}

// TestBrokenLinksCapped: an output file with many broken links (a pasted
// page of 10,000 links to anchors it lacks) reports the first maxBroken
// each at its place in the source, and the rest in one error with their
// count, so the work of finding each in the source does not grow with
// their number.
func TestBrokenLinksCapped(t *testing.T) {
	for _, extra := range []int{0, 1, 150} {
		n := maxBroken + extra
		var page, source strings.Builder
		for i := range n {
			fmt.Fprintf(&page, `<a href="#missing-%d">x</a> `, i)
			fmt.Fprintf(&source, "[x](#missing-%d) ", i)
		}
		src := diag.NewSource("content/p.md", []byte(source.String()))
		files := []site.File{{Path: "p/index.html", Source: "content/p.md", Data: []byte(page.String())}}
		diags := Check(files, Site{Origin: "https://example.org", BasePath: "/", Sources: func(string) *diag.Source { return src }})
		diags.Sort()
		want := n
		if extra > 0 {
			want = maxBroken + 1
		}
		if len(diags) != want {
			t.Fatalf("%d broken links: %d diagnostics, want %d", n, len(diags), want)
		}
		if extra == 0 {
			continue
		}
		wantMsg := fmt.Sprintf("%d more broken links in p/index.html", extra)
		if !slices.ContainsFunc(diags, func(d diag.Diagnostic) bool { return strings.HasPrefix(d.Msg, wantMsg) }) {
			t.Errorf("%d broken links: no diagnostic says %q", n, wantMsg)
		}
	}
}
