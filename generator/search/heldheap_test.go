package search_test

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"testing"
	"time"

	"github.com/plinth-ssg/plinth/bench/sitegen"
	"github.com/plinth-ssg/plinth/generator/pipeline"

	"github.com/plinth-ssg/plinth/generator/search"
)

// BenchmarkHeldHeap reports what a Builder without a cache (`plinth
// build`) holds once every page of a generated site (5,000 pages, or
// $PLINTH_SEARCH_PAGES) is added, just before Files: the live heap after
// a collection, less the live heap before NewBuilder. With
// $PLINTH_HEAP_PROFILE set, it writes a heap profile there at that point.
func BenchmarkHeldHeap(b *testing.B) {
	pages := 5000
	if n, err := strconv.Atoi(os.Getenv("PLINTH_SEARCH_PAGES")); err == nil && n > 0 {
		pages = n
	}
	// Built with a cache, so that the pages keep their rendered bodies
	// (a build without one lets them go as it renders).
	src := filepath.Join(b.TempDir(), "site")
	if err := sitegen.Write(src, sitegen.Options{Pages: pages}); err != nil {
		b.Fatal(err)
	}
	res, diags := pipeline.Run(pipeline.Options{Source: src, Destination: filepath.Join(b.TempDir(), "public"),
		Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Write: true, Cache: pipeline.NewCache()})
	if diags.HasErrors() {
		b.Fatal(diags.Err())
	}
	s := res.Site
	if os.Getenv("PLINTH_HEAP_PROFILE") != "" {
		runtime.MemProfileRate = 1 << 10 // finer than the default, for what Add keeps
	}
	live := func() uint64 {
		// Twice: sync.Pool's victims outlive one collection.
		runtime.GC()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	var held uint64
	for b.Loop() {
		search.ForgetStems() // the memo is the index's too
		before := live()
		builder := search.NewBuilder(s, search.Options{})
		for _, p := range s.Pages {
			if builder.Indexes(p) {
				if err := builder.Add(p, nil); err != nil {
					b.Fatal(err)
				}
			}
		}
		held = live() - before
		if path := os.Getenv("PLINTH_HEAP_PROFILE"); path != "" {
			f, err := os.Create(path)
			if err != nil {
				b.Fatal(err)
			}
			if err := pprof.WriteHeapProfile(f); err != nil {
				b.Fatal(err)
			}
			f.Close()
		}
		if _, err := builder.Files(); err != nil {
			b.Fatal(err)
		}
		runtime.KeepAlive(builder)
	}
	b.ReportMetric(float64(held)/float64(pages), "held-B/page")
	b.ReportMetric(float64(held)/(1<<20), "held-MiB")
}
