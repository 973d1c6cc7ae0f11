package measures

import (
	"math"
	"math/bits"
	"slices"

	"cldvalidator/validation"
)

// dhscTable is DHSC's main table, the starting point of its ASCOF measures:
// events in the period (requests, assessments and reviews ending in it,
// services active at some point in it; end dates cut short by a date of
// death), a combined person id, and one row kept per unique event. Then
// each person's latest details (accommodation, primary support reason,
// gender, date of birth and death), as DHSC's person details table (the
// facts from Stored_procedures/create_FilterToEventsInPeriod_procedure.sql,
// create_GetDerivedFields_procedure.sql,
// create_GetUniqueEvents_procedure.sql and Main_tables/docs/methodology;
// see docs/measures.md).
type dhscTable struct {
	rows   []int32  // kept rows, in file order
	person []uint64 // by kept row
	end    []int32  // derived end date by kept row (dBlank: open)
	x      *exclusions
	pos    []int32 // by file row: index in rows, -1 when not kept

	// People, numbered in order of their key: pid gives each kept row its
	// person's number; keys and details are by number; a person's kept rows
	// are order[starts[p]:starts[p+1]] (in file order).
	pid     []int32
	keys    []uint64
	details []personDetails
	order   []int32
	starts  []int32
	ss      []setting
}

// detailOf is the details of the person with the given key (nil if none).
func (t *dhscTable) detailOf(key uint64) *personDetails {
	if p, ok := slices.BinarySearch(t.keys, key); ok {
		return &t.details[p]
	}
	return nil
}

// rowsOf is person p's kept rows (indexes into rows).
func (t *dhscTable) rowsOf(p int32) []int32 { return t.order[t.starts[p]:t.starts[p+1]] }

type personDetails struct {
	rows     []int32 // indexes into the table's rows
	accom    string
	settled  bool
	accKnown bool // a listed status other than Unknown (inferred ones are not)
	psr      int8 // list entry, -1 unknown
	gender   int8 // list entry, -1 unknown
	dob      int32
	dod      int32
}

// dhscIDs is DHSC's combined person id: the NHS Number where given (any
// NHS Number: DHSC uses the traced number, else the one the council gave),
// else the LA Person Unique Identifier; 0 when there is neither.
func (c *ctx) dhscID(r int) uint64 {
	f := c.f
	switch {
	case f.nhs[r] != 0:
		return f.nhsPerson(int32(r))
	case f.la[r] != 0:
		return f.laPerson(int32(r))
	}
	return 0
}

func (c *ctx) dhsc() *dhscTable {
	c.once.dhsc.Do(func() { c.dhscMain = c.buildDHSC() })
	return c.dhscMain
}

func (c *ctx) buildDHSC() *dhscTable {
	f := c.f
	step := "DHSC: events in the period, one per unique event"
	x := newExclusions()
	events := set(0).with(int(c.request)).with(int(c.assessment)).with(int(c.service)).with(int(c.review))
	t := &dhscTable{x: x}
	rows := make([]int32, 0, f.n)
	ends := make([]int32, 0, f.n)
	for r := 0; r < f.n; r++ {
		if !c.relevant(x, step, r, -1, cond{fEvent, events}) {
			continue
		}
		esd := f.dates[dESD][r]
		if !okDate(esd) {
			x.leave(step, ReasonInvalid, f.whyDate(dESD, r), -1, int32(r))
			continue
		}
		eed := f.dates[dEED][r]
		dod := f.dates[dDOD][r]
		der := eed
		if !okDate(der) {
			der = dBlank
		}
		if okDate(dod) && (okDate(der) && dod >= esd && dod <= der || der == dBlank && dod > esd) {
			der = dod
		}
		isService := f.lists[fEvent][r] == c.service
		switch {
		case esd > f.end:
			x.leave(step, ReasonPeriod, "starts after the period", -1, int32(r))
			continue
		case !isService && der == dBlank && eed == dInvalid:
			x.leave(step, ReasonInvalid, f.whyDate(dEED, r), -1, int32(r))
			continue
		case !isService && (der == dBlank || der < f.start || der > f.end):
			x.leave(step, ReasonPeriod, "does not end in the period", -1, int32(r))
			continue
		case isService && der != dBlank && der < f.start:
			x.leave(step, ReasonPeriod, "ended before the period", -1, int32(r))
			continue
		case okDate(dod) && (dod < f.start || dod < esd):
			x.leave(step, ReasonPeriod, "the person died before the period or the event", -1, int32(r))
			continue
		}
		if c.dhscID(r) == 0 {
			x.leave(step, ReasonNoPerson, "neither an NHS Number nor an LA Person Unique Identifier", -1, int32(r))
			continue
		}
		rows = append(rows, int32(r))
		ends = append(ends, der)
	}
	rows, ends = c.dhscUnique(x, step, rows, ends)
	t.rows, t.end = rows, ends
	t.person = make([]uint64, len(rows))
	t.pos = make([]int32, f.n)
	for i := range t.pos {
		t.pos[i] = -1
	}
	for i, r := range rows {
		t.person[i] = c.dhscID(int(r))
		t.pos[r] = int32(i)
	}
	t.ss = c.ltsSettings(c.m.DHSCLTSSettings)
	c.personDetails(t)
	return t
}

// dhscUnique keeps one row per unique event (DHSC's single-submission
// definition): the same person, LA Code, Event Start Date, Client Type and
// Event Type, and (requests, assessments, reviews) derived end date; the
// same Route of Access (requests), Assessment Type (assessments), Service
// Type, Service Component, Delivery Mechanism, Unit Cost, Cost Frequency
// and Planned units (services). The row kept is the open one, else the
// latest ending, then the highest outcome in DHSC's hierarchy, then the
// later row.
func (c *ctx) dhscUnique(x *exclusions, step string, rows []int32, ends []int32) ([]int32, []int32) {
	ek := c.newEventKeys(rows, ends)
	// Group the rows by their key's hash: the hash's top bits and the
	// index share one uint64, so a plain sort groups them.
	bitsIdx := uint(bits.Len(uint(len(rows))))
	mask := uint64(1)<<bitsIdx - 1
	ks := make([]uint64, len(rows))
	var buf []uint64
	for i := range rows {
		buf = ek.key(buf[:0], i)
		ks[i] = hashKey(buf)&^mask | uint64(i)
	}
	slices.Sort(ks)
	drop := make([]bool, len(rows))
	var group []int
	for i := 0; i < len(ks); {
		j := i + 1
		for j < len(ks) && ks[j]&^mask == ks[i]&^mask {
			j++
		}
		if j-i > 1 {
			group = group[:0]
			for _, x := range ks[i:j] {
				group = append(group, int(x&mask))
			}
			ek.dropRepeats(group, drop, x, step)
		}
		i = j
	}
	k := 0
	for i := range rows {
		if !drop[i] {
			rows[k], ends[k] = rows[i], ends[i]
			k++
		}
	}
	return rows[:k], ends[:k]
}

// eventKeys builds DHSC's unique-event key of each row (rows[i], ending
// ends[i]) and orders rows with the same key.
type eventKeys struct {
	c                                          *ctx
	rows, ends                                 []int32
	hier                                       []int // DHSC's outcome hierarchy by list entry
	la, client, evt, roa, at, st, sc, dm, freq validation.Values
	cost, units                                validation.Values
}

// newEventKeys reads the unique-event fields' values for rows ending at ends.
func (c *ctx) newEventKeys(rows, ends []int32) *eventKeys {
	v := c.f.res.FieldValues
	return &eventKeys{c: c, rows: rows, ends: ends, hier: c.dhsc0Hier(),
		la: v("LA_Code"), client: v("Client_Type"), evt: v("Event_Type"),
		roa: v("Request_Route_of_Access"), at: v("Assessment_Type"),
		st: v("Service_Type"), sc: v("Service_Component"), dm: v("Delivery_Mechanism"), freq: v("Cost_Frequency_Unit_Type"),
		cost: v("Unit_Cost"), units: v("Planned_units_per_week")}
}

// numKey is a number's key (to the penny), or else its value's ID.
func numKey(vals validation.Values, r int) uint64 {
	id := vals.ID(r)
	if vi := vals.Info(id); vi.HasNumber {
		return 1<<63 | uint64(int64(math.Round(vi.Number*100)))
	}
	return uint64(id)
}

// key appends row i's unique-event fields to k.
func (e *eventKeys) key(k []uint64, i int) []uint64 {
	c, f := e.c, e.c.f
	r := int(e.rows[i])
	k = append(k, c.dhscID(r), uint64(e.la.ID(r)), uint64(uint32(f.dates[dESD][r])), uint64(e.client.ID(r)), uint64(e.evt.ID(r)))
	switch f.lists[fEvent][r] {
	case c.service:
		k = append(k, uint64(e.st.ID(r)), uint64(e.sc.ID(r)), uint64(e.dm.ID(r)), numKey(e.cost, r), uint64(e.freq.ID(r)), numKey(e.units, r))
	case c.request:
		k = append(k, uint64(uint32(e.ends[i])), uint64(e.roa.ID(r)))
	case c.assessment:
		k = append(k, uint64(uint32(e.ends[i])), uint64(e.at.ID(r)))
	default:
		k = append(k, uint64(uint32(e.ends[i])))
	}
	return k
}

// hashKey mixes a key into 64 bits.
func hashKey(k []uint64) uint64 {
	h := uint64(0x9E3779B97F4A7C15)
	for _, x := range k {
		h ^= x
		h *= 0xBF58476D1CE4E5B9
		h ^= h >> 31
	}
	return h
}

// better reports whether row a is kept before row b: the open one, else
// the latest ending, then the highest outcome, then the later row.
func (e *eventKeys) better(a, b int) bool {
	if ea, eb := e.endRank(a), e.endRank(b); ea != eb {
		return ea > eb
	}
	if oa, ob := e.outRank(a), e.outRank(b); oa != ob {
		return oa < ob
	}
	return e.rows[a] > e.rows[b]
}

// endRank orders row i's end: open after any date.
func (e *eventKeys) endRank(i int) int64 {
	if e.ends[i] == dBlank {
		return math.MaxInt64
	}
	return int64(e.ends[i])
}

// outRank is row i's outcome's place in DHSC's hierarchy (999 for none).
func (e *eventKeys) outRank(i int) int {
	o := e.c.f.lists[fOutcome][e.rows[i]]
	if o >= 0 && int(o) < len(e.hier) {
		return e.hier[o]
	}
	return 999
}

// dropRepeats orders a group of rows whose keys hash alike, best first, and
// marks each row whose key equals a kept row's before it as a duplicate.
func (e *eventKeys) dropRepeats(group []int, drop []bool, x *exclusions, step string) {
	slices.SortFunc(group, func(a, b int) int {
		if e.better(a, b) {
			return -1
		}
		if e.better(b, a) {
			return 1
		}
		return 0
	})
	for k := 1; k < len(group); k++ {
		kk := e.key(nil, group[k])
		for m := 0; m < k; m++ {
			if !drop[group[m]] && slices.Equal(kk, e.key(nil, group[m])) {
				drop[group[k]] = true
				x.leave(step, ReasonDuplicate, "the same event as row "+validation.Commas(int(e.c.f.res.Table.RowNum[e.rows[group[m]]]))+" (DHSC's unique-event fields)", -1, e.rows[group[k]])
				break
			}
		}
	}
}

// dhsc0Hier is DHSC's outcome hierarchy by list entry (999 for none).
func (c *ctx) dhsc0Hier() []int {
	hr := c.m.DHSCOutcomeHierarchy
	return c.rv.rank("Event_Outcome", release(hr.Release), hr.Values, 999)
}

// personDetails works out each person's latest details from every row of
// the main table, as DHSC's person details table: a known value over an
// unknown one, then the latest end (open first), then the latest start;
// values still different give Unknown. A latest accommodation status that
// is unknown is deduced from the person's latest service where it says
// where they live.
func (c *ctx) personDetails(t *dhscTable) {
	f := c.f
	ref := c.newDetailsRef()
	t.numberPeople()
	for p := range t.details {
		d := &t.details[p]
		// Accommodation.
		a := t.latest(f, d, func(r int32) int8 {
			if v := f.lists[fAccom][r]; v >= 0 {
				return v
			}
			return ref.accUnknown
		}, func(v int8) bool { return v >= 0 && v != ref.accUnknown }, ref.accUnknown)
		if a >= 0 && a != ref.accUnknown {
			d.accom, d.settled, d.accKnown = ref.accLabel[a], ref.accSettled[a], true
		} else {
			d.accom, d.settled = c.inferAccommodation(t, d, ref.svcOrder, ref.comps, ref.community, ref.prison, ref.home)
		}
		// Primary support reason.
		d.psr = t.latest(f, d, func(r int32) int8 { return f.lists[fPSR][r] }, func(v int8) bool { return v >= 0 && !ref.psrNotKnown.has(v) }, -1)
		if d.psr >= 0 && ref.psrNotKnown.has(d.psr) {
			d.psr = -1
		}
		// Gender.
		d.gender = t.latest(f, d, func(r int32) int8 { return f.lists[fGender][r] }, func(v int8) bool { return v >= 0 && v != ref.genderUnknown }, -1)
		if d.gender == ref.genderUnknown {
			d.gender = -1
		}
		// Birth: the earliest valid; death: the latest.
		for _, i := range d.rows {
			r := t.rows[i]
			if b := f.dobMonth[r]; okDate(b) && (d.dob == dBlank || b < d.dob) {
				d.dob = b
			}
			if x := f.dates[dDOD][r]; okDate(x) && (d.dod == dBlank || x > d.dod) {
				d.dod = x
			}
		}
	}
}

// detailsRef is what the person details table reads from the reference
// lists, as list entries of the file's release: DHSC's accommodation
// labels and groups, the values that count as unknown, and how a missing
// accommodation status is deduced from services.
type detailsRef struct {
	accLabel                []string // by Accommodation Status entry: DHSC's label
	accSettled              []bool
	accUnknown              int8
	genderUnknown           int8
	psrNotKnown             set
	svcOrder                []int // Service Type entry → its rank for the deduction
	comps                   set
	community, prison, home int8
}

// newDetailsRef resolves the reference lists against the file's release.
func (c *ctx) newDetailsRef() *detailsRef {
	acc := c.m.DHSCAccommodation
	rel := release(acc.Release)
	nAcc := len(c.listLabels(fAccom))
	d := &detailsRef{accLabel: make([]string, nAcc), accSettled: make([]bool, nAcc)}
	for _, r := range acc.Rows {
		for _, i := range c.rv.indexes("Accommodation_Status", rel, r.Value) {
			if d.accLabel[i] == "" {
				d.accLabel[i], d.accSettled[i] = r.Value, r.Group == "Settled"
			}
		}
	}
	d.accUnknown = int8(c.rv.one("Accommodation_Status", rel, "Unknown"))
	d.psrNotKnown = c.rv.set("Primary_Support_Reason", release(c.m.DHSCPSRNotKnown.Release), c.m.DHSCPSRNotKnown.Values...)
	d.genderUnknown = int8(c.rv.one("Gender", rel, "Unknown"))
	inf := acc.Inference
	d.svcOrder = c.rv.rank("Service_Type", rel, inf.ServiceOrder, 99)
	d.comps = c.rv.set("Service_Component", rel, inf.Components...)
	stIdx := func(l string) int8 { return int8(c.rv.one("Service_Type", rel, l)) }
	d.community, d.prison = stIdx(inf.Community), stIdx(inf.Prison)
	d.home = int8(c.rv.one("Service_Component", rel, inf.CommunityHomeComponent))
	return d
}

// numberPeople numbers the table's people in order of key (keys are below
// 2^32) and gives each an empty details record listing their rows.
func (t *dhscTable) numberPeople() {
	ks := make([]uint64, len(t.person))
	for i := range ks {
		ks[i] = t.person[i]<<32 | uint64(i)
	}
	slices.Sort(ks)
	idx := make([]int32, len(ks))
	for k, x := range ks {
		idx[k] = int32(uint32(x))
	}
	t.order = idx
	t.pid = make([]int32, len(t.person))
	for k, i := range idx {
		if k == 0 || t.person[i] != t.person[idx[k-1]] {
			t.keys = append(t.keys, t.person[i])
			t.starts = append(t.starts, int32(k))
		}
		t.pid[i] = int32(len(t.keys) - 1)
	}
	t.starts = append(t.starts, int32(len(idx)))
	t.details = make([]personDetails, len(t.keys))
	for p := range t.details {
		t.details[p] = personDetails{rows: t.rowsOf(int32(p)), psr: -1, gender: -1, dob: dBlank, dod: dBlank}
	}
}

// endKey orders a kept row's end: open after any date.
func (t *dhscTable) endKey(i int32) int64 {
	if t.end[i] == dBlank {
		return math.MaxInt64
	}
	return int64(t.end[i])
}

// latest chooses a person's value: known first, then latest end, then
// latest start; values still different give conflict.
func (t *dhscTable) latest(f *frame, d *personDetails, val func(r int32) int8, known func(v int8) bool, conflict int8) int8 {
	type key struct {
		known bool
		end   int64
		start int32
	}
	var best key
	have := false
	for _, i := range d.rows {
		r := t.rows[i]
		k := key{known(val(r)), t.endKey(i), f.dates[dESD][r]}
		if !have || k.known && !best.known || k.known == best.known && (k.end > best.end || k.end == best.end && k.start > best.start) {
			best, have = k, true
		}
	}
	out := int8(-100)
	for _, i := range d.rows {
		r := t.rows[i]
		if known(val(r)) != best.known || t.endKey(i) != best.end || f.dates[dESD][r] != best.start {
			continue
		}
		switch v := val(r); {
		case out == -100:
			out = v
		case out != v:
			out = conflict
		}
	}
	return out
}

// inferAccommodation deduces where a person lives from their latest
// service (latest end, open first; then the highest service type; then a
// component that says where they live; then the latest start).
func (c *ctx) inferAccommodation(t *dhscTable, d *personDetails, svcOrder []int, comps set, community, prison, home int8) (string, bool) {
	f := c.f
	inf := c.m.DHSCAccommodation.Inference
	type key struct {
		end   int64
		rank  int
		comp  bool
		start int32
	}
	k := func(i int32) key {
		r := t.rows[i]
		e := int64(math.MaxInt64)
		if t.end[i] != dBlank {
			e = int64(t.end[i])
		}
		rank := 99
		if st := f.lists[fST][r]; st >= 0 && int(st) < len(svcOrder) {
			rank = svcOrder[st]
		}
		return key{e, rank, comps.has(f.lists[fSC][r]), f.dates[dESD][r]}
	}
	var best key
	have := false
	for _, i := range d.rows {
		if f.lists[fEvent][t.rows[i]] != c.service {
			continue
		}
		x := k(i)
		if !have || x.end > best.end || x.end == best.end && (x.rank < best.rank || x.rank == best.rank && (x.comp && !best.comp || x.comp == best.comp && x.start > best.start)) {
			best, have = x, true
		}
	}
	if !have {
		return "Unknown", false
	}
	st, sc := int8(-1), int8(-1)
	stN, scN := 0, 0
	for _, i := range d.rows {
		r := t.rows[i]
		if f.lists[fEvent][r] != c.service || k(i) != best {
			continue
		}
		if s := f.lists[fST][r]; best.rank != 99 && s != st {
			st = s
			stN++
		}
		if s := f.lists[fSC][r]; comps.has(s) && s != sc {
			sc = s
			scN++
		}
	}
	if stN != 1 {
		st = -1
	}
	if scN != 1 {
		sc = -1
	}
	for i, m := range inf.ByServiceType {
		if st >= 0 && st == c.accomByST[i] {
			return m.Status, m.Settled
		}
	}
	for i, m := range inf.ByComponent {
		if sc >= 0 && sc == c.accomByComp[i] {
			return m.Status, m.Settled
		}
	}
	switch {
	case st == community && community >= 0 && sc == home && home >= 0:
		return inf.PresumedHome, true
	case st == community && community >= 0 && sc < 0:
		return inf.PresumedCommunity, false
	case st == prison && prison >= 0:
		return inf.PrisonStatus, false
	}
	return "Unknown", false
}

// ageOnDHSC is DHSC's age: from the person's earliest birth month, whole
// years of 365.25 days to the day; ok false without a birth date.
func ageOnDHSC(d *personDetails, on int32) (int, bool) {
	if !okDate(d.dob) {
		return 0, false
	}
	return ageFrom(d.dob, on), true
}

// shareMain adds to a table the rows the DHSC main table left out that the
// measure would otherwise have looked at (by their own valid values).
func (c *ctx) shareMain(b *tableBuilder, conds ...cond) {
	t := c.dhsc()
	for _, e := range t.x.list {
		var rows []int32
		for _, r := range e.Rows {
			ok := true
			for _, cd := range conds {
				if code := c.f.lists[cd.field][r]; !cd.in.has(code) && !bad(code) {
					ok = false
					break
				}
			}
			if ok {
				rows = append(rows, r)
			}
		}
		if len(rows) > 0 {
			b.t.Exclusions = append(b.t.Exclusions, &Exclusion{Step: e.Step, Reason: e.Reason, Detail: e.Detail, Column: e.Column, Rows: rows})
		}
	}
}
