package assemble

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/plinth-ssg/plinth/generator/config"
	"github.com/plinth-ssg/plinth/generator/content"
	"github.com/plinth-ssg/plinth/generator/site"
)

func loadSite(t *testing.T, files map[string]string, opts Options) (Result, []string) {
	t.Helper()
	fsys := fstest.MapFS{"themes/plinth/x": {}}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	if _, ok := files["site.toml"]; !ok {
		fsys["site.toml"] = &fstest.MapFile{Data: []byte("title = \"Site\"\nbaseURL = \"https://example.org/q/\"\n")}
	}
	cfg, diags := config.Load(fsys, config.Options{})
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	loaded, diags := content.Load(fsys, content.Options{})
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	if opts.Now.IsZero() {
		opts.Now = time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)
	}
	res, diags := Run(cfg, loaded, opts)
	var msgs []string
	for _, d := range diags {
		msgs = append(msgs, d.Error())
	}
	return res, msgs
}

func fm(title string, extra ...string) string {
	return "+++\ntitle = \"" + title + "\"\n" + strings.Join(extra, "\n") + "\n+++\n"
}

func TestTreeURLsAndOrder(t *testing.T) {
	res, diags := loadSite(t, map[string]string{
		"content/a/b/deep.md":   fm("Deep"),
		"content/a/z.md":        fm("Zed", "weight = 1"),
		"content/a/m.md":        fm("Em"),
		"content/a/k.md":        fm("Kay"),
		"content/a/_index.md":   fm("Section A"),
		"content/a/w/index.md":  fm("Bundle", "weight = 2"),
		"content/a/w/photo.jpg": "JPG",
	}, Options{})
	if len(diags) != 0 {
		t.Fatalf("diagnostics %q", diags)
	}
	s := res.Site
	if s.Home == nil || s.Home.Title != "Site" || s.Home.URL != "/" {
		t.Fatalf("generated home = %+v", s.Home)
	}
	a := s.GetPage("a")
	var order []string
	for _, p := range a.Pages {
		order = append(order, p.Title)
	}
	// Weighted pages first (by weight), then the rest by title.
	if got := strings.Join(order, ","); got != "Zed,Bundle,Em,Kay" {
		t.Errorf("order = %s", got)
	}
	if a.Pages[0].Next != a.Pages[1] || a.Pages[1].Prev != a.Pages[0] || a.Pages[0].Prev != nil {
		t.Error("prev/next not linked")
	}
	b := s.GetPage("a/b")
	if b == nil || b.Title != "B" || b.File != "" || b.Parent != a {
		t.Fatalf("generated section a/b = %+v", b)
	}
	deep := s.GetPage("a/b/deep.md")
	if deep.URL != "/a/b/deep/" || deep.OutputPath != "a/b/deep/index.html" || deep.RelPermalink != "/q/a/b/deep/" || deep.Permalink != "https://example.org/q/a/b/deep/" {
		t.Errorf("deep = %s %s %s %s", deep.URL, deep.OutputPath, deep.RelPermalink, deep.Permalink)
	}
	if got := len(deep.Ancestors()); got != 3 {
		t.Errorf("ancestors of deep = %d, want 3 (home, a, a/b)", got)
	}
	if len(res.Resources) != 1 || res.Resources[0].Path != "a/w/photo.jpg" {
		t.Errorf("resources = %+v", res.Resources)
	}
	if nf := s.PageByURL("/404.html"); nf == nil || nf.OutputPath != "404.html" || !nf.NoIndex {
		t.Errorf("404 page = %+v", nf)
	}
}

func TestDraftsAndWindow(t *testing.T) {
	files := map[string]string{
		"content/draft.md":        fm("Draft", "draft = true"),
		"content/future.md":       fm("Future", "publishDate = 2027-01-01"),
		"content/expired.md":      fm("Expired", "expiryDate = 2026-11-29"),
		"content/live.md":         fm("Live", "publishDate = 2026-11-28", "expiryDate = 2026-12-01"),
		"content/d/_index.md":     fm("Draft section", "draft = true"),
		"content/d/inner.md":      fm("Inner"),
		"content/d/file.pdf":      "PDF",
		"content/d/sub/deeper.md": fm("Deeper"),
	}
	res, _ := loadSite(t, files, Options{})
	for _, gone := range []string{"draft", "future", "expired", "d", "d/inner.md", "d/sub/deeper.md"} {
		if p := res.Site.GetPage(gone); p != nil {
			t.Errorf("%s was published", gone)
		}
	}
	if res.Site.GetPage("live.md") == nil {
		t.Error("live page missing")
	}
	if len(res.Resources) != 0 {
		t.Errorf("a draft section's file was published: %+v", res.Resources)
	}
	if !strings.Contains(res.Excluded["content/future.md"], "--future") {
		t.Errorf("exclusion reason = %q", res.Excluded["content/future.md"])
	}
	res, _ = loadSite(t, files, Options{Publish: site.Publish{Drafts: true, Future: true}})
	for _, there := range []string{"draft.md", "future.md", "d", "d/inner.md", "d/sub/deeper.md"} {
		if res.Site.GetPage(there) == nil {
			t.Errorf("%s missing with --drafts --future", there)
		}
	}
	if res.Site.GetPage("expired.md") != nil {
		t.Error("expired pages stay out even with --drafts --future")
	}
}

func TestTagsMenusAndBuildDate(t *testing.T) {
	res, diags := loadSite(t, map[string]string{
		"site.toml":    "title = \"S\"\nbaseURL = \"https://example.org/\"\n[[menus.main]]\nname = \"A\"\npage = \"a.md\"\nweight = 2\n[[menus.main]]\nname = \"Ext\"\nurl = \"https://nhs.uk/\"\nweight = 1\n[[menus.main]]\nname = \"Missing\"\npage = \"nope.md\"\n",
		"content/a.md": fm("A", "tags = [\"EDI\", \"Wellbeing\"]", "date = 2024-01-01"),
		"content/b.md": fm("B", "tags = [\"edi\"]", "lastmod = 2025-03-04"),
	}, Options{})
	if len(diags) != 1 || !strings.Contains(diags[0], `site.toml:13:8: menu "main": there is no page content/nope.md`) {
		t.Errorf("diagnostics = %q", diags)
	}
	terms := res.Site.Taxonomies["tags"]
	if len(terms) != 2 || terms[0].Name != "EDI" || len(terms[0].Pages) != 2 || terms[0].Page.URL != "/tags/edi/" {
		t.Errorf("terms = %+v", terms)
	}
	menu := res.Site.Menus["main"]
	if len(menu) != 2 || menu[0].Name != "Ext" || menu[1].URL != "/a/" {
		t.Errorf("menu = %+v", menu)
	}
	if got := res.Site.BuildDate.Format("2006-01-02"); got != "2025-03-04" {
		t.Errorf("build date = %s, want the newest content date", got)
	}
	res, _ = loadSite(t, map[string]string{"content/a.md": fm("A")}, Options{BuildDate: time.Unix(1700000000, 0)})
	if got := res.Site.BuildDate.Format(time.RFC3339); got != "2023-11-14T22:13:20Z" {
		t.Errorf("SOURCE_DATE_EPOCH build date = %s", got)
	}
}

// TestFutureDates: a date or lastmod more than a day after the build is
// shown as written (as Hugo keeps lastmod) but warned about at its value,
// as the mistyped year it almost always is, and does not become the
// site's build date; a date of tomorrow, which is today in another time
// zone, is neither. The build's clock is 29 November 2026.
func TestFutureDates(t *testing.T) {
	tests := []struct {
		name      string
		front     string
		want      string // the warning, or ""
		buildDate string // with a page dated 2024-01-01 beside it
	}{
		{"lastmod years ahead", "lastmod = 2062-11-01", "content/b.md:3:11: warning: lastmod is 1 November 2062, after today (29 November 2026); the page shows it as written", "2024-01-01"},
		{"date months ahead", "date = 2027-03-01", "content/b.md:3:8: warning: date is 1 March 2027, after today (29 November 2026); the page shows it as written", "2024-01-01"},
		{"date and time two days ahead", "date = 2026-12-01T09:00:00Z", "content/b.md:3:8: warning: date is 1 December 2026, after today", "2024-01-01"},
		{"tomorrow", "lastmod = 2026-11-30", "", "2026-11-30"},
		{"today", "date = 2026-11-29", "", "2026-11-29"},
	}
	for _, tt := range tests {
		res, diags := loadSite(t, map[string]string{
			"content/a.md": fm("A", "date = 2024-01-01"),
			"content/b.md": fm("B", tt.front),
		}, Options{})
		switch {
		case tt.want == "" && len(diags) > 0:
			t.Errorf("%s: diagnostics %q, want none", tt.name, diags)
		case tt.want != "" && (len(diags) != 1 || !strings.HasPrefix(diags[0], tt.want)):
			t.Errorf("%s: diagnostics %q, want one starting %q", tt.name, diags, tt.want)
		}
		if got := res.Site.BuildDate.Format("2006-01-02"); got != tt.buildDate {
			t.Errorf("%s: build date %s, want %s", tt.name, got, tt.buildDate)
		}
		b := res.Site.GetPage("b.md")
		written := b.Date
		if b.Lastmod.IsSet() {
			written = b.Lastmod
		}
		if got, want := written.Format("2006-01-02"), strings.Fields(tt.front)[2][:10]; got != want {
			t.Errorf("%s: the page's date is %s, want %s as written", tt.name, got, want)
		}
	}
}

func TestCheckURL(t *testing.T) {
	for u, ok := range map[string]bool{"/": true, "/a/b/": true, "/404.html": true, "a/": false, "/a/../b/": false, "/a//b/": false, `/a\b/`: false} {
		if (checkURL(u) == "") != ok {
			t.Errorf("checkURL(%q) = %q", u, checkURL(u))
		}
	}
}

// TestUnlisted checks that a page a feature marks Unlisted keeps its
// parent (for breadcrumbs) but is left out of the section's list and of
// previous/next links.
func TestUnlisted(t *testing.T) {
	fsys := fstest.MapFS{
		"themes/plinth/x":    {},
		"site.toml":          {Data: []byte("title = \"Site\"\nbaseURL = \"https://example.org/\"\n")},
		"content/a/one.md":   {Data: []byte(fm("One", "weight = 1"))},
		"content/a/tool.md":  {Data: []byte(fm("Tool", "weight = 2"))},
		"content/a/three.md": {Data: []byte(fm("Three", "weight = 3"))},
	}
	cfg, diags := config.Load(fsys, config.Options{})
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	loaded, diags := content.Load(fsys, content.Options{})
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	for _, p := range loaded.Pages {
		p.Unlisted = p.Title == "Tool"
	}
	res, diags := Run(cfg, loaded, Options{Publish: site.Publish{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}})
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	s := res.Site
	sec, tool, one := s.GetPage("a"), s.GetPage("a/tool"), s.GetPage("a/one")
	if tool == nil || tool.Parent != sec || tool.URL != "/a/tool/" || tool.Prev != nil || tool.Next != nil {
		t.Fatalf("unlisted page = %+v", tool)
	}
	var titles []string
	for _, p := range sec.Pages {
		titles = append(titles, p.Title)
	}
	if strings.Join(titles, ",") != "One,Three" || one.Next == nil || one.Next.Title != "Three" {
		t.Errorf("section lists %q; One's next is %v", titles, one.Next)
	}
}

// TestClashWithGeneratedPage: an alias claiming the address of a page a
// feature generates (a tag's page here) is reported at the alias, the
// line to change, not at the generated page, which has none.
func TestClashWithGeneratedPage(t *testing.T) {
	_, diags := loadSite(t, map[string]string{
		"content/a.md": fm("A", "tags = [\"EDI\"]", "aliases = [\"/tags/edi/\"]"),
	}, Options{})
	want := `content/a.md:4:12: the alias "/tags/edi/" and the page "EDI", made by the site itself, would both be written to tags/edi/index.html`
	if len(diags) != 1 || diags[0] != want {
		t.Errorf("diagnostics = %q, want %q", diags, want)
	}
}

// TestClashNamesBoth: two things claiming one output path are reported
// once, naming both files, each with the position of the slug or alias
// that made the claim (a page's own file name has no line: its file is
// named). The report stands at the slug or alias, the line an editor
// changes, even when its file comes first in path order.
func TestClashNamesBoth(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"a slug taking a page's address", map[string]string{
			"content/a.md": fm("A", `slug = "b"`),
			"content/b.md": fm("B"),
		}, `content/a.md:3:1: the page "A" (slug "b") and the page "B", at content/b.md:1:1, would both be written to b/index.html`},
		{"an alias taking a page's address", map[string]string{
			"content/a.md": fm("A", `weight = 1`, `aliases = ["/x/", "/b/"]`),
			"content/b.md": fm("B"),
		}, `content/a.md:4:19: the alias "/b/" and the page "B", at content/b.md:1:1, would both be written to b/index.html`},
		{"two slugs", map[string]string{
			"content/a.md": fm("A", `slug = "same"`),
			"content/b.md": fm("B", `weight = 2`, `slug = "same"`),
		}, `content/b.md:4:1: the page "B" (slug "same") and the page "A" (slug "same"), at content/a.md:3:1, would both be written to same/index.html`},
		{"a page and a bundle", map[string]string{
			"content/a.md":       fm("A"),
			"content/a/index.md": fm("Bundle"),
		}, `content/a.md:1:1: the page "A" and the page "Bundle", at content/a/index.md:1:1, would both be written to a/index.html`},
		{"addresses differing in case", map[string]string{
			"content/A.md": fm("Upper"),
			"content/b.md": fm("B", `slug = "a"`),
		}, `content/b.md:3:1: the page "B" (slug "a") would be written to a/index.html, which differs only in upper/lower case from A/index.html, where the page "Upper", at content/A.md:1:1, is written`},
	}
	for _, tt := range tests {
		_, diags := loadSite(t, tt.files, Options{})
		if len(diags) != 1 || !strings.HasPrefix(diags[0], tt.want) {
			t.Errorf("%s: diagnostics %q, want one starting %q", tt.name, diags, tt.want)
		}
	}
}
