package search

import (
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/plinth-ssg/plinth/generator/site"
)

// patchSite is the site the patch tests edit: pages of several kinds (a
// standard has an ID and the heaviest weight), with words that have other
// forms, compounds, other spellings and words that split into two.
func patchSite(pages int) map[string]string {
	words := strings.Fields("supervise supervising supervision learner learners induction rota rotas colour " +
		"organisation well being wellbeing well-being care careful night shifts 1.3 2.10.1 covid-19 programme " +
		"appraisal appraisals study studies feedback placement placements trust trusts ward wards")
	files := map[string]string{}
	for i := range pages {
		var body []string
		for j := range 12 + i%9 {
			body = append(body, words[(i*7+j*5)%len(words)])
		}
		body = append(body, fmt.Sprintf("page%dword", i))
		dir := "guidance"
		if i%4 == 0 {
			dir = "standards"
		}
		files[fmt.Sprintf("content/%s/p%02d.md", dir, i)] = page(fmt.Sprintf("Page %d", i), strings.Join(body, " ")+".")
	}
	return files
}

// describeStandards makes the pages under standards/ standards: an ID
// each and the heaviest weight.
func describeStandards(p *site.Page) (site.SearchEntry, bool) {
	name, ok := strings.CutPrefix(p.Path, "standards/")
	if !ok {
		return site.SearchEntry{}, false
	}
	return site.SearchEntry{ID: "9." + strings.TrimPrefix(name, "p"), Rank: site.RankCore}, true
}

// output is the index's files as a build keeps them, patched by each
// Builder.Files.
type output map[string][]byte

func (o output) apply(t *testing.T, made Made) {
	t.Helper()
	for path := range o {
		if strings.HasPrefix(path, "search/t/") || path == ManifestPath || made.Regrouped && strings.HasPrefix(path, "search/d/") {
			delete(o, path)
		}
	}
	for _, f := range slices.Concat(made.Index, made.Documents) {
		o[f.Path] = f.Data
	}
}

// fresh indexes s from the start, without a cache.
func fresh(t *testing.T, s *site.Site, opts Options) output {
	t.Helper()
	opts.Cache = nil
	files, err := Index(s, opts)
	if err != nil {
		t.Fatal(err)
	}
	o := output{}
	for _, f := range files {
		o[f.Path] = f.Data
	}
	return o
}

// TestPatchEqualsFresh: after each of a run of edits, the index a Builder
// patches (Add the edited page again, then Files) is byte for byte the
// index of the same pages made from the start; so is the index after a
// page is added or removed, made as `plinth serve` makes it then (a new
// Builder with the same Cache). The edits change a page's length, bring in
// and drop words, their forms and the halves of compounds, change the
// heaviest weight of the index and, with a long page, the average length.
func TestPatchEqualsFresh(t *testing.T) {
	for _, cache := range []*Cache{NewCache(), nil} {
		t.Run(fmt.Sprintf("cache %t", cache != nil), func(t *testing.T) {
			patchEqualsFresh(t, Options{Pages: []Describe{describeStandards}, Cache: cache})
		})
	}
}

// patchEqualsFresh is TestPatchEqualsFresh with or without a cache (a
// Builder without one makes its index again when given pages again).
func patchEqualsFresh(t *testing.T, opts Options) {
	files := patchSite(40)
	s := buildSite(t, files)
	byPath := func(s *site.Site, path string) *site.Page {
		p := s.GetPage(path)
		if p == nil {
			t.Fatalf("no page %s", path)
		}
		return p
	}
	var long strings.Builder
	for i := range 4000 {
		fmt.Fprintf(&long, "filler%d ", i%50)
	}
	steps := []struct {
		name string
		// edit changes a page's text, for the same Builder; add and
		// remove change the site, for a new one.
		path, edit  string
		add, remove string
	}{
		{name: "nothing changed"},
		{name: "a word more", path: "guidance/p01", edit: "<p>Supervise rotas at night, edit 1.</p>"},
		{name: "a new word", path: "guidance/p01", edit: "<p>Supervise rotas at night, edit 2, zygote.</p>"},
		{name: "a new word's other forms", path: "guidance/p02", edit: "<p>Zygotes studied, and organized.</p>"},
		{name: "a compound's half dropped", path: "guidance/p05", edit: "<p>Only wellbeing here.</p>"},
		{name: "a compound and its halves", path: "guidance/p06", edit: "<p>Quokka habitat, quokkahabitat.</p>"},
		{name: "its halves dropped", path: "guidance/p06", edit: "<p>Quokkahabitat only.</p>"},
		{name: "its halves on another page", path: "guidance/p09", edit: "<p>Habitats and quokka.</p>"},
		{name: "a standard's weight", path: "standards/p00", edit: "<p>Quixotic quixotic quixotic quixotic.</p>"},
		{name: "less of it", path: "standards/p00", edit: "<p>Quixotic, with more words: care for a rota on the ward.</p>"},
		{name: "back again", path: "standards/p00", edit: "<p>Care.</p>"},
		{name: "a much longer page", path: "guidance/p03", edit: "<p>" + long.String() + "</p>"},
		{name: "and short again", path: "guidance/p03", edit: "<p>Short.</p>"},
		{name: "a page added", add: "content/guidance/p99.md"},
		{name: "an edit after it", path: "guidance/p99", edit: "<p>Added, then edited: supervisions.</p>"},
		{name: "a page removed", remove: "content/guidance/p07.md"},
		{name: "a standard removed", remove: "content/standards/p04.md"},
		{name: "an edit after them", path: "guidance/p01", edit: "<p>Supervise rotas at night, edit 3.</p>"},
	}
	b := NewBuilder(s, opts)
	made, err := b.Files()
	if err != nil {
		t.Fatal(err)
	}
	got := output{}
	got.apply(t, made)
	for _, step := range steps {
		switch {
		case step.add != "" || step.remove != "":
			if step.add != "" {
				files[step.add] = page("Added page", "A page about supervision and zygotes.")
			}
			delete(files, step.remove)
			s = buildSite(t, files)
			b = NewBuilder(s, opts)
			got = output{}
		case step.path != "":
			p := byPath(s, step.path)
			p.Content = template.HTML(step.edit)
			if err := b.Add(p, nil); err != nil {
				t.Fatal(err)
			}
		}
		made, err := b.Files()
		if err != nil {
			t.Fatal(err)
		}
		got.apply(t, made)
		want := fresh(t, s, opts)
		if !slices.Equal(slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want))) {
			t.Fatalf("%s: files %v, want %v", step.name, slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
		}
		for path, data := range want {
			if string(got[path]) != string(data) {
				t.Fatalf("%s: %s differs from a fresh build:\n got %.300s\nwant %.300s", step.name, path, got[path], data)
			}
		}
	}
}

// TestPatchRemakesFewShards: an edit to one page of a site whose index has
// many shards makes again only the few shards that hold the terms it
// changed, and leaves the other shards' bytes as they were, even when it
// changes the size of a term near the start.
func TestPatchRemakesFewShards(t *testing.T) {
	files := map[string]string{}
	for i := range 300 {
		var words []string
		for j := range 40 {
			words = append(words, fmt.Sprintf("w%dx", i*40+j))
		}
		files[fmt.Sprintf("content/p%03d.md", i)] = page("Page", strings.Join(words, " ")+" 1 2 3")
	}
	s := buildSite(t, files)
	b := NewBuilder(s, Options{Cache: NewCache()})
	made, err := b.Files()
	if err != nil {
		t.Fatal(err)
	}
	if len(made.Index) < 30 {
		t.Fatalf("%d shards: too few for the test", len(made.Index)-1)
	}
	p := s.GetPage("p150")
	for i, edit := range []string{
		"w6000x w6001x 1 2 3",        // one word fewer
		"w6000x w6001x 1 2 3 4",      // a digit more, a term near the start that grows
		"w6000x w6001x 1 2 3 4 aaaa", // a new term at the start
		"w6000x",                     // the digits' documents fewer
	} {
		before := map[string]bool{}
		for _, f := range made.Index {
			before[string(f.Data)] = true
		}
		p.Content = template.HTML("<p>" + edit + "</p>")
		if err := b.Add(p, nil); err != nil {
			t.Fatal(err)
		}
		if made, err = b.Files(); err != nil {
			t.Fatal(err)
		}
		changed := 0
		for _, f := range made.Index {
			if f.Path != ManifestPath && !before[string(f.Data)] {
				changed++
			}
		}
		if changed > 4 || b.inv.remade != changed {
			t.Errorf("edit %d: %d of %d shards changed, %d made again; want at most 4, and only those", i, changed, len(made.Index)-1, b.inv.remade)
		}
		if changed == 0 {
			t.Errorf("edit %d changed no shard", i)
		}
	}
}
