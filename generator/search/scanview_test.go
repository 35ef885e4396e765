package search

import (
	"slices"
	"strings"
	"testing"

	"github.com/plinth-ssg/plinth/generator/site"
)

func TestScanViews(t *testing.T) {
	a := &site.Page{URL: "/a/", File: "content/a.md", Content: "<p>x</p>"}
	bp := &site.Page{URL: "/b/", File: "content/b.md", Content: "<p>020 7946 0991</p>"}
	a.Title, bp.Title = "A", "B"
	s := &site.Site{Pages: []*site.Page{a, bp}}
	b := NewBuilder(s, Options{})
	page := site.File{Path: "index.html", Data: []byte("<p>x</p>")}
	shard := site.File{Path: "search/t/0.json", Data: []byte(`{"terms":{"ashgrove":"E39BR","learn":"Aa"},"forms":{"learn":"= er ers +s"},"alias":{"color":"+colour"},"ids":{"1.3":"B"}}`)}
	docs := site.File{Path: "search/d/0.json", Data: []byte(`[{"url":"a/","title":"A","text":"x"},{"url":"b/","title":"B","text":"020 7946 0991"}]`)}
	notJSON := site.File{Path: "search/t/1.json", Data: []byte(`not json`)}

	for _, f := range []site.File{page, notJSON} {
		if views, ok := b.ScanViews(f); ok || views != nil {
			t.Errorf("%s: views %v, want the file scanned as it is", f.Path, views)
		}
	}
	views, ok := b.ScanViews(shard)
	if !ok || len(views) != 1 || string(views[0].Data) != "1.3\n|\nashgrove\n|\ncolor\n|\ncolour\n|\nlearn\n|\nlearner\n|\nlearners\n|\nlearns" {
		t.Errorf("shard view = %q, %t", views, ok)
	}
	if strings.Contains(string(shard.Data), "\n|\n") {
		t.Error("the original file was changed")
	}
	want := []site.File{
		{Path: "search/d/0.json#0", Source: "content/a.md", Data: []byte(`{"url":"a/","title":"A","text":"x"}`)},
		{Path: "search/d/0.json#1", Source: "content/b.md", Data: []byte(`{"url":"b/","title":"B","text":"020 7946 0991"}`)},
	}
	same := func(name string, got, want []site.File) {
		t.Helper()
		if !slices.EqualFunc(got, want, func(g, w site.File) bool {
			return g.Path == w.Path && g.Source == w.Source && string(g.Data) == string(w.Data)
		}) {
			t.Errorf("%s: document views\n%s\nwant\n%s", name, describeFiles(got), describeFiles(want))
		}
	}
	views, _ = b.ScanViews(docs)
	same("a document file read as JSON", views, want)
	var none *Builder
	views, _ = none.ScanViews(docs)
	same("without a builder", views, []site.File{{Path: want[0].Path, Data: want[0].Data}, {Path: want[1].Path, Data: want[1].Data}})

	// The builder's own document file is read from the documents it holds,
	// and gives what reading the file would.
	made, err := b.Files()
	if err != nil || len(made.Documents) != 1 {
		t.Fatalf("%d document files, %v", len(made.Documents), err)
	}
	own, _ := b.ScanViews(made.Documents[0])
	read, _ := docViews(made.Documents[0], b.sourceOf)
	if len(own) != 2 || own[0].Source != "content/a.md" {
		t.Errorf("own views: %s", describeFiles(own))
	}
	same("the builder's own file", own, read)
	if &own[0].Data[0] == &read[0].Data[0] {
		t.Error("the builder's own file should not be read again")
	}
}

func describeFiles(files []site.File) string {
	var lines []string
	for _, f := range files {
		lines = append(lines, f.Path+" "+f.Source+" "+string(f.Data))
	}
	return strings.Join(lines, "\n")
}
