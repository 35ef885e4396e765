package harness

import (
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/network"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// WeightBudget is the most a page may cost to load, gzipped, when no
// [Budget] names it: its HTML, CSS, JavaScript, images, fonts and the data
// its scripts fetch, together.
const WeightBudget = 60 * 1024

// Budget is the most the pages of one type may weigh (see [Weight]). Pages
// of a site differ: a page of text needs the shared stylesheet and script,
// a page of charts or the self-assessment more, so one budget for all
// would either fail the heavy pages or let the light ones grow unnoticed.
type Budget struct {
	// Pattern is matched against the page's file ("framework/*/index.html")
	// with path.Match, where * does not cross a slash.
	Pattern string
	// Bytes is the budget, gzipped.
	Bytes int
}

// BudgetFor returns the budget of the first of budgets whose pattern
// matches file, or fallback when none does.
func BudgetFor(budgets []Budget, file string, fallback int) int {
	for _, b := range budgets {
		if ok, _ := path.Match(b.Pattern, file); ok {
			return b.Bytes
		}
	}
	return fallback
}

// overBudget returns the finding for a page that weighs more than budget.
func overBudget(file string, w Weight, budget int) (Finding, bool) {
	if w.Total() <= budget {
		return Finding{}, false
	}
	return Finding{
		Rule: RulePageWeight,
		Msg:  fmt.Sprintf("the page weighs %s gzipped, over the budget of %s", w, kilobytes(budget)),
		Hint: "load less: a script or stylesheet only on the pages that use it, no library for what a few lines of the theme can do, images no larger than they show",
		Pos:  diag.Pos{File: file},
	}, true
}

// Weight is the gzipped size of what a page loaded, by kind, in bytes. A
// reader on a slow mobile connection pays for all of it: Image counts the
// images the page and its stylesheet loaded, Font the web fonts, and Data
// what its scripts fetched (the search index).
type Weight struct {
	HTML, CSS, JS, Image, Font, Data int
}

// Total returns the sum of the kinds.
func (w Weight) Total() int { return w.HTML + w.CSS + w.JS + w.Image + w.Font + w.Data }

func (w Weight) String() string {
	s := fmt.Sprintf("%s (HTML %s, CSS %s, JS %s", kilobytes(w.Total()), kilobytes(w.HTML), kilobytes(w.CSS), kilobytes(w.JS))
	for _, k := range []struct {
		name string
		n    int
	}{{"images", w.Image}, {"fonts", w.Font}, {"data", w.Data}} {
		if k.n > 0 {
			s += fmt.Sprintf(", %s %s", k.name, kilobytes(k.n))
		}
	}
	return s + ")"
}

// add counts a file of the given resource type in its kind; it reports
// false for a type that is not counted (a redirect page's document, a
// media stream).
func (w *Weight) add(typ network.ResourceType, n int) bool {
	switch typ {
	case network.ResourceTypeDocument:
		w.HTML += n
	case network.ResourceTypeStylesheet:
		w.CSS += n
	case network.ResourceTypeScript:
		w.JS += n
	case network.ResourceTypeImage:
		w.Image += n
	case network.ResourceTypeFont:
		w.Font += n
	case network.ResourceTypeFetch, network.ResourceTypeXHR:
		w.Data += n
	default:
		return false
	}
	return true
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

// TypeWeight summarises the weight of one type of page: the pages one
// [Budget] covers, or those of one [PageType] that no budget names.
type TypeWeight struct {
	Type    string
	Budget  int
	Pages   int
	Median  int
	Max     int
	MaxPage string
	// Over lists the pages over the budget, by URL path.
	Over []string
}

// WeightsByType groups pages by the budget that covers them (the type is
// the budget's pattern), or by [PageType] with the fallback budget, and
// summarises each group against its budget, in type order.
func WeightsByType(pages []PageReport, budgets []Budget, fallback int) []TypeWeight {
	groups := map[string][]PageReport{}
	limit := map[string]int{}
	for _, p := range pages {
		t, b := PageType(p.File), fallback
		for _, bu := range budgets {
			if ok, _ := path.Match(bu.Pattern, p.File); ok {
				t, b = bu.Pattern, bu.Bytes
				break
			}
		}
		groups[t] = append(groups[t], p)
		limit[t] = b
	}
	var out []TypeWeight
	for t, ps := range groups {
		totals := make([]int, len(ps))
		tw := TypeWeight{Type: t, Budget: limit[t], Pages: len(ps)}
		for i, p := range ps {
			totals[i] = p.Weight.Total()
			if totals[i] > tw.Max || tw.MaxPage == "" {
				tw.Max, tw.MaxPage = totals[i], p.Path
			}
			if totals[i] > tw.Budget {
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
func (tw TypeWeight) String() string {
	s := fmt.Sprintf("%-40s %4d pages  median %8s  max %8s (%s)", tw.Type, tw.Pages, kilobytes(tw.Median), kilobytes(tw.Max), tw.MaxPage)
	if len(tw.Over) > 0 {
		s += fmt.Sprintf("  OVER BUDGET (%s): %d pages, e.g. %s", kilobytes(tw.Budget), len(tw.Over), tw.Over[0])
	} else {
		s += fmt.Sprintf("  within %s", kilobytes(tw.Budget))
	}
	return s
}
