package feedback

// Tally counts the published entries by region and status: the table on
// the index page. It counts entries, not people, so no disclosure control
// applies. When the chart pipeline exists, the index layout draws this
// table as a chart in the slot marked there, and keeps the table for
// screen readers and printing.
type Tally struct {
	// Statuses are the columns and Rows the regions, each only if it has
	// entries, in the facets' order.
	Statuses []*FacetValue
	Rows     []TallyRow
	// Totals are the column totals; Total counts every entry.
	Totals []int
	Total  int
}

// TallyRow is one region's counts, one per status, and their total.
type TallyRow struct {
	Region *FacetValue
	Counts []int
	Total  int
}

// tally counts the entries of the region and status facets.
func tally(f *Feedback) *Tally {
	regions, statuses := f.Facet(FacetRegion), f.Facet(FacetStatus)
	t := &Tally{Statuses: statuses.Values, Totals: make([]int, len(statuses.Values))}
	col := map[*FacetValue]int{}
	for j, s := range statuses.Values {
		col[s] = j
	}
	for _, r := range regions.Values {
		row := TallyRow{Region: r, Counts: make([]int, len(statuses.Values))}
		for _, e := range r.Entries {
			j := col[e.Status]
			row.Counts[j]++
			row.Total++
			t.Totals[j]++
			t.Total++
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
