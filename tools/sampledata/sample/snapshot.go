package sample

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"time"
)

// Snapshot returns the output files as the data would have stood on an
// earlier date at: the same providers, the actions opened by then, and
// each with the status it had then, worked out from its dates (completed
// by then, overdue if its due date had passed, not started early in its
// span if it had not started at asOf either, at risk if it is at risk now,
// one in four of the rest at risk, on track otherwise). It is how the example site's earlier releases in
// data/releases were made (tools/samplereleases), so that they agree with
// today's data. Every name and code is as invented as Generate's.
func Snapshot(actions int, at time.Time) (map[string][]byte, error) {
	if !at.Before(asOf) || at.Before(periodStart) {
		return nil, fmt.Errorf("a snapshot must be dated from %s to before %s", day(periodStart), day(asOf))
	}
	r := rand.New(rand.NewPCG(seed[0], seed[1]))
	providers := makeProviders(r)
	var kept []action
	for _, a := range makeActions(r, providers, actions) {
		if a.opened.After(at) {
			continue
		}
		if a.status != "complete" || a.updated.After(at) {
			statusAt(&a, at)
		}
		kept = append(kept, a)
	}
	prov, err := providersCSV(providers)
	if err != nil {
		return nil, err
	}
	act, err := actionsCSV(kept)
	if err != nil {
		return nil, err
	}
	return map[string][]byte{
		"providers.csv":   prov,
		"actions.csv":     act,
		ManifestBlockName: []byte(manifestBlock(at)),
	}, nil
}

// statusAt sets the status an action still open on the date at had then.
func statusAt(a *action, at time.Time) {
	frac := at.Sub(a.opened).Hours() / a.due.Sub(a.opened).Hours()
	pct := max(5, min(95, int(frac*100)))
	switch {
	case at.After(a.due):
		a.status, a.percent = "overdue", pct
	case a.status == "not-started" || frac < 0.15 && a.status != "at-risk":
		a.status, a.percent = "not-started", 0
	case a.status == "at-risk" || a.draw()%4 == 0:
		// At risk now, or one in four of the others, as progress draws.
		a.status, a.percent = "at-risk", pct
	default:
		a.status, a.percent = "on-track", pct
	}
	a.updated = at
}

// draw is a number fixed by the action's ID, for choices that must not
// depend on the order of drawing.
func (a *action) draw() uint32 {
	h := fnv.New32a()
	h.Write([]byte(a.id))
	return h.Sum32()
}
