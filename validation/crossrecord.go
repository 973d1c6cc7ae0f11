package validation

import (
	"context"
	"fmt"
	"hash/maphash"
	"math/bits"
	"slices"
	"strings"
)

// crossRecord runs the checks that compare rows with each other: the
// reporting period and LA Code across the file, duplicate events, person
// details that disagree, and carers' links to service users. Each check runs
// on its own goroutine and is contained: a panic in one is reported and the
// others complete.
func (e *engine) crossRecord(ctx context.Context) []Issue {
	e.res.personOf, e.res.People = e.people()
	checks := slices.Clone(crossChecks)
	// Dearest first: the workers take them in order.
	slices.SortStableFunc(checks, func(a, b crossCheck) int { return b.cost - a.cost })
	results := make([][]Issue, len(checks))
	e.parallel(len(checks), func(i int) {
		c := checks[i]
		defer func() {
			if p := recover(); p != nil {
				e.reportPanic(c.name, p)
				results[i] = nil
			}
		}()
		if ctx.Err() == nil {
			results[i] = c.run(e)
		}
	})
	e.flushInternal()
	var out []Issue
	for _, r := range results {
		out = append(out, r...)
	}
	return out
}

// crossCheck is a check that compares rows with each other. Each declares
// itself with checkAcross beside its code.
type crossCheck struct {
	name string
	cost int // rough relative cost on a large file: dearer checks start first
	run  func(e *engine) []Issue
}

var crossChecks []crossCheck

// checkAcross declares a check across records (from a package-level
// declaration beside the check).
func checkAcross(name string, cost int, run func(e *engine) []Issue) struct{} {
	crossChecks = append(crossChecks, crossCheck{name, cost, run})
	return struct{}{}
}

func (e *engine) issueAt(r int, f fieldRef, rule string, arg int32) Issue {
	id := e.spec.Rules.ID(rule)
	return Issue{Row: int32(r), Col: int16(f.col), Field: int16(f.f.Index), Rule: id, Sev: e.sev(id), Arg: arg}
}

// people gives each row a person number: rows with the same LA Person
// Unique Identifier are one person; rows without one are grouped by NHS
// Number. Rows with neither get -1.
func (e *engine) people() ([]int32, int) {
	n := e.table.Len()
	personOf := make([]int32, n)
	la, nhs := e.field.laID, e.field.nhs
	var laP, nhsP []int32
	if la.cs != nil {
		laP = make([]int32, la.cs.col.Distinct())
		for i := range laP {
			laP[i] = -1
		}
	}
	if nhs.cs != nil {
		nhsP = make([]int32, nhs.cs.col.Distinct())
		for i := range nhsP {
			nhsP[i] = -1
		}
	}
	next := int32(0)
	for r := 0; r < n; r++ {
		personOf[r] = -1
		if la.cs != nil && !la.info(r).blank() {
			id := la.id(r)
			if laP[id] < 0 {
				laP[id] = next
				next++
			}
			personOf[r] = laP[id]
			continue
		}
		if nhs.cs != nil && !nhs.info(r).blank() {
			id := nhs.id(r)
			if nhsP[id] < 0 {
				nhsP[id] = next
				next++
			}
			personOf[r] = nhsP[id]
		}
	}
	return personOf, int(next)
}

// The file's reporting period (the one on most rows) is what rows are
// compared with; a file-level "starts after it ends" is about that period.
var (
	_ = sayRule("period-inconsistent", words{detail: func(r *Result, _ Issue, _ bool) string { return r.modalPeriod }})
	_ = sayRule("period-start-after-end", words{
		value: func(r *Result, is Issue) string {
			if is.Row < 0 {
				return r.modalStart
			}
			return r.Table.Value(int(is.Row), int(is.Col))
		},
		other: func(r *Result, is Issue, mask bool) (string, string) {
			if is.Row < 0 {
				return "Reporting Period End Date", r.modalEnd
			}
			return r.otherField(is, mask)
		},
	})
)

type periodKey struct{ start, end uint32 }

var _ = checkAcross("reporting-period", 30, (*engine).checkPeriods)

// checkPeriods compares every row's reporting period with the file's usual
// one, and checks that period's shape once for the file.
func (e *engine) checkPeriods() []Issue {
	rs, re := e.field.rpStart, e.field.rpEnd
	if rs.cs == nil || re.cs == nil {
		return nil
	}
	n := e.table.Len()
	// Nearly every row has the same period: count runs of equal keys, and
	// add each run to the map once.
	counts := map[periodKey]int{}
	var run periodKey
	runLen := 0
	for r := 0; r < n; r++ {
		k := periodKey{rs.id(r), re.id(r)}
		if k != run {
			if runLen > 0 {
				counts[run] += runLen
			}
			run, runLen = k, 0
		}
		runLen++
	}
	if runLen > 0 {
		counts[run] += runLen
	}
	var modal periodKey
	best := -1
	for k, c := range counts {
		if rs.cs.info[k.start].blank() || re.cs.info[k.end].blank() {
			continue
		}
		if c > best || (c == best && (k.start < modal.start || (k.start == modal.start && k.end < modal.end))) {
			modal, best = k, c
		}
	}
	if best < 0 {
		return e.checkDerivedPeriod(rs, 0, 0, false)
	}
	e.res.modalStart, e.res.modalEnd = rs.cs.col.Value(modal.start), re.cs.col.Value(modal.end)
	e.res.modalPeriod = e.res.modalStart + " to " + e.res.modalEnd
	var out []Issue
	startInfo, endInfo := &rs.cs.info[modal.start], &re.cs.info[modal.end]
	validModal := startInfo.hasDate() && endInfo.hasDate() && !startInfo.invalid() && !endInfo.invalid()
	if validModal && startInfo.days > endInfo.days {
		out = append(out, e.fileLevel(rs, "period-start-after-end", fmt.Sprintf(" (on %s of %s rows)", Commas(best), Commas(n))))
	}
	statedOK := validModal && startInfo.days <= endInfo.days
	if statedOK {
		out = append(out, e.periodShape(rs, startInfo.days, endInfo.days)...)
		if endInfo.days >= e.today {
			out = append(out, e.fileLevel(re, "period-not-ended", FormatDays(endInfo.days)))
		}
	}
	out = append(out, e.checkDerivedPeriod(rs, startInfo.days, endInfo.days, statedOK)...)
	for r := 0; r < n; r++ {
		k := periodKey{rs.id(r), re.id(r)}
		if k == modal || rs.info(r).blank() || re.info(r).blank() {
			continue
		}
		out = append(out, e.issueAt(r, rs, "period-inconsistent", 0))
		s, ok1 := rs.date(r)
		en, ok2 := re.date(r)
		if ok1 && ok2 && s > en {
			out = append(out, e.issueAt(r, rs, "period-start-after-end", 0))
		}
	}
	return out
}

// fileLevel makes a file-level issue about a field with a detail string.
func (e *engine) fileLevel(f fieldRef, rule, detail string) Issue {
	id := e.spec.Rules.ID(rule)
	e.detailMu.Lock()
	arg := int32(len(e.res.details))
	e.res.details = append(e.res.details, detail)
	e.detailMu.Unlock()
	return Issue{Row: -1, Col: int16(f.col), Field: int16(f.f.Index), Rule: id, Sev: e.sev(id), Arg: arg}
}

// periodShape checks quarter alignment and a 12-month span.
func (e *engine) periodShape(rs fieldRef, start, end int32) []Issue {
	var out []Issue
	s, en := DateFromDays(start), DateFromDays(end)
	desc := FormatDays(start) + " to " + FormatDays(end)
	quarterStart := s.Day() == 1 && (int(s.Month())-1)%3 == 0
	nextDay := en.AddDate(0, 0, 1)
	quarterEnd := nextDay.Day() == 1 && (int(nextDay.Month())-1)%3 == 0
	if !quarterStart || !quarterEnd {
		out = append(out, e.fileLevel(rs, "period-not-quarter", desc))
	}
	months := (nextDay.Year()-s.Year())*12 + int(nextDay.Month()) - int(s.Month())
	// 2023/24 files ran from 1 April 2023 to the latest quarter end.
	firstYear := s.Year() == 2023 && s.Month() == 4 && s.Day() == 1 && end <= DaysFromDate(2024, 3, 31)
	if quarterStart && quarterEnd && months != 12 && !firstYear {
		out = append(out, e.fileLevel(rs, "period-length", fmt.Sprintf("%s covers %d months", desc, months)))
	}
	return out
}

var _ = checkAcross("nhs-number-blank-known", 15, (*engine).checkBlankNHSKnown)

// checkBlankNHSKnown flags rows with a blank NHS Number whose person (by
// LA Person Unique Identifier) has an NHS Number on another row: NHS
// England leaves such rows out of its headcounts (rules.md A5.6). The
// issue names the first row that has the number.
func (e *engine) checkBlankNHSKnown() []Issue {
	nhs, la := e.field.nhs, e.field.laID
	if nhs.cs == nil || la.cs == nil {
		return nil
	}
	n := e.table.Len()
	withNumber := make([]int32, e.res.People) // person → first row with an NHS Number, +1
	for r := 0; r < n; r++ {
		if p := e.res.personOf[r]; p >= 0 && withNumber[p] == 0 && !nhs.info(r).blank() && !la.info(r).blank() {
			withNumber[p] = int32(r) + 1
		}
	}
	var out []Issue
	for r := 0; r < n; r++ {
		p := e.res.personOf[r]
		if p < 0 || withNumber[p] == 0 || !nhs.info(r).blank() || la.info(r).blank() {
			continue
		}
		out = append(out, e.issueAt(r, nhs, "nhs-number-blank-known", withNumber[p]-1))
	}
	return out
}

var _ = checkAcross("open-services-april", 10, (*engine).checkOpenServicesApril)

// checkOpenServicesApril says once when a large share of open services
// start on 1 April: start dates reset each financial year defeat central
// de-duplication and filtering (rules.md C5).
func (e *engine) checkOpenServicesApril() []Issue {
	ev, eventStart, eventEnd := e.field.event, e.field.eventStart, e.field.eventEnd
	if ev.cs == nil || eventStart.cs == nil || e.label.service < 0 {
		return nil
	}
	// Each start date value's 1 April year (0: not 1 April).
	april := make([]int, len(eventStart.cs.info))
	for id := range eventStart.cs.info {
		vi := &eventStart.cs.info[id]
		if vi.hasDate() && !vi.invalid() {
			if y, m, d := civilFromDays(vi.days); m == 4 && d == 1 {
				april[id] = y
			}
		}
	}
	open, onApril := 0, 0
	years := map[int]int{}
	for r := 0; r < e.table.Len(); r++ {
		if !e.eventIs(r, e.label.service) || !eventEnd.info(r).blank() {
			continue
		}
		id := eventStart.cs.col.ids.at(r)
		if eventStart.cs.info[id].blank() {
			continue
		}
		open++
		if y := april[id]; y > 0 {
			onApril++
			years[y]++
		}
	}
	lim := e.spec.Checks.OpenServicesApril
	if onApril < lim.MinServices || float64(onApril) < lim.MinShare*float64(open) {
		return nil
	}
	common, most := 0, 0
	for y, c := range years {
		if c > most || (c == most && y > common) {
			common, most = y, c
		}
	}
	detail := fmt.Sprintf("%s of %s (%d%%; most on 01/04/%d)", Commas(onApril), Commas(open), onApril*100/open, common)
	return []Issue{e.fileLevel(eventStart, "open-services-april", detail)}
}

var _ = sayRule("la-code-inconsistent", words{detail: func(r *Result, is Issue, _ bool) string {
	return r.cols[is.Col].col.Value(uint32(is.Arg)) // Arg: the file's usual code
}})

var _ = checkAcross("la-code-inconsistent", 20, (*engine).checkLACodes)

// checkLACodes flags rows whose LA Code differs from the file's usual one.
func (e *engine) checkLACodes() []Issue {
	la := e.field.laCode
	if la.cs == nil {
		return nil
	}
	counts := la.cs.col.Counts()
	n := e.table.Len()
	modal, best := uint32(0), int32(0)
	for id, c := range counts {
		if id != 0 && !la.cs.info[id].blank() && c > best {
			modal, best = uint32(id), c
		}
	}
	if best == 0 {
		return nil
	}
	var out []Issue
	for r := 0; r < n; r++ {
		if id := la.id(r); id != modal && !la.cs.info[id].blank() {
			out = append(out, e.issueAt(r, la, "la-code-inconsistent", int32(modal)))
		}
	}
	return out
}

var _ = sayRule("duplicate-event", words{detail: func(r *Result, is Issue, _ bool) string { return r.duplicateText(int(is.Row)) }})

var _ = checkAcross("duplicate-event", 60, (*engine).checkDuplicates)

// checkDuplicates flags events that share DHSC's unique-event key with an
// earlier row (checks.json duplicate_keys).
func (e *engine) checkDuplicates() []Issue {
	s := e.spec
	ev := e.field.event
	if ev.cs == nil || e.field.eventStart.cs == nil {
		return nil
	}
	// The key fields, each with its ids and (for a raw column) canonical
	// ids at hand; the event type's extra fields by its list index.
	var common []keyField
	for _, k := range s.Checks.DuplicateKeys.All {
		common = append(common, newKeyField(e.ref(k)))
	}
	byType := make([][]keyField, len(ev.f.Values))
	for typ, keys := range s.Checks.DuplicateKeys.ByEventType {
		idx, _ := labelIndexFor(s, "Event_Type", typ)
		if idx < 0 {
			continue
		}
		for _, k := range keys {
			byType[idx] = append(byType[idx], newKeyField(e.ref(k)))
		}
	}
	seed := maphash.Comparable(maphash.MakeSeed(), uint64(0x9E3779B97F4A7C15)) | 1
	var out []Issue
	var buf []uint32
	keyOf := func(r int) []uint32 {
		buf = buf[:0]
		buf = append(buf, uint32(e.res.personOf[r]))
		for _, f := range common {
			buf = append(buf, f.id(r))
		}
		if t := ev.info(r).canon; t >= 0 {
			for _, f := range byType[t] {
				buf = append(buf, f.id(r))
			}
		}
		return buf
	}
	// Hash every row's key and sort the rows by hash (cheaper than a
	// million-entry map), then confirm equal keys within each run of equal
	// hashes. The hash's top bits and the row number share one uint64, so
	// a plain integer sort orders by hash and then by row.
	n := e.table.Len()
	rowBits := bits.Len(uint(n))
	rowMask := uint64(1)<<rowBits - 1
	rows := make([]uint64, 0, n)
	for r := 0; r < n; r++ {
		if e.res.personOf[r] < 0 || ev.info(r).canon < 0 || e.field.eventStart.info(r).blank() {
			continue
		}
		sum := seed
		for _, v := range keyOf(r) {
			hi, lo := bits.Mul64(sum^uint64(v), 0x9E3779B97F4A7C15)
			sum = hi ^ lo
		}
		rows = append(rows, sum&^rowMask|uint64(r))
	}
	rows = sortHashed(rows)
	for i := 0; i < len(rows); {
		j := i + 1
		for j < len(rows) && rows[j]&^rowMask == rows[i]&^rowMask {
			j++
		}
		// rows[i:j] share a hash; each is a duplicate of the earliest row
		// with an equal key.
		for k := i + 1; k < j; k++ {
			cur := slices.Clone(keyOf(int(rows[k] & rowMask)))
			for m := i; m < k; m++ {
				if slices.Equal(cur, keyOf(int(rows[m]&rowMask))) {
					out = append(out, e.issueAt(int(rows[k]&rowMask), ev, "duplicate-event", int32(rows[m]&rowMask)))
					break
				}
			}
		}
		i = j
	}
	return out
}

// monthsOf gives each value of a date column its month, as year*12 +
// month-1 (-1 for a blank or invalid date), worked out once per distinct
// value rather than once per row.
func monthsOf(cs *colState) []int32 {
	if cs == nil {
		return nil
	}
	out := make([]int32, len(cs.info))
	for id := range cs.info {
		vi := &cs.info[id]
		if !vi.hasDate() || vi.invalid() {
			out[id] = -1
			continue
		}
		y, m, _ := civilFromDays(vi.days)
		out[id] = int32(y*12 + m - 1)
	}
	return out
}

// sortHashed sorts keys whose top bits are a hash (so they spread evenly):
// a counting sort on the top 16 bits, then each small bucket on its own.
// For a million keys this is several times faster than sorting them whole.
func sortHashed(keys []uint64) []uint64 {
	if len(keys) < 1<<14 {
		slices.Sort(keys)
		return keys
	}
	start := make([]int32, 1<<16+1)
	for _, k := range keys {
		start[k>>48+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	out := make([]uint64, len(keys))
	next := slices.Clone(start[:1<<16])
	for _, k := range keys {
		out[next[k>>48]] = k
		next[k>>48]++
	}
	for i := 0; i < 1<<16; i++ {
		if lo, hi := start[i], start[i+1]; hi-lo > 1 {
			slices.Sort(out[lo:hi])
		}
	}
	return out
}

// keyField is a field of a record key: its ids, and for a raw column the
// canonical ids (so equal values give equal keys). A missing column reads
// as blank (id 0).
type keyField struct {
	ids   *idVec
	canon []uint32
}

func newKeyField(f fieldRef) keyField {
	if f.cs == nil {
		return keyField{}
	}
	return keyField{&f.cs.col.ids, f.cs.col.dict.Canonical()}
}

func (k keyField) id(r int) uint32 {
	if k.ids == nil {
		return 0
	}
	id := k.ids.at(r)
	if k.canon != nil {
		id = k.canon[id]
	}
	return id
}

func labelIndexFor(s *Spec, fieldKey, value string) (int16, string) {
	f := s.MustField(fieldKey)
	if s.Release == R2 {
		value = s.ToR2(fieldKey, value)
	}
	for i, lv := range f.Values {
		if NormalizeValue(lv.Value) == NormalizeValue(value) {
			return int16(i), lv.Value
		}
	}
	return -1, value
}

// A person conflict names the person and the row compared with (Arg).
var _ = sayRule("person-conflict", words{
	detail: func(r *Result, is Issue, mask bool) string { return r.personText(int(is.Row), mask) },
	other: func(r *Result, is Issue, mask bool) (string, string) {
		if is.Col < 0 {
			return "", ""
		}
		return r.ColumnName(is), r.CellText(int(is.Arg), int(is.Col), mask)
	},
})

var _ = checkAcross("person-conflict", 40, (*engine).checkPersonConflicts)

// checkPersonConflicts flags rows whose person details (checks.json
// person_consistency) differ from the value most of that person's rows have.
func (e *engine) checkPersonConflicts() []Issue {
	n := e.table.Len()
	people := e.res.People
	var out []Issue
	for _, key := range e.spec.Checks.PersonConsistency.Fields {
		f := e.ref(key)
		if f.cs == nil {
			continue
		}
		// First pass: compare each row with the person's first value. Values
		// are compared by meaning (see sameValue), without building maps.
		first := make([]int32, people) // row+1 of the person's first value
		conflict := make([]bool, people)
		any := false
		for r := 0; r < n; r++ {
			p := e.res.personOf[r]
			if p < 0 || f.info(r).blank() {
				continue
			}
			switch fr := first[p]; {
			case fr == 0:
				first[p] = int32(r) + 1
			case !conflict[p] && !sameValue(f.cs, f.cs.col.ids.at(int(fr-1)), f.cs.col.ids.at(r)):
				conflict[p] = true
				any = true
			}
		}
		if !any {
			continue
		}
		// Second pass, for people with conflicts only: their values with
		// counts (a person has few rows, so a short list is enough).
		type tally struct {
			id           uint32
			count, first int32
		}
		tallies := map[int32][]tally{}
		for r := 0; r < n; r++ {
			p := e.res.personOf[r]
			if p < 0 || !conflict[p] || f.info(r).blank() {
				continue
			}
			id, t := f.cs.col.ids.at(r), tallies[p]
			k := slices.IndexFunc(t, func(x tally) bool { return sameValue(f.cs, x.id, id) })
			if k < 0 {
				tallies[p] = append(t, tally{id: id, count: 1, first: int32(r)})
			} else {
				t[k].count++
			}
		}
		// The value to keep is a valid one (an invalid value is never held up
		// as right), then the most common, then the earliest.
		modal := map[int32]tally{}
		for p, t := range tallies {
			best := t[0]
			for _, c := range t[1:] {
				cOK, bOK := !f.cs.info[c.id].invalid(), !f.cs.info[best.id].invalid()
				if (cOK && !bOK) || (cOK == bOK && (c.count > best.count || (c.count == best.count && c.first < best.first))) {
					best = c
				}
			}
			modal[p] = best
		}
		for r := 0; r < n; r++ {
			p := e.res.personOf[r]
			if p < 0 || !conflict[p] || f.info(r).blank() || sameValue(f.cs, modal[p].id, f.cs.col.ids.at(r)) {
				continue
			}
			out = append(out, e.issueAt(r, f, "person-conflict", modal[p].first))
		}
	}
	return out
}

// sameValue reports whether two values of a column mean the same: list
// values by the list entry they match (so "female" and "Female" agree),
// dates by day, anything else by its text without surrounding spaces.
func sameValue(cs *colState, a, b uint32) bool {
	if a == b {
		return true
	}
	va, vb := &cs.info[a], &cs.info[b]
	switch {
	case va.canon >= 0 || vb.canon >= 0:
		return va.canon == vb.canon
	case va.hasDate() && vb.hasDate():
		return va.days == vb.days
	}
	return strings.TrimSpace(cs.col.Value(a)) == strings.TrimSpace(cs.col.Value(b))
}

var _ = checkAcross("linked-person-unknown", 50, (*engine).checkLinkedPeople)

// checkLinkedPeople flags linked person IDs that are not the LA Person
// Unique Identifier of any service user in the file.
func (e *engine) checkLinkedPeople() []Issue {
	la := e.field.laID
	if la.cs == nil {
		return nil
	}
	n := e.table.Len()
	su := e.label.serviceUser
	if su < 0 {
		return nil
	}
	isSU := make([]bool, la.cs.col.Distinct())
	people := 0
	for r := 0; r < n; r++ {
		if e.field.client.info(r).canon == su {
			if id := la.id(r); !isSU[id] {
				isSU[id] = true
				people++
			}
		}
	}
	known := make(map[string]bool, people) // sized once: no regrowth at 300,000 people
	for id, ok := range isSU {
		if ok && id != 0 {
			known[strings.TrimSpace(la.cs.col.Value(uint32(id)))] = true
		}
	}
	var out []Issue
	for _, lf := range e.field.linked {
		if lf.cs == nil {
			continue
		}
		unknown := make([]int8, lf.cs.col.Distinct()) // 0 unset, 1 known, 2 unknown
		for r := 0; r < n; r++ {
			id := lf.id(r)
			if lf.cs.info[id].blank() {
				continue
			}
			if unknown[id] == 0 {
				unknown[id] = 1
				if !known[strings.TrimSpace(lf.cs.col.Value(id))] {
					unknown[id] = 2
				}
			}
			if unknown[id] == 2 {
				out = append(out, e.issueAt(r, lf, "linked-person-unknown", 0))
			}
		}
	}
	return out
}
