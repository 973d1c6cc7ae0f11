package validation

import "slices"

// Read-only access to what a check read and made of each value, for
// packages that work from a finished Result (the measures package): a
// template field's value ids row by row, and for each distinct value
// whether it is blank or invalid, which list entry it means, its date or
// number, and the value-level issue it raised. Nothing here changes the
// Result.

// Values is one template field's column as the check read it.
type Values struct {
	f     *Field
	cs    *colState
	canon []uint32 // a raw column's canonical ids (nil otherwise)
	rules *Catalogue
}

// FieldValues returns the column of the template field with the given key
// (e.g. "Service_Type"). Present reports false when the file has no such
// column or the release has no such field; every row then reads as blank.
func (r *Result) FieldValues(key string) Values {
	f := r.Spec.Field(key)
	if f == nil || r.fieldCol == nil || r.fieldCol[f.Index] < 0 {
		return Values{f: f, rules: r.Spec.Rules}
	}
	cs := r.cols[r.fieldCol[f.Index]]
	return Values{f: f, cs: cs, canon: cs.col.dict.Canonical(), rules: r.Spec.Rules}
}

// Present reports whether the file has the column.
func (v Values) Present() bool { return v.cs != nil }

// Field is the template field (nil when the release has no such field).
func (v Values) Field() *Field { return v.f }

// Count is the number of value ids (distinct values, blank included; see
// ID).
func (v Values) Count() int {
	if v.cs == nil {
		return 1
	}
	return len(v.cs.info)
}

// ID is row's value id. Equal values have equal ids; id 0 is blank.
func (v Values) ID(row int) uint32 {
	if v.cs == nil {
		return 0
	}
	id := v.cs.col.ids.at(row)
	if v.canon != nil {
		id = v.canon[id]
	}
	return id
}

// IDs returns the value ids of rows [lo, hi), in buf when a copy is needed.
// The result must not be modified.
func (v Values) IDs(lo, hi int, buf []uint32) []uint32 {
	n := hi - lo
	if n <= 0 {
		return buf[:0]
	}
	if v.cs == nil {
		buf = slices.Grow(buf[:0], n)[:n]
		clear(buf)
		return buf
	}
	ids := v.cs.col.ids.ids32(lo, hi, buf)
	if v.canon == nil {
		return ids
	}
	// ids is either buf (converted) or the column's own storage; out is
	// buf, so the column is never written.
	out := slices.Grow(buf[:0], n)[:n]
	for i, id := range ids {
		out[i] = v.canon[id]
	}
	return out
}

// Text is the value with the given id, as written in the file.
func (v Values) Text(id uint32) string {
	if v.cs == nil {
		return ""
	}
	return v.cs.col.Value(id)
}

// ValueInfo is what the check made of one distinct value.
type ValueInfo struct {
	Blank   bool // empty, spaces or the text NULL
	Invalid bool // DHSC validity "Invalid": not usable as it is
	// ListIndex is the index in Field.Values of the list entry the value
	// means (also for some invalid values, e.g. a capitalisation error in
	// Release 2), -1 for none.
	ListIndex int
	Date      int32 // days since 1970-01-01, when HasDate
	HasDate   bool
	Number    float64 // when HasNumber
	HasNumber bool
	// Rule is the value-level issue the value raised, nil for none.
	Rule *Rule
}

// Info describes the value with the given id.
func (v Values) Info(id uint32) ValueInfo {
	if v.cs == nil || int(id) >= len(v.cs.info) {
		return ValueInfo{Blank: true, ListIndex: -1}
	}
	ci := &v.cs.info[id]
	vi := ValueInfo{Blank: ci.blank(), Invalid: ci.invalid(), ListIndex: int(ci.canon), Date: ci.days, HasDate: ci.hasDate()}
	if ci.flags&vHasNum != 0 && int(id) < len(v.cs.nums) {
		vi.Number, vi.HasNumber = v.cs.nums[id], true
	}
	if ci.rule != 0 {
		vi.Rule = v.rules.Get(ci.rule)
	}
	return vi
}

// StatedPeriod is the reporting period most rows state, as written ("" and
// "" when no row states one).
func (r *Result) StatedPeriod() (start, end string) { return r.modalStart, r.modalEnd }

// CivilDate is the calendar date of a day number (days since 1970-01-01).
func CivilDate(days int32) (y, m, d int) { return civilFromDays(days) }
