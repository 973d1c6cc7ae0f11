//go:build unix

package report

import (
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// Saving to a device or a pipe (`--json /dev/null`, `/dev/stdout`, a named
// pipe) writes to it; it must never be replaced by a renamed regular file
// (as root, that once replaced the machine's /dev/null).
func TestSaveToPipeWritesThroughIt(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "out.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- "open: " + err.Error()
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- string(b)
	}()
	err := SaveFile(fifo, nil, func(w io.Writer) error {
		_, err := io.WriteString(w, "report text")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Lstat(fifo)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("the named pipe was replaced: mode %v", fi.Mode())
	}
	select {
	case s := <-got:
		if s != "report text" {
			t.Fatalf("the pipe's reader got %q", s)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("nothing came through the pipe")
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(fifo), ".cldreport-*"))
	if len(left) > 0 {
		t.Fatalf("temporary files left beside the pipe: %v", left)
	}
}
