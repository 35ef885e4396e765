package pipeline

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// The tests in this file build the example site at the repository's root,
// in memory, and check what its readers and providers' tools rely on.

var exampleBuild = sync.OnceValues(func() (map[string][]byte, diag.List) {
	res, diags := Run(Options{Source: "../..", Now: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)})
	files := map[string][]byte{}
	for _, f := range res.Files {
		files[f.Path] = f.Data
	}
	return files, diags
})

func exampleSite(t *testing.T) map[string][]byte {
	t.Helper()
	files, diags := exampleBuild()
	if diags.HasErrors() {
		var b strings.Builder
		diag.Print(&b, diags, 0)
		t.Fatalf("the example site does not build:\n%s", b.String())
	}
	return files
}

func TestExampleSiteBuilds(t *testing.T) {
	exampleSite(t)
	_, diags := exampleBuild()
	for _, d := range diags {
		t.Logf("warning: %s", d.Error())
	}
}

// standardsFile is the part of standards.json these tests read.
type standardsFile struct {
	Edition   string `json:"edition"`
	Status    string `json:"status"`
	Standards []struct {
		Ref        string   `json:"ref"`
		URL        string   `json:"url"`
		ReplacedBy []string `json:"replaced_by"`
	} `json:"standards"`
}

func editions(t *testing.T, files map[string][]byte) []standardsFile {
	t.Helper()
	var out []standardsFile
	for _, p := range sortedPaths(files) {
		if path.Base(p) != "standards.json" || !strings.HasPrefix(p, "framework/") {
			continue
		}
		var e standardsFile
		if err := json.Unmarshal(files[p], &e); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		out = append(out, e)
	}
	if len(out) != 4 {
		t.Fatalf("found %d editions' standards.json, want 4 (2016, 2019, 2021, and 2027 out for consultation)", len(out))
	}
	return out
}

// TestExampleSupersededStandards checks every standard page of a
// superseded edition: the banner naming the successor, a canonical link to
// a page of the edition in force, and noindex.
func TestExampleSupersededStandards(t *testing.T) {
	files := exampleSite(t)
	const origin = "https://quality.example.org/"
	canonical := regexp.MustCompile(`<link rel="canonical" href="([^"]+)">`)
	checked := 0
	for _, e := range editions(t, files) {
		if e.Status != "superseded" {
			continue
		}
		for _, s := range e.Standards {
			p := strings.TrimPrefix(s.URL, origin) + "index.html"
			html, ok := files[p]
			if !ok {
				t.Errorf("%s: no page at %s", s.Ref, p)
				continue
			}
			for _, want := range []string{
				`<div class="nhsuk-card nhsuk-card--warning">`,
				`<span class="nhsuk-u-visually-hidden">Important: </span>This edition has been superseded</span></h2>`,
				`<meta name="robots" content="noindex">`,
				`Illustrative wording.`,
			} {
				if !bytes.Contains(html, []byte(want)) {
					t.Errorf("%s (%s) lacks %q", s.Ref, p, want)
				}
			}
			// The banner names the edition in force once, whether or not
			// it is the edition that replaced this one.
			banner, _, _ := bytes.Cut(html[bytes.Index(html, []byte("nhsuk-card--warning")):], []byte("</div>\n</div>"))
			if n := bytes.Count(banner, []byte(`<a href="/framework/2021/">Quality Framework 2021</a>`)); n != 1 || !bytes.Contains(banner, []byte("edition in force")) {
				t.Errorf("%s: the banner names the edition in force %d times, want once:\n%s", s.Ref, n, banner)
			}
			if bytes.Contains(html, []byte("Next review due")) {
				t.Errorf("%s: a superseded standard says when its next review is due", s.Ref)
			}
			m := canonical.FindSubmatch(html)
			if m == nil || !strings.HasPrefix(string(m[1]), origin+"framework/2021/") {
				t.Errorf("%s: canonical %q does not point into the edition in force", s.Ref, m)
			} else if _, ok := files[strings.TrimPrefix(string(m[1]), origin)+"index.html"]; !ok {
				t.Errorf("%s: canonical %s is not a page of the site", s.Ref, m[1])
			}
			checked++
		}
	}
	if checked != 29+31 {
		t.Errorf("checked %d superseded standard pages, want 60 (29 of 2016, 31 of 2019)", checked)
	}
	t.Logf("checked %d standard pages of superseded editions", checked)
}

// TestExampleConsultation checks what a reader sees of the example's 2027
// edition, out for consultation: every standard's page says it is a draft
// that does not apply, with the closing date and where to respond, and
// names the standard in force it would replace; a standard in force links
// to its proposed wording, or says it is proposed for removal; the
// comparison is called "Proposed changes".
func TestExampleConsultation(t *testing.T) {
	files := exampleSite(t)
	checked := 0
	for _, e := range editions(t, files) {
		if e.Status != "consultation" {
			continue
		}
		for _, s := range e.Standards {
			p := strings.TrimPrefix(s.URL, "https://quality.example.org/") + "index.html"
			html := files[p]
			for _, want := range []string{
				`<span class="nhsuk-u-visually-hidden">Important: </span>Draft for consultation: not in force</span></h2>`,
				`It does not apply: providers are held to the edition in force, the <a href="/framework/2021/">Quality Framework 2021</a>.`,
				`The consultation closes on <time datetime="2027-03-31">31 March 2027</time>.`,
				`<a href="/contact/">Tell us what you think of the proposed changes</a>`,
				`<meta name="robots" content="noindex">`,
			} {
				if !bytes.Contains(html, []byte(want)) {
					t.Errorf("%s (%s) lacks %q", s.Ref, p, want)
				}
			}
			checked++
		}
	}
	if checked != 30 {
		t.Errorf("checked %d standard pages out for consultation, want 30", checked)
	}
	for p, want := range map[string]string{
		"framework/2027/standards/1-3/index.html":   `The standard in force now: <a href="/framework/2021/standards/1-3/">1.3 Quality improvement and research</a>.`,
		"framework/2027/standards/3-7/index.html":   `This is a proposed new standard: it is not part of the edition in force.`,
		"framework/2021/standards/1-3/index.html":   `<a href="/framework/2027/standards/1-3/">standard 1.3 Quality improvement, research and innovation</a>`,
		"framework/2021/standards/6-4/index.html":   `proposes removing this standard.`,
		"framework/changes/2021-to-2027/index.html": `<h1>Proposed changes from the 2021 edition to the 2027 draft</h1>`,
		"framework/2027/index.html":                 `Rehearse a self-assessment against these proposed standards`,
		"framework/2027/self-assessment/index.html": `This self-assessment is a rehearsal.`,
		"framework/index.html":                      `2021 to 2027</a> (proposed changes, out for consultation)`,
	} {
		if !bytes.Contains(files[p], []byte(want)) {
			t.Errorf("%s lacks %q", p, want)
		}
	}
	// A proposal is not a change made: its headings say what the draft
	// would do, and a change made keeps its own.
	for p, want := range map[string][]string{
		"framework/changes/2021-to-2027/index.html": {`>Standards the draft would remove</h2>`, `>1 standard to be removed</a>`, `>Proposed new standards</h2>`},
		"framework/changes/2019-to-2021/index.html": {`>Removed standards</h2>`, `>New standards</h2>`},
	} {
		for _, w := range want {
			if !bytes.Contains(files[p], []byte(w)) {
				t.Errorf("%s lacks %q", p, w)
			}
		}
	}
	if bytes.Contains(files["framework/2027/index.html"], []byte(`name="robots" content="noindex"`)) {
		t.Error("the consultation's front page asks not to be indexed; it announces the consultation")
	}
}

// TestExampleOpenDataSchemas validates every standards.json and
// changes.json of the example site against the schemas in docs/schemas,
// and checks that the schemas do reject a malformed file.
func TestExampleOpenDataSchemas(t *testing.T) {
	files := exampleSite(t)
	c := jsonschema.NewCompiler()
	schemas := map[string]*jsonschema.Schema{}
	for _, name := range []string{"standards", "changes"} {
		s, err := c.Compile("../../docs/schemas/" + name + ".schema.json")
		if err != nil {
			t.Fatalf("%s.schema.json: %v", name, err)
		}
		schemas[name+".json"] = s
	}
	validated := 0
	for _, p := range sortedPaths(files) {
		s, ok := schemas[path.Base(p)]
		if !ok || !strings.HasPrefix(p, "framework/") {
			continue
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(files[p]))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if err := s.Validate(inst); err != nil {
			t.Errorf("%s does not match its schema: %v", p, err)
		}
		validated++
	}
	// 4 editions (2027 out for consultation), and a comparison for
	// each ordered pair of them.
	if validated != 4+6 {
		t.Errorf("validated %d files, want 10 (4 standards.json, 6 changes.json)", validated)
	}
	bad := bytes.Replace(files["framework/2021/standards.json"], []byte(`"id": "1.3"`), []byte(`"id": "1-3"`), 1)
	inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(bad))
	if err := schemas["standards.json"].Validate(inst); err == nil {
		t.Error(`the standards schema accepted the ID "1-3"`)
	}
}

// TestExampleChanges2019To2021 checks the example's 2019 to 2021 page
// against the content designer's record of the changes planted between
// the editions, and that the page lists every kind with accessible
// redlines.
func TestExampleChanges2019To2021(t *testing.T) {
	files := exampleSite(t)
	var doc struct {
		Counts         map[string]int `json:"counts"`
		DomainsRenamed []struct {
			Number int `json:"number"`
		} `json:"domains_renamed"`
		Changes []struct {
			Kind string   `json:"kind"`
			Old  []string `json:"old"`
			New  []string `json:"new"`
		} `json:"changes"`
	}
	if err := json.Unmarshal(files["framework/changes/2019-to-2021/changes.json"], &doc); err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"unchanged": 10, "reworded": 12, "renumbered": 4, "merged": 2, "added": 3, "removed": 1, "split": 0}
	for k, n := range want {
		if doc.Counts[k] != n {
			t.Errorf("%s: %d, want %d", k, doc.Counts[k], n)
		}
	}
	var got []string
	for _, c := range doc.Changes {
		got = append(got, fmt.Sprintf("%s %s>%s", c.Kind, strings.Join(c.Old, "+"), strings.Join(c.New, "+")))
	}
	for _, w := range []string{
		"added >2.6", "added >3.6", "added >4.5", "removed 3.5>",
		"renumbered 2.3>2.2", "renumbered 2.4>2.3", "renumbered 2.6>2.4", "renumbered 3.6>3.5",
		"merged 2.1+2.2>2.1", "merged 4.2+4.5>4.2", "reworded 1.1>1.1", "reworded 6.3>6.3",
	} {
		if !slices.Contains(got, w) {
			t.Errorf("changes.json lacks %q; has %v", w, got)
		}
	}
	if len(doc.DomainsRenamed) != 2 || doc.DomainsRenamed[0].Number != 2 || doc.DomainsRenamed[1].Number != 5 {
		t.Errorf("domains renamed: %+v, want 2 and 5", doc.DomainsRenamed)
	}
	html := files["framework/changes/2019-to-2021/index.html"]
	for _, w := range []string{
		`<h2 id="added">New standards</h2>`, `<h2 id="removed">Removed standards</h2>`,
		`<h2 id="renumbered">Renumbered standards</h2>`, `<h2 id="merged">Merged standards</h2>`,
		`<h2 id="reworded">Reworded standards</h2>`, `<h2 id="domains">Domains</h2>`,
		`<li>10 standards unchanged (not listed)</li>`,
		`<del><span class="nhsuk-u-visually-hidden">deleted: </span>`, `<ins><span class="nhsuk-u-visually-hidden">inserted: </span>`,
		`Domain 2 was renamed from “Educational governance and leadership” to`,
	} {
		if !bytes.Contains(html, []byte(w)) {
			t.Errorf("the 2019 to 2021 page lacks %q", w)
		}
	}
}

// TestExampleLatest checks the /framework/latest/ redirects: a static page
// for every page of the edition in force, and the _redirects rule.
func TestExampleLatest(t *testing.T) {
	files := exampleSite(t)
	if got, want := string(files["_redirects"]), "/framework/latest/* /framework/2021/:splat 302!\n"; !strings.Contains(got, want) {
		t.Errorf("_redirects = %q, want it to hold %q", got, want)
	}
	for p, target := range map[string]string{
		"framework/latest/index.html":                 "https://quality.example.org/framework/2021/",
		"framework/latest/standards/1-3/index.html":   "https://quality.example.org/framework/2021/standards/1-3/",
		"framework/latest/domains/2/index.html":       "https://quality.example.org/framework/2021/domains/2/",
		"framework/latest/print/index.html":           "https://quality.example.org/framework/2021/print/",
		"framework/2019/standards/index.html":         "https://quality.example.org/framework/2019/",
		"framework/latest/standards/6-4/index.html":   "https://quality.example.org/framework/2021/standards/6-4/",
		"framework/2021/standards/3-6/index.html":     "",
		"framework/changes/2016-to-2021/changes.json": "",
		"framework/2021/standards.csv":                "",
	} {
		data, ok := files[p]
		if !ok {
			t.Errorf("%s is missing", p)
			continue
		}
		if target != "" && !bytes.Contains(data, []byte(`<link rel="canonical" href="`+target+`">`)) {
			t.Errorf("%s does not redirect to %s:\n%s", p, target, data)
		}
	}
}

// TestExampleHeadings holds every HTML page of the example site to one h1
// and no skipped heading levels.
func TestExampleHeadings(t *testing.T) {
	files := exampleSite(t)
	heading := regexp.MustCompile(`<h([1-6])[ >]`)
	for _, p := range sortedPaths(files) {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		levels := heading.FindAllSubmatch(files[p], -1)
		h1 := 0
		prev := 0
		for _, m := range levels {
			n := int(m[1][0] - '0')
			if n == 1 {
				h1++
			}
			if n > prev+1 {
				t.Errorf("%s: h%d follows h%d", p, n, prev)
			}
			prev = n
		}
		if h1 != 1 {
			t.Errorf("%s has %d h1 headings, want 1", p, h1)
		}
	}
}

// TestExampleFrameworkLinks checks that every site link on the framework's
// and guidance's pages leads to a file of the site.
func TestExampleFrameworkLinks(t *testing.T) {
	files := exampleSite(t)
	href := regexp.MustCompile(`href="(/[^"#?]*)`)
	for _, p := range sortedPaths(files) {
		if !strings.HasSuffix(p, ".html") || !(strings.HasPrefix(p, "framework/") || strings.HasPrefix(p, "guidance/")) {
			continue
		}
		for _, m := range href.FindAllSubmatch(files[p], -1) {
			target := strings.TrimPrefix(string(m[1]), "/")
			if strings.HasSuffix(target, "/") || target == "" {
				target += "index.html"
			}
			if _, ok := files[target]; !ok {
				t.Errorf("%s links to %s, which is not in the site", p, m[1])
			}
		}
	}
}

func sortedPaths(files map[string][]byte) []string {
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	return paths
}

// TestExampleOnePagePerContentFile: every Markdown file of the example
// site becomes a published page, at whatever address its section gives it
// (standards take addresses built from their IDs).
func TestExampleOnePagePerContentFile(t *testing.T) {
	res, diags := Run(Options{Source: "../..", Now: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)})
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	out := map[string]bool{}
	for _, f := range res.Files {
		out[f.Path] = true
	}
	n := 0
	err := filepath.WalkDir("../../content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		n++
		file := "content/" + filepath.ToSlash(strings.TrimPrefix(p, "../../content/"))
		page := res.Site.GetPage(file)
		switch {
		case page == nil:
			t.Errorf("%s has no page", file)
		case !out[page.OutputPath]:
			t.Errorf("%s: its page %s was not written", file, page.OutputPath)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 100 {
		t.Fatalf("only %d content files found", n)
	}
	t.Logf("%d content files, each with its page", n)
}
