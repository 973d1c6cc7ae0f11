package measures

import (
	"fmt"
	"slices"

	"cldvalidator/validation"
)

// ASCOF 2A, 2D, 2E and 3D as DHSC computes them from 2024/25 (its
// ASC-CLD-LA-Dashboard scripts), from the DHSC main table of this file.

var ratioCols = []string{"Numerator", "Denominator"}

func (c *ctx) dhscMeasure(id, name, file string) *Measure {
	return &Measure{ID: id, Name: name, Method: file, Source: c.m.Sources["dhsc"]}
}

// ASCOF 2E: the proportion of people receiving long-term support who live
// in their home or with family (settled accommodation). DHSC's steps: the
// long-term services of service users in the main table (ascof2ECohort);
// each person once, with their age at the end of their latest service and
// their latest accommodation status (ascof2EPerson); the proportions by
// age band and gender (ascof2ETable).
func (c *ctx) ascof2E() *Measure {
	t := c.dhsc()
	m := c.dhscMeasure("ASCOF 2E", "The proportion of people who receive long-term support who live in their home or with family", "ASCOF_measures/Create_ASCOF_2E_2425_Onwards.sql")
	co := &ascof2E{
		step: "Long-term services of service users in the period",
		x:    newExclusions(),
		lts:  c.rv.set("Service_Type", validation.R2, "Long term support: Nursing care", "Long term support: Residential care", "Long term support: Community", "Long term support: Prison"),
		su:   set(0).with(int(c.serviceUser)),
		ld:   int8(c.rv.one("Primary_Support_Reason", release(c.m.DHSCLD.Release), c.m.DHSCLD.Value)),
	}
	inCohort := c.ascof2ECohort(t, co)
	unknown := newTable("ASCOF 2E unknown", "People left with an unknown or invalid accommodation status", "people", "", []string{"Unknown, invalid or deduced from services"}, []string{"18 to 64", "65 and over", "Total"})
	inf := c.m.DHSCAccommodation.Inference
	people := make([]ascof2EPerson, 0, len(t.keys))
	var arena rowArena
	for p := range t.keys {
		w, ok := c.ascof2EPerson(t, co, inCohort, &arena, p)
		if !ok {
			continue
		}
		people = append(people, w)
		if d := &t.details[p]; d.accom == "Unknown" || d.accom == inf.PresumedHome || d.accom == inf.PresumedCommunity {
			unknown.addBoth(0, w.band, 2, w.key, w.rows)
		}
	}
	m.Tables = []*Table{
		c.ascof2ETable(co, people, "ASCOF 2E 18-64", "Aged 18 to 64: living in their home or with family", 0, false),
		c.ascof2ETable(co, people, "ASCOF 2E 65+", "Aged 65 and over: living in their home or with family", 1, false),
		c.ascof2ETable(co, people, "ASCOF 2E LD", "Aged 18 to 64 with a learning disability (primary support reason): living in their home or with family", 0, true),
	}
	ut := unknown.done()
	ut.Notes = []string{"Counted in the denominators; DHSC deduces a status from the person's latest service where their latest recorded status is unknown (e.g. nursing care: registered nursing home; home support in the community: presumed at home, counted as settled)."}
	m.Tables = append(m.Tables, ut)
	m.Notes = []string{"Accommodation status, gender, primary support reason and date of birth are each person's latest known across every row in the period (DHSC's person details), not the value on the service row."}
	return m
}

// ascof2E is what ASCOF 2E's steps share: its cohort step, exclusions and
// the list entries it reads.
type ascof2E struct {
	step string
	x    *exclusions
	lts  set  // the long-term service types
	su   set  // Service User
	ld   int8 // learning disability support
}

// ascof2EPerson is a person ASCOF 2E counts.
type ascof2EPerson struct {
	key    uint64
	band   int // 0 18-64, 1 65+
	gender int // 0 male, 1 female, -1 other
	ld     bool
	settle bool
	rows   []int32
}

// ascof2ECohort marks the main table's rows that are long-term services
// of service users (a service ending before it starts is left out).
func (c *ctx) ascof2ECohort(t *dhscTable, co *ascof2E) []bool {
	f := c.f
	inCohort := make([]bool, len(t.rows))
	for i, r := range t.rows {
		if !c.relevant(co.x, co.step, int(r), -1, cond{fClient, co.su}, cond{fEvent, set(0).with(int(c.service))}, cond{fST, co.lts}) {
			continue
		}
		if end := t.end[i]; end != dBlank && end < f.dates[dESD][r] {
			co.x.leave(co.step, ReasonInvalid, "Event End Date before Event Start Date", -1, r)
			continue
		}
		inCohort[i] = true
	}
	return inCohort
}

// ascof2EPerson is person p as ASCOF 2E counts them: their cohort rows,
// their age at the end of their latest service in the period (capped at
// the period end) and their details. ok is false for a person with no
// cohort rows, or left out (died before the period, no age, under 18).
func (c *ctx) ascof2EPerson(t *dhscTable, co *ascof2E, inCohort []bool, arena *rowArena, p int) (ascof2EPerson, bool) {
	f := c.f
	its := t.rowsOf(int32(p))
	rows := arena.room(len(its))
	capped := int32(dBlank)
	for _, i := range its {
		if !inCohort[i] {
			continue
		}
		rows = append(rows, t.rows[i])
		// The end of their latest service, capped at the period end.
		ce := f.end
		if e := t.end[i]; e != dBlank && e < f.end {
			ce = e
		}
		capped = max(capped, ce)
	}
	rows = arena.keep(rows)
	if len(rows) == 0 {
		return ascof2EPerson{}, false
	}
	leave := func(reason Reason, detail string) (ascof2EPerson, bool) {
		for _, r := range rows {
			co.x.leave(co.step, reason, detail, -1, r)
		}
		return ascof2EPerson{}, false
	}
	d := &t.details[p]
	if okDate(d.dod) && d.dod < f.start {
		return leave(ReasonPeriod, "the person died before the period")
	}
	age, ok := ageOnDHSC(d, capped)
	if !ok {
		return leave(ReasonNoAge, "no date of birth on any of the person's rows (DHSC keeps them out of both age groups)")
	}
	if age < 18 {
		return leave(ReasonAge, fmt.Sprintf("aged %d at the end of their latest long-term service in the period", age))
	}
	w := ascof2EPerson{key: t.keys[p], gender: -1, ld: d.psr == co.ld && co.ld >= 0, settle: d.settled, rows: rows}
	if age >= 65 {
		w.band = 1
	}
	switch d.gender {
	case c.male:
		w.gender = 0
	case c.female:
		w.gender = 1
	}
	return w, true
}

// ascof2ETable is one of ASCOF 2E's proportions: the people of an age band
// (with a learning disability, when onlyLD) living in their home or with
// family, by gender.
func (c *ctx) ascof2ETable(co *ascof2E, people []ascof2EPerson, id, title string, band int, onlyLD bool) *Table {
	b := newTable(id, title, "people", "Gender", []string{"Male", "Female", "Total"}, ratioCols)
	b.t.Ratio = true
	for _, w := range people {
		if w.band != band || onlyLD && !w.ld {
			continue
		}
		ratioAddWithTotal(b, w.gender, w.settle, w.key, w.rows)
	}
	b.share(co.x.list)
	c.shareMain(b, cond{fClient, co.su}, cond{fEvent, set(0).with(int(c.service))}, cond{fST, co.lts})
	return b.done()
}

// ASCOF 3D: the proportion of people using services who receive
// self-directed support, and those receiving direct payments (clients on
// the last day of the period; carers during it). DHSC's steps: for clients
// (parts 1a and 2a), each row's setting on the last day
// (ascof3DSettings) and each person once, in their highest setting, when
// that is the community (ascof3DClients); for carers (parts 1b and 2b),
// each carer once, in their highest kind of support (ascof3DCarers).
func (c *ctx) ascof3D() *Measure {
	t := c.dhsc()
	m := c.dhscMeasure("ASCOF 3D", "The proportion of people who use services who receive self-directed support, and those who receive direct payments", "ASCOF_measures/Create_ASCOF_3D_2425_Onwards.sql")
	groups := []string{"18 to 64", "65 and over", "Total"}
	b1 := newTable("ASCOF 3D 1a", "Part 1a: clients in the community receiving self-directed support", "people", "Age band", groups, ratioCols)
	b2 := newTable("ASCOF 3D 2a", "Part 2a: clients in the community receiving direct payments", "people", "Age band", groups, ratioCols)
	bu := newTable("ASCOF 3D clients unknown", "Clients in the community with an unknown or invalid delivery mechanism (in the denominators)", "people", "", []string{"Clients"}, []string{"Total"})
	c.ascof3DClients(t, b1, b2, bu)
	b3 := newTable("ASCOF 3D 1b", "Part 1b: carers receiving self-directed support", "carers", "Age band", groups, ratioCols)
	b4 := newTable("ASCOF 3D 2b", "Part 2b: carers receiving direct payments", "carers", "Age band", groups, ratioCols)
	c.ascof3DCarers(t, b3, b4)
	for _, b := range []*tableBuilder{b1, b2, b3, b4} {
		b.t.Ratio = true
	}
	m.Tables = []*Table{b1.done(), b2.done(), bu.done(), b3.done(), b4.done()}
	m.Notes = []string{"A service with Service Component 'Direct payment' counts as a direct payment whatever its Delivery Mechanism; each person counts once, in their highest setting (nursing, residential, community, prison).",
		"Carers count in the denominator when their highest support is a direct payment, a managed personal budget or commissioned support; support direct to a carer with no valid delivery mechanism is left out, as in the method."}
	return m
}

// ascof3DEntries are the list entries ASCOF 3D reads, in the file's
// release.
type ascof3DEntries struct {
	lts               set  // the long-term service types
	scDP, dmDP, dmMPB int8 // direct payment (component, mechanism); managed personal budget
	community         int8
	communityDP       int // the setting "community by direct payment" (-1: none)
}

func (c *ctx) ascof3DEntries(t *dhscTable) ascof3DEntries {
	r2 := validation.R2
	e := ascof3DEntries{
		lts:         c.rv.set("Service_Type", r2, "Long term support: Nursing care", "Long term support: Residential care", "Long term support: Community", "Long term support: Prison"),
		scDP:        int8(c.rv.one("Service_Component", r2, "Direct payment")),
		dmDP:        int8(c.rv.one("Delivery_Mechanism", r2, "Direct payment")),
		dmMPB:       int8(c.rv.one("Delivery_Mechanism", r2, "CASSR managed personal budget")),
		community:   int8(c.rv.one("Service_Type", r2, "Long term support: Community")),
		communityDP: -1,
	}
	for i, s := range t.ss {
		if s.st == e.community && s.dm == e.dmDP && e.dmDP >= 0 {
			e.communityDP = i
		}
	}
	return e
}

// ascof3DBand is a person's age band on the last day of the period (0 18
// to 64, 1 65 and over, -1 unknown: in the total only); ok is false for
// someone under 18.
func (c *ctx) ascof3DBand(d *personDetails) (int, bool) {
	age, ok := ageOnDHSC(d, c.f.end)
	switch {
	case !ok:
		return -1, true // unknown: in the total only
	case age < 18:
		return 0, false
	case age <= 64:
		return 0, true
	}
	return 1, true
}

// ratioAddWithTotal counts an entry of a proportion in row r (unless r is
// -1, unknown) and in the total, row 2.
func ratioAddWithTotal(b *tableBuilder, row int, in bool, person uint64, rows []int32) {
	for _, r := range []int{row, 2} {
		if r >= 0 {
			ratioAdd(b, r, in, person, rows)
		}
	}
}

// ascof3DClients counts parts 1a and 2a: each client in long-term support
// on the last day once, in their highest setting; those in the community
// by whether the setting's mechanism is self-directed support (b1), a
// direct payment (b2), or not known (bu).
func (c *ctx) ascof3DClients(t *dhscTable, b1, b2, bu *tableBuilder) {
	const step = "Clients in long-term support on the last day of the period"
	x := newExclusions()
	e := c.ascof3DEntries(t)
	rank := c.ascof3DSettings(t, x, step, e)
	for p := range t.keys {
		best := len(t.ss)
		var rows []int32
		for _, i := range t.rowsOf(int32(p)) {
			if rank[i] >= 0 {
				best = min(best, rank[i])
				rows = append(rows, t.rows[i])
			}
		}
		if len(rows) == 0 || t.ss[best].st != e.community {
			continue
		}
		kept := t.ss[best].dm // the mechanism after setting aside unexpected ones
		sds := kept == e.dmDP && e.dmDP >= 0 || kept == e.dmMPB && e.dmMPB >= 0
		dp := kept == e.dmDP && e.dmDP >= 0
		g, ok := c.ascof3DBand(&t.details[p])
		if !ok {
			for _, r := range rows {
				b1.leave(step, ReasonAge, "under 18 on the last day of the period", -1, r)
				b2.leave(step, ReasonAge, "under 18 on the last day of the period", -1, r)
			}
			continue
		}
		key := t.keys[p]
		ratioAddWithTotal(b1, g, sds, key, rows)
		ratioAddWithTotal(b2, g, dp, key, rows)
		if kept < 0 && !sds {
			bu.add(0, 0, key, rows)
		}
	}
	for _, b := range []*tableBuilder{b1, b2, bu} {
		b.share(x.list)
		c.shareMain(b, cond{fClient, set(0).with(int(c.serviceUser))}, cond{fST, e.lts})
	}
}

// ascof3DSettings is the setting (its rank in DHSC's hierarchy) of each
// row of the main table that is a client's long-term service running on
// the last day of the period, -1 for the others. A Service Component
// "Direct payment" makes the mechanism a direct payment.
func (c *ctx) ascof3DSettings(t *dhscTable, x *exclusions, step string, e ascof3DEntries) []int {
	f := c.f
	rank := make([]int, len(t.rows))
	for i, r := range t.rows {
		rank[i] = -1
		row := int(r)
		if !c.relevant(x, step, row, -1, cond{fClient, set(0).with(int(c.serviceUser))}, cond{fST, e.lts}) {
			continue
		}
		end := t.end[i]
		switch {
		case end != dBlank && end < f.dates[dESD][r]:
			x.leave(step, ReasonInvalid, "Event End Date before Event Start Date", -1, r)
			continue
		case end != dBlank && end < f.end:
			x.leave(step, ReasonPeriod, "ended before the last day of the period", -1, r)
			continue
		}
		if d := &t.details[t.pid[i]]; okDate(d.dod) && d.dod < f.end {
			x.leave(step, ReasonPeriod, "the person died before the last day of the period", -1, r)
			continue
		}
		dm := dmFor(f, row)
		sc := f.lists[fSC][r]
		if sc == e.scDP && e.scDP >= 0 {
			dm = e.dmDP
		}
		st := f.lists[fST][r]
		k := settingOf(t.ss, st, dm)
		if st == e.community && sc == e.scDP && e.scDP >= 0 && e.communityDP >= 0 {
			k = e.communityDP
		}
		rank[i] = k
	}
	return rank
}

// ascof3DCarers counts parts 1b and 2b: each carer supported during the
// period once, in their highest kind of support (LTS003's), when that is
// a direct payment, a managed personal budget or commissioned support;
// self-directed support (b3) is the first two, a direct payment (b4) the
// first.
func (c *ctx) ascof3DCarers(t *dhscTable, b3, b4 *tableBuilder) {
	f := c.f
	const step = "Carers supported during the period"
	x := newExclusions()
	selected := c.carerRowsFrom(x, step, t.rows, func(r int) bool {
		i := t.pos[r]
		if d := &t.details[t.pid[i]]; okDate(d.dod) && d.dod < f.start {
			x.leave(step, ReasonPeriod, "the person died before the period", -1, int32(r))
			return false
		}
		if e := t.end[i]; e != dBlank && e < f.dates[dESD][r] {
			x.leave(step, ReasonInvalid, "Event End Date before Event Start Date", -1, int32(r))
			return false
		}
		return true
	})
	bestOf, crows := c.carersHighestSupport(t, selected)
	for p, best := range bestOf {
		if best < 0 || best > 2 {
			continue
		}
		rows := crows[p]
		// DHSC takes the youngest age over a carer's rows, each from the
		// person's date of birth in its person details (so one age).
		g, ok := c.ascof3DBand(&t.details[p])
		if !ok {
			for _, r := range rows {
				b3.leave(step, ReasonAge, "under 18 on the last day of the period", -1, r)
				b4.leave(step, ReasonAge, "under 18 on the last day of the period", -1, r)
			}
			continue
		}
		key := t.keys[p]
		ratioAddWithTotal(b3, g, best <= 1, key, rows)
		ratioAddWithTotal(b4, g, best == 0, key, rows)
	}
	for _, b := range []*tableBuilder{b3, b4} {
		b.share(x.list)
		c.shareMain(b, cond{fClient, c.carers})
	}
}

// carersHighestSupport is each person's highest kind of carer support
// over their selected rows (LTS003's order, -1 for none), and those rows.
func (c *ctx) carersHighestSupport(t *dhscTable, selected []int32) (bestOf []int8, crows [][]int32) {
	support := c.carerSupport(true)
	bestOf = make([]int8, len(t.keys))
	for p := range bestOf {
		bestOf[p] = -1
	}
	crows = make([][]int32, len(t.keys))
	for _, r := range selected {
		p := t.pid[t.pos[r]]
		crows[p] = append(crows[p], r)
		if s := support(int(r)); s >= 0 && (bestOf[p] < 0 || int8(s) < bestOf[p]) {
			bestOf[p] = int8(s)
		}
	}
	return bestOf, crows
}

// carerRowsFrom is carerRows over a set of rows (the DHSC main table's).
func (c *ctx) carerRowsFrom(x *exclusions, step string, rows []int32, extra func(r int) bool) []int32 {
	f := c.f
	rel := validation.R1
	carerST := c.rv.set("Service_Type", rel, "Carer Support: Direct to Carer", "Carer Support: Support involving the person cared-for")
	info := int8(c.rv.one("Event_Outcome", rel, "NFA - Information & Advice / Signposting only"))
	var out []int32
	for _, r32 := range rows {
		r := int(r32)
		if !c.relevant(x, step, r, -1, cond{fClient, c.carers}) {
			continue
		}
		s, ev, o := f.lists[fST][r], f.lists[fEvent][r], f.lists[fOutcome][r]
		noST := s == cBlank || s == cMissing
		if !(carerST.has(s) || noST && o == info && info >= 0 || noST && (ev == c.assessment || ev == c.review)) {
			if bad(s) {
				x.leave(step, ReasonInvalid, f.whyList(fST, r), -1, r32)
			}
			continue
		}
		if !extra(r) {
			continue
		}
		out = append(out, r32)
	}
	return out
}

func labelST(f *frame, st int8, rv *resolver) string {
	l := f.label(fST, st)
	if rv.spec.Release == validation.R1 {
		if r2 := rv.r2.ToR2("Service_Type", l); r2 != "" {
			return r2
		}
	}
	return l
}

// dhscServiceUsers is the chronology of service users' events in the
// DHSC main table, with DHSC's derived end dates, leaving out the rows that
// end before they start (DHSC's ASCOF scripts drop them); badEnd lists
// those.
func (c *ctx) dhscServiceUsers() (*chronology, []int32) {
	c.once.dhscSU.Do(func() {
		f := c.f
		t := c.dhsc()
		var bad []int32
		rows := make([]int32, 0, len(t.rows))
		ids := make([]uint64, 0, len(t.rows))
		for i, r := range t.rows {
			if f.lists[fClient][r] != c.serviceUser || c.serviceUser < 0 {
				continue
			}
			if e := t.end[i]; e != dBlank && e < f.dates[dESD][r] {
				bad = append(bad, r)
				continue
			}
			rows = append(rows, r)
			ids = append(ids, t.person[i])
		}
		ch := c.chronology(rows, ids)
		for i := range ch.events {
			e := &ch.events[i]
			d := t.end[t.pos[e.row]]
			e.endRaw, e.end = d, d
			if d == dBlank {
				e.end = openEnd
			}
		}
		// Derived ends can reorder events that start on the same day.
		for p := range ch.people {
			sortEvents(ch.events[ch.starts[p]:ch.starts[p+1]])
		}
		c.dhscSUch, c.dhscSUbad = ch, bad
	})
	return c.dhscSUch, c.dhscSUbad
}

// ASCOF 2D (partial): people aged 65 and over discharged from hospital into
// reablement who remained in the community within 12 weeks. The file has
// the reablement; the discharges and readmissions are in hospital records.
// DHSC's steps as far as the file goes: service users' reablement
// episodes (reablementEpisodes), those starting in the period of people
// aged 65 and over, and what the file shows of the 12 weeks after their
// start (ascof2DEpisode).
func (c *ctx) ascof2D() *Measure {
	f := c.f
	t := c.dhsc()
	m := c.dhscMeasure("ASCOF 2D", "The proportion of people aged 65 and over discharged from hospital into reablement who remained in the community within 12 weeks of discharge", "ASCOF_measures/Create_ASCOF_2D.sql")
	m.Partial = true
	m.Missing = "DHSC links CLD to hospital records (SUS): the discharges (part 2's denominator), which reablement followed a discharge (7 days before to 3 days after its start), and emergency readmissions within 12 weeks. None of these are in a CLD file, so only the reablement side is shown: episodes of people aged 65 and over starting in the period, and those the file already shows did not remain in the community (died, or began long-term residential or nursing care, within 12 weeks of the episode's start)."
	a := &ascof2D{
		step:    "Reablement episodes of people aged 65 and over starting in the period",
		x:       newExclusions(),
		resNurs: c.rv.set("Service_Type", validation.R2, "Long term support: Nursing care", "Long term support: Residential care"),
	}
	reab := int8(c.rv.one("Service_Component", validation.R2, "Reablement"))
	ch, _ := c.dhscServiceUsers()
	cols := []string{"65 to 74", "75 to 84", "85 and over", "Total"}
	a.b = newTable("ASCOF 2D reablement", "Reablement episodes of people aged 65 and over starting in the period (hospital discharge not known)", "episodes", "",
		[]string{"Reablement episodes (ST-Max, component Reablement)", "of which the person died within 12 weeks of the start", "of which long-term residential or nursing care began within 12 weeks of the start", "of which neither (in the numerator if the episode followed a discharge and there was no readmission)"}, cols)
	for p, pid := range ch.people {
		evs := ch.events[ch.starts[p]:ch.starts[p+1]]
		d := t.detailOf(pid)
		if okDate(d.dod) && d.dod < f.start {
			continue
		}
		for _, ep := range c.reablementEpisodes(evs, reab) {
			c.ascof2DEpisode(a, pid, d, evs, ep)
		}
	}
	a.b.share(a.x.list)
	c.shareMain(a.b, cond{fClient, set(0).with(int(c.serviceUser))}, cond{fST, set(0).with(int(c.stMax))})
	tb := a.b.done()
	tb.Notes = []string{"DHSC measures 12 weeks from the hospital discharge date; the file has no discharge dates, so they are measured from the start of the reablement (DHSC links reablement starting up to 7 days after a discharge)."}
	m.Tables = []*Table{tb}
	return m
}

// ascof2D is what ASCOF 2D's steps share.
type ascof2D struct {
	step    string
	x       *exclusions
	resNurs set // long-term residential and nursing care
	b       *tableBuilder
}

// episode is a chain of services: its start and rows.
type episode struct {
	start int32
	rows  []int32
}

// reablementEpisodes chains a person's ST-Max services with component
// Reablement into episodes: a service starting within 7 days of the end of
// the episode so far continues it.
func (c *ctx) reablementEpisodes(evs []event, reab int8) []episode {
	f := c.f
	var sm []event
	for _, e := range evs {
		if e.typ == c.service && e.st == c.stMax && c.stMax >= 0 && f.lists[fSC][e.row] == reab && reab >= 0 {
			sm = append(sm, e)
		}
	}
	var eps []episode
	for i := 0; i < len(sm); {
		ep := episode{start: sm[i].start}
		end := sm[i].end
		j := i
		for ; j < len(sm) && (j == i || int64(sm[j].start)-int64(end) <= 7); j++ {
			end = max(end, sm[j].end)
			ep.rows = append(ep.rows, sm[j].row)
		}
		eps = append(eps, ep)
		i = j
	}
	return eps
}

// ascof2DEpisode counts an episode starting in the period of a person aged
// 65 or over (at its start), by age band: in all, and by whether the
// person died, or long-term residential or nursing care began, within 12
// weeks (84 days) of its start, or neither.
func (c *ctx) ascof2DEpisode(a *ascof2D, pid uint64, d *personDetails, evs []event, ep episode) {
	f := c.f
	start, rr := ep.start, ep.rows
	if start < f.start || start > f.end {
		for _, r := range rr {
			a.x.leave(a.step, ReasonPeriod, "the episode does not start in the period", -1, r)
		}
		return
	}
	age, ok := ageOnDHSC(d, start)
	switch {
	case !ok:
		for _, r := range rr {
			a.x.leave(a.step, ReasonNoAge, "no date of birth on any of the person's rows", -1, r)
		}
		return
	case age < 65:
		return
	}
	col := ascof2DBand(age)
	add := func(row int, behind []int32) {
		a.b.addBoth(row, col, 3, pid, behind)
	}
	add(0, rr)
	died := okDate(d.dod) && d.dod >= start && d.dod <= start+84
	care := careWithin12Weeks(evs, start, a.resNurs)
	if died {
		add(1, rr)
	}
	if len(care) > 0 {
		add(2, append(slices.Clone(rr), care...))
	}
	if !died && len(care) == 0 {
		add(3, rr)
	}
}

// ascof2DBand is the column of an age of 65 or over: 65 to 74, 75 to 84,
// 85 and over.
func ascof2DBand(age int) int {
	switch {
	case age <= 74:
		return 0
	case age <= 84:
		return 1
	}
	return 2
}

// careWithin12Weeks are the rows of the person's long-term residential or
// nursing services (resNurs) starting within 12 weeks (84 days) of start.
func careWithin12Weeks(evs []event, start int32, resNurs set) []int32 {
	var care []int32
	for _, e := range evs {
		if resNurs.has(e.st) && e.start >= start && e.start <= start+84 {
			care = append(care, e.row)
		}
	}
	return care
}
