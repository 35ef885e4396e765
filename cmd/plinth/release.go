package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/plinth-ssg/plinth/generator/actionplans"
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/pipeline"
)

var cmdRelease = &command{
	name:  "release",
	usage: "release [flags]",
	short: "record the published action-plan figures as a dated release",
	long: `
Release reads the site's configuration, content and data as a build does,
publishes the action-plan tables through disclosure control and, if there
is no error, writes the tables the site publishes now to
data/releases/DATE.toml, DATE being the date the figures describe (the
latest last_updated of the actions). The file holds the published figures
only, exactly as the site shows them ([c] for a hidden one). Commit it with
the data.

Later builds read every release back: they publish an archive of the
earlier releases, keep figures hidden where a release hid them, and audit
new figures together with the old, so that laying two releases side by
side gives nothing away. A release is never rewritten: if the file for the
date exists with other figures, release stops and says so, and a build
stops if a release file has been edited. docs/datasets.md explains
releases for editors.`,
}

func init() {
	cmdRelease.run = runRelease
}

func releaseFlags() (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet("release", flag.ContinueOnError)
	return fs, fs.String("source", ".", "the site's folder (holding site.toml)")
}

func runRelease(e *processEnv, args []string) int {
	fs, source := releaseFlags()
	if status, ok := parseFlags(e, cmdRelease, fs, args); !ok {
		return status
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "plinth release: unexpected argument %q\n\n", fs.Arg(0))
		commandUsage(e.stderr, cmdRelease, fs)
		return 2
	}
	ap, diags := pipeline.ActionPlans(pipeline.Options{Source: *source, Now: time.Now()})
	diag.Print(e.stderr, diags, 0)
	if diags.HasErrors() {
		fmt.Fprintf(e.stderr, "\nRelease failed with %s. Nothing was released.\n", diag.Summary(diags))
		return 1
	}
	if len(ap.Tables) == 0 {
		fmt.Fprintln(e.stderr, "plinth release: the site publishes no action-plan figures, so there is nothing to release.")
		return 1
	}
	if ap.AsAt.IsZero() {
		fmt.Fprintln(e.stderr, "plinth release: the actions have no last_updated dates, so the release has no date.\n"+
			"  hint: add a last_updated column (type date) to the actions dataset: a release is named after the date its figures describe.")
		return 1
	}
	name := actionplans.FileName(ap.AsAt)
	if ap.Released {
		fmt.Fprintf(e.stdout, "The figures as at %s were released already, in %s: nothing to do.\n", ap.AsAt, name)
		return 0
	}
	text, err := actionplans.Format(ap)
	if err != nil {
		fmt.Fprintf(e.stderr, "plinth release: %v\n", err)
		return 1
	}
	path := filepath.Join(*source, filepath.FromSlash(name))
	if old, err := os.ReadFile(path); err == nil && !bytes.Equal(old, text) {
		// The build would have reported a release for this date; this is
		// a guard against writing over one all the same.
		fmt.Fprintf(e.stderr, "plinth release: %s exists already with other figures, and a release is never rewritten.\n", name)
		return 1
	}
	if err := writeRelease(path, text); err != nil {
		fmt.Fprintf(e.stderr, "plinth release: %v\n", err)
		return 1
	}
	fmt.Fprintf(e.stdout, "Released the action-plan figures as at %s: wrote %s (%d tables). Commit it with the data.\n",
		ap.AsAt, name, len(ap.Reports))
	return 0
}

// writeRelease writes the file whole or not at all: into a temporary file
// beside it, then renamed into place.
func writeRelease(path string, text []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".release-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(text); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
