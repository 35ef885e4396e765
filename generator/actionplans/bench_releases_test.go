package actionplans

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/plinth-ssg/plinth/generator/anonymise"
	"github.com/plinth-ssg/plinth/generator/dataset"
	"github.com/plinth-ssg/plinth/tools/sampledata/sample"
)

// BenchmarkRunWithReleases publishes the example site's action-plan tables
// (3,000 synthetic actions as at 30 September 2026) with 0, 2, 4 and 8
// earlier releases: the stage a build runs, the joint audit included.
// Two are the site's own (data/releases); four and eight are the latest
// of a chain of synthetic releases made the way the site's were, from
// snapshots of the same data (sample.Snapshot), each published with the
// ones before it in view. Issue 17's target: under 2 s with two.
//
//	go test ./generator/actionplans -run '^$' -bench RunWithReleases -benchtime 3x
func BenchmarkRunWithReleases(b *testing.B) {
	p := anonymise.DefaultPolicy()
	fsys := exampleFS(b)
	data, l := dataset.Load(fsys, dataset.Options{})
	if l.HasErrors() {
		b.Fatal(l)
	}
	own, d := LoadReleases(os.DirFS("../.."), p)
	if d.HasErrors() || len(own) != 2 {
		b.Fatalf("the example site's releases: %d, %v", len(own), d)
	}
	opts := namesFrom(own[len(own)-1])
	for _, n := range []int{0, 2, 4, 8} {
		b.Run(fmt.Sprintf("earlier=%d", n), func(b *testing.B) {
			rels := own
			switch n {
			case 0:
				rels = nil
			case 4, 8:
				chain := releaseChain(b, p, opts)
				rels = chain[len(chain)-n:]
			}
			o := opts
			o.Releases = rels
			cpu0, n := cpuTime(), 0
			for b.Loop() {
				if res, d := Run(p, data, o); d.HasErrors() || len(res.Tables) != 8 {
					b.Fatal(d)
				}
				n++
			}
			// CPU time, unlike wall time, does not grow with the load of a
			// shared machine (the stage runs on one core).
			b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(n), "cpu-ms/op")
		})
	}
}

// namesFrom names standards and domains as a release does, so that the
// chain's releases and the site's label their rows alike (the build
// takes the names from the framework).
func namesFrom(r *Release) Options {
	std := map[string]string{}
	for _, label := range r.tables[ByStandard].rows {
		if id, _, ok := strings.Cut(label, " "); ok {
			std["2021:"+id] = label
		}
	}
	dom := map[int]string{}
	for _, label := range r.tables[ByDomain].rows {
		dom[leadingNumber(label)] = label
	}
	return Options{
		Standard: func(ref string) (string, bool) { s, ok := std[ref]; return s, ok },
		Domain: func(ref string) (Domain, bool) {
			d, ok := domainOf(ref)
			if name, found := dom[d.Number]; ok && found {
				d.Name = name
			}
			return d, ok
		},
	}
}

var (
	chainOnce sync.Once
	chain     []*Release
)

// releaseChain makes eight releases of synthetic snapshots before the
// example data's date, oldest first, each published with the ones before
// it in view (once per test binary: it takes a while).
func releaseChain(b *testing.B, p anonymise.Policy, opts Options) []*Release {
	chainOnce.Do(func() {
		dates := []string{"2024-12-31", "2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31", "2026-03-31", "2026-06-30", "2026-08-31"}
		base := exampleFS(b)
		made := fstest.MapFS{}
		for _, day := range dates {
			at, _ := time.Parse(time.DateOnly, day)
			files, err := sample.Snapshot(sample.DefaultActions, at)
			if err != nil {
				b.Fatal(err)
			}
			fsys := fstest.MapFS{}
			for k, v := range base {
				fsys[k] = v
			}
			fsys["data/datasets.toml"] = &fstest.MapFile{Data: sample.SpliceManifest(base["data/datasets.toml"].Data, files[sample.ManifestBlockName])}
			fsys["data/actions.csv"] = &fstest.MapFile{Data: files["actions.csv"]}
			fsys["data/providers.csv"] = &fstest.MapFile{Data: files["providers.csv"]}
			for k, v := range made {
				fsys[k] = v
			}
			data, l := dataset.Load(fsys, dataset.Options{})
			rels, d := LoadReleases(fsys, p)
			l.Append(d)
			o := opts
			o.Releases = rels
			res, d := Run(p, data, o)
			l.Append(d)
			if l.HasErrors() {
				b.Fatalf("the snapshot as at %s: %v", day, l)
			}
			text, err := Format(res)
			if err != nil {
				b.Fatal(err)
			}
			made[FileName(res.AsAt)] = &fstest.MapFile{Data: text}
		}
		rels, d := LoadReleases(made, p)
		if d.HasErrors() {
			b.Fatal(d)
		}
		chain = rels
	})
	return chain
}

// cpuTime is the CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
