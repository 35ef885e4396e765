package charts

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/plinth-ssg/plinth/generator/anonymise"
	"github.com/plinth-ssg/plinth/generator/site"
)

var (
	regions  = []Region{{"london", "London"}, {"midlands", "Midlands"}, {"north-west", "North West"}}
	statuses = []string{"Not started", "On track", "Overdue", "Complete"}
	quarters = []string{"Jan to Mar 2026", "Apr to Jun 2026", "Jul to Sep 2026"}
	domains  = []Domain{
		{Number: 1, Label: "1. Learning environment", Standards: []string{"1.1 Safe learning", "1.2 Rest and facilities"}},
		{Number: 2, Label: "2. Governance", Standards: []string{"2.1 Named leads"}},
	}
)

// input publishes random tables through the default rule: small counts
// are likely, so some figures are hidden, as in real data.
func input(t *testing.T, rng *rand.Rand, big int) Input {
	t.Helper()
	p := anonymise.DefaultPolicy()
	names := make([]string, len(regions))
	for i, r := range regions {
		names[i] = r.Name
	}
	publish := func(title string, rows, cols []string, byRegion bool, fill func(i, j int) int) *anonymise.Table {
		c := anonymise.NewCounts(title, rows, cols)
		c.Meta.Source, c.Meta.Period = "Test action plans", "Actions opened in 2026"
		if byRegion {
			c.Meta.RowTotalLabel = "England"
		}
		for i := range rows {
			for j := range cols {
				c.Add(i, j, fill(i, j))
			}
		}
		tab, _, err := p.Publish(c)
		if err != nil {
			t.Fatalf("%s: %v", title, err)
		}
		return tab
	}
	n := func(int, int) int { return rng.IntN(big) }
	var dlabels, slabels []string
	for _, d := range domains {
		dlabels = append(dlabels, d.Label)
		slabels = append(slabels, d.Standards...)
	}
	all := publish("All", quarters, names, true, func(int, int) int { return 20 + rng.IntN(big) })
	done := publish("Done", quarters, names, true, func(i, j int) int { return rng.IntN(20) })
	pc, err := p.Percentages("Percentage complete", done, all)
	if err != nil {
		t.Fatal(err)
	}
	return Input{
		ByStatus:        &site.PublicTable{Name: "actions-by-status", Table: publish("Status", statuses, names, true, n)},
		PercentComplete: &site.PublicTable{Name: "percent-complete-by-quarter", Table: pc},
		ByDomain:        &site.PublicTable{Name: "actions-by-domain", Table: publish("Domain", dlabels, names, true, n)},
		ByStandard:      &site.PublicTable{Name: "actions-by-standard", Table: publish("Standard", slabels, statuses, false, n)},
		Complete:        "Complete", Overdue: "Overdue", Policy: p,
		Regions: regions, Domains: domains,
	}
}

var number = regexp.MustCompile(`[0-9][0-9,.]*%?`)

// numbers lists the numbers in a text as written ("1,325", "45%").
func numbers(s string) []string {
	var out []string
	for _, m := range number.FindAllString(s, -1) {
		out = append(out, strings.TrimRight(m, ".,"))
	}
	return out
}

// shownIn lists what a table shows: its published figures as written, and
// the numbers in its labels.
func shownIn(tab *anonymise.Table) map[string]bool {
	shown := map[string]bool{}
	for _, r := range append(tab.Rows(), tab.Foot()...) {
		for _, c := range append(r.Cells, r.Total) {
			if !c.Suppressed() {
				shown[c.String()] = true
			}
		}
		for _, x := range numbers(r.Label) {
			shown[x] = true
		}
	}
	for _, l := range append(tab.ColumnLabels(), tab.Title()) {
		for _, x := range numbers(l) {
			shown[x] = true
		}
	}
	return shown
}

// TestWordsAreTheTables: every number in a figure's heading and summary is
// a figure its tables show (the shares it draws, and their counts) (or part of a label, such as a year or a
// standard's number), so no summary can name a hidden figure; and each
// summary is two or three sentences.
func TestWordsAreTheTables(t *testing.T) {
	hiddenSeen, claims := 0, 0
	for seed := range uint64(40) {
		rng := rand.New(rand.NewPCG(seed, 7))
		big := []int{12, 40, 400}[seed%3]
		figs, err := Figures(input(t, rng, big))
		if err != nil {
			t.Fatal(err)
		}
		if len(figs) != 3+3*len(regions)+2*len(domains) {
			t.Fatalf("seed %d: %d figures", seed, len(figs))
		}
		for _, f := range figs {
			shown := shownIn(f.Table)
			if f.Counts != nil {
				maps.Copy(shown, shownIn(f.Counts))
			}
			for _, text := range []string{f.Heading, f.Summary} {
				for _, x := range numbers(text) {
					if !shown[x] {
						t.Errorf("seed %d, %s: %q names %s, which the table does not show", seed, f.ID, text, x)
					}
				}
			}
			if n := strings.Count(f.Summary, ". ") + 1; n < 2 || n > 3 || !strings.HasSuffix(f.Summary, ".") {
				t.Errorf("seed %d, %s: %d sentences: %q", seed, f.ID, n, f.Summary)
			}
			if strings.Contains(f.Summary, hiddenNote) {
				hiddenSeen++
			}
			if strings.Contains(f.Summary, "the most") || strings.Contains(f.Summary, "the largest") {
				claims++
			}
		}
	}
	if hiddenSeen == 0 || claims == 0 {
		t.Errorf("the random tables did not exercise both cases: %d summaries note hidden figures, %d make claims", hiddenSeen, claims)
	}
}

// TestFiguresByHand checks the words of each kind of figure on tables
// whose figures are all shown.
func TestFiguresByHand(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	in := input(t, rng, 10) // tables replaced below
	p := anonymise.DefaultPolicy()
	pub := func(title string, rows, cols []string, byRegion bool, body [][]int) *anonymise.Table {
		c := anonymise.NewCounts(title, rows, cols)
		c.Meta.Source = "Test action plans"
		if byRegion {
			c.Meta.RowTotalLabel = "England"
		}
		for i, r := range body {
			for j, v := range r {
				c.Add(i, j, v)
			}
		}
		tab, _, err := p.Publish(c)
		if err != nil {
			t.Fatal(err)
		}
		return tab
	}
	names := []string{"London", "Midlands", "North West"}
	in.ByStatus.Table = pub("Status", statuses, names, true, [][]int{
		{10, 20, 30},
		{40, 20, 30},
		{10, 30, 20},
		{100, 60, 200},
	})
	all := pub("All", quarters, names, true, [][]int{{100, 100, 100}, {100, 100, 100}, {100, 100, 100}})
	done := pub("Done", quarters, names, true, [][]int{{90, 80, 85}, {60, 70, 50}, {20, 10, 30}})
	pc, err := p.Percentages("Percentage complete", done, all)
	if err != nil {
		t.Fatal(err)
	}
	in.PercentComplete.Table = pc
	in.ByDomain.Table = pub("Domain", []string{"1. Learning environment", "2. Governance"}, names, true, [][]int{{100, 60, 200}, {60, 70, 80}})
	in.ByStandard.Table = pub("Standard", []string{"1.1 Safe learning", "1.2 Rest and facilities", "2.1 Named leads"}, statuses, false, [][]int{
		{10, 10, 10, 70},
		{20, 20, 10, 40},
		{10, 10, 10, 20},
	})
	figs, err := Figures(in)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	var ids []string
	for _, f := range figs {
		ids = append(ids, f.ID)
		got[f.ID] = f.Heading + " | " + f.Summary
	}
	wantIDs := []string{"actions-by-status", "actions-by-status-london", "actions-by-status-midlands", "actions-by-status-north-west",
		"percent-complete-by-quarter", "percent-complete-by-quarter-london", "percent-complete-by-quarter-midlands", "percent-complete-by-quarter-north-west",
		"actions-by-domain", "actions-by-domain-london", "actions-by-domain-midlands", "actions-by-domain-north-west",
		"domain-1-standards", "domain-1-regions", "domain-2-standards", "domain-2-regions"}
	if !slices.Equal(ids, wantIDs) {
		t.Errorf("ids %q", ids)
	}
	// London 100 of 160 complete (62.5%), Midlands 60 of 130 (46%), North
	// West 200 of 280 (71%). England 360 of 570, 60 overdue.
	want := map[string]string{
		"actions-by-status":                  "North West has completed the largest share of its actions | In England, 360 of the 570 actions agreed (63%) are complete and 60 are overdue. North West has the largest share of its actions complete (71%), and Midlands the smallest (46%). Midlands has the largest share of its actions overdue (23%).",
		"actions-by-status-midlands":         "Midlands has completed a smaller share of its actions than England as a whole | In Midlands, 60 of the 130 actions agreed (46%) are complete and 30 are overdue. In England as a whole, 360 of 570 are complete (63%).",
		"percent-complete-by-quarter":        "In England, actions opened longer ago are more likely to be complete | In England, 85% of the actions opened in Jan to Mar 2026 are complete, against 20% of those opened in Jul to Sep 2026. For actions opened in Jul to Sep 2026, North West has the highest percentage complete (30%) and Midlands the lowest (10%).",
		"percent-complete-by-quarter-london": "London is level with England on the actions opened most recently | Of the actions opened in Jul to Sep 2026, 20% are complete in London, against 20% in England. Of those opened in Jan to Mar 2026, 90% are complete in London and 85% in England.",
		"actions-by-domain":                  "More actions address domain 1 than any other domain | In England, 570 actions have been agreed. Domain 1 has the most actions (360), and domain 2 the fewest (210).",
		"actions-by-domain-london":           "In London, more actions address domain 1 than any other domain | In London, 160 actions have been agreed. Domain 1 has the largest share of them (63%), and domain 2 the smallest (38%).",
		"domain-1-standards":                 "Standard 1.1 has the largest share of its actions complete | The chart shows the actions in England on each standard of domain 1 by their status, as percentages of the standard's actions. Standard 1.1 has the largest share of its actions complete (70%), and standard 1.2 the smallest (44%).",
		"domain-2-standards":                 "Actions on the standards of domain 2, by status | The chart shows the actions in England on each standard of domain 2 by their status, as percentages of the standard's actions. Standard 2.1 has 50 actions, of which 20 are complete.",
		"domain-1-regions":                   "North West has the most actions on domain 1 | In England, 360 actions address domain 1. North West has the most actions (200), and Midlands the fewest (60).",
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s:\n got %s\nwant %s", id, got[id], w)
		}
	}
	if t.Failed() {
		for _, id := range ids {
			fmt.Printf("%s: %s\n", id, got[id])
		}
	}
}

func TestWords(t *testing.T) {
	for in, want := range map[string]string{"": "", "a": "a"} {
		if got := and(strings.Fields(in)); got != want {
			t.Errorf("and(%q) = %q", in, got)
		}
	}
	if got := and([]string{"a", "b", "c"}); got != "a, b and c" {
		t.Errorf("and = %q", got)
	}
	if got := summary(false, "about.", "one.", "", "two."); got != "One. Two." {
		t.Errorf("summary = %q", got)
	}
	if got := summary(true, "about.", "one.", "two.", "three."); got != "One. Two. "+hiddenNote {
		t.Errorf("summary with hidden figures = %q", got)
	}
	if got := summary(false, "about.", "one."); got != "About. One." {
		t.Errorf("summary of one sentence = %q", got)
	}
	if got := summary(true, "about.", "", ""); got != "About. "+hiddenNote {
		t.Errorf("summary of hidden figures only = %q", got)
	}
	for label, want := range map[string]string{"1. Learning": "domain 1", "1.3 Named": "standard 1.3", "Standard 2021:1.3": "2021:1.3"} {
		name := domainName(label)
		if strings.HasPrefix(want, "standard") || strings.Contains(label, ":") {
			name = standardName(label)
		}
		if name != want {
			t.Errorf("name of %q = %q, want %q", label, name, want)
		}
	}
}

// TestComparisonsAreDrawn: a figure whose heading compares a region with
// England draws England too (as a series, its reference, or a bar of its
// own), on a scale of shares where the two are counts of different sizes;
// and the national line chart, of more than four lines, is drawn in a
// panel per region, each with England's line.
func TestComparisonsAreDrawn(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	figs, err := Figures(input(t, rng, 400))
	if err != nil {
		t.Fatal(err)
	}
	compared := 0
	for _, f := range figs {
		var o struct {
			BaseOption struct{ Grid json.RawMessage }
		}
		if err := json.Unmarshal([]byte(f.Options), &o); err != nil {
			t.Fatalf("%s: %v", f.ID, err)
		}
		var panels []json.RawMessage // a list of grids, or one grid (not a list)
		_ = json.Unmarshal(o.BaseOption.Grid, &panels)
		draws := strings.Contains(string(f.Options), `"England"`)
		for _, r := range regions {
			if strings.Contains(f.Heading, r.Name) && strings.Contains(f.Heading, "England") {
				compared++
				if !draws {
					t.Errorf("%s: %q compares %s with England, which the chart does not draw", f.ID, f.Heading, r.Name)
				}
				if f.Table.Kind() != anonymise.KindPercentage {
					t.Errorf("%s: %q compares counts of different sizes", f.ID, f.Heading)
				}
			}
		}
		if f.ID == "percent-complete-by-quarter" && len(panels) != len(regions) {
			t.Errorf("%s: %d panels, want one per region (%d)", f.ID, len(panels), len(regions))
		}
	}
	if compared == 0 {
		t.Error("no heading compared a region with England")
	}
}
