package harness

import (
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// WeightBudget is the most a page may cost to load, gzipped: its HTML, CSS
// and JavaScript together.
const WeightBudget = 60 * 1024

// overBudget returns the finding for a page that weighs more than budget.
func overBudget(file string, w Weight, budget int) (Finding, bool) {
	if w.Total() <= budget {
		return Finding{}, false
	}
	return Finding{
		Rule: RulePageWeight,
		Msg:  fmt.Sprintf("the page weighs %s gzipped, over the budget of %s", w, kilobytes(budget)),
		Hint: "load less: a script or stylesheet only on the pages that use it, no library for what a few lines of the theme can do",
		Pos:  diag.Pos{File: file},
	}, true
}

// Weight is the gzipped size of what a page loaded, by kind, in bytes.
type Weight struct {
	HTML, CSS, JS int
}

// Total returns the sum of the kinds.
func (w Weight) Total() int { return w.HTML + w.CSS + w.JS }

func (w Weight) String() string {
	return fmt.Sprintf("%s (HTML %s, CSS %s, JS %s)", kilobytes(w.Total()), kilobytes(w.HTML), kilobytes(w.CSS), kilobytes(w.JS))
}

func kilobytes(n int) string { return fmt.Sprintf("%.1f KB", float64(n)/1024) }

// gzipSizes measures files by gzipping them, the way a static host sends
// them, and remembers the answers: every page loads the same stylesheet. The
// local server sends files uncompressed, so the browser's own byte counts
// would overstate the weight several times.
type gzipSizes struct {
	fsys fs.FS
	mu   sync.Mutex
	size map[string]int
}

func newGzipSizes(fsys fs.FS) *gzipSizes {
	return &gzipSizes{fsys: fsys, size: map[string]int{}}
}

// Of returns the gzipped size of a file, or 0 if it cannot be read.
func (g *gzipSizes) Of(name string) int {
	g.mu.Lock()
	n, ok := g.size[name]
	g.mu.Unlock()
	if ok {
		return n
	}
	n = gzipSize(g.fsys, name)
	g.mu.Lock()
	g.size[name] = n
	g.mu.Unlock()
	return n
}

func gzipSize(fsys fs.FS, name string) int {
	f, err := fsys.Open(name)
	if err != nil {
		return 0
	}
	defer f.Close()
	var c counter
	zw, _ := gzip.NewWriterLevel(&c, gzip.DefaultCompression)
	if _, err := io.Copy(zw, f); err != nil {
		return 0
	}
	zw.Close()
	return c.n
}

type counter struct{ n int }

func (c *counter) Write(p []byte) (int, error) { c.n += len(p); return len(p), nil }

// TypeWeight summarises the weight of one type of page (see [PageType]).
type TypeWeight struct {
	Type    string
	Pages   int
	Median  int
	Max     int
	MaxPage string
	// Over lists the pages over the budget, by URL path.
	Over []string
}

// WeightsByType groups pages by [PageType] and summarises each group
// against budget, in type order.
func WeightsByType(pages []PageReport, budget int) []TypeWeight {
	groups := map[string][]PageReport{}
	for _, p := range pages {
		t := PageType(p.File)
		groups[t] = append(groups[t], p)
	}
	var out []TypeWeight
	for t, ps := range groups {
		totals := make([]int, len(ps))
		tw := TypeWeight{Type: t, Pages: len(ps)}
		for i, p := range ps {
			totals[i] = p.Weight.Total()
			if totals[i] > tw.Max || tw.MaxPage == "" {
				tw.Max, tw.MaxPage = totals[i], p.Path
			}
			if totals[i] > budget {
				tw.Over = append(tw.Over, p.Path)
			}
		}
		slices.Sort(totals)
		tw.Median = totals[len(totals)/2]
		slices.Sort(tw.Over)
		out = append(out, tw)
	}
	slices.SortFunc(out, func(a, b TypeWeight) int { return strings.Compare(a.Type, b.Type) })
	return out
}

// String formats one line of the weight report.
func (tw TypeWeight) String(budget int) string {
	s := fmt.Sprintf("%-12s %4d pages  median %8s  max %8s (%s)", tw.Type, tw.Pages, kilobytes(tw.Median), kilobytes(tw.Max), tw.MaxPage)
	if len(tw.Over) > 0 {
		s += fmt.Sprintf("  OVER BUDGET (%s): %d pages, e.g. %s", kilobytes(budget), len(tw.Over), tw.Over[0])
	} else {
		s += fmt.Sprintf("  within %s", kilobytes(budget))
	}
	return s
}
