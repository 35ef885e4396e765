package chart

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"github.com/plinth-ssg/plinth/generator/anonymise"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// specs are the ways the tests draw their tables.
func specs(t *testing.T) map[string]struct {
	table *anonymise.Table
	spec  Spec
} {
	status, percent := statusByRegion(t), percentByQuarter(t)
	return map[string]struct {
		table *anonymise.Table
		spec  Spec
	}{
		"stacked-regions": {status, Spec{ID: "status", Summary: "Status by region.", Kind: StackedBar, Series: SeriesFromRows, Horizontal: true, ValueName: "Actions"}},
		"bar-one-region":  {status, Spec{ID: "status-london", Summary: "London.", Kind: Bar, Series: SeriesFromColumns, Columns: []string{"London"}, Horizontal: true, ValueName: "Actions"}},
		"bar-england":     {status, Spec{ID: "status-england", Summary: "England.", Kind: Bar, Series: SeriesFromColumns, Columns: []string{}, RowTotals: true, ValueName: "Actions"}},
		"line-regions":    {percent, Spec{ID: "percent", Summary: "Percent.", Kind: Line, Series: SeriesFromColumns, RowTotals: true, ValueName: "Percentage complete"}},
	}
}

// island is the part of an option the numbers tests read.
type island struct {
	BaseOption struct {
		Series []struct {
			Name string
			Data []struct {
				Value json.RawMessage
			}
		}
		XAxis []struct{ Data []string }
		YAxis []struct{ Data []string }
	}
}

// TestIslandFiguresAreTheTables is the rule that the chart, the table and
// the open data show the same figures: every value in a data island is the
// published figure of the table cell it draws, and every cell the table
// hides ([c]) is null in the island, never a number.
func TestIslandFiguresAreTheTables(t *testing.T) {
	for name, tc := range specs(t) {
		f, err := New(tc.table, tc.spec, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var is island
		if err := json.Unmarshal([]byte(f.Options), &is); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		d, err := tc.spec.pick(tc.table)
		if err != nil {
			t.Fatal(err)
		}
		cats := is.BaseOption.XAxis[0].Data
		if tc.spec.Horizontal {
			cats = is.BaseOption.YAxis[0].Data
		}
		if strings.Join(cats, "|") != strings.Join(d.categories, "|") || len(is.BaseOption.Series) != len(d.series) {
			t.Fatalf("%s: categories %q, %d series; want %q, %d", name, cats, len(is.BaseOption.Series), d.categories, len(d.series))
		}
		numbers, nulls := 0, 0
		for k, s := range is.BaseOption.Series {
			if s.Name != d.series[k] {
				t.Errorf("%s: series %d is %q, want %q", name, k, s.Name, d.series[k])
			}
			for i, v := range s.Data {
				cell := d.cells[k][i]
				if cell.Suppressed() {
					nulls++
					if string(v.Value) != "null" {
						t.Errorf("%s: %s, %s is [c] in the table but %s in the chart", name, s.Name, cats[i], v.Value)
					}
					continue
				}
				numbers++
				if string(v.Value) != cell.Plain() {
					t.Errorf("%s: %s, %s is %s in the table but %s in the chart", name, s.Name, cats[i], cell.Plain(), v.Value)
				}
			}
		}
		if numbers == 0 {
			t.Errorf("%s: the chart draws no figure", name)
		}
		t.Logf("%s: %d figures drawn as in the table, %d hidden figures drawn as gaps", name, numbers, nulls)
	}
}

// TestEveryNumberIsInTheTable reads every number anywhere in a data
// island's series and finds it in the table: nothing is drawn that the
// table does not show.
func TestEveryNumberIsInTheTable(t *testing.T) {
	for name, tc := range specs(t) {
		f, err := New(tc.table, tc.spec, nil)
		if err != nil {
			t.Fatal(err)
		}
		shown := map[string]bool{}
		for _, r := range append(tc.table.Rows(), tc.table.Foot()...) {
			for _, c := range append(r.Cells, r.Total) {
				if !c.Suppressed() {
					shown[c.Plain()] = true
				}
			}
		}
		var is island
		json.Unmarshal([]byte(f.Options), &is)
		for _, s := range is.BaseOption.Series {
			for _, v := range s.Data {
				if string(v.Value) != "null" && !shown[string(v.Value)] {
					t.Errorf("%s: the chart draws %s, which the table does not show", name, v.Value)
				}
			}
		}
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
	if err := checkNoFunctions(build(specs(t)["stacked-regions"].spec, mustPick(t))); err != nil {
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
	d, err := specs(t)["stacked-regions"].spec.pick(statusByRegion(t))
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
	tc := specs(t)["stacked-regions"]
	f, err := New(tc.table, tc.spec, nil)
	if err != nil {
		t.Fatal(err)
	}
	if f.ID != "status" || f.Summary != "Status by region." || f.Kind != "stacked-bar" || f.Tall || f.Table != tc.table {
		t.Errorf("figure %+v", f)
	}
	// The option switches on what makes it accessible and CSP-safe.
	for _, want := range []string{`"aria":{"decal":{"show":true},"enabled":true,"label":{"description":"Status by region.","enabled":true}}`,
		`"renderMode":"richText"`, `"animation":false`} {
		if !strings.Contains(string(f.Options), want) {
			t.Errorf("the option lacks %s", want)
		}
	}
}
