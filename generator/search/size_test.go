package search_test

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/plinth-ssg/plinth/generator/search"
)

// sizeQueries are typed on the generated sites: common words (in almost
// every page), several of them, a prefix still being typed, and a rare
// word.
var sizeQueries = []nodeQuery{
	{Q: "learner"},
	{Q: "learner placement supervision"},
	{Q: "quality improvement safety"},
	{Q: "sup"},
	{Q: "page 1234"},
}

// querySizes reports, for each query, the bytes it downloads (manifest,
// shards and the documents of the first 10 results) as served and as
// gzipped, the size of the whole index, and fails any query over the
// budget.
func querySizes(tb testing.TB, dir, manifest string, queries []nodeQuery) (index int64, raw, gz []int) {
	tb.Helper()
	err := filepath.Walk(filepath.Join(dir, "search"), func(_ string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			index += info.Size()
		}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	resp := runNode(tb, nodeRequest{Site: dir, Manifest: manifest, Queries: queries})
	prefix := strings.TrimSuffix(manifest, search.ManifestPath)
	build := regexp.MustCompile(`\?v=[0-9a-f]+$`)
	for _, q := range resp.Queries {
		z := 0
		for _, u := range q.Fetched {
			data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(build.ReplaceAllString(strings.TrimPrefix(u, prefix), ""))))
			if err != nil {
				tb.Fatal(err)
			}
			var b bytes.Buffer
			w := gzip.NewWriter(&b)
			w.Write(data)
			w.Close()
			z += b.Len()
		}
		raw, gz = append(raw, q.Bytes), append(gz, z)
		if q.Bytes > 300<<10 {
			tb.Errorf("%q downloads %d bytes, over the 300 KB budget", q.Q, q.Bytes)
		}
		tb.Logf("%-32q %6d results, %2d files, %7d bytes (%6d gzipped)", q.Q, q.Total, len(q.Fetched), q.Bytes, z)
	}
	return index, raw, gz
}

// BenchmarkQueryBytes builds a generated site (10,000 pages, or
// $PLINTH_SEARCH_PAGES) and reports what one query downloads. The build
// dominates the time; the figures are the point:
//
//	go test -run XXX -bench QueryBytes -benchtime 1x -v ./generator/search
func BenchmarkQueryBytes(b *testing.B) {
	pages := 10000
	if n, err := strconv.Atoi(os.Getenv("PLINTH_SEARCH_PAGES")); err == nil && n > 0 {
		pages = n
	}
	_, dir := generatedSite(b, pages)
	var index int64
	var raw, gz []int
	for b.Loop() {
		index, raw, gz = querySizes(b, dir, "/"+search.ManifestPath, sizeQueries)
	}
	manifest, err := os.Stat(filepath.Join(dir, search.ManifestPath))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(index), "index-bytes")
	b.ReportMetric(float64(manifest.Size()), "manifest-bytes")
	b.ReportMetric(float64(maxOf(raw)), "max-query-bytes")
	b.ReportMetric(float64(maxOf(gz)), "max-query-gzip-bytes")
}

// TestExampleIndexSize reports the example site's index and what its
// queries download.
func TestExampleIndexSize(t *testing.T) {
	dir, err := exampleSite()
	if err != nil {
		t.Fatal(err)
	}
	index, raw, gz := querySizes(t, dir, "/quality/"+search.ManifestPath, []nodeQuery{
		{Q: "1.3"}, {Q: "standard 1.3", Edition: "all"}, {Q: "learners"}, {Q: "supervision induction"}, {Q: "wel"},
	})
	t.Logf("example site: index %d bytes in all; the largest query downloads %d bytes (%d gzipped)", index, maxOf(raw), maxOf(gz))
}

func maxOf(xs []int) int {
	m := 0
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}
