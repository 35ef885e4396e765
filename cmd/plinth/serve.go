package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/plinth-ssg/plinth/generator/config"
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/pipeline"
	"github.com/plinth-ssg/plinth/generator/serve"
	"github.com/plinth-ssg/plinth/generator/source"
)

var cmdServe = &command{
	name:  "serve",
	usage: "serve [flags]",
	short: "preview the site with live reload while you edit",
	long: `
Serve builds the site in memory and serves it at http://127.0.0.1:1313/ (under
the base URL's path, e.g. /quality/). It watches content/, data/, layouts/,
themes/, static/, assets/ and site.toml, rebuilds after each save and reloads
the open browser tab.

If a rebuild fails, the last good version stays on screen with the problems
shown over it (file:line:col and a hint); fixing the file clears them.

Only the loopback interface is used unless --bind names another address.
The server answers only requests addressed to it by that address (or
localhost): a web page elsewhere cannot read the preview through the
browser. Nothing is written to public/.`,
}

func init() { cmdServe.run = runServe }

type serveFlagValues struct {
	src, bind               *string
	port                    *int
	drafts, future, verbose *bool
}

func serveFlags() (*flag.FlagSet, serveFlagValues) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	return fs, serveFlagValues{
		src:     fs.String("source", ".", "the site's folder (holding site.toml)"),
		port:    fs.Int("port", 1313, "the port to listen on"),
		bind:    fs.String("bind", "", "the interface address to listen on; without it only 127.0.0.1 is used"),
		drafts:  fs.Bool("drafts", false, "include draft pages and editions"),
		future:  fs.Bool("future", false, "include pages whose publishDate is in the future"),
		verbose: fs.Bool("verbose", false, "show every warning of a failed rebuild in full"),
	}
}

func runServe(e *processEnv, args []string) int {
	fs, v := serveFlags()
	src, port, bind, drafts, future := v.src, v.port, v.bind, v.drafts, v.future
	if status, ok := parseFlags(e, cmdServe, fs, args); !ok {
		return status
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "plinth serve: unexpected argument %q\n\n", fs.Arg(0))
		commandUsage(e.stderr, cmdServe, fs)
		return 2
	}
	host := "127.0.0.1"
	if *bind != "" {
		host = *bind
	}
	addr := net.JoinHostPort(host, strconv.Itoa(*port))
	ln, err := serve.Listen(addr, *bind != "")
	if err != nil {
		fmt.Fprintf(e.stderr, "plinth serve: %v\n", err)
		return 2
	}
	basePath := "/"
	if fsys, err := source.Open(*src); err == nil {
		if cfg, diags := config.Load(fsys, config.Options{}); cfg != nil && !diags.HasErrors() {
			basePath = cfg.BasePath()
		} else {
			diag.Report(e.stderr, diags, diag.ReportOptions{Verbose: *v.verbose})
		}
	}
	local := (&url.URL{Scheme: "http", Host: ln.Addr().String(), Path: basePath}).String()
	s := serve.New(serve.Options{
		Build:    pipeline.Options{Source: *src, BaseURL: local, Drafts: *drafts, Future: *future, Now: time.Now()},
		BasePath: basePath,
		Log:      e.stderr,
		Verbose:  *v.verbose,
	})
	changes, stop, err := serve.Watch(*src, serve.DefaultDebounce)
	if err != nil {
		fmt.Fprintf(e.stderr, "plinth serve: cannot watch %s: %v\n", *src, err)
		return 1
	}
	defer stop()
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	fmt.Fprintf(e.stdout, "Serving %s at %s (press Ctrl+C to stop)\n", *src, local)
	if err := s.Run(ctx, ln, changes); err != nil {
		fmt.Fprintf(e.stderr, "plinth serve: %v\n", err)
		return 1
	}
	return 0
}
