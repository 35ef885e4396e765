// Command compare runs Plinth's benchmarks and prints a Markdown report:
//
//   - full builds of generated sites of N pages (default 1,000, 10,000 and
//     50,000): wall time, ms per page and peak memory, median of -runs;
//   - Plinth and Hugo side by side on the same generated site (alternating
//     runs, median of -runs), if -hugo names a Hugo binary;
//   - Plinth against goldmark alone converting the same files (the floor);
//   - the time from saving one file to the reload message in `plinth serve`
//     on the 10,000-page site.
//
// It is a program rather than a timed test because timings belong in
// benchmarks, not in the test suite. Usage:
//
//	go run ./bench/compare -hugo /path/to/hugo -runs 5
package main

import (
	"bufio"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/plinth-ssg/plinth/bench/sitegen"
)

func main() {
	sizes := flag.String("sizes", "1000,10000,50000", "site sizes to build, comma-separated")
	runs := flag.Int("runs", 5, "runs per measurement (the median is reported)")
	hugo := flag.String("hugo", "", "path to a Hugo binary for the side-by-side run (skipped if empty)")
	hugoPages := flag.Int("hugo-pages", 2000, "site size for the Hugo comparison")
	work := flag.String("work", filepath.Join(os.TempDir(), "plinth-bench"), "folder for generated sites and binaries")
	serveN := flag.Int("serve-pages", 10000, "site size for the edit-to-reload measurement (0 to skip)")
	flag.Parse()

	must(os.MkdirAll(*work, 0o755))
	plinth := filepath.Join(*work, "plinth")
	floor := filepath.Join(*work, "floor")
	run("go", "build", "-o", plinth, "./cmd/plinth")
	run("go", "build", "-o", floor, "./bench/floor")

	fmt.Printf("# Plinth benchmarks\n\nMachine: %d CPUs (GOMAXPROCS %d), %s/%s, %s. Median of %d runs.\n\n",
		runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.GOOS, runtime.GOARCH, runtime.Version(), *runs)

	fmt.Print("## Full builds\n\n| pages | wall time | ms per page | peak RSS | goldmark floor | build ÷ floor |\n|--:|--:|--:|--:|--:|--:|\n")
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		must(err)
		dir := site(*work, n)
		var walls []time.Duration
		var rss []int64
		var floors []time.Duration
		for range *runs {
			w, r := timed(plinth, "build", "--quiet", "--source", dir)
			walls, rss = append(walls, w), append(rss, r)
			f, _ := timed(floor, "-source", dir)
			floors = append(floors, f)
		}
		pages := countPages(dir)
		mw, mf := median(walls), median(floors)
		fmt.Printf("| %d | %s | %.3f | %s | %s | %.1f× |\n", pages, mw.Round(time.Millisecond),
			float64(mw.Microseconds())/1000/float64(pages), mib(medianInt(rss)), mf.Round(time.Millisecond), float64(mw)/float64(mf))
	}

	if *hugo != "" {
		fmt.Printf("\n## Side by side with Hugo (%d pages, the same Markdown files, equivalent minimal layouts)\n\n", *hugoPages)
		dir := plainSite(*work, *hugoPages)
		hdir := hugoSite(*work, dir, *hugoPages)
		var pw, hw []time.Duration
		var pr, hr []int64
		for range *runs {
			w, r := timed(plinth, "build", "--quiet", "--source", dir)
			pw, pr = append(pw, w), append(pr, r)
			w, r = timed(*hugo, "--quiet", "--source", hdir, "--destination", filepath.Join(hdir, "public"), "--cleanDestinationDir")
			hw, hr = append(hw, w), append(hr, r)
		}
		fmt.Print("| tool | wall time | peak RSS |\n|---|--:|--:|\n")
		fmt.Printf("| Plinth | %s | %s |\n| Hugo | %s | %s |\n", median(pw).Round(time.Millisecond), mib(medianInt(pr)), median(hw).Round(time.Millisecond), mib(medianInt(hr)))
		fmt.Printf("\nPlinth's throughput is %.2f× Hugo's; its peak memory is %.2f× Hugo's.\n",
			float64(median(hw))/float64(median(pw)), float64(medianInt(pr))/float64(medianInt(hr)))
	}

	if *serveN > 0 {
		fmt.Printf("\n## Edit to reload in `plinth serve` (%d pages)\n\n", *serveN)
		lat := serveLatency(plinth, site(*work, *serveN), *runs)
		fmt.Printf("Median time from saving one content file to the reload message: %s (runs: %v).\n", median(lat).Round(time.Millisecond), lat)
	}
}

// site generates (once) a synthetic site of n pages, with framework
// editions and datasets scaled with n.
func site(work string, n int) string {
	return generated(work, fmt.Sprintf("site-%d", n), sitegen.Options{Pages: n})
}

// plainSite generates (once) a site of n pages only, which Hugo can build
// from the very same files.
func plainSite(work string, n int) string {
	return generated(work, fmt.Sprintf("plain-%d", n), sitegen.Options{Pages: n, Plain: true})
}

func generated(work, name string, opts sitegen.Options) string {
	dir := filepath.Join(work, name)
	if _, err := os.Stat(filepath.Join(dir, "site.toml")); err == nil {
		return dir
	}
	must(sitegen.Write(dir, opts))
	return dir
}

// hugoSite makes a Hugo site with the same content files as dir.
func hugoSite(work, dir string, n int) string {
	hdir := filepath.Join(work, fmt.Sprintf("hugo-%d", n))
	if _, err := os.Stat(filepath.Join(hdir, "hugo.toml")); err == nil {
		return hdir
	}
	must(os.MkdirAll(hdir, 0o755))
	run("cp", "-r", filepath.Join(dir, "content"), hdir)
	run("cp", "-r", "bench/hugo/layouts", hdir)
	run("cp", "bench/hugo/hugo.toml", hdir)
	return hdir
}

// timed runs a command and returns its wall time and peak resident memory.
func timed(name string, args ...string) (time.Duration, int64) {
	cmd := exec.Command(name, args...)
	cmd.Stderr = os.Stderr
	start := time.Now()
	if out, err := cmd.Output(); err != nil {
		fmt.Fprintf(os.Stderr, "%s %v: %v\n%s", name, args, err, out)
		os.Exit(1)
	}
	wall := time.Since(start)
	ru, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	var rss int64
	if ru != nil {
		rss = ru.Maxrss * 1024 // kilobytes on Linux
	}
	return wall, rss
}

// serveLatency starts plinth serve, then appends a line to one page runs
// times, timing from the write to the server's next reload event.
func serveLatency(plinth, dir string, runs int) []time.Duration {
	const port = "18913"
	cmd := exec.Command(plinth, "serve", "--source", dir, "--port", port)
	must(cmd.Start())
	defer cmd.Process.Kill()
	var resp *http.Response
	for range 600 { // the first build of a large site takes a while
		r, err := http.Get("http://127.0.0.1:" + port + "/__plinth/events")
		if err == nil {
			resp = r
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if resp == nil {
		fmt.Fprintln(os.Stderr, "serve did not start")
		os.Exit(1)
	}
	defer resp.Body.Close()
	events := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				events <- data
			}
		}
	}()
	<-events // the state on connecting
	page := filepath.Join(dir, "content", "area-0", "topic-0", "page-0.md")
	var out []time.Duration
	for i := range runs {
		time.Sleep(300 * time.Millisecond)
		f, err := os.OpenFile(page, os.O_APPEND|os.O_WRONLY, 0)
		must(err)
		start := time.Now()
		fmt.Fprintf(f, "\nEdit number %d.\n", i)
		must(f.Close())
		select {
		case <-events:
			out = append(out, time.Since(start))
		case <-time.After(60 * time.Second):
			fmt.Fprintln(os.Stderr, "no reload event within 60 s")
			os.Exit(1)
		}
	}
	return out
}

func countPages(dir string) int {
	n := 0
	_ = filepath.WalkDir(filepath.Join(dir, "public"), func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			n++
		}
		return nil
	})
	return n
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

func medianInt(v []int64) int64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}

func mib(b int64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }

func run(name string, args ...string) {
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	must(cmd.Run())
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
}
