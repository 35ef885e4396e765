package serve

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/plinth-ssg/plinth/bench/sitegen"
	"github.com/plinth-ssg/plinth/generator/pipeline"
)

// The edit-to-reload benchmarks time what an editor waits for in `plinth
// serve`: from saving a one-line change to a page's text until the server
// has rebuilt and told open tabs to reload. The file watcher runs as in
// `plinth serve` (its debounce, DefaultDebounce, included). They report the median
// over the iterations as ms/edit-median, and the median CPU time the
// process spent on an edit as cpu-ms/edit-median, which a busy machine
// disturbs less than the wall clock; timings are never asserted in
// tests. Run on a quiet machine:
//
//	go test ./generator/serve -run XXX -bench EditToReload -benchtime 20x
//
// BenchmarkEditToReloadExample edits the text of a guidance page of the
// example site (a copy of the repository's own content),
// BenchmarkEditToReloadExampleStandard the text of one of its standards
// (in force, shown by its edition's print page and self-assessment and
// compared by the "what changed" pages), and BenchmarkEditToReload10k a
// generated 10,000-page site.

func BenchmarkEditToReloadExample(b *testing.B) {
	dir := exampleCopy(b)
	benchEditToReload(b, dir, "content/guidance/induction.md")
}

func BenchmarkEditToReloadExampleStandard(b *testing.B) {
	dir := exampleCopy(b)
	benchEditToReload(b, dir, "content/framework/2021/1-learning-environment/1-3.md")
}

func BenchmarkEditToReload10k(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "site")
	if err := sitegen.Write(dir, sitegen.Options{Pages: 10000}); err != nil {
		b.Fatal(err)
	}
	benchEditToReload(b, dir, "content/area-0/topic-0/page-0.md")
}

// exampleCopy copies the repository's example site into a temporary
// folder, linking node_modules so that its assets can be bundled.
func exampleCopy(b *testing.B) string {
	b.Helper()
	dst := filepath.Join(b.TempDir(), "site")
	if err := os.MkdirAll(dst, 0o755); err != nil {
		b.Fatal(err)
	}
	for _, name := range []string{"site.toml", "content", "data", "themes", "layouts", "static", "assets", "archetypes"} {
		src := filepath.Join("..", "..", name)
		if _, err := os.Stat(src); err != nil {
			continue
		}
		if out, err := exec.Command("cp", "-r", src, dst).CombinedOutput(); err != nil {
			b.Fatalf("cp %s: %v\n%s", name, err, out)
		}
	}
	if abs, err := filepath.Abs(filepath.Join("..", "..", "node_modules")); err == nil {
		if _, err := os.Stat(abs); err == nil {
			_ = os.Symlink(abs, filepath.Join(dst, "node_modules"))
		}
	}
	return dst
}

// benchEditToReload serves dir as `plinth serve` does (watcher, debounce,
// rebuild with the cache) and appends a line to page once per iteration,
// timing each save until the rebuild has told the tabs to reload.
func benchEditToReload(b *testing.B, dir, page string) {
	now := time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)
	s := New(Options{Build: pipeline.Options{Source: dir, Now: now, BuildDate: now}})
	if d := s.Rebuild(); d.HasErrors() {
		b.Fatal(d.Err())
	}
	changes, stop, err := Watch(dir, DefaultDebounce)
	if err != nil {
		b.Fatal(err)
	}
	defer stop()
	tab := make(chan state, 4)
	s.mu.Lock()
	s.subs[tab] = true
	s.mu.Unlock()
	go func() {
		for batch := range changes {
			s.Rebuild(s.relative(batch)...)
		}
	}()
	file := filepath.Join(dir, filepath.FromSlash(page))
	var took, cpu []time.Duration
	i := 0
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		time.Sleep(100 * time.Millisecond) // let the watcher settle
		b.StartTimer()
		f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			b.Fatal(err)
		}
		start, startCPU := time.Now(), cpuTime(b)
		fmt.Fprintf(f, "\nEdit number %d.\n", i)
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
		select {
		case st := <-tab:
			if st.Problems != nil {
				b.Fatalf("the edit failed to build: %s", st.Problems.Report)
			}
		case <-time.After(60 * time.Second):
			b.Fatal("no reload within 60 s")
		}
		took, cpu = append(took, time.Since(start)), append(cpu, cpuTime(b)-startCPU)
		i++
	}
	b.StopTimer()
	slices.Sort(took)
	slices.Sort(cpu)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "ms/edit-median")
	b.ReportMetric(float64(cpu[len(cpu)/2].Microseconds())/1000, "cpu-ms/edit-median")
}

// cpuTime returns the CPU time the process has used, user and system.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
