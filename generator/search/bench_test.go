package search_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/plinth-ssg/plinth/bench/sitegen"
	"github.com/plinth-ssg/plinth/generator/pipeline"
	"github.com/plinth-ssg/plinth/generator/search"
	"github.com/plinth-ssg/plinth/generator/site"
)

// generatedSite builds a synthetic site of n pages (bench/sitegen) into a
// temporary folder and returns the built site and its output folder.
func generatedSite(tb testing.TB, n int) (*site.Site, string) {
	tb.Helper()
	src := filepath.Join(tb.TempDir(), "site")
	if err := sitegen.Write(src, sitegen.Options{Pages: n}); err != nil {
		tb.Fatal(err)
	}
	dest := filepath.Join(tb.TempDir(), "public")
	res, diags := pipeline.Run(pipeline.Options{Source: src, Destination: dest, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Write: true})
	if diags.HasErrors() {
		tb.Fatal(diags.Err())
	}
	return res.Site, dest
}

// BenchmarkIndex times writing the index of a generated 1,000-page site.
func BenchmarkIndex(b *testing.B) {
	s, _ := generatedSite(b, 1000)
	b.ResetTimer()
	for b.Loop() {
		if _, err := search.Index(s, search.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
