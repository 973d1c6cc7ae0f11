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
// in their home or with family (settled accommodation).
func (c *ctx) ascof2E() *Measure {
	f := c.f
	t := c.dhsc()
	m := c.dhscMeasure("ASCOF 2E", "The proportion of people who receive long-term support who live in their home or with family", "ASCOF_measures/Create_ASCOF_2E_2425_Onwards.sql")
	step := "Long-term services of service users in the period"
	x := newExclusions()
	lts := c.rv.set("Service_Type", validation.R2, "Long term support: Nursing care", "Long term support: Residential care", "Long term support: Community", "Long term support: Prison")
	su := set(0).with(int(c.serviceUser))
	ld := int8(c.rv.one("Primary_Support_Reason", release(c.m.DHSCLD.Release), c.m.DHSCLD.Value))
	inCohort := make([]bool, len(t.rows))
	for i, r := range t.rows {
		if !c.relevant(x, step, int(r), -1, cond{fClient, su}, cond{fEvent, set(0).with(int(c.service))}, cond{fST, lts}) {
			continue
		}
		if end := t.end[i]; end != dBlank && end < f.dates[dESD][r] {
			x.leave(step, ReasonInvalid, "Event End Date before Event Start Date", -1, r)
			continue
		}
		inCohort[i] = true
	}
	type who struct {
		key    uint64
		band   int // 0 18-64, 1 65+
		gender int // 0 male, 1 female, -1 other
		ld     bool
		settle bool
		rows   []int32
	}
	people := make([]who, 0, len(t.keys))
	var arena rowArena
	inf := c.m.DHSCAccommodation.Inference
	unknown := newTable("ASCOF 2E unknown", "People left with an unknown or invalid accommodation status", "people", "", []string{"Unknown, invalid or deduced from services"}, []string{"18 to 64", "65 and over", "Total"})
	for p := range t.keys {
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
			continue
		}
		d := &t.details[p]
		if okDate(d.dod) && d.dod < f.start {
			for _, r := range rows {
				x.leave(step, ReasonPeriod, "the person died before the period", -1, r)
			}
			continue
		}
		age, ok := ageOnDHSC(d, capped)
		if !ok {
			for _, r := range rows {
				x.leave(step, ReasonNoAge, "no date of birth on any of the person's rows (DHSC keeps them out of both age groups)", -1, r)
			}
			continue
		}
		if age < 18 {
			for _, r := range rows {
				x.leave(step, ReasonAge, fmt.Sprintf("aged %d at the end of their latest long-term service in the period", age), -1, r)
			}
			continue
		}
		w := who{key: t.keys[p], gender: -1, ld: d.psr == ld && ld >= 0, settle: d.settled, rows: rows}
		if age >= 65 {
			w.band = 1
		}
		switch d.gender {
		case c.male:
			w.gender = 0
		case c.female:
			w.gender = 1
		}
		people = append(people, w)
		if d.accom == "Unknown" || d.accom == inf.PresumedHome || d.accom == inf.PresumedCommunity {
			unknown.addBoth(0, w.band, 2, w.key, rows)
		}
	}
	mk := func(id, title string, band int, onlyLD bool) *Table {
		b := newTable(id, title, "people", "Gender", []string{"Male", "Female", "Total"}, ratioCols)
		b.t.Ratio = true
		for _, w := range people {
			if w.band != band || onlyLD && !w.ld {
				continue
			}
			for _, g := range []int{w.gender, 2} {
				if g < 0 {
					continue
				}
				if w.settle {
					b.addBoth(g, 0, 1, w.key, w.rows)
				} else {
					b.add(g, 1, w.key, w.rows)
				}
			}
		}
		b.share(x.list)
		c.shareMain(b, cond{fClient, su}, cond{fEvent, set(0).with(int(c.service))}, cond{fST, lts})
		return b.done()
	}
	m.Tables = []*Table{
		mk("ASCOF 2E 18-64", "Aged 18 to 64: living in their home or with family", 0, false),
		mk("ASCOF 2E 65+", "Aged 65 and over: living in their home or with family", 1, false),
		mk("ASCOF 2E LD", "Aged 18 to 64 with a learning disability (primary support reason): living in their home or with family", 0, true),
	}
	ut := unknown.done()
	ut.Notes = []string{"Counted in the denominators; DHSC deduces a status from the person's latest service where their latest recorded status is unknown (e.g. nursing care: registered nursing home; home support in the community: presumed at home, counted as settled)."}
	m.Tables = append(m.Tables, ut)
	m.Notes = []string{"Accommodation status, gender, primary support reason and date of birth are each person's latest known across every row in the period (DHSC's person details), not the value on the service row."}
	return m
}

// ASCOF 3D: the proportion of people using services who receive
// self-directed support, and those receiving direct payments (clients on
// the last day of the period; carers during it).
func (c *ctx) ascof3D() *Measure {
	f := c.f
	t := c.dhsc()
	m := c.dhscMeasure("ASCOF 3D", "The proportion of people who use services who receive self-directed support, and those who receive direct payments", "ASCOF_measures/Create_ASCOF_3D_2425_Onwards.sql")
	r2 := validation.R2
	step := "Clients in long-term support on the last day of the period"
	x := newExclusions()
	lts := c.rv.set("Service_Type", r2, "Long term support: Nursing care", "Long term support: Residential care", "Long term support: Community", "Long term support: Prison")
	scDP := int8(c.rv.one("Service_Component", r2, "Direct payment"))
	dmDP := int8(c.rv.one("Delivery_Mechanism", r2, "Direct payment"))
	dmMPB := int8(c.rv.one("Delivery_Mechanism", r2, "CASSR managed personal budget"))
	community := int8(c.rv.one("Service_Type", r2, "Long term support: Community"))
	communityDP := -1
	for i, s := range t.ss {
		if s.st == community && s.dm == dmDP && dmDP >= 0 {
			communityDP = i
		}
	}
	// Each row's setting rank (-1: not a client row on the last day).
	rank := make([]int, len(t.rows))
	for i, r := range t.rows {
		rank[i] = -1
		row := int(r)
		if !c.relevant(x, step, row, -1, cond{fClient, set(0).with(int(c.serviceUser))}, cond{fST, lts}) {
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
		if sc == scDP && scDP >= 0 {
			dm = dmDP
		}
		st := f.lists[fST][r]
		k := settingOf(t.ss, st, dm)
		if st == community && sc == scDP && scDP >= 0 && communityDP >= 0 {
			k = communityDP
		}
		rank[i] = k
	}
	groups := []string{"18 to 64", "65 and over", "Total"}
	b1 := newTable("ASCOF 3D 1a", "Part 1a: clients in the community receiving self-directed support", "people", "Age band", groups, ratioCols)
	b2 := newTable("ASCOF 3D 2a", "Part 2a: clients in the community receiving direct payments", "people", "Age band", groups, ratioCols)
	bu := newTable("ASCOF 3D clients unknown", "Clients in the community with an unknown or invalid delivery mechanism (in the denominators)", "people", "", []string{"Clients"}, []string{"Total"})
	band := func(d *personDetails) (int, bool) {
		age, ok := ageOnDHSC(d, f.end)
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
	for p := range t.keys {
		best := len(t.ss)
		var rows []int32
		for _, i := range t.rowsOf(int32(p)) {
			if rank[i] >= 0 {
				best = min(best, rank[i])
				rows = append(rows, t.rows[i])
			}
		}
		if len(rows) == 0 || t.ss[best].st != community {
			continue
		}
		sds, dp, unknownDM := false, false, false
		for _, i := range t.rowsOf(int32(p)) {
			if rank[i] != best {
				continue
			}
			kept := t.ss[best].dm // the mechanism after setting aside unexpected ones
			sds = sds || kept == dmDP && dmDP >= 0 || kept == dmMPB && dmMPB >= 0
			dp = dp || kept == dmDP && dmDP >= 0
			unknownDM = unknownDM || kept < 0
		}
		g, ok := band(&t.details[p])
		if !ok {
			for _, r := range rows {
				b1.leave(step, ReasonAge, "under 18 on the last day of the period", -1, r)
				b2.leave(step, ReasonAge, "under 18 on the last day of the period", -1, r)
			}
			continue
		}
		key := t.keys[p]
		for _, gg := range []int{g, 2} {
			if gg < 0 {
				continue
			}
			ratioAdd(b1, gg, sds, key, rows)
			ratioAdd(b2, gg, dp, key, rows)
		}
		if unknownDM && !sds {
			bu.add(0, 0, key, rows)
		}
	}
	for _, b := range []*tableBuilder{b1, b2, bu} {
		b.share(x.list)
		c.shareMain(b, cond{fClient, set(0).with(int(c.serviceUser))}, cond{fST, lts})
	}
	// Carers during the period.
	cstep := "Carers supported during the period"
	cx := newExclusions()
	selected := c.carerRowsFrom(cx, cstep, t.rows, func(r int) bool {
		i := t.pos[r]
		if d := &t.details[t.pid[i]]; okDate(d.dod) && d.dod < f.start {
			cx.leave(cstep, ReasonPeriod, "the person died before the period", -1, int32(r))
			return false
		}
		if e := t.end[i]; e != dBlank && e < f.dates[dESD][r] {
			cx.leave(cstep, ReasonInvalid, "Event End Date before Event Start Date", -1, int32(r))
			return false
		}
		return true
	})
	support := c.carerSupport(true)
	bestOf := make([]int8, len(t.keys))
	for p := range bestOf {
		bestOf[p] = -1
	}
	crows := make([][]int32, len(t.keys))
	for _, r := range selected {
		p := t.pid[t.pos[r]]
		crows[p] = append(crows[p], r)
		if s := support(int(r)); s >= 0 && (bestOf[p] < 0 || int8(s) < bestOf[p]) {
			bestOf[p] = int8(s)
		}
	}
	b3 := newTable("ASCOF 3D 1b", "Part 1b: carers receiving self-directed support", "carers", "Age band", groups, ratioCols)
	b4 := newTable("ASCOF 3D 2b", "Part 2b: carers receiving direct payments", "carers", "Age band", groups, ratioCols)
	for _, b := range []*tableBuilder{b1, b2, b3, b4} {
		b.t.Ratio = true
	}
	for p, best := range bestOf {
		if best < 0 || best > 2 {
			continue
		}
		rows := crows[p]
		// DHSC takes the youngest age over a carer's rows, each from the
		// person's date of birth in its person details (so one age).
		g, ok := band(&t.details[p])
		if !ok {
			for _, r := range rows {
				b3.leave(cstep, ReasonAge, "under 18 on the last day of the period", -1, r)
				b4.leave(cstep, ReasonAge, "under 18 on the last day of the period", -1, r)
			}
			continue
		}
		key := t.keys[p]
		for _, gg := range []int{g, 2} {
			if gg < 0 {
				continue
			}
			ratioAdd(b3, gg, best <= 1, key, rows)
			ratioAdd(b4, gg, best == 0, key, rows)
		}
	}
	for _, b := range []*tableBuilder{b3, b4} {
		b.share(cx.list)
		c.shareMain(b, cond{fClient, c.carers})
	}
	m.Tables = []*Table{b1.done(), b2.done(), bu.done(), b3.done(), b4.done()}
	m.Notes = []string{"A service with Service Component 'Direct payment' counts as a direct payment whatever its Delivery Mechanism; each person counts once, in their highest setting (nursing, residential, community, prison).",
		"Carers count in the denominator when their highest support is a direct payment, a managed personal budget or commissioned support; support direct to a carer with no valid delivery mechanism is left out, as in the method."}
	return m
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
func (c *ctx) ascof2D() *Measure {
	f := c.f
	t := c.dhsc()
	r2 := validation.R2
	m := c.dhscMeasure("ASCOF 2D", "The proportion of people aged 65 and over discharged from hospital into reablement who remained in the community within 12 weeks of discharge", "ASCOF_measures/Create_ASCOF_2D.sql")
	m.Partial = true
	m.Missing = "DHSC links CLD to hospital records (SUS): the discharges (part 2's denominator), which reablement followed a discharge (7 days before to 3 days after its start), and emergency readmissions within 12 weeks. None of these are in a CLD file, so only the reablement side is shown: episodes of people aged 65 and over starting in the period, and those the file already shows did not remain in the community (died, or began long-term residential or nursing care, within 12 weeks of the episode's start)."
	step := "Reablement episodes of people aged 65 and over starting in the period"
	x := newExclusions()
	reab := int8(c.rv.one("Service_Component", r2, "Reablement"))
	resNurs := c.rv.set("Service_Type", r2, "Long term support: Nursing care", "Long term support: Residential care")
	ch, _ := c.dhscServiceUsers()
	cols := []string{"65 to 74", "75 to 84", "85 and over", "Total"}
	b := newTable("ASCOF 2D reablement", "Reablement episodes of people aged 65 and over starting in the period (hospital discharge not known)", "episodes", "",
		[]string{"Reablement episodes (ST-Max, component Reablement)", "of which the person died within 12 weeks of the start", "of which long-term residential or nursing care began within 12 weeks of the start", "of which neither (in the numerator if the episode followed a discharge and there was no readmission)"}, cols)
	for p, pid := range ch.people {
		evs := ch.events[ch.starts[p]:ch.starts[p+1]]
		d := t.detailOf(pid)
		if okDate(d.dod) && d.dod < f.start {
			continue
		}
		var sm []event
		for _, e := range evs {
			if e.typ == c.service && e.st == c.stMax && c.stMax >= 0 && f.lists[fSC][e.row] == reab && reab >= 0 {
				sm = append(sm, e)
			}
		}
		for i := 0; i < len(sm); {
			start, end := sm[i].start, sm[i].end
			var rr []int32
			j := i
			for ; j < len(sm) && (j == i || int64(sm[j].start)-int64(end) <= 7); j++ {
				end = max(end, sm[j].end)
				rr = append(rr, sm[j].row)
			}
			i = j
			if start < f.start || start > f.end {
				for _, r := range rr {
					x.leave(step, ReasonPeriod, "the episode does not start in the period", -1, r)
				}
				continue
			}
			age, ok := ageOnDHSC(d, start)
			switch {
			case !ok:
				for _, r := range rr {
					x.leave(step, ReasonNoAge, "no date of birth on any of the person's rows", -1, r)
				}
				continue
			case age < 65:
				continue
			}
			col := 2
			switch {
			case age <= 74:
				col = 0
			case age <= 84:
				col = 1
			}
			add := func(row int, behind []int32) {
				b.addBoth(row, col, 3, pid, behind)
			}
			add(0, rr)
			died := okDate(d.dod) && d.dod >= start && d.dod <= start+84
			var care []int32
			for _, e := range evs {
				if resNurs.has(e.st) && e.start >= start && e.start <= start+84 {
					care = append(care, e.row)
				}
			}
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
	}
	b.share(x.list)
	c.shareMain(b, cond{fClient, set(0).with(int(c.serviceUser))}, cond{fST, set(0).with(int(c.stMax))})
	tb := b.done()
	tb.Notes = []string{"DHSC measures 12 weeks from the hospital discharge date; the file has no discharge dates, so they are measured from the start of the reablement (DHSC links reablement starting up to 7 days after a discharge)."}
	m.Tables = []*Table{tb}
	return m
}
