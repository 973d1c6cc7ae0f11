package reader

import (
	"fmt"
	"io"
	"os"
	"time"
)

// fileWatch notices a file that changes while it is read: an export still
// being written, or a workbook saved again from Excel. It remembers the
// size and modification time seen when the file was opened, and compares
// them with the open handle and with whatever file is at the path now (a
// program that saves by writing a new file and renaming it over the old one
// leaves the handle unchanged).
type fileWatch struct {
	f    *os.File
	path string
	size int64
	mod  time.Time
	// stat is os.Stat, replaceable by tests.
	stat func(string) (os.FileInfo, error)
}

func newFileWatch(f *os.File, path string, st os.FileInfo) *fileWatch {
	return &fileWatch{f: f, path: path, size: st.Size(), mod: st.ModTime(), stat: os.Stat}
}

// changed describes how the file differs from when it was opened, or ""
// when it does not. A nil watch (pasted text) never changes.
func (w *fileWatch) changed() string {
	if w == nil {
		return ""
	}
	if st, err := w.f.Stat(); err == nil {
		if d := w.describe(st); d != "" {
			return d
		}
	}
	st, err := w.stat(w.path)
	if err != nil {
		return "it was moved, renamed or deleted"
	}
	return w.describe(st)
}

func (w *fileWatch) describe(st os.FileInfo) string {
	switch {
	case st.Size() != w.size:
		return fmt.Sprintf("its size went from %s to %s", sizeText(w.size), sizeText(st.Size()))
	case !st.ModTime().Equal(w.mod):
		return "it was saved again at " + st.ModTime().Format("15:04:05")
	}
	return ""
}

// sizeText is a size for a sentence, exact when small.
func sizeText(n int64) string {
	if n < 10<<10 {
		return fmt.Sprintf("%s bytes", thousands(int(n)))
	}
	return humanBytes(n)
}

// changedWarning is the verdict-level warning for a file that changed
// while it was read.
func changedWarning(how string) string {
	return "The file changed while it was being checked (" + how + "), so this check may be incomplete: the export may still have been being written. Wait until it has finished, then check the file again."
}

// changedError replaces a read error when the file changed under the
// reader: the error is the change, not damage in the file.
func changedError(name, how string, err error) error {
	return &Error{Name: name, Err: err, Message: "the file changed while it was being read (" + how + "), so it could not be checked. It is probably still being written or was saved again: wait until it has finished, then check it again."}
}

// trailingZeros counts the zero bytes at the end of a file: space that was
// reserved but never written, left by a copy or an export that stopped
// early. It reads backwards in 64 KB steps.
func trailingZeros(f *os.File, size int64) int64 {
	const step = 64 << 10
	buf := make([]byte, step)
	var run int64
	for end := size; end > 0; {
		start := max(0, end-step)
		b := buf[:end-start]
		if _, err := f.ReadAt(b, start); err != nil && err != io.EOF {
			return run
		}
		for i := len(b) - 1; i >= 0; i-- {
			if b[i] != 0 {
				return run
			}
			run++
		}
		end = start
	}
	return run
}

// paddingWarning is the verdict-level warning for a text file that ends in
// zero bytes.
func paddingWarning(n int64) string {
	amount := humanBytes(n) + " of zero (NUL) bytes"
	if n < 10<<10 {
		amount = thousands(int(n)) + " zero (NUL) bytes"
	}
	return fmt.Sprintf("The file ends with %s after the data, which usually means it was not completely written: the export or copy may have stopped early. They were ignored, so this check may be incomplete; check the last rows are all there, or export the file again.", amount)
}
