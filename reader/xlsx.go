package reader

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strconv"
	"strings"
	"sync"
)

// The .xlsx reader. openXLSX maps the workbook's parts (content types,
// workbook, relationships, styles, shared strings), picks the worksheet and
// header row, and returns a Source that streams the sheet's rows:
//
//	inflate goroutine: file → bufio → klauspost inflate → 1 MB chunks
//	                   (CRC, size and ratio limits)       ─ chan, 2 ahead ─┐
//	scan goroutine:    byte-level <sheetData> scanner → internal Batch ←┘
//	                   (shared strings, dates, numbers)   ─ chan, 1 ahead ─┐
//	caller (Next):     swaps the filled Batch's storage into its own  ←──┘
//
// so on two cores inflating, scanning and the caller's validation overlap.
// The header search reads each sheet's first rows synchronously, in 64 KB
// steps, without starting goroutines or inflating the rest of the sheet.
// The small parts are parsed with encoding/xml; the worksheet and the
// shared-strings table (itself inflated in a goroutine while it is parsed)
// with byte-level scanners (xlsx_sheet.go, xlsx_text.go).

// xlsxFile is an open workbook.
type xlsxFile struct {
	f        *os.File
	size     int64
	info     Info
	lim      Limits
	opts     Options
	parts    map[string]*zip.File // by lower-case part name
	date1904 bool
	styles   []numKind // by cellXfs index
	sst      *sharedStrings
	watch    *fileWatch
	active   int // position in <sheets> of the sheet open when last saved (workbookView activeTab)
}

// sheetRef is a worksheet listed in the workbook.
type sheetRef struct {
	name   string
	part   *zip.File
	hidden bool
	index  int // position among the workbook's worksheets
	pos    int // position among all the workbook's sheets (chartsheets too), as activeTab counts
}

func (x *xlsxFile) damaged(err error) error {
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	if how := x.watch.changed(); how != "" {
		return changedError(x.info.Name, how, errors.Join(errDamaged, err))
	}
	return &Error{Name: x.info.Name, Err: errors.Join(errDamaged, err), Message: msgDamaged}
}

func (x *xlsxFile) doctype() error {
	return &Error{Name: x.info.Name, Err: errDoctype, Message: "the workbook contains XML declarations that Excel never writes, so it was not read for safety. Open it in Excel and save it again, or export it again."}
}

func (x *xlsxFile) zipBomb() error {
	return &Error{Name: x.info.Name, Err: errors.Join(ErrLimit, errZipBomb), Message: "the workbook is compressed far more than any real spreadsheet (it may be a \"zip bomb\"), so it was not read for safety. Check where the file came from, or export the data again."}
}

func (x *xlsxFile) partTooLarge(kind partKind, max int64) error {
	var msg string
	switch kind {
	case partSheet:
		msg = fmt.Sprintf("the worksheet holds more than %s of data once unpacked, which is more than this tool reads. Split the data into smaller files.", humanBytes(max))
	case partShared:
		msg = fmt.Sprintf("the workbook's text (its shared-strings table) is larger than %s, which is more than this tool reads. Split the data into smaller files.", humanBytes(max))
	default:
		msg = fmt.Sprintf("part of the workbook (its settings, styles or sheet list) is larger than %s, which no real spreadsheet needs, so it was not read for safety. Open it in Excel, save it again, and try that copy.", humanBytes(max))
	}
	return &Error{Name: x.info.Name, Err: errors.Join(ErrLimit, errTooLarge), Message: msg}
}

func (x *xlsxFile) notExcel(what string) error {
	return &Error{Name: x.info.Name, Message: "this is not an Excel workbook (" + what + "). Choose the .xlsx or .csv file that holds the data."}
}

func openXLSX(f *os.File, size int64, info Info, opts Options, watch *fileWatch) (Source, error) {
	info.Format = "xlsx"
	info.Encoding = "UTF-8" // the XML inside a workbook
	x := &xlsxFile{f: f, size: size, info: info, lim: opts.limits(), opts: opts, watch: watch}
	if err := x.checkZipDirectory(); err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(f, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, x.damaged(err)
	}
	x.parts = make(map[string]*zip.File, len(zr.File))
	for _, zf := range zr.File {
		name := strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(zf.Name, "\\", "/"), "/"))
		if _, dup := x.parts[name]; dup {
			// Two parts of one name: which is the real one? Excel refuses
			// such a file, and so do we.
			return nil, &Error{Name: info.Name, Err: errors.Join(errDamaged, fmt.Errorf("xlsx: duplicate part %q", zf.Name)), Message: fmt.Sprintf(
				"the workbook holds two copies of the same internal part (%s), so which one is real cannot be told; Excel refuses such a file too. It was probably damaged or altered: export the data again, or open the original in Excel and save it.", zf.Name)}
		}
		x.parts[name] = zf
	}
	wbName, err := x.findWorkbook()
	if err != nil {
		return nil, err
	}
	sheets, stylesName, sstName, err := x.readWorkbook(wbName)
	if err != nil {
		return nil, err
	}
	if zf := x.part(stylesName); zf != nil {
		if err := x.readStyles(zf); err != nil {
			return nil, err
		}
	}
	if zf := x.part(sstName); zf != nil {
		var err error
		if x.sst, err = x.sharedStringsOf(zf); err != nil {
			return nil, err
		}
	}
	if len(sheets) == 0 {
		return nil, &Error{Name: info.Name, Message: "the workbook has no worksheets with data (only charts or macros). Open it in Excel and check it is the right file."}
	}
	return x.choose(sheets)
}

func (x *xlsxFile) part(name string) *zip.File {
	if name == "" {
		return nil
	}
	return x.parts[strings.ToLower(name)]
}

func (x *xlsxFile) hasPrefix(prefix string) bool {
	for name := range x.parts {
		if strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return false
}

// XML shapes of the small parts. Element names match in any namespace.
type xRels struct {
	Rels []struct {
		ID         string `xml:"Id,attr"`
		Type       string `xml:"Type,attr"`
		Target     string `xml:"Target,attr"`
		TargetMode string `xml:"TargetMode,attr"`
	} `xml:"Relationship"`
}

type xWorkbook struct {
	WorkbookPr struct {
		Date1904 string `xml:"date1904,attr"`
	} `xml:"workbookPr"`
	Views []struct {
		ActiveTab string `xml:"activeTab,attr"`
	} `xml:"bookViews>workbookView"`
	Sheets []struct {
		Name  string     `xml:"name,attr"`
		State string     `xml:"state,attr"`
		Attrs []xml.Attr `xml:",any,attr"`
	} `xml:"sheets>sheet"`
}

type xStyles struct {
	NumFmts []struct {
		ID   string `xml:"numFmtId,attr"`
		Code string `xml:"formatCode,attr"`
	} `xml:"numFmts>numFmt"`
	CellXfs []struct {
		NumFmtID string `xml:"numFmtId,attr"`
	} `xml:"cellXfs>xf"`
}

type xContentTypes struct {
	Overrides []struct {
		PartName    string `xml:"PartName,attr"`
		ContentType string `xml:"ContentType,attr"`
	} `xml:"Override"`
}

// readXML reads a small part and decodes it into v.
func (x *xlsxFile) readXML(zf *zip.File, v any) error {
	data, err := x.readAll(zf, partSmall)
	if err != nil {
		return err
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	// A part written in UTF-16 has been converted to UTF-8 as it was read
	// (partText); its declaration still names UTF-16.
	dec.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		switch strings.ToLower(strings.ReplaceAll(label, "_", "-")) {
		case "utf-16", "utf-16le", "utf-16be", "utf16", "unicode":
			return in, nil
		}
		return nil, fmt.Errorf("xlsx: XML encoding %q", label)
	}
	if err := dec.Decode(v); err != nil {
		return x.damaged(err)
	}
	return nil
}

// resolve turns a relationship target into a part name.
func resolve(base, target string) string {
	target = strings.ReplaceAll(target, "\\", "/")
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Clean(path.Join(path.Dir(base), target)), "/")
}

// relsOf reads the relationships of a part ("xl/workbook.xml" →
// "xl/_rels/workbook.xml.rels"); a missing rels part is no relationships.
func (x *xlsxFile) relsOf(name string) (*xRels, error) {
	rels := &xRels{}
	relsName := path.Join(path.Dir(name), "_rels", path.Base(name)+".rels")
	if name == "" {
		relsName = "_rels/.rels"
	}
	zf := x.part(relsName)
	if zf == nil {
		return rels, nil
	}
	if err := x.readXML(zf, rels); err != nil {
		return nil, err
	}
	return rels, nil
}

// findWorkbook identifies the kind of zip and returns the workbook part.
func (x *xlsxFile) findWorkbook() (string, error) {
	if zf := x.part("mimetype"); zf != nil {
		b, _ := x.readAll(zf, partSmall)
		if bytes.Contains(b, []byte("opendocument.spreadsheet")) {
			return "", x.odsError()
		}
		if bytes.Contains(b, []byte("opendocument")) {
			return "", x.notExcel("it is an OpenDocument file")
		}
	}
	if x.part("xl/workbook.bin") != nil {
		return "", x.xlsbError()
	}
	rels, err := x.relsOf("")
	if err != nil {
		return "", err
	}
	wb := ""
	for _, r := range rels.Rels {
		if strings.HasSuffix(r.Type, "/officeDocument") && r.TargetMode != "External" {
			wb = resolve("", r.Target)
			break
		}
	}
	if strings.HasSuffix(strings.ToLower(wb), ".bin") {
		return "", x.xlsbError()
	}
	if wb == "" || x.part(wb) == nil {
		if x.part("xl/workbook.xml") != nil {
			wb = "xl/workbook.xml"
		}
	}
	if zf := x.part(wb); zf != nil {
		if ct := x.part("[Content_Types].xml"); ct != nil {
			var types xContentTypes
			if err := x.readXML(ct, &types); err != nil {
				return "", err
			}
			for _, o := range types.Overrides {
				if strings.EqualFold(strings.TrimPrefix(o.PartName, "/"), wb) {
					t := strings.ToLower(o.ContentType)
					switch {
					case strings.Contains(t, "sheet.binary"):
						return "", x.xlsbError()
					case strings.Contains(t, "wordprocessingml"):
						return "", x.notExcel("it is a Word document")
					case strings.Contains(t, "presentationml"):
						return "", x.notExcel("it is a PowerPoint presentation")
					}
				}
			}
		}
		return wb, nil
	}
	switch {
	case x.part("content.xml") != nil:
		return "", x.odsError()
	case x.hasPrefix("word/"):
		return "", x.notExcel("it is a Word document")
	case x.hasPrefix("ppt/"):
		return "", x.notExcel("it is a PowerPoint presentation")
	case x.hasPrefix("xl/"), x.part("[Content_Types].xml") != nil && x.hasPrefix("docprops/"):
		return "", x.damaged(errors.New("xlsx: no workbook part"))
	case x.part("[Content_Types].xml") == nil:
		return "", x.notExcel("it is a zip file of something else")
	}
	return "", x.damaged(errors.New("xlsx: no workbook part"))
}

func (x *xlsxFile) xlsbError() error {
	return &Error{Name: x.info.Name, Message: "this is an Excel Binary Workbook (.xlsb). In Excel use File > Save As > Excel Workbook (*.xlsx) and open that."}
}

func (x *xlsxFile) odsError() error {
	return &Error{Name: x.info.Name, Message: "this is an OpenDocument spreadsheet (.ods). Save it as an Excel Workbook (*.xlsx) or CSV and open that."}
}

// readWorkbook lists the worksheets in workbook order and finds the styles
// and shared-strings parts.
func (x *xlsxFile) readWorkbook(wbName string) (sheets []sheetRef, styles, sst string, err error) {
	var wb xWorkbook
	if err := x.readXML(x.part(wbName), &wb); err != nil {
		return nil, "", "", err
	}
	switch strings.ToLower(strings.TrimSpace(wb.WorkbookPr.Date1904)) {
	case "1", "true", "on":
		x.date1904 = true
	}
	if len(wb.Views) > 0 {
		if n, err := strconv.Atoi(strings.TrimSpace(wb.Views[0].ActiveTab)); err == nil && n >= 0 {
			x.active = n
		}
	}
	rels, err := x.relsOf(wbName)
	if err != nil {
		return nil, "", "", err
	}
	type rel struct{ typ, target string }
	byID := map[string]rel{}
	for _, r := range rels.Rels {
		if r.TargetMode == "External" {
			continue
		}
		t := resolve(wbName, r.Target)
		byID[r.ID] = rel{r.Type, t}
		switch {
		case strings.HasSuffix(r.Type, "/styles") && styles == "":
			styles = t
		case strings.HasSuffix(r.Type, "/sharedStrings") && sst == "":
			sst = t
		}
	}
	if styles == "" && x.part("xl/styles.xml") != nil {
		styles = "xl/styles.xml"
	}
	if sst == "" && x.part("xl/sharedStrings.xml") != nil {
		sst = "xl/sharedStrings.xml"
	}
	for pos, s := range wb.Sheets {
		var id string
		for _, a := range s.Attrs {
			if a.Name.Local == "id" && a.Name.Space != "" {
				id = a.Value
			}
		}
		r, ok := byID[id]
		if !ok || !strings.HasSuffix(r.typ, "/worksheet") {
			continue // chartsheet, dialog or macro sheet, or a broken entry
		}
		zf := x.part(r.target)
		if zf == nil {
			return nil, "", "", x.damaged(fmt.Errorf("xlsx: worksheet part %q missing", r.target))
		}
		st := strings.ToLower(s.State)
		sheets = append(sheets, sheetRef{name: s.Name, part: zf, hidden: st == "hidden" || st == "veryhidden", index: len(sheets), pos: pos})
	}
	return sheets, styles, sst, nil
}

// readStyles classifies each cell style (cellXfs entry) by its number format.
func (x *xlsxFile) readStyles(zf *zip.File) error {
	var st xStyles
	if err := x.readXML(zf, &st); err != nil {
		return err
	}
	custom := map[int]numKind{}
	for _, nf := range st.NumFmts {
		if id, err := strconv.Atoi(strings.TrimSpace(nf.ID)); err == nil {
			custom[id] = classifyFormat(nf.Code)
		}
	}
	x.styles = make([]numKind, len(st.CellXfs))
	for i, xf := range st.CellXfs {
		id, err := strconv.Atoi(strings.TrimSpace(xf.NumFmtID))
		if err != nil {
			continue
		}
		if k, ok := custom[id]; ok {
			x.styles[i] = k
		} else {
			x.styles[i] = builtinKind(id)
		}
	}
	return nil
}

// maxBatchData ends a batch early when its cells hold this many bytes, so
// rows of very long cells cannot make one batch huge (or overflow Off).
// A batch of 8,192 real CLD rows holds about 4 MB; with the batches the
// readers and the engine keep in flight (up to 8), 16 MB each bounds them
// at about 130 MB whatever the cells hold (a looser bound let very long
// cells take gigabytes: BENCHMARKS.md, "Notes from the code").
const maxBatchData = 16 << 20

// xlsxSource streams the data rows of the chosen worksheet. Three
// goroutines share the work: the producer inflates the sheet, the scanner
// turns XML into batches, and the caller validates the previous batch;
// Next swaps the caller's batch with a filled one, so no cells are copied.
type xlsxSource struct {
	x         *xlsxFile
	info      Info
	header    []string
	headerRow int
	stream    *partStream
	scan      *sheetScanner
	batchRows int

	// What the sheet choice found, for Info: every worksheet, the one
	// read (its DataRows filled in at the end), and the note saying why.
	sheets    []SheetInfo
	read      int
	endChange string // how the file changed while it was read ("" if it did not)

	started bool
	filled  chan scanResult
	free    chan *Batch
	done    chan struct{}
	wg      sync.WaitGroup
	err     error
	eof     bool
	closed  bool
	stopped bool
}

type scanResult struct {
	b   *Batch
	err error
	eof bool
}

// scanAhead is the number of batches the scanner may fill ahead of Next.
const scanAhead = 2

func (s *xlsxSource) Header() []string { return s.header }
func (s *xlsxSource) HeaderRow() int   { return s.headerRow }

func (s *xlsxSource) Progress() (done, total int64) {
	total = s.stream.total
	done = s.stream.progress.Load()
	if done > total {
		done = total
	}
	return done, total
}

func (s *xlsxSource) start(capRows int) {
	s.started = true
	s.filled = make(chan scanResult, scanAhead-1)
	s.free = make(chan *Batch, scanAhead)
	s.done = make(chan struct{})
	for i := 0; i < scanAhead; i++ {
		s.free <- &Batch{Cap: capRows, NCols: len(s.header)} // grows to size
	}
	s.wg.Add(1)
	go s.run(capRows)
}

// run is the scanner goroutine.
func (s *xlsxSource) run(capRows int) {
	defer s.wg.Done()
	defer close(s.filled)
	for {
		var bt *Batch
		select {
		case bt = <-s.free:
		case <-s.done:
			return
		}
		bt.Reset()
		bt.NCols, bt.Cap = len(s.header), capRows
		res := scanResult{b: bt}
		for !bt.Full() && len(bt.Data) < maxBatchData {
			ok, err := s.scan.nextRow(bt)
			if err != nil {
				bt.Reset()
				res.err = err
				break
			}
			if !ok {
				res.eof = true
				break
			}
		}
		select {
		case s.filled <- res:
		case <-s.done:
			return
		}
		if res.err != nil || res.eof {
			return
		}
	}
}

func (s *xlsxSource) Next(b *Batch) error {
	if s.err != nil {
		return s.err
	}
	if s.closed {
		return io.ErrClosedPipe
	}
	b.Reset()
	b.NCols = len(s.header)
	if s.eof {
		return io.EOF
	}
	if !s.started {
		capRows := b.Cap
		if capRows <= 0 {
			capRows = s.batchRows
		}
		s.start(capRows)
	}
	if b.Cap <= 0 {
		b.Cap = s.batchRows
	}
	res, ok := <-s.filled
	if !ok { // only after stop
		s.err = s.x.damaged(errors.New("xlsx: scanner stopped"))
		return s.err
	}
	if res.err != nil {
		s.err = res.err
		s.stop()
		return s.err
	}
	// Swap the filled batch's storage into the caller's batch.
	f := res.b
	b.Data, f.Data = f.Data, b.Data
	b.Off, f.Off = f.Off, b.Off
	b.RowNum, f.RowNum = f.RowNum, b.RowNum
	b.Overflow, f.Overflow = f.Overflow, b.Overflow
	f.Reset()
	select {
	case s.free <- f:
	default:
	}
	if res.eof {
		s.eof = true
		s.stream.progress.Store(s.stream.total)
		s.stop()
		s.finish()
	}
	if b.Len() == 0 {
		return io.EOF
	}
	return nil
}

// stop ends the goroutines and releases the stream's buffers.
func (s *xlsxSource) stop() {
	if s.stopped {
		return
	}
	s.stopped = true
	if s.started {
		close(s.done)
	}
	s.stream.stop()
	s.wg.Wait()
	s.scan.c.close()
}

func (s *xlsxSource) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	s.stop()
	return s.x.f.Close()
}
