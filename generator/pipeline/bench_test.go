package pipeline

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/plinth-ssg/plinth/bench/sitegen"
)

// BenchmarkBuild1000 builds a generated 1,000-page site, writing the output,
// and reports milliseconds per page. Run with
//
//	go test ./generator/pipeline -run XXX -bench Build1000 -count 5 -benchmem
func BenchmarkBuild1000(b *testing.B) {
	const pages = 1000
	src := filepath.Join(b.TempDir(), "site")
	if err := sitegen.Write(src, sitegen.Options{Pages: pages}); err != nil {
		b.Fatal(err)
	}
	o := Options{Source: src, Destination: filepath.Join(src, "public"), Now: time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC), Write: true}
	if _, diags := Run(o); diags.HasErrors() {
		b.Fatal(diags.Err())
	}
	b.ResetTimer()
	for b.Loop() {
		if _, diags := Run(o); diags.HasErrors() {
			b.Fatal(diags.Err())
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/pages, "ms/page")
}
