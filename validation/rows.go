package validation

import (
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
)

// ruleHandles are the rules the engine raises, resolved once per run.
type ruleHandles struct {
	mandatoryBlank, notApplicable, nullText, rowExtraCells, spaces RuleID
}

func resolveRules(c *Catalogue) ruleHandles {
	return ruleHandles{
		mandatoryBlank: c.ID("mandatory-blank"),
		notApplicable:  c.ID("not-applicable-populated"),
		nullText:       c.ID("null-text"),
		rowExtraCells:  c.ID("row-extra-cells"),
		spaces:         c.ID("value-whitespace"),
	}
}

// fieldRef reads one field on any row; a missing column reads as blank.
type fieldRef struct {
	f   *Field
	col int
	cs  *colState
}

var blankInfo = cellInfo{flags: vBlank, canon: -1}

func (e *engine) ref(key string) fieldRef {
	f := e.spec.MustField(key)
	c := e.fieldCol[f.Index]
	if c < 0 {
		return fieldRef{f: f, col: -1}
	}
	return fieldRef{f: f, col: c, cs: e.cols[c]}
}

func (r fieldRef) info(row int) *cellInfo {
	if r.cs == nil {
		return &blankInfo
	}
	return &r.cs.info[r.cs.col.ids.at(row)]
}

// id is the row's value id; equal values have equal ids (for a raw
// column, through its canonical ids).
func (r fieldRef) id(row int) uint32 {
	if r.cs == nil {
		return 0
	}
	id := r.cs.col.ids.at(row)
	if c := r.cs.col.dict.Canonical(); c != nil {
		return c[id]
	}
	return id
}

func (r fieldRef) num(row int) (float64, bool) {
	if r.cs == nil {
		return 0, false
	}
	id := r.cs.col.ids.at(row)
	if r.cs.info[id].flags&vHasNum == 0 {
		return 0, false
	}
	return r.cs.nums[id], true
}

// date returns the day number of a valid date.
func (r fieldRef) date(row int) (int32, bool) {
	vi := r.info(row)
	if !vi.hasDate() || vi.invalid() {
		return 0, false
	}
	return vi.days, true
}

func (r fieldRef) present() bool { return r.cs != nil }

// rowRule is one cross-field check applied to every row. Each is a small
// function so it can be tested, listed and contained on its own.
type rowRule struct {
	name string
	rule RuleID
	fn   func(w *worker, r int)
	off  atomic.Bool // switched off after an internal error
}

// rowFields are the fields the row rules read.
type rowFields struct {
	laCode, rpStart, rpEnd, nhs, laID, dob, dod, client, event, eventStart, eventEnd,
	outcome, assessType, serviceType, delivery, noAdults fieldRef
	linked []fieldRef
}

// rowLabels are the list indexes of the values rules compare with (-1 when
// the release's list lacks them).
type rowLabels struct {
	request, assessment, service, review     int16
	serviceUser, carerByAssociation          int16
	openOutcome, deceased, directPay, prison int16
	openOutcomeText                          string
	financialPrefix                          string
}

func labelIndex(s *Spec, name string) (int16, string) {
	f, v, _ := s.label(name)
	for i, lv := range f.Values {
		if NormalizeValue(lv.Value) == NormalizeValue(v) {
			return int16(i), lv.Value
		}
	}
	return -1, v
}

func (e *engine) prepareRowRules() {
	s := e.spec
	e.field = rowFields{
		laCode: e.ref("LA_Code"), rpStart: e.ref("Reporting_Period_Start_Date"), rpEnd: e.ref("Reporting_Period_End_Date"),
		nhs: e.ref("NHS_Number"), laID: e.ref("LA_Person_Unique_Identifier"), dob: e.ref("Date_of_Birth"),
		dod: e.ref("Date_of_Death"), client: e.ref("Client_Type"), event: e.ref("Event_Type"),
		eventStart: e.ref("Event_Start_Date"), eventEnd: e.ref("Event_End_Date"), outcome: e.ref("Event_Outcome"),
		assessType: e.ref("Assessment_Type"), serviceType: e.ref("Service_Type"), delivery: e.ref("Delivery_Mechanism"),
		noAdults: e.ref(s.Checks.LinkedPerson.CountField),
	}
	for _, k := range s.Checks.LinkedPerson.Fields {
		e.field.linked = append(e.field.linked, e.ref(k))
	}
	var l rowLabels
	l.request, _ = labelIndex(s, "event_request")
	l.assessment, _ = labelIndex(s, "event_assessment")
	l.service, _ = labelIndex(s, "event_service")
	l.review, _ = labelIndex(s, "event_review")
	l.serviceUser, _ = labelIndex(s, "client_service_user")
	l.carerByAssociation, _ = labelIndex(s, "client_carer_by_association")
	l.openOutcome, l.openOutcomeText = labelIndex(s, "outcome_open_service")
	l.deceased, _ = labelIndex(s, "outcome_deceased")
	l.directPay, _ = labelIndex(s, "delivery_direct_payment")
	l.prison, _ = labelIndex(s, "service_prison")
	_, fin, _ := s.label("assessment_financial")
	l.financialPrefix = NormalizeValue(fin)
	e.label = l
	e.rowRules = e.buildRowRules()
}

func (e *engine) buildRowRules() []*rowRule {
	R := func(name string, fn func(w *worker, r int)) *rowRule {
		return &rowRule{name: name, rule: e.spec.Rules.ID(name), fn: fn}
	}
	return []*rowRule{
		R("no-person-id", ruleNoPersonID),
		R("end-before-start", ruleEndBeforeStart),
		R("event-end-outside-period", ruleEventEndOutsidePeriod),
		R("event-start-after-period", ruleEventStartAfterPeriod),
		R("service-ended-before-period", ruleServiceEndedBeforePeriod),
		R("event-after-death", ruleEventAfterDeath),
		R("death-before-birth", ruleDeathBeforeBirth),
		R("event-before-birth", ruleEventBeforeBirth),
		R("death-after-period", ruleDeathAfterPeriod),
		R("age-under-18", ruleAgeUnder18),
		R("age-over-115", ruleAgeOver115),
		R("direct-payment-prison", ruleDirectPaymentPrison),
		R("open-service-outcome", ruleOpenServiceOutcome),
		R("financial-assessment-outcome", ruleFinancialAssessmentOutcome),
		R("deceased-without-date", ruleDeceasedWithoutDate),
		R("linked-count", ruleLinkedCount),
	}
}

// worker checks a range of rows. Each has its own issue list, counts and
// status memo, so workers share nothing while they run.
type worker struct {
	e       *engine
	issues  []Issue
	counts  [][numStatus][numValidity]int64 // per spec field
	memo    map[string][]Status
	memo64  map[uint64][]Status
	atomBuf []tri
	keyBuf  []byte
	current *rowRule
	// rowStatus holds the status vector of each row of the current range.
	rowStatus [][]Status
	idBuf     []uint32 // a column's ids for the current range
}

func newWorker(e *engine) *worker {
	return &worker{
		e:       e,
		counts:  make([][numStatus][numValidity]int64, len(e.spec.Fields)),
		memo:    map[string][]Status{},
		memo64:  map[uint64][]Status{},
		atomBuf: make([]tri, len(e.cond.atoms)),
	}
}

func (w *worker) emit(r, col int, rule RuleID, arg int32) {
	w.issues = append(w.issues, Issue{Row: int32(r), Col: int16(col), Field: int16(w.fieldOf(col)), Rule: rule, Sev: w.e.sev(rule), Arg: arg})
}

func (w *worker) fieldOf(col int) int {
	if col < 0 {
		return -1
	}
	if f := w.e.cols[col].col.Field; f != nil {
		return f.Index
	}
	return -1
}

// emitOn raises the current row rule on a field's column (nothing when the
// column is missing: its absence is reported once for the file).
func (w *worker) emitOn(r int, f fieldRef, arg int32) {
	if f.col < 0 {
		return
	}
	w.emit(r, f.col, w.current.rule, arg)
}

func (w *worker) run(lo, hi int) {
	e := w.e
	func() {
		defer func() {
			if p := recover(); p != nil {
				e.reportPanic("field checks", p)
			}
		}()
		w.fieldChecks(lo, hi)
	}()
	for _, rr := range e.rowRules {
		if rr.off.Load() {
			continue
		}
		w.current = rr
		func() {
			defer func() {
				if p := recover(); p != nil {
					rr.off.Store(true)
					e.reportPanic(rr.name, p)
				}
			}()
			for r := lo; r < hi; r++ {
				rr.fn(w, r)
			}
		}()
	}
}

// reportPanic is called from workers: the issue is added under a lock, once
// per check.
func (e *engine) reportPanic(check string, p any) {
	e.panicMu.Lock()
	defer e.panicMu.Unlock()
	if e.panicked == nil {
		e.panicked = map[string]bool{}
	}
	if e.panicked[check] {
		return
	}
	e.panicked[check] = true
	e.pendingInternal = append(e.pendingInternal, check)
	e.logInternal(check, p)
}

// statuses returns the field statuses for row r, memoised on the row's
// atom values (rows of the same kind share one vector).
// packedAtomsMax is the most atoms whose answers pack into a uint64 key
// (a variable so that a test can take the string path).
var packedAtomsMax = 32

func (w *worker) statuses(r int) []Status {
	e := w.e
	// The atoms' answers (0, 1 or 2) packed two bits each: the memo's key
	// when they fit in 64 bits (a map of integers is cheaper than one of
	// strings), otherwise one byte each as a string.
	packed := len(e.cond.atoms) <= packedAtomsMax
	var key uint64
	w.keyBuf = w.keyBuf[:0]
	for i, a := range e.cond.atoms {
		var t tri
		switch {
		case a.kind == atomAge:
			t = e.ageAtom(a, r)
		case a.col < 0:
			t = triFalse // a missing column reads as blank
			if a.blankUnknown {
				t = triUnknown
			}
		default:
			t = a.cache[e.cols[a.col].col.ids.at(r)]
		}
		w.atomBuf[i] = t
		if packed {
			key |= uint64(t) << (2 * i)
		} else {
			w.keyBuf = append(w.keyBuf, byte(t))
		}
	}
	if packed {
		if st, ok := w.memo64[key]; ok {
			return st
		}
		st := e.cond.statuses(w.atomBuf)
		w.memo64[key] = st
		return st
	}
	if st, ok := w.memo[string(w.keyBuf)]; ok {
		return st
	}
	st := e.cond.statuses(w.atomBuf)
	w.memo[string(w.keyBuf)] = st
	return st
}

// ageAtom tests the person's age on the Reporting Period End Date.
func (e *engine) ageAtom(a *atom, r int) tri {
	dob, ok1 := e.field.dob.date(r)
	end, ok2 := e.field.rpEnd.date(r)
	if !ok1 || !ok2 {
		return triUnknown
	}
	return a.ageTri(dob, end)
}

// ageOn is the age in whole years on a day.
func ageOn(dob, on int32) int {
	by, bm, bd := civilFromDays(dob)
	y, m, d := civilFromDays(on)
	age := y - by
	if m < bm || (m == bm && d < bd) {
		age--
	}
	return age
}

// civilFromDays is the calendar date of a day number (Howard Hinnant's
// civil_from_days): the inverse of DaysFromDate, without time.Time.
func civilFromDays(days int32) (y, m, d int) {
	z := int(days) + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

// A blank mandatory field says why it is mandatory; a value in a field
// that does not apply says why it does not; spaces around a value are
// named (non-breaking ones look like ordinary spaces).
var (
	_ = sayRule("mandatory-blank", words{detail: func(r *Result, is Issue, _ bool) string {
		return mandatoryReason(r.Spec.Fields[is.Field])
	}})
	_ = sayRule("not-applicable-populated", words{detail: func(r *Result, is Issue, _ bool) string {
		return r.notApplicableReason(int(is.Row), r.Spec.Fields[is.Field])
	}})
	_ = sayRule("value-whitespace", words{detail: func(r *Result, is Issue, _ bool) string {
		return spacesAround(r.CellValue(is))
	}})
)

// fieldChecks applies the status × validity model to every field of rows
// [lo, hi) and raises the value-level issues.
func (w *worker) fieldChecks(lo, hi int) {
	e := w.e
	rh := e.rules
	laIdx, nhsCol := e.field.laID.f.Index, e.field.nhs
	// Each row's statuses first (rows of the same kind share one vector),
	// then field by field: each column's ids are read in order.
	w.rowStatus = w.rowStatus[:0]
	for r := lo; r < hi; r++ {
		w.rowStatus = append(w.rowStatus, w.statuses(r))
	}
	for fi, c := range e.fieldCol {
		if c < 0 {
			continue
		}
		cs := e.cols[c]
		info := cs.info
		counts := &w.counts[fi]
		w.idBuf = slices.Grow(w.idBuf, hi-lo)
		for k, id := range cs.col.ids.ids32(lo, hi, w.idBuf) {
			vi := &info[id]
			s := w.rowStatus[k][fi]
			var v Validity
			switch {
			case vi.flags&vBlank != 0 && s == StatusMandatory:
				v = ValidityBlankMandatory
				if fi == laIdx && nhsCol.info(lo+k).blank() {
					break // reported once as no-person-id
				}
				w.emit(lo+k, c, rh.mandatoryBlank, 0)
			case vi.flags&vBlank != 0:
				v = ValidityBlankOK
				if vi.flags&vNull != 0 {
					w.emit(lo+k, c, rh.nullText, 0)
				}
			case s == StatusNotApplicable:
				v = ValidityValid
				if vi.flags&vInvalid != 0 {
					v = ValidityInvalid
				}
				w.emit(lo+k, c, rh.notApplicable, 0)
			default:
				v = ValidityValid
				if vi.flags&vInvalid != 0 {
					v = ValidityInvalid
				}
				if vi.rule != 0 {
					w.emit(lo+k, c, vi.rule, 0)
				}
				if vi.flags&vSpaced != 0 {
					w.emit(lo+k, c, rh.spaces, 0)
				}
			}
			counts[s][v]++
		}
	}
}

// The row rules. Each reads a few fields of row r and raises its rule on
// the column the user should change.

func (e *engine) eventIs(r int, idx int16) bool {
	return idx >= 0 && e.field.event.info(r).canon == idx
}

// period returns the row's reporting period when both dates are valid and
// in order.
func (e *engine) period(r int) (start, end int32, ok bool) {
	s, ok1 := e.field.rpStart.date(r)
	en, ok2 := e.field.rpEnd.date(r)
	return s, en, ok1 && ok2 && s <= en
}

func ruleNoPersonID(w *worker, r int) {
	f := &w.e.field
	if !f.nhs.present() && !f.laID.present() {
		return // the missing columns are reported instead
	}
	if f.nhs.info(r).blank() && f.laID.info(r).blank() {
		if f.laID.present() {
			w.emitOn(r, f.laID, 0)
		} else {
			w.emitOn(r, f.nhs, 0)
		}
	}
}

func ruleEndBeforeStart(w *worker, r int) {
	f := &w.e.field
	s, ok1 := f.eventStart.date(r)
	e, ok2 := f.eventEnd.date(r)
	if ok1 && ok2 && e < s {
		w.emitOn(r, f.eventEnd, 0)
	}
}

func ruleEventEndOutsidePeriod(w *worker, r int) {
	e := w.e
	l := &e.label
	if !(e.eventIs(r, l.request) || e.eventIs(r, l.assessment) || e.eventIs(r, l.review)) {
		return
	}
	end, ok := e.field.eventEnd.date(r)
	ps, pe, okp := e.period(r)
	if ok && okp && (end < ps || end > pe) {
		w.emitOn(r, e.field.eventEnd, 0)
	}
}

func ruleEventStartAfterPeriod(w *worker, r int) {
	e := w.e
	if e.field.event.info(r).canon < 0 {
		return
	}
	start, ok := e.field.eventStart.date(r)
	_, pe, okp := e.period(r)
	if ok && okp && start > pe {
		w.emitOn(r, e.field.eventStart, 0)
	}
}

func ruleServiceEndedBeforePeriod(w *worker, r int) {
	e := w.e
	if !e.eventIs(r, e.label.service) {
		return
	}
	end, ok := e.field.eventEnd.date(r)
	ps, _, okp := e.period(r)
	if ok && okp && end < ps {
		w.emitOn(r, e.field.eventEnd, 0)
	}
}

func ruleEventAfterDeath(w *worker, r int) {
	f := &w.e.field
	dod, ok := f.dod.date(r)
	if !ok {
		return
	}
	if s, ok := f.eventStart.date(r); ok && s > dod {
		w.emitOn(r, f.eventStart, 0)
	}
	if e, ok := f.eventEnd.date(r); ok && e > dod {
		w.emitOn(r, f.eventEnd, 0)
	}
}

func ruleDeathBeforeBirth(w *worker, r int) {
	f := &w.e.field
	dod, ok1 := f.dod.date(r)
	dob, ok2 := f.dob.date(r)
	if ok1 && ok2 && dod < dob {
		w.emitOn(r, f.dod, 0)
	}
}

func ruleEventBeforeBirth(w *worker, r int) {
	f := &w.e.field
	s, ok1 := f.eventStart.date(r)
	dob, ok2 := f.dob.date(r)
	if ok1 && ok2 && s < dob {
		w.emitOn(r, f.eventStart, 0)
	}
}

func ruleDeathAfterPeriod(w *worker, r int) {
	e := w.e
	dod, ok := e.field.dod.date(r)
	_, pe, okp := e.period(r)
	if ok && okp && dod > pe {
		w.emitOn(r, e.field.dod, 0)
	}
}

var _ = sayRule("age-under-18", words{detail: func(_ *Result, is Issue, _ bool) string { return FormatDays(is.Arg) }}) // Arg: the day measured on

// ruleAgeUnder18 measures age at the Event End Date, or at the end of the
// reporting period for open services and rows without an event.
func ruleAgeUnder18(w *worker, r int) {
	e := w.e
	dob, ok := e.field.dob.date(r)
	if !ok {
		return
	}
	on, ok := e.field.eventEnd.date(r)
	if !ok {
		_, pe, okp := e.period(r)
		if !okp {
			return
		}
		on = pe
	}
	if on >= dob && ageOn(dob, on) < e.spec.Checks.Limits.AdultAge {
		w.emitOn(r, e.field.dob, on)
	}
}

var _ = sayRule("age-over-115", words{detail: countDetail}) // Arg: the age limit

func ruleAgeOver115(w *worker, r int) {
	e := w.e
	dob, ok := e.field.dob.date(r)
	_, pe, okp := e.period(r)
	if ok && okp && ageOn(dob, pe) > e.spec.Checks.Limits.MaxAge {
		w.emitOn(r, e.field.dob, int32(e.spec.Checks.Limits.MaxAge))
	}
}

func ruleDirectPaymentPrison(w *worker, r int) {
	e := w.e
	l := &e.label
	if l.directPay >= 0 && l.prison >= 0 && e.field.delivery.info(r).canon == l.directPay && e.field.serviceType.info(r).canon == l.prison {
		w.emitOn(r, e.field.delivery, 0)
	}
}

var _ = sayRule("open-service-outcome", words{suggestion: func(r *Result, _ Issue) string {
	_, v, _ := r.Spec.label("outcome_open_service")
	return v
}})

func ruleOpenServiceOutcome(w *worker, r int) {
	e := w.e
	if !e.eventIs(r, e.label.service) || e.label.openOutcome < 0 || !e.field.eventEnd.info(r).blank() {
		return
	}
	o := e.field.outcome.info(r)
	if !o.blank() && o.canon >= 0 && o.canon != e.label.openOutcome {
		w.emitOn(r, e.field.outcome, 0)
	}
}

func ruleFinancialAssessmentOutcome(w *worker, r int) {
	e := w.e
	if !e.eventIs(r, e.label.assessment) || e.field.outcome.info(r).blank() || e.field.assessType.info(r).blank() {
		return
	}
	if strings.HasPrefix(NormalizeValue(e.field.assessType.value(r)), e.label.financialPrefix) {
		w.emitOn(r, e.field.outcome, 0)
	}
}

func ruleDeceasedWithoutDate(w *worker, r int) {
	e := w.e
	if e.label.deceased >= 0 && e.field.outcome.info(r).canon == e.label.deceased && e.field.dod.info(r).blank() {
		w.emitOn(r, e.field.dod, 0)
	}
}

var _ = sayRule("linked-count", words{detail: countDetail}) // Arg: the linked IDs filled in

func ruleLinkedCount(w *worker, r int) {
	e := w.e
	n, ok := e.field.noAdults.num(r)
	if !ok {
		return
	}
	linked := 0
	for _, l := range e.field.linked {
		if !l.info(r).blank() {
			linked++
		}
	}
	if float64(linked) > n {
		w.emitOn(r, e.field.noAdults, int32(linked))
	}
}

func (r fieldRef) value(row int) string {
	if r.cs == nil {
		return ""
	}
	return r.cs.vals[r.cs.col.ids.at(row)]
}

// mandatoryReason says why a field is mandatory, for messages.
func mandatoryReason(f *Field) string {
	switch {
	case f.WhyMandatory != "":
		return f.WhyMandatory
	case f.Mandatory.Level == "always" || (f.AppliesEvent == nil && f.AppliesClient == nil):
		return "it is mandatory on every row"
	case f.AppliesEvent != nil:
		return fmt.Sprintf("it is mandatory on %s events", describeList(f.AppliesEvent))
	}
	return fmt.Sprintf("it is mandatory for %s rows", describeList(f.AppliesClient))
}

// DescribeMandatory says in words when a field must be filled in.
func DescribeMandatory(f *Field) string {
	switch f.Mandatory.Level {
	case "always", "when applicable", "conditional":
		return "Mandatory: " + mandatoryReason(f)
	case "no":
		return "Optional"
	}
	return "Optional (no published rule)"
}
