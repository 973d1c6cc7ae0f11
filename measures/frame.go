package measures

import (
	"math"
	"runtime"
	"strings"
	"sync"

	"cldvalidator/validation"
)

// The frame is the checked file reduced to what the measures read, one
// compact array per field: list fields as the index of the list entry each
// row means, dates as day numbers, people as numeric keys. It is built once
// from the Result (every field side by side) and shared by every measure.

// Codes of a list field's row.
const (
	cBlank   int8 = -1 // blank, and allowed to be
	cInvalid int8 = -2 // a value the check found invalid (not usable as it is)
	cMissing int8 = -3 // blank where the field is mandatory
	cFree    int8 = -4 // a value of a field the specification has no list for
)

// Date sentinels (every real date is greater).
const (
	dBlank   int32 = math.MinInt32     // no date, allowed
	dInvalid int32 = math.MinInt32 + 1 // not readable as a date
	dMissing int32 = math.MinInt32 + 2 // blank where mandatory
)

func okDate(d int32) bool { return d > dMissing }

// List fields the measures read.
const (
	fEvent = iota
	fClient
	fST
	fSC
	fDM
	fOutcome
	fPSR
	fAccom
	fEmploy
	fGender
	fEth
	fCarer
	fROA
	fReviewReason
	fMethodReview
	fAssessType
	nLists
)

var listKeys = [nLists]string{
	"Event_Type", "Client_Type", "Service_Type", "Service_Component", "Delivery_Mechanism", "Event_Outcome",
	"Primary_Support_Reason", "Accommodation_Status", "Employment_Status", "Gender", "Ethnicity", "Has_Unpaid_Carer",
	"Request_Route_of_Access", "Review_Reason", "Method_of_Review", "Assessment_Type",
}

// Date fields.
const (
	dESD = iota
	dEED
	dDOB
	dDOD
	nDates
)

var dateKeys = [nDates]string{"Event_Start_Date", "Event_End_Date", "Date_of_Birth", "Date_of_Death"}

type frame struct {
	res  *validation.Result
	spec *validation.Spec
	n    int

	lists [nLists][]int8
	vals  [nLists]validation.Values
	dates [nDates][]int32
	dvals [nDates]validation.Values

	// People's identifiers, numbered from 1 by meaning (0 for none): NHS
	// Numbers 1..nhsCount, LA Person Unique Identifiers 1..laCount. A
	// person key (see personKey) is an NHS Number's number, or an LA
	// identifier's number after the NHS Numbers, so keys are small and
	// dense.
	nhs      []uint32
	nhsValid []bool // a valid NHS Number (the check found nothing wrong with it)
	nhsCount int
	la       []uint32
	laCount  int
	dobMonth []int32 // the first day of the birth month, or a date sentinel

	start, end int32 // the reporting period
	hasPeriod  bool
}

// chunk is how many rows are read at a time.
const chunk = 1 << 14

// newFrame reads the fields the measures need, side by side.
func newFrame(res *validation.Result) *frame {
	n := res.Table.Len()
	f := &frame{res: res, spec: res.Spec, n: n}
	var tasks []func()
	for i := range listKeys {
		i := i
		tasks = append(tasks, func() { f.loadList(i) })
	}
	for i := range dateKeys {
		i := i
		tasks = append(tasks, func() { f.loadDate(i) })
	}
	tasks = append(tasks, f.loadNHS, f.loadLA)
	parallel(tasks)
	f.markMandatoryBlanks()
	f.dobMonth = make([]int32, n)
	for r, d := range f.dates[dDOB] {
		if okDate(d) {
			y, m, _ := validation.CivilDate(d)
			d = validation.DaysFromDate(y, m, 1)
		}
		f.dobMonth[r] = d
	}
	f.start, f.end, f.hasPeriod = statedPeriod(res)
	return f
}

// statedPeriod is the reporting period most rows state.
func statedPeriod(res *validation.Result) (start, end int32, ok bool) {
	s, e := res.StatedPeriod()
	ds, _, ok1, real1 := validation.ParseDate(strings.TrimSpace(s))
	de, _, ok2, real2 := validation.ParseDate(strings.TrimSpace(e))
	if !ok1 || !ok2 || !real1 || !real2 || ds > de {
		return 0, 0, false
	}
	return ds, de, true
}

// parallel runs the tasks on at most GOMAXPROCS goroutines.
func parallel(tasks []func()) {
	var wg sync.WaitGroup
	next := make(chan func())
	for g := 0; g < min(len(tasks), runtime.GOMAXPROCS(0)); g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range next {
				t()
			}
		}()
	}
	for _, t := range tasks {
		next <- t
	}
	close(next)
	wg.Wait()
}

func (f *frame) loadList(i int) {
	v := f.res.FieldValues(listKeys[i])
	f.vals[i] = v
	codeOf := make([]int8, v.Count())
	for id := range codeOf {
		vi := v.Info(uint32(id))
		switch {
		case vi.Blank:
			codeOf[id] = cBlank
		case vi.Invalid:
			codeOf[id] = cInvalid
		case vi.ListIndex >= 0:
			codeOf[id] = int8(vi.ListIndex)
		case v.Field() != nil && !v.Field().HasPublishedList():
			codeOf[id] = cFree
		default:
			codeOf[id] = cInvalid
		}
	}
	f.lists[i] = byRow(v, f.n, codeOf)
}

func (f *frame) loadDate(i int) {
	v := f.res.FieldValues(dateKeys[i])
	f.dvals[i] = v
	dayOf := make([]int32, v.Count())
	for id := range dayOf {
		vi := v.Info(uint32(id))
		switch {
		case vi.Blank:
			dayOf[id] = dBlank
		case vi.HasDate:
			// A readable date counts even when the check asks for another
			// way of writing it (a time part, no leading zeros): central
			// processing loads dates into date columns.
			dayOf[id] = vi.Date
		default:
			dayOf[id] = dInvalid
		}
	}
	f.dates[i] = byRow(v, f.n, dayOf)
}

// byRow spreads what is worked out once per distinct value (of, indexed
// by value ID) over the n rows.
func byRow[T any](v validation.Values, n int, of []T) []T {
	out := make([]T, n)
	buf := make([]uint32, chunk) // ours: IDs may write into it
	for lo := 0; lo < n; lo += chunk {
		hi := min(n, lo+chunk)
		for k, id := range v.IDs(lo, hi, buf) {
			out[lo+k] = of[id]
		}
	}
	return out
}

// loadNHS reads NHS Numbers as numbers (spaces and dashes dropped), so the
// same number written two ways is one person.
func (f *frame) loadNHS() {
	v := f.res.FieldValues("NHS_Number")
	keyOf := make([]uint32, v.Count())
	validOf := make([]bool, v.Count())
	number := map[uint64]uint32{}
	for id := range keyOf {
		vi := v.Info(uint32(id))
		if vi.Blank {
			continue
		}
		k := nhsKey(v.Text(uint32(id)))
		if k == 0 {
			continue
		}
		n, ok := number[k]
		if !ok {
			n = uint32(len(number) + 1)
			number[k] = n
		}
		keyOf[id] = n
		validOf[id] = !vi.Invalid
	}
	f.nhsCount = len(number)
	f.nhs = byRow(v, f.n, keyOf)
	f.nhsValid = byRow(v, f.n, validOf)
}

// nhsKey is an NHS Number's digits as a number with a marker bit, or (for
// a value that is not digits) a hash of its text, so any written value is a
// key; 0 for none.
func nhsKey(s string) uint64 {
	s = strings.TrimSpace(s)
	var d uint64
	digits := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			d = d*10 + uint64(c-'0')
			digits++
		case c == ' ' || c == '-':
		default:
			digits = 100
		}
		if digits > 18 {
			break
		}
	}
	if digits > 0 && digits <= 18 {
		return 1<<62 | d
	}
	if s == "" {
		return 0
	}
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return 2<<62 | h>>2
}

// loadLA numbers the LA Person Unique Identifiers by their text without
// surrounding spaces.
func (f *frame) loadLA() {
	v := f.res.FieldValues("LA_Person_Unique_Identifier")
	keyOf := make([]uint32, v.Count())
	seen := make(map[string]uint32, v.Count())
	for id := range keyOf {
		if v.Info(uint32(id)).Blank {
			continue
		}
		t := strings.TrimSpace(v.Text(uint32(id)))
		k, ok := seen[t]
		if !ok {
			k = uint32(len(seen) + 1)
			seen[t] = k
		}
		keyOf[id] = k
	}
	f.laCount = len(seen)
	f.la = byRow(v, f.n, keyOf)
}

// markMandatoryBlanks turns blanks the check reported as mandatory into
// cMissing / dMissing, so a step can say the value was needed.
func (f *frame) markMandatoryBlanks() {
	rule := f.spec.Rules.ID("mandatory-blank")
	listOf := map[int]int{}
	dateOf := map[int]int{}
	for i, k := range listKeys {
		if fl := f.spec.Field(k); fl != nil {
			listOf[fl.Index] = i
		}
	}
	for i, k := range dateKeys {
		if fl := f.spec.Field(k); fl != nil {
			dateOf[fl.Index] = i
		}
	}
	for _, is := range f.res.Issues {
		if is.Rule != rule || is.Row < 0 || is.Field < 0 {
			continue
		}
		if i, ok := listOf[int(is.Field)]; ok && f.lists[i][is.Row] == cBlank {
			f.lists[i][is.Row] = cMissing
		}
		if i, ok := dateOf[int(is.Field)]; ok && f.dates[i][is.Row] == dBlank {
			f.dates[i][is.Row] = dMissing
		}
	}
}

// label is the list entry a code means ("" for none).
func (f *frame) label(field int, code int8) string {
	fl := f.spec.Field(listKeys[field])
	if fl == nil || code < 0 || int(code) >= len(fl.Values) {
		return ""
	}
	return fl.Values[code].Value
}

// text is the row's value of a list field as written.
func (f *frame) text(field, row int) string {
	v := f.vals[field]
	return strings.TrimSpace(v.Text(v.ID(row)))
}

// fieldName is a field's template header.
func (f *frame) fieldName(field int) string {
	if fl := f.spec.Field(listKeys[field]); fl != nil {
		return fl.Name
	}
	return strings.ReplaceAll(listKeys[field], "_", " ")
}

func (f *frame) dateName(d int) string {
	if fl := f.spec.Field(dateKeys[d]); fl != nil {
		return fl.Name
	}
	return strings.ReplaceAll(dateKeys[d], "_", " ")
}

// whyList says in words why a row's list value cannot be used: the check's
// issue ("Service Type: Value not in the defined list").
func (f *frame) whyList(field, row int) string {
	name := f.fieldName(field)
	switch f.lists[field][row] {
	case cMissing:
		return name + " is blank (it is mandatory)"
	case cBlank:
		return name + " is blank"
	}
	v := f.vals[field]
	if vi := v.Info(v.ID(row)); vi.Rule != nil {
		return name + ": " + vi.Rule.Title
	}
	return name + " is not a listed value"
}

// whyDate says why a row's date cannot be used.
func (f *frame) whyDate(d, row int) string {
	name := f.dateName(d)
	switch f.dates[d][row] {
	case dMissing:
		return name + " is blank (it is mandatory)"
	case dBlank:
		return name + " is blank"
	}
	v := f.dvals[d]
	if vi := v.Info(v.ID(row)); vi.Rule != nil {
		return name + ": " + vi.Rule.Title
	}
	return name + " is not a date"
}

// bad reports a list value that is present but unusable, or missing where
// mandatory.
func bad(c int8) bool { return c == cInvalid || c == cMissing }

// ageOn is the age central processing derives on a date: whole years of
// 365.25 days from the first day of the birth month (NHS England and DHSC
// see only the birth month and year). ok is false without a birth date.
func (f *frame) ageOn(row int, on int32) (int, bool) {
	d := f.dobMonth[row]
	if !okDate(d) {
		return 0, false
	}
	return int(math.Floor(float64(on-d) / 365.25)), true
}

// ageFrom is ageOn for a first-of-month birth day already chosen.
func ageFrom(dobMonth, on int32) int {
	return int(math.Floor(float64(on-dobMonth) / 365.25))
}
