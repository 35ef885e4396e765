package pipeline

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/plinth-ssg/plinth/generator/site"
)

// readersSite is a site whose section pages show their pages' text and
// whose other pages show only their own.
func readersSite(t *testing.T) string {
	t.Helper()
	src := filepath.Join(t.TempDir(), "site")
	files := map[string]string{
		"site.toml":                     "title = \"T\"\nbaseURL = \"https://example.org/\"\ntheme = \"t\"\n",
		"themes/t/layouts/page.html":    `<!DOCTYPE html><html lang="en-GB"><title>{{ .Title }}</title>{{ .Content }}{{ with .Next }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</html>`,
		"themes/t/layouts/section.html": `<!DOCTYPE html><html lang="en-GB"><title>{{ .Title }}</title>{{ range .Pages }}<section>{{ .Content }}</section>{{ end }}</html>`,
		"themes/t/layouts/home.html":    `<!DOCTYPE html><html lang="en-GB"><title>{{ .Title }}</title>{{ range .Sections }}{{ .Title }}{{ end }}</html>`,
		"themes/t/layouts/404.html":     `<!DOCTYPE html><html lang="en-GB"><title>Not found</title></html>`,
		"content/_index.md":             "+++\ntitle = \"Home\"\n+++\n",
		"content/a/_index.md":           "+++\ntitle = \"A\"\n+++\n",
		"content/a/x.md":                "+++\ntitle = \"X\"\n+++\nThe text of x.\n",
		"content/a/y.md":                "+++\ntitle = \"Y\"\n+++\nThe text of y.\n",
		"content/b/_index.md":           "+++\ntitle = \"B\"\n+++\n",
		"content/b/z.md":                "+++\ntitle = \"Z\"\n+++\nThe text of z.\n",
	}
	for name, data := range files {
		writeFile(t, filepath.Join(src, filepath.FromSlash(name)), []byte(data))
	}
	return src
}

// TestBodyEditRendersOnlyItsReaders: after an edit to a page's text, the
// build patched from the last one renders that page and the one page
// whose layout shows it (its section), no other, and gives exactly the
// files of a full build. A front-matter edit is built in full, with the
// Markdown and render caches reused.
func TestBodyEditRendersOnlyItsReaders(t *testing.T) {
	src := readersSite(t)
	now := time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)
	full := Options{Source: src, Now: now}
	cache := NewCache()
	cache.Watched()
	inc := full
	inc.Cache = cache
	if _, diags := Run(inc); diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	if r := cache.LastReuse(); r.Patched || r.Converted != 3 || r.Rendered < 6 {
		t.Fatalf("first build: %+v, want every page converted and rendered", r)
	}
	steps := []struct {
		file, old, new string
		want           Reuse
	}{
		{"content/a/x.md", "The text of x.", "The new text of x.", Reuse{Patched: true, Converted: 1, Rendered: 2, Documents: 1}},
		{"content/b/z.md", "The text of z.", "More text of z.", Reuse{Patched: true, Converted: 1, Rendered: 2, Documents: 1}},
		// A title shows on other pages: built in full, every page (all 8)
		// rendered again, but no page's Markdown converted again.
		{"content/a/y.md", "title = \"Y\"", "title = \"Why\"", Reuse{Converted: 0, Rendered: 8}},
		{"content/a/y.md", "The text of y.", "The text of y, edited.", Reuse{Patched: true, Converted: 1, Rendered: 2, Documents: 1}},
	}
	for _, st := range steps {
		replaceInFile(t, filepath.Join(src, filepath.FromSlash(st.file)), st.old, st.new)
		cache.Changed([]string{st.file})
		got, diags := Run(inc)
		if diags.HasErrors() {
			t.Fatal(diags.Err())
		}
		if r := cache.LastReuse(); r != st.want {
			t.Errorf("editing %s (%s): %+v, want %+v", st.file, st.new, r, st.want)
		}
		want, _ := Run(full)
		sameFiles(t, "editing "+st.file, got.Files, want.Files)
		if !strings.Contains(string(fileData(got.Files, "a/index.html")), "The text of y") {
			t.Errorf("editing %s: the section lost its pages' text", st.file)
		}
	}
}

// TestPatchReviewsEditedText: the review stage reads pages' text, so a
// patched build warns about placeholder text an edit brings in, and stops
// warning once it is gone, as a full build does.
func TestPatchReviewsEditedText(t *testing.T) {
	src := readersSite(t)
	now := time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)
	full := Options{Source: src, Now: now}
	cache := NewCache()
	cache.Watched()
	inc := full
	inc.Cache = cache
	if _, diags := Run(inc); diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	// The built-in archetype's body, which plinth new writes into a page.
	const placeholder = "Write the page here. Start sections with ## headings."
	p := filepath.Join(src, "content", "a", "x.md")
	for _, st := range []struct {
		old, new string
		warned   bool
	}{
		{"The text of x.", placeholder, true},
		{placeholder, "The text of x, written.", false},
	} {
		replaceInFile(t, p, st.old, st.new)
		cache.Changed([]string{"content/a/x.md"})
		_, got := Run(inc)
		if r := cache.LastReuse(); !r.Patched {
			t.Fatalf("writing %q: %+v, want a patched build", st.new, r)
		}
		_, want := Run(full)
		if a, b := diagnosticLines(got), diagnosticLines(want); strings.Join(a, "\n") != strings.Join(b, "\n") {
			t.Errorf("writing %q: diagnostics differ\npatched:\n%s\nfull:\n%s", st.new, strings.Join(a, "\n"), strings.Join(b, "\n"))
		}
		warned := strings.Contains(strings.Join(diagnosticLines(got), "\n"), "content/a/x.md:4:1: warning: this is the archetype's placeholder text")
		if warned != st.warned {
			t.Errorf("writing %q: placeholder warning %t, want %t; got\n%s", st.new, warned, st.warned, strings.Join(diagnosticLines(got), "\n"))
		}
	}
}

// TestCachesReused: a build with a cache that checks files on disk (not a
// watcher) converts and renders nothing when nothing changed, and only
// the edited page (and its reader) after an edit to its text.
func TestCachesReused(t *testing.T) {
	src := readersSite(t)
	cache := NewCache()
	o := Options{Source: src, Now: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC), Cache: cache}
	if _, diags := Run(o); diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	if _, diags := Run(o); diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	if r := cache.LastReuse(); r != (Reuse{}) {
		t.Errorf("unchanged rebuild: %+v, want nothing made again", r)
	}
	p := filepath.Join(src, "content", "b", "z.md")
	writeFile(t, p, []byte("+++\ntitle = \"Z\"\n+++\nOther text, of another length.\n"))
	cache.Changed([]string{"content/b/z.md"})
	if _, diags := Run(o); diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	// z and its section; not the search page, whose feature data says it
	// holds nothing of other pages' bodies (site.OthersBodiesReader).
	if r := cache.LastReuse(); r != (Reuse{Converted: 1, Rendered: 2}) {
		t.Errorf("rebuild after a text edit: %+v, want z converted; z and its section rendered", r)
	}
}

// TestBodyEditRewritesItsDocumentFile: the search index keeps several
// pages to a document file; after an edit to one page's text, the patched
// build makes again only the document file that holds the page, and its
// output is a full build's. An edit that changes no document's entry (the
// same words, differently emphasised) makes none again.
func TestBodyEditRewritesItsDocumentFile(t *testing.T) {
	src := readersSite(t)
	// Pages of about 1 KB of text, so that each document file holds a few
	// and the index has several.
	for i := range 40 {
		text := strings.Repeat(fmt.Sprintf("Page %d says something about learners and their placements. ", i), 16)
		writeFile(t, filepath.Join(src, "content", "a", fmt.Sprintf("p%02d.md", i)), []byte("+++\ntitle = \"P\"\n+++\n"+text+"\n"))
	}
	full := Options{Source: src, Now: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)}
	cache := NewCache()
	cache.Watched()
	inc := full
	inc.Cache = cache
	first, diags := Run(inc)
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	docFiles := 0
	for _, f := range first.Files {
		if strings.HasPrefix(f.Path, "search/d/") {
			docFiles++
		}
	}
	if docFiles < 4 {
		t.Fatalf("%d document files: the test needs several", docFiles)
	}
	for _, st := range []struct {
		old, new  string
		documents int
	}{
		{"Page 17 says", "Page 17 now says", 1},
		{"Page 17 now says", "Page 17 *now* says", 0},
	} {
		p := filepath.Join(src, "content", "a", "p17.md")
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, p, bytes.Replace(data, []byte(st.old), []byte(st.new), 1))
		cache.Changed([]string{"content/a/p17.md"})
		got, diags := Run(inc)
		if diags.HasErrors() {
			t.Fatal(diags.Err())
		}
		if r := cache.LastReuse(); !r.Patched || r.Documents != st.documents {
			t.Errorf("%q: %+v, want a patch making %d of %d document files again", st.new, r, st.documents, docFiles)
		}
		want, _ := Run(full)
		sameFiles(t, strconv.Quote(st.new), got.Files, want.Files)
	}
}

// sameFiles fails the test, saying what was done (what), where a build's
// files differ from a full build's.
func sameFiles(t *testing.T, what string, got, want []site.File) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d files, %d in a full build", what, len(got), len(want))
	}
	for i := range want {
		if got[i].Path != want[i].Path || !bytes.Equal(got[i].Data, want[i].Data) {
			t.Errorf("%s: %s differs from a full build", what, want[i].Path)
		}
	}
}

func fileData(files []site.File, path string) []byte {
	for _, f := range files {
		if f.Path == path {
			return f.Data
		}
	}
	return nil
}

// TestFrameworkTextEdits: the print pages and the self-assessment show
// their edition's standards' text through the framework's data, and the
// "what changed" pages and lists compare and count the standards' words;
// other framework pages show only front matter. An edit to a guidance
// page's text patches that page alone (the print pages and the
// self-assessment keep their bytes). An edit to a standard's text that
// changes the comparisons' counts is built in full, rendering every page
// (the counts are the "what changed" pages' descriptions); one that does
// not is patched (framework.Reword), rendering only the pages that show
// its text or what is made from it (site.DerivedData), not every page of
// the framework. Each build gives a full build's files.
func TestFrameworkTextEdits(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example site several times")
	}
	dir := copySite(t)
	now := time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)
	full := Options{Source: dir, Now: now, BuildDate: now}
	cache := NewCache()
	cache.Watched()
	inc := full
	inc.Cache = cache
	last, diags := Run(inc)
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	showers := []string{"framework/2021/print/index.html", "framework/2021/self-assessment/index.html", "framework/2019/print/index.html"}
	for _, f := range showers {
		if fileData(last.Files, f) == nil {
			t.Fatalf("the example site has no %s", f)
		}
	}
	pages := len(last.Site.Pages)
	const (
		std2021 = "content/framework/2021/1-learning-environment/1-3.md"
		std2019 = "content/framework/2019/1-learning-environment/1-1.md"
	)
	steps := []struct {
		name, file, old, new string
		patched              bool
		// rendered: how many pages are rendered (-1: every page); shown:
		// the pages whose files must now hold the new text.
		rendered int
		shown    []string
	}{
		{"guidance text", "content/guidance/induction.md", "+++\n\n", "+++\n\nA sentence only the guidance shows.\n\n", true, 1, nil},
		// 2021's 1.3 said what 2019's did: now reworded, it changes the
		// counts in the summaries of the comparisons with 2021, which are
		// their pages' descriptions, so every page is rendered again.
		{"first 2021 text", std2021, "+++\n\n", "+++\n\nA sentence the standard adds.\n\n", false, -1, showers[:2]},
		// Reworded again: its page, the print page and self-assessment of
		// 2021, the three "what changed" pages (whose layout reads the
		// changes' words on values it cannot trace), the framework's page
		// and the list of comparisons (which show the comparisons'
		// summaries), and 2019's 1.3, which says what became of it; with
		// the 2027 edition out for consultation, also the "what changed"
		// pages into 2027 and 2027's 1.3, which says what it continues
		// (13; 9 before the draft was published).
		{"second 2021 text", std2021, "A sentence the standard adds.", "A sentence the standard adds, revised.", true, 13, showers[:2]},
		// A superseded edition has no self-assessment.
		{"first 2019 text", std2019, "+++\n\n", "+++\n\nA sentence the old standard adds.\n\n", false, -1, showers[2:]},
		// 12 with the "what changed" page from 2019 into the 2027 draft
		// (9 before it was published).
		{"second 2019 text", std2019, "A sentence the old standard adds.", "A sentence the old standard adds, revised.", true, 12, showers[2:]},
	}
	for _, st := range steps {
		replaceInFile(t, filepath.Join(dir, filepath.FromSlash(st.file)), st.old, st.new)
		cache.Changed([]string{st.file})
		got, diags := Run(inc)
		if diags.HasErrors() {
			t.Fatal(diags.Err())
		}
		r := cache.LastReuse()
		want := st.rendered
		if want < 0 {
			want = pages
		}
		if r.Patched != st.patched || r.Rendered != want {
			t.Errorf("%s: %+v, want patched %t, %d pages rendered; these files changed:\n%s", st.name, r, st.patched, want, strings.Join(changedFiles(last.Files, got.Files), "\n"))
		}
		sentence := strings.TrimSpace(strings.TrimPrefix(st.new, "+++"))
		for _, f := range showers {
			holds := bytes.Contains(fileData(got.Files, f), []byte(sentence))
			if want := slices.Contains(st.shown, f); holds != want {
				t.Errorf("%s: %s holds the new text: %t, want %t", st.name, f, holds, want)
			}
			if !slices.Contains(st.shown, f) && !bytes.Equal(fileData(got.Files, f), fileData(last.Files, f)) {
				t.Errorf("%s changed %s, which does not show it", st.name, f)
			}
		}
		want2, _ := Run(full)
		sameFiles(t, st.name, got.Files, want2.Files)
		last = got
	}
}

// changedFiles lists the files whose bytes differ between two builds, or
// that only one has.
func changedFiles(a, b []site.File) []string {
	old := map[string][]byte{}
	for _, f := range a {
		old[f.Path] = f.Data
	}
	var out []string
	for _, f := range b {
		if d, ok := old[f.Path]; !ok || !bytes.Equal(d, f.Data) {
			out = append(out, f.Path)
		}
		delete(old, f.Path)
	}
	for p := range old {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}
