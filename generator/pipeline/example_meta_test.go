package pipeline

import (
	"bytes"
	"encoding/xml"
	"regexp"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"

	"github.com/plinth-ssg/plinth/generator/sitemap"
)

// TestExampleSitemapAndFeed parses the example site's sitemap and feed
// with real parsers and holds them to what search engines and feed
// readers are told: only current, indexable pages are listed. Every page
// that asks not to be indexed, or names another page as canonical (the
// superseded editions, the search page, tags, redirects) is absent from
// both; every page listed is a page of the site that names itself as
// canonical.
func TestExampleSitemapAndFeed(t *testing.T) {
	files := exampleSite(t)
	const origin = "https://quality.example.org/"
	var set sitemap.URLSet
	if err := xml.Unmarshal(files["sitemap.xml"], &set); err != nil {
		t.Fatalf("sitemap.xml does not parse: %v", err)
	}
	if set.XMLName.Space != sitemap.Namespace || len(set.URLs) == 0 {
		t.Fatalf("sitemap root %v with %d URLs", set.XMLName, len(set.URLs))
	}
	canonical := regexp.MustCompile(`<link rel="canonical" href="([^"]+)">`)
	noindex := []byte(`<meta name="robots" content="noindex">`)
	listed := map[string]bool{}
	for _, u := range set.URLs {
		if listed[u.Loc] {
			t.Errorf("%s is listed twice", u.Loc)
		}
		listed[u.Loc] = true
		page := strings.TrimPrefix(u.Loc, origin) + "index.html"
		html, ok := files[page]
		if !strings.HasPrefix(u.Loc, origin) || !ok {
			t.Errorf("the sitemap lists %s, which is not a page of the site", u.Loc)
			continue
		}
		if bytes.Contains(html, noindex) {
			t.Errorf("the sitemap lists %s, which asks not to be indexed", u.Loc)
		}
		if m := canonical.FindSubmatch(html); m == nil || string(m[1]) != u.Loc {
			t.Errorf("the sitemap lists %s, whose canonical is %q", u.Loc, m)
		}
	}
	for _, p := range sortedPaths(files) {
		if !strings.HasSuffix(p, ".html") || p == "404.html" {
			continue
		}
		loc := origin + strings.TrimSuffix(p, "index.html")
		html := files[p]
		m := canonical.FindSubmatch(html)
		indexable := !bytes.Contains(html, noindex) && m != nil && string(m[1]) == loc
		if indexable != listed[loc] {
			t.Errorf("%s: indexable %v but listed in the sitemap %v", p, indexable, listed[loc])
		}
	}
	for _, absent := range []string{"framework/2016/", "framework/2019/", "search/", "tags/", "framework/latest/"} {
		for loc := range listed {
			if strings.HasPrefix(loc, origin+absent) {
				t.Errorf("the sitemap lists %s (nothing under /%s should be)", loc, absent)
			}
		}
	}
	for _, present := range []string{"", "framework/", "framework/2021/", "framework/2021/standards/1-3/", "framework/a-z/", "guidance/induction/"} {
		if !listed[origin+present] {
			t.Errorf("the sitemap does not list %s%s", origin, present)
		}
	}

	parsed, err := gofeed.NewParser().Parse(bytes.NewReader(files["feed.xml"]))
	if err != nil {
		t.Fatalf("feed.xml does not parse: %v", err)
	}
	if parsed.FeedType != "atom" || len(parsed.Items) == 0 {
		t.Fatalf("feed: type %q with %d entries", parsed.FeedType, len(parsed.Items))
	}
	ids := map[string]bool{}
	for _, it := range parsed.Items {
		if ids[it.GUID] {
			t.Errorf("feed entry id %s is repeated", it.GUID)
		}
		ids[it.GUID] = true
		if !listed[it.Link] {
			t.Errorf("the feed has an entry for %s, which the sitemap does not list", it.Link)
		}
	}
	t.Logf("sitemap: %d pages; feed: %d entries", len(set.URLs), len(parsed.Items))
}

// TestExampleMetadata checks the head of every page of the example site:
// a description, the canonical link, Open Graph tags that agree with it,
// and the link to the feed.
func TestExampleMetadata(t *testing.T) {
	files := exampleSite(t)
	meta := regexp.MustCompile(`<meta (name|property)="([^"]+)" content="([^"]*)">`)
	canonical := regexp.MustCompile(`<link rel="canonical" href="([^"]+)">`)
	checked := 0
	for _, p := range sortedPaths(files) {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		html := files[p]
		head, _, ok := bytes.Cut(html, []byte("</head>"))
		if !ok {
			t.Errorf("%s has no </head>", p)
			continue
		}
		if bytes.Contains(head, []byte(`http-equiv="refresh"`)) {
			continue // a redirect page: its canonical is the page it leads to
		}
		tags := map[string]string{}
		for _, m := range meta.FindAllSubmatch(head, -1) {
			tags[string(m[2])] = string(m[3])
		}
		c := canonical.FindSubmatch(head)
		if c == nil {
			t.Errorf("%s has no canonical link", p)
			continue
		}
		want := map[string]string{
			"og:url":       string(c[1]),
			"og:locale":    "en_GB",
			"og:site_name": siteName,
		}
		for k, v := range want {
			if tags[k] != v {
				t.Errorf("%s: %s = %q, want %q", p, k, tags[k], v)
			}
		}
		for _, k := range []string{"description", "og:description", "og:title", "og:type"} {
			if tags[k] == "" {
				t.Errorf("%s has no %s", p, k)
			}
		}
		if tags["description"] != tags["og:description"] {
			t.Errorf("%s: description %q and og:description %q differ", p, tags["description"], tags["og:description"])
		}
		if !bytes.Contains(head, []byte(`<link rel="alternate" type="application/atom+xml" href="/feed.xml" title="`+siteName+`: updates">`)) {
			t.Errorf("%s does not link the feed", p)
		}
		checked++
	}
	if checked < 150 {
		t.Errorf("checked only %d pages", checked)
	}
	t.Logf("checked the metadata of %d pages", checked)
}
