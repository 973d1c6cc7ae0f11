//go:build unix

package main

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// `cldapp check` on a named pipe nobody writes to blocked for ever; it
// now answers at once with exit code 2 and one line.
func TestCheckNamedPipe(t *testing.T) {
	path := filepath.Join(t.TempDir(), "export.csv")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	type result struct {
		code   int
		stderr string
	}
	done := make(chan result, 1)
	go func() {
		code, _, stderr := run(t, "check", path)
		done <- result{code, stderr}
	}()
	select {
	case r := <-done:
		if r.code != exitUsage || !strings.Contains(r.stderr, "export.csv: this is a named pipe, not an ordinary file") {
			t.Errorf("exit %d, %q", r.code, r.stderr)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("cldapp check blocked on a named pipe with no writer")
	}
}
