// Package reader turns the files and clipboard text that local authorities
// hand us (.xlsx workbooks, .csv files, tab-separated text pasted from Excel)
// into a stream of rows. Cells are presented as the user sees them in Excel:
// real date cells become dd/mm/yyyy, whole numbers never turn into 9.43E+09
// and text keeps its leading zeros.
//
// Rows arrive in batches whose cells are byte ranges of one buffer, so a
// million-row file is read without a string allocation per cell. The
// validation engine copies what it keeps.
package reader

import (
	"errors"
	"fmt"
)

// Source streams the data rows of one table. It is not safe for concurrent
// use: one goroutine calls Next until it returns io.EOF.
type Source interface {
	// Header is the header row, cells as text (trailing empty cells removed).
	Header() []string
	// HeaderRow is the spreadsheet row number of the header (1 unless title
	// rows come first).
	HeaderRow() int
	// Next fills b with up to b.Cap rows (b is reset first). It returns
	// io.EOF, with b.Len() == 0, once every row has been delivered.
	Next(b *Batch) error
	// Progress reports how far the reader is through its input, in bytes of
	// whatever it measures (done ≤ total; total may be 0 when unknown).
	Progress() (done, total int64)
	// Info describes what was read: format, sheet, encoding and notes.
	Info() Info
	// Close releases the file. It is safe to call more than once.
	Close() error
}

// Info describes a source for messages and reports.
type Info struct {
	Path     string   // file path, or "" for pasted text
	Name     string   // what to call the input in messages: file name or "pasted data"
	Format   string   // "xlsx", "csv", "tsv"
	Sheet    string   // worksheet name for xlsx
	Encoding string   // "UTF-8", "UTF-8 with BOM", "Windows-1252", "UTF-16LE", ...
	Notes    []string // plain-English notes about how the input was read
	// Warnings are problems with how the input was read that may make the
	// verdict wrong: another worksheet also holds data, the file changed
	// while it was read, it ends in zero bytes. Every view shows them with
	// the verdict itself, not only among the notes.
	Warnings []string
	// Sheets lists a workbook's worksheets in workbook order: which have the
	// template's header, how many data rows they hold, which one was read.
	Sheets []SheetInfo
}

// SheetInfo describes one worksheet of a workbook.
type SheetInfo struct {
	Name    string
	Hidden  bool
	Active  bool // the sheet that was open when the workbook was last saved
	Matches bool // its header names the template's columns
	// HeaderRow is the row of its best header (0 when it has none).
	HeaderRow int
	// DataRows is the number of non-empty rows below the header, counted
	// when it mattered; -1 when not counted. AtLeast marks a count that
	// stopped early (the sheet holds at least DataRows rows).
	DataRows int
	AtLeast  bool
	Read     bool // the sheet whose rows were read
}

// RowsText describes a sheet's data rows for a sentence: "2,000 rows",
// "at least 20,000 rows", "no data rows", or "" when not counted.
func (s SheetInfo) RowsText() string {
	switch {
	case s.DataRows < 0:
		return ""
	case s.DataRows == 0 && !s.AtLeast:
		return "no data rows"
	}
	t := thousands(s.DataRows) + " rows"
	if s.DataRows == 1 {
		t = "1 row"
	}
	if s.AtLeast {
		t = "at least " + t
	}
	return t
}

// plural is "1 cell" or "2,000 cells".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return thousands(n) + " " + many
}

// MatchingSheets lists the worksheets whose header names the template's
// columns (empty for a CSV or a workbook with none).
func (i Info) MatchingSheets() []SheetInfo {
	var out []SheetInfo
	for _, s := range i.Sheets {
		if s.Matches {
			out = append(out, s)
		}
	}
	return out
}

// Batch holds up to Cap rows. Cell (r, c) is Data[Off[2*(r*NCols+c)]:Off[2*(r*NCols+c)+1]].
// A row shorter than NCols is padded with empty cells; cells beyond NCols
// are dropped by the reader after recording Overflow.
type Batch struct {
	Cap    int      // rows wanted per batch; NewBatch sets it
	NCols  int      // cells per row, equal to len(Header())
	Data   []byte   // cell bytes, reused between batches
	Off    []uint32 // start,end offsets into Data, 2 per cell
	RowNum []int32  // spreadsheet row number of each row (header row = 1 in a plain file)
	// Overflow records rows that had non-empty cells beyond the header's
	// width: spreadsheet row number → number of extra non-empty cells.
	Overflow map[int32]int
}

// NewBatch returns a batch for rows of ncols cells.
func NewBatch(ncols, capRows int) *Batch {
	if capRows <= 0 {
		capRows = 8192
	}
	return &Batch{
		Cap:    capRows,
		NCols:  ncols,
		Data:   make([]byte, 0, capRows*ncols*8),
		Off:    make([]uint32, 0, capRows*ncols*2),
		RowNum: make([]int32, 0, capRows),
	}
}

// Reset empties the batch, keeping its memory.
func (b *Batch) Reset() {
	b.Data = b.Data[:0]
	b.Off = b.Off[:0]
	b.RowNum = b.RowNum[:0]
	for k := range b.Overflow {
		delete(b.Overflow, k)
	}
}

// Len is the number of rows in the batch.
func (b *Batch) Len() int { return len(b.RowNum) }

// Full reports whether the batch holds Cap rows.
func (b *Batch) Full() bool { return len(b.RowNum) >= b.Cap }

// Cell returns the bytes of cell (r, c). The slice is only valid until the
// next call to Next.
func (b *Batch) Cell(r, c int) []byte {
	i := 2 * (r*b.NCols + c)
	return b.Data[b.Off[i]:b.Off[i+1]]
}

// AppendRow adds a row of cells given as strings (used by tests and small
// readers; hot readers use StartRow/AddCell/EndRow).
func (b *Batch) AppendRow(rowNum int, cells []string) {
	b.StartRow(rowNum)
	for i, c := range cells {
		if i >= b.NCols {
			if c != "" {
				b.noteOverflow(int32(rowNum))
			}
			continue
		}
		b.AddCell([]byte(c))
	}
	b.EndRow()
}

// StartRow begins a row. Cells are then added left to right with AddCell
// (or SetCell for sparse rows) and the row is finished with EndRow.
func (b *Batch) StartRow(rowNum int) {
	b.RowNum = append(b.RowNum, int32(rowNum))
}

// AddCell appends the next cell of the current row.
func (b *Batch) AddCell(v []byte) {
	start := uint32(len(b.Data))
	b.Data = append(b.Data, v...)
	b.Off = append(b.Off, start, uint32(len(b.Data)))
}

// cellsInRow is the number of cells added to the current row so far.
func (b *Batch) cellsInRow() int {
	return len(b.Off)/2 - (len(b.RowNum)-1)*b.NCols
}

// SetCell adds the cell in column c (0-based) of the current row, padding
// skipped columns with empty cells. Columns must arrive in increasing order;
// a column at or beyond NCols is counted as overflow when v is not empty.
func (b *Batch) SetCell(c int, v []byte) {
	if c >= b.NCols {
		if len(v) > 0 {
			b.noteOverflow(b.RowNum[len(b.RowNum)-1])
		}
		return
	}
	for n := b.cellsInRow(); n < c; n++ {
		e := uint32(len(b.Data))
		b.Off = append(b.Off, e, e)
	}
	if b.cellsInRow() > c { // out of order or repeated: keep the first
		return
	}
	b.AddCell(v)
}

// EndRow pads the current row to NCols cells.
func (b *Batch) EndRow() {
	for n := b.cellsInRow(); n < b.NCols; n++ {
		e := uint32(len(b.Data))
		b.Off = append(b.Off, e, e)
	}
}

// DropRow removes the row being built (used for rows whose cells are all empty).
func (b *Batch) DropRow() {
	r := len(b.RowNum) - 1
	start := r * b.NCols * 2
	if start < len(b.Off) {
		if start > 0 {
			b.Data = b.Data[:b.Off[start-1]]
		} else {
			b.Data = b.Data[:0]
		}
		b.Off = b.Off[:start]
	}
	b.RowNum = b.RowNum[:r]
}

// RowEmpty reports whether every cell of row r is empty or white space.
func (b *Batch) RowEmpty(r int) bool {
	for c := 0; c < b.NCols; c++ {
		for _, ch := range b.Cell(r, c) {
			if ch != ' ' && ch != '\t' && ch != '\r' && ch != '\n' {
				return false
			}
		}
	}
	return true
}

func (b *Batch) noteOverflow(row int32) {
	if b.Overflow == nil {
		b.Overflow = map[int32]int{}
	}
	b.Overflow[row]++
}

// Error is a plain-English problem with the input that stops it being read.
// Err is what went wrong underneath, for logs (never cell values).
type Error struct {
	Name    string // file name as the user knows it
	Row     int    // spreadsheet row, 0 when not about a row
	Column  string // column header or letter, "" when not about a column
	Message string // one plain-English sentence saying what to do
	Err     error
}

func (e *Error) Error() string {
	where := e.Name
	if e.Row > 0 {
		where += fmt.Sprintf(", row %d", e.Row)
	}
	if e.Column != "" {
		where += ", column " + e.Column
	}
	if where == "" {
		return e.Message
	}
	return where + ": " + e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// ErrLimit marks errors caused by a safety limit (file too large, too many
// rows, a zip bomb...). errors.Is(err, ErrLimit) tells callers which.
var ErrLimit = errors.New("input exceeds a safety limit")
