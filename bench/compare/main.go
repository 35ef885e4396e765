// Command compare runs Plinth's benchmarks and prints a Markdown report.
// Every figure is the median of -runs runs with the smallest and largest
// in brackets, and each section gives the machine's load average before
// and after, since a busy machine slows everything:
//
//   - full builds of generated sites of each size in -sizes, with the
//     minimal benchmark theme and the shipped theme (themes/plinth): cold
//     (into an empty destination) and warm (again, into the output of the
//     previous build); wall time, user and system CPU time, peak memory,
//     ms per page, the build against the goldmark floor and the write
//     floor (bench/floor), and the files and folders written;
//   - Plinth and Hugo side by side at -hugo-pages pages, if -hugo names a
//     Hugo binary: the same Markdown files, each theme with equivalent Hugo
//     layouts (bench/hugo), the tools alternating run by run, and Hugo's
//     figures divided by Plinth's run by run;
//   - the time from saving a page in `plinth serve` to the reload message
//     and to the edited page being served, on the example site and on a
//     generated site of -serve-pages pages.
//
// It is a program rather than a timed test because timings belong in
// benchmarks, not in the test suite. Usage (bench/README.md has more):
//
//	go run ./bench/compare -hugo ~/go/bin/hugo
//	go run ./bench/compare -sizes 1000 -themes shipped -runs 3 -serve-pages 0
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

func main() {
	sizes := flag.String("sizes", "1000,10000,50000", "site sizes for the full builds, comma-separated (empty to skip)")
	themes := flag.String("themes", minimal+","+shipped, "themes to build with: minimal, shipped or both")
	runs := flag.Int("runs", 5, "counted runs per measurement, after one warm-up run")
	hugo := flag.String("hugo", "", "path to Hugo v0.160.0 for the side-by-side runs (skipped if empty)")
	hugoPages := flag.Int("hugo-pages", 2000, "site size for the Hugo comparison")
	serveN := flag.Int("serve-pages", 10000, "generated site size for the edit-to-reload measurement (0 to skip it)")
	serveExample := flag.Bool("serve-example", true, "also measure edit to reload on the example site")
	edits := flag.Int("edits", 10, "edits per edit-to-reload measurement")
	work := flag.String("work", filepath.Join(os.TempDir(), "plinth-bench"), "folder for generated sites and binaries")
	flag.Parse()

	repo, err := os.Getwd()
	must(err)
	if _, err := os.Stat(filepath.Join(repo, "bench", "compare")); err != nil {
		fail(fmt.Errorf("run compare from the repository's root folder"))
	}
	workDir, err := filepath.Abs(*work)
	must(err)
	p := paths{repo: repo, work: workDir}
	must(os.MkdirAll(p.work, 0o755))
	trashDir = filepath.Join(p.work, "trash")
	emptyTrash() // left by an interrupted run
	defer emptyTrash()
	b := binaries{plinth: filepath.Join(p.work, "plinth"), floor: filepath.Join(p.work, "floor"), hugo: *hugo}
	run("go", "build", "-o", b.plinth, "./cmd/plinth")
	run("go", "build", "-o", b.floor, "./bench/floor")
	themeList := split(*themes)

	fmt.Printf("# Plinth benchmarks\n\nMachine: %d CPUs (GOMAXPROCS %d), %s/%s, %s. Each figure is the median of %d runs after one warm-up run, with the smallest and largest in brackets. Caches of processed assets (Plinth's .plinth-cache, Hugo's resources/) are kept between runs; cold means an empty destination.\n",
		runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.GOOS, runtime.GOARCH, runtime.Version(), *runs)
	if *hugo != "" {
		fmt.Printf("\nHugo: %s\n", strings.TrimSpace(string(mustOutput(*hugo, "version"))))
	}
	if *sizes != "" {
		var ns []int
		for _, s := range split(*sizes) {
			n, err := strconv.Atoi(s)
			must(err)
			ns = append(ns, n)
		}
		fullBuilds(p, b, ns, themeList, *runs)
	}
	if *hugo != "" {
		sideBySide(p, b, *hugoPages, themeList, *runs)
	}
	if *serveN > 0 || *serveExample {
		editToReload(p, b, *serveN, *serveExample, *edits)
	}
}

// binaries are the programs a benchmark runs.
type binaries struct{ plinth, floor, hugo string }

// build is a tool's command for building one site.
type build struct {
	name string
	site string
	run  func() sample
}

func (b binaries) plinthBuild(site string) build {
	return build{"Plinth", site, func() sample { return timed(site, b.plinth, "build", "--quiet", "--source", site) }}
}

func (b binaries) hugoBuild(site string) build {
	return build{"Hugo", site, func() sample { return timed(site, b.hugo, "--quiet", "--source", site) }}
}

// result is what a build's runs measured.
type result struct {
	cold, warm samples
	// write are the write floors of the build's output, run by run.
	write []time.Duration
	// rewritten counts the output files each warm build wrote again.
	rewritten []int
	out       tree
}

// measure runs each build cold and then warm, runs times, alternating the
// builds' order run by run so that neither always runs first; markdown
// is the site whose Markdown the goldmark floor converts.
func measure(b binaries, builds []build, markdown string, runs int) ([]*result, []time.Duration) {
	res := make([]*result, len(builds))
	for i, bd := range builds {
		res[i] = &result{}
		clearOutput(bd.site)
		bd.run() // warm-up: fills the tools' caches
	}
	var goldmark []time.Duration
	for r := range runs {
		order := make([]int, len(builds))
		for i := range order {
			order[i] = (i + r) % len(builds)
		}
		for _, i := range order {
			clearOutput(builds[i].site)
			res[i].cold = append(res[i].cold, builds[i].run())
		}
		for _, i := range order {
			// Untimed: Plinth builds into the site it kept beside the
			// destination (public.plinth-prev), which the cold build
			// left empty, so only the build after this one shows an
			// editor's unchanged rebuild; Hugo does the same work again.
			builds[i].run()
			out := filepath.Join(builds[i].site, "public")
			before := []map[string]fileID{snapshot(out), snapshot(out + ".plinth-prev")}
			res[i].warm = append(res[i].warm, builds[i].run())
			res[i].rewritten = append(res[i].rewritten, rewritten(before, snapshot(out)))
		}
		goldmark = append(goldmark, floor(b.floor, "-source", markdown))
		for _, i := range order {
			res[i].write = append(res[i].write, floor(b.floor, "-write", filepath.Join(builds[i].site, "public"), "-trash", trashDir))
		}
	}
	for i, bd := range builds {
		res[i].out = countTree(filepath.Join(bd.site, "public"))
	}
	return res, goldmark
}

const buildHeader = "| pages | theme | tool | build | wall | user CPU | system CPU | peak RSS | ms/page | ÷ goldmark floor | ÷ write floor | ÷ (goldmark + write) | files | folders |\n|--:|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n"

// row prints one line of a build table.
func row(n int, theme, tool, mode string, ss samples, r *result, goldmark []time.Duration) {
	wall := ss.wall()
	both := make([]time.Duration, len(goldmark))
	for i := range goldmark {
		both[i] = goldmark[i] + r.write[i]
	}
	files := fmt.Sprint(r.out.files)
	if mode == "warm" {
		// What a warm build wrote again, of what the output holds.
		var w series
		for _, n := range r.rewritten {
			w = append(w, float64(n))
		}
		files = fmt.Sprintf("%.0f written of %d", w.median(), r.out.files)
	}
	fmt.Printf("| %d | %s | %s | %s | %s | %s | %s | %s | %.3f | %s | %s | %s | %s | %d |\n",
		n, theme, tool, mode, secs(wall), secs(ss.user()), secs(ss.sys()), mibs(ss.rss()),
		wall.median()*1000/float64(max(r.out.pages, 1)),
		times(ratios(wall, durations(goldmark))), times(ratios(wall, durations(r.write))), times(ratios(wall, durations(both))),
		files, r.out.folders)
}

// fullBuilds times Plinth alone on generated sites of each size.
func fullBuilds(p paths, b binaries, sizes []int, themes []string, runs int) {
	fmt.Printf("\n## Full builds\n\nLoad average before: %s.\n\n", loadAverage())
	fmt.Print(buildHeader)
	var floors []string
	for _, n := range sizes {
		for _, theme := range themes {
			site := p.plinthSite(n, theme, false)
			res, goldmark := measure(b, []build{b.plinthBuild(site)}, site, runs)
			r := res[0]
			row(r.out.pages, theme, "Plinth", "cold", r.cold, r, goldmark)
			row(r.out.pages, theme, "Plinth", "warm", r.warm, r, goldmark)
			floors = append(floors, fmt.Sprintf("| %d | %s | %s | %s |", r.out.pages, theme, secs(durations(goldmark)), secs(durations(r.write))))
		}
	}
	fmt.Printf("\n| pages | theme | goldmark floor | write floor |\n|--:|---|--:|--:|\n%s\n", strings.Join(floors, "\n"))
	fmt.Printf("\nLoad average after: %s.\n", loadAverage())
}

// sideBySide times Plinth and Hugo on the same Markdown files.
func sideBySide(p paths, b binaries, n int, themes []string, runs int) {
	fmt.Printf("\n## Side by side with Hugo (%d pages, the same Markdown files)\n\nLoad average before: %s.\n", n, loadAverage())
	for _, theme := range themes {
		psite := p.plinthSite(n, theme, true)
		hsite := p.hugoSite(b.hugo, psite, n, theme)
		res, goldmark := measure(b, []build{b.plinthBuild(psite), b.hugoBuild(hsite)}, psite, runs)
		pl, hu := res[0], res[1]
		fmt.Printf("\n### %s theme (bench/hugo/%s)\n\n%s", theme, theme, buildHeader)
		row(pl.out.pages, theme, "Plinth", "cold", pl.cold, pl, goldmark)
		row(hu.out.pages, theme, "Hugo", "cold", hu.cold, hu, goldmark)
		row(pl.out.pages, theme, "Plinth", "warm", pl.warm, pl, goldmark)
		row(hu.out.pages, theme, "Hugo", "warm", hu.warm, hu, goldmark)
		fmt.Printf("\nRun by run (cold): Hugo ÷ Plinth wall %s, user CPU %s; Plinth ÷ Hugo system CPU %s, peak RSS %s.\n",
			times(ratios(hu.cold.wall(), pl.cold.wall())), times(ratios(hu.cold.user(), pl.cold.user())),
			times(ratios(pl.cold.sys(), hu.cold.sys())), times(ratios(pl.cold.rss(), hu.cold.rss())))
		fmt.Printf("Run by run (warm): Hugo ÷ Plinth wall %s, user CPU %s; Plinth ÷ Hugo system CPU %s, peak RSS %s.\n",
			times(ratios(hu.warm.wall(), pl.warm.wall())), times(ratios(hu.warm.user(), pl.warm.user())),
			times(ratios(pl.warm.sys(), hu.warm.sys())), times(ratios(pl.warm.rss(), hu.warm.rss())))
		fmt.Printf("Pages: Plinth %d, Hugo %d. Goldmark floor %s; write floor of Plinth's output %s, of Hugo's %s.\n",
			pl.out.pages, hu.out.pages, secs(durations(goldmark)), secs(durations(pl.write)), secs(durations(hu.write)))
	}
	fmt.Printf("\nLoad average after: %s.\n", loadAverage())
}

func split(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func run(name string, args ...string) {
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	must(cmd.Run())
}

func commandOutput(name string, args ...string) ([]byte, error) {
	return exec.Command(name, args...).Output()
}

func mustOutput(name string, args ...string) []byte {
	out, err := commandOutput(name, args...)
	must(err)
	return out
}

func must(err error) {
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "compare:", err)
	os.Exit(1)
}
