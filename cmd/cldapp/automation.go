//go:build automation

package main

import (
	"os"

	"cldvalidator/ui"
)

// The automation build (go build -tags automation) is for the scripts
// that take screenshots and measure the window (scripts/screenshots*.sh,
// scripts/bench-ui.sh) and for this package's tests of the built program.
// Environment variables steer it; the release build reads none of them:
//
//	CLDAPP_LOG_DIR=dir    crash logs go to dir, not the user's folder
//	CLDAPP_FORCE_NO_GL=1  act as if this computer had no OpenGL 2.1, so
//	                      the fallback is tested on a machine that has it
//
// and package ui's own (screenshots and UI benchmarks, ui/automation.go).
func init() {
	if d := os.Getenv("CLDAPP_LOG_DIR"); d != "" {
		ui.SetCrashLogDir(d)
	}
}

// forcedNoGL reports whether the window is to be treated as unavailable.
func forcedNoGL() bool { return os.Getenv("CLDAPP_FORCE_NO_GL") == "1" }
