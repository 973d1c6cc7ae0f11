package measures

import (
	"math"
	"slices"
	"sync"

	"cldvalidator/validation"
)

// ctx is what every measure shares: the frame, the methods' reference data
// and the list entries their labels mean in this file's release.
type ctx struct {
	f  *frame
	m  *methods
	rv *resolver

	// Common list entries (-1 where the release has none).
	request, assessment, service, review int8
	serviceUser                          int8
	carers                               set // Carer, Carer known by association
	lts                                  set // the four long-term service types
	nursing, residential, community      int8
	prison, stMax                        int8
	psrUnknown, ethUnknown               int8
	carerUnknown, carerYes, carerNo      int8
	male, female                         int8
	otherGenders                         set
	// DHSC's accommodation inference: the list entries its service types
	// and components mean (in the order of its rules).
	accomByST, accomByComp []int8

	once struct {
		lts001a, lts001c, sts001, dhsc, stsSubset, dhscSU sync.Once
	}
	dhscSUch      *chronology
	dhscSUbad     []int32
	stsSub        *chronology
	stsSubX       *exclusions
	lts001aPeople *ltsCohort
	lts001cPeople *ltsCohort
	sts001Out     *sts001Result
	dhscMain      *dhscTable
}

func (c *ctx) prepare() {
	r1 := validation.R1
	one := func(key, label string) int8 { return int8(c.rv.one(key, r1, label)) }
	c.request = one("Event_Type", "Request")
	c.assessment = one("Event_Type", "Assessment")
	c.service = one("Event_Type", "Service")
	c.review = one("Event_Type", "Review")
	c.serviceUser = one("Client_Type", "Service User")
	c.carers = c.rv.set("Client_Type", r1, "Carer", "Carer known by association")
	c.nursing = one("Service_Type", "Long Term Support: Nursing Care")
	c.residential = one("Service_Type", "Long Term Support: Residential Care")
	c.community = one("Service_Type", "Long Term Support: Community")
	c.prison = one("Service_Type", "Long Term Support: Prison")
	c.stMax = one("Service_Type", "Short Term Support: ST-Max")
	c.lts = set(0).with(int(c.nursing)).with(int(c.residential)).with(int(c.community)).with(int(c.prison))
	c.psrUnknown = one("Primary_Support_Reason", "Unknown")
	c.ethUnknown = one("Ethnicity", "No data - Undeclared or Not known")
	c.carerUnknown = one("Has_Unpaid_Carer", "Unknown")
	c.carerYes = one("Has_Unpaid_Carer", "Yes")
	c.carerNo = one("Has_Unpaid_Carer", "No")
	c.male = one("Gender", "Male")
	c.female = one("Gender", "Female")
	c.otherGenders = c.rv.set("Gender", r1, "Other", "Unknown")
	accRel := release(c.m.DHSCAccommodation.Release)
	for _, m := range c.m.DHSCAccommodation.Inference.ByServiceType {
		c.accomByST = append(c.accomByST, int8(c.rv.one("Service_Type", accRel, m.Value)))
	}
	for _, m := range c.m.DHSCAccommodation.Inference.ByComponent {
		c.accomByComp = append(c.accomByComp, int8(c.rv.one("Service_Component", accRel, m.Value)))
	}
}

// cond is a list field's value that makes a row relevant to a measure.
type cond struct {
	field int
	in    set
}

// relevant reports whether row belongs to a measure's cohort by the values
// conds name. A row whose valid values say it does not belong is simply not
// part of the measure; a row that would belong but for a value the check
// found invalid (or a mandatory value left blank) is left out with that
// reason, so the cost of the issue shows.
func (c *ctx) relevant(x *exclusions, step string, row, col int, conds ...cond) bool {
	firstBad := -1
	for _, cd := range conds {
		code := c.f.lists[cd.field][row]
		if cd.in.has(code) {
			continue
		}
		if !bad(code) {
			return false
		}
		if firstBad < 0 {
			firstBad = cd.field
		}
	}
	if firstBad >= 0 {
		x.leave(step, ReasonInvalid, c.f.whyList(firstBad, row), col, int32(row))
		return false
	}
	return true
}

// Period tests, shared by the methods' "set period of interest" steps.

// startsBy checks Event Start Date on or before day; a start date that
// cannot be read leaves the row out as invalid.
func (c *ctx) startsBy(x *exclusions, step string, row, col int, day int32) bool {
	esd := c.f.dates[dESD][row]
	if !okDate(esd) {
		x.leave(step, ReasonInvalid, c.f.whyDate(dESD, row), col, int32(row))
		return false
	}
	if esd > day {
		x.leave(step, ReasonPeriod, "starts after "+validation.FormatDays(day), col, int32(row))
		return false
	}
	return true
}

// endsFrom checks Event End Date on or after day, or blank (open).
func (c *ctx) endsFrom(x *exclusions, step string, row, col int, day int32) bool {
	eed := c.f.dates[dEED][row]
	switch {
	case eed == dBlank || eed == dMissing:
		return true
	case !okDate(eed):
		x.leave(step, ReasonInvalid, c.f.whyDate(dEED, row), col, int32(row))
		return false
	case eed < day:
		x.leave(step, ReasonPeriod, "ended before "+validation.FormatDays(day), col, int32(row))
		return false
	}
	return true
}

// aliveOn checks Date of Death on or after day, or blank. An unreadable date
// of death is read as none (central processing would have no date).
func (c *ctx) aliveOn(x *exclusions, step string, row, col int, day int32) bool {
	dod := c.f.dates[dDOD][row]
	if okDate(dod) && dod < day {
		x.leave(step, ReasonPeriod, "the person died before "+validation.FormatDays(day), col, int32(row))
		return false
	}
	return true
}

// hasBirth checks that the row has a date of birth to derive an age from.
func (c *ctx) hasBirth(x *exclusions, step string, row, col int) bool {
	if !okDate(c.f.dobMonth[row]) {
		x.leave(step, ReasonNoAge, c.f.whyDate(dDOB, row), col, int32(row))
		return false
	}
	return true
}

// nhsPerson and laPerson are the person keys of an NHS Number and an LA
// Person Unique Identifier (frame numbers; 0 for none).
func (f *frame) nhsPerson(r int32) uint64 { return uint64(f.nhs[r]) }

func (f *frame) laPerson(r int32) uint64 {
	if f.la[r] == 0 {
		return 0
	}
	return uint64(f.nhsCount) + uint64(f.la[r])
}

// hybridIDs gives each of a cohort's rows NHS England's person id: the NHS
// Number where the row has one, else the LA Person Unique Identifier, unless
// that identifier appears in the cohort on a row with an NHS Number (the row
// could then be that person or another: it is left out, 0). NHS England
// uses the traced NHS Number, which an NHS Number that fails the check
// cannot be.
func (c *ctx) hybridIDs(rows []int32) []uint64 {
	f := c.f
	withNHS := make([]bool, f.laCount+1)
	for _, r := range rows {
		if f.nhsValid[r] && f.la[r] != 0 {
			withNHS[f.la[r]] = true
		}
	}
	out := make([]uint64, len(rows))
	for i, r := range rows {
		switch {
		case f.nhsValid[r]:
			out[i] = f.nhsPerson(r)
		case f.la[r] != 0 && !withNHS[f.la[r]]:
			out[i] = f.laPerson(r)
		}
	}
	return out
}

// withIDs keeps the rows that get a person id, leaving the others out, and
// returns them with their ids.
func (c *ctx) withIDs(x *exclusions, step string, rows []int32, colOf func(int32) int) ([]int32, []uint64) {
	ids := c.hybridIDs(rows)
	k := 0
	for i, r := range rows {
		if ids[i] == 0 {
			x.leave(step, ReasonNoPerson, c.noIDDetail(int(r)), colOf(r), r)
			continue
		}
		rows[k], ids[k] = r, ids[i]
		k++
	}
	return rows[:k], ids[:k]
}

func (c *ctx) noIDDetail(row int) string {
	f := c.f
	switch {
	case f.la[row] != 0 && f.nhs[row] == 0:
		return "no NHS Number, and the same LA Person Unique Identifier has an NHS Number on other rows (it could be that person or someone else)"
	case f.la[row] != 0:
		return "the NHS Number is not valid, and the same LA Person Unique Identifier has a valid NHS Number on other rows"
	case f.nhs[row] != 0:
		return "the NHS Number is not valid and there is no LA Person Unique Identifier"
	}
	return "neither an NHS Number nor an LA Person Unique Identifier"
}

// yearBefore is the same calendar day a year earlier (28 February for 29
// February).
func yearBefore(day int32) int32 {
	y, m, d := validation.CivilDate(day)
	if m == 2 && d == 29 {
		d = 28
	}
	return validation.DaysFromDate(y-1, m, d)
}

// openEnd stands for the end of a service still open: NHS England's
// scripts use the day they are run, which is later than any date a file's
// events can start on.
const openEnd = int32(math.MaxInt32 - 1)

// groupBy sorts idx by key (below 2^32; then by index, so equal keys keep
// their order) and calls fn for each run of equal keys.
func groupBy(idx []int, key func(i int) uint64, fn func(run []int)) {
	ks := make([]uint64, len(idx))
	for n, i := range idx {
		ks[n] = key(i)<<32 | uint64(uint32(i))
	}
	slices.Sort(ks)
	for n := range ks {
		idx[n] = int(uint32(ks[n]))
	}
	for i := 0; i < len(idx); {
		j := i + 1
		for j < len(idx) && ks[j]>>32 == ks[i]>>32 {
			j++
		}
		fn(idx[i:j])
		i = j
	}
}

// listLabels are the entries of a field's list, for table rows.
func (c *ctx) listLabels(field int) []string {
	fl := c.f.spec.Field(listKeys[field])
	if fl == nil {
		return nil
	}
	out := make([]string, len(fl.Values))
	for i, v := range fl.Values {
		out[i] = v.Value
	}
	return out
}

// Age bands of the SALT tables.
const (
	band18to64 = iota
	band65plus
	bandUnder18
)

func salBand(age int) int {
	switch {
	case age < 18:
		return bandUnder18
	case age <= 64:
		return band18to64
	}
	return band65plus
}

func plural(n int, one, many string) string { return validation.Plural(n, one, many) }

// rowArena hands out row lists carved from large chunks, so building a
// list per person or episode does not allocate each time. Lists are never
// moved or reused once kept.
type rowArena struct{ buf []int32 }

const arenaChunk = 1 << 16

// room returns an empty list with room for n rows; keep it with keep.
func (a *rowArena) room(n int) []int32 {
	if cap(a.buf)-len(a.buf) < n {
		a.buf = make([]int32, 0, max(n, arenaChunk))
	}
	l := len(a.buf)
	a.buf = a.buf[:l+n]
	return a.buf[l : l : l+n]
}

// keep ends the list s (the latest from room, filled without going past
// its room): the unused room goes back to the arena.
func (a *rowArena) keep(s []int32) []int32 {
	a.buf = a.buf[:len(a.buf)-(cap(s)-len(s))]
	return s[:len(s):len(s)]
}

// join is a kept list of a followed by b.
func (a *rowArena) join(x, y []int32) []int32 {
	s := a.room(len(x) + len(y))
	s = append(s, x...)
	return a.keep(append(s, y...))
}
