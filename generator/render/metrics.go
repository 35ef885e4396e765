package render

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"sync"
	"time"
)

// Metrics records how long each layout took to render, for
// `plinth build --template-metrics`: the layouts that cost the most are
// where to look when a large site builds slowly. Time spent in the partials
// a layout calls counts towards the layout. A Metrics is safe for
// concurrent use; the zero value is ready.
type Metrics struct {
	mu sync.Mutex
	m  map[string]*LayoutMetric
}

// LayoutMetric is one layout's total.
type LayoutMetric struct {
	Layout string
	Count  int
	Total  time.Duration
	Max    time.Duration
}

func (m *Metrics) add(layout string, d time.Duration) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.m == nil {
		m.m = map[string]*LayoutMetric{}
	}
	e := m.m[layout]
	if e == nil {
		e = &LayoutMetric{Layout: layout}
		m.m[layout] = e
	}
	e.Count++
	e.Total += d
	e.Max = max(e.Max, d)
}

// Layouts returns the totals, most expensive first.
func (m *Metrics) Layouts() []LayoutMetric {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []LayoutMetric
	for _, e := range m.m {
		out = append(out, *e)
	}
	slices.SortFunc(out, func(a, b LayoutMetric) int {
		if c := cmp.Compare(b.Total, a.Total); c != 0 {
			return c
		}
		return cmp.Compare(a.Layout, b.Layout)
	})
	return out
}

// Print writes the totals as a table.
func (m *Metrics) Print(w io.Writer) {
	fmt.Fprintf(w, "%12s %12s %12s %8s  %s\n", "cumulative", "average", "maximum", "count", "layout")
	for _, e := range m.Layouts() {
		fmt.Fprintf(w, "%12s %12s %12s %8d  %s\n", e.Total.Round(time.Microsecond), (e.Total / time.Duration(e.Count)).Round(time.Microsecond), e.Max.Round(time.Microsecond), e.Count, e.Layout)
	}
}
