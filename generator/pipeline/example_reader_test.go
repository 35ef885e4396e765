package pipeline

import (
	"bytes"
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// The tests in this file read the example site's pages as a reader would
// meet them: the names, menus, notices and contents lists a national
// publisher's pages need (issue 14).

// parsePage parses one built page, failing the test if it is missing.
func parsePage(t *testing.T, files map[string][]byte, p string) *html.Node {
	t.Helper()
	data, ok := files[p]
	if !ok {
		t.Fatalf("%s was not built", p)
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return doc
}

// findAll returns the elements under n, in document order, for which keep
// is true.
func findAll(n *html.Node, keep func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && keep(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// attrOf returns an attribute's value, or "".
func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// hasClass reports whether the element has the class.
func hasClass(class string) func(*html.Node) bool {
	return func(n *html.Node) bool {
		for _, c := range strings.Fields(attrOf(n, "class")) {
			if c == class {
				return true
			}
		}
		return false
	}
}

// isTag matches elements by tag name.
func isTag(tag string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == tag }
}

// textOf returns the text under n with runs of white space made single.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// generatedActionPlanPages are the action-plan pages made from the data
// rather than written in Markdown: every region and domain page and the
// list of domains.
func generatedActionPlanPages(files map[string][]byte) []string {
	var out []string
	for _, p := range sortedPaths(files) {
		if strings.HasPrefix(p, "action-plans/") && strings.HasSuffix(p, "/index.html") &&
			p != "action-plans/index.html" && p != "action-plans/methodology/index.html" {
			out = append(out, p)
		}
	}
	return out
}

// TestExampleDataNotice checks that the "these figures are synthetic"
// notice on each generated action-plan page is an NHS.UK warning callout
// that the stylesheet styles, not an element with classes nothing defines.
func TestExampleDataNotice(t *testing.T) {
	files := exampleSite(t)
	css := string(files[cssPath(t, files)])
	if !strings.Contains(css, ".nhsuk-card--warning") {
		t.Fatal("the stylesheet has no .nhsuk-card--warning rule")
	}
	pages := generatedActionPlanPages(files)
	if len(pages) < 10 {
		t.Fatalf("only %d generated action-plan pages: %v", len(pages), pages)
	}
	for _, p := range pages {
		doc := parsePage(t, files, p)
		notices := findAll(doc, hasClass("plinth-data-notice"))
		if len(notices) != 1 {
			t.Errorf("%s: %d data notices, want 1", p, len(notices))
			continue
		}
		n := notices[0]
		if !hasClass("nhsuk-card--warning")(n) || !strings.Contains(textOf(n), "These figures are synthetic") {
			t.Errorf("%s: the data notice is not a warning callout saying the figures are synthetic: %q (class %q)", p, textOf(n), attrOf(n, "class"))
		}
		if h := findAll(n, isTag("h2")); len(h) != 1 || !strings.HasPrefix(textOf(h[0]), "Important:") {
			t.Errorf("%s: the notice's heading should be an h2 that screen readers hear as \"Important: …\"", p)
		}
	}
}

// cssPath returns the path of the built main stylesheet.
func cssPath(t *testing.T, files map[string][]byte) string {
	t.Helper()
	for _, p := range sortedPaths(files) {
		if strings.HasPrefix(p, "assets/css/main.") && strings.HasSuffix(p, ".css") {
			return p
		}
	}
	t.Fatal("no assets/css/main.*.css was built")
	return ""
}

// siteName is the example site's name in site.toml.
const siteName = "Healthcare Education Quality Standards"

// htmlPages lists the built HTML pages that are not redirects.
func htmlPages(files map[string][]byte) []string {
	var out []string
	for _, p := range sortedPaths(files) {
		if strings.HasSuffix(p, ".html") && !isRedirect(files[p]) {
			out = append(out, p)
		}
	}
	return out
}

// TestExampleSiteName: one name everywhere. The header, every page's
// title, the home page's heading and the first breadcrumb all say the
// site's name from site.toml.
func TestExampleSiteName(t *testing.T) {
	files := exampleSite(t)
	for _, p := range htmlPages(files) {
		doc := parsePage(t, files, p)
		if h := findAll(doc, hasClass("nhsuk-header__service-name")); len(h) != 1 || textOf(h[0]) != siteName {
			t.Errorf("%s: the header does not name the site %q", p, siteName)
		}
		// (The head's title: a chart drawn as SVG has titles of its own.)
		if title := findAll(doc, isTag("head")); len(title) != 1 || len(findAll(title[0], isTag("title"))) != 1 ||
			!strings.HasSuffix(textOf(findAll(title[0], isTag("title"))[0]), siteName) {
			t.Errorf("%s: the <title> does not end with the site's name", p)
		}
		if crumbs := findAll(doc, hasClass("nhsuk-breadcrumb__link")); len(crumbs) > 0 && textOf(crumbs[0]) != siteName {
			t.Errorf("%s: the first breadcrumb says %q, want %q", p, textOf(crumbs[0]), siteName)
		}
	}
	home := parsePage(t, files, "index.html")
	if h1 := findAll(home, isTag("h1")); len(h1) != 1 || textOf(h1[0]) != siteName {
		t.Errorf("the home page's heading is not %q", siteName)
	}
}

// TestExampleMenu: the header's menu leads to every top-level section a
// reader needs, action plans and "You said, we did" included.
func TestExampleMenu(t *testing.T) {
	files := exampleSite(t)
	doc := parsePage(t, files, "index.html")
	var got []string
	for _, a := range findAll(doc, hasClass("nhsuk-header__navigation-link")) {
		if href := attrOf(a, "href"); href != "" {
			got = append(got, href)
		}
	}
	want := []string{"/framework/", "/guidance/", "/action-plans/", "/you-said-we-did/", "/strategy/"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("the menu links to %v, want %v", got, want)
	}
	// Every folder of content/ that is a section of the site is in it.
	for _, p := range sortedPaths(files) {
		dir, rest, ok := strings.Cut(p, "/")
		if ok && rest == "index.html" && isContentSection(dir) && !slices.Contains(want, "/"+dir+"/") {
			t.Errorf("the section /%s/ is not in the menu", dir)
		}
	}
}

// isContentSection reports whether a top-level folder of the output is a
// section of content/ (not a page such as /about/, nor search or tags).
func isContentSection(dir string) bool {
	st, err := os.Stat(filepath.Join("../../content", dir))
	return err == nil && st.IsDir()
}

// TestExampleHome: the home page leads with the three tasks people come
// for, lists no section twice and leaves the support pages to the footer.
func TestExampleHome(t *testing.T) {
	files := exampleSite(t)
	doc := parsePage(t, files, "index.html")
	main := findAll(doc, isTag("main"))[0]
	tasks := findAll(main, hasClass("plinth-tasks"))
	if len(tasks) != 1 {
		t.Fatal("the home page has no task cards")
	}
	var links []string
	for _, a := range findAll(tasks[0], isTag("a")) {
		links = append(links, attrOf(a, "href"))
	}
	want := []string{"/framework/2021/", "/guidance/", "/action-plans/", "/you-said-we-did/"}
	if strings.Join(links, " ") != strings.Join(want, " ") {
		t.Errorf("the task cards link to %v, want the standards in force, guidance, progress and \"You said, we did\": %v", links, want)
	}
	if n := len(findAll(main, hasClass("nhsuk-card"))); n != 3 {
		t.Errorf("the home page has %d cards, want the 3 tasks", n)
	}
	seen := map[string]int{}
	for _, a := range findAll(main, isTag("a")) {
		seen[attrOf(a, "href")]++
	}
	for _, section := range want {
		if seen[section] > 1 {
			t.Errorf("the home page links to %s %d times", section, seen[section])
		}
	}
	if seen["/privacy/"] > 0 {
		t.Error("the home page lists the privacy notice, which belongs in the footer")
	}
}

// TestExampleFooter: every page's footer names the licence of the site's
// text and data with the Open Government Licence mark, links to the
// notices of the bundled third-party code (which name what is bundled and
// nothing else), and ends with the copyright line.
func TestExampleFooter(t *testing.T) {
	files := exampleSite(t)
	var notices string
	for _, p := range htmlPages(files) {
		doc := parsePage(t, files, p)
		footer := findAll(doc, isTag("footer"))
		if len(footer) != 1 {
			t.Errorf("%s: %d footers", p, len(footer))
			continue
		}
		f := footer[0]
		licence := findAll(f, func(n *html.Node) bool { return n.Data == "a" && attrOf(n, "rel") == "license" })
		if len(licence) != 1 || attrOf(licence[0], "href") != "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/" || textOf(licence[0]) != "Open Government Licence v3.0" {
			t.Errorf("%s: the footer does not link to the Open Government Licence v3.0", p)
		}
		if len(findAll(f, hasClass("plinth-licence__mark"))) != 1 {
			t.Errorf("%s: the footer has no OGL mark", p)
		}
		if c := findAll(f, hasClass("plinth-copyright")); len(c) != 1 || textOf(c[0]) != "© Example Education Quality Body" {
			t.Errorf("%s: the footer has no copyright line", p)
		}
		for _, a := range findAll(f, isTag("a")) {
			if strings.Contains(attrOf(a, "href"), "third-party-notices") {
				notices = strings.TrimPrefix(attrOf(a, "href"), "/")
			}
		}
	}
	text := string(files[notices])
	if want := "\nnhsuk-frontend 10.6.1\nLicence: MIT\n"; !strings.Contains(text, want) {
		t.Errorf("the notices at %q lack %q", notices, want)
	}
	// The charts are drawn at build time, in Go: no ECharts code is in
	// the bundle, so its notice is not either (the list follows what the
	// entries import).
	for _, absent := range []string{"\necharts ", "\nzrender "} {
		if strings.Contains(text, absent) {
			t.Errorf("the notices at %q name %q, which is not bundled", notices, strings.TrimSpace(absent))
		}
	}
}

// TestExample404: the page for an unknown address offers the site's
// search and the A to Z of the standards in force.
func TestExample404(t *testing.T) {
	files := exampleSite(t)
	doc := parsePage(t, files, "404.html")
	main := findAll(doc, isTag("main"))[0]
	forms := findAll(main, isTag("form"))
	if len(forms) != 1 || attrOf(forms[0], "action") != "/search/" || attrOf(forms[0], "method") != "get" {
		t.Fatal("the 404 page has no search form sending to /search/")
	}
	if in := findAll(forms[0], func(n *html.Node) bool { return n.Data == "input" && attrOf(n, "name") == "q" }); len(in) != 1 {
		t.Error("the 404 page's search form has no q field")
	}
	var links []string
	for _, a := range findAll(main, isTag("a")) {
		links = append(links, attrOf(a, "href"))
	}
	if !slices.Contains(links, "/framework/a-z/") {
		t.Errorf("the 404 page does not link to the A to Z: %v", links)
	}
	if _, ok := files["framework/a-z/index.html"]; !ok {
		t.Error("there is no A to Z page")
	}
}

// TestExampleEditionPage: on an edition's page, the print, download and
// comparison links and the standards come before the edition's own text.
func TestExampleEditionPage(t *testing.T) {
	files := exampleSite(t)
	page := string(files["framework/2021/index.html"])
	at := func(s string) int {
		i := strings.Index(page, s)
		if i < 0 {
			t.Fatalf("the 2021 edition's page lacks %q", s)
		}
		return i
	}
	about := at(`id="about-this-edition"`)
	for _, s := range []string{`href="/framework/2021/print/"`, `href="/framework/2021/standards.csv"`, `href="/framework/2021/standards.json"`,
		`href="/framework/changes/2019-to-2021/"`, `href="/framework/2021/standards/1-1/"`, `href="/framework/2021/standards/6-4/"`} {
		if at(s) > about {
			t.Errorf("%s comes after the edition's own text", s)
		}
	}
	if at("What this edition emphasises") < about {
		t.Error("the edition's own text comes before its standards")
	}
}

// TestExampleStandardChanges: each standard's page of an edition that has
// a previous one links to what changed in it, at an anchor that exists on
// the "what changed" page.
func TestExampleStandardChanges(t *testing.T) {
	files := exampleSite(t)
	link := regexp.MustCompile(`<h2 id="what-changed">What changed in this standard</h2>\s*<ul>\s*<li>([^<]*): <a href="/(framework/changes/[^/]+/)(#[a-z0-9-]+)?">`)
	checked := 0
	for _, p := range sortedPaths(files) {
		if !standardPage.MatchString(p) {
			continue
		}
		m := link.FindStringSubmatch(string(files[p]))
		if m == nil {
			t.Errorf("%s does not link to what changed in it", p)
			continue
		}
		target, ok := files[m[2]+"index.html"]
		if !ok {
			t.Errorf("%s links to %s, which was not built", p, m[2])
			continue
		}
		if m[3] != "" && !bytes.Contains(target, []byte(`id="`+m[3][1:]+`"`)) {
			t.Errorf("%s links to %s%s, but that page has no such id", p, m[2], m[3])
		}
		checked++
	}
	if checked < 60 {
		t.Errorf("checked %d standard pages, want every one of 2019 and 2021", checked)
	}
	// A reworded standard says so; an unchanged one says that too.
	if !strings.Contains(string(files["framework/2019/standards/1-3/index.html"]), "It was standard 1.4 in the 2016 edition") {
		t.Error("standard 2019:1.3 does not say it was 1.4 in 2016")
	}
}

// standardPage matches the pages of the standards of the 2019 and 2021
// editions, each of which has an earlier edition to compare with.
var standardPage = regexp.MustCompile(`^framework/(2019|2021)/standards/[0-9]+-[0-9]+/index\.html$`)

// entityInText finds HTML character references that were escaped a
// second time, which a browser shows as "&rsquo;".
var entityInText = regexp.MustCompile(`&amp;(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]+[0-9]*);`)

// selfAssessmentPage matches the providers' self-assessment, whose
// layout writes its own contents list: the parts a provider works
// through, some shown only when its script runs, and not the headings of
// its messages or of its printed report.
var selfAssessmentPage = regexp.MustCompile(`^framework/[^/]+/self-assessment/index\.html$`)

// TestExampleContentsLists: every "On this page" list links to exactly
// the page's level-2 headings, at least three of them; the long pages the
// issue names have one, generated pages included; and no page shows an
// escaped entity such as &rsquo; as text.
func TestExampleContentsLists(t *testing.T) {
	files := exampleSite(t)
	with := 0
	for _, p := range htmlPages(files) {
		if m := entityInText.Find(files[p]); m != nil {
			t.Errorf("%s: %q is escaped twice", p, m)
		}
		doc := parsePage(t, files, p)
		nav := findAll(doc, hasClass("nhsuk-contents-list"))
		if len(nav) == 0 || selfAssessmentPage.MatchString(p) {
			continue
		}
		with++
		var ids []string
		for _, h := range findAll(findAll(doc, isTag("main"))[0], isTag("h2")) {
			if id := attrOf(h, "id"); id != "" {
				ids = append(ids, "#"+id)
			}
		}
		var links []string
		for _, a := range findAll(nav[0], isTag("a")) {
			links = append(links, attrOf(a, "href"))
		}
		if strings.Join(links, " ") != strings.Join(ids, " ") || len(links) < 3 {
			t.Errorf("%s: the contents list links to %v, want every h2 of the page: %v", p, links, ids)
		}
	}
	for _, p := range []string{"accessibility/index.html", "framework/changes/2019-to-2021/index.html", "action-plans/index.html", "action-plans/london/index.html", "framework/2021/print/index.html"} {
		if len(findAll(parsePage(t, files, p), hasClass("nhsuk-contents-list"))) != 1 {
			t.Errorf("%s has no contents list", p)
		}
	}
	// The headings that were escaped twice in the issue.
	for p, want := range map[string]string{
		"accessibility/index.html":                          "What we\u2019re doing",
		"guidance/facilities-and-library-access/index.html": "What \u201cquality-assured\u201d",
	} {
		nav := findAll(parsePage(t, files, p), hasClass("nhsuk-contents-list"))
		if len(nav) == 0 || !strings.Contains(textOf(nav[0]), want) {
			t.Errorf("%s: the contents list does not show %q", p, want)
		}
	}
	t.Logf("%d pages have a contents list", with)
}

// TestExampleOpenDataLicence: every open-data file names its licence, the
// Open Government Licence v3.0 by default: a JSON file in its licence
// field, a CSV file in the CSVW metadata file beside it.
func TestExampleOpenDataLicence(t *testing.T) {
	files := exampleSite(t)
	const ogl = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
	var csvs, jsons int
	for _, p := range sortedPaths(files) {
		open := strings.HasPrefix(p, "action-plans/data/") || strings.HasPrefix(p, "framework/")
		switch {
		case !open || strings.HasSuffix(p, ".schema.json") || strings.HasSuffix(p, "-metadata.json"):
		case strings.HasSuffix(p, ".csv"):
			csvs++
			var meta struct {
				URL     string `json:"url"`
				License struct {
					ID string `json:"@id"`
				} `json:"dc:license"`
			}
			if err := json.Unmarshal(files[p+"-metadata.json"], &meta); err != nil || meta.License.ID != ogl || meta.URL != path.Base(p) {
				t.Errorf("%s: its metadata does not name the Open Government Licence (%v): %s", p, err, files[p+"-metadata.json"])
			}
		case strings.HasSuffix(p, ".json"):
			jsons++
			var doc struct {
				Licence struct{ Name, URL string } `json:"licence"`
			}
			if err := json.Unmarshal(files[p], &doc); err != nil || doc.Licence.URL != ogl || doc.Licence.Name != "Open Government Licence v3.0" {
				t.Errorf("%s does not name the Open Government Licence v3.0 (%v)", p, err)
			}
		}
	}
	if csvs < 10 || jsons < 13 {
		t.Errorf("checked %d CSV and %d JSON files; want every table's and every edition's", csvs, jsons)
	}
}

// TestExamplePreview builds the example site as a pull request's preview
// (plinth build --preview): every page says so in a banner linking to the
// published site and asks search engines not to index it, and robots.txt
// turns them away. The real site's build has none of this.
func TestExamplePreview(t *testing.T) {
	res, diags := Run(Options{Source: "../..", Now: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC),
		BaseURL: "https://example.github.io/quality/previews/pr-42/", Preview: "pull request #42"})
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	files := map[string][]byte{}
	for _, f := range res.Files {
		files[f.Path] = f.Data
	}
	if robots := string(files["robots.txt"]); robots != "User-agent: *\nDisallow: /\n" {
		t.Errorf("robots.txt = %q, want every robot turned away", robots)
	}
	pages := htmlPages(files)
	for _, p := range pages {
		doc := parsePage(t, files, p)
		robots := findAll(doc, func(n *html.Node) bool { return n.Data == "meta" && attrOf(n, "name") == "robots" })
		if len(robots) != 1 || attrOf(robots[0], "content") != "noindex" {
			t.Errorf("%s does not ask search engines not to index it", p)
		}
		banner := findAll(doc, hasClass("plinth-preview-banner"))
		if len(banner) != 1 || !strings.Contains(textOf(banner[0]), "This is a preview of pull request #42. It is not the published site, which is at https://quality.example.org/.") {
			t.Errorf("%s has no preview banner naming the pull request and the published site", p)
			continue
		}
		if links := findAll(banner[0], isTag("a")); len(links) != 1 || attrOf(links[0], "href") != "https://quality.example.org/" {
			t.Errorf("%s: the banner does not link to the published site", p)
		}
	}
	if len(pages) < 100 {
		t.Errorf("checked %d pages", len(pages))
	}
	// The real site: no banner, and robots allowed.
	real := exampleSite(t)
	if bytes.Contains(real["index.html"], []byte("plinth-preview-banner")) || !bytes.Contains(real["robots.txt"], []byte("Allow: /")) {
		t.Error("the published site's build is marked as a preview")
	}
}

// TestExampleProgrammes: the programmes the strategy names are present by
// name in the strategy and guidance, each explained under a heading of its
// own, so that a search for one finds the pages about it.
func TestExampleProgrammes(t *testing.T) {
	files := exampleSite(t)
	programmes := []struct{ name, heading string }{
		{"Intensive Support Framework", "The Intensive Support Framework"},
		{"Quality Improvement Register", "The Quality Improvement Register"},
		{"National Education and Training Survey", "The National Education and Training Survey"},
		{"Patient Safety Syllabus", "The NHS Patient Safety Syllabus"},
		{"escalating concerns pathway", "The escalating concerns pathway"},
		{"integrated care system", "Integrated care systems"},
	}
	texts := map[string]string{}
	var headings []string
	for _, p := range htmlPages(files) {
		if !strings.HasPrefix(p, "strategy/") && !strings.HasPrefix(p, "guidance/") {
			continue
		}
		main := findAll(parsePage(t, files, p), isTag("main"))[0]
		texts[p] = strings.ToLower(textOf(main))
		for _, h := range findAll(main, isTag("h2")) {
			headings = append(headings, textOf(h))
		}
	}
	for _, pr := range programmes {
		var on []string
		for p, text := range texts {
			if strings.Contains(text, strings.ToLower(pr.name)) {
				on = append(on, p)
			}
		}
		if len(on) < 3 {
			t.Errorf("%q is named on %d pages of the strategy and guidance (%v), want at least 3", pr.name, len(on), on)
		}
		if !slices.Contains(headings, pr.heading) {
			t.Errorf("no page explains %q under the heading %q", pr.name, pr.heading)
		}
	}
}
