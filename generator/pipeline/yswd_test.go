package pipeline

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// The tests in this file check "You said, we did" in the example site
// against its data file, read here independently of the generator.

// yswdRow is one row of data/you-said-we-did.csv, by column name.
type yswdRow map[string]string

// readYSWD reads the example site's entries with encoding/csv.
func readYSWD(t *testing.T) []yswdRow {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "data", "you-said-we-did.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil || len(recs) < 2 {
		t.Fatalf("reading the data file: %v", err)
	}
	var rows []yswdRow
	for _, rec := range recs[1:] {
		r := yswdRow{}
		for i, name := range recs[0] {
			r[name] = strings.TrimSpace(rec[i])
		}
		rows = append(rows, r)
	}
	return rows
}

func (r yswdRow) reviewed() bool { return r["reviewed_by"] != "" && r["reviewed_on"] != "" }

// TestExampleYSWDPages checks that every reviewed entry has its page and
// every unreviewed one none, and that there is a page for every region,
// profession, theme and status that has reviewed entries, a feed for every
// such region, and nothing for the values without entries.
func TestExampleYSWDPages(t *testing.T) {
	files := exampleSite(t)
	rows := readYSWD(t)
	has := func(p string) bool { _, ok := files[p]; return ok }
	want := map[string]map[string]bool{"region": {}, "profession": {}, "theme": {}, "status": {}}
	published := 0
	for _, r := range rows {
		page := "you-said-we-did/" + strings.ToLower(r["id"]) + "/index.html"
		if !r.reviewed() {
			if has(page) {
				t.Errorf("unreviewed entry %s is published at %s", r["id"], page)
			}
			continue
		}
		published++
		if !has(page) {
			t.Errorf("entry %s has no page %s", r["id"], page)
		}
		want["region"][r["region"]] = true
		for _, p := range strings.Split(r["professions"], ";") {
			want["profession"][p] = true
		}
		want["theme"][r["theme"]] = true
		want["status"][r["status"]] = true
	}
	folders := map[string]string{"region": "you-said-we-did/", "profession": "you-said-we-did/professions/",
		"theme": "you-said-we-did/themes/", "status": "you-said-we-did/status/"}
	counted := map[string]int{}
	for facet, values := range want {
		for v := range values {
			if !has(folders[facet] + v + "/index.html") {
				t.Errorf("no page for %s %q", facet, v)
			}
			counted[facet]++
		}
	}
	for v := range want["region"] {
		if !has("you-said-we-did/" + v + "/feed.xml") {
			t.Errorf("no feed for region %q", v)
		}
	}
	// A page for a value without entries would be an empty list.
	for p := range files {
		for facet, folder := range folders {
			rest, ok := strings.CutPrefix(p, folder)
			if !ok || facet == "region" && strings.HasPrefix(rest, "yswd-") {
				continue
			}
			v, tail, _ := strings.Cut(rest, "/")
			if (tail == "index.html" || tail == "feed.xml") && !want[facet][v] && !slices.Contains([]string{"professions", "themes", "status"}, v) {
				t.Errorf("%s is a page for the %s %q, which has no published entries", p, facet, v)
			}
		}
	}
	index := string(files["you-said-we-did/index.html"])
	if got := strings.Count(index, `<li class="nhsuk-grid-column-full nhsuk-card-group__item plinth-yswd-entry"`); got != published {
		t.Errorf("the index shows %d cards, want %d (the reviewed entries)", got, published)
	}
	t.Logf("%d of %d entries published; pages for %d regions, %d professions, %d themes, %d statuses",
		published, len(rows), counted["region"], counted["profession"], counted["theme"], counted["status"])
}

// TestExampleYSWDNewestFirst checks the order of the index's cards.
func TestExampleYSWDNewestFirst(t *testing.T) {
	files := exampleSite(t)
	dates := regexp.MustCompile(`Published <time datetime="(\d{4}-\d{2}-\d{2})">`).FindAllSubmatch(files["you-said-we-did/index.html"], -1)
	if len(dates) == 0 {
		t.Fatal("no dates on the index")
	}
	for i := 1; i < len(dates); i++ {
		if string(dates[i][1]) > string(dates[i-1][1]) {
			t.Errorf("card %d (%s) is newer than card %d (%s)", i+1, dates[i][1], i, dates[i-1][1])
		}
	}
}

// TestExampleYSWDStandards checks that a standard's page lists the entries
// that name it, and that each entry links back to the standard.
func TestExampleYSWDStandards(t *testing.T) {
	files := exampleSite(t)
	var ids []string
	for _, r := range readYSWD(t) {
		if r.reviewed() && slices.Contains(strings.Split(r["standards"], ";"), "2021:3.4") {
			ids = append(ids, strings.ToLower(r["id"]))
		}
	}
	if len(ids) == 0 {
		t.Fatal("no reviewed entry names 2021:3.4")
	}
	standard := string(files["framework/2021/standards/3-4/index.html"])
	if !strings.Contains(standard, "<h2>You said, we did</h2>") {
		t.Errorf("the page of standard 2021:3.4 has no \"You said, we did\" group")
	}
	for _, id := range ids {
		if !strings.Contains(standard, `href="/you-said-we-did/`+id+`/"`) {
			t.Errorf("the page of standard 2021:3.4 does not list %s", id)
		}
		if !strings.Contains(string(files["you-said-we-did/"+id+"/index.html"]), `href="/framework/2021/standards/3-4/"`) {
			t.Errorf("%s does not link to standard 2021:3.4", id)
		}
	}
}

// TestExampleYSWDFeedsLinked checks the feeds' autodiscovery links and
// that the filter form ships hidden (the script shows it).
func TestExampleYSWDFeedsLinked(t *testing.T) {
	files := exampleSite(t)
	for page, feeds := range map[string][]string{
		"you-said-we-did/index.html":          {"you-said-we-did/feed.xml"},
		"you-said-we-did/london/index.html":   {"you-said-we-did/london/feed.xml", "you-said-we-did/feed.xml"},
		"you-said-we-did/yswd-001/index.html": {"you-said-we-did/feed.xml"},
	} {
		head, _, _ := strings.Cut(string(files[page]), "</head>")
		for _, f := range feeds {
			if !strings.Contains(head, `<link rel="alternate" type="application/atom+xml" href="https://quality.example.org/`+f+`"`) {
				t.Errorf("%s does not link %s in its head", page, f)
			}
		}
	}
	if !strings.Contains(string(files["you-said-we-did/index.html"]), `<form class="plinth-yswd-filter" id="yswd-filter" aria-labelledby="yswd-filter-heading" hidden>`) {
		t.Error("the filter form is not in the index, hidden")
	}
}

// TestExampleYSWDFeedIDsStable builds the example site twice, parses every
// "You said, we did" feed with a feed parser and checks that the entry IDs
// are identical.
func TestExampleYSWDFeedIDsStable(t *testing.T) {
	ids := func(files map[string][]byte) []string {
		var out []string
		for _, p := range sortedPaths(files) {
			if !strings.HasPrefix(p, "you-said-we-did/") || !strings.HasSuffix(p, "/feed.xml") {
				continue
			}
			parsed, err := gofeed.NewParser().Parse(bytes.NewReader(files[p]))
			if err != nil {
				t.Fatalf("%s does not parse: %v", p, err)
			}
			if parsed.FeedType != "atom" || len(parsed.Items) == 0 {
				t.Errorf("%s: type %s, %d entries", p, parsed.FeedType, len(parsed.Items))
			}
			for _, it := range parsed.Items {
				out = append(out, p+" "+it.GUID)
			}
		}
		return out
	}
	first := ids(exampleSite(t))
	res, diags := Run(Options{Source: "../..", Now: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)})
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	second := map[string][]byte{}
	for _, f := range res.Files {
		second[f.Path] = f.Data
	}
	if got := ids(second); len(first) == 0 || !slices.Equal(first, got) {
		t.Errorf("feed IDs differ between two builds:\n%v\n%v", first, got)
	}
	feeds := map[string]bool{}
	for _, id := range first {
		feed, _, _ := strings.Cut(id, " ")
		feeds[feed] = true
	}
	t.Logf("%d entries in %d feeds, IDs identical across two builds", len(first), len(feeds))
}

// plant copies the example site, replaces old with new in the data file,
// and builds the copy.
func plant(t *testing.T, old, new string) (Result, diag.List, string) {
	t.Helper()
	dir := copySite(t)
	p := filepath.Join(dir, "data", "you-said-we-did.csv")
	replaceInFile(t, p, old, new)
	dest := filepath.Join(t.TempDir(), "public")
	res, diags := Run(Options{Source: dir, Destination: dest, Now: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC), Write: true})
	if !diags.HasErrors() {
		res.Files = readTree(t, dest) // a written build keeps none in memory
	}
	return res, diags, dest
}

// TestYSWDPlantedProvider plants a provider's site name from the private
// data/providers.csv (row 2, column main_site) in an entry: the build fails
// with one error, at the data file's row and column where the name starts,
// and writes nothing. The scan of the built site finds nothing more,
// because the entry is left out of the pages.
func TestYSWDPlantedProvider(t *testing.T) {
	const old = "YSWD-002,2024-02-06,london,medicine,clinical-supervision,2021:3.1;2021:1.1,Not knowing who supervises us at night,Doctors in training on night shifts"
	_, diags, dest := plant(t, old, strings.Replace(old, "Doctors in training", "Doctors at Netherby General Hospital", 1))
	var errs []string
	for _, d := range diags {
		if d.Severity == diag.Error {
			errs = append(errs, d.Error())
		}
	}
	want := `data/you-said-we-did.csv:3:126: column "learners_said" in row 3 names "Netherby General Hospital", an identifying value from data/providers.csv:2:73`
	if len(errs) != 1 || errs[0] != want {
		t.Errorf("errors:\n%s\nwant exactly:\n%s", strings.Join(errs, "\n"), want)
	}
	if _, err := os.Stat(dest); err == nil {
		t.Error("the failed build wrote its output")
	}
}

// TestYSWDTextEscaped plants markup in an entry: it is printed as text on
// every page and in the feeds, never as markup.
func TestYSWDTextEscaped(t *testing.T) {
	const old = "We worked with providers in the region to show the name"
	res, diags, _ := plant(t, old, `We <b>worked</b> & <script>alert(1)</script> to show the name`)
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	seen := 0
	for _, f := range res.Files {
		if !strings.HasPrefix(f.Path, "you-said-we-did/") && !strings.HasPrefix(f.Path, "framework/") {
			continue
		}
		if bytes.Contains(f.Data, []byte("<script>alert(1)")) || bytes.Contains(f.Data, []byte("<b>worked")) {
			t.Errorf("%s holds the planted markup as markup", f.Path)
		}
		if bytes.Contains(f.Data, []byte("We &lt;b&gt;worked&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt; to show")) {
			seen++
		}
	}
	if seen < 3 { // the entry, the index, a facet page at least; and the feeds
		t.Errorf("the planted text appears escaped in %d files, want it on every page that shows it", seen)
	}
}
