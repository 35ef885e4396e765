package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/plinth-ssg/plinth/generator/archetype"
	"github.com/plinth-ssg/plinth/generator/config"
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/pipeline"
	"github.com/plinth-ssg/plinth/generator/source"
)

var cmdNew = &command{
	name:  "new",
	usage: "new [flags] PATH",
	short: "create a content file from an archetype",
	long: `
New creates content/PATH from an archetype, with its front matter filled in:
the title from the file name, today's date, draft = true. PATH is inside
content/, for example:

	plinth new strategy/new-aim.md
	plinth new guidance/placement-capacity.md
	plinth new framework/2025/_index.md            (a new framework edition)
	plinth new framework/2025/1-learning/1-7.md    (a new standard)

Archetypes are looked up in archetypes/ and then the theme's archetypes/
(see docs/editing.md). New never overwrites an existing file.`,
}

func init() { cmdNew.run = runNew }

func runNew(e *processEnv, args []string) int {
	flags := flag.NewFlagSet("new", flag.ContinueOnError)
	src := flags.String("source", ".", "the site's folder (holding site.toml)")
	if status, ok := parseFlags(e, cmdNew, flags, args); !ok {
		return status
	}
	if flags.NArg() != 1 {
		fmt.Fprint(e.stderr, "plinth new: give exactly one path, like strategy/new-page.md\n\n")
		commandUsage(e.stderr, cmdNew, flags)
		return 2
	}
	rel := strings.TrimPrefix(filepath.ToSlash(flags.Arg(0)), "content/")
	if err := archetype.CheckPath(rel); err != nil {
		fmt.Fprintf(e.stderr, "plinth new: %v\n", err)
		return 2
	}
	fsys, err := source.Open(*src)
	if err != nil {
		fmt.Fprintf(e.stderr, "plinth new: cannot open the site folder: %v\n", err)
		return 1
	}
	dirs, months := []string{"archetypes", path.Join("themes", "plinth", "archetypes")}, 0
	if cfg, diags := config.Load(fsys, config.Options{}); cfg != nil && !diags.HasErrors() {
		dirs, months = pipeline.ArchetypeDirs(cfg), cfg.Review.Months
	}
	day := archetype.Day{Today: time.Now(), ReviewMonths: months}
	text, used, err := archetype.New(fsys, dirs, rel, day)
	var d diag.Diagnostic
	if errors.As(err, &d) {
		// A problem at a line of the archetype, shown like the build's.
		fmt.Fprintf(e.stderr, "plinth new: content/%s was not made:\n", rel)
		diag.Print(e.stderr, diag.List{d}, 0)
		return 1
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "plinth new: %v\n", err)
		return 1
	}
	target := filepath.Join(*src, "content", filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		fmt.Fprintf(e.stderr, "plinth new: %v\n", err)
		return 1
	}
	f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		fmt.Fprintf(e.stderr, "plinth new: content/%s already exists; it was not changed\n", rel)
		return 1
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "plinth new: %v\n", err)
		return 1
	}
	if _, err := f.Write(text); err != nil {
		f.Close()
		fmt.Fprintf(e.stderr, "plinth new: %v\n", err)
		return 1
	}
	if err := f.Close(); err != nil {
		fmt.Fprintf(e.stderr, "plinth new: %v\n", err)
		return 1
	}
	from := "the built-in archetype"
	if used != "" {
		from = used
	}
	fmt.Fprintf(e.stdout, "Created content/%s from %s\n", rel, from)
	return 0
}
