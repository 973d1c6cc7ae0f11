package reader

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"strings"
	"testing"
)

// An export that stopped early leaves the space it reserved as zero bytes,
// often in the middle of a row: that is not an unclosed quote.
func TestCSVTrailingZeroBytes(t *testing.T) {
	data := "LA Code,Ethnicity,Postcode\r\n503,White,LS1 4AP\r\n503,Mixed,LS2 7AB\r\n503,\"White - Eng"
	src, err := openBytes(t, "cut.csv", append([]byte(data), make([]byte, 32<<10)...), Options{})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	defer src.Close()
	b := NewBatch(3, 10)
	var rows int
	for {
		err := src.Next(b)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the cut-off row was reported as an error: %v", err)
		}
		rows += b.Len()
	}
	if rows != 2 {
		t.Errorf("%d rows read, want the 2 complete ones", rows)
	}
	info := src.Info()
	if w := joined(info.Warnings); !strings.Contains(w, "32.0 KB of zero (NUL) bytes") || !strings.Contains(w, "may be incomplete") {
		t.Errorf("warnings: %s", w)
	}
	if !strings.Contains(joined(info.Notes), "Row 4, the last line, ends without a line break") {
		t.Errorf("notes: %s", joined(info.Notes))
	}
	// A lone terminating zero byte is a note, not a warning; the last row stays.
	src = mustOpen(t, "z.csv", []byte("A,B\r\n1,2\x00"))
	rowsRead, _ := readAll(t, src)
	if fmt.Sprint(rowsRead) != "[[1 2]]" || len(src.Info().Warnings) != 0 || !strings.Contains(joined(src.Info().Notes), "1 zero (NUL) byte, which was ignored") {
		t.Errorf("one zero byte: rows %q, info %+v", rowsRead, src.Info())
	}
}

// An export still being written: the file grows while it is read.
func TestCSVChangedWhileRead(t *testing.T) {
	// More rows than the header search reads, then a row cut off mid-write.
	path := writeFile(t, "growing.csv", []byte("LA Code,Ethnicity\r\n"+strings.Repeat("503,White\r\n", 30)+"503,\"White - Eng"))
	src, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	// The writer carries on after the file was opened.
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("lish\"\r\n503,Asian\r\n")
	f.Close()
	rows, _ := readAll(t, src)
	if len(rows) != 30 {
		t.Errorf("%d rows; want the 30 complete before the torn line", len(rows))
	}
	info := src.Info()
	if w := joined(info.Warnings); !strings.Contains(w, "changed while it was being checked") || !strings.Contains(w, "its size went from") {
		t.Errorf("warnings: %q", w)
	}
	if !strings.Contains(joined(info.Notes), "Row 32, the last line") {
		t.Errorf("notes: %s", joined(info.Notes))
	}
}

func TestXLSXChangedWhileRead(t *testing.T) {
	// Saved again in place while it is read.
	path := goodBook(t, 2000)
	src, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	other, _ := os.ReadFile(goodBook(t, 3000))
	if err := os.WriteFile(path, other, 0o644); err != nil {
		t.Fatal(err)
	}
	b := NewBatch(len(src.Header()), 100)
	var readErr error
	for readErr == nil {
		readErr = src.Next(b)
	}
	src.Close()
	switch {
	case readErr == io.EOF:
		if w := joined(src.Info().Warnings); !strings.Contains(w, "changed while it was being checked") {
			t.Errorf("read to the end without noticing the change: %q", w)
		}
	default:
		wantError(t, readErr, "the file changed while it was being read", false)
	}

	// Replaced by a new file (a program that saves by renaming): the old
	// copy is read to the end, and the warning says the file changed.
	path = goodBook(t, 50)
	src, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	tmp := path + ".new"
	os.WriteFile(tmp, other, 0o644)
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
	got, _ := readAllRows(t, src)
	if got != 50 {
		t.Errorf("%d rows of the old copy, want 50", got)
	}
	if w := joined(src.Info().Warnings); !strings.Contains(w, "changed while it was being checked") {
		t.Errorf("warnings %q", w)
	}
}

func readAllRows(t *testing.T, src Source) (int, error) {
	t.Helper()
	b := NewBatch(len(src.Header()), 64)
	n := 0
	for {
		err := src.Next(b)
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			t.Fatal(err)
		}
		n += b.Len()
	}
}

func TestPermissionMessageNamesTheSystem(t *testing.T) {
	err := openError("a.csv", &fs.PathError{Op: "open", Path: "a.csv", Err: fs.ErrPermission})
	msg := err.Error()
	if runtime.GOOS != "windows" && strings.Contains(msg, "Windows") {
		t.Errorf("on %s the message blames Windows: %s", runtime.GOOS, msg)
	}
	if !strings.Contains(msg, "permission") && runtime.GOOS != "windows" {
		t.Errorf("message %s", msg)
	}
}

// Rows of long cells end a batch early, so the batches in flight stay
// small whatever the cells hold (36,000 rows of 32,767-character cells
// took 2.1 GB with batches of 8,192 rows).
func TestCSVBatchBoundedByBytes(t *testing.T) {
	var b strings.Builder
	b.WriteString("A,B\r\n")
	cell := strings.Repeat("x", 32000)
	for i := 0; i < 700; i++ { // 22 MB
		b.WriteString("1," + cell + "\r\n")
	}
	src := mustOpen(t, "long.csv", []byte(b.String()))
	batch := NewBatch(2, 8192)
	var sizes []int
	for {
		err := src.Next(batch)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(batch.Data) > maxBatchData+32000 {
			t.Errorf("a batch holds %d bytes", len(batch.Data))
		}
		sizes = append(sizes, batch.Len())
	}
	if len(sizes) != 2 || sizes[0]+sizes[1] != 700 {
		t.Errorf("batches of %v rows, want two making 700", sizes)
	}
}
