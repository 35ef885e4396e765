package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/plinth-ssg/plinth/tools/sampledata/sample"
)

// TestInsiderScenarios writes SYNTHETIC scenarios for the insider attack
// (generator/anonymise/insider_attack_test.go): for each seed, the March,
// June and September 2026 data of the example with a few regions left
// with only a handful of providers (the others moved to a neighbouring
// region, actions and all), and the release `plinth release` makes of
// each date with the ones before it in place. Seed 0 is the example
// itself. It writes DIR/seedN/DATE/ (the data files and the release) and
// runs only when asked:
//
//	PLINTH_SCENARIOS=DIR PLINTH_SCENARIO_SEEDS="0 1 2 3" go test ./tools/samplereleases -run InsiderScenarios
//
// A seed whose data the build refuses to publish (the audit fails) is
// logged and skipped: refusing is safe.
func TestInsiderScenarios(t *testing.T) {
	out := os.Getenv("PLINTH_SCENARIOS")
	if out == "" {
		t.Skip("PLINTH_SCENARIOS not set")
	}
	seeds := strings.Fields(os.Getenv("PLINTH_SCENARIO_SEEDS"))
	if len(seeds) == 0 {
		seeds = []string{"0", "1", "2", "3"}
	}
	dates := append(slices.Clone(Dates), time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC))
	for _, s := range seeds {
		seed, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		data := func(at time.Time) (map[string][]byte, error) {
			var files map[string][]byte
			var err error
			if at.Equal(dates[len(dates)-1]) {
				files, err = sample.Generate(sample.DefaultActions)
			} else {
				files, err = sample.Snapshot(sample.DefaultActions, at)
			}
			if err != nil || seed == 0 {
				return files, err
			}
			return fewProviders(files, seed)
		}
		keep := func(at time.Time, dir string) error {
			to := filepath.Join(out, "seed"+s, at.Format(time.DateOnly))
			if err := os.MkdirAll(to, 0o755); err != nil {
				return err
			}
			for _, name := range []string{"providers.csv", "actions.csv", "regions.toml", "professions.toml"} {
				if err := copyFile(filepath.Join(dir, name), filepath.Join(to, name)); err != nil {
					return err
				}
			}
			return copyFile(filepath.Join(dir, "releases", at.Format(time.DateOnly)+".toml"), filepath.Join(to, "release.toml"))
		}
		if _, err := each(filepath.Join("..", ".."), nil, dates, data, keep); err != nil {
			t.Logf("seed %d: no release: %v", seed, err)
			continue
		}
		t.Logf("seed %d: written to %s", seed, filepath.Join(out, "seed"+s))
	}
}

// fewProviders leaves two or three regions, chosen by seed, with two to
// five providers each, moving the others (with their actions) to another
// region: the case where an insider knows most of a region's figures.
func fewProviders(files map[string][]byte, seed uint64) (map[string][]byte, error) {
	provs, err := csv.NewReader(bytes.NewReader(files["providers.csv"])).ReadAll()
	if err != nil {
		return nil, err
	}
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	var regions []string
	byRegion := map[string][]int{}
	for i, row := range provs[1:] {
		if _, ok := byRegion[row[3]]; !ok {
			regions = append(regions, row[3])
		}
		byRegion[row[3]] = append(byRegion[row[3]], i+1)
	}
	r.Shuffle(len(regions), func(i, j int) { regions[i], regions[j] = regions[j], regions[i] })
	small := 2 + r.IntN(2)
	moved := map[string]string{} // provider code → new region
	for i, g := range regions[:small] {
		rows := byRegion[g]
		r.Shuffle(len(rows), func(a, b int) { rows[a], rows[b] = rows[b], rows[a] })
		keepN := 2 + r.IntN(4)
		for _, k := range rows[keepN:] {
			to := regions[small+i%(len(regions)-small)]
			moved[provs[k][0]] = to
			provs[k][3] = to
		}
	}
	acts, err := csv.NewReader(bytes.NewReader(files["actions.csv"])).ReadAll()
	if err != nil {
		return nil, err
	}
	for _, row := range acts[1:] {
		if to, ok := moved[row[1]]; ok {
			row[3] = to
		}
	}
	for name, rows := range map[string][][]string{"providers.csv": provs, "actions.csv": acts} {
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		if err := w.WriteAll(rows); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		files[name] = b.Bytes()
	}
	return files, nil
}
