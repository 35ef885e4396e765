package search

import (
	"bytes"
	"encoding/json"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/plinth-ssg/plinth/generator/assemble"
	"github.com/plinth-ssg/plinth/generator/config"
	"github.com/plinth-ssg/plinth/generator/content"
	"github.com/plinth-ssg/plinth/generator/markdown"
	"github.com/plinth-ssg/plinth/generator/site"
)

// buildSite runs the stages before search over files in memory, with the
// search page added as pipeline.Run adds it.
func buildSite(t *testing.T, files map[string]string) *site.Site {
	t.Helper()
	fsys := fstest.MapFS{
		"site.toml":       {Data: []byte("title = \"Site\"\nbaseURL = \"https://example.org/q/\"\n")},
		"themes/plinth/x": {},
	}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	cfg, diags := config.Load(fsys, config.Options{})
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	loaded, diags := content.Load(fsys, content.Options{})
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	loaded.Pages = AddPage(loaded.Pages)
	asm, diags := assemble.Run(cfg, loaded, assemble.Options{Publish: site.Publish{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}})
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	conv := markdown.New(markdown.Options{})
	if diags := conv.Site(asm.Site, markdown.NewSiteLinks(asm.Site, asm.Resources, asm.Excluded), nil, nil); diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	return asm.Site
}

func page(title, body string, extra ...string) string {
	return "+++\ntitle = \"" + title + "\"\n" + strings.Join(extra, "\n") + "\n+++\n" + body + "\n"
}

// index is a built index read back.
type index struct {
	manifest Manifest
	shards   []Shard
	docs     []Doc
	files    map[string][]byte
}

func readIndex(t *testing.T, files []site.File) index {
	t.Helper()
	ix := index{files: map[string][]byte{}}
	for _, f := range files {
		ix.files[f.Path] = f.Data
	}
	if err := json.Unmarshal(ix.files[ManifestPath], &ix.manifest); err != nil {
		t.Fatalf("manifest: %v", err)
	}
	for i := range ix.manifest.Shards {
		var s Shard
		p := "search/t/" + strconv.Itoa(i) + ".json"
		if err := json.Unmarshal(ix.files[p], &s); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		ix.shards = append(ix.shards, s)
	}
	per := ix.manifest.DocsPerFile
	if per < 1 {
		t.Fatalf("%d documents per file", per)
	}
	docFiles := (ix.manifest.Docs + per - 1) / per
	for i := range docFiles {
		var list []Doc
		p := "search/d/" + strconv.Itoa(i) + ".json"
		if err := json.Unmarshal(ix.files[p], &list); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if want := min(per, ix.manifest.Docs-i*per); len(list) != want {
			t.Errorf("%s holds %d documents, want %d", p, len(list), want)
		}
		ix.docs = append(ix.docs, list...)
	}
	if want := 1 + len(ix.shards) + docFiles; len(files) != want {
		t.Errorf("%d files, want the manifest, %d shards and %d document files", len(files), len(ix.shards), docFiles)
	}
	return ix
}

// forms returns every word form the shards list, with its term ("+term"
// for forms the site does not use).
func (ix index) forms() map[string]string {
	out := map[string]string{}
	for _, s := range ix.shards {
		for term, list := range s.Forms {
			for end := range strings.FieldsSeq(list) {
				if end == "=" {
					out[term] = term
					continue
				}
				mark := ""
				if rest, ok := strings.CutPrefix(end, "+"); ok {
					mark, end = "+", rest
				}
				out[term+end] = mark + term
			}
		}
		for w, term := range s.Alias {
			out[w] = term
		}
	}
	return out
}

// checkShardRanges checks that every key of a shard (term, form or alias)
// is in the shard's range, where the browser looks for it.
func checkShardRanges(t *testing.T, ix index) {
	t.Helper()
	in := func(i int, key, what string) {
		if compareUTF16(key, ix.manifest.Shards[i]) < 0 && i > 0 || i+1 < len(ix.shards) && compareUTF16(key, ix.manifest.Shards[i+1]) >= 0 {
			t.Errorf("%s %q is in shard %d, which starts at %q", what, key, i, ix.manifest.Shards[i])
		}
	}
	for i, s := range ix.shards {
		for term := range s.Terms {
			in(i, term, "term")
		}
		for term, list := range s.Forms {
			in(i, term, "term")
			for end := range strings.FieldsSeq(list) {
				if end != "=" {
					in(i, term+strings.TrimPrefix(end, "+"), "form")
				}
			}
		}
		for w := range s.Alias {
			in(i, w, "alias")
		}
	}
}

// postings returns a term's postings by document URL.
func (ix index) postings(t *testing.T, term string) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, s := range ix.shards {
		if enc, ok := s.Terms[term]; ok {
			ps, err := DecodePostings(enc)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range ps {
				out[ix.docs[p.Doc].URL] = p.Impact
			}
		}
	}
	return out
}

func TestIndex(t *testing.T) {
	s := buildSite(t, map[string]string{
		"content/_index.md":             page("Home", "Welcome."),
		"content/about.md":              page("About", "Who we are. Supervision is mentioned once."),
		"content/guidance/_index.md":    page("Guidance", "Guidance for providers.", "weight = 2"),
		"content/guidance/induction.md": page("Induction", "How to plan an induction. Learners' first days matter.", `description = "Start well."`, "tags = [\"x\"]"),
		"content/guidance/supervision.md": page("Clinical supervision", strings.Repeat("Supervisors supervise learners. ", 5)+
			"\n\n## Supervision plans\n\nA *learn*ing plan &amp; more."),
		"content/strategy/_index.md": page("Strategy", "Our aims.", "weight = 1"),
		"content/strategy/long.md":   page("Long", strings.Repeat("word ", MaxText)),
	})
	files, err := Index(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix := readIndex(t, files)

	var urls []string
	for _, d := range ix.docs {
		urls = append(urls, d.URL)
	}
	// In section order (by weight), then address; other pages last, the
	// home page, which weighs less, after them. No 404, tags or search
	// page.
	want := []string{"strategy/", "strategy/long/", "guidance/", "guidance/induction/", "guidance/supervision/", "about/", ""}
	if !slices.Equal(urls, want) {
		t.Errorf("documents %q, want %q", urls, want)
	}
	if got := ix.manifest.Sections; !slices.Equal(got, []Section{{"strategy", "Strategy"}, {"guidance", "Guidance"}, {"", OtherPages}}) {
		t.Errorf("sections = %+v", got)
	}
	if got := ix.manifest.Groups; !slices.Equal(got, [][3]int{{0, 0, -1}, {2, 1, -1}, {5, 2, -1}}) {
		t.Errorf("groups = %v", got)
	}
	if len(ix.manifest.Editions) != 0 || !slices.Equal(ix.manifest.StopWords, StopWords) || ix.manifest.Version != FormatVersion {
		t.Errorf("manifest = %+v", ix.manifest)
	}

	checkShardRanges(t, ix)

	// A word in the title outweighs the same word in the text; the forms
	// of a word, plurals and possessives meet.
	sup := ix.postings(t, "supervis")
	if sup["guidance/supervision/"] <= sup["about/"] || sup["about/"] == 0 {
		t.Errorf("supervis: %v, want the page titled so first", sup)
	}
	if got := ix.postings(t, "learner"); len(got) != 2 {
		t.Errorf("learner: %v, want the two pages that say learners or learners'", got)
	}
	if got := ix.postings(t, "learn"); got["guidance/supervision/"] == 0 {
		t.Errorf("*learn*ing was not read as one word: %v", got)
	}
	// The index says which words lead to which term: the site's words and
	// forms a reader may type.
	forms := ix.forms()
	for word, want := range map[string]string{
		"supervision": "supervis", "supervise": "supervis", "supervises": "+supervis", "learners": "learner",
		"supervisors": "supervisor", "induction": "induct", "inductions": "+induct",
	} {
		if got := forms[word]; got != want {
			t.Errorf("the form %q leads to %q, want %q", word, got, want)
		}
	}
	for _, absent := range []string{"the", "x"} {
		if got := ix.postings(t, absent); len(got) != 0 {
			t.Errorf("%q is indexed: %v", absent, got)
		}
	}

	// Documents carry what a result shows; long text is clipped.
	var ind, long Doc
	for _, d := range ix.docs {
		switch d.URL {
		case "guidance/induction/":
			ind = d
		case "strategy/long/":
			long = d
		}
	}
	if ind.Title != "Induction" || ind.Description != "Start well." || ind.Text != "How to plan an induction. Learners’ first days matter." {
		t.Errorf("induction document = %+v", ind)
	}
	if len(long.Text) > MaxText || len(long.Text) < MaxText-10 || strings.HasSuffix(long.Text, " ") {
		t.Errorf("long text clipped to %d bytes", len(long.Text))
	}

	// The search page learns the filters.
	extra := s.GetPage(PagePath).Extra.(*Page)
	if len(extra.Sections) != 3 || extra.Manifest != ManifestPath || extra.AtoZ != nil {
		t.Errorf("search page data = %+v", extra)
	}

	// Same input, same bytes.
	again, err := Index(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != len(files) {
		t.Fatal("a second index has a different number of files")
	}
	for i := range files {
		if files[i].Path != again[i].Path || !bytes.Equal(files[i].Data, again[i].Data) {
			t.Fatalf("%s differs between two runs", files[i].Path)
		}
	}
}

func TestShardsSplit(t *testing.T) {
	files := map[string]string{}
	// Enough distinct words to fill several shards.
	for i := range 300 {
		var words []string
		for j := range 40 {
			words = append(words, "w"+strconv.Itoa(i*40+j)+"x")
		}
		files["content/p"+strconv.Itoa(i)+".md"] = page("Page", strings.Join(words, " "))
	}
	s := buildSite(t, files)
	out, err := Index(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix := readIndex(t, out)
	if len(ix.shards) < 3 {
		t.Fatalf("%d shards for 12,000 terms", len(ix.shards))
	}
	seen := 0
	for i, sh := range ix.shards {
		size := len(ix.files["search/t/"+strconv.Itoa(i)+".json"])
		if size > ShardBytes+1024 {
			t.Errorf("shard %d has %d bytes", i, size)
		}
		seen += len(sh.Terms)
	}
	if seen < 12000 {
		t.Errorf("%d terms in the shards, want at least 12,000", seen)
	}
}

func TestSearchPage(t *testing.T) {
	own := &site.Page{Kind: site.KindPage, Path: PagePath, File: "content/search.md"}
	own.Layout = "wide"
	pages := AddPage([]*site.Page{own})
	if len(pages) != 1 || own.Layout != "wide" || !own.NoIndex || !own.Unlisted || own.Extra == nil {
		t.Errorf("the site's own search page was not used as it is: %+v", own)
	}
	pages = AddPage(nil)
	if len(pages) != 1 || pages[0].URL != "" || pages[0].Layout != Layout || pages[0].Title != "Search" {
		t.Errorf("generated search page = %+v", pages[0])
	}
}

// TestCacheSameIndex: indexing with a cache, again and after each edit,
// gives the same files as indexing without one. The edits bring in new
// words, drop words no other page uses, and drop enough of them that the
// cache's term dictionary starts again.
func TestCacheSameIndex(t *testing.T) {
	s := buildSite(t, map[string]string{
		"content/about.md":              page("About", "Who we are. Supervision is mentioned once."),
		"content/guidance/induction.md": page("Induction", "How to plan an induction. Learners' first days matter."),
		"content/guidance/other.md":     page("Other", "Supervisors supervise learners."),
	})
	var last *site.Page
	for _, p := range s.Pages {
		if p.Title == "Other" {
			last = p
		}
	}
	var many strings.Builder
	for i := range 3000 { // letters only: "qbaa", "qcaa", …
		w := []byte("q")
		for n := i; len(w) < 4; n /= 26 {
			w = append(w, byte('a'+n%26))
		}
		many.Write(w)
		many.WriteByte(' ')
	}
	edits := []struct {
		name    string
		content template.HTML
	}{
		{"no edit", last.Content},
		{"new words", "<p>An edited page about supervision and rotas.</p>"},
		{"words dropped", "<p>Supervision.</p>"},
		{"a large vocabulary", template.HTML("<p>" + many.String() + "</p>")},
		{"the vocabulary dropped", "<p>Supervision again, and induction.</p>"},
		{"back again", template.HTML("<p>" + many.String() + "</p>")},
	}
	cache := NewCache()
	for _, e := range edits {
		last.Content = e.content
		want, err := Index(s, Options{})
		if err != nil {
			t.Fatal(err)
		}
		got, err := Index(s, Options{Cache: cache})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d files with the cache, %d without", e.name, len(got), len(want))
		}
		for i := range want {
			if got[i].Path != want[i].Path || string(got[i].Data) != string(want[i].Data) {
				t.Fatalf("%s: %s differs with the cache", e.name, want[i].Path)
			}
		}
		if e.name == "a large vocabulary" && cache.dict.live < 3000 {
			t.Errorf("%s: only %d terms in use", e.name, cache.dict.live)
		}
		if e.name == "the vocabulary dropped" && len(cache.dict.names) > 2*cache.dict.live+1024 {
			t.Errorf("%s: the dictionary kept %d terms for %d in use", e.name, len(cache.dict.names), cache.dict.live)
		}
	}
}
