// Command cldapp checks Adult Social Care Client Level Data files before
// they are submitted to NHS England: a desktop window, or a command line
// (cldapp check …) that runs the same engine.
package main

import (
	"os"
	"runtime/debug"
	"strings"
)

func main() {
	tuneMemory()
	if len(os.Args) > 1 && isCommand(os.Args[1]) {
		os.Exit(runCLI(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(runGUI(os.Args[1:]))
}

// isCommand reports whether the first argument is for the command line
// rather than a file to open in the window: a command name, a flag, or a
// word that is neither an existing file nor shaped like a path (so a typo
// such as "cldapp chek" gets the command-line usage message).
func isCommand(arg string) bool {
	switch arg {
	case "check", "rules", "sample", "convert", "compare", "measures", "help":
		return true
	}
	if arg == glProbeArg {
		return false
	}
	if strings.HasPrefix(arg, "-") {
		return true
	}
	if _, err := os.Stat(arg); err == nil {
		return false
	}
	return !strings.ContainsAny(arg, `./\:`)
}

// tuneMemory sets a soft memory ceiling: a check keeps its data until it
// ends, and the garbage collector works harder rather than let the
// process pass about 1.4 GB, under the 1.5 GB a check may use.
// GOMEMLIMIT in the environment still wins. GOGC stays at its default:
// a larger one bought no speed (BENCHMARKS.md, "Notes from the code").
func tuneMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(1400 << 20)
	}
}
