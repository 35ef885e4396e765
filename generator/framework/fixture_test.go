package framework

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/plinth-ssg/plinth/generator/config"
	"github.com/plinth-ssg/plinth/generator/content"
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/site"
)

// The fixtures under testdata/ are txtar archives of content files (and
// optionally site.toml) run through content.Load and Build, the framework's
// part of the pipeline. The comment may hold "flags: --drafts". Files named
// expect/... are compared exactly with what the stage made:
//
//	expect/diagnostics   every diagnostic's first line, sorted ("none" if
//	                     the file is absent: a fixture may not warn unseen)
//	expect/changes       every comparison, as written by describeChanges
//	expect/pages         every framework page: URL, layout, hints, aliases
//	expect/self-assessment  each self-assessment's data island, indented
//	expect/search        the editions as search facets, and how each page
//	                     is described to the search index (SearchFacets)
//
// Run go test -update to rewrite the expectations from the output, then
// read the diff.
var update = flag.Bool("update", false, "rewrite the fixtures' expectations from the current output")

const fixtureSite = "title = \"Fixture\"\nbaseURL = \"https://example.org/\"\ntheme = \"t\"\n"

func TestFixtures(t *testing.T) {
	fixtures, _ := filepath.Glob("testdata/*.txtar")
	if len(fixtures) == 0 {
		t.Fatal("no fixtures found")
	}
	for _, fixture := range fixtures {
		t.Run(strings.TrimSuffix(filepath.Base(fixture), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(fixture)
			if err != nil {
				t.Fatal(err)
			}
			got := runFixture(t, ar)
			expect := map[string]string{}
			for _, f := range ar.Files {
				if name, ok := strings.CutPrefix(f.Name, "expect/"); ok {
					expect[name] = string(f.Data)
				}
			}
			for _, name := range []string{"diagnostics", "changes", "pages", "self-assessment", "search"} {
				want, ok := expect[name]
				if !ok && name != "diagnostics" {
					continue
				}
				if *update {
					if ok || got[name] != "" {
						setFile(ar, "expect/"+name, got[name])
					}
					continue
				}
				if strings.TrimSpace(want) != strings.TrimSpace(got[name]) {
					t.Errorf("expect/%s differs.\ngot:\n%s\nwant:\n%s", name, got[name], want)
				}
			}
			if *update {
				if err := os.WriteFile(fixture, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// runFixture builds the fixture and returns the text of each expectation.
func runFixture(t *testing.T, ar *txtar.Archive) map[string]string {
	t.Helper()
	res, diags := buildFixture(t, ar)
	var islands strings.Builder
	for _, e := range res.Framework.Editions {
		if a := e.SelfAssessment; a != nil {
			var v bytes.Buffer
			if err := json.Indent(&v, []byte(a.Data()), "", "  "); err != nil {
				t.Fatalf("the %s self-assessment's data island is not JSON: %v", e.Key, err)
			}
			fmt.Fprintf(&islands, "%s\n%s\n", a.URL(), v.String())
		}
	}
	for _, d := range diags {
		if d.Pos.File == "" || d.Pos.Line == 0 {
			t.Errorf("diagnostic without a line: %s", d.Error())
		}
	}
	return map[string]string{
		"diagnostics":     diagnosticLines(diags),
		"changes":         describeChanges(res.Framework),
		"pages":           describePages(res.Pages),
		"self-assessment": islands.String(),
		"search":          describeSearch(res.Framework.SearchFacets(), res.Pages),
	}
}

// buildFixture runs content.Load and Build over a fixture's files.
func buildFixture(t *testing.T, ar *txtar.Archive) (Result, diag.List) {
	t.Helper()
	fsys := fstest.MapFS{
		"site.toml":       {Data: []byte(fixtureSite)},
		"themes/t/README": {Data: []byte("theme")},
	}
	for _, f := range ar.Files {
		if !strings.HasPrefix(f.Name, "expect/") {
			fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	opts := site.Publish{Now: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)}
	for _, line := range strings.Split(string(ar.Comment), "\n") {
		if rest, ok := strings.CutPrefix(line, "flags:"); ok {
			opts.Drafts = strings.Contains(rest, "--drafts")
		}
	}
	cfg, diags := config.Load(fsys, config.Options{})
	if cfg == nil || diags.HasErrors() {
		t.Fatalf("site.toml: %v", diags)
	}
	loaded, d := content.Load(fsys, content.Options{Schemas: []content.Schema{Schema}})
	diags.Append(d)
	res, d := Build(cfg, loaded.Pages, opts, loaded.Failed)
	diags.Append(d)
	return res, diags
}

func diagnosticLines(l diag.List) string {
	l = slices.Clone(l)
	l.Sort()
	if len(l) == 0 {
		return "none\n"
	}
	var b strings.Builder
	for _, d := range l {
		b.WriteString(d.Error() + "\n")
	}
	return b.String()
}

// describeChanges writes every comparison in a compact, reviewable form;
// redlines use wdiff's notation: [-deleted-] {+inserted+}.
func describeChanges(f *Framework) string {
	var b strings.Builder
	for _, c := range f.Comparisons {
		fmt.Fprintf(&b, "%s to %s", c.From.Key, c.To.Key)
		if c.Consecutive {
			b.WriteString(" (consecutive)")
		}
		fmt.Fprintf(&b, ": %d unchanged\n", c.Unchanged)
		for _, ch := range c.Changes {
			fmt.Fprintf(&b, "  %s %s", ch.Kind, standardList(ch.Old))
			if len(ch.Old) > 0 && len(ch.New) > 0 {
				b.WriteString(" -> ")
			}
			b.WriteString(standardList(ch.New))
			if ch.Kind == Renumbered && !ch.Reworded {
				b.WriteString(", same wording")
			}
			b.WriteString("\n")
			for _, part := range []struct {
				name string
				segs []Segment
				list bool
			}{{"title", ch.Title, false}, {"text", ch.Text, false}, {"must", ch.Must, true}, {"evidence", ch.Evidence, true}} {
				if changed(part.segs) {
					fmt.Fprintf(&b, "    %s: %s\n", part.name, wdiff(part.segs, part.list))
				}
			}
		}
		for _, r := range c.DomainsRenamed {
			fmt.Fprintf(&b, "  domain %d renamed %q -> %q\n", r.Number, r.Old.Title, r.New.Title)
		}
		for _, d := range c.DomainsAdded {
			fmt.Fprintf(&b, "  domain %d added %q\n", d.Number, d.Title)
		}
		for _, d := range c.DomainsRemoved {
			fmt.Fprintf(&b, "  domain %d removed %q\n", d.Number, d.Title)
		}
	}
	return b.String()
}

func standardList(ss []*Standard) string {
	var parts []string
	for _, s := range ss {
		parts = append(parts, s.Ref().String())
	}
	return strings.Join(parts, " + ")
}

func wdiff(segs []Segment, list bool) string {
	var parts []string
	for _, s := range segs {
		switch s.Op {
		case Delete:
			parts = append(parts, "[-"+s.Text+"-]")
		case Insert:
			parts = append(parts, "{+"+s.Text+"+}")
		default:
			parts = append(parts, s.Text)
		}
	}
	if list {
		return strings.Join(parts, " | ")
	}
	return strings.Join(parts, " ")
}

// describePages lists the pages the framework owns or made, by URL.
func describePages(pages []*site.Page) string {
	var lines []string
	for _, p := range pages {
		switch p.Extra.(type) {
		case *Framework, *Edition, *Domain, *Standard, *Comparison, *Guidance, *EditionMatter, *SelfAssessment:
		default:
			continue
		}
		if p.URL == "" {
			if reason := (site.Publish{}).Excludes(p); reason != "" {
				lines = append(lines, p.File+" left out: "+reason)
			}
			continue
		}
		line := fmt.Sprintf("%s %s", p.URL, p.Layout)
		if p.Layout == "" {
			line = p.URL + " (default layout)"
		}
		if p.NoIndex {
			line += " noindex"
		}
		if p.Canonical != "" {
			line += " canonical=" + p.Canonical
		}
		if p.Draft {
			line += " draft"
		}
		for _, a := range p.Aliases {
			line += " alias=" + a
		}
		if g, ok := p.Extra.(*Guidance); ok {
			line += " standards=" + standardList(g.Standards)
		}
		if s, ok := p.Extra.(*Standard); ok && len(s.Guidance) > 0 {
			var titles []string
			for _, g := range s.Guidance {
				titles = append(titles, g.Title)
			}
			line += " guidance=" + strings.Join(titles, "+")
		}
		lines = append(lines, line)
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n") + "\n"
}

// describeSearch lists the search facets and every framework page's entry
// in the search index.
func describeSearch(fx SearchFacets, pages []*site.Page) string {
	var b strings.Builder
	for _, e := range fx.Editions() {
		fmt.Fprintf(&b, "edition %s %q %s default=%t retired=%t\n", e.Key, e.Title, e.Status, e.Default, e.Retired)
	}
	fmt.Fprintf(&b, "browse %s\n", fx.Browse())
	var lines []string
	for _, p := range pages {
		entry, ok := fx.Entry(p)
		if !ok {
			continue
		}
		name := p.URL
		if name == "" {
			name = p.File
		}
		lines = append(lines, fmt.Sprintf("%s %+v", name, entry))
	}
	slices.Sort(lines)
	return b.String() + strings.Join(lines, "\n") + "\n"
}

func setFile(ar *txtar.Archive, name, data string) {
	for i := range ar.Files {
		if ar.Files[i].Name == name {
			ar.Files[i].Data = []byte(data)
			return
		}
	}
	ar.Files = append(ar.Files, txtar.File{Name: name, Data: []byte(data)})
}
