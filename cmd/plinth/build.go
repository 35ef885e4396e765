package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/plinth-ssg/plinth/generator/anonymise"
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/linkcheck"
	"github.com/plinth-ssg/plinth/generator/pipeline"
	"github.com/plinth-ssg/plinth/generator/publish"
	"github.com/plinth-ssg/plinth/generator/render"
	"github.com/plinth-ssg/plinth/generator/review"
	model "github.com/plinth-ssg/plinth/generator/site"
)

var cmdBuild = &command{
	name:  "build",
	usage: "build [flags]",
	short: "build the site into the destination folder",
	long: `
Build reads site.toml, content/, data/, layouts/, static/ and the theme, and
writes the complete site to the destination folder (public/ by default).

The new site is built beside the destination and swapped in only when the
whole build succeeded: a build with errors leaves the previous site exactly
as it was. Every problem is reported in one run as file:line:col, with the
offending line and a hint. Errors are printed first; when there are more
than three warnings of one kind, they are summarised in one line (--verbose
prints each).

Dates shown as the build date come from SOURCE_DATE_EPOCH when it is set,
otherwise from the newest date in the content, so two builds of the same
input give identical files.

The summary says how many figures of the published tables disclosure
control hid: the small counts (primary suppression) and the figures hidden
to protect them (secondary suppression). --disclosure lists every table.`,
}

var cmdCheck = &command{
	name:  "check",
	usage: "check [flags]",
	short: "report every problem in the site without writing anything",
	long: `
Check runs the whole build, including layouts and link checks, but writes
nothing. Use it before committing, and in CI. It exits with status 1 if the
site has errors.

Besides errors it warns about work left undone in pages that will be
published: placeholder text from an archetype (plinth new), a guidance page
naming no standard, a next_review date that has passed. --due lists the
pages due for review within 30 days.`,
}

func init() {
	cmdBuild.run = func(e *processEnv, args []string) int { return runBuild(e, cmdBuild, args, true) }
	cmdCheck.run = func(e *processEnv, args []string) int { return runBuild(e, cmdCheck, args, false) }
}

type buildFlagValues struct {
	source, destination, baseURL   *string
	preview                        *string
	drafts, future, quiet, timings *bool
	templateMetrics, disclosure    *bool
	verbose                        *bool
	external, due                  *bool
	cpuProfile, memProfile         *string
	memoryLimit                    *string
}

func buildFlags(c *command) (*flag.FlagSet, buildFlagValues) {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	v := buildFlagValues{
		source:          fs.String("source", ".", "the site's folder (holding site.toml)"),
		destination:     fs.String("destination", "public", "the output folder; a relative path is inside --source"),
		baseURL:         fs.String("baseURL", "", "the address the site is served from, overriding site.toml (e.g. https://example.org/quality/)"),
		preview:         fs.String("preview", "", "build a preview of what this names, such as \"pull request 42\": every page says it is a preview and asks search engines not to index it"),
		drafts:          fs.Bool("drafts", false, "include pages marked draft = true, and draft editions"),
		future:          fs.Bool("future", false, "include pages whose publishDate is in the future"),
		quiet:           fs.Bool("quiet", false, "print only problems, not the summary"),
		timings:         fs.Bool("timings", false, "print how long each stage of the build took"),
		templateMetrics: fs.Bool("template-metrics", false, "print how long each layout took, most expensive first"),
		disclosure:      fs.Bool("disclosure", false, "print what disclosure control did to each published table"),
		verbose:         fs.Bool("verbose", false, "print every warning in full; without it, more than three warnings of one kind are summarised in one line"),
		cpuProfile:      fs.String("cpuprofile", "", "write a CPU profile of the build to this file, for `go tool pprof`"),
		memProfile:      fs.String("memprofile", "", "write a memory profile of the build to this file, for `go tool pprof` (-sample_index=alloc_space shows what allocated most)"),
		memoryLimit:     fs.String("memory-limit", "1GiB", "keep the build's memory within this (like 512MiB or 2GiB), or within half as much again as the build needs when that is more; 0 leaves it to Go's default, and GOMEMLIMIT, if set, overrides it"),
	}
	if c == cmdCheck {
		v.external = fs.Bool("external", false, "also list every link to another site and check it answers (uses the network)")
		v.due = fs.Bool("due", false, fmt.Sprintf("also list the pages due for review within %d days, and those overdue", dueWithin))
	}
	return fs, v
}

// startCPUProfile starts writing a CPU profile to path ("" for none) and
// returns the function that finishes it. The profile is how to find where a
// build's time goes beyond the per-stage --timings (see bench/README.md).
func startCPUProfile(path string) (func() error, error) {
	if path == "" {
		return func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cannot create the CPU profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cannot start the CPU profile: %w", err)
	}
	return func() error {
		pprof.StopCPUProfile()
		return f.Close()
	}, nil
}

// writeMemProfile writes the heap profile to path ("" for none): what the
// build allocated, by call stack, and what it still held at the end. It
// is how to find an input that costs memory out of proportion to its
// size.
func writeMemProfile(path string) error {
	if path == "" {
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	runtime.GC() // the profile's in-use figures are as of the last collection
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func runBuild(e *processEnv, c *command, args []string, write bool) int {
	fs, v := buildFlags(c)
	if status, ok := parseFlags(e, c, fs, args); !ok {
		return status
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "plinth %s: unexpected argument %q\n\n", c.name, fs.Arg(0))
		commandUsage(e.stderr, c, fs)
		return 2
	}
	buildDate, err := sourceDateEpoch(e.getenv("SOURCE_DATE_EPOCH"))
	if err != nil {
		fmt.Fprintf(e.stderr, "plinth %s: %v\n", c.name, err)
		return 2
	}
	dest := *v.destination
	if !filepath.IsAbs(dest) {
		dest = filepath.Join(*v.source, dest)
	}
	if st, err := os.Stat(*v.source); write && err == nil && st.IsDir() {
		// A destination the build could never publish to is said before
		// the build, which takes minutes on a large site, and not after.
		// (A missing site folder is the build's to report: it is the
		// cause, and the destination's folder missing only follows.)
		if err := publish.Preflight(publish.Options{Destination: dest, Source: *v.source}); err != nil {
			fmt.Fprintf(e.stderr, "plinth %s: %s\n", c.name, diag.Printable(err.Error()))
			if pe := (*publish.Error)(nil); errors.As(err, &pe) {
				fmt.Fprintf(e.stderr, "  hint: %s\n", diag.Printable(pe.Hint()))
			}
			fmt.Fprintln(e.stderr, "\nNothing was built or published.")
			return 2
		}
	}
	target, err := parseSize(*v.memoryLimit)
	if err != nil {
		fmt.Fprintf(e.stderr, "plinth %s: --memory-limit: %v\n", c.name, err)
		return 2
	}
	if e.getenv("GOMEMLIMIT") != "" {
		target = 0 // the runtime's own setting stands
	}
	defer holdMemory(target)()
	var metrics *render.Metrics
	if *v.templateMetrics {
		metrics = &render.Metrics{}
	}
	stopProfile, err := startCPUProfile(*v.cpuProfile)
	if err != nil {
		fmt.Fprintf(e.stderr, "plinth %s: %v\n", c.name, err)
		return 2
	}
	start := time.Now()
	res, diags := pipeline.Run(pipeline.Options{
		Source: *v.source, Destination: dest, BaseURL: *v.baseURL, Preview: strings.TrimSpace(*v.preview),
		Drafts: *v.drafts, Future: *v.future,
		Now: time.Now(), BuildDate: buildDate, Write: write,
		TemplateMetrics: metrics,
	})
	elapsed := time.Since(start)
	if err := stopProfile(); err != nil {
		fmt.Fprintf(e.stderr, "plinth %s: cannot write the CPU profile: %v\n", c.name, err)
	}
	if err := writeMemProfile(*v.memProfile); err != nil {
		fmt.Fprintf(e.stderr, "plinth %s: cannot write the memory profile: %v\n", c.name, err)
	}
	diag.Report(e.stderr, diags, diag.ReportOptions{Verbose: *v.verbose})
	if metrics != nil {
		metrics.Print(e.stderr)
	}
	if *v.timings {
		for _, st := range res.Stages {
			fmt.Fprintf(e.stderr, "%-10s %8.1f ms\n", st.Name, float64(st.Duration.Microseconds())/1000)
		}
	}
	status := 0
	if v.external != nil && *v.external && res.Site != nil {
		status = checkExternal(e, res)
	}
	if v.due != nil && *v.due && res.Site != nil {
		printDue(e, res.Site.Pages, time.Now())
	}
	if diags.HasErrors() {
		fmt.Fprintf(e.stderr, "\n%s failed with %s.", strings.ToUpper(c.name[:1])+c.name[1:], diag.Summary(diags))
		if write {
			fmt.Fprintf(e.stderr, " Nothing was published: %s is unchanged.", dest)
		}
		fmt.Fprintln(e.stderr)
		return 1
	}
	if !*v.quiet {
		note := ""
		if _, warnings := diags.Count(); warnings == 1 {
			note = " (1 warning)"
		} else if warnings > 1 {
			note = fmt.Sprintf(" (%d warnings)", warnings)
		}
		if len(res.Disclosure) > 0 {
			fmt.Fprintln(e.stdout, disclosureSummary(res.Disclosure))
		}
		if *v.disclosure {
			for _, r := range res.Disclosure {
				fmt.Fprintf(e.stdout, "  %s\n", r)
			}
		}
		if write {
			fmt.Fprintf(e.stdout, "Built %d pages and copied %d files in %s to %s%s\n", res.Pages, res.Copied, round(elapsed), dest, note)
		} else {
			fmt.Fprintf(e.stdout, "Checked %d pages and %d files in %s: no errors%s\n", res.Pages, res.Copied, round(elapsed), note)
		}
	}
	return status
}

// disclosureSummary says in one line what disclosure control hid across
// the published tables of counts.
func disclosureSummary(reports []anonymise.Report) string {
	var figures, primary, secondary int
	for _, r := range reports {
		figures += r.Figures
		primary += r.Primary
		secondary += r.Secondary
	}
	return fmt.Sprintf("Disclosure control: %d tables of counts, %d figures; %d hidden: %d small (primary suppression), %d to protect them (secondary suppression)",
		len(reports), figures, primary+secondary, primary, secondary)
}

// dueWithin is how many days ahead `plinth check --due` looks.
const dueWithin = 30

// printDue lists the pages whose review falls due within dueWithin days of
// now, overdue ones first, each at the line where its date is written.
func printDue(e *processEnv, pages []*model.Page, now time.Time) {
	until := now.AddDate(0, 0, dueWithin)
	due := review.Due(pages, now, until)
	if len(due) == 0 {
		fmt.Fprintf(e.stdout, "No page is due for review by %s.\n", until.Format("2 January 2006"))
		return
	}
	fmt.Fprintf(e.stdout, "%s due for review by %s:\n", plural(len(due), "page", "pages"), until.Format("2 January 2006"))
	for _, p := range due {
		when := "due " + p.Due.Format("2 January 2006")
		if p.Overdue {
			when = "overdue since " + p.Due.Format("2 January 2006")
		}
		fmt.Fprintf(e.stdout, "  %s: %s, %s\n", diag.Printable(p.Pos.String()), diag.Printable(p.Title), when)
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// checkExternal lists the links to other sites with the pages using them,
// asks each whether it still exists, and returns 1 if any does not.
func checkExternal(e *processEnv, res pipeline.Result) int {
	cfg := res.Site.Config
	links := linkcheck.External(res.Files, linkcheck.Site{Origin: cfg.Origin(), BasePath: cfg.BasePath()})
	fmt.Fprintf(e.stdout, "%d links to other sites:\n", len(links))
	status := 0
	for _, s := range linkcheck.Fetch(context.Background(), links, 15*time.Second) {
		verdict := "ok"
		if !s.OK() {
			verdict, status = "BROKEN: "+s.Err.Error(), 1
		}
		fmt.Fprintf(e.stdout, "  %s  %s\n      used on %s\n", diag.Printable(s.URL), diag.Printable(verdict), diag.Printable(strings.Join(s.Pages, ", ")))
	}
	return status
}

// sourceDateEpoch parses SOURCE_DATE_EPOCH (seconds since 1970), the
// reproducible-builds convention for "the time this build claims".
func sourceDateEpoch(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n < 0 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970", s)
	}
	return time.Unix(n, 0).UTC(), nil
}

func round(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}
