package reader

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"sort"
	"unicode/utf8"
)

// The worksheet scanner: a byte-level reader of <sheetData> that writes
// cells straight into a Batch, because encoding/xml is far slower
// (BENCHMARKS.md, "Notes from the code").
//
// Units (a tag, or a whole <c> element) are parsed from a contiguous window
// of decompressed bytes; when a unit runs past the end of the window the
// window is extended with the next chunk and the unit is parsed again, so a
// unit's effects are applied only once it is complete.

const (
	scanBefore = iota // before <sheetData>
	scanData          // inside <sheetData>
	scanDone          // after </sheetData>
)

// Cell types (the t attribute).
const (
	typN      byte = iota // number (default)
	typS                  // shared string
	typStr                // formula string
	typInline             // inline string
	typB                  // boolean
	typE                  // error
	typD                  // ISO 8601 date
)

// errBudget ends a header search that has read enough of a sheet.
var errBudget = errors.New("xlsx: header search budget used")

type sheetScanner struct {
	x           *xlsxFile
	sheet       string
	c           cursor
	state       int
	inRow       bool
	rowNum      int // row being read
	lastRow     int // previous row number, for rows without r
	col         int // last column set in this row, -1 at the start
	rowOff      int // len(Batch.Off) when the row started
	nonEmpty    bool
	skipThrough int  // rows up to this number are not data (header and title rows)
	maxRows     int  // data rows allowed, 0 for no limit (header search)
	drainAtEnd  bool // check the rest of the part (CRC) after </sheetData>
	budget      int64
	dataRows    int
	maxCell     int
	styles      []numKind
	sst         *sharedStrings
	date1904    bool
	dates       *dateCache
	rowData     int // len(Batch.Data) when the row started

	// A formula cell without a value (never calculated): in the data pass
	// (strictFormulas) it stops the read; elsewhere the first is noted.
	strictFormulas bool
	uncalc         cellPos
	names          []string // header cells, to name columns in errors
	reorder        []orderedCell

	tmp  []byte // inline string text
	vtmp []byte // <v> text when it needed decoding (CDATA)
	ftmp []byte // formula text (discarded)
	val  []byte // formatted value
}

type cellInfo struct {
	col      int
	style    int
	typ      byte
	hasV     bool
	vDecoded bool
	hasIS    bool
	hasF     bool // a formula (<f>), whose value is the <v> beside it
	v        []byte
}

// orderedCell is a cell of a row being put back in column order.
type orderedCell struct {
	col int
	v   []byte
}

func (x *xlsxFile) newSheetScanner(st *partStream, sheet string) *sheetScanner {
	return &sheetScanner{
		x:        x,
		sheet:    sheet,
		c:        cursor{s: st, maxUnit: x.maxUnit()},
		col:      -1,
		maxCell:  x.lim.MaxCellBytes,
		styles:   x.styles,
		sst:      x.sst,
		date1904: x.date1904,
		dates:    newDateCache(),
	}
}

func (x *xlsxFile) maxUnit() int {
	n := 16*x.lim.MaxCellBytes + 1<<20
	if n < 0 || n > 1<<30 {
		n = 1 << 30
	}
	return n
}

func eq(b []byte, s string) bool { return string(b) == s }

// more extends the window; false means the part ended or failed (see end).
func (s *sheetScanner) more() bool {
	if s.budget > 0 && s.c.s.p.n > s.budget && !s.c.end {
		s.c.end = true
		s.c.err = errBudget
		return false
	}
	return s.c.more()
}

// atEnd explains why the window could not be extended.
func (s *sheetScanner) atEnd() (bool, error) {
	switch s.c.err {
	case nil:
		if s.state == scanData {
			// The XML stops inside <sheetData>: a truncated worksheet.
			return false, s.x.damaged(errors.New("xlsx: worksheet ends inside sheetData"))
		}
		s.state = scanDone
		return false, nil
	case errBudget:
		s.state = scanDone
		return false, nil
	case errUnitTooLarge:
		return false, s.cellTooLong(s.col+1, nil)
	}
	return false, s.c.err
}

// sheetDataEnded finishes the sheet at </sheetData> (or <sheetData/>)
// ending at n, checking the rest of the part when asked to.
func (s *sheetScanner) sheetDataEnded(n int) (bool, error) {
	s.c.pos = n
	s.state = scanDone
	if s.drainAtEnd {
		if err := s.c.drain(); err != nil {
			return false, err
		}
	}
	return false, nil
}

// cellTooLong is the error for a cell over the size limit. v is the cell's
// text, or nil when the cell's XML alone passed the scanner's limit (its
// size is then only known to be more than that).
func (s *sheetScanner) cellTooLong(col int, v []byte) error {
	if !s.inRow {
		return &Error{Name: s.x.info.Name, Err: ErrLimit,
			Message: "the worksheet contains an item far larger than any real spreadsheet cell, so it was not read for safety. Open it in Excel, save it again, and try that copy."}
	}
	size := "more than " + humanBytes(int64(s.c.maxUnit)) + " of text"
	if v != nil {
		size = plural(utf8.RuneCount(v), "character", "characters") + " of text"
		if n := utf8.RuneCount(v); n <= 32767 {
			size += fmt.Sprintf(" (%s bytes)", thousands(len(v)))
		}
	}
	return &Error{Name: s.x.info.Name, Row: s.rowNum, Column: s.columnName(max(col, 0)), Err: ErrLimit,
		Message: fmt.Sprintf("this cell holds %s, more than this tool reads (%s bytes; an Excel cell holds at most 32,767 characters), so it was not read. Shorten the cell and save the workbook again.", size, thousands(s.maxCell))}
}

// columnName names column col by its header, or by its letter.
func (s *sheetScanner) columnName(col int) string {
	if col < len(s.names) && s.names[col] != "" {
		return s.names[col]
	}
	return ColumnLetter(col)
}

func (s *sheetScanner) fail(st status) error {
	switch st {
	case stForbid:
		return s.x.doctype()
	case stTooLarge:
		return s.cellTooLong(s.col+1, nil)
	}
	return s.x.damaged(errors.New("xlsx: malformed worksheet XML"))
}

// nextRow reads the next non-empty data row into b. It returns false at the
// end of the sheet.
func (s *sheetScanner) nextRow(bt *Batch) (bool, error) {
	for {
		if s.state == scanDone {
			return false, nil
		}
		b := s.c.buf
		q := s.c.pos
		if q >= len(b) || b[q] != '<' {
			e := -1
			if q < len(b) {
				e = bytes.IndexByte(b[q:], '<')
			}
			if e < 0 {
				s.c.pos = len(b)
				if !s.more() {
					return s.atEnd()
				}
				continue
			}
			q += e
			s.c.pos = q
		}
		if q+2 >= len(b) {
			if !s.more() {
				return s.atEnd()
			}
			continue
		}
		if s.inRow && b[q+1] == 'c' && b[q+2] == ' ' {
			// The hot loop: consecutive cells in Excel's usual form.
			for {
				n, col, style, typ, v := fastCell(b, q+2)
				if n == 0 {
					break
				}
				st, err := s.fastApply(bt, col, style, typ, v)
				if err != nil {
					return false, err
				}
				if st != stOK {
					return false, s.fail(st)
				}
				q = n
				if q+2 >= len(b) || b[q] != '<' || b[q+1] != 'c' || b[q+2] != ' ' {
					break
				}
			}
			if s.c.pos != q {
				s.c.pos = q
				continue
			}
		}
		var st status
		var n int
		switch b[q+1] {
		case '/':
			var local []byte
			local, n, st = skipEndTag(b, q)
			if st != stOK || s.state != scanData {
				break
			}
			switch {
			case eq(local, "row"):
				if s.inRow {
					s.c.pos = n
					if ok, err := s.endRow(bt); ok || err != nil {
						return ok, err
					}
					continue
				}
			case eq(local, "sheetData"):
				if s.inRow { // </row> missing: end the row, then come back here
					if ok, err := s.endRow(bt); ok || err != nil {
						return ok, err
					}
					continue
				}
				return s.sheetDataEnded(n)
			}
		case '!', '?':
			n, st = skipSpecial(b, q)
		default:
			var local []byte
			local, n, st = tagName(b, q+1)
			if st != stOK {
				break
			}
			switch {
			case s.state == scanData && s.inRow && eq(local, "c"):
				var err error
				n, st, err = s.cell(bt, b, n)
				if err != nil {
					return false, err
				}
			case s.state == scanData && eq(local, "row"):
				if s.inRow { // </row> missing: end the row, then come back here
					if ok, err := s.endRow(bt); ok || err != nil {
						return ok, err
					}
					continue
				}
				n, st = s.rowStart(bt, b, n)
			case s.state == scanBefore && eq(local, "sheetData"):
				var selfClose bool
				n, selfClose, st = skipTagRest(b, n)
				if st == stOK {
					s.state = scanData
					if selfClose {
						return s.sheetDataEnded(n)
					}
				}
			default:
				n, _, st = skipTagRest(b, n)
			}
		}
		switch st {
		case stOK:
			s.c.pos = n
		case stMore:
			if !s.more() {
				if s.c.err == nil {
					return false, s.x.damaged(errors.New("xlsx: worksheet ends inside a tag"))
				}
				return s.atEnd()
			}
		default:
			return false, s.fail(st)
		}
	}
}

// rowStart handles <row ...> whose name ends at b[q].
func (s *sheetScanner) rowStart(bt *Batch, b []byte, q int) (int, status) {
	r := -1
	for {
		name, val, n, done, selfClose, st := attr(b, q)
		if st != stOK {
			return n, st
		}
		q = n
		if done {
			if r < 0 {
				r = s.lastRow + 1
				if r > maxSheetRows {
					return q, stBad
				}
			}
			s.lastRow = r
			s.rowNum = r
			if selfClose {
				return q, stOK // an empty row
			}
			s.inRow = true
			s.col = -1
			s.nonEmpty = false
			bt.StartRow(r)
			s.rowOff = len(bt.Off)
			s.rowData = len(bt.Data)
			return q, stOK
		}
		if len(name) == 1 && name[0] == 'r' {
			v, ok := parseRowNum(val)
			if !ok {
				return q, stBad
			}
			r = v
		}
	}
}

// maxSheetRows is Excel's row limit.
const maxSheetRows = 1 << 20

func parseRowNum(b []byte) (int, bool) {
	b = trimSpace(b)
	if len(b) == 0 || len(b) > 7 {
		return 0, false
	}
	v := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, v >= 1 && v <= maxSheetRows
}

// colFromRef reads the column of a cell reference ("AB12" → 27).
func colFromRef(b []byte) (int, bool) {
	col, i := 0, 0
	for ; i < len(b); i++ {
		c := b[i]
		switch {
		case c >= 'A' && c <= 'Z':
			col = col*26 + int(c-'A') + 1
		case c >= 'a' && c <= 'z':
			col = col*26 + int(c-'a') + 1
		default:
			goto digits
		}
		if i >= 3 {
			return 0, false
		}
	}
digits:
	if i == 0 || col > 16384 {
		return 0, false
	}
	for _, c := range b[i:] {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	return col - 1, true
}

func cellType(v []byte) byte {
	switch string(v) {
	case "", "n":
		return typN
	case "s":
		return typS
	case "str":
		return typStr
	case "inlineStr":
		return typInline
	case "b":
		return typB
	case "e":
		return typE
	case "d":
		return typD
	}
	return typStr
}

func smallInt(b []byte) int {
	v := 0
	for _, c := range b {
		if c < '0' || c > '9' || v > 1<<24 {
			return -1
		}
		v = v*10 + int(c-'0')
	}
	if len(b) == 0 {
		return -1
	}
	return v
}

// parseCell parses a <c> element whose name ends at b[q].
func (s *sheetScanner) parseCell(b []byte, q int, ci *cellInfo) (int, status) {
	*ci = cellInfo{col: -1}
	s.tmp = s.tmp[:0]
	s.vtmp = s.vtmp[:0]
	for {
		name, val, n, done, selfClose, st := attr(b, q)
		if st != stOK {
			return n, st
		}
		q = n
		if done {
			if selfClose {
				return q, stOK
			}
			break
		}
		if len(name) != 1 {
			continue
		}
		switch name[0] {
		case 'r':
			col, ok := colFromRef(val)
			if !ok {
				return q, stBad
			}
			ci.col = col
		case 's':
			ci.style = smallInt(val)
		case 't':
			ci.typ = cellType(val)
		}
	}
	for {
		e := bytes.IndexByte(b[q:], '<')
		if e < 0 {
			return q, stMore
		}
		q += e
		if q+1 >= len(b) {
			return q, stMore
		}
		switch b[q+1] {
		case '/':
			local, n, st := skipEndTag(b, q)
			if st != stOK {
				return q, st
			}
			q = n
			if eq(local, "c") {
				return q, stOK
			}
			continue
		case '!', '?':
			n, st := skipSpecial(b, q)
			if st != stOK {
				return q, st
			}
			q = n
			continue
		}
		local, n, st := tagName(b, q+1)
		if st != stOK {
			return q, st
		}
		n, selfClose, st := skipTagRest(b, n)
		if st != stOK {
			return q, st
		}
		q = n
		if selfClose {
			switch {
			case eq(local, "v"):
				ci.hasV = true
			case eq(local, "f"): // a shared formula's other cells: <f t="shared" si="0"/>
				ci.hasF = true
			}
			continue
		}
		switch {
		case eq(local, "v"):
			raw, decoded, n, st := readText(b, q, &s.vtmp)
			if st != stOK {
				return q, st
			}
			ci.hasV = true
			if decoded {
				ci.v, ci.vDecoded = s.vtmp, true
			} else {
				ci.v = raw
			}
			if _, n, st = skipEndTag(b, n); st != stOK {
				return q, st
			}
			q = n
		case eq(local, "is"):
			n, st := collectText(b, q, &s.tmp)
			if st != stOK {
				return q, st
			}
			ci.hasIS = true
			q = n
		case eq(local, "f"):
			ci.hasF = true
			s.ftmp = s.ftmp[:0]
			_, _, n, st := readText(b, q, &s.ftmp)
			if st != stOK {
				return q, st
			}
			if _, n, st = skipEndTag(b, n); st != stOK {
				return q, st
			}
			q = n
		}
		// Other children (extLst...) are skipped tag by tag.
	}
}

// cell parses a <c> element and, once it is complete, puts its value into
// the current row.
func (s *sheetScanner) cell(bt *Batch, b []byte, q int) (int, status, error) {
	var ci cellInfo
	n, st := s.parseCell(b, q, &ci)
	if st != stOK {
		return n, st, nil
	}
	st, err := s.applyCell(bt, &ci)
	return n, st, err
}

// fastCell parses the form of <c> that Excel and most libraries write,
// <c r="B2" s="3" t="s"><v>12</v></c>, <c r="B2" s="3"/> or
// <c r="B2" t="inlineStr"><is><t>text</t></is></c>, with b[q] just after
// "<c". It returns next == 0 for anything else (other attributes,
// formulas, rich text, white space, a cell near the end of the window),
// which the general parser then takes. col is -1 without r; v is nil
// without a value and is raw XML text.
func fastCell(b []byte, q int) (next, col, style int, typ byte, v []byte) {
	if len(b)-q < fastWindow {
		return
	}
	w := b[q : q+fastWindow]
	col, typ = -1, typN
	i := 0
	for {
		if i+16 > len(w) {
			return 0, 0, 0, 0, nil
		}
		a := binary.LittleEndian.Uint32(w[i:])
		switch a {
		case le4(' ', 'r', '=', '"'):
			i += 4
			col = 0
			j := i
			for ; j < i+3 && w[j] >= 'A' && w[j] <= 'Z'; j++ {
				col = col*26 + int(w[j]-'A') + 1
			}
			if j == i || col > 16384 {
				return 0, 0, 0, 0, nil
			}
			col--
			e := indexByteSWAR(w[j:], '"')
			if e < 0 {
				return 0, 0, 0, 0, nil
			}
			i = j + e + 1
		case le4(' ', 's', '=', '"'):
			i += 4
			j := i
			v := 0
			for ; j < i+7 && w[j] >= '0' && w[j] <= '9'; j++ {
				v = v*10 + int(w[j]-'0')
			}
			if j == i || w[j] != '"' {
				return 0, 0, 0, 0, nil
			}
			style = v
			i = j + 1
		case le4(' ', 't', '=', '"'):
			i += 4
			if w[i] == 's' && w[i+1] == '"' {
				typ = typS
				i += 2
				continue
			}
			e := indexByteSWAR(w[i:], '"')
			if e < 0 {
				return 0, 0, 0, 0, nil
			}
			typ = cellType(w[i : i+e])
			i += e + 1
		default:
			if a == le4('>', '<', 'v', '>') {
				i += 4
				e := indexByteSWAR(w[i:], '<')
				if e < 0 || i+e+8 > len(w) || binary.LittleEndian.Uint64(w[i+e:]) != vcEnd {
					return 0, 0, 0, 0, nil
				}
				return q + i + e + 8, col, style, typ, w[i : i+e]
			}
			if a == le4('>', '<', 'i', 's') && typ == typInline && binary.LittleEndian.Uint32(w[i+4:]) == le4('>', '<', 't', '>') {
				// <is><t>text</t></is>, as excelize's StreamWriter writes
				i += 8
				e := indexByteSWAR(w[i:], '<')
				if e < 0 || i+e+13 > len(w) || string(w[i+e:i+e+13]) != "</t></is></c>" {
					return 0, 0, 0, 0, nil
				}
				return q + i + e + 13, col, style, typ, w[i : i+e]
			}
			if a&0xFFFF == le2('/', '>') {
				return q + i + 2, col, style, typ, nil
			}
			if a == le4('>', '<', '/', 'c') && w[i+4] == '>' {
				return q + i + 5, col, style, typ, nil
			}
			return 0, 0, 0, 0, nil
		}
	}
}

func le4(a, b, c, d byte) uint32 {
	return uint32(a) | uint32(b)<<8 | uint32(c)<<16 | uint32(d)<<24
}

func le2(a, b byte) uint32 { return uint32(a) | uint32(b)<<8 }

// vcEnd is "</v></c>" as a little-endian word.
var vcEnd = binary.LittleEndian.Uint64([]byte("</v></c>"))

// fastWindow is the longest cell fastCell handles; longer ones (or ones
// near the end of the window) go to the general parser.
const fastWindow = 112

// indexByteSWAR is bytes.IndexByte for short distances: 8 bytes at a time
// without the call overhead of the vectorised version.
func indexByteSWAR(b []byte, c byte) int {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	pat := uint64(c) * lo
	i := 0
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:]) ^ pat
		if t := (w - lo) &^ w & hi; t != 0 {
			return i + bits.TrailingZeros64(t)/8
		}
	}
	for ; i < len(b); i++ {
		if b[i] == c {
			return i
		}
	}
	return -1
}

// fastApply puts a cell from fastCell into the current row, taking the
// common cases (shared strings, plain numbers) without building a cellInfo.
func (s *sheetScanner) fastApply(bt *Batch, col, style int, typ byte, v []byte) (status, error) {
	c := col
	if c < 0 {
		c = s.col + 1
	}
	if c > s.col && c <= 16383 && v != nil {
		switch typ {
		case typS:
			i := smallIndex(v)
			if sst := s.sst; sst != nil && i >= 0 && i+1 < len(sst.off) {
				s.col = c
				return s.put(bt, c, sst.arena[sst.off[i]:sst.off[i+1]])
			}
		case typN:
			if s.kind(style) == kindGeneral && plainInt(v) {
				s.col = c
				return s.put(bt, c, v)
			}
		}
	}
	ci := cellInfo{col: col, style: style, typ: typ, hasV: v != nil, v: v}
	return s.applyCell(bt, &ci)
}

// applyCell puts a parsed cell's value into the current row.
func (s *sheetScanner) applyCell(bt *Batch, ci *cellInfo) (status, error) {
	col := ci.col
	if col < 0 {
		col = s.col + 1
		if col > 16383 {
			return stBad, nil
		}
	}
	s.col = col
	if ci.hasF && !ci.hasV && !ci.hasIS {
		// A formula that was never calculated: its value is not in the file.
		if s.strictFormulas && col < bt.NCols {
			return stOK, s.x.uncalculated(cellPos{s.rowNum, col}, s.columnName(col))
		}
		if s.uncalc.row == 0 {
			s.uncalc = cellPos{s.rowNum, col}
		}
		return stOK, nil
	}
	v, err := s.value(ci, col)
	if err != nil {
		return stOK, err
	}
	return s.put(bt, col, v)
}

// put stores value v in column col of the current row (like Batch.SetCell,
// without recomputing the row's cell count).
func (s *sheetScanner) put(bt *Batch, col int, v []byte) (status, error) {
	if len(v) == 0 {
		return stOK, nil
	}
	if len(v) > s.maxCell {
		return stOK, s.cellTooLong(col, v)
	}
	blank := isBlank(v)
	if col >= bt.NCols {
		if !blank {
			bt.noteOverflow(int32(s.rowNum))
			s.nonEmpty = true
		}
		return stOK, nil
	}
	have := (len(bt.Off) - s.rowOff) / 2
	if col < have {
		// A cell written after a cell to its right (or written twice).
		i := s.rowOff + 2*col
		if bt.Off[i] != bt.Off[i+1] {
			return stOK, nil // repeated: the first is kept
		}
		s.insertCell(bt, col, v, have)
		if !blank {
			s.nonEmpty = true
		}
		return stOK, nil
	}
	if have < col {
		e := uint32(len(bt.Data))
		for ; have < col; have++ {
			bt.Off = append(bt.Off, e, e)
		}
	}
	start := uint32(len(bt.Data))
	bt.Data = append(bt.Data, v...)
	bt.Off = append(bt.Off, start, uint32(len(bt.Data)))
	if !blank {
		s.nonEmpty = true
	}
	return stOK, nil
}

// insertCell puts a cell that arrived out of order into its column: the
// row's cells so far are put back in column order with it. Rare (Excel and
// the common libraries write cells left to right), so simple.
func (s *sheetScanner) insertCell(bt *Batch, col int, v []byte, have int) {
	cells := s.reorder[:0]
	var keep []byte
	for c := 0; c < have; c++ {
		i := s.rowOff + 2*c
		if bt.Off[i] != bt.Off[i+1] {
			start := len(keep)
			keep = append(keep, bt.Data[bt.Off[i]:bt.Off[i+1]]...)
			cells = append(cells, orderedCell{c, keep[start:len(keep):len(keep)]})
		}
	}
	cells = append(cells, orderedCell{col, v})
	sort.Slice(cells, func(i, j int) bool { return cells[i].col < cells[j].col })
	bt.Data = bt.Data[:s.rowData]
	bt.Off = bt.Off[:s.rowOff]
	for _, c := range cells {
		for n := (len(bt.Off) - s.rowOff) / 2; n < c.col; n++ {
			e := uint32(len(bt.Data))
			bt.Off = append(bt.Off, e, e)
		}
		start := uint32(len(bt.Data))
		bt.Data = append(bt.Data, c.v...)
		bt.Off = append(bt.Off, start, uint32(len(bt.Data)))
	}
	for n := (len(bt.Off) - s.rowOff) / 2; n < have; n++ {
		e := uint32(len(bt.Data))
		bt.Off = append(bt.Off, e, e)
	}
	s.reorder = cells[:0]
}

func isBlank(v []byte) bool {
	if len(v) > 0 && v[0] > ' ' {
		return false
	}
	for _, c := range v {
		if !isSpace(c) {
			return false
		}
	}
	return true
}

var (
	textTrue  = []byte("TRUE")
	textFalse = []byte("FALSE")
)

// value is the cell's value as Excel shows it. The result is only valid
// until the next cell.
func (s *sheetScanner) value(ci *cellInfo, col int) ([]byte, error) {
	switch ci.typ {
	case typS:
		if !ci.hasV {
			return nil, nil
		}
		i := smallIndex(ci.v)
		if s.sst == nil || i < 0 || i >= s.sst.count() {
			return nil, &Error{Name: s.x.info.Name, Row: s.rowNum, Column: ColumnLetter(col), Err: errDamaged,
				Message: "this cell refers to text that is missing from the workbook, so the file is damaged. Open it in Excel and save it again, or export it again."}
		}
		return s.sst.get(i), nil
	case typN:
		if !ci.hasV {
			return nil, nil
		}
		kind := s.kind(ci.style)
		if kind == kindGeneral {
			if plainInt(ci.v) {
				return ci.v, nil
			}
			s.val = appendNumber(s.val[:0], ci.v)
			return s.val, nil
		}
		s.val = appendDateCell(s.val[:0], ci.v, s.date1904, kind, s.dates)
		return s.val, nil
	case typInline:
		if ci.hasIS {
			return s.tmp, nil
		}
	case typB:
		switch string(trimSpace(ci.v)) {
		case "1":
			return textTrue, nil
		case "0":
			return textFalse, nil
		}
	case typD:
		if ci.hasV {
			s.val = appendISODate(s.val[:0], ci.v)
			return s.val, nil
		}
		return nil, nil
	}
	// str, e, inlineStr given as <v>, odd booleans
	if ci.vDecoded {
		return ci.v, nil
	}
	s.val = appendText(s.val[:0], ci.v)
	return s.val, nil
}

// kind is how cell style (cellXfs index) i shows numbers.
func (s *sheetScanner) kind(i int) numKind {
	if i >= 0 && i < len(s.styles) {
		return s.styles[i]
	}
	return kindGeneral
}

// smallIndex parses a shared-string index.
func smallIndex(b []byte) int {
	if len(b) == 0 || len(b) > 10 {
		return smallIndexSlow(b)
	}
	v := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return smallIndexSlow(b)
		}
		v = v*10 + int(c-'0')
	}
	return v
}

func smallIndexSlow(b []byte) int {
	b = trimSpace(b)
	if len(b) == 0 || len(b) > 10 {
		return -1
	}
	v := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return -1
		}
		v = v*10 + int(c-'0')
	}
	return v
}

// endRow finishes the current row: empty rows and rows above the header
// are dropped. It reports whether a data row was added.
func (s *sheetScanner) endRow(bt *Batch) (bool, error) {
	s.inRow = false
	if !s.nonEmpty || s.rowNum <= s.skipThrough {
		if s.nonEmpty && bt.Overflow != nil {
			delete(bt.Overflow, int32(s.rowNum))
		}
		bt.DropRow()
		return false, nil
	}
	if s.maxRows > 0 {
		s.dataRows++
		if s.dataRows > s.maxRows {
			bt.DropRow()
			return false, &Error{Name: s.x.info.Name, Row: s.rowNum, Err: ErrLimit, Message: fmt.Sprintf(
				"the worksheet has more than %s data rows, which is the most this tool reads. Split the data into smaller files.", thousands(s.maxRows))}
		}
	}
	bt.EndRow()
	return true, nil
}

// thousands formats n with commas: 1,048,575.
func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return s
	}
	var out []byte
	for i := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}
