package search_test

import (
	"bytes"
	"compress/gzip"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/plinth-ssg/plinth/generator/search"
)

// The figures of issue #15: how big the index is (files, bytes, bytes
// gzipped) and what a query downloads (as served and gzipped, as a host
// that compresses JSON sends it). The code uses only what every version of
// the index has (the manifest, run.mjs's fetched list), so that the same
// file, copied into an older checkout, measures the index before a change:
//
//	go test -run TestExampleIndexSize -v ./generator/search
//	go test -run XXX -bench QueryBytes -benchtime 1x -v ./generator/search

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

// exampleQueries are typical queries on the example site.
var exampleQueries = []nodeQuery{
	{Q: "supervision"}, {Q: "wellbeing"}, {Q: "how do I raise a concern"}, {Q: "1.3"},
	{Q: "standard 1.3", Edition: "all"}, {Q: "induction"}, {Q: "quality improvement"}, {Q: "library"},
}

// indexFigures are the sizes of a built site's search index.
type indexFigures struct {
	files           int
	bytes, gz       int64
	meanRaw, maxRaw int // what a query downloads
	meanGz, maxGz   int // the same, gzipped
}

// gzipLen returns the length of data gzipped at the default level.
func gzipLen(data []byte) int {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.Len()
}

// measureIndex sizes the index under dir/search and runs the queries,
// failing any that downloads more than the budget.
func measureIndex(tb testing.TB, dir, manifest string, queries []nodeQuery) indexFigures {
	tb.Helper()
	var f indexFigures
	err := filepath.WalkDir(filepath.Join(dir, "search"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		f.files++
		f.bytes += int64(len(data))
		f.gz += int64(gzipLen(data))
		return nil
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
			z += gzipLen(data)
		}
		f.meanRaw += q.Bytes
		f.meanGz += z
		f.maxRaw, f.maxGz = max(f.maxRaw, q.Bytes), max(f.maxGz, z)
		if q.Bytes > 300<<10 {
			tb.Errorf("%q downloads %d bytes, over the 300 KB budget", q.Q, q.Bytes)
		}
		tb.Logf("%-32q %6d results, %2d files, %7d bytes (%6d gzipped)", q.Q, q.Total, len(q.Fetched), q.Bytes, z)
	}
	if n := len(resp.Queries); n > 0 {
		f.meanRaw /= n
		f.meanGz /= n
	}
	return f
}

func (f indexFigures) log(tb testing.TB, what string) {
	tb.Helper()
	tb.Logf("%s: index %d files, %d bytes (%d gzipped); a query downloads %d bytes on average (%d gzipped), at most %d (%d gzipped)",
		what, f.files, f.bytes, f.gz, f.meanRaw, f.meanGz, f.maxRaw, f.maxGz)
}

// BenchmarkQueryBytes builds a generated site (10,000 pages, or
// $PLINTH_SEARCH_PAGES) and reports the index's size and what one query
// downloads. The build dominates the time; the figures are the point.
func BenchmarkQueryBytes(b *testing.B) {
	pages := 10000
	if n, err := strconv.Atoi(os.Getenv("PLINTH_SEARCH_PAGES")); err == nil && n > 0 {
		pages = n
	}
	_, dir := generatedSite(b, pages)
	var f indexFigures
	for b.Loop() {
		f = measureIndex(b, dir, "/"+search.ManifestPath, sizeQueries)
	}
	f.log(b, strconv.Itoa(pages)+" pages")
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(f.files), "index-files")
	b.ReportMetric(float64(f.bytes), "index-bytes")
	b.ReportMetric(float64(f.gz), "index-gzip-bytes")
	b.ReportMetric(float64(f.meanRaw), "query-bytes")
	b.ReportMetric(float64(f.meanGz), "query-gzip-bytes")
	b.ReportMetric(float64(f.maxRaw), "max-query-bytes")
}

// TestExampleIndexSize reports the example site's index and what its
// typical queries download.
func TestExampleIndexSize(t *testing.T) {
	dir, err := exampleSite()
	if err != nil {
		t.Fatal(err)
	}
	measureIndex(t, dir, "/quality/"+search.ManifestPath, exampleQueries).log(t, "example site")
}
