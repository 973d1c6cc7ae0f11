package measures

import (
	"slices"
	"strings"

	"cldvalidator/validation"
)

// SALT LTS002a and LTS002b: reviews of people in LTS001a (LTS002a) and
// LTS001c (LTS002b). NHS England published the approach only, without code.

func (c *ctx) lts002a() *Measure {
	return c.lts002("LTS002a", "Reviews of people receiving long-term support during the period (LTS001a): unplanned reviews, and planned reviews that led somewhere", c.lts001aCohort())
}

func (c *ctx) lts002b() *Measure {
	return c.lts002("LTS002b", "Reviews of people receiving long-term support for more than 12 months (LTS001c): unplanned reviews, and planned reviews that led somewhere", c.lts001cCohort())
}

func (c *ctx) lts002(id, name string, co *ltsCohort) *Measure {
	ref := c.m.LTS002
	m := &Measure{ID: id, Name: name, Method: "Central Transformation Principles - SALT_FINAL.pdf (" + id + ", approach only)", Source: c.m.Sources["nhse"], Partial: true,
		Missing: "NHS England published the approach for " + id + " but no code. CLD has no fields for the sequels 'long-term support increased', 'decreased' or 'temporarily suspended', so only the unplanned reviews by reason and the planned reviews that led to something (with care home admissions after them) are counted."}
	people := c.lts002People(co)
	step := "Reviews ending in the period"
	x := newExclusions()
	rows := c.lts002Reviews(x, step)
	// The reviews' people, identified together with the LTS cohort's rows
	// (one person id for both).
	joint := append(append(make([]int32, 0, len(co.rows)+len(rows)), co.rows...), rows...)
	ids := c.hybridIDs(joint)
	reviewID := ids[len(co.rows):]
	cols := []string{"Community: 18 to 64", "Community: 65 and over", "Residential or nursing: 18 to 64", "Residential or nursing: 65 and over", "Total"}
	reasons := make([]string, len(ref.Unplanned))
	copy(reasons, ref.Unplanned)
	ub := newTable(id+" unplanned", "Unplanned reviews by reason, support setting and age band", "reviews", "Review Reason", reasons, cols)
	pb := newTable(id+" planned", "Planned reviews of people in the community that led to something, and care home admissions after them", "reviews or admissions", "",
		[]string{"Planned reviews leading to reablement, assessment, re-assessment or support planning", "Admissions to nursing care after such a review", "Admissions to residential care after such a review"},
		[]string{"18 to 64", "65 and over", "Total"})
	notInCohort := "the person is not in " + map[string]string{"LTS002a": "LTS001a", "LTS002b": "LTS001c"}[id] + " (aged 18 or over)"
	plannedRows := c.lts002Count(rows, reviewID, people, ub, pb, step, notInCohort)
	if len(plannedRows) > 0 {
		c.lts002Admissions(co, rows, plannedRows, pb)
	}
	ub.share(x.list)
	pb.share(x.list)
	m.Tables = []*Table{ub.done(), pb.done()}
	return m
}

// lts002Person is a person of the LTS table aged 18 or over: in the table,
// their setting (0 community, 1 residential or nursing, -1 prison) and age
// band.
type lts002Person struct{ in, res, band int8 }

// plannedReview is a planned review that led somewhere: whose, when it
// ended, the person's age band and its row.
type plannedReview struct {
	person uint64
	end    int32
	band   int
	row    int32
}

// lts002People gives the LTS table's people aged 18 or over their setting
// and age band, by person key (0 marks no one).
func (c *ctx) lts002People(co *ltsCohort) []lts002Person {
	f := c.f
	people := make([]lts002Person, f.nhsCount+f.laCount+1)
	for i := 0; i < len(co.rows); {
		j := i + 1
		for j < len(co.rows) && co.people[j] == co.people[i] {
			j++
		}
		best := len(co.ss)
		for k := i; k < j; k++ {
			if co.age[k] >= 18 {
				best = min(best, co.setting[k])
			}
		}
		if best < len(co.ss) {
			p := lts002Person{in: 1}
			switch co.ss[best].broad {
			case "Nursing", "Residential":
				p.res = 1
			case "Prison":
				p.res = -1
			}
			p.band = int8(salBand(co.age[i]))
			people[co.people[i]] = p
		}
		i = j
	}
	return people
}

// lts002Reviews is the service users' reviews, by a listed method, that
// ended in the period; the others are left out with the reason.
func (c *ctx) lts002Reviews(x *exclusions, step string) []int32 {
	f, ref := c.f, c.m.LTS002
	methods := c.rv.set("Method_of_Review", release(ref.Release), ref.MethodOfReview...)
	var rows []int32
	for r := 0; r < f.n; r++ {
		if !c.relevant(x, step, r, -1, cond{fClient, set(0).with(int(c.serviceUser))}, cond{fEvent, set(0).with(int(c.review))}) {
			continue
		}
		if !methods.has(f.lists[fMethodReview][r]) && !c.methodByText(r, ref.MethodOfReview) {
			if bad(f.lists[fMethodReview][r]) {
				x.leave(step, ReasonInvalid, f.whyList(fMethodReview, r), -1, int32(r))
			}
			continue
		}
		eed := f.dates[dEED][r]
		switch {
		case !okDate(eed):
			x.leave(step, ReasonInvalid, f.whyDate(dEED, r), -1, int32(r))
			continue
		case eed < f.start || eed > f.end:
			x.leave(step, ReasonPeriod, "ends outside the period", -1, int32(r))
			continue
		}
		rows = append(rows, int32(r))
	}
	return rows
}

// lts002Count counts the unplanned reviews by reason, setting and age band,
// and the planned community reviews that led somewhere, which it returns.
func (c *ctx) lts002Count(rows []int32, reviewID []uint64, people []lts002Person, ub, pb *tableBuilder, step, notInCohort string) []plannedReview {
	f, ref := c.f, c.m.LTS002
	rel := release(ref.Release)
	planned := int8(c.rv.one("Review_Reason", rel, ref.Planned))
	unplanned := c.rv.rank("Review_Reason", rel, ref.Unplanned, -1)
	plannedOut := c.rv.set("Event_Outcome", rel, ref.PlannedOutcomes...)
	var plannedRows []plannedReview
	for i, r := range rows {
		pid := reviewID[i]
		p := people[pid]
		switch {
		case pid == 0:
			ub.leave(step, ReasonNoPerson, c.noIDDetail(int(r)), -1, r)
			continue
		case p.in == 0:
			ub.leave(step, ReasonCohort, notInCohort, -1, r)
			continue
		}
		// The setting is the person's highest on the day the review ended
		// (their long-term services in the period running that day), else their
		// table's.
		if res, ok := c.settingOn(c.lts001aCohort(), pid, f.dates[dEED][r]); ok {
			p.res = int8(res)
		}
		if p.res < 0 {
			ub.leave(step, ReasonCohort, "the person's support setting is prison, which the table has no column for", -1, r)
			continue
		}
		col := int(p.res)*2 + int(p.band)
		rr := f.lists[fReviewReason][r]
		u := -1
		if rr >= 0 && int(rr) < len(unplanned) {
			u = unplanned[rr]
		}
		switch {
		case u >= 0:
			ub.addBoth(u, col, 4, pid, []int32{r})
		case rr == planned && planned >= 0:
			if p.res == 0 && plannedOut.has(f.lists[fOutcome][r]) {
				pb.addBoth(0, int(p.band), 2, pid, []int32{r})
				plannedRows = append(plannedRows, plannedReview{pid, f.dates[dEED][r], int(p.band), r})
			}
		case bad(rr):
			ub.leave(step, ReasonInvalid, f.whyList(fReviewReason, int(r)), col, r)
		}
	}
	return plannedRows
}

// lts002Admissions counts care home admissions: long-term nursing or
// residential services of those people starting after their first planned
// review that led somewhere and by the period end.
func (c *ctx) lts002Admissions(co *ltsCohort, rows []int32, plannedRows []plannedReview, pb *tableBuilder) {
	f := c.f
	firstEnd := map[uint64]plannedReview{}
	for _, pr := range plannedRows {
		if e, ok := firstEnd[pr.person]; !ok || pr.end < e.end {
			firstEnd[pr.person] = pr
		}
	}
	var svc []int32
	for r := 0; r < f.n; r++ {
		st := f.lists[fST][r]
		if f.lists[fEvent][r] == c.service && (st == c.nursing || st == c.residential) && okDate(f.dates[dESD][r]) && f.dates[dESD][r] <= f.end {
			svc = append(svc, int32(r))
		}
	}
	joint := make([]int32, 0, len(co.rows)+len(svc)+len(rows))
	joint = append(append(append(joint, co.rows...), svc...), rows...)
	ids := c.hybridIDs(joint)[len(co.rows) : len(co.rows)+len(svc)]
	for i, r := range svc {
		pr, ok := firstEnd[ids[i]]
		if !ok || f.dates[dESD][r] <= pr.end {
			continue
		}
		row := 1
		if f.lists[fST][r] == c.residential {
			row = 2
		}
		pb.addBoth(row, pr.band, 2, ids[i], []int32{r})
	}
}

// settingOn is a person's highest long-term setting on a day, from their
// cohort services running that day: 0 community, 1 residential or nursing,
// -1 prison; ok false when none was running.
func (c *ctx) settingOn(co *ltsCohort, person uint64, day int32) (int, bool) {
	lo, _ := slices.BinarySearch(co.people, person)
	best := len(co.ss)
	for i := lo; i < len(co.people) && co.people[i] == person; i++ {
		r := co.rows[i]
		end := c.f.dates[dEED][r]
		if c.f.dates[dESD][r] <= day && (!okDate(end) || end >= day) {
			best = min(best, co.setting[i])
		}
	}
	if best == len(co.ss) {
		return 0, false
	}
	switch co.ss[best].broad {
	case "Nursing", "Residential":
		return 1, true
	case "Prison":
		return -1, true
	}
	return 0, true
}

// methodByText matches a Method of Review written in words the release has
// no list for (Release 2's list is not published) to the method's labels.
func (c *ctx) methodByText(r int, labels []string) bool {
	if c.f.lists[fMethodReview][r] != cFree {
		return false
	}
	n := validation.NormalizeValue(c.f.text(fMethodReview, r))
	for _, l := range labels {
		if validation.NormalizeValue(l) == n {
			return true
		}
	}
	return false
}

// SALT LTS003: carers supported during the period, by the support
// provided (high-level totals, as NHS England's code; the age bands of the
// SALT table are added from the carer's date of birth).

func (c *ctx) carerSupport(dhsc bool) func(r int) int {
	f := c.f
	rel := validation.R1
	st := func(l string) int8 { return int8(c.rv.one("Service_Type", rel, l)) }
	dm := func(l string) int8 { return int8(c.rv.one("Delivery_Mechanism", rel, l)) }
	direct, involving := st("Carer Support: Direct to Carer"), st("Carer Support: Support involving the person cared-for")
	dp, mpb, ccs := dm("Direct Payment"), dm("CASSR Managed Personal Budget"), dm("CASSR Commissioned Support")
	scDP := int8(c.rv.one("Service_Component", rel, "Direct Payment"))
	info := int8(c.rv.one("Event_Outcome", rel, "NFA - Information & Advice / Signposting only"))
	return func(r int) int {
		s := f.lists[fST][r]
		ev := f.lists[fEvent][r]
		compDP := dhsc && scDP >= 0 && f.lists[fSC][r] == scDP
		switch {
		case s == direct && direct >= 0:
			d := f.lists[fDM][r]
			switch {
			case compDP || d == dp && dp >= 0:
				return 0 // Direct Payment only
			case d == mpb && mpb >= 0:
				return 1
			case d == ccs && ccs >= 0:
				return 2
			}
			return 3 // unknown delivery mechanism
		case s == involving && involving >= 0:
			return 5
		case ev == c.assessment || ev == c.review:
			if f.lists[fOutcome][r] == info && info >= 0 {
				return 4
			}
			return 5
		case ev == c.request:
			return 4
		}
		return -1
	}
}

// carerRows selects the carers' events of a period: carers (and carers known
// by association) with a carer service, an assessment or review without a
// service, or no service with the outcome "information and advice".
func (c *ctx) carerRows(x *exclusions, step string, from, to int32, clientTypes set, aliveFrom func(r int) bool) []int32 {
	f := c.f
	rel := validation.R1
	carerST := c.rv.set("Service_Type", rel, "Carer Support: Direct to Carer", "Carer Support: Support involving the person cared-for")
	info := int8(c.rv.one("Event_Outcome", rel, "NFA - Information & Advice / Signposting only"))
	events := set(0).with(int(c.request)).with(int(c.assessment)).with(int(c.service)).with(int(c.review))
	var rows []int32
	for r := 0; r < f.n; r++ {
		if !c.relevant(x, step, r, -1, cond{fClient, clientTypes}, cond{fEvent, events}) {
			continue
		}
		s, ev, out := f.lists[fST][r], f.lists[fEvent][r], f.lists[fOutcome][r]
		noST := s == cBlank || s == cMissing
		in := carerST.has(s) || noST && (out == info && info >= 0) || noST && (ev == c.assessment || ev == c.review)
		if !in {
			switch {
			case bad(s):
				x.leave(step, ReasonInvalid, f.whyList(fST, r), -1, int32(r))
			case noST && bad(out) && (ev == c.request || ev == c.service):
				x.leave(step, ReasonInvalid, f.whyList(fOutcome, r), -1, int32(r))
			}
			continue
		}
		if !c.startsBy(x, step, r, -1, to) || !c.endsFrom(x, step, r, -1, from) || !aliveFrom(r) {
			continue
		}
		rows = append(rows, int32(r))
	}
	return rows
}

// carerAgeBands are SALT LTS003's age bands.
var carerAgeBands = []string{"Under 18", "18 to 25", "26 to 64", "65 to 84", "85 and over", "Age unknown"}

func carerBand(age int, ok bool) int {
	switch {
	case !ok:
		return 5
	case age < 18:
		return 0
	case age <= 25:
		return 1
	case age <= 64:
		return 2
	case age <= 84:
		return 3
	}
	return 4
}

func (c *ctx) lts003() *Measure {
	f := c.f
	step := "Carers supported during the period"
	x := newExclusions()
	rows := c.carerRows(x, step, f.start, f.end, c.carers, func(r int) bool { return c.aliveOn(x, step, r, -1, f.start) })
	rows, ids := c.withIDs(x, step, rows, func(int32) int { return -1 })
	support := c.carerSupport(false)
	cats := c.m.CarerSupport.Categories
	b := newTable("LTS003", "Carers supported during the period, by support provided and age band", "carers", "Support provided", cats, append(slices.Clone(carerAgeBands), "Total"))
	idx := make([]int, len(rows))
	for i := range idx {
		idx[i] = i
	}
	groupBy(idx, func(i int) uint64 { return ids[i] }, func(run []int) {
		best := len(cats)
		for _, i := range run {
			if s := support(int(rows[i])); s >= 0 {
				best = min(best, s)
			}
		}
		var pr []int32
		for _, i := range run {
			pr = append(pr, rows[i])
		}
		slices.Sort(pr)
		if best == len(cats) {
			for _, r := range pr {
				b.leave(step, ReasonInvalid, f.whyList(fST, int(r)), -1, r)
			}
			return
		}
		band := -1
		for _, i := range run {
			r := int(rows[i])
			if support(r) != best {
				continue
			}
			age, ok := f.ageOn(r, f.end)
			switch bb := carerBand(age, ok); {
			case band < 0:
				band = bb
			case band != bb:
				band = 5
			}
		}
		b.addBoth(best, band, len(carerAgeBands), ids[run[0]], pr)
	})
	b.share(x.list)
	t := b.done()
	t.Notes = []string{"NHS England's code gives high-level totals by support provided; the age bands are SALT LTS003's, from each carer's date of birth on the last day of the period (a carer whose rows give different ages is counted under 'Age unknown')."}
	return &Measure{ID: "LTS003", Name: "Carers supported during the period, by support provided (high-level totals)", Method: "SALT LTS003/LTS003 replication code.txt",
		Source: c.m.Sources["nhse"], Tables: []*Table{t}}
}

// SALT LTS004: working-age people with a learning disability receiving
// long-term support, by employment and accommodation status (their latest
// known).

func (c *ctx) lts004() *Measure {
	f := c.f
	step := "Working-age people with a learning disability in long-term support during the period"
	x := newExclusions()
	rows := c.lts004Rows(x, step)
	rows, ids := c.withIDs(x, step, rows, func(int32) int { return -1 })
	genders := append(c.listLabels(fGender), "Blank or invalid")
	genderOf := func(r int32) int {
		if g := f.lists[fGender][r]; g >= 0 {
			return int(g)
		}
		return len(genders) - 1
	}
	m := &Measure{ID: "LTS004", Name: "Working-age people (18 to 64) with a learning disability in long-term support, by employment and accommodation status and gender",
		Method: "SALT LTS004/LTS004 replication code.txt", Source: c.m.Sources["nhse"]}
	for _, t := range []struct {
		field     int
		ref       refTable
		groups    []string
		id, title string
	}{
		{fEmploy, c.m.LTS004Employment, []string{"All"}, "LTS004 T1", "Table 1: employment status"},
		{fAccom, c.m.LTS004Accommodation, []string{"Settled", "Unsettled"}, "LTS004 T2", "Table 2: accommodation status"},
	} {
		st := c.newLTS004Status(t.field, t.ref, t.groups, t.id, t.title, genders)
		st.genderOf, st.step = genderOf, step
		m.Tables = append(m.Tables, st.count(rows, ids, x)...)
	}
	return m
}

// lts004Rows is the long-term services of service users with a learning
// disability running in the period, of people aged 18 to 64 at its end.
func (c *ctx) lts004Rows(x *exclusions, step string) []int32 {
	f := c.f
	ld := set(0).with(c.rv.one("Primary_Support_Reason", validation.R1, "Learning Disability Support"))
	var rows []int32
	for r := 0; r < f.n; r++ {
		if !c.relevant(x, step, r, -1, cond{fEvent, set(0).with(int(c.service))}, cond{fClient, set(0).with(int(c.serviceUser))},
			cond{fST, c.lts}, cond{fPSR, ld}) {
			continue
		}
		if !c.startsBy(x, step, r, -1, f.end) || !c.endsFrom(x, step, r, -1, f.start) || !c.aliveOn(x, step, r, -1, f.start) || !c.hasBirth(x, step, r, -1) {
			continue
		}
		if age, _ := f.ageOn(r, f.end); age < 18 || age > 64 {
			x.leave(step, ReasonAge, "not aged 18 to 64 on "+validation.FormatDays(f.end), -1, int32(r))
			continue
		}
		rows = append(rows, int32(r))
	}
	return rows
}

// lts004Status counts people by one status field (employment or
// accommodation) and gender: one table per group of statuses (one table
// when there is one group), the last with a row for people with no valid
// status on any row (the method's "NULL/Invalid" count).
type lts004Status struct {
	c          *ctx
	field      int
	step       string
	pos        []int // list value → the status's index in the reference table, -1 none
	unknownPos int   // the index of "Unknown", -1 none
	tableOf    []int // status index → its table (group)
	rowOf      []int // status index → its row in that table
	builders   []*tableBuilder
	invalidRow int // the last table's "No valid status on any row"
	genders    int // the gender columns before Total
	genderOf   func(r int32) int
}

// newLTS004Status lays out the status tables from the reference list.
func (c *ctx) newLTS004Status(field int, t refTable, groups []string, id, title string, genders []string) *lts004Status {
	f := c.f
	rel := release(t.Release)
	s := &lts004Status{c: c, field: field, unknownPos: -1, tableOf: make([]int, len(t.Rows)), rowOf: make([]int, len(t.Rows)), genders: len(genders)}
	labels := make([]string, len(t.Rows))
	tableRows := make([][]string, len(groups))
	for i, r := range t.Rows {
		labels[i] = r.Value
		s.tableOf[i] = 0
		for gi, g := range groups {
			if g == r.Group {
				s.tableOf[i] = gi
			}
		}
		s.rowOf[i] = len(tableRows[s.tableOf[i]])
		tableRows[s.tableOf[i]] = append(tableRows[s.tableOf[i]], r.Value)
	}
	last := len(groups) - 1
	tableRows[last] = append(tableRows[last], "No valid status on any row")
	s.invalidRow = len(tableRows[last]) - 1
	s.pos = c.rv.rank(listKeys[field], rel, labels, -1)
	if u := c.rv.one(listKeys[field], rel, "Unknown"); u >= 0 {
		s.unknownPos = s.pos[u]
	}
	gcols := append(slices.Clone(genders), "Total")
	s.builders = make([]*tableBuilder, len(groups))
	for gi, g := range groups {
		tid, ttitle := id, title
		if len(groups) > 1 {
			tid, ttitle = id+string(rune('a'+gi)), title+": "+strings.ToLower(g)
		}
		s.builders[gi] = newTable(tid, ttitle, "people", f.fieldName(field), tableRows[gi], gcols)
	}
	return s
}

// posOf is a row's status index, -1 when it has no valid status.
func (s *lts004Status) posOf(r int32) int {
	if v := s.c.f.lists[s.field][r]; v >= 0 && int(v) < len(s.pos) {
		return s.pos[v]
	}
	return -1
}

// count counts each person once, by their latest status, and returns the
// finished tables.
func (s *lts004Status) count(rows []int32, ids []uint64, x *exclusions) []*Table {
	f := s.c.f
	idx := make([]int, len(rows))
	for i := range idx {
		idx[i] = i
	}
	groupBy(idx, func(i int) uint64 { return ids[i] }, func(run []int) {
		var pr []int32
		latest := int32(dBlank)
		for _, i := range run {
			r := rows[i]
			pr = append(pr, r)
			if s.posOf(r) >= 0 {
				latest = max(latest, f.dates[dESD][r])
			}
		}
		slices.Sort(pr)
		pid := ids[run[0]]
		if latest == dBlank {
			s.noValidStatus(pid, pr)
			return
		}
		s.latestStatus(rows, run, latest, pid, pr)
	})
	var out []*Table
	for _, b := range s.builders {
		b.share(x.list)
		out = append(out, b.done())
	}
	return out
}

// noValidStatus counts a person with no valid status on any row, under
// each gender their rows give and in Total, and lists the rows as left out.
func (s *lts004Status) noValidStatus(pid uint64, pr []int32) {
	lb := s.builders[len(s.builders)-1]
	seen := map[int]bool{}
	for _, r := range pr {
		if g := s.genderOf(r); !seen[g] {
			seen[g] = true
			lb.add(s.invalidRow, g, pid, pr)
		}
	}
	lb.add(s.invalidRow, s.genders, pid, pr)
	for _, r := range pr {
		lb.leave(s.step, ReasonInvalid, s.c.f.whyList(s.field, int(r)), -1, r)
	}
}

// latestStatus counts a person by the status on their latest Event Start
// Date with a valid status; of those rows, a known status wins over
// Unknown; statuses that still differ count as Unknown.
func (s *lts004Status) latestStatus(rows []int32, run []int, latest int32, pid uint64, pr []int32) {
	f := s.c.f
	known := false
	for _, i := range run {
		r := rows[i]
		if p := s.posOf(r); p >= 0 && f.dates[dESD][r] == latest && p != s.unknownPos {
			known = true
		}
	}
	byGender := map[int]int{}
	var order []int
	total := -2
	for _, i := range run {
		r := rows[i]
		p := s.posOf(r)
		if p < 0 || f.dates[dESD][r] != latest || (p != s.unknownPos) != known {
			continue
		}
		g := s.genderOf(r)
		if old, ok := byGender[g]; ok && old != p {
			p = s.unknownPos
		} else if !ok {
			order = append(order, g)
		}
		byGender[g] = p
		switch {
		case total == -2:
			total = p
		case total != p:
			total = s.unknownPos
		}
	}
	for _, g := range order {
		if p := byGender[g]; p >= 0 {
			s.builders[s.tableOf[p]].add(s.rowOf[p], g, pid, pr)
		}
	}
	if total >= 0 {
		s.builders[s.tableOf[total]].add(s.rowOf[total], s.genders, pid, pr)
	}
}
