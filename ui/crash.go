package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	"cldvalidator/validation"
)

// Crash logs hold what a developer needs to find a fault (the plain
// description, the kind of panic and the stack) and never cell values: a
// panic's value is reduced by validation.SafePanicText, and no message that
// could quote the data is written. One file per session, created on first
// use, in a folder the user can find and send.

var (
	crashMu   sync.Mutex
	crashPath string
	crashDir  string // SetCrashLogDir's folder; "" for the user's
)

// SetCrashLogDir makes dir the folder for crash logs instead of the
// user's own ("" goes back to it). The release program never calls it:
// tests and the automation build's scripts keep their logs apart.
func SetCrashLogDir(dir string) {
	crashMu.Lock()
	defer crashMu.Unlock()
	crashDir = dir
}

// CrashLogDir is the folder that holds crash logs:
// %AppData%\cldapp on Windows, ~/.config/cldapp elsewhere.
func CrashLogDir() string {
	crashMu.Lock()
	defer crashMu.Unlock()
	return crashLogDir()
}

// crashLogDir is CrashLogDir with crashMu held.
func crashLogDir() string {
	if crashDir != "" {
		return crashDir
	}
	d, err := os.UserConfigDir()
	if err != nil || d == "" {
		d = os.TempDir()
	}
	return filepath.Join(d, "cldapp")
}

// AppendCrashLog adds an entry to this session's crash log and returns the
// log's path ("" when it could not be written).
func AppendCrashLog(text string) string {
	crashMu.Lock()
	defer crashMu.Unlock()
	dir := crashLogDir()
	if crashPath == "" || filepath.Dir(crashPath) != dir {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return ""
		}
		crashPath = filepath.Join(dir, "crash-"+time.Now().Format("20060102-150405")+".log")
	}
	f, err := os.OpenFile(crashPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return ""
	}
	defer f.Close()
	fmt.Fprintf(f, "=== %s  cldapp %s  %s/%s  %s\n%s\n\n", time.Now().Format(time.RFC3339), appVersion(),
		runtime.GOOS, runtime.GOARCH, runtime.Version(), text)
	return crashPath
}

// LogPanic records a recovered panic (no cell values: see
// validation.SafePanicText) and returns the log's path.
func LogPanic(while string, p any) string {
	return AppendCrashLog(fmt.Sprintf("panic while %s: %s\n%s", while, validation.SafePanicText(p), debug.Stack()))
}

func appVersion() string {
	if v := appMetaVersion; v != "" {
		return v
	}
	return "dev"
}

// appMetaVersion is set from the app's metadata when the window is created.
var appMetaVersion string
