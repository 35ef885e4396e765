package anonymise

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares got with testdata/name.golden, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s (run go test -update if the change is intended):\n%s", name, path, got)
	}
}

// regionsByStatus is a region × status table of actions with a quiet
// region, for the golden files.
func regionsByStatus() *Counts {
	regions := []string{"East", "London", "Midlands", "North East and Yorkshire", "North West", "South East", "South West"}
	statuses := []string{"Not started", "In progress", "Complete"}
	body := [][]int{
		{4, 23, 61},
		{12, 48, 133},
		{0, 37, 88},
		{9, 5, 71},
		{15, 44, 97},
		{2, 31, 120},
		{0, 3, 6},
	}
	c := NewCounts("Actions by region and status", regions, statuses)
	c.Meta.RowHeading, c.Meta.ColumnHeading = "Region", "Status"
	c.Meta.Source, c.Meta.Period = "Provider action plans", "2025-26 quarter 2"
	for i, r := range body {
		for j, v := range r {
			c.Add(i, j, v)
		}
	}
	c.MarkNationalRow(Total)
	return c
}

func describe(t *Table, rep *Report) string {
	var b strings.Builder
	b.WriteString(render(t))
	m := t.Meta()
	if m.Source != "" || m.Period != "" {
		fmt.Fprintf(&b, "Source: %s. Period: %s.\n", m.Source, m.Period)
	}
	fmt.Fprintf(&b, "Method: %s\n", t.Method())
	if rep != nil {
		fmt.Fprintf(&b, "Report: %s\n", rep)
	}
	return b.String()
}

func TestGolden(t *testing.T) {
	p := DefaultPolicy()
	publish := func(p Policy, c *Counts) (*Table, *Report) {
		t.Helper()
		tab, rep, err := p.Publish(c)
		if err != nil {
			t.Fatal(err)
		}
		return tab, &rep
	}

	tab, rep := publish(p, regionsByQuarter())
	golden(t, "regions_by_quarter", describe(tab, rep))

	byStatus, rep := publish(p, regionsByStatus())
	golden(t, "regions_by_status", describe(byStatus, rep))

	exempt := p
	exempt.NationalExempt = true
	tab, rep = publish(exempt, regionsByStatus())
	golden(t, "regions_by_status_national_exempt", describe(tab, rep))

	pc, err := p.RowPercentages("Share of actions by status", byStatus)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "regions_by_status_row_percentages", describe(pc, nil))

	l := NewList("Providers with an open action by region", "Providers", []string{"East", "London", "Midlands", "North West", "South West"})
	for i, v := range []int{14, 22, 3, 17, 9} {
		l.Add(i, 0, v)
	}
	l.Meta.RowHeading = "Region"
	tab, rep = publish(p, l)
	golden(t, "providers_list", describe(tab, rep))

	// Percentage complete by region and quarter, from two count tables.
	q := regionsByQuarter()
	all := NewCounts("All actions by region and quarter", q.rows, q.cols)
	rng := newRand(9)
	for i := range q.rows {
		for j := range q.cols {
			all.Add(i, j, q.n[i*len(q.cols)+j]+rng.IntN(40))
		}
	}
	done, _ := publish(p, q)
	den, _ := publish(p, all)
	p1 := p
	p1.Decimals = 1
	pc, err = p1.Percentages("Percentage of actions complete by region and quarter", done, den)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "percentage_complete", describe(pc, nil))

	s := NewSamples("Average progress of actions by region and quarter", q.rows, q.cols[:4], Mean)
	s.Percent = true
	for i := range q.rows {
		for j := range 4 {
			for range (i*3 + j*5) % 13 {
				s.Add(i, j, float64(rng.IntN(101)))
			}
		}
	}
	tab, srep, err := p.Summarise(s)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "average_progress", describe(tab, &srep))
}
