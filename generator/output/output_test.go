package output

import (
	"html/template"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/linkcheck"
	"github.com/plinth-ssg/plinth/generator/policy"
	"github.com/plinth-ssg/plinth/generator/scan"
	"github.com/plinth-ssg/plinth/generator/search"
	"github.com/plinth-ssg/plinth/generator/site"
)

const layoutHead = `<!DOCTYPE html><html><head><title>T</title><link rel="stylesheet" href="/a.css" integrity="sha384-wrong"></head><body><nav><a href="/">Home</a></nav><main>`

// files is a small built site with a problem for every check: an inline
// style (policy), a wrong integrity value (policy, across files), a link
// to a missing page and a fragment that is not there (links), and a
// provider's name (scan).
func files() []site.File {
	return []site.File{
		{Path: "a.css", Data: []byte("p{}")},
		{Path: "index.html", Source: "content/_index.md", Data: []byte(layoutHead + `<p style="x">Welcome to Northwick Park.</p><a href="/gone/">gone</a><a href="/b/#nope">b</a></main></body></html>`)},
		{Path: "b/index.html", Source: "content/b.md", Data: []byte(layoutHead + `<h2 id="there">B</h2></main></body></html>`)},
		{Path: "data.json", Data: []byte(`{"name":"Northwick Park"}`)},
	}
}

func scanner(t *testing.T) *scan.Scanner {
	t.Helper()
	s, _ := scan.New([]scan.Term{{Text: "Northwick Park", Origin: diag.Pos{File: "data/providers.csv", Line: 2, Col: 1}}}, scan.Options{})
	return s
}

func lines(l diag.List) string {
	l = slices.Clone(l)
	l.Sort()
	var out []string
	for _, d := range l {
		out = append(out, d.Error())
	}
	return strings.Join(out, "\n")
}

// TestPassEqualsSeparateChecks: the one pass reports exactly what the
// checks report when each reads every file on its own. Links are checked
// only while the build has no errors (a broken link then is usually a
// consequence), as the pipeline always did.
func TestPassEqualsSeparateChecks(t *testing.T) {
	sc := scanner(t)
	clean := func(fs []site.File) []site.File {
		for i := range fs {
			fs[i].Data = []byte(strings.NewReplacer(` style="x"`, "", `integrity="sha384-wrong"`, `integrity="`+sri+`"`).Replace(string(fs[i].Data)))
		}
		return fs
	}
	for _, tt := range []struct {
		name   string
		files  []site.File
		failed bool
		links  bool
		least  int
	}{
		{"policy problems", files(), false, false, 4},
		{"no policy problems", clean(files()), false, true, 4},
		{"earlier errors", clean(files()), true, false, 2},
	} {
		fs := tt.files
		var want diag.List
		want.Append(policy.Check(fs, policy.Options{BasePath: "/"}))
		if tt.links {
			want.Append(linkcheck.Check(fs, linkcheck.Site{Origin: "https://example.org", BasePath: "/"}))
		}
		want.Append(sc.Scan(fs, nil))
		p := New(Options{Origin: "https://example.org", BasePath: "/", Scanner: sc})
		p.Add(Statics, fs)
		got := p.Finish(tt.failed)
		if lines(got) != lines(want) {
			t.Errorf("%s: the pass reported\n%s\nthe separate checks\n%s", tt.name, lines(got), lines(want))
		}
		if len(got) < tt.least {
			t.Errorf("%s: only %d problems found:\n%s", tt.name, len(got), lines(got))
		}
		if kept := p.Files(); len(kept) != len(fs) || kept[0].Path != "a.css" {
			t.Errorf("%s: kept %d files", tt.name, len(kept))
		}
	}
}

// sri is the integrity value of a.css ("p{}").
const sri = "sha384-l5tjHW8LADNSE1AyPUmwbkf/3UM+JeWJSCHSxsox6miUwcatnR+pEle0o/Ibe1pq"

// TestClashes: two files claiming one path, and a file where another needs
// a folder, are errors naming both, the earlier group first.
func TestClashes(t *testing.T) {
	p := New(Options{BasePath: "/"})
	p.Add(Statics, []site.File{{Path: "about/index.html", Source: "static/about/index.html", Data: []byte("s")}, {Path: "guide", Source: "static/guide", Data: []byte("g")}})
	p.Page(0, &site.Page{}, []site.File{{Path: "about/index.html", Source: "content/about.md", Data: []byte("p")}})
	p.Page(1, &site.Page{}, []site.File{{Path: "guide/index.html", Source: "content/guide.md", Data: []byte("p")}})
	// A file of the editor's taking the name of one the site makes.
	p.Add(Resources, []site.File{{Path: "robots.txt", Source: "content/robots.txt", Data: []byte("r")}})
	p.Add(Generated, []site.File{{Path: "robots.txt", Data: []byte("User-agent: *")}})
	got := lines(p.Finish(false))
	for _, want := range []string{
		"content/robots.txt: content/robots.txt would be written to robots.txt, which the site makes itself",
		"static/about/index.html: static/about/index.html would be written to about/index.html, which content/about.md also writes",
		"static/guide: guide would be a file, but guide/index.html (from content/guide.md) needs a folder of that name",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}

// memory is a Sink that keeps what it is given.
type memory struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memory) Write(f site.File) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[f.Path] = f.Data
	return nil
}

func (m *memory) Read(p string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.files[p], nil
}

// TestSinkAndBodyText: files go to the sink and are not kept; a page's
// body is found in its built file and its text read from the shared
// tokens, which gives the search index what reading the body alone gives.
func TestSinkAndBodyText(t *testing.T) {
	body := `<h2>Plans</h2><p>Learners &amp; <em>educat</em>ors meet.</p>`
	pg := &site.Page{Kind: site.KindPage, URL: "/b/", Path: "b", Content: template.HTML(body)}
	s := &site.Site{Pages: []*site.Page{pg}}
	s.Index()
	b := search.NewBuilder(s, search.Options{})
	m := &memory{files: map[string][]byte{}}
	p := New(Options{BasePath: "/", Sink: m, Search: b})
	page := site.File{Path: "b/index.html", Source: "content/b.md", Data: []byte(layoutHead + "Intro " + body + "</main></body></html>")}
	_, text := p.readFile(page, pg)
	if text == nil {
		t.Fatal("the body was not found in the built page")
	}
	if want := search.Extract(string(pg.Content)); *text != want {
		t.Errorf("body text %+v, want %+v", *text, want)
	}
	p.Page(0, pg, []site.File{page})
	made, err := b.Files()
	if err != nil {
		t.Fatal(err)
	}
	p.Add(Index, made.Index)
	p.Add(Documents, made.Documents)
	if diags := p.Finish(true); diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	if len(p.Files()) != 0 {
		t.Error("files were kept in memory with a sink")
	}
	if _, ok := m.files["b/index.html"]; !ok {
		t.Error("the page did not reach the sink")
	}
	if doc, ok := m.files["search/d/0.json"]; !ok || !strings.Contains(string(doc), "Learners & educators meet.") {
		t.Errorf("the page's search document did not reach the sink: %s", doc)
	}
}

// TestUpdate: files passed again in a patched build take the place of the
// group's files of the same path, so that nothing claims a path twice; a
// new path is added.
func TestUpdate(t *testing.T) {
	p := New(Options{BasePath: "/"})
	p.Add(Documents, []site.File{{Path: "search/d/0.json", Data: []byte("[0]")}, {Path: "search/d/1.json", Data: []byte("[1]")}})
	if diags := p.Finish(false); len(diags) > 0 {
		t.Fatal(diags.Err())
	}
	p.Update(Documents, []site.File{{Path: "search/d/1.json", Data: []byte("[1,1]")}, {Path: "search/d/2.json", Data: []byte("[2]")}})
	if diags := p.Finish(false); len(diags) > 0 {
		t.Fatalf("after the update: %v", diags.Err())
	}
	var got []string
	for _, f := range p.Files() {
		got = append(got, f.Path+" "+string(f.Data))
	}
	if want := []string{"search/d/0.json [0]", "search/d/1.json [1,1]", "search/d/2.json [2]"}; !slices.Equal(got, want) {
		t.Errorf("files %q, want %q", got, want)
	}
	if n := p.Count(Documents); n != 3 {
		t.Errorf("%d document files passed, want 3", n)
	}
}
