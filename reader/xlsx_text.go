package reader

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"unicode/utf8"
)

// Byte-level XML helpers shared by the worksheet and shared-strings
// scanners. They work on a window of decompressed bytes (cursor) and report
// "need more" when a tag or element runs past its end, so the caller can
// extend the window and parse the same unit again.

// status of a parse step.
type status int8

const (
	stOK       status = iota
	stMore            // the window ended inside the unit: extend it and retry
	stBad             // malformed XML
	stForbid          // <!DOCTYPE or <!ENTITY
	stTooLarge        // a unit larger than the scanner allows
)

var errUnitTooLarge = errors.New("xlsx: XML element larger than limit")

// cursor is a window over a part's chunks: buf[pos:] is not yet scanned.
type cursor struct {
	s       *partStream
	buf     []byte
	pos     int
	cur     *chunk // chunk whose buffer holds buf, nil when buf is big
	big     []byte
	end     bool  // no more chunks
	err     error // what ended the part if not a clean end (an *Error)
	maxUnit int   // longest unit a retry may need
}

// more extends the window with the next chunk, keeping buf[pos:]. It
// returns false when no bytes were added: the part has ended (err == nil)
// or failed (err != nil).
func (c *cursor) more() bool {
	if c.end {
		return false
	}
	tail := c.buf[c.pos:]
	if len(tail) > c.maxUnit {
		c.end = true
		c.err = errUnitTooLarge
		return false
	}
	nc := c.s.next()
	if nc == nil {
		c.end = true
		return false
	}
	if nc.err != nil && nc.err != io.EOF {
		c.end = true
		c.err = nc.err
		c.s.release(nc)
		return false
	}
	if nc.err == io.EOF {
		c.end = true
	}
	if nc.n == 0 {
		c.s.release(nc)
		return false
	}
	if len(tail) <= chunkPrefix {
		start := chunkPrefix - len(tail)
		copy(nc.buf[start:chunkPrefix], tail)
		c.s.release(c.cur)
		c.cur = nc
		c.buf = nc.buf[start : chunkPrefix+nc.n]
	} else {
		big := append(c.big[:0], tail...)
		big = append(big, nc.data()...)
		c.s.release(c.cur)
		c.s.release(nc)
		c.cur = nil
		c.big = big
		c.buf = big
	}
	c.pos = 0
	return true
}

// drain reads the rest of the part so that its size and CRC are checked.
func (c *cursor) drain() error {
	c.pos = len(c.buf)
	for c.more() {
		c.pos = len(c.buf)
	}
	if c.err == errUnitTooLarge {
		return nil
	}
	return c.err
}

func (c *cursor) close() {
	c.s.release(c.cur)
	c.cur = nil
	c.buf = nil
	c.big = nil
}

var nameEnd = func() (t [256]bool) {
	for _, c := range []byte(" \t\r\n/>=") {
		t[c] = true
	}
	return
}()

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// tagName parses the element name starting at b[q] (just after '<' or
// "</"). It returns the local name (without any namespace prefix) and the
// index after the name.
func tagName(b []byte, q int) (local []byte, end int, st status) {
	start := q
	for ; q < len(b); q++ {
		c := b[q]
		if nameEnd[c] {
			name := b[start:q]
			if i := bytes.LastIndexByte(name, ':'); i >= 0 {
				name = name[i+1:]
			}
			if len(name) == 0 {
				return nil, q, stBad
			}
			return name, q, stOK
		}
	}
	return nil, q, stMore
}

// attr parses one attribute at or after b[q]. done reports the end of the
// tag instead (selfClose when it was "/>"); next is the index after the
// attribute or after the tag.
func attr(b []byte, q int) (name, val []byte, next int, done, selfClose bool, st status) {
	for q < len(b) && isSpace(b[q]) {
		q++
	}
	if q >= len(b) {
		return nil, nil, q, false, false, stMore
	}
	switch b[q] {
	case '>':
		return nil, nil, q + 1, true, false, stOK
	case '/':
		if q+1 >= len(b) {
			return nil, nil, q, false, false, stMore
		}
		if b[q+1] != '>' {
			return nil, nil, q, false, false, stBad
		}
		return nil, nil, q + 2, true, true, stOK
	}
	ns := q
	for q < len(b) && !nameEnd[b[q]] {
		q++
	}
	name = b[ns:q]
	for q < len(b) && isSpace(b[q]) {
		q++
	}
	if q >= len(b) {
		return nil, nil, q, false, false, stMore
	}
	if b[q] != '=' || len(name) == 0 {
		return nil, nil, q, false, false, stBad
	}
	q++
	for q < len(b) && isSpace(b[q]) {
		q++
	}
	if q >= len(b) {
		return nil, nil, q, false, false, stMore
	}
	quote := b[q]
	if quote != '"' && quote != '\'' {
		return nil, nil, q, false, false, stBad
	}
	q++
	e := bytes.IndexByte(b[q:], quote)
	if e < 0 {
		return nil, nil, q, false, false, stMore
	}
	return name, b[q : q+e], q + e + 1, false, false, stOK
}

// skipTagRest skips the attributes of a tag whose name ends at b[q].
func skipTagRest(b []byte, q int) (next int, selfClose bool, st status) {
	for {
		_, _, n, done, sc, st := attr(b, q)
		if st != stOK {
			return n, false, st
		}
		q = n
		if done {
			return q, sc, stOK
		}
	}
}

// skipSpecial handles "<!" and "<?" at b[p]: comments, CDATA outside text,
// processing instructions. DOCTYPE and ENTITY declarations are refused.
func skipSpecial(b []byte, p int) (next int, st status) {
	if p+1 >= len(b) {
		return p, stMore
	}
	if b[p+1] == '?' {
		e := bytes.Index(b[p+2:], []byte("?>"))
		if e < 0 {
			return p, stMore
		}
		return p + 2 + e + 2, stOK
	}
	// b[p+1] == '!'
	rest := b[p+2:]
	switch {
	case len(rest) >= 2 && rest[0] == '-' && rest[1] == '-':
		e := bytes.Index(rest[2:], []byte("-->"))
		if e < 0 {
			return p, stMore
		}
		return p + 2 + 2 + e + 3, stOK
	case bytes.HasPrefix(rest, []byte("[CDATA[")):
		e := bytes.Index(rest[7:], []byte("]]>"))
		if e < 0 {
			return p, stMore
		}
		return p + 2 + 7 + e + 3, stOK
	case len(rest) < 8 && bytes.HasPrefix([]byte("[CDATA["), rest):
		return p, stMore
	case len(rest) < 2:
		return p, stMore
	}
	return p, stForbid
}

// hasDoctype reports a DOCTYPE or ENTITY declaration anywhere in an XML part.
func hasDoctype(b []byte) bool {
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte("<!"))
		if j < 0 {
			return false
		}
		i += j + 2
		rest := b[i:]
		if len(rest) >= 2 && rest[0] == '-' && rest[1] == '-' {
			continue
		}
		if bytes.HasPrefix(rest, []byte("[CDATA[")) {
			continue
		}
		return true
	}
}

// readText reads character data starting at b[q] up to the next end tag,
// handling CDATA sections. raw is the text when it could be taken as is
// (no CDATA); otherwise the decoded text is appended to *dst and
// decoded is true. next is the index of the '<' of the end tag.
func readText(b []byte, q int, dst *[]byte) (raw []byte, decoded bool, next int, st status) {
	e := bytes.IndexByte(b[q:], '<')
	if e < 0 {
		return nil, false, q, stMore
	}
	if q+e+1 >= len(b) {
		return nil, false, q, stMore
	}
	if b[q+e+1] == '/' {
		return b[q : q+e], false, q + e, stOK
	}
	// CDATA, comments or markup mixed into the text: the slow path.
	start := len(*dst)
	for {
		e := bytes.IndexByte(b[q:], '<')
		if e < 0 || q+e+1 >= len(b) {
			*dst = (*dst)[:start]
			return nil, false, q, stMore
		}
		*dst = appendText(*dst, b[q:q+e])
		q += e
		switch b[q+1] {
		case '/':
			return nil, true, q, stOK
		case '!':
			rest := b[q+2:]
			if bytes.HasPrefix(rest, []byte("[CDATA[")) {
				f := bytes.Index(rest[7:], []byte("]]>"))
				if f < 0 {
					*dst = (*dst)[:start]
					return nil, false, q, stMore
				}
				*dst = append(*dst, rest[7:7+f]...)
				q += 2 + 7 + f + 3
				continue
			}
			n, st := skipSpecial(b, q)
			if st != stOK {
				*dst = (*dst)[:start]
				return nil, false, q, st
			}
			q = n
		case '?':
			n, st := skipSpecial(b, q)
			if st != stOK {
				*dst = (*dst)[:start]
				return nil, false, q, st
			}
			q = n
		default:
			*dst = (*dst)[:start]
			return nil, false, q, stBad
		}
	}
}

// skipEndTag skips the end tag at b[q] ("</name ... >").
func skipEndTag(b []byte, q int) (local []byte, next int, st status) {
	if q+1 >= len(b) {
		return nil, q, stMore
	}
	if b[q] != '<' || b[q+1] != '/' {
		return nil, q, stBad
	}
	local, n, st := tagName(b, q+2)
	if st != stOK {
		return nil, q, st
	}
	for n < len(b) && isSpace(b[n]) {
		n++
	}
	if n >= len(b) {
		return nil, q, stMore
	}
	if b[n] != '>' {
		return nil, q, stBad
	}
	return local, n + 1, stOK
}

// collectText walks the content of an <si> or <is> element (b[q] is just
// after its start tag) up to its end tag, appending the text of its <t>
// elements (plain or in rich-text runs <r>) to *dst and ignoring phonetic
// runs <rPh>. next is the index after the end tag.
func collectText(b []byte, q int, dst *[]byte) (next int, st status) {
	start := len(*dst)
	fail := func(n int, st status) (int, status) {
		*dst = (*dst)[:start]
		return n, st
	}
	depth := 0 // elements open inside the container
	phonetic := 0
	for {
		e := bytes.IndexByte(b[q:], '<')
		if e < 0 {
			return fail(q, stMore)
		}
		q += e
		if q+1 >= len(b) {
			return fail(q, stMore)
		}
		switch b[q+1] {
		case '/':
			local, n, st := skipEndTag(b, q)
			if st != stOK {
				return fail(q, st)
			}
			q = n
			if depth == 0 {
				return q, stOK
			}
			depth--
			if phonetic > 0 && string(local) == "rPh" {
				phonetic--
			}
			continue
		case '!', '?':
			n, st := skipSpecial(b, q)
			if st != stOK {
				return fail(q, st)
			}
			q = n
			continue
		}
		local, n, st := tagName(b, q+1)
		if st != stOK {
			return fail(q, st)
		}
		n, selfClose, st := skipTagRest(b, n)
		if st != stOK {
			return fail(q, st)
		}
		q = n
		if selfClose {
			continue
		}
		switch string(local) {
		case "t":
			before := len(*dst)
			raw, decoded, n, st := readText(b, q, dst)
			if st != stOK {
				return fail(q, st)
			}
			if phonetic > 0 {
				*dst = (*dst)[:before]
			} else if !decoded {
				*dst = appendText(*dst, raw)
			}
			_, n, st = skipEndTag(b, n)
			if st != stOK {
				return fail(q, st)
			}
			q = n
		case "rPh":
			phonetic++
			depth++
		default:
			depth++
		}
	}
}

// textNeedsDecoding reports bytes that appendText would change.
func textNeedsDecoding(raw []byte) bool {
	for _, c := range raw {
		if c == '&' || c == '_' || c == '\r' {
			return true
		}
	}
	return false
}

// appendText appends XML character data to dst, decoding entity and
// character references, normalising line ends as an XML parser does, and
// decoding Excel's _xHHHH_ escapes (_x000D_ is a carriage return, _x005F_ an
// underscore).
func appendText(dst, raw []byte) []byte {
	if !textNeedsDecoding(raw) {
		return append(dst, raw...)
	}
	start := len(dst)
	hasX := false
	for i := 0; i < len(raw); {
		c := raw[i]
		switch c {
		case '&':
			r, n := decodeEntity(raw[i:])
			if n == 0 {
				dst = append(dst, '&')
				i++
				continue
			}
			dst = utf8.AppendRune(dst, r)
			i += n
		case '\r':
			dst = append(dst, '\n')
			i++
			if i < len(raw) && raw[i] == '\n' {
				i++
			}
		case '_':
			hasX = true
			dst = append(dst, c)
			i++
		default:
			dst = append(dst, c)
			i++
		}
	}
	if hasX {
		dst = dst[:start+decodeXEscapes(dst[start:])]
	}
	return dst
}

// decodeEntity decodes the reference at the start of b ("&amp;", "&#10;",
// "&#x41;"). n is 0 when it is not a valid reference.
func decodeEntity(b []byte) (r rune, n int) {
	end := bytes.IndexByte(b[:min(len(b), 12)], ';')
	if end < 2 {
		return 0, 0
	}
	name := b[1:end]
	switch string(name) {
	case "amp":
		return '&', end + 1
	case "lt":
		return '<', end + 1
	case "gt":
		return '>', end + 1
	case "quot":
		return '"', end + 1
	case "apos":
		return '\'', end + 1
	}
	if name[0] != '#' || len(name) < 2 {
		return 0, 0
	}
	var v int64
	if name[1] == 'x' || name[1] == 'X' {
		if len(name) < 3 {
			return 0, 0
		}
		for _, c := range name[2:] {
			h := hexVal(c)
			if h < 0 {
				return 0, 0
			}
			v = v*16 + int64(h)
		}
	} else {
		for _, c := range name[1:] {
			if c < '0' || c > '9' {
				return 0, 0
			}
			v = v*10 + int64(c-'0')
		}
	}
	if v <= 0 || v > utf8.MaxRune || (v >= 0xD800 && v <= 0xDFFF) {
		return utf8.RuneError, end + 1
	}
	return rune(v), end + 1
}

func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// xEscape reads "_xHHHH_" at the start of b.
func xEscape(b []byte) (v int, ok bool) {
	if len(b) < 7 || b[0] != '_' || (b[1] != 'x' && b[1] != 'X') || b[6] != '_' {
		return 0, false
	}
	for _, c := range b[2:6] {
		h := hexVal(c)
		if h < 0 {
			return 0, false
		}
		v = v*16 + h
	}
	return v, true
}

// decodeXEscapes decodes Excel's _xHHHH_ escapes in place (the result is
// never longer) and returns the new length. Escapes are UTF-16 code units;
// surrogate pairs are combined and lone surrogates become U+FFFD.
func decodeXEscapes(b []byte) int {
	w := 0
	var tmp [4]byte
	for i := 0; i < len(b); {
		v, ok := xEscape(b[i:])
		if !ok {
			b[w] = b[i]
			w++
			i++
			continue
		}
		i += 7
		r := rune(v)
		if v >= 0xD800 && v <= 0xDBFF {
			if lo, ok := xEscape(b[i:]); ok && lo >= 0xDC00 && lo <= 0xDFFF {
				r = 0x10000 + rune(v-0xD800)<<10 + rune(lo-0xDC00)
				i += 7
			} else {
				r = utf8.RuneError
			}
		} else if v >= 0xDC00 && v <= 0xDFFF {
			r = utf8.RuneError
		}
		n := utf8.EncodeRune(tmp[:], r)
		w += copy(b[w:], tmp[:n])
	}
	return w
}

// sharedStrings is the workbook's shared-strings table, kept compact: one
// arena of bytes and the start offset of each string.
type sharedStrings struct {
	arena []byte
	off   []uint32 // len(off) == count+1
}

func (s *sharedStrings) count() int { return len(s.off) - 1 }

func (s *sharedStrings) get(i int) []byte { return s.arena[s.off[i]:s.off[i+1]] }

// sstOneReadSize is the largest shared-strings part read once. Its text
// can be no longer than the part, so the table is allocated at that size
// at once and never regrows. A larger part is read twice: first to
// measure what the table will hold (and refuse it if that is over the
// limit, before anything is built), then to build it at exactly that size.
// A variable so tests can lower it.
var sstOneReadSize int64 = 64 << 20

// sstSize is what a shared-strings table holds once read.
type sstSize struct {
	text    int64 // bytes of text
	strings int64
}

// memory is what the table costs: its text, and 4 bytes of index a string.
func (z sstSize) memory() int64 { return z.text + 4*(z.strings+1) }

// sharedStringsOf reads the workbook's shared-strings table, measuring it
// first when it is large.
func (x *xlsxFile) sharedStringsOf(zf *zip.File) (*sharedStrings, error) {
	declared := int64(zf.UncompressedSize64)
	var size sstSize
	if declared > sstOneReadSize {
		p, err := x.openPart(zf, partShared, 256<<10)
		if err != nil {
			return nil, err
		}
		if _, err := x.loadSharedStrings(p, &size); err != nil {
			return nil, err
		}
		if size.memory() > x.lim.MaxSharedText {
			return nil, x.sharedTooLarge(size)
		}
	} else {
		// The text can be no longer than the part (the reader stops a part
		// at its declared size): allocate that once.
		size = sstSize{text: declared}
	}
	p, err := x.openPart(zf, partShared, 256<<10)
	if err != nil {
		return nil, err
	}
	sst := &sharedStrings{arena: make([]byte, 0, size.text), off: make([]uint32, 1, max(1024, size.strings+1))}
	if _, err := x.loadSharedStrings(p, nil, sst); err != nil {
		return nil, err
	}
	return sst, nil
}

func (x *xlsxFile) sharedTooLarge(z sstSize) error {
	return &Error{Name: x.info.Name, Err: errors.Join(ErrLimit, errTooLarge), Message: fmt.Sprintf(
		"the workbook's text (its shared-strings table) would take %s of memory once unpacked (%s of text in %s different values), more than the %s this tool allows, so it was not read. No real CLD extract comes near this: check where the file came from, or export the data again (as CSV if it is very large).",
		humanBytes(z.memory()), humanBytes(z.text), thousands(int(z.strings)), humanBytes(x.lim.MaxSharedText))}
}

// loadSharedStrings parses the shared-strings part with the byte scanner,
// decompressing in a separate goroutine. With measure, it only measures
// the table (nothing is kept); otherwise it fills into[0], whose arena and
// index were allocated at the table's size, and checks the limit as it goes.
func (x *xlsxFile) loadSharedStrings(p *partReader, measure *sstSize, into ...*sharedStrings) (*sharedStrings, error) {
	st := newPartStream(p, 1<<20, true)
	defer st.stop()
	c := &cursor{s: st, maxUnit: x.maxUnit()}
	defer c.close()
	var sst *sharedStrings
	var scratch []byte
	if measure == nil {
		sst = into[0]
	}
	fail := func(st status) (*sharedStrings, error) {
		switch st {
		case stForbid:
			return nil, x.doctype()
		case stTooLarge:
			// One value larger than the scanner holds (the table as a
			// whole is limited by MaxSharedText and MaxSharedStrings).
			return nil, &Error{Name: x.info.Name, Err: errors.Join(ErrLimit, errTooLarge), Message: fmt.Sprintf(
				"one text value in the workbook is more than %s long, far more than an Excel cell holds (32,767 characters), so the workbook was not read for safety. Open it in Excel, save it again, and try that copy.", humanBytes(int64(x.maxUnit())))}
		}
		return nil, x.damaged(errors.New("xlsx: malformed shared strings"))
	}
	for {
		b := c.buf
		q := c.pos
		e := bytes.IndexByte(b[q:], '<')
		if e < 0 {
			c.pos = len(b)
			if !c.more() {
				break
			}
			continue
		}
		q += e
		c.pos = q
		if q+1 >= len(b) {
			if !c.more() {
				break
			}
			continue
		}
		var st status
		var n int
		switch b[q+1] {
		case '/':
			var local []byte
			local, n, st = skipEndTag(b, q)
			if st == stOK && string(local) == "sst" {
				c.pos = n
				if err := c.drain(); err != nil {
					return nil, err
				}
				return sst, nil
			}
		case '!', '?':
			n, st = skipSpecial(b, q)
		default:
			var local []byte
			local, n, st = tagName(b, q+1)
			if st != stOK {
				break
			}
			var selfClose bool
			n, selfClose, st = skipTagRest(b, n)
			if st != stOK || string(local) != "si" {
				break
			}
			if measure != nil {
				scratch = scratch[:0]
				if !selfClose {
					if n, st = collectText(b, n, &scratch); st != stOK {
						break
					}
				}
				measure.text += int64(len(scratch))
				measure.strings++
				break
			}
			if !selfClose {
				n, st = collectText(b, n, &sst.arena)
				if st != stOK {
					break
				}
			}
			if uint64(len(sst.arena)) > math.MaxUint32 {
				return fail(stTooLarge)
			}
			sst.off = append(sst.off, uint32(len(sst.arena)))
			if z := (sstSize{int64(len(sst.arena)), int64(len(sst.off) - 1)}); z.memory() > x.lim.MaxSharedText {
				return nil, x.sharedTooLarge(z)
			}
		}
		switch st {
		case stOK:
			c.pos = n
		case stMore:
			if !c.more() {
				if c.err == nil {
					return fail(stBad) // ends inside an element
				}
				if c.err == errUnitTooLarge {
					return fail(stTooLarge)
				}
				return nil, c.err
			}
		default:
			return fail(st)
		}
	}
	if c.err != nil {
		if c.err == errUnitTooLarge {
			return fail(stTooLarge)
		}
		return nil, c.err
	}
	return nil, x.damaged(errors.New("xlsx: shared strings end without </sst>"))
}
