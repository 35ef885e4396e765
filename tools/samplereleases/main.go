// Command samplereleases writes the example site's earlier action-plan
// releases, data/releases/2026-03-31.toml and 2026-06-30.toml, from
// SYNTHETIC data consistent with today's sample data: the same fictional
// providers and actions, each as it stood on the release's date
// (sample.Snapshot). Each release is made as an editor would make it, by
// `plinth release` on the data of its date with the releases before it in
// place, so the second is suppressed with the first in view.
//
//	go run ./tools/samplereleases -site .
//
// The output is the same on every run. Releases are never rewritten, so
// the committed files are not made again when the suppression rule
// changes: a test checks instead that each is still the release of its
// data (the build takes it as such, and its audit passes). The exception
// is a rule that hides what the sample releases showed, since an example
// that publishes what the rule now hides would teach the wrong thing.
// They were made again three times, in December 2026: for the dominance
// rule (figures one fictional provider gave nearly all of), for the same
// rule with two providers pooling their figures, and for version 2 of the
// rules (the sum of a line's hidden figures that two fictional providers
// gave most of). A real site's releases stay as they were published, and
// are checked under the version of the rules each records (a release
// without one is version 1); testdata/2026-03-31-rules1.toml keeps the
// March release as it was before versions, for the test that it still
// builds.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/plinth-ssg/plinth/generator/actionplans"
	"github.com/plinth-ssg/plinth/generator/dataset"
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/pipeline"
	"github.com/plinth-ssg/plinth/tools/sampledata/sample"
)

// Dates are the example site's earlier releases, oldest first: the ends of
// the two quarters before the sample data's 30 September 2026.
var Dates = []time.Time{
	time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC),
	time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC),
}

func main() {
	site := flag.String("site", ".", "the example site's folder")
	flag.Parse()
	files, err := Make(*site)
	if err == nil {
		err = write(*site, files)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "samplereleases:", err)
		os.Exit(1)
	}
}

// Make returns the release files by path (data/releases/DATE.toml), made
// from the site's configuration, content and data at site.
func Make(site string) (map[string][]byte, error) {
	return each(site, nil, Dates, snapshot, nil)
}

// snapshot is the example's data as they stood on the date at.
func snapshot(at time.Time) (map[string][]byte, error) {
	return sample.Snapshot(sample.DefaultActions, at)
}

// Check builds each snapshot with the committed releases up to its date,
// and reports any that the build refuses or does not take as the release
// of its data: the committed files must stay true to the data they
// describe even when the suppression rule changes after them, since a
// release is never rewritten.
func Check(site string) error {
	committed := map[string][]byte{}
	for _, at := range Dates {
		name := actionplans.FileName(dateOf(at))
		data, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(name)))
		if err != nil {
			return err
		}
		committed[name] = data
	}
	_, err := each(site, committed, Dates, snapshot, nil)
	return err
}

// each makes the release of each of dates in turn, from the data data
// gives for it, with the ones before it in place, on a copy of the site.
// With committed, it uses those files instead of making new ones, and
// checks that each is the release of its data. keep, when set, is given
// the copy's data folder after each release, for the insider attack's
// scenarios (scenario_test.go), which need the data beside the releases.
func each(site string, committed map[string][]byte, dates []time.Time, data func(time.Time) (map[string][]byte, error), keep func(at time.Time, dataDir string) error) (map[string][]byte, error) {
	tmp, err := os.MkdirTemp("", "samplereleases-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	for _, dir := range []string{"content", "data"} {
		if err := copyTree(filepath.Join(site, dir), filepath.Join(tmp, dir)); err != nil {
			return nil, err
		}
	}
	if err := copyFile(filepath.Join(site, "site.toml"), filepath.Join(tmp, "site.toml")); err != nil {
		return nil, err
	}
	// The configuration checks that the theme's folder exists; nothing
	// else of it is read.
	if err := os.MkdirAll(filepath.Join(tmp, "themes", "plinth"), 0o755); err != nil {
		return nil, err
	}
	releases := filepath.Join(tmp, filepath.FromSlash(actionplans.ReleasesDir))
	if err := os.RemoveAll(releases); err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, at := range dates {
		files, err := data(at)
		if err != nil {
			return nil, err
		}
		manifest := filepath.Join(tmp, "data", "datasets.toml")
		old, err := os.ReadFile(manifest)
		if err != nil {
			return nil, err
		}
		files["datasets.toml"] = sample.SpliceManifest(old, files[sample.ManifestBlockName])
		delete(files, sample.ManifestBlockName)
		for name, data := range files {
			if err := os.WriteFile(filepath.Join(tmp, "data", name), data, 0o644); err != nil {
				return nil, err
			}
		}
		name := actionplans.FileName(dateOf(at))
		if text, ok := committed[name]; ok {
			if err := os.MkdirAll(releases, 0o755); err != nil {
				return nil, err
			}
			if err := os.WriteFile(filepath.Join(tmp, filepath.FromSlash(name)), text, 0o644); err != nil {
				return nil, err
			}
		}
		res, diags := pipeline.ActionPlans(pipeline.Options{Source: tmp, Now: at})
		if diags.HasErrors() {
			var b strings.Builder
			diag.Print(&b, diags, 0)
			return nil, fmt.Errorf("the data as at %s do not build:\n%s", at.Format(time.DateOnly), b.String())
		}
		if committed != nil {
			if !res.Released {
				return nil, fmt.Errorf("%s is not taken as the release of the data as at %s", name, at.Format(time.DateOnly))
			}
			continue
		}
		text, err := actionplans.Format(res)
		if err != nil {
			return nil, err
		}
		if err := os.MkdirAll(releases, 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(tmp, filepath.FromSlash(name)), text, 0o644); err != nil {
			return nil, err
		}
		out[name] = text
		if keep != nil {
			if err := keep(at, filepath.Join(tmp, "data")); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

func dateOf(t time.Time) dataset.Date {
	return dataset.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}
}

func write(site string, files map[string][]byte) error {
	for name, data := range files {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
		fmt.Printf("wrote %s (%d bytes)\n", name, len(data))
	}
	return nil
}

func copyTree(from, to string) error {
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, p)
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		return copyFile(p, filepath.Join(to, rel))
	})
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o644)
}
