package chart

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"github.com/plinth-ssg/plinth/generator/anonymise"
	"github.com/plinth-ssg/plinth/generator/site"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// specs are the ways the tests draw their tables.
func specs(t *testing.T) map[string]struct {
	table *anonymise.Table
	spec  Spec
} {
	status, percent, zero, near := statusByRegion(t), percentByQuarter(t), withZero(t), nearHidden(t)
	london := status.ColumnTable(0, "Actions by status, London")
	zeroLondon := zero.ColumnTable(0, "Actions by domain, London")
	return map[string]struct {
		table *anonymise.Table
		spec  Spec
	}{
		"stacked-shares": {sharesOf(t, status), Spec{ID: "status", Summary: "Status by region.", Kind: StackedBar, Series: SeriesFromRows,
			Rows: []string{"Complete", "Not started", "Overdue"}, RowTotals: true, Horizontal: true, ValueName: "Percentage", Counts: status, Unit: "actions"}},
		"bar-reference": {sharesOf(t, london), Spec{ID: "status-london", Summary: "London.", Kind: Bar, Series: SeriesFromColumns,
			Reference: "England", Horizontal: true, ValueName: "Percentage", Counts: london, Unit: "actions"}},
		"bar-zero": {zeroLondon, Spec{ID: "domains-london", Summary: "London by domain.", Kind: Bar, Series: SeriesFromColumns,
			Columns: []string{"London"}, Horizontal: true, ValueName: "Actions"}},
		"stacked-zero": {sharesOf(t, zero), Spec{ID: "domains", Summary: "Domains by region.", Kind: StackedBar, Series: SeriesFromRows,
			RowTotals: true, Horizontal: true, ValueName: "Percentage", Counts: zero, Unit: "actions"}},
		"stacked-near": {sharesOf(t, near), Spec{ID: "near", Summary: "Status by region.", Kind: StackedBar, Series: SeriesFromRows,
			RowTotals: true, Horizontal: true, ValueName: "Percentage", Counts: near, Unit: "actions"}},
		"line-quarters":   {eightQuarters(t), Spec{ID: "quarters", Summary: "By quarter.", Kind: Line, Series: SeriesFromColumns, RowTotals: true, ValueName: "Actions"}},
		"panels-quarters": {eightQuarters(t), Spec{ID: "quarters-panels", Summary: "By quarter.", Kind: Line, Series: SeriesFromColumns, RowTotals: true, Reference: "England", Panels: true, ValueName: "Actions"}},
		"bar-england":     {status, Spec{ID: "status-england", Summary: "England.", Kind: Bar, Series: SeriesFromColumns, Columns: []string{}, RowTotals: true, ValueName: "Actions"}},
		"line-panels":     {percent, Spec{ID: "percent", Summary: "Percent.", Kind: Line, Series: SeriesFromColumns, RowTotals: true, Reference: "England", Panels: true, ValueName: "Percentage complete"}},
		"line-regions":    {percent, Spec{ID: "percent-lines", Summary: "Percent.", Kind: Line, Series: SeriesFromColumns, RowTotals: true, ValueName: "Percentage complete"}},
	}
}

// seriesItem is one series of an option, as the tests read it.
type seriesItem struct {
	Type string
	Name string
	Data []json.RawMessage
}

// optionSeries reads the series of a figure's option.
func optionSeries(t *testing.T, f *site.Figure) []seriesItem {
	t.Helper()
	var o struct{ BaseOption struct{ Series []seriesItem } }
	if err := json.Unmarshal([]byte(f.Options), &o); err != nil {
		t.Fatal(err)
	}
	return o.BaseOption.Series
}

// drawnValue is the value a data item draws, as JSON: a bar's or a line's
// value, or a reference's position along the value axis.
func drawnValue(t *testing.T, s seriesItem, item json.RawMessage, horizontal bool) string {
	t.Helper()
	var v struct{ Value json.RawMessage }
	if json.Unmarshal(item, &v) != nil || v.Value == nil {
		v.Value = item
	}
	if s.Type != "scatter" {
		return string(v.Value)
	}
	var pair []json.RawMessage
	if err := json.Unmarshal(v.Value, &pair); err != nil || len(pair) != 2 {
		t.Fatalf("a scatter item %s", item)
	}
	if horizontal {
		return string(pair[0])
	}
	return string(pair[1])
}

// TestOptionFiguresAreTheTables is the rule that the chart, the table and
// the open data show the same figures: every value a series of the table
// draws is the published figure of the cell it draws, and every cell the
// table hides ([c]) is null, never a number. The notes on hidden figures
// are the only other series, one note per place.
func TestOptionFiguresAreTheTables(t *testing.T) {
	for name, tc := range specs(t) {
		f, err := New(tc.table, tc.spec, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		d, err := tc.spec.pick(tc.table)
		if err != nil {
			t.Fatal(err)
		}
		numbers, nulls, notes := 0, 0, 0
		for _, s := range optionSeries(t, f) {
			k := slices.Index(d.series, s.Name)
			if k < 0 {
				if s.Name != HiddenName && s.Name != "0" {
					t.Errorf("%s: a series %q that is not the table's", name, s.Name)
				}
				notes += len(s.Data)
				continue
			}
			if len(s.Data) != len(d.categories) {
				t.Fatalf("%s: series %q has %d items for %d categories", name, s.Name, len(s.Data), len(d.categories))
			}
			for i, item := range s.Data {
				cell, got := d.cells[k][i], drawnValue(t, s, item, tc.spec.horizontal())
				if cell.Suppressed() {
					nulls++
					if got != "null" {
						t.Errorf("%s: %s, %s is [c] in the table but %s in the chart", name, s.Name, d.categories[i], got)
					}
					continue
				}
				numbers++
				if got != cell.Plain() {
					t.Errorf("%s: %s, %s is %s in the table but %s in the chart", name, s.Name, d.categories[i], cell.Plain(), got)
				}
			}
		}
		if numbers == 0 {
			t.Errorf("%s: the chart draws no figure", name)
		}
		if nulls > 0 && notes == 0 {
			t.Errorf("%s: %d hidden figures and no note on them", name, nulls)
		}
		t.Logf("%s: %d figures drawn as in the table, %d hidden figures drawn as no value, %d notes", name, numbers, nulls, notes)
	}
}

func TestOptionsGolden(t *testing.T) {
	for name, tc := range specs(t) {
		f, err := New(tc.table, tc.spec, nil)
		if err != nil {
			t.Fatal(err)
		}
		var pretty bytes.Buffer
		json.Indent(&pretty, []byte(f.Options), "", "  ")
		pretty.WriteByte('\n')
		file := filepath.Join("testdata", name+".json")
		if *update {
			if err := os.WriteFile(file, pretty.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(pretty.Bytes(), want) {
			t.Errorf("%s differs from %s (run go test -update if the change is meant):\n%s", name, file, pretty.String())
		}
		// The same input gives the same bytes.
		again, _ := New(tc.table, tc.spec, nil)
		if again.Options != f.Options {
			t.Errorf("%s: two runs give different options", name)
		}
	}
}

// TestOptionsAreData: a label that would end the data island's <script>
// element, or start a comment in it, comes out escaped; go-echarts'
// function marker in any label fails; so does a function set anywhere in
// the option tree.
func TestOptionsAreData(t *testing.T) {
	c := anonymise.NewCounts("Hostile labels", []string{"</script><script>alert(1)</script>", "a & b <!--"}, []string{"Region\u2028one"})
	c.Add(0, 0, 40)
	c.Add(1, 0, 55)
	tab, _, err := anonymise.DefaultPolicy().Publish(c)
	if err != nil {
		t.Fatal(err)
	}
	f, err := New(tab, Spec{ID: "hostile", Summary: "A summary with </script> in it.", Kind: Bar}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<", ">", "&", "\u2028"} {
		if strings.Contains(string(f.Options), bad) {
			t.Errorf("the option holds %q unescaped:\n%s", bad, f.Options)
		}
	}
	if !strings.Contains(string(f.Options), `\u003c/script\u003e`) {
		t.Errorf("the label is missing or escaped another way:\n%s", f.Options)
	}

	m := anonymise.NewCounts("Marker", []string{"__f__function(){alert(1)}__f__"}, []string{"c"})
	m.Add(0, 0, 40)
	mt, _, err := anonymise.DefaultPolicy().Publish(m)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(mt, Spec{ID: "marker", Summary: "S.", Kind: Bar}, nil); err == nil || !strings.Contains(err.Error(), "__f__") {
		t.Errorf("a label with go-echarts' function marker: err = %v", err)
	}

	withFunc := struct {
		Tooltip opts.Tooltip
	}{opts.Tooltip{Formatter: opts.FuncOpts("function (p) { return p.name }")}}
	if err := checkNoFunctions(withFunc); err == nil || !strings.Contains(err.Error(), "Tooltip Formatter") {
		t.Errorf("a types.FuncStr in the option: err = %v", err)
	}
	if err := checkNoFunctions(build(specs(t)["stacked-shares"].spec, mustPick(t))); err != nil {
		t.Errorf("a chart without functions: %v", err)
	}
	// A cycle of pointers ends the walk; a function behind it is found.
	type loop struct {
		Next *loop
		Fn   types.FuncStr
	}
	l := &loop{}
	l.Next = &loop{Next: l}
	if err := checkNoFunctions(l); err != nil {
		t.Errorf("a cycle without functions: %v", err)
	}
	l.Next.Fn = "function () {}"
	if err := checkNoFunctions(l); err == nil || !strings.Contains(err.Error(), "Next Fn") {
		t.Errorf("a function behind a cycle: err = %v", err)
	}
}

func mustPick(t *testing.T) drawn {
	tc := specs(t)["stacked-shares"]
	d, err := tc.spec.pick(tc.table)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestSpecErrors(t *testing.T) {
	status, percent := statusByRegion(t), percentByQuarter(t)
	tests := []struct {
		table *anonymise.Table
		spec  Spec
		want  string
	}{
		{status, Spec{ID: "Bad ID", Summary: "S."}, `"Bad ID" is not a usable chart id`},
		{status, Spec{ID: "x"}, "no summary"},
		{status, Spec{ID: "x", Summary: "S.", Columns: []string{"Atlantis"}}, `has no column "Atlantis"; it has London, North East and Yorkshire, South West`},
		{percent, Spec{ID: "x", Summary: "S.", Kind: StackedBar}, "cannot be stacked"},
		{status.ColumnTable(0, "One"), Spec{ID: "x", Summary: "S.", RowTotals: true}, "has no row totals"},
		{status, Spec{ID: "x", Summary: "S.", Columns: []string{}}, "draws no column"},
		{status, Spec{ID: "x", Summary: "S.", Rows: []string{"Lost"}}, `has no row "Lost"`},
		{status, Spec{ID: "x", Summary: "S.", RowTotals: true, Reference: "England"}, "a reference is a column drawn as a series"},
		{status, Spec{ID: "x", Summary: "S.", Series: SeriesFromColumns, Reference: "England"}, `draws no series "England" to be its reference`},
		{status, Spec{ID: "x", Summary: "S.", Panels: true}, "only a line chart is drawn in panels"},
		{sharesOf(t, status), Spec{ID: "x", Summary: "S.", Counts: percent}, "are not labelled as the table"},
	}
	for _, tt := range tests {
		_, err := New(tt.table, tt.spec, nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: err = %v, want %q", tt.spec, err, tt.want)
		}
	}
	if _, err := New(nil, Spec{ID: "x", Summary: "S."}, nil); err == nil {
		t.Error("no table: no error")
	}
}

func TestFigure(t *testing.T) {
	tc := specs(t)["stacked-shares"]
	f, err := New(tc.table, tc.spec, nil)
	if err != nil {
		t.Fatal(err)
	}
	if f.ID != "status" || f.Summary != "Status by region." || f.Kind != "stacked-bar" || f.Table != tc.table || f.Counts != tc.spec.Counts || !f.Hidden {
		t.Errorf("figure %+v", f)
	}
	// Sizes: the narrow drawing is the width of a 320 px screen's column,
	// and each is as tall as its categories need.
	if f.Wide.Width != wideWidth || f.Narrow.Width != narrowWidth || f.Wide.Height < 4*band || f.Narrow.Height < 4*band {
		t.Errorf("drawings %d×%d and %d×%d", f.Wide.Width, f.Wide.Height, f.Narrow.Width, f.Narrow.Height)
	}
	// Words for every drawn figure, with its count.
	if len(f.Marks) == 0 || f.Marks[0][0] != "London, Complete: 85% (140 actions)" {
		t.Errorf("marks %q", f.Marks)
	}
	for _, want := range []string{`"animation":false`, `"media":[{"option":`, `"maxWidth":480`, `"name":"[c] hidden figure"`} {
		if !strings.Contains(string(f.Options), want) {
			t.Errorf("the option lacks %s", want)
		}
	}
}
