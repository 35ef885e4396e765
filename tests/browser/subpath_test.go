package browser

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/pipeline"
	"github.com/plinth-ssg/plinth/generator/search"
	"github.com/plinth-ssg/plinth/tests/browser/harness"
)

// subpathBase is the base URL the subpath tests build the example site for:
// a site published in a folder of a bigger one, as on GitHub or GitLab
// Pages.
const subpathBase = "https://example.org/quality/"

// buildUnderSubpath builds the example site for subpathBase into a
// temporary folder.
func buildUnderSubpath(t *testing.T) string {
	t.Helper()
	root := repoRoot(t)
	if _, err := os.Stat(filepath.Join(root, "node_modules")); err != nil {
		requireTools(t) // skips, or fails in CI, naming what is missing
	}
	dest := filepath.Join(t.TempDir(), "public")
	_, diags := pipeline.Run(pipeline.Options{
		Source: root, Destination: dest, BaseURL: subpathBase,
		Now: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC), Write: true,
	})
	if diags.HasErrors() {
		var b strings.Builder
		diag.Print(&b, diags, 0)
		t.Fatalf("the example site does not build under %s:\n%s", subpathBase, b.String())
	}
	return dest
}

// TestSubpathCrawl builds the example site for https://example.org/quality/,
// serves it under /quality/ with the suite's static server (pretty URLs,
// 404 page, _headers) and follows every address the site gives: href and
// src (and srcset) in every page, url() and @import in every stylesheet,
// the search index's manifest, shards and documents, and the links and
// locations in the feed and the sitemap. Every one must answer 200 (after
// the server's /a → /a/ redirect) and stay under /quality/. It needs no
// browser.
func TestSubpathCrawl(t *testing.T) {
	dir := buildUnderSubpath(t)
	srv, err := harness.NewServer(os.DirFS(dir), "/quality/")
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer srv.Close()

	c := &crawler{srv: srv, seen: map[string]string{}, count: map[string]int{}, client: &http.Client{Timeout: 30 * time.Second}}
	c.visit("/quality/", "(start)")
	for _, p := range []string{"feed.xml", "sitemap.xml", "robots.txt", search.ManifestPath, "404.html"} {
		c.visit("/quality/"+p, "(start)")
	}
	c.redirects(dir)
	for len(c.queue) > 0 {
		next := c.queue[0]
		c.queue = c.queue[1:]
		c.fetch(next)
	}
	for _, f := range c.failures {
		t.Error(f)
	}

	// What the crawl reached, against what is on disk.
	var files, missed []string
	err = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files = append(files, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	reached := map[string]bool{}
	for u := range c.seen {
		if r := srv.Resolve(u); r.Found() {
			reached[r.File] = true
		}
	}
	for _, f := range files {
		if !reached[f] {
			missed = append(missed, f)
		}
	}
	t.Logf("crawled %d addresses under /quality/ (%d HTML pages, %d stylesheets, %d index files); %d of %d files on disk reached",
		len(c.seen), c.count["html"], c.count["css"], c.count["json"], len(files)-len(missed), len(files))
	if len(missed) > 0 {
		t.Logf("not linked from anywhere (served all the same): %s", strings.Join(missed, " "))
	}
	for _, want := range []string{"index.html", "feed.xml", "sitemap.xml", search.ManifestPath, "search/t/0.json", "search/d/0.json", "framework/a-z/index.html", "search/index.html"} {
		if !reached[want] {
			t.Errorf("the crawl never reached %s", want)
		}
	}
}

// redirects reads the site's _redirects file: every rule must stay under
// /quality/, and each end of a rule without a wildcard must be served (old
// addresses have HTML redirect pages for hosts that do not read the file).
func (c *crawler) redirects(dir string) {
	data, err := os.ReadFile(filepath.Join(dir, "_redirects"))
	if err != nil {
		c.failures = append(c.failures, fmt.Sprintf("_redirects: %v", err))
		return
	}
	for i, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		where := fmt.Sprintf("_redirects:%d", i+1)
		if len(f) != 3 {
			c.failures = append(c.failures, fmt.Sprintf("%s: %q is not FROM TO STATUS", where, line))
			continue
		}
		for _, end := range f[:2] {
			if !strings.HasPrefix(end, "/quality/") {
				c.failures = append(c.failures, fmt.Sprintf("%s: %s is outside /quality/", where, end))
				continue
			}
			if !strings.Contains(end, "*") && !strings.Contains(end, ":splat") {
				c.visit(end, where)
			}
		}
	}
}

// crawler follows a site's addresses breadth first.
type crawler struct {
	srv      *harness.Server
	client   *http.Client
	queue    []string
	seen     map[string]string // address → the file that first linked it
	count    map[string]int
	failures []string
}

// visit queues a URL path (with the prefix), once.
func (c *crawler) visit(p, from string) {
	if _, ok := c.seen[p]; !ok {
		c.seen[p] = from
		c.queue = append(c.queue, p)
	}
}

// link resolves a reference found in the file served at base and queues
// it when it belongs to the site.
func (c *crawler) link(ref, base, from string) {
	ref = strings.TrimSpace(ref)
	if ref == "" || strings.HasPrefix(ref, "#") || strings.HasPrefix(ref, "data:") || strings.HasPrefix(ref, "mailto:") || strings.HasPrefix(ref, "tel:") {
		return
	}
	b, err := url.Parse(c.srv.Origin() + base)
	if err != nil {
		c.failures = append(c.failures, fmt.Sprintf("%s: bad base %s", from, base))
		return
	}
	u, err := b.Parse(ref)
	if err != nil {
		c.failures = append(c.failures, fmt.Sprintf("%s: cannot read the address %q: %v", from, ref, err))
		return
	}
	// Absolute addresses of the site itself (canonical links, the feed, the
	// sitemap) are https://example.org/quality/…, served here.
	if u.Host != b.Host && !(u.Scheme == "https" && u.Host == "example.org") {
		return // another site
	}
	if !strings.HasPrefix(u.Path, "/quality/") {
		c.failures = append(c.failures, fmt.Sprintf("%s: %q leads to %s, outside the site's base path /quality/", from, ref, u.Path))
		return
	}
	c.visit(u.Path, from)
}

var (
	cssURL    = regexp.MustCompile(`url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)`)
	cssImport = regexp.MustCompile(`@import\s+(?:"([^"]*)"|'([^']*)')`)
)

// fetch gets one address and follows what it refers to.
func (c *crawler) fetch(p string) {
	from := c.seen[p]
	resp, err := c.client.Get(c.srv.URL(p))
	if err != nil {
		c.failures = append(c.failures, fmt.Sprintf("%s (linked from %s): %v", p, from, err))
		return
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		c.failures = append(c.failures, fmt.Sprintf("%s (linked from %s): status %d, want 200", p, from, resp.StatusCode))
		return
	}
	base := resp.Request.URL.Path // after a /a → /a/ redirect
	switch ext := path.Ext(c.srv.Resolve(base).File); ext {
	case ".html":
		c.count["html"]++
		c.html(body, base)
	case ".css":
		c.count["css"]++
		for _, m := range slices.Concat(cssURL.FindAllSubmatch(body, -1), cssImport.FindAllSubmatch(body, -1)) {
			c.link(string(bytes.Join(m[1:], nil)), base, base)
		}
	case ".json":
		c.count["json"]++
		if strings.HasSuffix(base, "/"+search.ManifestPath) {
			c.manifest(body, base)
		}
	case ".xml":
		c.xml(body, base)
	}
}

// html follows href, src, srcset and the search page's manifest address.
func (c *crawler) html(body []byte, base string) {
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		for {
			key, val, more := z.TagAttr()
			switch string(key) {
			case "href", "src", "action", "data-search-manifest":
				c.link(string(val), base, base)
			case "srcset":
				for _, part := range strings.Split(string(val), ",") {
					if f := strings.Fields(part); len(f) > 0 {
						c.link(f[0], base, base)
					}
				}
			case "content":
				// <meta http-equiv="refresh" content="0; url=…">
				if _, u, ok := strings.Cut(string(val), "url="); ok {
					c.link(u, base, base)
				}
			}
			if !more {
				break
			}
		}
	}
}

// manifest follows every shard and document of the search index, as the
// browser fetches them: beside the manifest, with the build's hash as a
// query.
func (c *crawler) manifest(body []byte, base string) {
	var m search.Manifest
	if err := json.Unmarshal(body, &m); err != nil {
		c.failures = append(c.failures, fmt.Sprintf("%s: %v", base, err))
		return
	}
	dir := path.Dir(base) + "/"
	for i := range m.Shards {
		c.link(fmt.Sprintf("t/%d.json?v=%s", i, m.Build), dir, base)
	}
	for i := 0; i*max(m.DocsPerFile, 1) < m.Docs; i++ {
		c.link(fmt.Sprintf("d/%d.json?v=%s", i, m.Build), dir, base)
	}
}

// xml follows the feed's links and the sitemap's locations (and robots.txt
// is plain text, checked by being fetched).
func (c *crawler) xml(body []byte, base string) {
	d := xml.NewDecoder(bytes.NewReader(body))
	inLoc := false
	for {
		tok, err := d.Token()
		if err != nil {
			return
		}
		switch el := tok.(type) {
		case xml.StartElement:
			inLoc = el.Name.Local == "loc"
			if el.Name.Local == "link" {
				for _, a := range el.Attr {
					if a.Name.Local == "href" {
						c.link(a.Value, base, base)
					}
				}
			}
		case xml.CharData:
			if inLoc {
				c.link(string(el), base, base)
			}
		case xml.EndElement:
			inLoc = false
		}
	}
}

// TestSubpathCrawlerCatches proves the crawl fails on what it looks for: a
// root-relative link that forgets the base path, a missing stylesheet
// url(), a missing search shard and a sitemap location that is not served.
func TestSubpathCrawlerCatches(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"index.html":        `<!DOCTYPE html><link rel="stylesheet" href="css/a.css"><a href="/about/">about</a> <a href="ok/">ok</a> <a href="https://elsewhere.example/">x</a>`,
		"ok/index.html":     `<p>fine</p>`,
		"css/a.css":         `body { background: url("../img/missing.png") }`,
		"search/index.json": `{"version":1,"build":"abc","docs":0,"shards":["a"]}`,
		"sitemap.xml":       `<urlset><url><loc>https://example.org/quality/gone/</loc></url></urlset>`,
		"404.html":          `<p>not found</p>`,
		"_redirects":        "/old/ /new/ 301!\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv, err := harness.NewServer(os.DirFS(dir), "/quality/")
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	c := &crawler{srv: srv, seen: map[string]string{}, count: map[string]int{}, client: &http.Client{Timeout: 10 * time.Second}}
	c.redirects(dir)
	for _, p := range []string{"/quality/", "/quality/sitemap.xml", "/quality/" + search.ManifestPath} {
		c.visit(p, "(start)")
	}
	for len(c.queue) > 0 {
		next := c.queue[0]
		c.queue = c.queue[1:]
		c.fetch(next)
	}
	all := strings.Join(c.failures, "\n")
	for _, want := range []string{
		`"/about/" leads to /about/, outside the site's base path /quality/`,
		"/quality/img/missing.png (linked from /quality/css/a.css): status 404",
		"/quality/search/t/0.json (linked from /quality/search/index.json): status 404",
		"/quality/gone/ (linked from /quality/sitemap.xml): status 404",
		"_redirects:1: /old/ is outside /quality/",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("the crawl did not report %q; it reported:\n%s", want, all)
		}
	}
	if len(c.failures) != 6 { // the five above, and /new/ outside /quality/ too
		t.Errorf("%d failures, want 6:\n%s", len(c.failures), all)
	}
}
