package measures

import (
	"slices"
)

// ASCOF 2A: the proportion of people who received short-term services
// (reablement, ST-Max) during the year, who were not receiving services
// before, where no further request was made for ongoing support.
func (c *ctx) ascof2A() *Measure {
	m := c.dhscMeasure("ASCOF 2A", "The proportion of people who received short-term services during the year, who previously were not receiving services, where no further request was made for ongoing support", "ASCOF_measures/Create_ASCOF_2A_2425_Onwards.sql")
	m.Partial = true
	m.Missing = "DHSC looks at 3 months before the period (to tell new clients) and 7 days after it (for the sequel of reablement ending on the last days) in earlier and later submissions; one file has only its own period, so reablement starting early in the period may count as a new client's and reablement ending in its last week may lack its sequel."
	a := c.newASCOF2A()
	t := c.dhsc()
	ch, badEnd := c.dhscServiceUsers()
	for _, r := range badEnd {
		if c.f.lists[fST][r] == c.stMax && c.stMax >= 0 {
			a.x.leave(a.step, ReasonInvalid, "Event End Date before Event Start Date", -1, r)
		}
	}
	var eps []episode2A
	for p, pid := range ch.people {
		evs := ch.events[ch.starts[p]:ch.starts[p+1]]
		d := t.detailOf(pid)
		for _, ep := range a.episodes(pid, evs, d) {
			a.sequel(&ep, evs, d)
			eps = append(eps, ep)
		}
	}
	m.Tables = a.tables(eps)
	return m
}

// ascof2A is what ASCOF 2A's steps share: DHSC's reference data resolved
// for the file's release, and the rows left out.
type ascof2A struct {
	c    *ctx
	f    *frame
	x    *exclusions
	step string

	hier        []int    // DHSC's outcome hierarchy by list entry
	hr          []string // the hierarchy's labels
	utc         set      // outcomes that cannot be a sequel
	ltsSet      set      // long-term service types
	svcRank     []int    // service type ranks as a sequel (99: none)
	stCare      set      // short-term care components
	ost         int8     // Short term support: Other short term
	equipment   int8     // the equipment component
	ended       int8     // Service ended as planned
	admitted    int8     // Admitted to hospital
	inDen       map[string]bool
	inNum       map[string]bool
	careSequel  string
	equipSequel string
}

// episode2A is one ST-Max episode and the sequel found for it.
type episode2A struct {
	person     uint64
	start, end int32
	outcome    int8
	rows       []int32
	band       int // 0 18-64, 1 65+, 2 unknown
	final      string
	how        string
	behind     []int32
}

func (c *ctx) newASCOF2A() *ascof2A {
	ref := c.m.DHSC2A
	r2 := release(ref.Release)
	a := &ascof2A{c: c, f: c.f, x: newExclusions(), step: "ST-Max (reablement) episodes of new clients ending in the period",
		hier: c.dhsc0Hier(), hr: c.m.DHSCOutcomeHierarchy.Values,
		utc:       c.rv.set("Event_Outcome", r2, ref.UnableToClassify...),
		ltsSet:    c.rv.set("Service_Type", r2, ref.Services[:4]...),
		svcRank:   c.rv.rank("Service_Type", r2, ref.Services, 99),
		stCare:    c.rv.set("Service_Component", r2, ref.ShortTermCareComponents...),
		ost:       int8(c.rv.one("Service_Type", r2, "Short term support: Other short term")),
		equipment: int8(c.rv.one("Service_Component", r2, ref.EquipmentComponent)),
		ended:     int8(c.rv.one("Event_Outcome", r2, ref.EndedAsPlanned)),
		admitted:  int8(c.rv.one("Event_Outcome", r2, ref.Admitted)),
		inDen:     map[string]bool{}, inNum: map[string]bool{},
		careSequel: ref.ShortTermCareSequel, equipSequel: ref.EquipmentSequel,
	}
	for _, s := range ref.Denominator {
		a.inDen[s] = true
	}
	for _, s := range ref.Numerator {
		a.inNum[s] = true
	}
	return a
}

// eoRank is an outcome's rank in DHSC's hierarchy, with its penalty (100)
// for outcomes that cannot be a sequel; 999 for none.
func (a *ascof2A) eoRank(o int8) int {
	if o < 0 || int(o) >= len(a.hier) || a.hier[o] >= 999 {
		return 999
	}
	if a.utc.has(o) {
		return a.hier[o] + 100
	}
	return a.hier[o]
}

func (a *ascof2A) outcomeLabel(o int8) string {
	if o < 0 {
		return "Invalid and not mapped"
	}
	return a.labelOfRank(a.hier[o])
}

func (a *ascof2A) labelOfRank(rank int) string {
	h := rank
	if h >= 100 && h < 999 {
		h -= 100
	}
	if h < len(a.hr) {
		if a.hr[h] == release1Only {
			return "Release 1 specification only: Not mapped"
		}
		return a.hr[h]
	}
	return "Invalid and not mapped"
}

func (a *ascof2A) leaveAll(rows []int32, reason Reason, detail string) {
	for _, r := range rows {
		a.x.leave(a.step, reason, detail, -1, r)
	}
}

// episodes chains a person's ST-Max services while one starts within 7
// days of the latest end so far (the episode's outcome is its latest
// ending row's; ties: highest in the hierarchy) and keeps those of new
// clients ending in the period.
func (a *ascof2A) episodes(pid uint64, evs []event, d *personDetails) []episode2A {
	c, f := a.c, a.f
	var sm []event
	for _, e := range evs {
		if e.typ == c.service && e.st == c.stMax && c.stMax >= 0 {
			sm = append(sm, e)
		}
	}
	var out []episode2A
	for i := 0; i < len(sm); {
		ep := episode2A{person: pid, start: sm[i].start, end: sm[i].end}
		j := i + 1
		for j < len(sm) && int64(sm[j].start)-int64(ep.end) <= 7 {
			ep.end = max(ep.end, sm[j].end)
			j++
		}
		run := sm[i:j]
		i = j
		best := -1
		for _, e := range run {
			ep.rows = append(ep.rows, e.row)
			if e.end == ep.end && (best < 0 || a.eoRank(e.outcome) < best) {
				best, ep.outcome = a.eoRank(e.outcome), e.outcome
			}
		}
		if ep.end < f.start || ep.end > f.end {
			a.leaveAll(ep.rows, ReasonPeriod, "the episode does not end in the period (or is open)")
			continue
		}
		age, ok := ageOnDHSC(d, ep.end)
		switch {
		case ok && age < 18:
			a.leaveAll(ep.rows, ReasonAge, "under 18 at the end of the episode")
			continue
		case okDate(d.dod) && d.dod < ep.start:
			a.leaveAll(ep.rows, ReasonPeriod, "the person died before the episode")
			continue
		case !ok:
			ep.band = 2
		case age >= 65:
			ep.band = 1
		}
		// New client: no long-term service running within 91 days before
		// the episode started.
		existing := false
		for _, e := range evs {
			if a.ltsSet.has(e.st) && e.start < ep.start && int64(ep.start)-int64(e.end) < 91 {
				existing = true
			}
		}
		if existing {
			a.leaveAll(ep.rows, ReasonCohort, "the person had long-term support within 91 days before the episode (not a new client)")
			continue
		}
		ep.behind = slices.Clone(ep.rows)
		out = append(out, ep)
	}
	return out
}

// sequel finds what followed an episode, in DHSC's order of steps, and
// adds the rows that decided it to the episode's.
func (a *ascof2A) sequel(ep *episode2A, evs []event, d *personDetails) {
	// 1. Died by 7 days after the end.
	if okDate(d.dod) && int64(d.dod)-int64(ep.end) <= 7 {
		ep.final, ep.how = "NFA: Deceased", "1. Died within 7 days of the end"
		return
	}
	// 2. The episode's outcome is admission to hospital.
	if ep.outcome == a.admitted && a.admitted >= 0 {
		ep.final, ep.how = a.outcomeLabel(ep.outcome), "2. Admitted to hospital"
		return
	}
	// 3. A service open at the end or starting within 7 days.
	c := a.c
	var window []event
	for _, e := range evs {
		same := e.typ == c.service && e.st == c.stMax && e.start >= ep.start && e.start <= ep.end
		if !same && e.start >= ep.start && e.end > ep.end && int64(e.start)-int64(ep.end) <= 7 {
			window = append(window, e)
		}
	}
	if a.serviceSequel(ep, window) || a.outcomeSequel(ep, evs, window) {
		return
	}
	// 5. Equipment provided during the episode.
	for _, e := range evs {
		if e.typ == c.service && a.f.lists[fSC][e.row] == a.equipment && a.equipment >= 0 && e.start >= ep.start && e.end > ep.start && e.end <= ep.end {
			ep.behind = append(ep.behind, e.row)
			ep.final, ep.how = a.equipSequel, "5. Equipment provided during the episode"
			return
		}
	}
	// 6. Unable to classify: the episode's own outcome.
	ep.final, ep.how = a.outcomeLabel(ep.outcome), "6. Unable to classify: the episode's own outcome"
}

// serviceSequel is step 3: the highest-ranking service in the window (a
// short-term care component first among equals).
func (a *ascof2A) serviceSequel(ep *episode2A, window []event) bool {
	bestSvc, bestRank, bestCare := event{}, 99, false
	for _, e := range window {
		r := 99
		if e.st >= 0 && int(e.st) < len(a.svcRank) {
			r = a.svcRank[e.st]
		}
		care := a.stCare.has(a.f.lists[fSC][e.row])
		if r < bestRank || r == bestRank && care && !bestCare {
			bestSvc, bestRank, bestCare = e, r, care
		}
	}
	if bestRank >= 99 {
		return false
	}
	ep.final = labelST(a.f, bestSvc.st, a.c.rv)
	if bestSvc.st == a.ost && bestCare {
		ep.final = a.careSequel
	}
	ep.how = "3. A service followed within 7 days"
	ep.behind = append(ep.behind, bestSvc.row)
	return true
}

// outcomeSequel is step 4: the best usable outcome of the episode, of the
// later non-service events, and of assessments or reviews ending in its
// last 14 days.
func (a *ascof2A) outcomeSequel(ep *episode2A, evs, window []event) bool {
	c := a.c
	bestO, src := 1000, ""
	var srcRow int32 = -1
	consider := func(rank int, from string, row int32) {
		if rank < bestO {
			bestO, src, srcRow = rank, from, row
		}
	}
	nonSvc := false
	for _, e := range window {
		if e.typ != c.service && e.outcome != a.ended && (a.eoRank(ep.outcome) < 100 || a.eoRank(e.outcome) < 100) {
			nonSvc = true
		}
	}
	if nonSvc || len(window) == 0 && a.eoRank(ep.outcome) < 100 {
		consider(a.eoRank(ep.outcome), "4a. The episode's own outcome", -1)
	}
	if nonSvc {
		for _, e := range window {
			if e.typ != c.service && e.outcome != a.ended && a.eoRank(e.outcome) < 100 {
				consider(a.eoRank(e.outcome), "4b. The outcome of a later event", e.row)
			}
		}
	}
	var nested event
	nestedOK := false
	for _, e := range evs {
		if (e.typ == c.assessment || e.typ == c.review) && e.start >= ep.start && e.end > ep.start && e.end <= ep.end &&
			int64(ep.end)-int64(e.end) < 14 && a.eoRank(e.outcome) < 100 {
			if !nestedOK || e.end > nested.end || e.end == nested.end && (a.eoRank(e.outcome) < a.eoRank(nested.outcome) || a.eoRank(e.outcome) == a.eoRank(nested.outcome) && e.row > nested.row) {
				nested, nestedOK = e, true
			}
		}
	}
	if nestedOK {
		consider(a.eoRank(nested.outcome), "4c. An assessment or review near the end of the episode", nested.row)
	}
	if bestO >= 1000 {
		return false
	}
	ep.final, ep.how = a.labelOfRank(bestO), src
	if srcRow >= 0 {
		ep.behind = append(ep.behind, srcRow)
	}
	return true
}

// tables lays the episodes out: the proportion by age band, the sequels
// (those in the numerator first, then the denominator's, then the rest),
// and the step that found each.
func (a *ascof2A) tables(eps []episode2A) []*Table {
	b := newTable("ASCOF 2A", "New clients whose reablement ended in the period with no further request for ongoing support", "episodes", "Age band", []string{"18 to 64", "65 and over", "Total"}, ratioCols)
	b.t.Ratio = true
	var finals []string
	for _, ep := range eps {
		if !slices.Contains(finals, ep.final) {
			finals = append(finals, ep.final)
		}
	}
	group := func(s string) int { // 0 numerator, 1 denominator only, 2 neither
		switch {
		case !a.inDen[s]:
			return 2
		case !a.inNum[s]:
			return 1
		}
		return 0
	}
	slices.SortFunc(finals, func(x, y string) int {
		if gx, gy := group(x), group(y); gx != gy {
			return gx - gy
		}
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	})
	labels := make([]string, len(finals))
	for i, s := range finals {
		switch {
		case a.inNum[s]:
			labels[i] = s + " (numerator and denominator)"
		case a.inDen[s]:
			labels[i] = s + " (denominator)"
		default:
			labels[i] = s + " (not counted)"
		}
	}
	d := newTable("ASCOF 2A sequels", "What followed each episode", "episodes", "Sequel", labels, []string{"18 to 64", "65 and over", "Age unknown", "Total"})
	hows := []string{}
	for _, ep := range eps {
		if !slices.Contains(hows, ep.how) {
			hows = append(hows, ep.how)
		}
	}
	slices.Sort(hows)
	hw := newTable("ASCOF 2A steps", "The step that found each episode's sequel", "episodes", "Step", hows, []string{"Episodes"})
	for _, ep := range eps {
		d.addBoth(slices.Index(finals, ep.final), ep.band, 3, ep.person, ep.behind)
		hw.add(slices.Index(hows, ep.how), 0, ep.person, ep.behind)
		if !a.inDen[ep.final] {
			continue
		}
		groups := []int{2} // an unknown age counts in the total only
		if ep.band < 2 {
			groups = []int{ep.band, 2}
		}
		for _, g := range groups {
			ratioAdd(b, g, a.inNum[ep.final], ep.person, ep.behind)
		}
	}
	c := a.c
	for _, tb := range []*tableBuilder{b, d, hw} {
		tb.share(a.x.list)
		c.shareMain(tb, cond{fClient, set(0).with(int(c.serviceUser))}, cond{fST, set(0).with(int(c.stMax))})
	}
	return []*Table{b.done(), d.done(), hw.done()}
}
