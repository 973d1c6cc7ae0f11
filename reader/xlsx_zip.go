package reader

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"sync"
	"sync/atomic"

	kflate "github.com/klauspost/compress/flate"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// This file reads the parts of the .xlsx zip. archive/zip finds the parts;
// their data is inflated with klauspost/compress/flate (about 1.5x the speed
// of compress/flate on worksheet XML) reading through our own bufio.Reader,
// so we know exactly how many compressed bytes have been consumed. Sizes in
// the zip headers are never trusted for limits: decompressed bytes are
// counted as they are produced.

// partKind says which limit applies to a part and how to name it.
type partKind int

const (
	partSmall  partKind = iota // workbook, rels, styles, content types
	partShared                 // shared-strings table
	partSheet                  // worksheet
)

// ratioCheckAfter is how many decompressed bytes a part may produce before
// its compression ratio is checked (small parts legitimately compress very
// well). A variable so tests can lower it.
var ratioCheckAfter int64 = 4 << 20

// Errors for logs (Error.Err); the user sees Error.Message.
var (
	errDamaged  = errors.New("xlsx: damaged zip or XML")
	errDoctype  = errors.New("xlsx: DOCTYPE or ENTITY declaration in a part")
	errZipBomb  = errors.New("xlsx: compression ratio above limit")
	errTooLarge = errors.New("xlsx: part larger than limit")
)

const msgDamaged = "the file is damaged or not a complete Excel workbook. Open it in Excel and save it again, or export it again."

// countingReader counts the bytes read from the file.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// partReader is an io.Reader of one part's decompressed bytes that enforces
// the part's size and ratio limits and checks its CRC at the end.
type partReader struct {
	x     *xlsxFile
	zf    *zip.File
	kind  partKind
	max   int64
	cnt   countingReader
	br    *bufio.Reader
	src   io.Reader
	crc   uint32
	n     int64 // decompressed bytes so far
	err   error // sticky
	fl    io.ReadCloser
	ratio int64
}

func (x *xlsxFile) openPart(zf *zip.File, kind partKind, bufSize int) (*partReader, error) {
	p := &partReader{x: x, zf: zf, kind: kind, ratio: x.lim.MaxRatio}
	switch kind {
	case partSheet:
		p.max = x.lim.MaxXMLBytes
	case partShared:
		p.max = x.lim.MaxSharedStrings
	default:
		p.max = x.lim.MaxSmallPart
	}
	if zf.Flags&0x1 != 0 { // encrypted entry: not something Excel writes
		return nil, x.damaged(errors.New("xlsx: encrypted zip entry"))
	}
	off, err := zf.DataOffset()
	if err != nil {
		return nil, x.damaged(err)
	}
	csize := int64(zf.CompressedSize64)
	if csize < 0 || off < 0 || off > x.size || csize > x.size-off {
		return nil, x.damaged(errors.New("xlsx: part extends beyond the end of the file"))
	}
	p.cnt.r = io.NewSectionReader(x.f, off, csize)
	p.br = bufio.NewReaderSize(&p.cnt, bufSize)
	switch zf.Method {
	case zip.Store:
		p.src = p.br
	case zip.Deflate:
		p.fl = kflate.NewReader(p.br)
		p.src = p.fl
	default:
		return nil, x.damaged(errors.New("xlsx: unsupported zip compression method"))
	}
	return p, nil
}

// consumed is the number of compressed bytes the decompressor has taken.
func (p *partReader) consumed() int64 { return p.cnt.n - int64(p.br.Buffered()) }

func (p *partReader) Read(b []byte) (int, error) {
	if p.err != nil {
		return 0, p.err
	}
	n, err := p.src.Read(b)
	if n > 0 {
		p.crc = crc32.Update(p.crc, crc32.IEEETable, b[:n])
		p.n += int64(n)
		if p.n > p.max {
			p.err = p.x.partTooLarge(p.kind, p.max)
			return 0, p.err
		}
		if p.n > int64(p.zf.UncompressedSize64) {
			// More bytes than the zip directory says the part holds: the
			// file is damaged or lies about its sizes. Stopped here, the
			// declared size bounds what any part can cost.
			p.err = p.x.damaged(zip.ErrFormat)
			return 0, p.err
		}
		if p.n > ratioCheckAfter {
			if c := p.consumed(); c <= 0 || p.n/c > p.ratio {
				p.err = p.x.zipBomb()
				return 0, p.err
			}
		}
	}
	switch {
	case err == io.EOF:
		if p.n != int64(p.zf.UncompressedSize64) || (p.zf.CRC32 != 0 && p.crc != p.zf.CRC32) {
			p.err = p.x.damaged(zip.ErrChecksum)
			return n, p.err
		}
		p.err = io.EOF
	case err != nil:
		p.err = p.x.damaged(err)
		return n, p.err
	}
	return n, err
}

// partText turns a part written in UTF-16 (which the Open XML standard
// allows beside UTF-8) into UTF-8 as it is read; a UTF-8 part passes
// through untouched.
type partText struct {
	p *partReader
	r io.Reader
}

func (t *partText) Read(b []byte) (int, error) {
	if t.r == nil {
		var head [4]byte
		n, err := io.ReadFull(t.p, head[:])
		if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
			return 0, err
		}
		rest := io.MultiReader(bytes.NewReader(head[:n]), t.p)
		h := head[:n]
		switch {
		case bytes.HasPrefix(h, []byte{0xFF, 0xFE}):
			t.r = transform.NewReader(rest, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder())
		case bytes.HasPrefix(h, []byte{0xFE, 0xFF}):
			t.r = transform.NewReader(rest, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder())
		case bytes.HasPrefix(h, []byte{'<', 0, '?', 0}):
			t.r = transform.NewReader(rest, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder())
		case bytes.HasPrefix(h, []byte{0, '<', 0, '?'}):
			t.r = transform.NewReader(rest, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder())
		default:
			t.r = rest
		}
	}
	return t.r.Read(b)
}

// readAll reads a small part into memory.
func (x *xlsxFile) readAll(zf *zip.File, kind partKind) ([]byte, error) {
	p, err := x.openPart(zf, kind, 32<<10)
	if err != nil {
		return nil, err
	}
	text := &partText{p: p}
	hint := int64(zf.UncompressedSize64)
	if hint > 1<<20 || hint <= 0 {
		hint = 1 << 20
	}
	buf := make([]byte, 0, hint+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := text.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if hasDoctype(buf) {
		return nil, x.doctype()
	}
	return buf, nil
}

// chunk is a block of decompressed bytes. data lives at buf[chunkPrefix:];
// the space before it lets the scanner prepend the unfinished tail of the
// previous chunk without copying the new one.
type chunk struct {
	buf  []byte
	n    int   // bytes of data
	comp int64 // compressed bytes consumed once this chunk was filled
	err  error // io.EOF after the last data, or a read error
}

const chunkPrefix = 64 << 10

func (c *chunk) data() []byte { return c.buf[chunkPrefix : chunkPrefix+c.n] }

// partStream hands out chunks of a part, either read on demand in the
// caller's goroutine (header search: reads only what is needed) or filled
// ahead by a producer goroutine (the data pass: inflate runs on one core
// while the caller scans XML on the other).
type partStream struct {
	p         *partReader
	text      *partText // p's bytes as UTF-8
	size      int
	async     bool
	ch        chan *chunk
	free      chan *chunk
	done      chan struct{}
	wg        sync.WaitGroup
	progress  atomic.Int64
	total     int64
	spare     []*chunk // sync mode pool
	started   bool
	closeOnce sync.Once
	finished  bool
}

const asyncChunks = 4

func newPartStream(p *partReader, size int, async bool) *partStream {
	// A small part needs no big buffers. The declared size is only a hint:
	// a part that is larger than it claims is still read, in more chunks.
	if hint := p.zf.UncompressedSize64 + 1; hint < uint64(size) {
		size = max(int(hint), 4<<10)
	}
	return &partStream{p: p, text: &partText{p: p}, size: size, async: async, total: int64(p.zf.CompressedSize64)}
}

func (s *partStream) newChunk() *chunk {
	return &chunk{buf: make([]byte, chunkPrefix+s.size)}
}

// fill reads the next chunk of data. c.err is io.EOF after the last data,
// or the *Error that stopped the part.
func (s *partStream) fill(c *chunk) {
	n, err := io.ReadFull(s.text, c.buf[chunkPrefix:chunkPrefix+s.size])
	c.n = n
	if err == io.ErrUnexpectedEOF { // the part ended cleanly inside this chunk
		err = io.EOF
	}
	c.err = err
	c.comp = s.p.consumed()
	if err == io.EOF {
		c.comp = s.total
	}
}

func (s *partStream) start() {
	if s.started {
		return
	}
	s.started = true
	if !s.async {
		return
	}
	s.ch = make(chan *chunk, asyncChunks-2)
	s.free = make(chan *chunk, asyncChunks)
	s.done = make(chan struct{})
	for i := 0; i < asyncChunks; i++ {
		s.free <- s.newChunk()
	}
	s.wg.Add(1)
	go s.produce()
}

func (s *partStream) produce() {
	defer s.wg.Done()
	defer close(s.ch)
	for {
		var c *chunk
		select {
		case c = <-s.free:
		case <-s.done:
			return
		}
		s.fill(c)
		select {
		case s.ch <- c:
		case <-s.done:
			return
		}
		if c.err != nil {
			return
		}
	}
}

// next returns the next chunk, or nil once the stream has ended. A chunk
// carrying an error still carries the data read before the error.
func (s *partStream) next() *chunk {
	if s.finished {
		return nil
	}
	s.start()
	var c *chunk
	if s.async {
		var ok bool
		c, ok = <-s.ch
		if !ok {
			s.finished = true
			return nil
		}
	} else {
		if n := len(s.spare); n > 0 {
			c = s.spare[n-1]
			s.spare = s.spare[:n-1]
		} else {
			c = s.newChunk()
		}
		s.fill(c)
	}
	if c.comp > s.progress.Load() {
		s.progress.Store(c.comp)
	}
	if c.err != nil {
		s.finished = true
	}
	return c
}

func (s *partStream) release(c *chunk) {
	if c == nil {
		return
	}
	if !s.async {
		s.spare = append(s.spare, c)
		return
	}
	select {
	case s.free <- c:
	default:
	}
}

// stop ends the producer goroutine and waits for it.
func (s *partStream) stop() {
	s.closeOnce.Do(func() {
		if s.async && s.started {
			close(s.done)
			s.wg.Wait()
		}
		if s.p.fl != nil {
			s.p.fl.Close()
		}
	})
}

// checkZipDirectory reads the end-of-central-directory record and refuses a
// central directory so large that archive/zip would spend too much memory
// listing it.
func (x *xlsxFile) checkZipDirectory() error {
	const eocdLen = 22
	tail := int64(eocdLen + 65535)
	if tail > x.size {
		tail = x.size
	}
	buf := make([]byte, tail)
	if _, err := x.f.ReadAt(buf, x.size-tail); err != nil && err != io.EOF {
		return x.damaged(err)
	}
	i := len(buf) - eocdLen
	for ; i >= 0; i-- {
		if binary.LittleEndian.Uint32(buf[i:]) == 0x06054b50 {
			break
		}
	}
	if i < 0 {
		return x.damaged(errors.New("xlsx: no end of central directory"))
	}
	count := uint64(binary.LittleEndian.Uint16(buf[i+10:]))
	dirSize := uint64(binary.LittleEndian.Uint32(buf[i+12:]))
	if (count == 0xFFFF || dirSize == 0xFFFFFFFF) && i >= 20 &&
		binary.LittleEndian.Uint32(buf[i-20:]) == 0x07064b50 {
		off := int64(binary.LittleEndian.Uint64(buf[i-20+8:]))
		var z [56]byte
		if off >= 0 && off < x.size {
			if _, err := x.f.ReadAt(z[:], off); err == nil && binary.LittleEndian.Uint32(z[:]) == 0x06064b50 {
				count = binary.LittleEndian.Uint64(z[32:])
				dirSize = binary.LittleEndian.Uint64(z[40:])
			}
		}
	}
	if count > maxZipEntries || dirSize > uint64(x.lim.MaxSmallPart) {
		return &Error{Name: x.info.Name, Err: ErrLimit, Message: "the workbook contains far more internal parts than any real spreadsheet, so it was not read for safety. Open it in Excel, save it again, and try that copy."}
	}
	return nil
}

// maxZipEntries bounds the parts listed from the zip directory. Excel
// workbooks have tens of parts; very large ones a few thousand.
const maxZipEntries = 200_000
