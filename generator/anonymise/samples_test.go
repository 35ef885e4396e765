package anonymise

import (
	"math"
	"strings"
	"testing"
)

func TestSummarise(t *testing.T) {
	p := DefaultPolicy()
	s := NewSamples("Average percentage complete", []string{"East", "West"}, []string{"Q1", "Q2"}, Mean)
	s.Percent = true
	for range 8 { // East Q1: 8 items, shown
		s.Add(0, 0, 50)
	}
	s.Add(0, 0, 95) // now 9 items: mean 55
	for range 7 {   // East Q2: 7 items, hidden
		s.Add(0, 1, 100)
	}
	// West Q1: no items, hidden.
	for i := range 10 { // West Q2: 0, 10, ..., 90: mean 45
		s.Add(1, 1, float64(10*i))
	}
	tab, rep, err := p.Summarise(s)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"55%", "[c]"}, {"[c]", "45%"}}
	if got := cells(tab); !equalCells(got, want) {
		t.Errorf("means %v, want %v", got, want)
	}
	if rep.Primary != 2 || rep.Figures != 4 || tab.Kind() != KindAverage {
		t.Errorf("report %+v, kind %v", rep, tab.Kind())
	}
	if fn := strings.Join(tab.Footnotes(), " "); !strings.Contains(fn, "fewer than 8 items") {
		t.Errorf("footnotes %q", tab.Footnotes())
	}
	if tab.HasRowTotals() || tab.HasColumnTotals() || tab.HasGrandTotal() {
		t.Error("averages have totals")
	}

	s.Statistic = Median
	p.Decimals = 1
	tab, _, err = p.Summarise(s)
	if err != nil {
		t.Fatal(err)
	}
	// East Q1: eight 50s and a 95: median 50. West Q2: 0..90, an even
	// count: (40 + 50) / 2.
	want = [][]string{{"50.0%", "[c]"}, {"[c]", "45.0%"}}
	if got := cells(tab); !equalCells(got, want) {
		t.Errorf("medians %v, want %v", got, want)
	}

	s.Add(1, 0, math.NaN())
	if _, _, err := p.Summarise(s); err == nil || !strings.Contains(err.Error(), `row "West", column "Q1"`) {
		t.Errorf("NaN item: err = %v", err)
	}
}
