package anonymise

import (
	"fmt"
	"math/rand/v2"
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

// BenchmarkReleases publishes a quarter's table by standard (31 standards
// by 5 statuses; a tenth of the figures small, as in the example's data)
// after n earlier quarterly releases of it: the audit across releases
// grows with every quarter a site has published, so this is the cost a
// site pays as it ages. Making the earlier releases is not timed.
func BenchmarkReleases(b *testing.B) {
	for _, n := range []int{2, 4, 8} {
		b.Run(fmt.Sprintf("earlier=%d", n), func(b *testing.B) {
			rng := newRand(31)
			p := DefaultPolicy()
			c := byStandard(rng)
			var earlier []*Counts
			for range n {
				t, err := publishWith(p, c, earlier...)
				if err != nil {
					b.Fatal(err)
				}
				earlier = append(earlier, earlierOf(t, AllMargins))
				c = perturb(rng, c)
			}
			var rep []Report
			for b.Loop() {
				var l Linked
				l.Add(c)
				for i, e := range earlier {
					var prev Linked
					prev.Add(e)
					l.Previous(fmt.Sprintf("release %d", i+1), &prev)
				}
				_, r, err := p.PublishLinked(&l)
				if err != nil {
					b.Fatal(err)
				}
				rep = r
			}
			b.ReportMetric(float64(rep[0].Primary), "primary")
			b.ReportMetric(float64(rep[0].Secondary), "secondary")
		})
	}
}

// byStandard is a table of actions by standard and status: mostly tens,
// a tenth small, some empty.
func byStandard(rng *rand.Rand) *Counts {
	rows := make([]string, 31)
	for i := range rows {
		rows[i] = fmt.Sprintf("%d.%d", 1+i/6, 1+i%6)
	}
	c := NewCounts("Actions by standard and status", rows, []string{"Not started", "On track", "At risk", "Overdue", "Complete"})
	c.Margins = AllMargins
	for i := range rows {
		for j := range 5 {
			switch u := rng.Float64(); {
			case u < 0.1:
			case u < 0.2:
				c.Add(i, j, 1+rng.IntN(7))
			default:
				c.Add(i, j, 8+rng.IntN(60))
			}
		}
	}
	return c
}
