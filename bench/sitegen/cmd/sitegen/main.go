// Command sitegen writes a synthetic site for benchmarks:
//
//	go run ./bench/sitegen/cmd/sitegen -pages 10000 -out /tmp/site10k
//	go run ./bench/sitegen/cmd/sitegen -pages 2000 -theme themes/plinth -node-modules "$PWD/node_modules" -out /tmp/shipped2k
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/plinth-ssg/plinth/bench/sitegen"
)

func main() {
	pages := flag.Int("pages", 1000, "number of regular pages")
	out := flag.String("out", "", "folder to write the site into (must not exist)")
	plain := flag.Bool("plain", false, "pages only, without framework editions and datasets (for Hugo)")
	theme := flag.String("theme", "", "a theme folder to copy in and use instead of the minimal benchmark theme (themes/plinth: the shipped theme)")
	modules := flag.String("node-modules", "", "a node_modules folder to link into the site (the shipped theme needs one)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "sitegen: -out is required")
		os.Exit(2)
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintf(os.Stderr, "sitegen: %s already exists\n", *out)
		os.Exit(2)
	}
	if err := sitegen.Write(*out, sitegen.Options{Pages: *pages, Plain: *plain, Theme: *theme, NodeModules: *modules}); err != nil {
		fmt.Fprintln(os.Stderr, "sitegen:", err)
		os.Exit(1)
	}
}
