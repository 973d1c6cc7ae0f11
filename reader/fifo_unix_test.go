//go:build unix

package reader

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A named pipe with no program writing into it would block os.Open for
// ever; it is refused at once instead.
func TestNamedPipeRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "export.csv")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := Open(path, Options{})
		done <- err
	}()
	select {
	case err := <-done:
		wantError(t, err, "this is a named pipe, not an ordinary file", false)
	case <-time.After(10 * time.Second):
		t.Fatal("opening a named pipe with no writer blocked")
	}
}
