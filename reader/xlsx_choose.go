package reader

import (
	"fmt"
	"sort"
	"strings"
)

// Choosing the worksheet. A workbook may hold several sheets with the
// template's header: an "Example" sheet before the data, last quarter's
// sheet, a blank copy of the template. The reader reads the one a person
// would mean and says which, why, and which others also match:
//
//   - the sheet the user chose (Options.Sheet);
//   - else the only sheet whose header names the template's columns;
//   - else the sheet that was open when the workbook was last saved, when
//     its header matches and data rows follow it;
//   - else, of the matching sheets that hold data rows, the one with the
//     most rows (visible sheets before hidden ones).
//
// When a sheet that was not read also holds data rows, Info carries a
// warning that every view shows with the verdict.

// headerBudget bounds the decompressed bytes read from a sheet while looking
// for its header, so a sheet of many empty rows is not read in full. It
// also bounds the count of rows on a sheet that was not read.
const headerBudget = 64 << 20

// candidate is a possible header row.
type candidate struct {
	sheet sheetRef
	row   int
	cells []string
	wide  bool // non-empty cells beyond MaxColumns
}

// cellPos is a cell's place in a sheet (row 0: none).
type cellPos struct{ row, col int }

// sheetHead is what the header search found on one worksheet.
type sheetHead struct {
	ref      sheetRef
	rows     []candidate // its first non-empty rows
	complete bool        // rows holds every non-empty row of the sheet
	best     int         // index in rows of the best header, -1 when no row scores
	score    int
	uncalc   cellPos // first formula cell with no value in those rows
	info     SheetInfo
}

// hasData reports whether data rows follow the sheet's header: 1 yes, 0 no,
// -1 not known (the search stopped first).
func (h *sheetHead) hasData() int {
	switch {
	case h.best >= 0 && h.best < len(h.rows)-1:
		return 1
	case h.complete:
		return 0
	}
	return -1
}

// headRows reads the first n non-empty rows of a sheet. complete reports
// that the sheet has no more; uncalc is the first formula cell with no
// value among them.
func (x *xlsxFile) headRows(sh sheetRef, n int, budget int64) (out []candidate, complete bool, uncalc cellPos, err error) {
	p, err := x.openPart(sh.part, partSheet, 64<<10)
	if err != nil {
		return nil, false, cellPos{}, err
	}
	st := newPartStream(p, 64<<10, false)
	defer st.stop()
	s := x.newSheetScanner(st, sh.name)
	s.budget = budget
	defer s.c.close()
	bt := NewBatch(x.lim.MaxColumns, 1)
	for len(out) < n {
		bt.Reset()
		ok, err := s.nextRow(bt)
		if err != nil {
			return nil, false, cellPos{}, err
		}
		if !ok {
			complete = s.c.err != errBudget
			break
		}
		cells := make([]string, bt.NCols)
		last := 0
		for c := range cells {
			cells[c] = string(bt.Cell(0, c))
			if cells[c] != "" {
				last = c + 1
			}
		}
		out = append(out, candidate{sheet: sh, row: int(bt.RowNum[0]), cells: cells[:last], wide: bt.Overflow[bt.RowNum[0]] > 0})
	}
	return out, complete, s.uncalc, nil
}

// countRows counts the non-empty rows below a sheet's header, reading at
// most budget decompressed bytes (0: all of it). atLeast reports a count
// that stopped at the budget.
func (x *xlsxFile) countRows(h *sheetHead, budget int64) (n int, atLeast bool, err error) {
	p, err := x.openPart(h.ref.part, partSheet, 256<<10)
	if err != nil {
		return 0, false, err
	}
	// The budget reads the decompressed count, which only the synchronous
	// stream may do; a whole count inflates on another core.
	st := newPartStream(p, 1<<20, budget == 0)
	defer st.stop()
	s := x.newSheetScanner(st, h.ref.name)
	s.budget = budget
	s.skipThrough = h.info.HeaderRow
	defer s.c.close()
	ncols := 1
	if h.best >= 0 {
		ncols = max(1, len(h.rows[h.best].cells))
	}
	bt := NewBatch(ncols, 1)
	for {
		bt.Reset()
		ok, err := s.nextRow(bt)
		if err != nil {
			return 0, false, err
		}
		if !ok {
			return n, s.c.err == errBudget, nil
		}
		n++
	}
}

// choose picks the worksheet and header row and opens the data stream.
func (x *xlsxFile) choose(sheets []sheetRef) (Source, error) {
	heads, err := x.scoreSheets(sheets)
	if err != nil {
		return nil, err
	}
	var chosen *sheetHead
	var why string
	if x.opts.Sheet != "" {
		if chosen = sheetNamed(heads, x.opts.Sheet); chosen == nil {
			return nil, x.noSuchSheet(heads)
		}
		why = "the worksheet you chose"
	} else if chosen, why, err = x.pick(heads); err != nil {
		return nil, err
	}
	hdr, err := x.headerOf(chosen)
	if err != nil {
		return nil, err
	}
	chosen.info.Read = true
	chosen.info.HeaderRow = hdr.row
	if err := x.countOtherSheets(heads, chosen); err != nil {
		return nil, err
	}
	info := x.info
	info.Sheet = chosen.ref.name
	info.Notes = append(info.Notes, x.choiceNotes(heads, chosen, hdr, why)...)
	sheetInfos := make([]SheetInfo, len(heads))
	read := 0
	for i, h := range heads {
		sheetInfos[i] = h.info
		if h == chosen {
			read = i
		}
	}
	return x.openChosen(chosen, hdr, info, sheetInfos, read)
}

// scoreSheets reads the first rows of every worksheet and finds, in each,
// the row that best matches the template's header.
func (x *xlsxFile) scoreSheets(sheets []sheetRef) ([]*sheetHead, error) {
	heads := make([]*sheetHead, len(sheets))
	for i, sh := range sheets {
		h := &sheetHead{ref: sh, best: -1, info: SheetInfo{Name: sh.name, Hidden: sh.hidden, Active: sh.pos == x.active, DataRows: -1}}
		heads[i] = h
		if x.opts.HeaderScore == nil {
			continue
		}
		var err error
		if h.rows, h.complete, h.uncalc, err = x.headRows(sh, x.lim.HeaderSearchRows, headerBudget); err != nil {
			return nil, err
		}
		for j := range h.rows {
			if sc := x.opts.HeaderScore(h.rows[j].cells); sc > h.score {
				h.best, h.score = j, sc
			}
		}
		if h.best >= 0 {
			h.info.Matches = true
			h.info.HeaderRow = h.rows[h.best].row
		}
	}
	return heads, nil
}

// headerOf is the chosen sheet's header row: the best-scoring row, or else
// the first non-empty one. A header that was never calculated, or wider
// than the tool reads, is refused.
func (x *xlsxFile) headerOf(chosen *sheetHead) (*candidate, error) {
	var hdr *candidate
	if chosen.best >= 0 {
		hdr = &chosen.rows[chosen.best]
	} else {
		rows, uncalc := chosen.rows, chosen.uncalc
		if len(rows) == 0 && !chosen.complete {
			// Not searched, or the search's budget ran out before the first
			// non-empty row: look for it without a budget.
			var err error
			if rows, _, uncalc, err = x.headRows(chosen.ref, 1, 0); err != nil {
				return nil, err
			}
			chosen.uncalc = uncalc
		}
		if len(rows) == 0 {
			if uncalc.row > 0 {
				return nil, x.uncalculated(uncalc, "")
			}
			return nil, &Error{Name: x.info.Name, Message: fmt.Sprintf("the worksheet '%s' is empty. Check this is the right file, or put the data, with its header row, on the first worksheet.", chosen.ref.name)}
		}
		hdr = &rows[0]
	}
	if u := chosen.uncalc; u.row > 0 && u.row <= hdr.row {
		// The header itself (or the rows above it) hold formulas that were
		// never worked out: what the header says is not in the file.
		return nil, x.uncalculated(u, "")
	}
	if hdr.wide || len(hdr.cells) > x.lim.MaxColumns {
		return nil, &Error{Name: x.info.Name, Row: hdr.row, Err: ErrLimit, Message: fmt.Sprintf(
			"the header row has more than %d columns, which is the most this tool reads. Delete the unused columns to the right of the data and try again.", x.lim.MaxColumns)}
	}
	return hdr, nil
}

// countOtherSheets says whether the other matching sheets hold data
// (counted up to the header budget: enough to say "at least 20,000 rows").
func (x *xlsxFile) countOtherSheets(heads []*sheetHead, chosen *sheetHead) error {
	for _, h := range heads {
		if h == chosen || !h.info.Matches || h.info.DataRows >= 0 {
			continue
		}
		if h.hasData() == 0 {
			h.info.DataRows = 0
			continue
		}
		n, atLeast, err := x.countRows(h, headerBudget)
		if err != nil {
			return err
		}
		h.info.DataRows, h.info.AtLeast = n, atLeast
	}
	return nil
}

// choiceNotes says which worksheet and header row were read and why, which
// other sheets also look like the template, and the workbook's date system.
func (x *xlsxFile) choiceNotes(heads []*sheetHead, chosen *sheetHead, hdr *candidate, why string) []string {
	var notes []string
	if len(heads) > 1 {
		n := fmt.Sprintf("The workbook has %d worksheets; the data was read from '%s'", len(heads), chosen.ref.name)
		if why != "" {
			n += ", " + why
		}
		notes = append(notes, n+".")
	}
	var others []string
	for _, h := range heads {
		if h != chosen && h.info.Matches {
			others = append(others, sheetLabel(h.info))
		}
	}
	if len(others) > 0 {
		verb := "also has"
		if len(others) > 1 {
			verb = "also have"
		}
		notes = append(notes, fmt.Sprintf("%s %s the template's header. To check another worksheet instead, choose it with Worksheet… in the window, or with --sheet \"NAME\" on the command line.", sheetList(others), verb))
	}
	if hdr.row > 1 {
		notes = append(notes, fmt.Sprintf("The header is on row %d; the rows above it were not read as data.", hdr.row))
	}
	if x.date1904 {
		notes = append(notes, "The workbook uses the 1904 date system (from a Mac); dates were converted accordingly.")
	}
	return notes
}

// openChosen opens the chosen sheet's data stream, starting below its header.
func (x *xlsxFile) openChosen(chosen *sheetHead, hdr *candidate, info Info, sheetInfos []SheetInfo, read int) (Source, error) {
	p, err := x.openPart(chosen.ref.part, partSheet, 256<<10)
	if err != nil {
		return nil, err
	}
	st := newPartStream(p, 1<<20, true)
	s := x.newSheetScanner(st, chosen.ref.name)
	s.skipThrough = hdr.row
	s.maxRows = x.lim.MaxRows
	s.drainAtEnd = true
	s.strictFormulas = true
	s.names = hdr.cells
	return &xlsxSource{
		x:         x,
		info:      info,
		header:    hdr.cells,
		headerRow: hdr.row,
		stream:    st,
		scan:      s,
		batchRows: x.opts.batchRows(),
		sheets:    sheetInfos,
		read:      read,
	}, nil
}

// pick chooses among the worksheets when the user did not, and says why.
func (x *xlsxFile) pick(heads []*sheetHead) (*sheetHead, string, error) {
	var matching []*sheetHead
	for _, h := range heads {
		if h.info.Matches {
			matching = append(matching, h)
		}
	}
	switch len(matching) {
	case 0:
		// No header anywhere: the first visible sheet (the engine then
		// says the file is not a CLD file).
		for _, h := range heads {
			if !h.ref.hidden {
				return h, "", nil
			}
		}
		return heads[0], "", nil
	case 1:
		return matching[0], "the only worksheet whose header names the template's columns", nil
	}
	var active *sheetHead
	for _, h := range heads {
		if h.info.Active {
			active = h
		}
	}
	if active != nil && active.info.Matches && active.hasData() != 0 {
		return active, "the worksheet that was open when the workbook was last saved", nil
	}
	activeNote := ""
	if active != nil && active.info.Matches {
		activeNote = fmt.Sprintf(" ('%s', open when the workbook was last saved, has the header but no data rows)", active.ref.name)
	}
	var cands []*sheetHead
	for _, h := range matching {
		switch h.hasData() {
		case 0:
			h.info.DataRows = 0
		default:
			cands = append(cands, h)
		}
	}
	switch len(cands) {
	case 0:
		for _, h := range matching {
			if !h.ref.hidden {
				return h, "the first worksheet with the template's header (none of them holds data rows)", nil
			}
		}
		return matching[0], "the first worksheet with the template's header (none of them holds data rows)", nil
	case 1:
		return cands[0], "the only worksheet with the template's header that holds data rows" + activeNote, nil
	}
	for _, h := range cands {
		n, _, err := x.countRows(h, 0)
		if err != nil {
			return nil, "", err
		}
		h.info.DataRows = n
	}
	sort.SliceStable(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if a.ref.hidden != b.ref.hidden {
			return !a.ref.hidden
		}
		return a.info.DataRows > b.info.DataRows
	})
	why := "the worksheet with the template's header that holds the most rows"
	if cands[0].ref.hidden {
		why = "the hidden worksheet with the template's header that holds the most rows (no visible one holds data rows)"
	} else {
		for _, h := range cands[1:] {
			if h.ref.hidden && h.info.DataRows > cands[0].info.DataRows {
				why = "the visible worksheet with the template's header that holds the most rows"
				break
			}
		}
	}
	return cands[0], why + activeNote, nil
}

// sheetNamed finds the worksheet the user named: exactly, or else ignoring
// case and surrounding spaces.
func sheetNamed(heads []*sheetHead, name string) *sheetHead {
	for _, h := range heads {
		if h.ref.name == name {
			return h
		}
	}
	for _, h := range heads {
		if strings.EqualFold(strings.TrimSpace(h.ref.name), strings.TrimSpace(name)) {
			return h
		}
	}
	return nil
}

func (x *xlsxFile) noSuchSheet(heads []*sheetHead) error {
	names := make([]string, len(heads))
	for i, h := range heads {
		names[i] = "'" + h.ref.name + "'"
	}
	return &Error{Name: x.info.Name, Message: fmt.Sprintf("the workbook has no worksheet called '%s'. Its worksheets are %s: check the spelling, or leave the worksheet out to let the tool choose.", x.opts.Sheet, sentenceList(names))}
}

// uncalculated is the error for a formula whose value was never worked
// out: the workbook was written by a program that stores formulas only.
func (x *xlsxFile) uncalculated(at cellPos, column string) error {
	if column == "" {
		column = ColumnLetter(at.col)
	}
	return &Error{Name: x.info.Name, Row: at.row, Column: column, Message: "this cell, and perhaps many others, holds a formula that has never been calculated, so its value is not in the file (the program that wrote the workbook stored the formula without working it out). Open the workbook in Excel, save it, and check the saved copy."}
}

// sheetLabel names a sheet for a sentence: 'Data' (2,000 rows, hidden).
func sheetLabel(s SheetInfo) string {
	var parts []string
	if r := s.RowsText(); r != "" {
		parts = append(parts, r)
	}
	if s.Hidden {
		parts = append(parts, "hidden")
	}
	if len(parts) == 0 {
		return "'" + s.Name + "'"
	}
	return "'" + s.Name + "' (" + strings.Join(parts, ", ") + ")"
}

// sheetList names sheets for a sentence, the first four and a count of
// the others when there are more than five.
func sheetList(items []string) string {
	if len(items) > 5 {
		return sentenceList(append(items[:4:4], fmt.Sprintf("%d other worksheets", len(items)-4)))
	}
	return sentenceList(items)
}

// sentenceList joins items as English does: a, b and c.
func sentenceList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// Info describes the workbook as read so far: once every row has been
// read, the read sheet's row count and the warnings that depend on it.
func (s *xlsxSource) Info() Info {
	info := s.info
	info.Notes = append([]string(nil), s.info.Notes...)
	info.Warnings = append([]string(nil), s.info.Warnings...)
	info.Sheets = append([]SheetInfo(nil), s.sheets...)
	if len(info.Sheets) == 0 {
		return info
	}
	read := &info.Sheets[s.read]
	if s.eof {
		read.DataRows = s.scan.dataRows
	}
	var holding []string
	for _, sh := range info.Sheets {
		if !sh.Read && sh.Matches && sh.DataRows > 0 {
			holding = append(holding, sheetLabel(sh))
		}
	}
	if len(holding) > 0 {
		verb, obj := "also holds", "it"
		if len(holding) > 1 {
			verb, obj = "also hold", "one of them"
		}
		info.Warnings = append(info.Warnings, fmt.Sprintf("Only the worksheet %s was checked, but %s %s rows under the template's header and %s not checked. Make sure the right worksheet was checked: to check %s instead, choose it with Worksheet… in the window, or with --sheet \"NAME\" on the command line.",
			sheetLabel(*read), sheetList(holding), verb, map[bool]string{true: "was", false: "were"}[len(holding) == 1], obj))
	}
	if s.endChange != "" {
		info.Warnings = append(info.Warnings, changedWarning(s.endChange))
	}
	return info
}

// finish runs once every row has been read: did the file change meanwhile?
func (s *xlsxSource) finish() {
	s.endChange = s.x.watch.changed()
}
