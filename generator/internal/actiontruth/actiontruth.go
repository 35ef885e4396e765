// Package actiontruth counts SYNTHETIC action-plan data into the figures
// of the published tables of counts, provider by provider, for the tests
// that need the true values behind a hidden figure: the insider's attack
// (generator/anonymise), which takes a provider's own actions away, and
// the example's scan of every published file (generator/pipeline).
//
// It reads the files as plain CSV and TOML, never through the build, so
// that the build's own counting is not used to check the build. The
// figures are named by the labels the open data and the release files
// use, except that a domain is its number and ". " ("1. ") and a standard
// its number and a space ("1.3 "), the start of the table's label.
package actiontruth

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// Part is one action (or, in providers-by-plan, one provider) that a
// provider gives a figure.
type Part struct {
	Provider, Table, Row, Col string
}

// Data is the data of one folder, counted.
type Data struct {
	// Region is each provider's region, by name ("North West").
	Region map[string]string
	// Parts are every action counted into its figure, the figure's row
	// total, column total and the grand total (four parts), table by
	// table; and every provider into providers-by-plan the same way.
	Parts []Part
}

// Read counts the files of dir: providers.csv, actions.csv, regions.toml
// and professions.toml, as the example site's data folder holds them.
func Read(dir string) (*Data, error) {
	read := func(name string) ([][]string, error) {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if len(rows) == 0 {
			return nil, fmt.Errorf("%s is empty", name)
		}
		return rows, nil
	}
	var ref struct {
		Region     []struct{ Key, Name string }
		Profession []struct{ Key, Name string }
	}
	for _, f := range []string{"regions.toml", "professions.toml"} {
		if _, err := toml.DecodeFile(filepath.Join(dir, f), &ref); err != nil {
			return nil, err
		}
	}
	region, prof := map[string]string{}, map[string]string{}
	for _, r := range ref.Region {
		region[r.Key] = r.Name
	}
	for _, r := range ref.Profession {
		prof[r.Key] = r.Name
	}
	providers, err := read("providers.csv")
	if err != nil {
		return nil, err
	}
	actions, err := read("actions.csv")
	if err != nil {
		return nil, err
	}
	pcol, err := columns(providers[0], "provider_code", "region")
	if err != nil {
		return nil, fmt.Errorf("providers.csv: %w", err)
	}
	acol, err := columns(actions[0], "provider_code", "region", "profession", "standard", "status", "quarter")
	if err != nil {
		return nil, fmt.Errorf("actions.csv: %w", err)
	}
	d := &Data{Region: map[string]string{}}
	// add counts one of who's into a figure, its row's and column's
	// totals and the grand total.
	add := func(who, table, row, col, colTotal string) {
		for _, r := range []string{row, "Total"} {
			for _, c := range []string{col, colTotal} {
				d.Parts = append(d.Parts, Part{who, table, r, c})
			}
		}
	}
	states := map[string][]string{} // provider → its actions' statuses
	var order []string
	for _, p := range providers[1:] {
		who := p[pcol[0]]
		d.Region[who] = region[p[pcol[1]]]
		states[who] = nil
		order = append(order, who)
	}
	for _, a := range actions[1:] {
		who, reg, st := a[acol[0]], region[a[acol[1]]], a[acol[4]]
		std := a[acol[3]][strings.Index(a[acol[3]], ":")+1:]
		add(who, "actions-by-status", status(st), reg, "England")
		add(who, "actions-by-quarter", quarter(a[acol[5]]), reg, "England")
		if st == "complete" {
			add(who, "complete-by-quarter", quarter(a[acol[5]]), reg, "England")
		}
		add(who, "actions-by-domain", std[:strings.Index(std, ".")]+". ", reg, "England")
		add(who, "actions-by-profession", prof[a[acol[2]]], reg, "England")
		add(who, "actions-by-standard", std+" ", status(st), "Total")
		if _, ok := states[who]; !ok {
			order = append(order, who)
		}
		states[who] = append(states[who], st)
	}
	for _, who := range order {
		sts := states[who]
		row := "No actions"
		switch {
		case len(sts) == 0:
		case slices.Contains(sts, "overdue"):
			row = "At least one action overdue"
		case !slices.ContainsFunc(sts, func(s string) bool { return s != "complete" }):
			row = "All actions complete"
		default:
			row = "Actions open, none overdue"
		}
		add(who, "providers-by-plan", row, d.Region[who], "England")
	}
	return d, nil
}

// Counts adds the parts up: table → row → column → count.
func (d *Data) Counts() map[string]map[string]map[string]int {
	out := map[string]map[string]map[string]int{}
	for _, p := range d.Parts {
		if out[p.Table] == nil {
			out[p.Table] = map[string]map[string]int{}
		}
		if out[p.Table][p.Row] == nil {
			out[p.Table][p.Row] = map[string]int{}
		}
		out[p.Table][p.Row][p.Col]++
	}
	return out
}

// columns returns the index of each named column in head.
func columns(head []string, names ...string) ([]int, error) {
	out := make([]int, len(names))
	for i, n := range names {
		if out[i] = slices.Index(head, n); out[i] < 0 {
			return nil, fmt.Errorf("no column %s", n)
		}
	}
	return out, nil
}

// status is a status's label: "not-started" is "Not started".
func status(s string) string {
	s = strings.ReplaceAll(s, "-", " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// quarter is a quarter's label: "2025-Q3" is "Jul to Sep 2025".
func quarter(q string) string {
	months := map[byte]string{'1': "Jan to Mar", '2': "Apr to Jun", '3': "Jul to Sep", '4': "Oct to Dec"}
	return months[q[6]] + " " + q[:4]
}
