package pipeline

import (
	"encoding/xml"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"

	"github.com/plinth-ssg/plinth/generator/sitemap"
)

// TestSitemapAndFeed parses the sitemap and the Atom feed of a built site
// with real parsers, checks them against the protocols' rules, and checks
// that feed entry IDs are identical across two builds.
func TestSitemapAndFeed(t *testing.T) {
	src := minimalSite(t)
	writeFile(t, filepath.Join(src, "content/old.md"), []byte("+++\ntitle = \"Old\"\ndate = 2020-01-01\n+++\n"))
	writeFile(t, filepath.Join(src, "content/new.md"), []byte("+++\ntitle = \"New & <shiny>\"\ndate = 2024-01-01\nlastmod = 2025-05-05\ndescription = \"Changed.\"\n+++\n"))
	writeFile(t, filepath.Join(src, "content/t.md"), []byte("+++\ntitle = \"Tagged\"\ntags = [\"x\"]\n+++\n"))
	o := opts(src)
	o.BaseURL = "https://example.org/quality/"
	if _, diags := Run(o); diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	data, err := os.ReadFile(filepath.Join(o.Destination, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var set sitemap.URLSet
	if err := xml.Unmarshal(data, &set); err != nil {
		t.Fatalf("sitemap does not parse: %v", err)
	}
	if set.XMLName.Space != sitemap.Namespace || set.XMLName.Local != "urlset" || len(set.URLs) == 0 {
		t.Fatalf("sitemap root = %+v", set.XMLName)
	}
	date := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	var locs []string
	for _, u := range set.URLs {
		p, err := url.Parse(u.Loc)
		if err != nil || p.Scheme != "https" || !strings.HasPrefix(u.Loc, "https://example.org/quality/") || len(u.Loc) > 2048 {
			t.Errorf("bad loc %q", u.Loc)
		}
		if u.Lastmod != "" && !date.MatchString(u.Lastmod) {
			t.Errorf("bad lastmod %q", u.Lastmod)
		}
		locs = append(locs, u.Loc)
	}
	all := strings.Join(locs, " ")
	for _, left := range []string{"404.html", "/tags/"} {
		if strings.Contains(all, left) {
			t.Errorf("sitemap lists %s, which is not indexable", left)
		}
	}
	robots, _ := os.ReadFile(filepath.Join(o.Destination, "robots.txt"))
	if !strings.Contains(string(robots), "Sitemap: https://example.org/quality/sitemap.xml") {
		t.Errorf("robots.txt = %q", robots)
	}

	ids := func() []string {
		f, err := os.Open(filepath.Join(o.Destination, "feed.xml"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		parsed, err := gofeed.NewParser().Parse(f)
		if err != nil {
			t.Fatalf("feed does not parse: %v", err)
		}
		if parsed.FeedType != "atom" || parsed.Title == "" || parsed.UpdatedParsed == nil || len(parsed.Authors) == 0 {
			t.Fatalf("feed = %+v", parsed)
		}
		var out []string
		for _, it := range parsed.Items {
			if it.GUID == "" || it.UpdatedParsed == nil || it.Link == "" {
				t.Errorf("entry %+v lacks id, updated or link", it)
			}
			out = append(out, it.GUID)
		}
		if len(parsed.Items) < 2 || parsed.Items[0].Title != "New & <shiny>" {
			t.Fatalf("feed items: %+v", parsed.Items)
		}
		return out
	}
	first := ids()
	if _, diags := Run(o); diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	if strings.Join(ids(), " ") != strings.Join(first, " ") {
		t.Error("feed entry IDs changed between two builds")
	}
}
