package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

var cmdVersion = &command{
	name:  "version",
	usage: "version",
	short: "print Plinth's version",
	long:  "Version prints the version of Plinth and of Go it was built with.",
}

func init() { cmdVersion.run = runVersion }

func runVersion(e *processEnv, args []string) int {
	if len(args) > 0 && args[0] != "-h" && args[0] != "--help" {
		fmt.Fprintf(e.stderr, "plinth version: unexpected argument %q\n", args[0])
		return 2
	}
	if len(args) > 0 {
		commandUsage(e.stdout, cmdVersion, nil)
		return 0
	}
	fmt.Fprintf(e.stdout, "plinth %s (%s %s/%s)\n", version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return 0
}

// version is the module version when installed with go install, or the
// commit when built from a checkout with VCS stamping, or "devel".
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return "devel " + s.Value[:12]
		}
	}
	return "devel"
}
