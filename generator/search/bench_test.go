package search_test

import (
	"fmt"
	"html/template"
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

// BenchmarkPatchFiles times what `plinth serve` asks of the index after
// an edit to one page of a generated 10,000-page site: the page read
// again, then the shards, the manifest and the changed document files
// made again (Builder.Files).
func BenchmarkPatchFiles(b *testing.B) {
	s, _ := generatedSite(b, 10000)
	builder := search.NewBuilder(s, search.Options{Cache: search.NewCache()})
	if _, err := builder.Files(); err != nil {
		b.Fatal(err)
	}
	var page *site.Page
	for _, p := range s.Pages {
		if builder.Indexes(p) {
			page = p
			break
		}
	}
	content := page.Content
	i := 0
	for b.Loop() {
		i++
		page.Content = content + template.HTML(fmt.Sprintf("<p>Edit number %d.</p>", i))
		if err := builder.Add(page, nil); err != nil {
			b.Fatal(err)
		}
		if _, err := builder.Files(); err != nil {
			b.Fatal(err)
		}
	}
}
