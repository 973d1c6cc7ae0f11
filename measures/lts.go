package measures

import (
	"fmt"
	"slices"

	"cldvalidator/validation"
)

// SALT LTS001a, LTS001b, LTS001c: people receiving long-term support, each
// counted once in a table: in the highest support setting (nursing, then
// residential, then community by delivery mechanism, then prison), with the
// known value of the table's breakdown (Primary Support Reason, Has Unpaid
// Carer, Ethnicity) on their latest service, and "Unknown" where their
// latest services disagree.

const nhseLTS001a = "SALT LTS001a/LTS001a replication code.txt"
const nhseLTS001b = "SALT LTS001b/LTS001b replication code.txt"
const nhseLTS001c = "SALT LTS001c/LTS001c replication code.txt"

// setting is one row of the setting and delivery mechanism hierarchy.
type setting struct {
	st, dm int8 // dm -1: none given
	label  string
	broad  string
}

// ltsSettings resolves a hierarchy (highest first) in this file's release.
func (c *ctx) ltsSettings(t refTable) []setting {
	rel := release(t.Release)
	out := make([]setting, len(t.Rows))
	for i, r := range t.Rows {
		out[i] = setting{st: int8(c.rv.one("Service_Type", rel, r.ServiceType)), dm: -1, label: r.Label, broad: r.Setting}
		if r.DeliveryMechanism != "" {
			out[i].dm = int8(c.rv.one("Delivery_Mechanism", rel, r.DeliveryMechanism))
			if out[i].dm < 0 {
				out[i].st = -1 // the release has no such mechanism: the row cannot match
			}
		}
	}
	return out
}

// settingOf is the hierarchy row of a service: the row of its Service Type
// and Delivery Mechanism, where the mechanism is valid and expected for the
// setting (community or prison), else the setting's row without one, as
// the methods blank out other mechanisms (and keep the row). -1 for none.
func settingOf(ss []setting, st, dm int8) int {
	if st < 0 {
		return -1
	}
	plain := -1
	for i, s := range ss {
		if s.st != st {
			continue
		}
		if s.dm < 0 {
			if plain < 0 {
				plain = i
			}
		} else if dm >= 0 && s.dm == dm {
			return i
		}
	}
	return plain
}

// ltsCohort is the rows of a long-term support cohort, each with its
// person, setting and age.
type ltsCohort struct {
	rows    []int32
	people  []uint64
	setting []int
	age     []int
	x       *exclusions
	blanked int // rows whose Delivery Mechanism was set aside
	ss      []setting
}

// ltsBase selects long-term services of service users and applies the
// period steps: start on or before startBy, end on or after endFrom (or
// open; no end test when endFrom is 0), alive on aliveOn, a date of birth,
// a person id. Ages are on ageOn.
func (c *ctx) ltsBase(step string, startBy, endFrom, aliveOn, ageOn int32) *ltsCohort {
	f := c.f
	ss := c.ltsSettings(c.m.LTSSettings)
	x := newExclusions()
	colOf := func(r int32) int {
		return settingOf(ss, f.lists[fST][r], dmFor(f, int(r)))
	}
	rows := make([]int32, 0, f.n/2)
	for r := 0; r < f.n; r++ {
		col := -1
		if st := f.lists[fST][r]; st >= 0 {
			col = colOf(int32(r))
		}
		if !c.relevant(x, step, r, col, cond{fClient, set(0).with(int(c.serviceUser))}, cond{fST, c.lts}) {
			continue
		}
		if !c.startsBy(x, step, r, col, startBy) {
			continue
		}
		if endFrom != 0 && !c.endsFrom(x, step, r, col, endFrom) {
			continue
		}
		if !c.aliveOn(x, step, r, col, aliveOn) || !c.hasBirth(x, step, r, col) {
			continue
		}
		rows = append(rows, int32(r))
	}
	rows, ids := c.withIDs(x, step, rows, colOf)
	co := &ltsCohort{rows: rows, people: ids, x: x, ss: ss}
	co.setting = make([]int, len(rows))
	co.age = make([]int, len(rows))
	for i, r := range rows {
		dm := dmFor(f, int(r))
		co.setting[i] = settingOf(ss, f.lists[fST][r], dm)
		if raw := f.lists[fDM][r]; co.setting[i] >= 0 && (raw >= 0 && ss[co.setting[i]].dm != raw || bad(raw)) {
			co.blanked++
		}
		co.age[i], _ = f.ageOn(int(r), ageOn)
	}
	sortCohort(co)
	return co
}

// dmFor is the row's Delivery Mechanism when valid, else -1.
func dmFor(f *frame, r int) int8 {
	if dm := f.lists[fDM][r]; dm >= 0 {
		return dm
	}
	return -1
}

// attribute is a table's breakdown: the row of the table a cohort row
// would count in, whether its value is known, and the row for conflicts.
type attribute struct {
	rows     []string
	of       func(r int32) int  // table row of the value on row r
	known    func(r int32) bool // a known value (preferred over unknown)
	conflict int                // table row for people whose latest values disagree
}

// pick is one person chosen for a table.
type pick struct {
	person  uint64
	setting int
	attr    int
	age     int // on the table's date (from the person's first row)
	rows    []int32
}

// ltsPick counts each person once: their highest setting, then known
// values over unknown, then their latest Event Start Date; where their rows
// left still disagree on the breakdown, the conflict row.
func (c *ctx) ltsPick(co *ltsCohort, keep func(i int) bool, a attribute) []pick {
	// Each row's breakdown value and whether it is known, worked out once.
	n := len(co.rows)
	known := make([]bool, n)
	of := make([]int32, n)
	people := 0
	for i, r := range co.rows {
		known[i], of[i] = a.known(r), int32(a.of(r))
		if i == 0 || co.people[i] != co.people[i-1] {
			people++
		}
	}
	out := make([]pick, 0, people)
	var run []int
	// The cohort is in order of person (see sortCohort): each person's rows
	// are together.
	for i := 0; i < n; {
		j := i + 1
		for j < n && co.people[j] == co.people[i] {
			j++
		}
		run = run[:0]
		for k := i; k < j; k++ {
			if keep(k) {
				run = append(run, k)
			}
		}
		if len(run) > 0 {
			out = append(out, c.pickOne(co, run, known, of, a.conflict))
		}
		i = j
	}
	return out
}

// pickOne chooses one person's row: the highest setting (lowest rank),
// then a known value, then the latest start; the breakdown value of the
// rows so chosen, or conflict where they disagree.
func (c *ctx) pickOne(co *ltsCohort, run []int, known []bool, of []int32, conflict int) pick {
	esd := c.f.dates[dESD]
	type key struct {
		setting int
		known   bool
		start   int32
	}
	better := func(a, b key) bool {
		if a.setting != b.setting {
			return a.setting < b.setting
		}
		if a.known != b.known {
			return a.known
		}
		return a.start > b.start
	}
	best := key{setting: len(co.ss) + 1}
	for _, i := range run {
		if k := (key{co.setting[i], known[i], esd[co.rows[i]]}); better(k, best) {
			best = k
		}
	}
	attr := -1
	for _, i := range run {
		if (key{co.setting[i], known[i], esd[co.rows[i]]}) != best {
			continue
		}
		switch v := int(of[i]); {
		case attr < 0:
			attr = v
		case attr != v:
			attr = conflict
		}
	}
	p := pick{person: co.people[run[0]], setting: best.setting, attr: attr, age: co.age[run[0]]}
	if run[len(run)-1]-run[0] == len(run)-1 {
		p.rows = co.rows[run[0] : run[0]+len(run)] // every row of the person: no copy
	} else {
		p.rows = make([]int32, len(run))
		for k, i := range run {
			p.rows[k] = co.rows[i]
		}
	}
	return p
}

// sortCohort puts a cohort in order of person, then row.
func sortCohort(co *ltsCohort) {
	ks := make([]uint64, len(co.rows))
	for i := range ks {
		ks[i] = co.people[i]<<32 | uint64(uint32(i))
	}
	slices.Sort(ks)
	rows := make([]int32, len(ks))
	people := make([]uint64, len(ks))
	settings := make([]int, len(ks))
	ages := make([]int, len(ks))
	for k, x := range ks {
		i := int(uint32(x))
		rows[k], people[k], settings[k], ages[k] = co.rows[i], co.people[i], co.setting[i], co.age[i]
	}
	co.rows, co.people, co.setting, co.age = rows, people, settings, ages
}

// ltsTable lays picks out as a SALT table: the breakdown down, the setting
// and delivery mechanism across, with a total.
func (c *ctx) ltsTable(id, title, rowHead string, co *ltsCohort, a attribute, picks []pick) *tableBuilder {
	cols := make([]string, 0, len(co.ss)+1)
	for _, s := range co.ss {
		cols = append(cols, s.label)
	}
	cols = append(cols, "Total")
	b := newTable(id, title, "people", rowHead, a.rows, cols)
	for _, p := range picks {
		b.addBoth(p.attr, p.setting, len(co.ss), p.person, p.rows)
	}
	b.share(co.x.list)
	return b
}

// psrAttribute is the Primary Support Reason breakdown: an invalid or blank
// reason is shown as such (and counts as known, as in the method, where
// only "Unknown" and blank are not known); people whose latest services
// disagree are counted as Unknown.
func (c *ctx) psrAttribute() attribute {
	f := c.f
	labels := append(c.listLabels(fPSR), "Invalid or blank")
	inv := len(labels) - 1
	return attribute{
		rows: labels,
		of: func(r int32) int {
			if v := f.lists[fPSR][r]; v >= 0 {
				return int(v)
			}
			return inv
		},
		known: func(r int32) bool {
			v := f.lists[fPSR][r]
			return v != cBlank && v != cMissing && v != c.psrUnknown
		},
		conflict: unknownRow(int(c.psrUnknown), inv),
	}
}

func unknownRow(unknown, fallback int) int {
	if unknown >= 0 {
		return unknown
	}
	return fallback
}

// under18 leaves out of a table the rows of people under 18 on the table's
// date (SALT tables count adults, by age band).
func under18(b *tableBuilder, co *ltsCohort, step string, on int32) {
	for i, r := range co.rows {
		if co.age[i] < 18 {
			b.leave(step, ReasonAge, "under 18 on "+validation.FormatDays(on), co.setting[i], r)
		}
	}
}

func (c *ctx) mechanismNote(co *ltsCohort) []string {
	if co.blanked == 0 {
		return nil
	}
	return []string{fmt.Sprintf("%s had a Delivery Mechanism that is not valid, or not expected for the setting (any on nursing or residential care; Direct Payment in prison): as in the method, it was set aside and the service counted in the setting's column without a mechanism.", plural(co.blanked, "service row", "service rows"))}
}

// lts001aCohort is LTS001a's cohort (LTS002a reuses it).
func (c *ctx) lts001aCohort() *ltsCohort {
	c.once.lts001a.Do(func() {
		f := c.f
		c.lts001aPeople = c.ltsBase("Long-term support during the period", f.end, f.start, f.start, f.end)
	})
	return c.lts001aPeople
}

func (c *ctx) lts001a() *Measure {
	f := c.f
	co := c.lts001aCohort()
	a := c.psrAttribute()
	m := &Measure{ID: "LTS001a", Name: "People accessing long-term support during the period, by Primary Support Reason, age band, support setting and delivery mechanism",
		Method: nhseLTS001a, Source: c.m.Sources["nhse"]}
	for _, band := range []struct {
		id, title string
		in        func(age int) bool
	}{
		{"LTS001a T1a", "Table 1a: aged 18 to 64", func(age int) bool { return age >= 18 && age <= 64 }},
		{"LTS001a T1b", "Table 1b: aged 65 and over", func(age int) bool { return age > 64 }},
	} {
		in := band.in
		picks := c.ltsPick(co, func(i int) bool { return in(co.age[i]) }, a)
		b := c.ltsTable(band.id, band.title, "Primary Support Reason", co, a, picks)
		under18(b, co, "Age at the period end", f.end)
		b.t.Notes = c.mechanismNote(co)
		m.Tables = append(m.Tables, b.done())
	}
	return m
}

func (c *ctx) lts001b() *Measure {
	f := c.f
	snap := f.end
	co := c.ltsBase("Long-term support on the last day of the period", snap, snap, snap, snap)
	m := &Measure{ID: "LTS001b", Name: "People accessing long-term support on the last day of the period, by Primary Support Reason, age band, support from a carer, gender, ethnicity, setting and delivery mechanism",
		Method: nhseLTS001b, Source: c.m.Sources["nhse"]}
	psr := c.psrAttribute()
	for _, band := range []struct {
		id, title string
		in        func(age int) bool
	}{
		{"LTS001b T1a", "Table 1a: aged 18 to 64", func(age int) bool { return age >= 18 && age <= 64 }},
		{"LTS001b T1b", "Table 1b: aged 65 and over", func(age int) bool { return age > 64 }},
	} {
		in := band.in
		b := c.ltsTable(band.id, band.title, "Primary Support Reason", co, psr, c.ltsPick(co, func(i int) bool { return in(co.age[i]) }, psr))
		under18(b, co, "Age on the last day of the period", snap)
		b.t.Notes = c.mechanismNote(co)
		m.Tables = append(m.Tables, b.done())
	}
	all := func(int) bool { return true }

	// Table 2: support from an unpaid carer (all ages).
	carer := c.carerAttribute()
	b := c.ltsTable("LTS001b T2", "Table 2: support from an unpaid carer (all ages)", "Has Unpaid Carer", co, carer, c.ltsPick(co, all, carer))
	b.t.Notes = c.mechanismNote(co)
	m.Tables = append(m.Tables, b.done())

	// Tables 3a and 3b: by ethnicity, men and women (all ages).
	eth := c.ethnicityAttribute()
	for _, g := range []struct {
		id, title string
		gender    int8
	}{
		{"LTS001b T3a", "Table 3a: men, by ethnicity (all ages)", c.male},
		{"LTS001b T3b", "Table 3b: women, by ethnicity (all ages)", c.female},
	} {
		gender := g.gender
		b := c.ltsTable(g.id, g.title, "Ethnicity", co, eth, c.ltsPick(co, func(i int) bool { return gender >= 0 && f.lists[fGender][co.rows[i]] == gender }, eth))
		b.t.Notes = c.mechanismNote(co)
		m.Tables = append(m.Tables, b.done())
	}

	// Table 3c: everyone else (gender Other or Unknown), a headcount.
	m.Tables = append(m.Tables, c.otherGendersTable(co))
	return m
}

// carerAttribute sorts people by Has Unpaid Carer (LTS001b table 2).
func (c *ctx) carerAttribute() attribute {
	f := c.f
	carerRows := []string{"Yes", "No", "Unknown (their latest services disagree)", "Unknown, blank or invalid"}
	return attribute{
		rows: carerRows,
		of: func(r int32) int {
			switch f.lists[fCarer][r] {
			case c.carerYes:
				return 0
			case c.carerNo:
				return 1
			}
			return 3
		},
		known: func(r int32) bool {
			v := f.lists[fCarer][r]
			return v != cBlank && v != cMissing && v != c.carerUnknown
		},
		conflict: 2,
	}
}

// ethnicityAttribute sorts people by Ethnicity, rows in the method's order
// (its groups), labelled as the file's release writes them (LTS001b
// tables 3a and 3b).
func (c *ctx) ethnicityAttribute() attribute {
	f := c.f
	eg := c.m.EthnicityGroups
	ethPos := c.rv.rank("Ethnicity", release(eg.Release), refValues(eg), -1)
	ethLabels := make([]string, len(eg.Rows))
	for i, v := range c.listLabels(fEth) {
		if p := ethPos[i]; p >= 0 && ethLabels[p] == "" {
			ethLabels[p] = v
		}
	}
	for p, l := range ethLabels {
		if l == "" {
			ethLabels[p] = eg.Rows[p].Value
		}
	}
	ethLabels = append(ethLabels, "Invalid or blank")
	ethInv := len(ethLabels) - 1
	ethUnknownRow := ethInv
	if c.ethUnknown >= 0 && ethPos[c.ethUnknown] >= 0 {
		ethUnknownRow = ethPos[c.ethUnknown]
	}
	return attribute{
		rows: ethLabels,
		of: func(r int32) int {
			if v := f.lists[fEth][r]; v >= 0 && ethPos[v] >= 0 {
				return ethPos[v]
			}
			return ethInv
		},
		known: func(r int32) bool {
			v := f.lists[fEth][r]
			return v != cBlank && v != cMissing && v != c.ethUnknown
		},
		conflict: ethUnknownRow,
	}
}

// otherGendersTable is LTS001b table 3c: a headcount of the people whose
// gender is Other or Unknown.
func (c *ctx) otherGendersTable(co *ltsCohort) *Table {
	f := c.f
	b := newTable("LTS001b T3c", "Table 3c: other people (gender Other or Unknown)", "people", "", []string{"People"}, []string{"Total"})
	var idx []int
	for i, r := range co.rows {
		if c.otherGenders.has(f.lists[fGender][r]) {
			idx = append(idx, i)
		}
	}
	groupBy(idx, func(i int) uint64 { return co.people[i] }, func(run []int) {
		rows := make([]int32, len(run))
		for k, i := range run {
			rows[k] = co.rows[i]
		}
		slices.Sort(rows)
		b.add(0, 0, co.people[run[0]], rows)
	})
	b.share(co.x.list)
	t := b.done()
	t.Notes = []string{"People whose Gender is blank or not valid are in none of tables 3a, 3b and 3c, as in the method."}
	return t
}

// lts001cCohort is LTS001c's cohort: LTS001b's people whose long-term
// support has run without a break of more than a day for over 12 months.
func (c *ctx) lts001cCohort() *ltsCohort {
	c.once.lts001c.Do(func() {
		f := c.f
		snap := f.end
		step := "Long-term support for more than 12 months"
		co := c.ltsBase(step, snap, 0, snap, snap)
		// Chains of support: a service starting within a day of the end of
		// the one before it (in order of start, then end) continues the
		// chain; open services run on.
		end := func(r int32) int32 {
			if e := f.dates[dEED][r]; okDate(e) {
				return e
			}
			return openEnd
		}
		idx := make([]int, len(co.rows))
		for i := range idx {
			idx[i] = i
		}
		chainStart := make([]int32, len(co.rows))
		slices.SortStableFunc(idx, func(a, b int) int {
			if co.people[a] != co.people[b] {
				if co.people[a] < co.people[b] {
					return -1
				}
				return 1
			}
			ra, rb := co.rows[a], co.rows[b]
			if d := f.dates[dESD][ra] - f.dates[dESD][rb]; d != 0 {
				return int(d)
			}
			ea, eb := end(ra), end(rb)
			switch {
			case ea < eb:
				return -1
			case ea > eb:
				return 1
			}
			return 0
		})
		for i := 0; i < len(idx); {
			j := i + 1
			for j < len(idx) && co.people[idx[j]] == co.people[idx[i]] {
				j++
			}
			first := i
			for k := i; k < j; k++ {
				if k > i && end(co.rows[idx[k-1]]) < f.dates[dESD][co.rows[idx[k]]]-1 {
					first = k
				}
				chainStart[idx[k]] = f.dates[dESD][co.rows[idx[first]]]
			}
			i = j
		}
		cutoff := yearBefore(snap)
		keep := co.rows[:0]
		var people []uint64
		var settings, ages []int
		for i, r := range co.rows {
			switch {
			case end(r) < snap:
				co.x.leave(step, ReasonPeriod, "ended before "+validation.FormatDays(snap), co.setting[i], r)
				continue
			case chainStart[i] >= cutoff:
				co.x.leave(step, ReasonCohort, "support without a break began on or after "+validation.FormatDays(cutoff)+" (not more than 12 months before "+validation.FormatDays(snap)+")", co.setting[i], r)
				continue
			}
			keep = append(keep, r)
			people = append(people, co.people[i])
			settings = append(settings, co.setting[i])
			ages = append(ages, co.age[i])
		}
		co.rows, co.people, co.setting, co.age = keep, people, settings, ages
		c.lts001cPeople = co
	})
	return c.lts001cPeople
}

func (c *ctx) lts001c() *Measure {
	f := c.f
	co := c.lts001cCohort()
	a := c.psrAttribute()
	m := &Measure{ID: "LTS001c", Name: "People on long-term support on the last day of the period who had been receiving it for more than 12 months, by Primary Support Reason, age band, setting and delivery mechanism",
		Method: nhseLTS001c, Source: c.m.Sources["nhse"],
		Notes: []string{"NHS England's note proxies 12 months in 2023/24 by events beginning on or before 1 April 2023; its code (followed here) uses a chain start before the same day a year before the snapshot."}}
	for _, band := range []struct {
		id, title string
		in        func(age int) bool
	}{
		{"LTS001c T1a", "Table 1a: aged 18 to 64", func(age int) bool { return age >= 18 && age <= 64 }},
		{"LTS001c T1b", "Table 1b: aged 65 and over", func(age int) bool { return age > 64 }},
	} {
		in := band.in
		b := c.ltsTable(band.id, band.title, "Primary Support Reason", co, a, c.ltsPick(co, func(i int) bool { return in(co.age[i]) }, a))
		under18(b, co, "Age on the last day of the period", f.end)
		b.t.Notes = c.mechanismNote(co)
		m.Tables = append(m.Tables, b.done())
	}
	return m
}

// refValues are a method table's values (or its rows' values).
func refValues(t refTable) []string {
	if len(t.Values) > 0 {
		return t.Values
	}
	out := make([]string, len(t.Rows))
	for i, r := range t.Rows {
		out[i] = r.Value
	}
	return out
}
