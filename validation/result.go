package validation

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"cldvalidator/reader"
)

// Issue is one problem found. It is 16 bytes; its message is rendered on
// demand from the rule's template and the row's values.
type Issue struct {
	Row   int32  // table row (0-based), -1 for the whole file
	Col   int16  // file column, -1 when not about one column
	Field int16  // template field, -1 when not about one
	Rule  RuleID // catalogue entry
	Sev   Severity
	Arg   int32 // rule-specific: another row, a count, a day number, or a detail index
}

func compareIssues(a, b Issue) int {
	if a.Row != b.Row {
		return int(a.Row) - int(b.Row)
	}
	if a.Col != b.Col {
		return int(a.Col) - int(b.Col)
	}
	return int(a.Rule) - int(b.Rule)
}

func sortIssues(is []Issue) { slices.SortStableFunc(is, compareIssues) }

// mergeSorted merges two sorted issue lists.
func mergeSorted(a, b []Issue) []Issue {
	if len(b) == 0 {
		return a
	}
	out := make([]Issue, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if compareIssues(b[j], a[i]) < 0 {
			out = append(out, b[j])
			j++
		} else {
			out = append(out, a[i])
			i++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// Result is everything a run found: the data, the issues and the summary.
type Result struct {
	Spec      *Spec
	Info      reader.Info
	HeaderRow int
	Table     *Table
	Issues    []Issue // sorted by row, then column
	Summary   *Summary
	People    int
	Duration  time.Duration
	Started   time.Time // when the check started
	// InputSHA256 and InputSize fingerprint the file checked (empty for
	// pasted data): the receipt that the file uploaded is the file checked.
	InputSHA256 string
	InputSize   int64

	fieldCol    []int
	cols        []*colState
	details     []string
	modalPeriod string
	modalStart  string
	modalEnd    string
	personOf    []int32
	derived     DerivedPeriod
	words       []*words // by rule handle (see wordsOf)
	shifted     []uint64 // rows shifted against the header (see RowShifted)
}

// DerivedPeriod is the reporting period DHSC would derive from the file's
// data if it were imported on the day of the check (rules.md A1.4).
func (r *Result) DerivedPeriod() DerivedPeriod { return r.derived }

// Errors counts error-severity issues.
func (r *Result) Errors() int { return r.Summary.Errors }

// Rule returns an issue's rule.
func (r *Result) Rule(is Issue) *Rule { return r.Spec.Rules.Get(is.Rule) }

// RowNumber is the spreadsheet row the user sees (0 for file-level issues).
func (r *Result) RowNumber(is Issue) int {
	if is.Row < 0 {
		return 0
	}
	return int(r.Table.RowNum[is.Row])
}

// ColumnName is the template header of the issue's field, or the file's
// header for a column not in the template; "" when the issue is not about a
// column.
func (r *Result) ColumnName(is Issue) string {
	if is.Field >= 0 {
		return r.Spec.Fields[is.Field].Name
	}
	if is.Col >= 0 {
		return r.Table.Headers[is.Col]
	}
	return ""
}

// CellRef is the Excel reference of the issue's cell (e.g. "AB12"), "" when
// the issue is not about one cell.
func (r *Result) CellRef(is Issue) string {
	if is.Col < 0 {
		return ""
	}
	if is.Row < 0 {
		return reader.ColumnLetter(int(is.Col))
	}
	return reader.ColumnLetter(int(is.Col)) + strconv.Itoa(r.RowNumber(is))
}

// FieldColumn returns the file column holding a template field, or -1.
func (r *Result) FieldColumn(f *Field) int { return r.fieldCol[f.Index] }

// CellValue is the unmasked value the issue is about ("" for none).
func (r *Result) CellValue(is Issue) string {
	if w := r.wordsOf(is); w != nil && w.value != nil {
		return w.value(r, is)
	}
	if is.Row < 0 || is.Col < 0 {
		return ""
	}
	return r.Table.Value(int(is.Row), int(is.Col))
}

// Personal reports whether a file column holds personal data that exports
// mask unless the user asks for it.
func (r *Result) Personal(col int) bool {
	if col < 0 {
		return false
	}
	f := r.Table.Cols[col].Field
	return f != nil && f.Personal
}

// Value is the issue's value, masked when asked and personal.
func (r *Result) Value(is Issue, mask bool) string {
	v := r.CellValue(is)
	if mask && is.Row >= 0 && is.Col >= 0 && r.masks(int(is.Row), int(is.Col)) {
		return maskCell(r.Table.Cols[is.Col].Field, v)
	}
	return v
}

// MaskValue hides personal data while keeping enough to recognise the
// kind of problem: the last 3 digits of an NHS Number, initials of names,
// the year of a date of birth, the outward code of a postcode.
func MaskValue(f *Field, v string) string {
	if strings.TrimSpace(v) == "" || f == nil {
		return v
	}
	switch f.Type {
	case "nhs_number":
		rs := []rune(v)
		for i := 0; i < len(rs)-3; i++ {
			if rs[i] != ' ' {
				rs[i] = '*'
			}
		}
		return string(rs)
	case "date":
		if days, _, ok, real := ParseDate(strings.TrimSpace(v)); ok && real {
			return "**/**/" + strconv.Itoa(DateFromDays(days).Year())
		}
		return "(date hidden)"
	case "postcode":
		t := strings.ToUpper(strings.TrimSpace(v))
		if out, _, ok := strings.Cut(t, " "); ok {
			return out + " ***"
		}
		if ValidPostcode(t) {
			return t[:len(t)-3] + " ***"
		}
		return "(postcode hidden)"
	}
	rs := []rune(strings.TrimSpace(v))
	return string(rs[:1]) + "***"
}

// info returns the engine's knowledge of row r's value in column c.
func (r *Result) info(row, col int) *cellInfo {
	cs := r.cols[col]
	return &cs.info[cs.col.ids.at(row)]
}

// note is the suggestion and detail of row's value in column col (nil
// when it has none).
func (r *Result) note(row, col int) *valueNote {
	cs := r.cols[col]
	if n := cs.info[cs.col.ids.at(row)].note; n > 0 {
		return &cs.notes[n-1]
	}
	return nil
}

// Detail is the rule-specific detail text of an issue.
func (r *Result) Detail(is Issue, mask bool) string {
	if w := r.wordsOf(is); w != nil && w.detail != nil {
		return w.detail(r, is, mask)
	}
	if is.Row < 0 {
		if is.Arg >= 0 && int(is.Arg) < len(r.details) {
			return r.details[is.Arg]
		}
		return ""
	}
	if is.Col >= 0 {
		row := int(is.Row)
		if mask && r.masks(row, int(is.Col)) {
			return r.note(row, int(is.Col)).maskedDetail()
		}
		return r.note(row, int(is.Col)).detailText()
	}
	return ""
}

// countDetail is the detail of rules whose Arg is a count.
func countDetail(_ *Result, is Issue, _ bool) string { return strconv.Itoa(int(is.Arg)) }

// spacesAround says which spaces surround a value, naming non-breaking
// spaces (they look like ordinary ones): "a space after it", "a
// non-breaking space before it and a space after it".
func spacesAround(v string) string {
	describe := func(sp string) string {
		n := utf8.RuneCountInString(sp)
		nb := strings.Count(sp, "\u00a0")
		kind := "space"
		switch {
		case nb == n:
			kind = "non-breaking space"
		case nb > 0:
			kind = "space (some non-breaking)"
		case strings.ContainsAny(sp, "\t\r\n"):
			kind = "space or tab"
		}
		if n == 1 {
			return "a " + kind
		}
		if strings.HasSuffix(kind, ")") {
			return strings.Replace(kind, "space", strconv.Itoa(n)+" spaces", 1)
		}
		return strconv.Itoa(n) + " " + kind + "s"
	}
	t := strings.TrimSpace(v)
	if t == "" {
		return "only spaces"
	}
	i := strings.Index(v, t)
	before, after := v[:i], v[i+len(t):]
	switch {
	case before != "" && after != "":
		return describe(before) + " before it and " + describe(after) + " after it"
	case before != "":
		return describe(before) + " before it"
	case after != "":
		return describe(after) + " after it"
	}
	return "no spaces around it"
}

func (r *Result) notApplicableReason(row int, f *Field) string {
	ev := r.fieldValue(row, "Event_Type")
	ct := r.fieldValue(row, "Client_Type")
	if f.AppliesEvent != nil && !containsFold(f.AppliesEvent, ev) {
		return "it applies only to " + describeList(f.AppliesEvent) + " events, and this row is " + article(ev)
	}
	if f.AppliesClient != nil && !containsFold(f.AppliesClient, ct) {
		return "it applies only to " + describeList(f.AppliesClient) + " rows, and this row's Client Type is " + quoteOrBlank(ct)
	}
	return "it does not apply to this kind of row"
}

func (r *Result) fieldValue(row int, key string) string {
	f := r.Spec.Field(key)
	if f == nil || r.fieldCol[f.Index] < 0 {
		return ""
	}
	return r.Table.Value(row, r.fieldCol[f.Index])
}

func (r *Result) duplicateText(row int) string {
	s := r.Spec
	names := []string{"person"}
	for _, k := range s.Checks.DuplicateKeys.All {
		names = append(names, s.MustField(k).Name)
	}
	ev := r.fieldValue(row, "Event_Type")
	for typ, keys := range s.Checks.DuplicateKeys.ByEventType {
		if _, v := labelIndexFor(s, "Event_Type", typ); NormalizeValue(v) == NormalizeValue(ev) {
			for _, k := range keys {
				names = append(names, s.MustField(k).Name)
			}
		}
	}
	return describeAnd(names)
}

func (r *Result) personText(row int, mask bool) string {
	if id := r.fieldValue(row, "LA_Person_Unique_Identifier"); strings.TrimSpace(id) != "" {
		return "LA Person Unique Identifier " + id
	}
	nhs := r.fieldValue(row, "NHS_Number")
	if mask {
		nhs = MaskValue(r.Spec.Field("NHS_Number"), nhs)
	}
	return "NHS Number " + nhs
}

// Suggestion is the corrected or nearest valid value an issue proposes.
func (r *Result) Suggestion(is Issue, mask bool) string {
	if w := r.wordsOf(is); w != nil && w.suggestion != nil {
		return w.suggestion(r, is)
	}
	if is.Row < 0 || is.Col < 0 {
		return ""
	}
	s := r.note(int(is.Row), int(is.Col)).suggestionText()
	if mask && r.masks(int(is.Row), int(is.Col)) && s != "" {
		return maskCell(r.Table.Cols[is.Col].Field, s)
	}
	return s
}

// OtherValue is the value of the rule's related column on the issue's row
// (or, for person conflicts, on the row compared with).
func (r *Result) OtherValue(is Issue, mask bool) (string, string) {
	if w := r.wordsOf(is); w != nil && w.other != nil {
		return w.other(r, is, mask)
	}
	return r.otherField(is, mask)
}

// otherField is the rule's other_field and its value on the issue's row.
func (r *Result) otherField(is Issue, mask bool) (string, string) {
	rule := r.Spec.Rules.Get(is.Rule)
	if is.Row < 0 || rule.OtherField == "" {
		return "", ""
	}
	f := r.Spec.Field(rule.OtherField)
	if f == nil {
		return "", ""
	}
	c := r.fieldCol[f.Index]
	if c < 0 {
		return f.Name, ""
	}
	return f.Name, r.CellText(int(is.Row), c, mask)
}

// Message renders the issue's message in plain English, ending with what
// happens to the row centrally.
func (r *Result) Message(is Issue, mask bool) string {
	rule := r.Spec.Rules.Get(is.Rule)
	msg := r.render(is, rule.Message, mask)
	if rule.CentralSays != "" {
		msg += " " + rule.CentralSays
	}
	return msg
}

// Problem is the issue's message without what happens centrally: for
// lists of several issues of one rule, where that sentence would repeat
// on every line.
func (r *Result) Problem(is Issue, mask bool) string {
	return r.render(is, r.Spec.Rules.Get(is.Rule).Message, mask)
}

// render fills a message template's placeholders.
func (r *Result) render(is Issue, tpl string, mask bool) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(tpl, '{')
		if i < 0 {
			b.WriteString(tpl)
			break
		}
		j := strings.IndexByte(tpl[i:], '}')
		if j < 0 {
			b.WriteString(tpl)
			break
		}
		b.WriteString(tpl[:i])
		b.WriteString(r.placeholder(is, tpl[i+1:i+j], mask))
		tpl = tpl[i+j+1:]
	}
	return b.String()
}

func (r *Result) placeholder(is Issue, name string, mask bool) string {
	if mask && is.Row >= 0 && r.RowShifted(int(is.Row)) {
		// The row's values are under the wrong headings: none is shown.
		switch name {
		case "value", "other_value", "suggestion", "event_type", "client_type", "period_start", "period_end", "detail", "count":
			return "***"
		}
	}
	switch name {
	case "column":
		return r.ColumnName(is)
	case "value":
		v := r.Value(is, mask)
		if strings.TrimSpace(v) == "" && is.Row >= 0 {
			return "(blank)"
		}
		return v
	case "suggestion":
		return r.Suggestion(is, mask)
	case "other_column":
		c, _ := r.OtherValue(is, mask)
		return c
	case "other_value":
		_, v := r.OtherValue(is, mask)
		if strings.TrimSpace(v) == "" {
			return "(blank)"
		}
		return v
	case "event_type":
		if is.Row < 0 {
			return ""
		}
		v := strings.ToLower(r.fieldValue(int(is.Row), "Event_Type"))
		if v == "" {
			return "event"
		}
		return v
	case "client_type":
		if is.Row < 0 {
			return ""
		}
		return r.fieldValue(int(is.Row), "Client_Type")
	case "period_start":
		if is.Row < 0 {
			return ""
		}
		return r.fieldValue(int(is.Row), "Reporting_Period_Start_Date")
	case "period_end":
		if is.Row < 0 {
			return ""
		}
		return r.fieldValue(int(is.Row), "Reporting_Period_End_Date")
	case "row_ref":
		if is.Row < 0 || is.Arg < 0 || int(is.Arg) >= r.Table.Len() {
			return ""
		}
		return strconv.Itoa(int(r.Table.RowNum[is.Arg]))
	case "count":
		if is.Row >= 0 {
			return strconv.Itoa(int(is.Arg))
		}
		return r.Detail(is, mask)
	case "detail":
		return r.Detail(is, mask)
	}
	return "{" + name + "}"
}

func (r *Result) liveIssue(is Issue) LiveIssue {
	return LiveIssue{Row: r.RowNumber(is), Column: r.ColumnName(is), Value: r.Value(is, true),
		Rule: r.Rule(is).ID, Severity: is.Sev, Message: r.Message(is, true),
		PersonID: r.PersonID(int(is.Row), true), EventType: r.EventType(int(is.Row))}
}

// IssuesForRow returns the issues of one table row.
func (r *Result) IssuesForRow(row int) []Issue {
	i := sort.Search(len(r.Issues), func(i int) bool { return r.Issues[i].Row >= int32(row) })
	j := i
	for j < len(r.Issues) && r.Issues[j].Row == int32(row) {
		j++
	}
	return r.Issues[i:j]
}

// PersonRows lists the table rows of the person on row `row`, ordered by
// Event Start Date (rows without one last), then row.
func (r *Result) PersonRows(row int) []int {
	if row < 0 || row >= len(r.personOf) || r.personOf[row] < 0 {
		return []int{row}
	}
	p := r.personOf[row]
	var rows []int
	for i, q := range r.personOf {
		if q == p {
			rows = append(rows, i)
		}
	}
	eventStart := r.Spec.Field("Event_Start_Date")
	c := r.fieldCol[eventStart.Index]
	key := func(row int) int64 {
		if c >= 0 {
			vi := r.info(row, c)
			if vi.hasDate() && !vi.invalid() {
				return int64(vi.days)
			}
		}
		return 1 << 40
	}
	sort.SliceStable(rows, func(i, j int) bool { return key(rows[i]) < key(rows[j]) })
	return rows
}

// TimelineNotes says, for each of one person's rows in date order (as
// PersonRows gives them), what stands out in the person's history: a
// service running at the same time as an earlier service of the same
// Service Type and Service Component (it may be recorded twice), and a
// gap of more than six months after all the person's earlier events had
// ended. These are observations for the person view, not issues.
func (r *Result) TimelineNotes(rows []int) [][]string {
	notes := make([][]string, len(rows))
	date := func(row int, key string) (int32, bool) {
		f := r.Spec.Field(key)
		if f == nil || r.fieldCol[f.Index] < 0 {
			return 0, false
		}
		vi := r.info(row, r.fieldCol[f.Index])
		return vi.days, vi.hasDate() && !vi.invalid()
	}
	type service struct {
		row        int
		start, end int32
		open       bool
		key        string
	}
	var services []service
	var lastEnd int32
	ended, open := false, false // some earlier event has ended; some is still open
	for i, row := range rows {
		start, ok := date(row, "Event_Start_Date")
		if !ok {
			continue
		}
		end, hasEnd := date(row, "Event_End_Date")
		if ended && !open && start-lastEnd > 183 {
			notes[i] = append(notes[i], fmt.Sprintf("About %s after all this person's earlier events had ended (last on %s).",
				Plural(int(start-lastEnd+15)/30, "month", "months"), FormatDays(lastEnd)))
		}
		if NormalizeValue(r.fieldValue(row, "Event_Type")) == "service" {
			s := service{row: row, start: start, end: end, open: !hasEnd,
				key: NormalizeValue(r.fieldValue(row, "Service_Type")) + "|" + NormalizeValue(r.fieldValue(row, "Service_Component"))}
			for _, e := range services {
				if e.key == s.key && (e.open || e.end >= start) {
					notes[i] = append(notes[i], fmt.Sprintf("Runs at the same time as the same service on row %s (from %s): check it is not recorded twice.",
						Commas(int(r.Table.RowNum[e.row])), FormatDays(e.start)))
					break
				}
			}
			services = append(services, s)
		}
		switch {
		case !hasEnd:
			open = true
		case !ended || end > lastEnd:
			lastEnd, ended = end, true
		}
	}
	return notes
}

// PersonID is the identifier shown for a row's person: the LA Person
// Unique Identifier, or the (masked) NHS Number.
func (r *Result) PersonID(row int, mask bool) string {
	if row < 0 {
		return ""
	}
	if id := strings.TrimSpace(r.fieldValue(row, "LA_Person_Unique_Identifier")); id != "" {
		if mask && r.RowShifted(row) {
			return maskText(id)
		}
		return id
	}
	nhs := r.fieldValue(row, "NHS_Number")
	if mask && strings.TrimSpace(nhs) != "" {
		return "NHS " + MaskValue(r.Spec.Field("NHS_Number"), nhs)
	}
	return nhs
}

// EventType is the row's Event Type as written.
func (r *Result) EventType(row int) string {
	if row < 0 {
		return ""
	}
	return r.fieldValue(row, "Event_Type")
}

// CellStatus is the DHSC status and validity of one cell, for the record
// view; ok is false for a column outside the template.
func (r *Result) CellStatus(row, col int) (valid bool, blank bool, ok bool) {
	if col < 0 || col >= len(r.cols) || r.cols[col].col.Field == nil {
		return true, false, false
	}
	vi := r.info(row, col)
	return !vi.invalid(), vi.blank(), true
}

// MaskedInvalidValues is Summary.InvalidValues with personal values masked.
func (r *Result) MaskedInvalidValues() []ValueCount {
	out := make([]ValueCount, len(r.Summary.InvalidValues))
	for i, v := range r.Summary.InvalidValues {
		if v.Personal {
			var field *Field
			for _, f := range r.Spec.Fields {
				if f.Name == v.Field {
					field = f
				}
			}
			v.Value = maskCell(field, v.Value)
		}
		out[i] = v
	}
	return out
}
