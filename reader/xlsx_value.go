package reader

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"unsafe"
)

// Cell values as Excel shows them: dates as dd/mm/yyyy, numbers in full
// without exponent, up to 15 significant digits.

// numKind is how a number format shows a number.
type numKind uint8

const (
	kindGeneral numKind = iota // a plain number
	kindDate                   // a date, with the time when it has one
	kindTime                   // a time of day only
)

// builtinKind classifies Excel's built-in number formats (ids below 164).
func builtinKind(id int) numKind {
	switch {
	case id >= 14 && id <= 17, id == 22, id >= 27 && id <= 36, id >= 50 && id <= 58:
		return kindDate
	case id >= 18 && id <= 21, id == 45, id == 47:
		return kindTime
	}
	return kindGeneral // includes 46, [h]:mm:ss elapsed time
}

// classifyFormat classifies a custom number format code. Only the first
// section (positive numbers) matters for dates. Text in quotes, escaped
// characters, fill and padding characters and [colour]/[$-809] brackets are
// ignored; [h], [m] and [s] are elapsed-time tokens, which do not make the
// number a date.
func classifyFormat(code string) numKind {
	var toks []byte // d, y, m, h, s in order (repeats collapsed)
	elapsed := false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch c {
		case ';':
			i = len(code)
			continue
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				i = len(code)
			} else {
				i += j + 1
			}
			continue
		case '\\', '_', '*':
			i++
			continue
		case '[':
			j := strings.IndexByte(code[i+1:], ']')
			if j < 0 {
				i = len(code)
				continue
			}
			if in := strings.ToLower(code[i+1 : i+1+j]); in != "" && strings.Trim(in, "hms") == "" {
				elapsed = true // [h], [mm], [ss]: a duration
				if t := in[0]; len(toks) == 0 || toks[len(toks)-1] != t {
					toks = append(toks, t)
				}
			}
			i += j + 1
			continue
		}
		lc := c | 0x20
		switch lc {
		case 'g':
			if len(code)-i >= 7 && strings.EqualFold(code[i:i+7], "general") {
				i += 6
			}
			continue
		case 'a':
			if len(code)-i >= 5 && strings.EqualFold(code[i:i+5], "am/pm") {
				i += 4
			} else if len(code)-i >= 3 && strings.EqualFold(code[i:i+3], "a/p") {
				i += 2
			}
			continue
		case 'd', 'y', 'm', 'h', 's':
			if len(toks) == 0 || toks[len(toks)-1] != lc {
				toks = append(toks, lc)
			}
		}
	}
	date, tm := false, false
	for i, t := range toks {
		switch t {
		case 'd', 'y':
			date = true
		case 'h', 's':
			tm = true
		case 'm':
			minute := (i > 0 && toks[i-1] == 'h') || (i+1 < len(toks) && toks[i+1] == 's')
			if minute {
				tm = true
			} else {
				date = true
			}
		}
	}
	switch {
	case date:
		return kindDate
	case tm && !elapsed:
		return kindTime
	}
	return kindGeneral
}

// bytesString views b as a string without copying; the string must not
// outlive b (strconv copies what it keeps in errors).
func bytesString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// plainInt reports whether raw is an integer Excel would show digit for
// digit: optional minus, no leading zeros, at most 15 digits.
func plainInt(raw []byte) bool {
	i := 0
	if len(raw) > 0 && raw[0] == '-' {
		i = 1
	}
	n := len(raw) - i
	if n == 0 || n > 15 || (raw[i] == '0' && (n > 1 || i == 1)) {
		return false
	}
	for _, c := range raw[i:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

// plainDecimal reports whether raw is a decimal that Excel's 15-digit
// display shows unchanged: optional minus, no leading zeros, a fraction
// without trailing zeros, at most 15 significant digits ("4704.98").
func plainDecimal(raw []byte) bool {
	i := 0
	if len(raw) > 0 && raw[0] == '-' {
		i = 1
	}
	dot := bytes.IndexByte(raw, '.')
	if dot <= i || dot == len(raw)-1 || raw[len(raw)-1] == '0' {
		return false
	}
	intPart, frac := raw[i:dot], raw[dot+1:]
	if intPart[0] == '0' && len(intPart) > 1 {
		return false
	}
	sig := len(intPart) + len(frac)
	if len(intPart) == 1 && intPart[0] == '0' {
		sig = len(frac)
		for j := 0; j < len(frac) && frac[j] == '0'; j++ {
			sig--
		}
	}
	if sig > 15 {
		return false
	}
	for _, c := range intPart {
		if c < '0' || c > '9' {
			return false
		}
	}
	for _, c := range frac {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// parseNumber parses a numeric cell value.
func parseNumber(raw []byte) (float64, bool) {
	raw = trimSpace(raw)
	if len(raw) == 0 {
		return 0, false
	}
	f, err := strconv.ParseFloat(bytesString(raw), 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}

// appendNumber appends a numeric cell value as Excel's General format
// shows it, without exponent. Text that is not a number is kept as is.
func appendNumber(dst, raw []byte) []byte {
	if plainInt(raw) || plainDecimal(raw) {
		return append(dst, raw...)
	}
	f, ok := parseNumber(raw)
	if !ok {
		return appendText(dst, raw)
	}
	return appendGeneral(dst, f)
}

// appendGeneral formats f with at most 15 significant digits, in plain
// decimal notation, trailing zeros removed: 9434765919, 12.5, 0.3.
func appendGeneral(dst []byte, f float64) []byte {
	if f == 0 {
		return append(dst, '0')
	}
	var tmp [32]byte
	e := strconv.AppendFloat(tmp[:0], f, 'e', 14, 64) // [-]d.ddddddddddddddde±dd
	if e[0] == '-' {
		dst = append(dst, '-')
		e = e[1:]
	}
	var digits [15]byte
	digits[0] = e[0]
	copy(digits[1:], e[2:16])
	nd := 15
	for nd > 1 && digits[nd-1] == '0' {
		nd--
	}
	exp, _ := strconv.Atoi(bytesString(e[17:]))
	if e[16] != 'e' {
		return strconv.AppendFloat(dst, f, 'f', -1, 64) // not expected
	}
	if exp >= 0 {
		if nd <= exp+1 {
			dst = append(dst, digits[:nd]...)
			for i := nd; i <= exp; i++ {
				dst = append(dst, '0')
			}
			return dst
		}
		dst = append(dst, digits[:exp+1]...)
		dst = append(dst, '.')
		return append(dst, digits[exp+1:nd]...)
	}
	dst = append(dst, '0', '.')
	for i := 0; i < -exp-1; i++ {
		dst = append(dst, '0')
	}
	return append(dst, digits[:nd]...)
}

// Serial-number limits: Excel shows #### for dates outside these.
const (
	maxSerial1900 = 2958465 // 31/12/9999
	maxSerial1904 = 2957003 // 31/12/9999
)

// appendSerial formats an Excel serial date-time number as dd/mm/yyyy,
// adding hh:mm (and :ss when there are seconds) when it has a time of day;
// kindTime formats only the time. ok is false for serials Excel cannot show
// as dates (negative or after 9999).
func appendSerial(dst []byte, f float64, date1904 bool, kind numKind) ([]byte, bool) {
	maxSerial := float64(maxSerial1900)
	if date1904 {
		maxSerial = maxSerial1904
	}
	if f < 0 || f >= maxSerial+1 {
		return dst, false
	}
	day := math.Floor(f)
	secs := int64(math.Round((f - day) * 86400))
	d := int64(day)
	if secs >= 86400 {
		d++
		secs -= 86400
	}
	if kind == kindTime {
		return appendClock(dst, secs), true
	}
	dst = appendSerialDay(dst, d, date1904)
	if secs != 0 {
		dst = append(dst, ' ')
		dst = appendClock(dst, secs)
	}
	return dst, true
}

// appendClock appends hh:mm, with :ss when there are seconds.
func appendClock(dst []byte, secs int64) []byte {
	h, m, s := secs/3600, secs/60%60, secs%60
	dst = append2(dst, int(h))
	dst = append(dst, ':')
	dst = append2(dst, int(m))
	if s != 0 {
		dst = append(dst, ':')
		dst = append2(dst, int(s))
	}
	return dst
}

func append2(dst []byte, v int) []byte {
	return append(dst, byte('0'+v/10%10), byte('0'+v%10))
}

// appendSerialDay appends the date of a whole serial day number, copying
// Excel's 1900 leap-year bug: serial 60 is 29/02/1900 and serial 0 shows as
// 00/01/1900.
func appendSerialDay(dst []byte, d int64, date1904 bool) []byte {
	var unix int64
	switch {
	case date1904:
		unix = d - 24107 // 0 = 01/01/1904
	case d == 0:
		return append(dst, "00/01/1900"...)
	case d == 60:
		return append(dst, "29/02/1900"...)
	case d < 60:
		unix = d - 25568 // 1 = 01/01/1900
	default:
		unix = d - 25569 // 61 = 01/03/1900
	}
	y, m, dd := civilFromDays(unix)
	return appendDMY(dst, y, m, dd)
}

func appendDMY(dst []byte, y, m, d int) []byte {
	dst = append2(dst, d)
	dst = append(dst, '/')
	dst = append2(dst, m)
	dst = append(dst, '/')
	return append(dst, byte('0'+y/1000%10), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10))
}

// civilFromDays converts days since 1970-01-01 to a proleptic Gregorian
// date (Howard Hinnant's algorithm).
func civilFromDays(z int64) (y, m, d int) {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	yy := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	dd := doy - (153*mp+2)/5 + 1
	mm := mp + 3
	if mp >= 10 {
		mm = mp - 9
	}
	if mm <= 2 {
		yy++
	}
	return int(yy), int(mm), int(dd)
}

// serialInt parses a whole serial number quickly ("45123").
func serialInt(raw []byte) (int64, bool) {
	if len(raw) == 0 || len(raw) > 7 {
		return 0, false
	}
	var v int64
	for _, c := range raw {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	return v, true
}

// dateCache remembers the text of recent whole-day serials: a column of
// dates repeats the same few thousand days.
type dateCache struct {
	day [dateCacheSize]int32
	txt [dateCacheSize][10]byte
}

const dateCacheSize = 1 << 15 // about 90 years of distinct days

func newDateCache() *dateCache {
	c := &dateCache{}
	for i := range c.day {
		c.day[i] = -1
	}
	return c
}

// appendDateCell formats a numeric cell with a date or time style. Values
// that cannot be dates are shown as numbers, as Excel shows #### instead.
func appendDateCell(dst, raw []byte, date1904 bool, kind numKind, cache *dateCache) []byte {
	if kind == kindDate {
		if d, ok := serialInt(raw); ok {
			maxSerial := int64(maxSerial1900)
			if date1904 {
				maxSerial = maxSerial1904
			}
			if d <= maxSerial {
				if cache == nil {
					return appendSerialDay(dst, d, date1904)
				}
				i := d & (dateCacheSize - 1)
				if cache.day[i] != int32(d) {
					appendSerialDay(cache.txt[i][:0], d, date1904)
					cache.day[i] = int32(d)
				}
				return append(dst, cache.txt[i][:]...)
			}
		}
	}
	f, ok := parseNumber(raw)
	if !ok {
		return appendText(dst, raw)
	}
	if out, ok := appendSerial(dst, f, date1904, kind); ok {
		return out
	}
	return appendGeneral(dst, f)
}

// appendISODate formats a t="d" cell (ISO 8601: 2024-03-31 or
// 2024-03-31T14:30:00Z) as dd/mm/yyyy with the time when it has one.
func appendISODate(dst, raw []byte) []byte {
	s := trimSpace(raw)
	num := func(b []byte) (int, bool) {
		v := 0
		for _, c := range b {
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int(c-'0')
		}
		return v, len(b) > 0
	}
	if len(s) >= 10 && s[4] == '-' && s[7] == '-' {
		y, ok1 := num(s[0:4])
		m, ok2 := num(s[5:7])
		d, ok3 := num(s[8:10])
		if ok1 && ok2 && ok3 && m >= 1 && m <= 12 && d >= 1 && d <= 31 {
			out := appendDMY(dst, y, m, d)
			rest := s[10:]
			if len(rest) == 0 {
				return out
			}
			if rest[0] == 'T' || rest[0] == 't' || rest[0] == ' ' {
				rest = rest[1:]
				if len(rest) >= 5 && rest[2] == ':' {
					h, ok1 := num(rest[0:2])
					mi, ok2 := num(rest[3:5])
					sec := 0
					ok3 := true
					if len(rest) >= 8 && rest[5] == ':' {
						sec, ok3 = num(rest[6:8])
					}
					if ok1 && ok2 && ok3 && h < 24 && mi < 60 && sec < 60 {
						if t := int64(h*3600 + mi*60 + sec); t != 0 {
							out = append(out, ' ')
							out = appendClock(out, t)
						}
						return out
					}
				}
			} else if rest[0] == 'Z' || rest[0] == '+' || rest[0] == '-' {
				return out
			}
		}
	}
	return appendText(dst, raw)
}
