package sample

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"
)

// The reporting period: eight quarters, 2024-Q4 to 2026-Q3, and the date
// the data describes ("as of").
var (
	periodStart = time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC)
	asOf        = time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)
)

// quartersTo lists the quarter labels from the start of the period to the
// quarter of the date at, in order: eight quarters at asOf.
func quartersTo(at time.Time) []string {
	var out []string
	for d := periodStart; !d.After(at); d = d.AddDate(0, 3, 0) {
		out = append(out, quarterOf(d))
	}
	return out
}

func quarterOf(d time.Time) string { return fmt.Sprintf("%d-Q%d", d.Year(), (int(d.Month())-1)/3+1) }

// The action statuses, and where progress came from.
var (
	statuses = []string{"not-started", "on-track", "at-risk", "overdue", "complete"}
	sources  = []weighted{{"survey", 35}, {"quality-review", 20}, {"self-assessment", 20}, {"learner-feedback", 15}, {"raised-concern", 10}}
)

// DefaultActions is how many actions the example site's data has.
const DefaultActions = 3000

// Deliberately small categories, so that disclosure control has cells to
// suppress. data/README.md lists them.
const (
	smallRegion       = "north-east-and-yorkshire" // has exactly 3 paramedicine actions
	smallRegionCount  = 3
	fewOverdueRegion  = "east-of-england" // has exactly 2 overdue actions
	fewOverdueCount   = 2
	smallDentalRegion = "south-west" // has exactly 5 dentistry actions
	smallDentalCount  = 5
)

// action is one improvement action.
type action struct {
	id                                  string
	p                                   *provider
	profession, standard, source, title string
	opened, due, updated                time.Time
	status                              string
	percent                             int
}

func weightedPick(r *rand.Rand, ws []weighted) string {
	weights := make([]int, len(ws))
	for i, w := range ws {
		weights[i] = w.weight
	}
	return ws[weightedIndex(r, weights)].key
}

// weightedIndex draws an index with probability proportional to its weight.
func weightedIndex(r *rand.Rand, weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := r.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

// restricted reports whether a provider and profession fall into one of the
// deliberately small categories, which are filled separately.
func restricted(p *provider, profession string) bool {
	return (p.region == smallRegion && profession == "paramedicine") ||
		(p.region == smallDentalRegion && profession == "dentistry")
}

// makeActions draws the actions: first the small categories, exactly, then
// the rest by provider weight, skipping draws that would add to the small
// categories.
func makeActions(r *rand.Rand, providers []provider, total int) []action {
	var out []action
	special := func(region, profession string, n int) {
		var candidates []*provider
		for i := range providers {
			p := &providers[i]
			if p.region != region {
				continue
			}
			for _, w := range p.professions {
				if w.key == profession {
					candidates = append(candidates, p)
					break
				}
			}
		}
		for range n {
			out = append(out, newAction(r, candidates[r.IntN(len(candidates))], profession))
		}
	}
	special(smallRegion, "paramedicine", smallRegionCount)
	special(smallDentalRegion, "dentistry", smallDentalCount)

	weights := make([]int, len(providers))
	for i, p := range providers {
		weights[i] = p.weight
	}
	for len(out) < total {
		p := &providers[weightedIndex(r, weights)]
		prof := weightedPick(r, p.professions)
		if restricted(p, prof) {
			continue
		}
		out = append(out, newAction(r, p, prof))
	}
	limitOverdue(r, out)
	slices.SortStableFunc(out, func(a, b action) int {
		if c := a.opened.Compare(b.opened); c != 0 {
			return c
		}
		return cmp.Compare(a.p.code, b.p.code)
	})
	for i := range out {
		out[i].id = fmt.Sprintf("ACT-%04d", i+1)
	}
	return out
}

// newAction draws an action's standard, dates and progress.
func newAction(r *rand.Rand, p *provider, profession string) action {
	domain := r.IntN(6)
	if r.IntN(3) == 0 {
		domain = 0 // the learning environment draws the most actions
	}
	a := action{
		p: p, profession: profession,
		standard: fmt.Sprintf("2021:%d.%d", domain+1, r.IntN(standardsPerDomain[domain])+1),
		source:   weightedPick(r, sources),
		title:    titles[domain][r.IntN(len(titles[domain]))],
	}
	days := int(asOf.Sub(periodStart).Hours()/24) + 1
	a.opened = periodStart.AddDate(0, 0, r.IntN(days))
	a.due = a.opened.AddDate(0, 0, 60+r.IntN(306))
	progress(r, &a)
	return a
}

// progress sets the status, percentage and last update as of asOf: the
// longer an action has run against its deadline, the likelier it is done.
func progress(r *rand.Rand, a *action) {
	elapsed := asOf.Sub(a.opened).Hours()
	span := a.due.Sub(a.opened).Hours()
	frac := elapsed / span
	pDone := min(0.9, frac*0.8)
	switch {
	case r.Float64() < pDone:
		complete(r, a)
	case asOf.After(a.due):
		a.status = "overdue"
		a.percent = 30 + r.IntN(66)
		a.updated = recent(r, a.opened, 90)
	case frac < 0.15 && r.IntN(10) < 6:
		a.status = "not-started"
		a.updated = recent(r, a.opened, 30)
	case r.IntN(4) == 0:
		a.status = "at-risk"
		a.percent = max(5, min(90, int(frac*60)+r.IntN(10)))
		a.updated = recent(r, a.opened, 60)
	default:
		a.status = "on-track"
		a.percent = max(5, min(95, int(frac*100)+r.IntN(21)-10))
		a.updated = recent(r, a.opened, 60)
	}
}

// complete marks an action done on a day between its opening and asOf.
func complete(r *rand.Rand, a *action) {
	latest := min(asOf.Sub(a.opened).Hours()/24, a.due.Sub(a.opened).Hours()/24*1.1)
	a.status = "complete"
	a.percent = 100
	a.updated = a.opened.AddDate(0, 0, r.IntN(int(latest)+1))
}

// recent returns a day in the last `within` days before asOf, but not
// before opened.
func recent(r *rand.Rand, opened time.Time, within int) time.Time {
	d := asOf.AddDate(0, 0, -r.IntN(within))
	if d.Before(opened) {
		return opened
	}
	return d
}

// limitOverdue keeps exactly fewOverdueCount overdue actions in
// fewOverdueRegion, completing the others (late).
func limitOverdue(r *rand.Rand, out []action) {
	kept := 0
	for i := range out {
		a := &out[i]
		if a.p.region != fewOverdueRegion || a.status != "overdue" {
			continue
		}
		if kept < fewOverdueCount {
			kept++
			continue
		}
		a.status, a.percent = "complete", 100
		a.updated = a.due.AddDate(0, 0, r.IntN(int(asOf.Sub(a.due).Hours()/24)+1))
	}
}
