package reader

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// The delimited-text reader handles .csv files and text pasted from Excel.
//
// It is a byte-level RFC 4180 parser rather than encoding/csv because it
// must run at several hundred MB/s (a 1,048,576-row CLD extract is about
// 400 MB), write cells straight into a Batch without allocating a string per
// cell, tolerate what Excel and case-management exports produce (lone quotes
// inside unquoted cells, \r, \n and \r\n mixed, NUL bytes) and say exactly
// which row and column is broken when a quote is never closed.

const readChunk = 4 << 20

type delimited struct {
	r        io.Reader
	closer   io.Closer
	counter  *textCounter
	size     int64
	info     Info
	lim      Limits
	delim    byte
	header   []string
	hdrRow   int
	buf      []byte // unparsed input: buf[pos:end]
	pos      int
	eof      bool
	rowNum   int        // spreadsheet row number of the last record parsed
	pending  [][]string // records read while looking for the header, delivered first
	pendRows []int
	dataRows int
	sawNUL   bool
	closed   bool
	scratch  []byte

	// Encoding evidence from the whole input: cells (or fast-path lines)
	// holding valid UTF-8 beyond ASCII, and cells that are not UTF-8 (each
	// read as Windows-1252), the first few named.
	utf8Seen  int
	badCells  int
	badFirst  []string
	watch     *fileWatch // nil for pasted text
	padding   int64      // zero bytes at the end of the file, not read
	torn      int        // row number of a cut-off last line that was dropped, 0 if none
	endChange string     // how the file changed while it was read ("" if it did not)
}

// badCellsNamed is how many cells that were not UTF-8 a note names.
const badCellsNamed = 10

// incompletePadding is the run of trailing zero bytes from which a file is
// taken to be incompletely written (a disk block); a shorter run is a
// terminator some programs add.
const incompletePadding = 512

type textCounter struct {
	r io.Reader
	n atomic.Int64
}

func (c *textCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// openDelimitedFile reads a text file. Zero bytes at its end (space a copy
// or export reserved and never wrote) are left out and reported.
func openDelimitedFile(f *os.File, size int64, info Info, delim byte, opts Options, watch *fileWatch) (Source, error) {
	pad := trailingZeros(f, size)
	if pad > 0 {
		head := make([]byte, 4096)
		n, _ := f.ReadAt(head, 0)
		head = head[:n]
		le, be := bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF})
		if !le && !be {
			if order, ok := utf16NoBOM(head); ok {
				le, be = order == unicode.LittleEndian, order == unicode.BigEndian
			}
		}
		switch {
		case le: // the last character's high byte is a zero of its own
			pad = max(0, pad-1) &^ 1
		case be:
			pad &^= 1
		}
		if pad >= size {
			return nil, &Error{Name: info.Name, Message: "the file holds nothing but zero bytes: it was never completely written. Export or copy it again."}
		}
	}
	rc := struct {
		io.Reader
		io.Closer
	}{io.LimitReader(f, size-pad), f}
	return openDelimited(rc, size-pad, info, delim, opts, watch, pad)
}

func openDelimited(rc io.ReadCloser, size int64, info Info, delim byte, opts Options, watch *fileWatch, padding int64) (Source, error) {
	d := &delimited{closer: rc, size: size, info: info, lim: opts.limits(), delim: delim, watch: watch, padding: padding}
	d.counter = &textCounter{r: rc}
	if opts.Sheet != "" {
		d.info.Notes = append(d.info.Notes, fmt.Sprintf("A text file has no worksheets, so the worksheet asked for ('%s') was ignored.", opts.Sheet))
	}
	if info.Format == "" {
		d.info.Format = "csv"
	}
	if err := d.setupEncoding(); err != nil {
		return nil, err
	}
	if err := d.findHeader(opts); err != nil {
		return nil, err
	}
	if d.delim == '\t' {
		d.info.Format = "tsv"
	}
	return d, nil
}

// setupEncoding looks at the start of the input for a byte-order mark or
// UTF-16 without one, and wraps the reader to produce UTF-8.
func (d *delimited) setupEncoding() error {
	head := make([]byte, 4096)
	n, err := io.ReadFull(d.counter, head)
	head = head[:n]
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return &Error{Name: d.info.Name, Err: err, Message: "the file could not be read to the end. Check the drive is connected and copy the file to your PC if it is on a network drive."}
	}
	if n == 0 {
		return &Error{Name: d.info.Name, Message: "the file is empty. Export the data again and check the export finished."}
	}
	rest := io.MultiReader(bytes.NewReader(head), d.counter)
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		d.info.Encoding = "UTF-8 with BOM"
		d.r = rest
		d.skip(3)
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		d.info.Encoding = "UTF-16LE"
		d.r = transform.NewReader(rest, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder())
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		d.info.Encoding = "UTF-16BE"
		d.r = transform.NewReader(rest, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder())
	default:
		if order, ok := utf16NoBOM(head); ok {
			d.info.Encoding = "UTF-16" + map[bool]string{true: "LE", false: "BE"}[order == unicode.LittleEndian]
			d.info.Notes = append(d.info.Notes, "The file is UTF-16 text without a byte-order mark; it was read as "+d.info.Encoding+". If letters look wrong, save it from Excel as \"CSV UTF-8\".")
			d.r = transform.NewReader(rest, unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder())
			break
		}
		if looksBinary(head) {
			return &Error{Name: d.info.Name, Message: "this is not a CSV or Excel file. Open it in the program that made it and save it as an Excel Workbook (.xlsx) or CSV."}
		}
		// Read as UTF-8 whatever the first bytes look like: a cell that is
		// not UTF-8 is read as Windows-1252 on its own (clean), and Info
		// names the encoding from the evidence of the whole file.
		d.r = rest
		d.info.Encoding = "UTF-8"
	}
	return nil
}

// skip discards n bytes of the (already wrapped) reader.
func (d *delimited) skip(n int) {
	_, _ = io.CopyN(io.Discard, d.r, int64(n))
}

// utf16NoBOM spots UTF-16 text without a byte-order mark: mostly ASCII with
// a zero byte beside every character.
func utf16NoBOM(head []byte) (unicode.Endianness, bool) {
	if len(head) < 8 {
		return unicode.LittleEndian, false
	}
	var even, odd int
	for i, c := range head {
		if c == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	half := len(head) / 2
	switch {
	case odd > half*8/10 && even < half/10:
		return unicode.LittleEndian, true
	case even > half*8/10 && odd < half/10:
		return unicode.BigEndian, true
	}
	return unicode.LittleEndian, false
}

// looksBinary reports input that is clearly not text: many control bytes
// (a PDF, an image, a renamed program).
func looksBinary(head []byte) bool {
	ctrl := 0
	for _, c := range head {
		if c < 0x09 || (c > 0x0d && c < 0x20 && c != 0x1a) {
			ctrl++
		}
	}
	return ctrl > len(head)/10+1
}

// fill reads more input, keeping buf[pos:] and moving it to the front.
func (d *delimited) fill() error {
	if d.eof {
		return io.EOF
	}
	if d.pos > 0 {
		n := copy(d.buf, d.buf[d.pos:])
		d.buf = d.buf[:n]
		d.pos = 0
	}
	if cap(d.buf)-len(d.buf) < min(readChunk/2, cap(d.buf)/2+1) {
		nb := make([]byte, len(d.buf), 2*cap(d.buf)+min(readChunk, cap(d.buf)+4096))
		copy(nb, d.buf)
		d.buf = nb
	}
	n, err := io.ReadFull(d.r, d.buf[len(d.buf):cap(d.buf)])
	d.buf = d.buf[:len(d.buf)+n]
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		d.eof = true
		return nil
	}
	if err != nil {
		if how := d.watch.changed(); how != "" {
			return changedError(d.info.Name, how, err)
		}
		return &Error{Name: d.info.Name, Err: err, Message: "the file could not be read to the end. Check the drive is connected and copy the file to your PC if it is on a network drive."}
	}
	return nil
}

// generalParserOnly switches off the fast path (tests compare the two).
var generalParserOnly = false

// errNeedMore means the record continues past the buffered input.
var errNeedMore = errors.New("need more input")

// parseRecord parses one record from d.buf[d.pos:] into b as a new row
// (b != nil) or returns its cells as strings (b == nil, header search).
// It returns io.EOF when no input is left.
func (d *delimited) parseRecord(b *Batch) ([]string, error) {
	for {
		cells, n, err := d.tryParse(b)
		if err == nil {
			d.pos += n
			return cells, nil
		}
		if err != errNeedMore {
			return nil, err
		}
		if d.eof {
			if d.pos >= len(d.buf) {
				return nil, io.EOF
			}
			// Last record without a line ending, or an unclosed quote. In a
			// file that changed while it was read, or that ends in zero
			// bytes, it was cut off mid-write: it is not data.
			if d.incomplete() {
				d.torn = d.rowNum + 1
				d.pos = len(d.buf)
				return nil, io.EOF
			}
			cells, n, err = d.tryParseFinal(b)
			if err != nil {
				return nil, err
			}
			d.pos += n
			return cells, nil
		}
		if len(d.buf)-d.pos > d.lim.MaxCellBytes*max(1, len(d.header))+readChunk {
			return nil, &Error{Name: d.info.Name, Row: d.rowNum + 1, Err: ErrLimit, Message: "this row is far longer than any real record (probably a double quote that is never closed). Check the quotes in this row."}
		}
		if err := d.fill(); err != nil && err != io.EOF {
			return nil, err
		}
	}
}

// incomplete reports a file that was not completely written when it was
// read: it changed while it was read, or it ends in a run of zero bytes.
func (d *delimited) incomplete() bool {
	if d.padding >= incompletePadding {
		return true
	}
	if how := d.watch.changed(); how != "" {
		d.endChange = how
		return true
	}
	return false
}

func (d *delimited) tryParse(b *Batch) ([]string, int, error) {
	return d.parseAt(b, false)
}

func (d *delimited) tryParseFinal(b *Batch) ([]string, int, error) {
	return d.parseAt(b, true)
}

// parseAt parses one record starting at d.buf[d.pos]. With final, the end
// of the buffer ends the record. On errNeedMore nothing is kept in b.
func (d *delimited) parseAt(b *Batch, final bool) ([]string, int, error) {
	in := d.buf[d.pos:]
	if b != nil && !generalParserOnly {
		if n, ok := d.fastLine(b, in); ok {
			return nil, n, nil
		}
	}
	var cells []string
	var dataMark, offMark int
	if b != nil {
		dataMark, offMark = len(b.Data), len(b.Off)
		b.StartRow(d.rowNum + 1)
	}
	rollback := func() {
		if b != nil {
			b.Data = b.Data[:dataMark]
			b.Off = b.Off[:offMark]
			b.RowNum = b.RowNum[:len(b.RowNum)-1]
		}
	}
	col := 0
	i := 0
	delim := d.delim
	for {
		// One field starting at in[i].
		var field []byte
		if i < len(in) && in[i] == '"' {
			// Quoted field.
			d.scratch = d.scratch[:0]
			j := i + 1
			closed := false
			for j < len(in) {
				k := bytes.IndexByte(in[j:], '"')
				if k < 0 {
					d.scratch = append(d.scratch, in[j:]...)
					j = len(in)
					break
				}
				d.scratch = append(d.scratch, in[j:j+k]...)
				j += k + 1
				if j < len(in) && in[j] == '"' {
					d.scratch = append(d.scratch, '"')
					j++
					continue
				}
				if j >= len(in) && !final {
					// Cannot tell yet whether this is "" or the closing quote.
					rollback()
					return nil, 0, errNeedMore
				}
				closed = true
				break
			}
			if !closed {
				if !final {
					rollback()
					return nil, 0, errNeedMore
				}
				rollback()
				return nil, 0, &Error{Name: d.info.Name, Row: d.rowNum + 1, Column: d.columnName(col),
					Message: "a value starts with a double quote (\") that is never closed, so the rest of the file cannot be split into columns. Add the missing closing quote or remove the stray one."}
			}
			// Text after the closing quote up to the delimiter is kept as Excel does.
			for j < len(in) && in[j] != delim && in[j] != '\n' && in[j] != '\r' {
				d.scratch = append(d.scratch, in[j])
				j++
			}
			field = d.scratch
			i = j
		} else {
			j := i
			for j < len(in) {
				c := in[j]
				if c == delim || c == '\n' || c == '\r' {
					break
				}
				j++
			}
			field = in[i:j]
			i = j
		}
		if len(field) > d.lim.MaxCellBytes {
			rollback()
			return nil, 0, &Error{Name: d.info.Name, Row: d.rowNum + 1, Column: d.columnName(col), Err: ErrLimit,
				Message: "a cell is longer than Excel's limit of 32,767 characters (probably a double quote that is never closed). Check the quotes in this row."}
		}
		field = d.clean(field, col)
		if b != nil {
			b.SetCell(col, field)
		} else {
			cells = append(cells, string(field))
		}
		col++
		if i >= len(in) {
			if !final {
				rollback()
				return nil, 0, errNeedMore
			}
			break
		}
		if in[i] == delim {
			i++
			if i >= len(in) && final {
				// Trailing delimiter at end of input: one more empty cell.
				if b != nil {
					b.SetCell(col, nil)
				} else {
					cells = append(cells, "")
				}
				break
			}
			continue
		}
		// Line ending: \n, \r\n or a lone \r.
		if in[i] == '\r' {
			if i+1 >= len(in) && !final {
				rollback()
				return nil, 0, errNeedMore
			}
			i++
			if i < len(in) && in[i] == '\n' {
				i++
			}
		} else {
			i++
		}
		break
	}
	d.rowNum++
	if b != nil {
		b.EndRow()
	}
	return cells, i, nil
}

// fastLine parses the common record — one line ending in \n, valid UTF-8
// with no NUL bytes, quoted fields (if any) closing on the same line — with
// vectorised scans and one copy of the line into the batch. Anything else
// (a line break inside quotes, text after a closing quote, a field over the
// size limit) returns ok=false and goes through the general parser, which
// handles it and reports errors.
func (d *delimited) fastLine(b *Batch, in []byte) (n int, ok bool) {
	nl := bytes.IndexByte(in, '\n')
	if nl < 0 {
		return 0, false
	}
	line := in[:nl]
	if len(line) > 0 && line[len(line)-1] == '\r' {
		line = line[:len(line)-1]
	}
	if bytes.IndexByte(line, '\r') >= 0 || bytes.IndexByte(line, 0) >= 0 {
		return 0, false
	}
	if valid, nonASCII := utf8Line(line); !valid {
		return 0, false
	} else if nonASCII {
		d.utf8Seen++
	}
	rowNum := d.rowNum + 1
	dataMark, offMark := len(b.Data), len(b.Off)
	base := uint32(len(b.Data))
	b.Data = append(b.Data, line...)
	b.RowNum = append(b.RowNum, int32(rowNum))
	undo := func() (int, bool) {
		b.Data, b.Off = b.Data[:dataMark], b.Off[:offMark]
		b.RowNum = b.RowNum[:len(b.RowNum)-1]
		return 0, false
	}
	delim := d.delim
	col, pos, over := 0, 0, 0
	for {
		var start, end uint32 // offsets into b.Data
		next := len(line)     // where the following field starts (after the delimiter)
		if pos < len(line) && line[pos] == '"' {
			// A quoted field: find the closing quote; "" is an escaped quote.
			j, escaped := pos+1, false
			for {
				k := bytes.IndexByte(line[j:], '"')
				if k < 0 {
					return undo() // the quotes continue onto the next line
				}
				j += k
				if j+1 < len(line) && line[j+1] == '"' {
					escaped, j = true, j+2
					continue
				}
				break
			}
			if j+1 < len(line) && line[j+1] != delim {
				return undo() // text after the closing quote: the general parser keeps it
			}
			if escaped {
				start = uint32(len(b.Data))
				b.Data = append(b.Data, bytes.ReplaceAll(line[pos+1:j], []byte(`""`), []byte(`"`))...)
				end = uint32(len(b.Data))
			} else {
				start, end = base+uint32(pos+1), base+uint32(j)
			}
			if j+1 < len(line) {
				next = j + 2
			}
		} else {
			e := len(line)
			if k := bytes.IndexByte(line[pos:], delim); k >= 0 {
				e = pos + k
				next = e + 1
			}
			start, end = base+uint32(pos), base+uint32(e)
		}
		if int(end-start) > d.lim.MaxCellBytes {
			return undo()
		}
		if col < b.NCols {
			b.Off = append(b.Off, start, end)
		} else if end > start {
			over++ // noted once the line is known to be read here (undo must not leave it)
		}
		col++
		if next >= len(line) {
			if next == len(line) && len(line) > 0 && line[len(line)-1] == delim {
				// A trailing delimiter: one more, empty, field.
				if col < b.NCols {
					e := base + uint32(len(line))
					b.Off = append(b.Off, e, e)
				}
				col++
			}
			break
		}
		pos = next
	}
	for ; col < b.NCols; col++ {
		e := base + uint32(len(line))
		b.Off = append(b.Off, e, e)
	}
	for ; over > 0; over-- {
		b.noteOverflow(int32(rowNum))
	}
	d.rowNum = rowNum
	return nl + 1, true
}

// utf8Line reports whether line is valid UTF-8 and whether it holds any
// byte beyond ASCII, at the speed of utf8.Valid.
func utf8Line(line []byte) (valid, nonASCII bool) {
	i := 0
	for ; i+8 <= len(line); i += 8 {
		if binary.LittleEndian.Uint64(line[i:])&0x8080808080808080 != 0 {
			return utf8.Valid(line[i:]), true
		}
	}
	for ; i < len(line); i++ {
		if line[i] >= 0x80 {
			return utf8.Valid(line[i:]), true
		}
	}
	return true, false
}

// repairUTF8 reads the bytes of s that are not part of a UTF-8 character as
// Windows-1252 characters, keeping the valid UTF-8 around them (a UTF-8
// file with one stray byte keeps its O’Brien).
func repairUTF8(s []byte) []byte {
	out := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && n <= 1 {
			out = utf8.AppendRune(out, cp1252[s[i]])
			i++
			continue
		}
		out = append(out, s[i:i+n]...)
		i += n
	}
	return out
}

// cp1252 maps each Windows-1252 byte to its character (the five bytes the
// code page leaves undefined map to the C1 controls, as Windows does).
var cp1252 = func() (t [256]rune) {
	for i := range t {
		t[i] = rune(i)
	}
	hi := []rune("€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ")
	for i, r := range hi {
		t[0x80+i] = r
	}
	return
}()

// clean removes NUL bytes and repairs cells that are not UTF-8 by reading
// their stray bytes as Windows-1252 (exports sometimes mix the two), noting
// which cells were repaired.
func (d *delimited) clean(field []byte, col int) []byte {
	if bytes.IndexByte(field, 0) >= 0 {
		d.sawNUL = true
		out := make([]byte, 0, len(field))
		for _, c := range field {
			if c != 0 {
				out = append(out, c)
			}
		}
		field = out
	}
	valid, nonASCII := utf8Line(field)
	switch {
	case !valid:
		d.badCells++
		if len(d.badFirst) < badCellsNamed {
			d.badFirst = append(d.badFirst, fmt.Sprintf("row %d (%s)", d.rowNum+1, d.columnName(col)))
		}
		field = repairUTF8(field)
	case nonASCII:
		d.utf8Seen++
	}
	return field
}

func (d *delimited) columnName(col int) string {
	if col < len(d.header) && d.header[col] != "" {
		return d.header[col]
	}
	return ColumnLetter(col)
}

// findHeader reads the first records, chooses the header row and keeps the
// records after it for Next.
func (d *delimited) findHeader(opts Options) error {
	bufSize := int64(readChunk)
	if d.size > 0 && d.size+4096 < bufSize {
		bufSize = d.size + 4096 // small files and pasted text need no 4 MB buffer
	}
	d.buf = make([]byte, 0, bufSize)
	var recs [][]string
	var rows []int
	for len(recs) < d.lim.HeaderSearchRows {
		if d.delim == 0 && len(recs) == 0 {
			if err := d.detectDelimiter(); err != nil {
				return err
			}
		}
		cells, err := d.parseRecord(nil)
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if emptyCells(cells) {
			continue
		}
		if len(recs) == 0 {
			d.header = cells // provisional, so errors while searching can name columns
		}
		recs = append(recs, cells)
		rows = append(rows, d.rowNum)
	}
	if len(recs) == 0 {
		return &Error{Name: d.info.Name, Message: "the file has no rows. Export the data again, including the header row."}
	}
	best, bestScore := 0, 0
	if opts.HeaderScore != nil {
		for i, r := range recs {
			if s := opts.HeaderScore(r); s > bestScore {
				best, bestScore = i, s
			}
		}
	}
	h := recs[best]
	for len(h) > 0 && h[len(h)-1] == "" {
		h = h[:len(h)-1]
	}
	if len(h) > d.lim.MaxColumns {
		return &Error{Name: d.info.Name, Row: rows[best], Err: ErrLimit, Message: fmt.Sprintf(
			"the header row has %d columns, more than the %d this tool reads (a CLD file has about 50). Check the right file was chosen and that it is not in a different format.", len(h), d.lim.MaxColumns)}
	}
	d.header = h
	d.hdrRow = rows[best]
	d.pending = recs[best+1:]
	d.pendRows = rows[best+1:]
	return nil
}

// detectDelimiter chooses tab, comma, semicolon or vertical bar from the
// first line.
func (d *delimited) detectDelimiter() error {
	for {
		line := d.buf[d.pos:]
		if k := bytes.IndexAny(line, "\r\n"); k >= 0 {
			line = line[:k]
		} else if !d.eof && len(line) < 1<<20 {
			if err := d.fill(); err != nil && err != io.EOF {
				return err
			}
			continue
		}
		counts := map[byte]int{}
		inQ := false
		for _, c := range line {
			switch {
			case c == '"':
				inQ = !inQ
			case !inQ && (c == ',' || c == '\t' || c == ';' || c == '|'):
				counts[c]++
			}
		}
		d.delim = ','
		for _, c := range []byte{'\t', ';', '|'} {
			if counts[c] > counts[d.delim] {
				d.delim = c
			}
		}
		switch d.delim {
		case ';':
			d.info.Notes = append(d.info.Notes, "Columns in this file are separated by semicolons (;) rather than commas. NHS England expects a comma-separated file; save it from Excel as \"CSV UTF-8 (Comma delimited)\".")
		case '|':
			d.info.Notes = append(d.info.Notes, "Columns in this file are separated by vertical bars (|) rather than commas, so it was read that way. NHS England expects a comma-separated file; export it again as CSV, or open it in Excel (Data > From Text/CSV, delimiter |) and save it as \"CSV UTF-8 (Comma delimited)\".")
		}
		return nil
	}
}

func emptyCells(cells []string) bool {
	for _, c := range cells {
		for i := 0; i < len(c); i++ {
			if ch := c[i]; ch != ' ' && ch != '\t' {
				return false
			}
		}
	}
	return true
}

func (d *delimited) Header() []string { return d.header }
func (d *delimited) HeaderRow() int   { return d.hdrRow }

func (d *delimited) Info() Info {
	info := d.info
	info.Notes = append([]string(nil), d.info.Notes...)
	info.Warnings = append([]string(nil), d.info.Warnings...)
	if d.badCells > 0 && !strings.HasPrefix(info.Encoding, "UTF-16") {
		named := strings.Join(d.badFirst, ", ")
		if d.badCells > len(d.badFirst) {
			named += fmt.Sprintf(" and %s more", thousands(d.badCells-len(d.badFirst)))
		}
		if d.utf8Seen == 0 {
			// Not one character of the file is UTF-8 beyond plain ASCII:
			// the whole file is Windows-1252.
			info.Encoding = "Windows-1252"
			info.Notes = append(info.Notes, fmt.Sprintf("The file is Windows-1252 text, not UTF-8: %s hold accented letters or symbols written that way and none is written as UTF-8, so the file was read as Windows-1252. NHS England expects UTF-8: save the file from Excel as \"CSV UTF-8 (Comma delimited)\".",
				pluralCells(d.badCells)))
		} else {
			info.Notes = append(info.Notes, fmt.Sprintf("The file is UTF-8 text, but %s held bytes that are not UTF-8 (the rest of the file has %s of UTF-8 text beyond plain letters). Only those bytes were read as Windows-1252 characters: %s. Check those cells look right, and correct them at source.",
				pluralCells(d.badCells), pluralCells(d.utf8Seen), named))
		}
	}
	if d.padding > 0 {
		if d.padding >= incompletePadding {
			info.Warnings = append(info.Warnings, paddingWarning(d.padding))
		} else {
			info.Notes = append(info.Notes, fmt.Sprintf("The file ends with %s, which %s ignored.", plural(int(d.padding), "zero (NUL) byte", "zero (NUL) bytes"), map[bool]string{true: "was", false: "were"}[d.padding == 1]))
		}
	}
	if d.endChange != "" {
		info.Warnings = append(info.Warnings, changedWarning(d.endChange))
	}
	if d.torn > 0 {
		info.Notes = append(info.Notes, fmt.Sprintf("Row %d, the last line, ends without a line break and was probably cut off while the file was being written, so it was not checked.", d.torn))
	}
	if d.sawNUL {
		info.Notes = append(info.Notes, "The file contains NUL (zero) bytes, which were ignored. This usually means the export was damaged or saved in an unusual encoding; export it again if values look wrong.")
	}
	return info
}

func pluralCells(n int) string { return plural(n, "cell", "cells") }

func (d *delimited) Progress() (int64, int64) {
	done := d.counter.n.Load()
	if done > d.size {
		done = d.size
	}
	return done, d.size
}

func (d *delimited) Next(b *Batch) error {
	b.Reset()
	if b.NCols != len(d.header) {
		return fmt.Errorf("reader: batch has %d columns, header has %d", b.NCols, len(d.header))
	}
	for len(d.pending) > 0 && !b.Full() {
		b.AppendRow(d.pendRows[0], d.pending[0])
		d.pending, d.pendRows = d.pending[1:], d.pendRows[1:]
		if err := d.countRow(b); err != nil {
			return err
		}
	}
	for !b.Full() && len(b.Data) < maxBatchData {
		_, err := d.parseRecord(b)
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if err := d.countRow(b); err != nil {
			return err
		}
	}
	if b.Len() == 0 {
		if d.endChange == "" {
			d.endChange = d.watch.changed()
		}
		return io.EOF
	}
	return nil
}

// countRow drops the row just added if it is empty and enforces MaxRows.
func (d *delimited) countRow(b *Batch) error {
	r := b.Len() - 1
	if b.RowEmpty(r) {
		b.DropRow()
		return nil
	}
	d.dataRows++
	if d.dataRows > d.lim.MaxRows {
		return &Error{Name: d.info.Name, Row: int(b.RowNum[r]), Err: ErrLimit, Message: fmt.Sprintf(
			"the file has more than %d data rows, the most an Excel sheet can hold. Check it is one quarter's CLD extract, or split it.", d.lim.MaxRows)}
	}
	return nil
}

func (d *delimited) Close() error {
	if d.closed {
		return nil
	}
	d.closed = true
	return d.closer.Close()
}
