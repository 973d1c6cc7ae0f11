package sample

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"cldvalidator/validation"
)

// Seeded error kinds and the rule the validator must raise for each, at
// the row and column recorded in the truth file, with the rule's severity
// in the catalogue (most are errors; a readable date with a time, NHS
// Number problems, a death before birth, Direct Payment in prison and an
// event after the period are warnings since the catalogue follows what
// happens centrally).
const (
	kindInvalidList     = "invalid-list-value"
	kindImpossibleDate  = "impossible-date"
	kindBadDateFormat   = "bad-date-format"
	kindDateWithTime    = "date-with-time"
	kindNHSCheckDigit   = "nhs-checkdigit"
	kindNHSLength       = "nhs-length"
	kindMandatoryBlank  = "mandatory-blank"
	kindNonNumericCost  = "non-numeric-cost"
	kindNonIntegerCount = "non-integer-count"
	kindNoPersonID      = "no-person-id"
	kindEndBeforeStart  = "end-before-start"
	kindDeathBeforeDOB  = "death-before-birth"
	kindDirectPayPrison = "direct-payment-prison"
	kindEventAfter      = "event-after-period"
	kindOpenRequest     = "open-request"
)

// kindRules maps each kind to its rule id (rules.json).
var kindRules = map[string]string{
	kindInvalidList:     "list-invalid",
	kindImpossibleDate:  "date-impossible",
	kindBadDateFormat:   "date-format",
	kindDateWithTime:    "date-has-time",
	kindNHSCheckDigit:   "nhs-number-checkdigit",
	kindNHSLength:       "nhs-number-format",
	kindMandatoryBlank:  "mandatory-blank",
	kindNonNumericCost:  "number-invalid",
	kindNonIntegerCount: "integer-invalid",
	kindNoPersonID:      "no-person-id",
	kindEndBeforeStart:  "end-before-start",
	kindDeathBeforeDOB:  "death-before-birth",
	kindDirectPayPrison: "direct-payment-prison",
	kindEventAfter:      "event-start-after-period",
	kindOpenRequest:     "mandatory-blank",
}

// kindOrder fixes the order kinds are considered in (map order is random).
var kindOrder = []string{
	kindInvalidList, kindImpossibleDate, kindBadDateFormat, kindDateWithTime, kindNHSCheckDigit, kindNHSLength,
	kindMandatoryBlank, kindNonNumericCost, kindNonIntegerCount, kindNoPersonID, kindEndBeforeStart,
	kindDeathBeforeDOB, kindDirectPayPrison, kindEventAfter, kindOpenRequest,
}

// blankable are the fields a mandatory-blank error may empty: blanking them
// changes no other field's status in a way that creates a second error
// (each attempt is checked anyway).
var blankable = []string{
	"LA_Code", "NHS_Number", "Gender", "Ethnicity", "Date_of_Birth", "Postcode", "Accommodation_Status",
	"Has_Unpaid_Carer", "Primary_Support_Reason", "Employment_Status", "Client_Funding_Status", "Event_Start_Date",
	"Event_End_Date", "Event_Outcome", "Request_Route_of_Access", "Method_of_Assessment", "Service_Type",
	"Service_Component", "Review_Reason", "Method_of_Review", "Review_Outcomes_Achieved", "Unit_Cost",
	"Cost_Frequency_Unit_Type", "Planned_units_per_week",
}

// errorSeeder puts one error on a chosen row, and checks, with the
// specification's own conditions, that it is the only error on the row.
type errorSeeder struct {
	gen        *gen
	spec       *validation.Spec
	listFields []int            // fields that can take an invalid-list-value error
	invalid    map[int][]string // field → invalid values usable in this release
	blankable  []int
	severity   map[string]string // kind → its rule's severity
}

func newErrorSeeder(g *gen) (*errorSeeder, error) {
	s := g.spec
	es := &errorSeeder{gen: g, spec: s, invalid: map[int][]string{}}
	es.severity = map[string]string{}
	for _, k := range kindOrder {
		r := s.Rules.Lookup(kindRules[k])
		if r == nil || r.Severity == validation.Info {
			return nil, fmt.Errorf("sample: rule %s for seeded %s errors is not an error or warning in the rule catalogue", kindRules[k], k)
		}
		es.severity[k] = r.Severity.String()
	}
	r1, err := validation.LoadSpec(validation.R1)
	if err != nil {
		return nil, err
	}
	for _, f := range s.Fields {
		vals, ok := invalidListValues[f.Key]
		if !ok || !confirmedList(f) {
			continue
		}
		// A value must not be any list value in another spelling (that is
		// a different rule), nor a Release 1 value (in a Release 2 file).
		taken := normalizedValues(f)
		if s.Release != validation.R1 {
			for k := range normalizedValues(r1.Field(f.Key)) {
				taken[k] = true
			}
		}
		for _, v := range vals {
			if !taken[validation.NormalizeValue(v)] {
				es.invalid[f.Index] = append(es.invalid[f.Index], v)
			}
		}
		if len(es.invalid[f.Index]) > 0 {
			es.listFields = append(es.listFields, f.Index)
		}
	}
	for _, k := range blankable {
		if f := s.Field(k); f != nil {
			es.blankable = append(es.blankable, f.Index)
		}
	}
	return es, nil
}

// confirmedList reports whether the validator treats a value missing from
// the field's list as certainly wrong (an error, not a warning).
func confirmedList(f *validation.Field) bool {
	if !f.HasPublishedList() || !f.ListComplete() {
		return false
	}
	for _, v := range f.Values {
		if v.Verified {
			return true
		}
	}
	return false
}

func normalizedValues(f *validation.Field) map[string]bool {
	m := map[string]bool{}
	if f == nil {
		return m
	}
	for _, v := range f.Values {
		m[validation.NormalizeValue(v.Value)] = true
		for _, a := range v.Also {
			m[validation.NormalizeValue(a)] = true
		}
	}
	return m
}

func isBlank(v string) bool {
	t := strings.TrimSpace(v)
	return t == "" || strings.EqualFold(t, "NULL")
}

// seed gives the row one error. Kinds used least so far are tried first,
// so that every kind appears even when it fits few rows.
func (es *errorSeeder) seed(r *row) (SeededError, bool) {
	g := es.gen
	type cand struct {
		kind string
		key  uint64
	}
	var cands []cand
	for _, k := range kindOrder {
		cands = append(cands, cand{k, g.errRNG.u64()})
	}
	slices.SortFunc(cands, func(a, b cand) int {
		if d := g.kindCount[a.kind] - g.kindCount[b.kind]; d != 0 {
			return d
		}
		if a.key < b.key {
			return -1
		}
		return 1
	})
	saved := slices.Clone(r.cells)
	// A person-level value that differs on one of a person's two rows: the
	// validator reports the conflict on the later row, so seed it there.
	personLevelOK := !(r.pRows == 2 && r.pIdx == 0)
	for _, c := range cands {
		switch c.kind {
		case kindNHSCheckDigit, kindNHSLength, kindDeathBeforeDOB:
			if !personLevelOK {
				continue
			}
		}
		col, ok := es.apply(c.kind, r)
		if ok && es.onlyError(c.kind, r, col) {
			g.kindCount[c.kind]++
			return SeededError{Row: r.num, Column: g.headers[col], Kind: c.kind, Rule: kindRules[c.kind], Severity: es.severity[c.kind], Value: r.cells[col]}, true
		}
		copy(r.cells, saved)
	}
	return SeededError{}, false
}

// onlyError checks the row after the change: every mandatory field is
// filled and no field that does not apply is filled, apart from what the
// error itself blanks; and a value error sits in a field that applies (a
// value in a field that does not apply is reported as such instead).
func (es *errorSeeder) onlyError(kind string, r *row, col int) bool {
	c := &es.gen.col
	allowed := map[int]bool{}
	switch kind {
	case kindMandatoryBlank, kindOpenRequest:
		allowed[col] = true
	case kindNoPersonID:
		allowed[c.NHS], allowed[c.LAID] = true, true
	}
	for fi := range r.cells {
		st := es.status(r.cells, fi)
		blank := isBlank(r.cells[fi])
		switch {
		case blank && st == validation.StatusMandatory:
			if !allowed[fi] {
				return false
			}
			delete(allowed, fi)
		case !blank && st == validation.StatusNotApplicable:
			return false
		}
	}
	if len(allowed) > 0 {
		return false // the blanked field is not mandatory on this row
	}
	return true
}

// status is the field's status on a row: the validator's own status model.
func (es *errorSeeder) status(cells []string, fi int) validation.Status {
	return es.spec.RowStatuses(cells)[fi]
}

// apply makes the change for one kind, returning the column of the error;
// ok is false when the kind does not fit the row.
func (es *errorSeeder) apply(kind string, r *row) (int, bool) {
	switch kind {
	case kindInvalidList:
		return es.seedInvalidList(r)
	case kindImpossibleDate, kindBadDateFormat, kindDateWithTime:
		return es.seedDate(kind, r)
	case kindNHSCheckDigit:
		return es.seedNHSCheckDigit(r)
	case kindNHSLength:
		return es.seedNHSLength(r)
	case kindMandatoryBlank:
		return es.seedMandatoryBlank(r)
	case kindNonNumericCost:
		return es.seedNonNumericCost(r)
	case kindNonIntegerCount:
		return es.seedNonIntegerCount(r)
	case kindNoPersonID:
		return es.seedNoPersonID(r)
	case kindEndBeforeStart:
		return es.seedEndBeforeStart(r)
	case kindDeathBeforeDOB:
		return es.seedDeathBeforeDOB(r)
	case kindDirectPayPrison:
		return es.seedDirectPayPrison(r)
	case kindEventAfter:
		return es.seedEventAfter(r)
	case kindOpenRequest:
		return es.seedOpenRequest(r)
	}
	return 0, false
}

func (es *errorSeeder) seedInvalidList(r *row) (int, bool) {
	c := &es.gen.col
	rr := es.gen.errRNG
	cells := r.cells
	var fs []int
	for _, fi := range es.listFields {
		st := es.status(cells, fi)
		if st == validation.StatusNotApplicable || (isBlank(cells[fi]) && st != validation.StatusApplicable) {
			continue
		}
		if fi == c.Outcome && isBlank(cells[fi]) {
			continue // financial assessment: an outcome there is its own warning
		}
		fs = append(fs, fi)
	}
	if len(fs) == 0 {
		return 0, false
	}
	fi := pick(rr, fs)
	cells[fi] = pick(rr, es.invalid[fi])
	return fi, true
}

func (es *errorSeeder) seedDate(kind string, r *row) (int, bool) {
	c := &es.gen.col
	rr := es.gen.errRNG
	cells := r.cells
	isEvent := r.typ != evNone
	var targets []int
	switch {
	case isEvent:
		targets = append(targets, c.ESD)
		if !isBlank(cells[c.EED]) {
			targets = append(targets, c.EED)
		}
	case r.client == clCarerByAssociation:
		targets = append(targets, c.DOB) // one row per person: no conflict with other rows
	default:
		return 0, false
	}
	fi := pick(rr, targets)
	day, ok := parseDMY(cells[fi])
	if !ok {
		return 0, false
	}
	y, m, d := civil(day)
	switch kind {
	case kindImpossibleDate:
		type dm struct{ d, m int }
		opts := []dm{{31, 2}, {30, 2}, {31, 4}, {31, 6}, {31, 9}, {31, 11}}
		if !isLeap(y) {
			opts = append(opts, dm{29, 2})
		}
		x := pick(rr, opts)
		cells[fi] = fmtDMY(x.d, x.m, y)
	case kindBadDateFormat:
		switch rr.intn(3) {
		case 0:
			cells[fi] = fmt.Sprintf("%04d-%02d-%02d", y, m, d)
		case 1:
			cells[fi] = fmt.Sprintf("%02d-%02d-%04d", d, m, y)
		default:
			cells[fi] = fmt.Sprintf("%02d.%02d.%04d", d, m, y)
		}
	default:
		if rr.chance(0.6) {
			cells[fi] += " 00:00:00"
		} else {
			cells[fi] += fmt.Sprintf(" %02d:%02d", rr.between(8, 17), 15*rr.intn(4))
		}
	}
	return fi, true
}

func (es *errorSeeder) seedNHSCheckDigit(r *row) (int, bool) {
	c := &es.gen.col
	rr := es.gen.errRNG
	cells := r.cells
	n := cells[c.NHS]
	if len(n) != 10 {
		return 0, false
	}
	check, _ := nhsCheckDigit(n[:9])
	d := (check + 1 + rr.intn(9)) % 10
	v := n[:9] + strconv.Itoa(d)
	if strings.Count(v, v[:1]) == 10 {
		return 0, false
	}
	cells[c.NHS] = v
	return c.NHS, true
}

func (es *errorSeeder) seedNHSLength(r *row) (int, bool) {
	c := &es.gen.col
	rr := es.gen.errRNG
	cells := r.cells
	n := cells[c.NHS]
	if len(n) != 10 {
		return 0, false
	}
	if rr.chance(0.5) {
		cells[c.NHS] = n[:9]
	} else {
		cells[c.NHS] = n + strconv.Itoa(rr.intn(10))
	}
	return c.NHS, true
}

func (es *errorSeeder) seedMandatoryBlank(r *row) (int, bool) {
	rr := es.gen.errRNG
	cells := r.cells
	var fs []int
	for _, fi := range es.blankable {
		if !isBlank(cells[fi]) && es.status(cells, fi) == validation.StatusMandatory {
			fs = append(fs, fi)
		}
	}
	if len(fs) == 0 {
		return 0, false
	}
	fi := pick(rr, fs)
	cells[fi] = ""
	return fi, true
}

func (es *errorSeeder) seedNonNumericCost(r *row) (int, bool) {
	c := &es.gen.col
	cells := r.cells
	if isBlank(cells[c.UnitCost]) {
		return 0, false
	}
	cells[c.UnitCost] = "£" + cells[c.UnitCost]
	return c.UnitCost, true
}

func (es *errorSeeder) seedNonIntegerCount(r *row) (int, bool) {
	c := &es.gen.col
	rr := es.gen.errRNG
	cells := r.cells
	if r.client == clServiceUser || isBlank(cells[c.NoAdults]) {
		return 0, false
	}
	cells[c.NoAdults] = pick(rr, []string{"one", "two", "1.5", "1 or 2"})
	return c.NoAdults, true
}

func (es *errorSeeder) seedNoPersonID(r *row) (int, bool) {
	c := &es.gen.col
	cells := r.cells
	if isBlank(cells[c.NHS]) || isBlank(cells[c.LAID]) || (r.linked && r.pRows == 1) {
		return 0, false // (a carer's link to a person's only row would be left dangling)
	}
	cells[c.NHS], cells[c.LAID] = "", ""
	return c.LAID, true
}

func (es *errorSeeder) seedEndBeforeStart(r *row) (int, bool) {
	g := es.gen
	c := &es.gen.col
	rr := es.gen.errRNG
	cells := r.cells
	isEvent := r.typ != evNone
	start, ok := parseDMY(cells[c.ESD])
	if !isEvent || !ok || start <= g.periodStart {
		return 0, false
	}
	cells[c.EED] = fmtDate(rr.between(max(g.periodStart, start-60), start-1))
	return c.EED, true
}

func (es *errorSeeder) seedDeathBeforeDOB(r *row) (int, bool) {
	c := &es.gen.col
	rr := es.gen.errRNG
	cells := r.cells
	dob, ok := parseDMY(cells[c.DOB])
	if !ok {
		return 0, false
	}
	dod := dob - rr.between(30, 3650)
	if y, _, _ := civil(dod); y < 1901 {
		return 0, false
	}
	cells[c.DOD] = fmtDate(dod)
	return c.DOD, true
}

func (es *errorSeeder) seedDirectPayPrison(r *row) (int, bool) {
	g := es.gen
	c := &es.gen.col
	rr := es.gen.errRNG
	cells := r.cells
	if r.typ != evService || r.client != clServiceUser {
		return 0, false
	}
	cells[c.SvcType] = g.l("Service_Type", stLTPrison)
	cells[c.Component] = g.l("Service_Component", "Direct Payment")
	cells[c.Delivery] = g.l("Delivery_Mechanism", dmDirectPayment)
	cells[c.ProvName], cells[c.ProvID] = "", ""
	if isBlank(cells[c.UnitCost]) {
		cells[c.UnitCost] = fmtPence(rr.between(9000, 40000))
		cells[c.Freq] = g.l("Cost_Frequency_Unit_Type", "Weekly")
		cells[c.Units] = "1"
	}
	return c.Delivery, true
}

func (es *errorSeeder) seedEventAfter(r *row) (int, bool) {
	g := es.gen
	c := &es.gen.col
	rr := es.gen.errRNG
	cells := r.cells
	if r.typ != evService || !isBlank(cells[c.EED]) {
		return 0, false
	}
	cells[c.ESD] = fmtDate(g.periodEnd + rr.between(1, 45))
	return c.ESD, true
}

func (es *errorSeeder) seedOpenRequest(r *row) (int, bool) {
	c := &es.gen.col
	cells := r.cells
	if r.typ != evRequest || isBlank(cells[c.EED]) {
		return 0, false
	}
	cells[c.EED] = ""
	return c.EED, true
}
