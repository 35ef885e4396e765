package actionplans

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/plinth-ssg/plinth/generator/anonymise"
	"github.com/plinth-ssg/plinth/generator/dataset"
	"github.com/plinth-ssg/plinth/generator/site"
)

const manifest = `
[[dataset]]
name = "providers"
file = "providers.csv"
title = "Providers"
private = true
key = ["provider_code"]
  [[dataset.column]]
  name = "provider_code"
  type = "string"
  identifying = true
  [[dataset.column]]
  name = "region"
  type = "region"

[[dataset]]
name = "actions"
file = "actions.csv"
title = "Test actions"
private = true
  [[dataset.column]]
  name = "provider_code"
  type = "string"
  identifying = true
  [[dataset.column]]
  name = "region"
  type = "region"
  [[dataset.column]]
  name = "profession"
  type = "profession"
  [[dataset.column]]
  name = "standard"
  type = "standard"
  [[dataset.column]]
  name = "status"
  type = "enum"
  values = ["not-started", "on-track", "at-risk", "overdue", "complete"]
  [[dataset.column]]
  name = "quarter"
  type = "enum"
  values = ["2024-Q4", "2025-Q1", "2025-Q2"]
  [[dataset.column]]
  name = "last_updated"
  type = "date"
`

const regions = `
[[region]]
key = "north"
name = "North"
[[region]]
key = "south"
name = "South"
`

const professions = `
[[profession]]
key = "nursing"
name = "Nursing"
plural = "student nurses"
[[profession]]
key = "medicine"
name = "Medicine"
plural = "doctors in training"
`

// batch is n identical actions, written as n rows.
type batch struct {
	n                                                     int
	provider, region, profession, standard, status, quart string
}

// site returns the files of a site whose actions are the batches.
func testFS(batches []batch, providers string) fstest.MapFS {
	var b strings.Builder
	b.WriteString("provider_code,region,profession,standard,status,quarter,last_updated\n")
	for _, x := range batches {
		for range x.n {
			fmt.Fprintf(&b, "%s,%s,%s,%s,%s,%s,2025-06-30\n", x.provider, x.region, x.profession, x.standard, x.status, x.quart)
		}
	}
	return fstest.MapFS{
		"data/datasets.toml":    {Data: []byte(manifest)},
		"data/regions.toml":     {Data: []byte(regions)},
		"data/professions.toml": {Data: []byte(professions)},
		"data/actions.csv":      {Data: []byte(b.String())},
		"data/providers.csv":    {Data: []byte(providers)},
	}
}

func run(t *testing.T, fsys fstest.MapFS, p anonymise.Policy) (Result, []string) {
	t.Helper()
	data, l := dataset.Load(fsys, dataset.Options{})
	if l.HasErrors() {
		t.Fatalf("loading: %v", l)
	}
	res, d := Run(p, data, Options{})
	d.Sort()
	var msgs []string
	for _, x := range d {
		msgs = append(msgs, x.Error())
	}
	return res, msgs
}

// show writes a table as lines of tab-separated cells, header first.
func show(t *anonymise.Table) string {
	var b strings.Builder
	b.WriteString(t.Meta().RowHeading + "\t" + strings.Join(t.ColumnLabels(), "\t") + "\t" + t.RowTotalLabel() + "\n")
	rows := append(t.Rows(), t.Foot()...)
	for _, r := range rows {
		b.WriteString(r.Label)
		for _, c := range append(r.Cells, r.Total) {
			b.WriteString("\t" + c.String())
		}
		b.WriteString("\n")
	}
	return b.String()
}

func byName(ts []*site.PublicTable, name string) *site.PublicTable {
	for _, t := range ts {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// TestTablesByHand checks every table against figures worked out by hand
// (see the comments), on data with no small counts except the providers'.
func TestTablesByHand(t *testing.T) {
	fsys := testFS([]batch{
		{10, "P1", "north", "nursing", "2021:1.1", "complete", "2025-Q1"},
		{12, "P1", "north", "medicine", "2021:2.1", "on-track", "2025-Q2"},
		{20, "P2", "north", "nursing", "2021:2.1", "complete", "2025-Q2"},
		{9, "P2", "north", "medicine", "2021:1.1", "overdue", "2025-Q1"},
		{30, "P3", "south", "nursing", "2021:1.1", "complete", "2025-Q1"},
		{15, "P3", "south", "medicine", "1.1", "at-risk", "2025-Q2"},
		{25, "P4", "south", "medicine", "2021:2.1", "complete", "2025-Q2"},
		{8, "P4", "south", "nursing", "2021:2.1", "not-started", "2025-Q1"},
	}, "provider_code,region\nP1,north\nP2,north\nP3,south\nP4,south\nP5,south\n")
	res, diags := run(t, fsys, testPolicy())
	if len(diags) > 0 || res.Withheld {
		t.Fatalf("diagnostics: %q", diags)
	}
	want := map[string]string{
		// North 51, South 78, England 129: rounded 50, 80, 130.
		ByStatus: `Status	North	South	England
Not started	0	10	10
On track	10	0	10
At risk	0	15	15
Overdue	10	0	10
Complete	30	55	85
Total	50	80	130
`,
		// 2024-Q4 has no actions. Q1: 19, 38, 57; Q2: 32, 40, 72.
		ByQuarter: `Quarter opened	North	South	England
Oct to Dec 2024	0	0	0
Jan to Mar 2025	20	40	55
Apr to Jun 2025	30	40	70
Total	50	80	130
`,
		CompleteByQuarter: `Quarter opened	North	South	England
Oct to Dec 2024	0	0	0
Jan to Mar 2025	10	30	40
Apr to Jun 2025	20	25	45
Total	30	55	85
`,
		// From the rounded figures: 10/20, 30/40, 40/55 = 72.7; 20/30 =
		// 66.7, 25/40 = 62.5 (halves up), 45/70 = 64.3; 30/50, 55/80 =
		// 68.75, 85/130 = 65.4. 0/0 is [c].
		PercentComplete: `Quarter opened	North	South	England
Oct to Dec 2024	[c]	[c]	[c]
Jan to Mar 2025	50%	75%	73%
Apr to Jun 2025	67%	63%	64%
Total	60%	69%	65%
`,
		// Domain 1: 10+9, 30+15; domain 2: 12+20, 25+8.
		ByDomain: `Domain	North	South	England
Domain 1	20	45	65
Domain 2	30	35	65
Total	50	80	130
`,
		// Nursing 10+20, 30+8; medicine 12+9, 15+25.
		ByProfession: `Profession	North	South	England
Nursing	30	40	70
Medicine	20	40	60
Total	50	80	130
`,
		// England only. Without a framework, "1.1" and "2021:1.1" are
		// two standards, both in domain 1. 2021:1.1: 9 overdue, 10+30
		// complete; 1.1: 15 at risk; 2021:2.1: 8 not started, 12 on
		// track, 20+25 complete.
		ByStandard: `Standard	Not started	On track	At risk	Overdue	Complete	Total
Standard 1.1	0	0	15	0	0	15
Standard 2021:1.1	0	0	0	10	40	50
Standard 2021:2.1	10	10	0	0	45	65
Total	10	10	15	10	85	130
`,
		// P1 open (on track), P2 overdue, P3 and P4 open, P5 no actions:
		// every count that is not 0 is small.
		ProvidersByPlan: `State of the action plan	North	South	England
All actions complete	0	0	0
Actions open, none overdue	[c]	[c]	[c]
At least one action overdue	[c]	0	[c]
No actions	0	[c]	[c]
Total	[c]	[c]	[c]
`,
	}
	var names []string
	for _, pt := range res.Tables {
		names = append(names, pt.Name)
		if got := show(pt.Table); got != want[pt.Name] {
			t.Errorf("%s:\n%s\nwant:\n%s", pt.Name, got, want[pt.Name])
		}
	}
	if !slices.Equal(names, []string{ByStatus, ByQuarter, CompleteByQuarter, PercentComplete, ByDomain, ByProfession, ByStandard, ProvidersByPlan}) {
		t.Errorf("tables %v", names)
	}
	m := byName(res.Tables, ByStatus).Meta()
	if m.Period != "Actions opened from January 2025 to June 2025, with their status on 30 June 2025" || m.Source != "Test actions" {
		t.Errorf("meta %+v", m)
	}
	if len(res.Reports) != 7 || res.Reports[6].Primary != 10 || res.Reports[0].Primary+res.Reports[0].Secondary != 0 {
		t.Errorf("reports %v", res.Reports)
	}
	var pages []string
	for _, p := range res.Pages {
		line := p.URL + " " + p.Title
		switch x := p.Extra.(type) {
		case *RegionPage:
			line += " (region " + x.Name + ")"
		case *DomainPage:
			line += fmt.Sprintf(" (domain %d %q: %q)", x.Number, x.Name, x.Standards)
		}
		pages = append(pages, line)
	}
	want2 := []string{
		"/action-plans/north/ Action plans: North (region North)",
		"/action-plans/south/ Action plans: South (region South)",
		"/action-plans/domains/ Action plans by Quality Framework domain",
		`/action-plans/domains/1/ Action plans: domain 1 (domain 1 "Domain 1": ["Standard 1.1" "Standard 2021:1.1"])`,
		`/action-plans/domains/2/ Action plans: domain 2 (domain 2 "Domain 2": ["Standard 2021:2.1"])`,
	}
	if !slices.Equal(pages, want2) {
		t.Errorf("pages:\n%s\nwant:\n%s", strings.Join(pages, "\n"), strings.Join(want2, "\n"))
	}
	var refs []string
	for _, s := range res.Standards {
		refs = append(refs, fmt.Sprintf("%s=%s/%d", s.Ref, s.Label, s.Domain.Number))
	}
	if got := strings.Join(refs, " "); got != "1.1=Standard 1.1/1 2021:1.1=Standard 2021:1.1/1 2021:2.1=Standard 2021:2.1/2" {
		t.Errorf("standards %s", got)
	}
}

// TestSuppressionAcrossTables puts a small count in one table and checks
// that what the family publishes holds to the rule: no figure below England
// from 1 to 7, and the shared totals shown alike in every table.
func TestSuppressionAcrossTables(t *testing.T) {
	fsys := testFS([]batch{
		{40, "P1", "north", "nursing", "2021:1.1", "complete", "2025-Q1"},
		{3, "P1", "north", "medicine", "2021:2.1", "overdue", "2025-Q2"},
		{25, "P2", "north", "nursing", "2021:2.1", "on-track", "2025-Q2"},
		{30, "P3", "south", "nursing", "2021:1.1", "complete", "2025-Q1"},
		{22, "P3", "south", "medicine", "2021:2.1", "overdue", "2025-Q2"},
		{5, "P4", "south", "medicine", "2021:1.1", "complete", "2025-Q2"},
	}, "provider_code,region\nP1,north\nP2,north\nP3,south\nP4,south\n")
	res, diags := run(t, fsys, testPolicy())
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %q", diags)
	}
	hidden := 0
	totals := map[string]string{}
	for _, pt := range res.Tables {
		tab := pt.Table
		hidden += tab.Suppressed()
		for _, r := range append(tab.Rows(), tab.Foot()...) {
			for j, c := range r.Cells {
				if n, ok := c.Count(); ok && n >= 1 && n <= 7 {
					t.Errorf("%s: row %q, column %d shows %d", pt.Name, r.Label, j, n)
				}
			}
		}
		if pt.Name == ProvidersByPlan || pt.Name == ByStandard || tab.Kind() != anonymise.KindCount {
			continue // other records, or not by region
		}
		foot := tab.Foot()[0]
		key := fmt.Sprint(append(foot.Cells, foot.Total))
		if pt.Name == CompleteByQuarter {
			continue
		}
		totals[key] = totals[key] + " " + pt.Name
	}
	if len(totals) != 1 {
		t.Errorf("the region totals differ between tables: %v", totals)
	}
	if hidden == 0 {
		t.Fatal("nothing hidden: the test shows nothing")
	}
	st := byName(res.Tables, ByStatus).Table
	if !st.Cell(3, 0).Suppressed() {
		t.Errorf("North's 3 overdue actions are shown:\n%s", show(st))
	}
	// The table by standard's totals row is England's column of the table
	// by status, figure for figure.
	std := byName(res.Tables, ByStandard).Table
	foot := std.Foot()[0]
	for i := range st.NumRows() {
		if foot.Cells[i] != st.RowTotal(i) {
			t.Errorf("status %q: %v by standard, %v by status", st.RowLabels()[i], foot.Cells[i], st.RowTotal(i))
		}
	}
	if foot.Total != st.GrandTotal() {
		t.Errorf("England: %v by standard, %v by status", foot.Total, st.GrandTotal())
	}
}

// TestDeclarationErrors checks the problems Run reports about the data's
// declarations and contents, each where it can be fixed.
func TestDeclarationErrors(t *testing.T) {
	base := testFS([]batch{{10, "P1", "north", "nursing", "2021:1.1", "complete", "2025-Q1"}}, "provider_code,region\nP1,north\n")
	tests := []struct {
		name string
		edit func(fs fstest.MapFS)
		want []string
	}{
		{"missing columns", func(fs fstest.MapFS) {
			m := strings.Replace(manifest, "  [[dataset.column]]\n  name = \"profession\"\n  type = \"profession\"\n", "", 1)
			m = strings.Replace(m, "  [[dataset.column]]\n  name = \"standard\"\n  type = \"standard\"\n", "", 1)
			fs["data/datasets.toml"] = &fstest.MapFile{Data: []byte(m)}
			fs["data/actions.csv"] = &fstest.MapFile{Data: []byte("provider_code,region,status,quarter,last_updated\nP1,north,complete,2025-Q1,2025-06-30\n")}
		}, []string{`data/datasets.toml:16:1: the dataset "actions" lacks columns that the action-plan tables need: profession (profession), standard (standard)`}},
		{"wrong type and list", func(fs fstest.MapFS) {
			m := strings.Replace(manifest, "name = \"quarter\"\n  type = \"enum\"", "name = \"quarter\"\n  type = \"string\"", 1)
			m = strings.Replace(m, "name = \"profession\"\n  type = \"profession\"", "name = \"profession\"\n  type = \"profession\"\n  list = true", 1)
			fs["data/datasets.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(m, `  values = ["2024-Q4", "2025-Q1", "2025-Q2"]`+"\n", "", 1))}
		}, []string{
			`data/datasets.toml:28:3: the column "profession" of dataset "actions" holds lists, but the action-plan tables need one value per row`,
			`data/datasets.toml:39:3: the column "quarter" of dataset "actions" must be of type enum for the action-plan tables, but it is string`,
		}},
		{"statuses", func(fs fstest.MapFS) {
			m := strings.Replace(manifest, `"overdue", "complete"]`, `"late", "done"]`, 1)
			fs["data/datasets.toml"] = &fstest.MapFile{Data: []byte(m)}
			fs["data/actions.csv"] = &fstest.MapFile{Data: []byte("provider_code,region,profession,standard,status,quarter,last_updated\nP1,north,nursing,1.1,done,2025-Q1,2025-06-30\n")}
		}, []string{
			`data/datasets.toml:34:3: the column "status" of dataset "actions" has no value "complete", which the action-plan tables count`,
			`data/datasets.toml:34:3: the column "status" of dataset "actions" has no value "overdue", which the action-plan tables count`,
		}},
		{"public", func(fs fstest.MapFS) {
			m := strings.Replace(manifest, "title = \"Test actions\"\nprivate = true", "title = \"Test actions\"\nprivate = false", 1)
			m = strings.ReplaceAll(m, "  name = \"provider_code\"\n  type = \"string\"\n  identifying = true\n  [[dataset.column]]\n  name = \"region\"\n  type = \"region\"\n  [[dataset.column]]\n  name = \"profession\"", "  name = \"provider_code\"\n  type = \"string\"\n  [[dataset.column]]\n  name = \"region\"\n  type = \"region\"\n  [[dataset.column]]\n  name = \"profession\"")
			fs["data/datasets.toml"] = &fstest.MapFile{Data: []byte(m)}
		}, []string{`data/datasets.toml:16:1: the dataset "actions" holds provider-level action plans, so it must be private`}},
		{"unknown provider and empty cell", func(fs fstest.MapFS) {
			m := strings.Replace(manifest, "name = \"standard\"\n  type = \"standard\"", "name = \"standard\"\n  type = \"standard\"\n  required = false", 1)
			fs["data/datasets.toml"] = &fstest.MapFile{Data: []byte(m)}
			fs["data/actions.csv"] = &fstest.MapFile{Data: []byte("provider_code,region,profession,standard,status,quarter,last_updated\nP9,north,nursing,1.1,complete,2025-Q1,2025-06-30\nP1,north,nursing,,complete,2025-Q1,2025-06-30\n")}
		}, []string{
			`data/actions.csv:2:1: the provider code "P9" is not in data/providers.csv`,
			`data/actions.csv:3:18: this action has no standard, but every action is counted by standard in the action-plan tables`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := fstest.MapFS{}
			for k, v := range base {
				fs[k] = v
			}
			tt.edit(fs)
			data, l := dataset.Load(fs, dataset.Options{})
			if l.HasErrors() {
				t.Fatalf("loading: %v", l)
			}
			res, d := Run(testPolicy(), data, Options{})
			d.Sort()
			var got []string
			for _, x := range d {
				got = append(got, x.Error())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if !res.Withheld || len(res.Tables) != 0 {
				t.Errorf("tables published despite errors: withheld %v, %d tables", res.Withheld, len(res.Tables))
			}
		})
	}
}

// TestAuditFailure: one region, seven professions, one action each. Every
// figure is hidden, but someone who knows the rule and that all seven are
// small knows each is 1: nothing can protect the table, and the build must
// stop with an error that names the table and cells and no figure.
func TestAuditFailure(t *testing.T) {
	var profs strings.Builder
	var rows strings.Builder
	rows.WriteString("provider_code,region,profession,standard,status,quarter,last_updated\n")
	for i := 1; i <= 7; i++ {
		fmt.Fprintf(&profs, "[[profession]]\nkey = \"p%d\"\nname = \"P%d\"\nplural = \"p%d learners\"\n", i, i, i)
		fmt.Fprintf(&rows, "X%d,north,p%d,1.1,complete,2025-Q1,2025-06-30\n", i, i)
	}
	fsys := testFS(nil, "provider_code,region\n")
	delete(fsys, "data/providers.csv")
	fsys["data/datasets.toml"] = &fstest.MapFile{Data: []byte(manifest[strings.Index(manifest, "[[dataset]]\nname = \"actions\""):])}
	fsys["data/regions.toml"] = &fstest.MapFile{Data: []byte("[[region]]\nkey = \"north\"\nname = \"North\"\n")}
	fsys["data/professions.toml"] = &fstest.MapFile{Data: []byte(profs.String())}
	fsys["data/actions.csv"] = &fstest.MapFile{Data: []byte(rows.String())}
	res, diags := run(t, fsys, testPolicy())
	if !res.Withheld || len(res.Tables) != 0 {
		t.Errorf("tables published: %v", res.Tables)
	}
	if len(diags) != 1 {
		t.Fatalf("%d diagnostics, want one for the table:\n%s", len(diags), strings.Join(diags, "\n"))
	}
	lines := strings.Split(diags[0], "\n")
	want := `data/actions.csv: the table "Actions by profession and region" is not safe to publish: 16 hidden figures could be worked out`
	if lines[0] != want || len(lines) != 17 {
		t.Errorf("diagnostic\n%s\nwant its first line\n%s\nand one line for each of the 16 figures", diags[0], want)
	}
	if l := `    row "P1", column "North": this hidden figure can be worked out exactly by someone who knows which hidden figures are small`; !slices.Contains(lines, l) {
		t.Errorf("no line %q in\n%s", l, diags[0])
	}
	if strings.ContainsAny(strings.NewReplacer("P1", "", "P2", "", "P3", "", "P4", "", "P5", "", "P6", "", "P7", "", "16", "").Replace(diags[0]), "0123456789") {
		t.Errorf("the diagnostic gives a figure away: %s", diags[0])
	}
}

func TestInvalidPolicy(t *testing.T) {
	fsys := testFS([]batch{{10, "P1", "north", "nursing", "2021:1.1", "complete", "2025-Q1"}}, "provider_code,region\nP1,north\n")
	p := testPolicy()
	p.SuppressTo = 1
	res, diags := run(t, fsys, p)
	if len(diags) != 0 || !res.Withheld || len(res.Tables) != 0 {
		t.Errorf("an invalid policy (reported by config): %d tables, withheld %v, %q", len(res.Tables), res.Withheld, diags)
	}
}

func TestNoActionsDataset(t *testing.T) {
	fsys := fstest.MapFS{"data/regions.toml": {Data: []byte(regions)}}
	data, _ := dataset.Load(fsys, dataset.Options{})
	res, d := Run(testPolicy(), data, Options{})
	if len(d) != 0 || len(res.Tables) != 0 || len(res.Pages) != 0 || res.Withheld {
		t.Errorf("a site without actions: %+v %v", res, d)
	}
}

// TestNoUsableRows: when the loader rejected every action (here each row
// names a region that does not exist), the tables are withheld with one
// plain error at the file, not a report of a fault in Plinth.
func TestNoUsableRows(t *testing.T) {
	fsys := testFS([]batch{{5, "P1", "nowhere", "nursing", "2021:1.1", "complete", "2025-Q1"}}, "provider_code,region\nP1,north\n")
	data, l := dataset.Load(fsys, dataset.Options{})
	if !l.HasErrors() {
		t.Fatal("the loader accepted rows naming an unknown region")
	}
	res, d := Run(testPolicy(), data, Options{})
	if !res.Withheld || len(res.Tables) != 0 {
		t.Errorf("tables published from no rows: %v", res.Tables)
	}
	if len(d) != 1 || d[0].Error() != "data/actions.csv: data/actions.csv has no usable rows, so no action-plan figures can be published" {
		t.Errorf("diagnostics %q, want one saying the file has no usable rows", d)
	}
}

// testPolicy is the default rule without the dominance rule: the hand-made
// fixtures give each batch of actions to one provider, so that rule would
// hide nearly every figure, and these tests are about the others.
// TestDominantProvider tests it.
func testPolicy() anonymise.Policy {
	p := anonymise.DefaultPolicy()
	p.PublishDominant = true
	return p
}

// TestDominantProvider: a figure that one provider gives nearly all of is
// hidden, like a small count. In North, P1 gives 13 of the 15 medicine
// actions (as a region's ambulance trust gives nearly all its paramedicine
// actions): shown as 15, it would be P1's own figure, and P1 would know
// that the other providers have at most 4.
func TestDominantProvider(t *testing.T) {
	batches := []batch{
		{13, "P1", "north", "medicine", "2021:1.1", "complete", "2025-Q1"},
		{2, "P2", "north", "medicine", "2021:1.1", "complete", "2025-Q1"},
		{10, "P1", "north", "nursing", "2021:1.1", "complete", "2025-Q1"},
		{10, "P2", "north", "nursing", "2021:1.1", "complete", "2025-Q1"},
		{10, "P3", "south", "medicine", "2021:1.1", "complete", "2025-Q1"},
		{10, "P4", "south", "medicine", "2021:1.1", "complete", "2025-Q1"},
		{10, "P4", "south", "nursing", "2021:1.1", "complete", "2025-Q1"},
		{10, "P5", "south", "nursing", "2021:1.1", "complete", "2025-Q1"},
	}
	for _, tt := range []struct {
		name   string
		policy anonymise.Policy
		want   string
	}{
		{"the rule", anonymise.DefaultPolicy(), "[c]"},
		{"the rule turned off", testPolicy(), "15"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, diags := run(t, testFS(batches, handProviders), tt.policy)
			if len(diags) > 0 {
				t.Fatalf("diagnostics: %q", diags)
			}
			prof := byName(res.Tables, ByProfession).Table
			got := prof.Cell(prof.RowIndex("Medicine"), prof.Column("North")).String()
			if got != tt.want {
				t.Errorf("medicine in North is shown as %s, want %s:\n%s", got, tt.want, show(prof))
			}
		})
	}
}
