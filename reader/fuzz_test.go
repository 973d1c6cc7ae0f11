package reader

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// FuzzDelimited feeds arbitrary bytes to the delimited-text reader through
// a file, as a user's file would arrive: it must never panic or hang, every
// row must have the header's width, row numbers must increase, and any
// failure must be a plain-English *Error.
func FuzzDelimited(f *testing.F) {
	for _, s := range []string{
		"A,B\n1,2\n", "A,B\r\n\"x,y\",\"a\"\"b\"\r\n", "A\tB\n1\t2\n", "A;B\n1;2\n", "\xef\xbb\xbfA,B\n1,2\n",
		"\xff\xfeA\x00,\x00B\x00\n\x001\x00,\x002\x00\n\x00", "A,B\n\"open\n", "A,B\r1,2\r3\r", "A,B\n1,2,3,4\n", "\x00\x00\x00",
		"A,B\n\"\"\"\n", "A\n\n\n\nx\n",
	} {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "fuzz.csv")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		lim := Limits{MaxRows: 1000, MaxCellBytes: 4096}
		src, err := Open(p, Options{Limits: lim, BatchRows: 7})
		if err != nil {
			var re *Error
			if !errors.As(err, &re) || re.Message == "" {
				t.Fatalf("not a plain-English error: %v", err)
			}
			return
		}
		defer src.Close()
		b := NewBatch(len(src.Header()), 7)
		last := int32(src.HeaderRow())
		for {
			err := src.Next(b)
			if err == io.EOF {
				return
			}
			if err != nil {
				var re *Error
				if !errors.As(err, &re) || re.Message == "" {
					t.Fatalf("not a plain-English error: %v", err)
				}
				return
			}
			if len(b.Off) != 2*b.Len()*b.NCols {
				t.Fatalf("batch has %d offsets for %d rows of %d", len(b.Off), b.Len(), b.NCols)
			}
			for r := 0; r < b.Len(); r++ {
				if b.RowNum[r] <= last {
					t.Fatalf("row numbers not increasing: %d after %d", b.RowNum[r], last)
				}
				last = b.RowNum[r]
				for c := 0; c < b.NCols; c++ {
					if len(b.Cell(r, c)) > lim.MaxCellBytes {
						t.Fatal("cell over the limit")
					}
				}
			}
		}
	})
}
