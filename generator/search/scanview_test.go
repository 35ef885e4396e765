package search

import (
	"testing"

	"github.com/plinth-ssg/plinth/generator/site"
)

func TestForScan(t *testing.T) {
	files := []site.File{
		{Path: "index.html", Data: []byte("<p>x</p>")},
		{Path: "search/t/0.json", Data: []byte(`{"terms":{"ashgrove":"E39BR","learner":"Aa"},"ids":{"1.3":"B"}}`)},
	}
	got := ForScan(files)
	if string(got[1].Data) != "1.3\n|\nashgrove\n|\nlearner" {
		t.Fatalf("view = %q", got[1].Data)
	}
	if string(files[1].Data) == string(got[1].Data) {
		t.Fatal("the original file was changed")
	}
	if &got[0].Data[0] != &files[0].Data[0] {
		t.Fatal("other files must pass through unchanged")
	}
}
