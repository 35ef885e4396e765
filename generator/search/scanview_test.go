package search

import (
	"testing"

	"github.com/plinth-ssg/plinth/generator/site"
)

func TestForScan(t *testing.T) {
	files := []site.File{
		{Path: "index.html", Data: []byte("<p>x</p>")},
		{Path: "search/t/0.json", Data: []byte(`{"terms":{"ashgrove":"E39BR","learn":"Aa"},"forms":{"learn":"= er ers +s"},"alias":{"color":"+colour"},"ids":{"1.3":"B"}}`)},
		{Path: "search/d/0.json", Data: []byte(`[{"url":"a/","title":"A","text":"x"},{"url":"b/","title":"B","text":"020 7946 0991"}]`)},
		{Path: "search/t/1.json", Data: []byte(`not json`)},
	}
	s := &site.Site{Pages: []*site.Page{{URL: "/a/", File: "content/a.md"}, {URL: "/b/", File: "content/b.md"}}}
	got := ForScan(files, s)
	if len(got) != 5 {
		t.Fatalf("%d files, want the page, the shard, a view per document and the file that is not the index's", len(got))
	}
	if string(got[1].Data) != "1.3\n|\nashgrove\n|\ncolor\n|\ncolour\n|\nlearn\n|\nlearner\n|\nlearners\n|\nlearns" {
		t.Errorf("shard view = %q", got[1].Data)
	}
	if string(files[1].Data) == string(got[1].Data) {
		t.Error("the original file was changed")
	}
	for i, want := range []site.File{
		{Path: "search/d/0.json#0", Source: "content/a.md", Data: []byte(`{"url":"a/","title":"A","text":"x"}`)},
		{Path: "search/d/0.json#1", Source: "content/b.md", Data: []byte(`{"url":"b/","title":"B","text":"020 7946 0991"}`)},
	} {
		g := got[2+i]
		if g.Path != want.Path || g.Source != want.Source || string(g.Data) != string(want.Data) {
			t.Errorf("document view %d = %s %s %s, want %s %s %s", i, g.Path, g.Source, g.Data, want.Path, want.Source, want.Data)
		}
	}
	if &got[0].Data[0] != &files[0].Data[0] || &got[4].Data[0] != &files[3].Data[0] {
		t.Error("other files must pass through unchanged")
	}
	if plain := []site.File{files[0]}; &ForScan(plain, s)[0] != &plain[0] {
		t.Error("without index files the list itself should be returned")
	}
}
