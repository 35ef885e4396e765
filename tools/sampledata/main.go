// Command sampledata writes the example site's SYNTHETIC action-plan data:
// about 200 fictional education providers across the seven NHS England
// regions and about 3,000 improvement actions over eight quarters, with the
// manifest entries that declare them.
//
//	go run ./tools/sampledata -out data/
//
// The output is the same on every run (a fixed random seed, no clock), so
// the files can be committed and regenerated without noise. Every name and
// code is invented; any likeness to a real organisation or person is
// accidental. Some regions and categories are deliberately small so that
// disclosure control has cells to suppress; see data/README.md. The
// generator itself is package sample.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/plinth-ssg/plinth/tools/sampledata/sample"
)

func main() {
	out := flag.String("out", "data", "the data folder to write into")
	actions := flag.Int("actions", sample.DefaultActions, "how many actions to make")
	flag.Parse()
	if err := run(*out, *actions); err != nil {
		fmt.Fprintln(os.Stderr, "sampledata:", err)
		os.Exit(1)
	}
}

// run writes the CSV files and updates the generated part of the manifest,
// leaving the rest of it as it is.
func run(dir string, actions int) error {
	files, err := sample.Generate(actions)
	if err != nil {
		return err
	}
	manifest := filepath.Join(dir, "datasets.toml")
	old, err := os.ReadFile(manifest)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	files["datasets.toml"] = sample.SpliceManifest(old, files[sample.ManifestBlockName])
	delete(files, sample.ManifestBlockName)
	for _, name := range sample.SortedNames(files) {
		if err := os.WriteFile(filepath.Join(dir, name), files[name], 0o644); err != nil {
			return err
		}
		fmt.Printf("wrote %s (%d bytes)\n", filepath.Join(dir, name), len(files[name]))
	}
	return nil
}
