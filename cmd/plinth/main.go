// Command plinth builds and checks a Plinth site.
//
//	plinth build    build the site into public/
//	plinth check    build without writing anything: report every problem
//	plinth new      create a content file from an archetype
//	plinth release  record the published action-plan figures as a dated release
//	plinth version  print the version
//	plinth help     print help
//
// main is thin: each subcommand parses its flags, calls the generator and
// prints its diagnostics; only main chooses the exit status (0 success,
// 1 the site has problems, 2 the command line was wrong).
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// command is one subcommand, as a value in the table below (the cmd/go
// habit): its name, usage line, help text and the function that runs it.
type command struct {
	name  string
	usage string
	short string
	long  string
	// run receives the arguments after the command name and returns the
	// exit status.
	run func(e *processEnv, args []string) int
}

// processEnv is the process's outside world, injected so tests can run commands
// without touching the real one.
type processEnv struct {
	stdout, stderr io.Writer
	getenv         func(string) string
}

var commands []*command

func init() {
	commands = []*command{cmdBuild, cmdCheck, cmdServe, cmdNew, cmdRelease, cmdVersion}
}

func main() {
	e := &processEnv{stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
	os.Exit(run(e, os.Args[1:]))
}

// run dispatches to a subcommand and returns the exit status.
func run(e *processEnv, args []string) int {
	if len(args) == 0 {
		usage(e.stderr)
		return 2
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			if c := lookup(args[1]); c != nil {
				commandUsage(e.stdout, c, nil)
				return 0
			}
			fmt.Fprintf(e.stderr, "plinth help: unknown command %q\n\n", args[1])
			usage(e.stderr)
			return 2
		}
		usage(e.stdout)
		return 0
	}
	c := lookup(name)
	if c == nil {
		fmt.Fprintf(e.stderr, "plinth: unknown command %q\n\n", name)
		usage(e.stderr)
		return 2
	}
	return c.run(e, args[1:])
}

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

func usage(w io.Writer) {
	fmt.Fprint(w, "Plinth builds the education quality standards site from content/, data/ and layouts/.\n\n")
	fmt.Fprint(w, "Usage:\n\n\tplinth <command> [flags]\n\nCommands:\n\n")
	for _, c := range commands {
		fmt.Fprintf(w, "\t%-8s %s\n", c.name, c.short)
	}
	fmt.Fprint(w, "\nRun \"plinth help <command>\" or \"plinth <command> -h\" for a command's flags.\n")
}

func commandUsage(w io.Writer, c *command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "Usage: plinth %s\n\n%s\n", c.usage, strings.TrimSpace(c.long))
	if fs == nil {
		fs = c.flags()
	}
	if fs != nil {
		var hasFlags bool
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprint(w, "\nFlags:\n")
			fs.SetOutput(w)
			fs.PrintDefaults()
		}
	}
}

// flags returns the command's flag set with no values bound, for help.
func (c *command) flags() *flag.FlagSet {
	switch c {
	case cmdBuild, cmdCheck:
		fs, _ := buildFlags(c)
		return fs
	case cmdServe:
		fs, _ := serveFlags()
		return fs
	case cmdRelease:
		fs, _ := releaseFlags()
		return fs
	}
	return nil
}

// parseFlags parses args for c. Wrong flags print the usage and give exit
// status 2; -h prints it and gives 0.
func parseFlags(e *processEnv, c *command, fs *flag.FlagSet, args []string) (int, bool) {
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			commandUsage(e.stdout, c, fs)
			return 0, false
		}
		fmt.Fprintf(e.stderr, "plinth %s: %v\n\n", c.name, err)
		commandUsage(e.stderr, c, fs)
		return 2, false
	}
	return 0, true
}
