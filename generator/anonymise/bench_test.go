package anonymise

import (
	"fmt"
	"testing"
)

// regionsByQuarter is a realistic 7 × 8 table (regions × quarters) of
// action counts: mostly tens, a few small cells, one quiet region.
func regionsByQuarter() *Counts {
	regions := []string{"East", "London", "Midlands", "North East and Yorkshire", "North West", "South East", "South West"}
	var quarters []string
	for y := 2024; y <= 2025; y++ {
		for q := 1; q <= 4; q++ {
			quarters = append(quarters, fmt.Sprintf("%d Q%d", y, q))
		}
	}
	c := NewCounts("Actions completed by region and quarter", regions, quarters)
	c.Meta.RowHeading, c.Meta.ColumnHeading = "Region", "Quarter"
	rng := newRand(42)
	for i := range regions {
		for j := range quarters {
			switch {
			case i == 6: // a quiet region: small counts throughout
				c.Add(i, j, rng.IntN(9))
			case rng.IntN(6) == 0:
				c.Add(i, j, 1+rng.IntN(7))
			default:
				c.Add(i, j, 10+rng.IntN(80))
			}
		}
	}
	return c
}

func BenchmarkPublish7x8(b *testing.B) {
	c := regionsByQuarter()
	p := DefaultPolicy()
	var rep Report
	for b.Loop() {
		_, r, err := p.Publish(c)
		if err != nil {
			b.Fatal(err)
		}
		rep = r
	}
	b.ReportMetric(float64(rep.Primary), "primary")
	b.ReportMetric(float64(rep.Secondary), "secondary")
}

// BenchmarkPublish12x12 is the largest table the package is meant for, with
// many small cells: the worst case for secondary suppression.
func BenchmarkPublish12x12(b *testing.B) {
	c := randomCounts(newRand(12), 12, 12, 100)
	c.Margins = AllMargins
	p := DefaultPolicy()
	var rep Report
	for b.Loop() {
		_, r, err := p.Publish(c)
		if err != nil {
			b.Fatal(err)
		}
		rep = r
	}
	b.ReportMetric(float64(rep.Primary), "primary")
	b.ReportMetric(float64(rep.Secondary), "secondary")
}
