package validation

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"
)

// valueInfo is what the engine knows about one distinct value of a column.
// It is computed once per distinct value, however many rows repeat it.
type valueInfo struct {
	flags uint8
	rule  RuleID // value-level issue to raise on rows with this value (0: none)
	canon int16  // defined lists: index in Field.Values of the value meant, -1 unknown
	days  int32  // dates: days since 1970-01-01 (flag hasDate)
	note  *valueNote
}

// cellInfo is valueInfo as a column keeps it, one per distinct value:
// 16 bytes and no pointers (a million-row column of near-unique values
// holds a million of them, which the garbage collector then need not
// scan). note is 1 + the index of the value's note in colState.notes, or 0.
type cellInfo struct {
	flags uint8
	rule  RuleID
	canon int16
	days  int32
	note  int32
}

func (v *cellInfo) blank() bool   { return v.flags&vBlank != 0 }
func (v *cellInfo) invalid() bool { return v.flags&vInvalid != 0 }
func (v *cellInfo) hasDate() bool { return v.flags&vHasDate != 0 }

type valueNote struct {
	suggestion string
	detail     string
	safe       string // detail without any part of the value, for masked output ("" when detail holds none)
}

const (
	vBlank   uint8 = 1 << iota // empty, white space or the text NULL
	vNull                      // the text NULL
	vInvalid                   // DHSC validity "Invalid"
	vHasDate                   // days is set
	vHasNum                    // a number was read (see Column nums)
	vSpaced                    // spaces (or non-breaking spaces) around the value, which was judged without them
)

func (v *valueInfo) blank() bool   { return v.flags&vBlank != 0 }
func (v *valueInfo) invalid() bool { return v.flags&vInvalid != 0 }
func (v *valueInfo) hasDate() bool { return v.flags&vHasDate != 0 }

func (n *valueNote) suggestionText() string {
	if n == nil {
		return ""
	}
	return n.suggestion
}

func (n *valueNote) detailText() string {
	if n == nil {
		return ""
	}
	return n.detail
}

// maskedDetail is the detail with any part of the value left out.
func (n *valueNote) maskedDetail() string {
	if n == nil {
		return ""
	}
	if n.safe != "" {
		return n.safe
	}
	return n.detail
}

// listMatcher finds a list value the way the release's rules say: exact
// (or a spelling central sources write), then (Release 1) ignoring case,
// spaces and punctuation.
type listMatcher struct {
	exact      map[string]int16
	norm       map[string]int16
	r1Exact    map[string]int16 // Release 2: Release 1 spelling → R2 index
	r1         map[string]int16 // Release 2: Release 1 spelling (normalised) → R2 index
	r1NoMap    map[string]bool  // Release 2: Release 1 values without an R2 equivalent
	r1NoKnown  map[string]bool  // Release 2: Release 1 values whose R2 spelling is not published
	normVals   []string
	words      [][]string
	verified   []bool // per list entry: read in a cited source
	notInUse   map[int16]bool
	confirmed  bool // the list is complete and evidenced from central sources
	caseStrict bool // Release 2: exact match only
}

func newListMatcher(s *Spec, f *Field) *listMatcher {
	m := &listMatcher{
		exact:      map[string]int16{},
		norm:       map[string]int16{},
		notInUse:   map[int16]bool{},
		caseStrict: s.Release == R2,
	}
	anyVerified := false
	for i, v := range f.Values {
		m.exact[v.Value] = int16(i)
		// Spellings that central sources themselves write are valid with
		// no comment (rules.md C1).
		for _, c := range v.Central {
			if _, dup := m.exact[c]; !dup {
				m.exact[c] = int16(i)
			}
		}
		n := NormalizeValue(v.Value)
		if _, dup := m.norm[n]; !dup {
			m.norm[n] = int16(i)
		}
		m.normVals = append(m.normVals, n)
		m.verified = append(m.verified, v.Verified)
		m.words = append(m.words, valueWords(v.Value))
		for _, also := range v.Also {
			if _, dup := m.norm[NormalizeValue(also)]; !dup {
				m.norm[NormalizeValue(also)] = int16(i)
			}
		}
		anyVerified = anyVerified || v.Verified
	}
	m.confirmed = f.ListComplete() && anyVerified
	for _, v := range s.Checks.NotInUse.Values[f.Key] {
		if s.Release == R2 {
			v = s.ToR2(f.Key, v)
		}
		if i, ok := m.exact[v]; ok {
			m.notInUse[i] = true
		}
	}
	if s.Release == R2 {
		m.r1 = map[string]int16{}
		m.r1Exact = map[string]int16{}
		m.r1NoMap = map[string]bool{}
		for _, mp := range s.R1ToR2[f.Key] {
			if mp.R2 == "" {
				m.r1NoMap[NormalizeValue(mp.R1)] = true
				continue
			}
			if i, ok := m.exact[mp.R2]; ok {
				m.r1[NormalizeValue(mp.R1)] = i
				if mp.R1 != mp.R2 {
					m.r1Exact[mp.R1] = i
				}
			}
		}
		// Release 1 values the mapping tables do not mention, where the
		// Release 2 list is only partly known: their Release 2 spelling
		// is not published, so they are neither right nor wrong here.
		m.r1NoKnown = map[string]bool{}
		if r1, err := LoadSpec(R1); err == nil && !f.ListComplete() {
			if f1 := r1.Field(f.Key); f1 != nil {
				for _, v := range f1.Values {
					n := NormalizeValue(v.Value)
					if _, mapped := m.r1[n]; !mapped && !m.r1NoMap[n] {
						m.r1NoKnown[n] = true
					}
				}
			}
		}
	}
	return m
}

// nearest returns the list value closest to v: the one sharing most of its
// words (allowing small typos in each word), then the smallest edit
// distance between the normalised forms.
func (m *listMatcher) nearest(f *Field, v string) string {
	n := NormalizeValue(v)
	words := valueWords(v)
	best, bestScore, bestD := 0, -1.0, math.MaxInt
	for i, nv := range m.normVals {
		score := wordOverlap(words, m.words[i])
		d := levenshtein.ComputeDistance(n, nv)
		if score > bestScore || (score == bestScore && d < bestD) {
			best, bestScore, bestD = i, score, d
		}
	}
	return f.Values[best].Value
}

// valueWords splits a value into lower-case words of letters and digits.
func valueWords(v string) []string {
	return strings.FieldsFunc(strings.ToLower(v), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
	})
}

// wordOverlap is the share of the typed words found in a list value, a word
// counting as found when it differs by at most a quarter of its letters.
func wordOverlap(typed, value []string) float64 {
	if len(typed) == 0 {
		return 0
	}
	total := 0.0
	for _, w := range typed {
		bestSim := 0.0
		for _, c := range value {
			d := levenshtein.ComputeDistance(w, c)
			if sim := 1 - float64(d)/float64(max(len(w), len(c))); sim > bestSim {
				bestSim = sim
			}
		}
		if bestSim >= 0.75 {
			total += bestSim
		}
	}
	return total / float64(len(typed))
}

// valueChecker classifies values of one field.
type valueChecker struct {
	spec   *Spec
	field  *Field
	list   *listMatcher
	rules  *Catalogue
	limits *Checks
}

func newValueChecker(s *Spec, f *Field) *valueChecker {
	vc := &valueChecker{spec: s, field: f, rules: s.Rules, limits: s.Checks}
	if f.HasPublishedList() {
		vc.list = newListMatcher(s, f)
	}
	return vc
}

func (vc *valueChecker) issue(id string, sugg, detail string) valueInfo {
	vi := valueInfo{rule: vc.rules.ID(id), canon: -1}
	if sugg != "" || detail != "" {
		vi.note = &valueNote{suggestion: sugg, detail: detail}
	}
	return vi
}

// check classifies one distinct value. Spaces around it (non-breaking
// ones included) are flagged once, and the value is judged without them
// (rules.md B2.3).
func (vc *valueChecker) check(raw string) (vi valueInfo, num float64) {
	t := strings.TrimSpace(raw)
	if t == "" {
		return valueInfo{flags: vBlank, canon: -1}, 0
	}
	if strings.EqualFold(t, "NULL") {
		return valueInfo{flags: vBlank | vNull, canon: -1}, 0
	}
	f := vc.field
	switch f.Type {
	case "defined_list":
		vi = vc.checkList(t)
	case "date":
		vi = vc.checkDate(t)
	case "nhs_number":
		vi = vc.checkNHS(t)
	case "postcode":
		vi = vc.checkPostcode(t)
	case "ods_code":
		vi = vc.checkPattern(t, isODSPracticeCode, "gp-code-format")
	case "cqc_location_id":
		vi = vc.checkPattern(t, isCQCLocationID, "cqc-id-format")
	case "la_code":
		vi = vc.checkLACode(t)
	case "decimal":
		vi, num = vc.checkDecimal(t)
	case "integer":
		vi, num = vc.checkInteger(t)
	default:
		vi = valueInfo{canon: -1}
	}
	if f.Type != "text" && t != raw {
		vi.flags |= vSpaced
	}
	if vi.rule == 0 && len(raw) > vc.limits.Limits.TextMaxChars && utf8.RuneCountInString(raw) > vc.limits.Limits.TextMaxChars {
		vi = vc.issue("text-too-long", "", strconv.Itoa(utf8.RuneCountInString(raw)))
	}
	return vi, num
}

// checkList judges a (trimmed) value of a defined list. A value that is
// not in the list is an error only where the list is evidenced from
// central sources; where its nearest entry is not confirmed, a warning
// (rules.md C2). Release 2 capitalisation errors likewise only against
// confirmed entries (C3).
func (vc *valueChecker) checkList(t string) valueInfo {
	m := vc.list
	if m == nil {
		return valueInfo{canon: -1} // no published list: accepted as free text
	}
	values := vc.field.Values
	if i, ok := m.exact[t]; ok {
		vi := valueInfo{canon: i}
		if m.notInUse[i] {
			vi.rule = vc.rules.ID("value-not-in-use")
		}
		return vi
	}
	n := NormalizeValue(t)
	if m.caseStrict {
		r2issue := func(id string, i int16) valueInfo {
			vi := vc.issue(id, values[i].Value, "")
			vi.flags |= vInvalid
			vi.canon = i
			return vi
		}
		if i, ok := m.r1Exact[t]; ok {
			return r2issue("list-r1-value", i)
		}
		if i, ok := m.norm[n]; ok {
			if !values[i].Verified {
				vi := vc.issue("list-case-unconfirmed", values[i].Value, "")
				vi.canon = i
				return vi
			}
			return r2issue("list-case", i)
		}
		if i, ok := m.r1[n]; ok {
			return r2issue("list-r1-value", i)
		}
		if m.r1NoMap[n] {
			vi := vc.issue("list-r1-value-unmapped", m.nearest(vc.field, t), "")
			vi.flags |= vInvalid
			return vi
		}
		if m.r1NoKnown[n] {
			return vc.issue("list-r1-value-r2-unknown", "", "")
		}
	} else if i, ok := m.norm[n]; ok {
		vi := vc.issue("list-spelling", values[i].Value, "")
		vi.canon = i
		if m.notInUse[i] {
			vi.rule = vc.rules.ID("value-not-in-use")
		}
		return vi
	}
	near := m.nearest(vc.field, t)
	if !m.confirmed || !m.isVerified(near) {
		vi := vc.issue("list-invalid-unconfirmed", near, "")
		vi.flags |= vInvalid // as far as the list is known
		return vi
	}
	vi := vc.issue("list-invalid", near, "")
	vi.flags |= vInvalid
	return vi
}

// isVerified reports whether the list entry spelled v is confirmed from a
// cited source.
func (m *listMatcher) isVerified(v string) bool {
	i, ok := m.exact[v]
	return ok && m.verified[i]
}

// Dates.

var epoch = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)

// DaysFromDate converts a calendar date to days since 1970-01-01 (any
// year, using the proleptic Gregorian calendar).
func DaysFromDate(y, m, d int) int32 {
	// Howard Hinnant's days_from_civil.
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int32(era*146097 + doe - 719468)
}

// DateFromDays is the inverse of DaysFromDate.
func DateFromDays(days int32) time.Time {
	return epoch.AddDate(0, 0, int(days))
}

// FormatDays writes days since 1970 as dd/mm/yyyy.
func FormatDays(days int32) string {
	return DateFromDays(days).Format("02/01/2006")
}

func validYMD(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// splitDigits parses up to three runs of digits separated by sep.
func splitDigits(s string, sep byte) (parts [3]string, n int, ok bool) {
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == sep {
			if n == 3 || i == start {
				return parts, n, false
			}
			parts[n] = s[start:i]
			n++
			start = i + 1
			continue
		}
		if s[i] < '0' || s[i] > '9' {
			return parts, n, false
		}
	}
	return parts, n, n == 3
}

// ParseDate reads a dd/mm/yyyy date, also accepting d/m/yyyy. ok is false
// when the text is not written that way; real is false when it is written
// that way but the day does not exist.
func ParseDate(s string) (days int32, padded, ok, real bool) {
	p, _, good := splitDigits(s, '/')
	if !good || len(p[0]) > 2 || len(p[1]) > 2 || len(p[2]) != 4 {
		return 0, false, false, false
	}
	d, _ := strconv.Atoi(p[0])
	m, _ := strconv.Atoi(p[1])
	y, _ := strconv.Atoi(p[2])
	padded = len(p[0]) == 2 && len(p[1]) == 2
	if !validYMD(y, m, d) {
		return 0, padded, true, false
	}
	return DaysFromDate(y, m, d), padded, true, true
}

func (vc *valueChecker) checkDate(t string) valueInfo {
	earliest := vc.limits.Limits.EarliestYear
	datePart, timePart, hasTime := strings.Cut(t, " ")
	if hasTime {
		timePart = strings.TrimSpace(timePart)
	}
	if days, padded, ok, real := ParseDate(datePart); ok {
		switch {
		case !real:
			return vc.dateIssue("date-impossible", "", impossibleDetail(datePart), " (no such day exists)")
		case DateFromDays(days).Year() < earliest || DateFromDays(days).Year() > 2100:
			return vc.dateIssue("date-impossible", "", fmt.Sprintf(" (the year %d is not plausible)", DateFromDays(days).Year()), " (the year is not plausible)")
		case hasTime && looksLikeTime(timePart):
			vi := vc.dateIssue("date-has-time", FormatDays(days), "", "")
			vi.days, vi.flags = days, vi.flags|vHasDate
			return vi
		case hasTime:
			return vc.dateIssue("date-format", "", ": remove the text after the date", "")
		case !padded:
			return valueInfo{rule: vc.rules.ID("date-not-padded"), canon: -1, days: days, flags: vHasDate,
				note: &valueNote{suggestion: FormatDays(days)}}
		}
		return valueInfo{canon: -1, days: days, flags: vHasDate}
	}
	// Not dd/mm/yyyy: say what it looks like and how to write it.
	if y, m, d, ok := isoDate(t); ok {
		if validYMD(y, m, d) {
			return vc.dateIssue("date-format", "", fmt.Sprintf(" (it is written year first): write it as %02d/%02d/%04d", d, m, y), " (it is written year first): write it as dd/mm/yyyy")
		}
		return vc.dateIssue("date-format", "", " (it is written year first, and is not a real date): write it as dd/mm/yyyy", "")
	}
	for _, sep := range []byte{'-', '.'} {
		if p, _, ok := splitDigits(datePart, sep); ok && len(p[2]) == 4 {
			return vc.dateIssue("date-format", "", fmt.Sprintf(": use / between day, month and year, e.g. %s/%s/%s", pad2(p[0]), pad2(p[1]), p[2]), ": use / between day, month and year, as dd/mm/yyyy")
		}
	}
	if p, _, ok := splitDigits(datePart, '/'); ok && len(p[2]) == 2 {
		return vc.dateIssue("date-format", "", ": use a four-digit year, e.g. "+pad2(p[0])+"/"+pad2(p[1])+"/20"+p[2], ": use a four-digit year, as dd/mm/yyyy")
	}
	if n, err := strconv.ParseFloat(t, 64); err == nil && n >= 1 && n < 2958466 {
		serial := int(n)
		if float64(serial) == n && serial > 10000 && serial < 80000 {
			days := int32(serial - 25569) // Excel serial (1900 system) to Unix days
			return vc.dateIssue("date-format", "", fmt.Sprintf(" (it looks like an Excel date number for %s): format the column as a date before exporting", FormatDays(days)),
				" (it looks like an Excel date number): format the column as a date before exporting")
		}
	}
	return vc.dateIssue("date-format", "", ": write it as dd/mm/yyyy, e.g. 05/01/2024", "")
}

// dateIssue makes a date issue; safe is the detail without the value's
// parts, used when personal data is masked ("" when detail holds none).
func (vc *valueChecker) dateIssue(id, sugg, detail, safe string) valueInfo {
	vi := vc.issue(id, sugg, detail)
	if safe != "" {
		vi.note.safe = safe
	}
	if vc.rules.Get(vi.rule).Severity == Error {
		vi.flags |= vInvalid
	}
	return vi
}

func impossibleDetail(s string) string {
	p, _, _ := splitDigits(s, '/')
	d, _ := strconv.Atoi(p[0])
	m, _ := strconv.Atoi(p[1])
	y, _ := strconv.Atoi(p[2])
	switch {
	case m < 1 || m > 12:
		return fmt.Sprintf(" (there is no month %d)", m)
	case d < 1:
		return " (there is no day 0)"
	default:
		last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
		return fmt.Sprintf(" (%s %d has %d days)", time.Month(m), y, last)
	}
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

func looksLikeTime(s string) bool {
	p, n, _ := splitDigits(s, ':')
	if n < 2 {
		return false
	}
	for i := 0; i < n; i++ {
		if len(p[i]) == 0 || len(p[i]) > 2 {
			return false
		}
	}
	return true
}

// isoDate reads yyyy-mm-dd, optionally followed by a time.
func isoDate(s string) (y, m, d int, ok bool) {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return 0, 0, 0, false
	}
	if len(s) > 10 && s[10] != 'T' && s[10] != ' ' {
		return 0, 0, 0, false
	}
	p, _, good := splitDigits(s[:10], '-')
	if !good || len(p[0]) != 4 {
		return 0, 0, 0, false
	}
	y, _ = strconv.Atoi(p[0])
	m, _ = strconv.Atoi(p[1])
	d, _ = strconv.Atoi(p[2])
	return y, m, d, true
}

// NHS Number.

// ValidNHSNumber reports whether s is 10 digits whose last digit is the
// modulus 11 check digit of the first nine (weights 10 down to 2; 11 → 0;
// 10 means no valid number).
func ValidNHSNumber(s string) bool {
	if len(s) != 10 {
		return false
	}
	sum := 0
	for i := 0; i < 9; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return false
		}
		sum += int(c-'0') * (10 - i)
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	if check == 10 {
		return false
	}
	return s[9] >= '0' && s[9] <= '9' && int(s[9]-'0') == check
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func (vc *valueChecker) checkNHS(t string) valueInfo {
	invalid := func(id, detail string) valueInfo {
		vi := vc.issue(id, "", detail)
		vi.flags |= vInvalid
		return vi
	}
	digits := t
	if !allDigits(t) {
		stripped := strings.Map(func(r rune) rune {
			if r == ' ' || r == '-' {
				return -1
			}
			return r
		}, t)
		switch {
		case allDigits(stripped) && len(stripped) == 10:
			if !ValidNHSNumber(stripped) {
				return invalid("nhs-number-checkdigit", "")
			}
			return vc.issue("nhs-number-spaces", stripped, "")
		case looksScientific(t):
			return invalid("nhs-number-format", " (Excel has turned it into a rounded number: format the column as Text, enter the full number and export again)")
		default:
			return invalid("nhs-number-format", " (it contains characters other than digits)")
		}
	}
	if len(digits) != 10 {
		return invalid("nhs-number-format", fmt.Sprintf(" (it has %d digits)", len(digits)))
	}
	if strings.Count(digits, digits[:1]) == 10 {
		vi := vc.issue("nhs-number-placeholder", "", "")
		vi.flags |= vInvalid
		return vi
	}
	if !ValidNHSNumber(digits) {
		return invalid("nhs-number-checkdigit", "")
	}
	return valueInfo{canon: -1}
}

func looksScientific(s string) bool {
	u := strings.ToUpper(s)
	i := strings.Index(u, "E")
	if i <= 0 {
		return false
	}
	_, err := strconv.ParseFloat(u, 64)
	return err == nil
}

// Postcodes, ODS and CQC codes, LA codes.

// ValidPostcode reports a full UK postcode (any case, with or without the
// space): outward code A9, A99, AA9, AA99, A9A or AA9A, then 9AA.
func ValidPostcode(s string) bool {
	// Letters and digits without spaces, upper-cased, in a small buffer.
	var buf [8]byte
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' {
			continue
		}
		if n == len(buf) {
			return false
		}
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		buf[n] = c
		n++
	}
	if n < 5 || n > 7 {
		return false
	}
	u := buf[:n]
	in, out := u[n-3:], u[:n-3]
	if !isDigit(in[0]) || !isLetter(in[1]) || !isLetter(in[2]) {
		return false
	}
	return validOutward(string(out))
}

func validOutward(out string) bool {
	switch len(out) {
	case 2: // A9
		return isLetter(out[0]) && isDigit(out[1])
	case 3: // A99, AA9, A9A
		return isLetter(out[0]) && ((isDigit(out[1]) && (isDigit(out[2]) || isLetter(out[2]))) || (isLetter(out[1]) && isDigit(out[2])))
	case 4: // AA99, AA9A
		return isLetter(out[0]) && isLetter(out[1]) && isDigit(out[2]) && (isDigit(out[3]) || isLetter(out[3]))
	}
	return false
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c >= 'A' && c <= 'Z' }

func (vc *valueChecker) checkPostcode(t string) valueInfo {
	if ValidPostcode(t) {
		return valueInfo{canon: -1}
	}
	detail := ": write it like SW1A 1AA"
	sugg := ""
	if validOutward(strings.ToUpper(strings.ReplaceAll(t, " ", ""))) {
		detail = " (it is only the first half): enter the full postcode"
	}
	if d, ok := lookalikeDetail(t); ok { // a non-breaking space looks like a space
		detail = ": " + d
		if fixed := strings.Join(strings.Fields(withoutLookalikes(t)), " "); ValidPostcode(fixed) {
			sugg = strings.ToUpper(fixed)
		}
	}
	vi := vc.issue("postcode-format", sugg, detail)
	vi.flags |= vInvalid
	return vi
}

func isODSPracticeCode(s string) bool {
	return len(s) == 6 && isLetter(s[0]) && allDigits(s[1:])
}

func isCQCLocationID(s string) bool {
	return strings.HasPrefix(s, "1-") && len(s) >= 8 && len(s) <= 14 && allDigits(s[2:])
}

func (vc *valueChecker) checkPattern(t string, ok func(string) bool, rule string) valueInfo {
	if ok(t) {
		return valueInfo{canon: -1}
	}
	vi := vc.issue(rule, "", "")
	vi.flags |= vInvalid
	return vi
}

func (vc *valueChecker) checkLACode(t string) valueInfo {
	if allDigits(t) && len(t) <= 5 {
		return valueInfo{canon: -1}
	}
	detail := ": use your council's numeric CLD code, e.g. 503"
	u := strings.ToUpper(t)
	if len(u) == 9 && u[0] == 'E' && allDigits(u[1:]) {
		detail = " (it looks like an ONS area code): use your council's numeric CLD code, e.g. 503"
	}
	vi := vc.issue("la-code-format", "", detail)
	vi.flags |= vInvalid
	return vi
}

// Numbers.

// parsePlainNumber reads an optionally signed decimal written without
// exponent, currency or separators, returning the digits after the point.
func parsePlainNumber(s string) (v float64, decimals int, ok bool) {
	body := s
	if body != "" && (body[0] == '-' || body[0] == '+') {
		body = body[1:]
	}
	whole, frac, hasPoint := strings.Cut(body, ".")
	if (whole == "" && frac == "") || (whole != "" && !allDigits(whole)) || (frac != "" && !allDigits(frac)) {
		return 0, 0, false
	}
	if hasPoint && frac == "" && whole == "" {
		return 0, 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, 0, false
	}
	return v, len(strings.TrimRight(frac, "0")), true
}

func (vc *valueChecker) checkDecimal(t string) (valueInfo, float64) {
	v, _, ok := parsePlainNumber(t)
	if !ok {
		detail := ": enter a plain number such as 18.50"
		switch {
		case strings.ContainsAny(t, "£$€"):
			detail = ": remove the £ sign"
		case strings.Count(t, ",") == 1 && !strings.Contains(t, ".") && allDigits(strings.Replace(strings.TrimPrefix(t, "-"), ",", "", 1)) && len(t)-strings.Index(t, ",") <= 3:
			detail = ": use a full stop for decimals, not a comma"
		case strings.Contains(t, ",") && allDigits(strings.NewReplacer(",", "", ".", "").Replace(strings.TrimPrefix(t, "-"))):
			detail = ": remove the thousands separators (commas)"
		case looksScientific(t):
			detail = ": write the number out in full, not in scientific notation"
		}
		vi := vc.issue("number-invalid", "", detail)
		vi.flags |= vInvalid
		return vi, 0
	}
	if v < 0 {
		return vc.withNum(vc.issue("number-negative", "", "")), v
	}
	return valueInfo{canon: -1, flags: vHasNum}, v
}

func (vc *valueChecker) withNum(vi valueInfo) valueInfo {
	vi.flags |= vHasNum
	return vi
}

func (vc *valueChecker) checkInteger(t string) (valueInfo, float64) {
	v, dec, ok := parsePlainNumber(t)
	if !ok || dec > 0 || v < 0 || v > math.MaxInt32 {
		vi := vc.issue("integer-invalid", "", "")
		vi.flags |= vInvalid
		return vi, 0
	}
	return valueInfo{canon: -1, flags: vHasNum}, v
}

// date returns the day number of a valid date value.
func (vc *valueChecker) date(raw string) (int32, bool) {
	vi, _ := vc.check(raw)
	return vi.days, vi.hasDate() && !vi.invalid()
}
