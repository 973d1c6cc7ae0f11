package reader

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// Options tune how a file is read. The zero value is usable.
type Options struct {
	// HeaderScore rates a candidate header row (higher is better; 0 = not a
	// header). The reader uses it to pick the worksheet whose header matches
	// the template and to skip title rows above the header. Nil: the first
	// non-empty row of the first sheet is the header.
	HeaderScore func(cells []string) int
	// BatchRows is the number of rows per batch (default 8192).
	BatchRows int
	// Limits guard against hostile or broken files; zero fields take the
	// defaults in DefaultLimits.
	Limits Limits
	// Sheet names the worksheet to read (a workbook's other sheets are
	// ignored). Empty: the reader chooses the sheet a person would mean (see
	// xlsxFile.choose) and says why in Info.
	Sheet string
}

// Limits bound the work and memory a single input may cost.
type Limits struct {
	MaxRows          int   // data rows; Excel's own limit is 1,048,575 below the header
	MaxColumns       int   // header cells
	MaxCellBytes     int   // bytes in one cell (Excel allows 32,767 characters)
	MaxFileBytes     int64 // size of the file on disk
	MaxXMLBytes      int64 // uncompressed bytes of one worksheet
	MaxSharedStrings int64 // uncompressed bytes of the shared-strings part
	MaxSharedText    int64 // memory the shared-strings table takes once read: its text and 4 bytes a string
	MaxSmallPart     int64 // uncompressed bytes of workbook, styles and relationship parts
	MaxRatio         int64 // uncompressed:compressed ratio above which a part is a zip bomb
	HeaderSearchRows int   // rows searched for the header
}

// DefaultLimits are generous for any real CLD file (a 1,048,576-row
// workbook of 50 columns is about 3 GB of worksheet XML) and keep a hostile
// file from costing more than about 1.5 GB of memory.
var DefaultLimits = Limits{
	MaxRows:          1_048_575,
	MaxColumns:       256,
	MaxCellBytes:     32767 * 4, // 32,767 characters of up to 4 UTF-8 bytes
	MaxFileBytes:     4 << 30,
	MaxXMLBytes:      8 << 30,
	MaxSharedStrings: 1 << 30,
	MaxSharedText:    512 << 20,
	MaxSmallPart:     64 << 20,
	MaxRatio:         1000,
	HeaderSearchRows: 20,
}

func (o Options) limits() Limits {
	l := o.Limits
	d := DefaultLimits
	if l.MaxRows <= 0 {
		l.MaxRows = d.MaxRows
	}
	if l.MaxColumns <= 0 {
		l.MaxColumns = d.MaxColumns
	}
	if l.MaxCellBytes <= 0 {
		l.MaxCellBytes = d.MaxCellBytes
	}
	if l.MaxFileBytes <= 0 {
		l.MaxFileBytes = d.MaxFileBytes
	}
	if l.MaxXMLBytes <= 0 {
		l.MaxXMLBytes = d.MaxXMLBytes
	}
	if l.MaxSharedStrings <= 0 {
		l.MaxSharedStrings = d.MaxSharedStrings
	}
	if l.MaxSharedText <= 0 {
		l.MaxSharedText = d.MaxSharedText
	}
	if l.MaxSmallPart <= 0 {
		l.MaxSmallPart = d.MaxSmallPart
	}
	if l.MaxRatio <= 0 {
		l.MaxRatio = d.MaxRatio
	}
	if l.HeaderSearchRows <= 0 {
		l.HeaderSearchRows = d.HeaderSearchRows
	}
	return l
}

func (o Options) batchRows() int {
	if o.BatchRows > 0 {
		return o.BatchRows
	}
	return 8192
}

// Open opens a file for reading, choosing the reader from the file's
// content (not its name): an .xlsx workbook, or delimited text. Files we
// cannot read (.xls, .xlsb, .ods, password-protected workbooks, corrupt or
// empty files) give an *Error with one sentence saying what to do.
func Open(path string, opts Options) (Source, error) {
	name := filepath.Base(path)
	// Look before opening: opening a named pipe waits (for ever) for a
	// program to write into it.
	if st, err := os.Stat(path); err == nil && !st.IsDir() && !st.Mode().IsRegular() {
		return nil, notRegularError(name, st.Mode())
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, openError(name, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, openError(name, err)
	}
	if st.IsDir() {
		f.Close()
		return nil, &Error{Name: name, Message: "this is a folder, not a file. Choose the .xlsx or .csv file inside it."}
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, notRegularError(name, st.Mode())
	}
	lim := opts.limits()
	if st.Size() > lim.MaxFileBytes {
		f.Close()
		return nil, &Error{Name: name, Err: ErrLimit, Message: fmt.Sprintf(
			"the file is %s, larger than the %s this tool reads. Check it is the right file, or split it.",
			humanBytes(st.Size()), humanBytes(lim.MaxFileBytes))}
	}
	head := make([]byte, 8)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, openError(name, err)
	}
	kind := sniff(head, path)
	info := Info{Path: path, Name: name}
	watch := newFileWatch(f, path, st)
	switch kind {
	case kindEmpty:
		f.Close()
		return nil, &Error{Name: name, Message: "the file is empty. Export the data again and check the export finished."}
	case kindZip:
		src, err := openXLSX(f, st.Size(), info, opts, watch)
		if err != nil {
			f.Close()
			return nil, err
		}
		return src, nil
	case kindOLE:
		f.Close()
		return nil, oleError(path, name)
	default:
		src, err := openDelimitedFile(f, st.Size(), info, delimiterFor(path), opts, watch)
		if err != nil {
			f.Close()
			return nil, err
		}
		return src, nil
	}
}

// FromText reads tab-separated text as Excel puts it on the clipboard (or
// comma-separated text, detected from the header line).
func FromText(text string, opts Options) (Source, error) {
	info := Info{Name: "pasted data"}
	if strings.TrimSpace(text) == "" {
		return nil, &Error{Name: info.Name, Message: "there is nothing to paste. In Excel, select the data including the header row, press Ctrl+C, then paste again."}
	}
	r := strings.NewReader(text)
	return openDelimited(io.NopCloser(r), int64(len(text)), info, 0, opts, nil, 0)
}

type fileKind int

const (
	kindText fileKind = iota
	kindEmpty
	kindZip
	kindOLE
)

func sniff(head []byte, path string) fileKind {
	switch {
	case len(head) == 0:
		return kindEmpty
	case bytes.HasPrefix(head, []byte("PK\x03\x04")), bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return kindZip
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return kindOLE
	}
	return kindText
}

// delimiterFor guesses the delimiter from the file name; 0 means detect it
// from the header line.
func delimiterFor(path string) byte {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".tsv", ".tab":
		return '\t'
	}
	return 0
}

// oleError explains a Compound File (OLE2) container: either a legacy .xls
// workbook or an encrypted (password-protected) .xlsx.
func oleError(path, name string) error {
	b, _ := readPrefix(path, 1<<20)
	enc := []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")
	if bytes.Contains(b, enc) {
		return &Error{Name: name, Message: "the workbook is password-protected. Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, clear it), save, and try again."}
	}
	return &Error{Name: name, Message: "this is an old-style Excel file (.xls). Open it in Excel and use File > Save As > Excel Workbook (*.xlsx), then open the .xlsx here."}
}

func readPrefix(path string, n int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, n))
}

func openError(name string, err error) error {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return &Error{Name: name, Err: err, Message: "the file was not found. Check the name and folder, and that the network drive is connected."}
	case errors.Is(err, os.ErrPermission):
		if runtime.GOOS == "windows" {
			return &Error{Name: name, Err: err, Message: "Windows did not allow the file to be opened. Close it in Excel if it is open there, or copy it to your Documents folder and try again."}
		}
		return &Error{Name: name, Err: err, Message: "you do not have permission to read the file. Ask its owner or your IT team for read access, or copy it to a folder of your own and try again."}
	}
	return &Error{Name: name, Err: err, Message: "the file could not be opened. Check it is not open in another program and that the drive is connected."}
}

// notRegularError refuses what is not an ordinary file: a named pipe, a
// device or a socket, which may never end or never start.
func notRegularError(name string, m os.FileMode) error {
	what := "a device or other special file"
	switch {
	case m&os.ModeNamedPipe != 0:
		what = "a named pipe"
	case m&os.ModeSocket != 0:
		what = "a socket"
	}
	return &Error{Name: name, Message: "this is " + what + ", not an ordinary file, so it was not read (it could wait for ever for data). Save the data as an .xlsx or .csv file and choose that."}
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// ColumnLetter returns the Excel column letters for a 0-based index (0 → A).
func ColumnLetter(i int) string {
	var buf [4]byte
	p := len(buf)
	for i >= 0 {
		p--
		buf[p] = byte('A' + i%26)
		i = i/26 - 1
	}
	return string(buf[p:])
}
