package measures

import (
	"slices"
	"strings"

	"cldvalidator/validation"
)

// SALT STS001 (requests for support from new clients and what followed
// them), STS002a (what followed ST-Max for new clients) and STS002b (ST-Max
// episodes of existing clients), as NHS England's 2023/24 scripts derive
// them: events are chained into clusters, and the sequel is found in the
// person's following events.

// How a sequel was found (NHS England's record types).
const (
	foundNoChronology = iota // no later events at all: the event's own outcome
	foundService             // a service in the chain of later events
	foundNFA                 // no service; an NFA outcome on a later event
	foundNoService           // later events, none a service or NFA: the event's own outcome
	foundOutOfScope          // later events, but too late or after another such event: the event's own outcome
)

var foundLabels = []string{
	"No later events: the outcome recorded on the event",
	"A service followed",
	"A later event's NFA outcome",
	"No service followed: the outcome recorded on the event",
	"Later events not related: the outcome recorded on the event",
}

// event is one row of a person's chronology.
type event struct {
	row       int32
	start     int32
	end       int32 // openEnd for an open event
	endRaw    int32 // as in the file (a date sentinel when blank or unreadable)
	typ, st   int8
	outcome   int8
	isRequest bool
}

// chronology is the cohort's events of each person, in order of start,
// then end, then row.
type chronology struct {
	people []uint64
	starts []int // people[i]'s events are events[starts[i]:starts[i+1]]
	events []event
}

func (c *ctx) chronology(rows []int32, ids []uint64) *chronology {
	f := c.f
	// In order of person (keys are below 2^32), then of row; then each
	// person's events by start and end.
	ks := make([]uint64, len(rows))
	for i := range rows {
		ks[i] = ids[i]<<32 | uint64(uint32(i))
	}
	slices.Sort(ks)
	people := 0
	for k, x := range ks {
		if k == 0 || x>>32 != ks[k-1]>>32 {
			people++
		}
	}
	ch := &chronology{events: make([]event, len(rows)), people: make([]uint64, 0, people), starts: make([]int, 0, people+1)}
	for k, x := range ks {
		i := int(uint32(x))
		r := rows[i]
		e := event{row: r, start: f.dates[dESD][r], endRaw: f.dates[dEED][r], typ: f.lists[fEvent][r], st: f.lists[fST][r], outcome: f.lists[fOutcome][r]}
		e.end = e.endRaw
		if !okDate(e.end) {
			e.end = openEnd
		}
		e.isRequest = e.typ == c.request && c.request >= 0
		ch.events[k] = e
		if k == 0 || x>>32 != ks[k-1]>>32 {
			ch.people = append(ch.people, x>>32)
			ch.starts = append(ch.starts, k)
		}
	}
	ch.starts = append(ch.starts, len(rows))
	for p := range ch.people {
		sortEvents(ch.events[ch.starts[p]:ch.starts[p+1]])
	}
	return ch
}

// sortEvents orders one person's events by start, then end, then row.
func sortEvents(evs []event) {
	slices.SortFunc(evs, func(a, b event) int {
		if a.start != b.start {
			return sign(int64(a.start) - int64(b.start))
		}
		if a.end != b.end {
			return sign(int64(a.end) - int64(b.end))
		}
		return int(a.row - b.row)
	})
}

func sign(d int64) int {
	switch {
	case d < 0:
		return -1
	case d > 0:
		return 1
	}
	return 0
}

// cluster is a run of events of one kind chained together (a new event
// starting within gap days of the end of the one before it, in order).
type cluster struct {
	start, end int32
	rows       []int32 // the cluster's rows (ending in the period)
	chosen     int32   // the row whose outcome is the cluster's
	outcome    int8
}

// clusters chains a person's events of one kind and keeps the clusters
// whose end falls in [from, to]; rank orders outcomes (lower first) for a
// tie at the cluster's end. rowsEnded takes the rows of clusters that ended
// outside.
func clusters(sc *stsScratch, evs []event, gap int32, inPeriod func(end int32) bool, rank func(o int8) int, latestOnly bool, outside func(r int32)) []cluster {
	out := sc.cls[:0]
	defer func() { sc.cls = out[:0] }()
	for i := 0; i < len(evs); {
		j := i + 1
		for j < len(evs) && !(evs[j-1].end < evs[j].start-gap) {
			j++
		}
		run := evs[i:j]
		cl := cluster{start: run[0].start, end: dBlank, chosen: -1}
		for _, e := range run {
			if inPeriod(e.end) || !latestOnly {
				cl.end = max(cl.end, e.end)
			}
		}
		if cl.end == dBlank || !inPeriod(cl.end) {
			for _, e := range run {
				outside(e.row)
			}
			i = j
			continue
		}
		best := 1 << 30
		cl.rows = sc.rows.room(len(run))
		for _, e := range run {
			if latestOnly && !inPeriod(e.end) {
				outside(e.row)
				continue
			}
			cl.rows = append(cl.rows, e.row)
			if e.end == cl.end {
				if r := rank(e.outcome); r < best {
					best, cl.chosen, cl.outcome = r, e.row, e.outcome
				}
			}
		}
		cl.rows = sc.rows.keep(cl.rows)
		out = append(out, cl)
		i = j
	}
	return out
}

// stsScratch is reusable room for one measure's loop over people: event
// lists that live while one person is looked at, and an arena for the row
// lists that are kept.
type stsScratch struct {
	reqs, lts, sm, cand []event
	keep                []bool
	cls                 []cluster
	rows                rowArena
}

// sequelRule is how one method looks for a sequel.
type sequelRule struct {
	window int32                          // the first later event must start within this many days of the end
	self   func(e event, cl cluster) bool // the event is the cluster itself
	breaks func(e event) bool             // another event of the same kind ends the search
	rank   func(e event) int              // service sequel rank (0 highest), -1 for none
	nfa    func(e event) bool             // an outcome usable as the sequel
}

// sequelFound is what followed a cluster.
type sequelFound struct {
	how     int
	service event   // foundService: the highest-ranking service
	nfa     int8    // foundNFA: the outcome, or cInvalid where outcomes conflict
	rows    []int32 // the later events that decided it
	stMax   []event // foundService: every ST-Max in the chain (STS002a's cohort)
}

// findSequel follows NHS England's steps: later events (starting on or
// after the cluster's end, the cluster itself aside) form a chain while
// each starts within 3 days of the end of the one before; the first must
// start within the window (unless it is open); the chain stops at another
// event of the same kind. A service in the chain is the sequel (the
// highest-ranking); otherwise the latest usable NFA outcome in it;
// otherwise the cluster's own outcome.
func findSequel(sc *stsScratch, evs []event, cl cluster, rule sequelRule, stMax int8) sequelFound {
	cand := sc.cand[:0]
	for _, e := range evs {
		if e.start >= cl.end && !rule.self(e, cl) {
			cand = append(cand, e)
		}
	}
	sc.cand = cand
	if len(cand) == 0 {
		return sequelFound{how: foundNoChronology}
	}
	// Flags by group of equal start dates (the methods' running minimums
	// take tied start dates together).
	keep := slices.Grow(sc.keep[:0], len(cand))[:len(cand)]
	sc.keep = keep
	chainOK, scopeOK, noBreak := true, true, true
	for i := 0; i < len(cand); {
		j := i + 1
		for j < len(cand) && cand[j].start == cand[i].start {
			j++
		}
		groupFlag := true
		for k := i; k < j; k++ {
			if k > 0 && okDate(cand[k-1].endRaw) && cand[k].start-cand[k-1].endRaw > 3 {
				groupFlag = false
			}
			if rule.breaks(cand[k]) {
				noBreak = false
			}
		}
		chainOK = chainOK && groupFlag
		groupChain := true
		for k := i; k < j; k++ {
			inChain := chainOK
			if i == 0 {
				switch {
				case !okDate(cand[k].endRaw):
					inChain = true
				case cand[k].start-cl.end > rule.window:
					inChain = false
				}
			}
			groupChain = groupChain && inChain
		}
		scopeOK = scopeOK && groupChain
		for k := i; k < j; k++ {
			keep[k] = scopeOK && noBreak
		}
		i = j
	}
	kept := cand[:0] // in place: a kept event never moves forward
	for k, e := range cand {
		if keep[k] {
			kept = append(kept, e)
		}
	}
	if len(kept) == 0 {
		return sequelFound{how: foundOutOfScope}
	}
	best := -1
	var sf sequelFound
	for _, e := range kept {
		if r := rule.rank(e); r >= 0 && (best < 0 || r < best) {
			best, sf.service = r, e
		}
	}
	if best >= 0 {
		sf.how = foundService
		for _, e := range kept {
			if rule.rank(e) == best {
				sf.rows = append(sf.rows, e.row)
				if e.st == stMax && stMax >= 0 {
					sf.stMax = append(sf.stMax, e)
				}
			}
		}
		return sf
	}
	latest := dBlank
	found := false
	for _, e := range kept {
		if rule.nfa(e) {
			found = true
			if okDate(e.endRaw) {
				latest = max(latest, e.endRaw)
			}
		}
	}
	if !found {
		return sequelFound{how: foundNoService}
	}
	sf = sequelFound{how: foundNFA, nfa: cBlank}
	for _, e := range kept {
		if !rule.nfa(e) || e.endRaw != latest && !(latest == dBlank && !okDate(e.endRaw)) {
			continue
		}
		sf.rows = append(sf.rows, e.row)
		switch {
		case sf.nfa == cBlank:
			sf.nfa = e.outcome
		case sf.nfa != e.outcome:
			sf.nfa = cInvalid
		}
	}
	return sf
}

// sts001Result is STS001's requests with their sequels, and the ST-Max
// services that followed them (STS002a's cohort).
type sts001Result struct {
	m     *Measure
	stMax map[[2]uint64]bool // (person, ST-Max start) pairs
}

func (c *ctx) sts001() *Measure { return c.sts001Run().m }

func (c *ctx) sts001Run() *sts001Result {
	c.once.sts001.Do(func() { c.sts001Out = c.computeSTS001() })
	return c.sts001Out
}

func (c *ctx) computeSTS001() *sts001Result {
	f := c.f
	step := "Requests for support from new clients ending in the period"
	x := newExclusions()
	events := set(0).with(int(c.request)).with(int(c.assessment)).with(int(c.service)).with(int(c.review))
	// All events of service users starting by the period end, with an age
	// and alive at its start: the requests, and the chronology after them.
	rows := make([]int32, 0, f.n)
	for r := 0; r < f.n; r++ {
		ex := x
		if f.lists[fEvent][r] != c.request {
			ex = nil // only the requests' exclusions are shown
		}
		if !c.relevant(ex, step, r, -1, cond{fClient, set(0).with(int(c.serviceUser))}, cond{fEvent, events}) {
			continue
		}
		if !c.startsBy(ex, step, r, -1, f.end) || !c.hasBirth(ex, step, r, -1) || !c.aliveOn(ex, step, r, -1, f.start) {
			continue
		}
		rows = append(rows, int32(r))
	}
	ids := c.hybridIDs(rows)
	k := 0
	for i, r := range rows {
		if ids[i] == 0 {
			if f.lists[fEvent][r] == c.request {
				x.leave(step, ReasonNoPerson, c.noIDDetail(int(r)), -1, r)
			}
			continue
		}
		rows[k], ids[k] = r, ids[i]
		k++
	}
	rows, ids = rows[:k], ids[:k]
	ch := c.chronology(rows, ids)

	outcomes := c.m.STS001Outcomes
	usable := make([]bool, len(c.listLabels(fOutcome)))
	sequelOf := make([]string, len(usable))
	for _, o := range outcomes.Rows {
		for _, i := range c.rv.indexes("Event_Outcome", release(outcomes.Release), o.Value) {
			if sequelOf[i] == "" {
				usable[i], sequelOf[i] = o.Usable, o.Sequel
			}
		}
	}
	hier := c.rv.rank("Event_Outcome", release(c.m.NHSEOutcomeHierarchy.Release), c.m.NHSEOutcomeHierarchy.Values, 98)
	outRank := func(o int8) int {
		if o >= 0 && int(o) < len(hier) {
			return hier[o]
		}
		return 98
	}
	svcLabels := make([]string, len(c.m.STS001Services.Rows))
	for i, s := range c.m.STS001Services.Rows {
		svcLabels[i] = s.Value
	}
	svcRank := c.rv.rank("Service_Type", release(c.m.STS001Services.Release), svcLabels, -1)
	rankST := func(st int8) int {
		if st >= 0 && int(st) < len(svcRank) {
			return svcRank[st]
		}
		return -1
	}
	// The table's rows: the service sequels, then the outcome sequels.
	seqRows := []string{}
	for _, s := range c.m.STS001Services.Rows {
		seqRows = append(seqRows, s.Sequel)
	}
	for _, o := range outcomes.Rows {
		if o.Usable && !slices.Contains(seqRows, o.Sequel) {
			seqRows = append(seqRows, o.Sequel)
		}
	}
	unable := len(seqRows)
	seqRows = append(seqRows, "Unable to classify")
	rowOfSequel := func(s string) int {
		if i := slices.Index(seqRows, s); i >= 0 {
			return i
		}
		return unable
	}
	otherReason := rowOfSequel("No Services Provided - other reason")
	outcomeRow := func(o int8) int {
		if o >= 0 && int(o) < len(usable) && usable[o] {
			return rowOfSequel(sequelOf[o])
		}
		return unable
	}
	// Route of access columns: the list, or the file's own words where the
	// release has no published list.
	var roaCols []string
	var roaOf func(r int32) int
	if fl := f.spec.Field("Request_Route_of_Access"); fl != nil && fl.HasPublishedList() {
		roaCols = c.listLabels(fROA)
		blank := len(roaCols)
		roaOf = func(r int32) int {
			if v := f.lists[fROA][r]; v >= 0 {
				return int(v)
			}
			return blank
		}
	} else {
		seen := map[string]int{}
		for _, e := range ch.events {
			if e.isRequest {
				if t := f.text(fROA, int(e.row)); t != "" {
					if _, ok := seen[t]; !ok {
						seen[t] = len(roaCols)
						roaCols = append(roaCols, t)
					}
				}
			}
		}
		blank := len(roaCols)
		roaOf = func(r int32) int {
			if i, ok := seen[f.text(fROA, int(r))]; ok {
				return i
			}
			return blank
		}
	}
	roaCols = append(roaCols, "Blank or not valid", "Total")

	ageCols := []string{"18 to 64", "65 and over", "Under 18", "Total"}
	t1 := newTable("STS001 T1", "Requests for support from new clients, by what followed and age band", "requests", "Sequel", seqRows, ageCols)
	t2 := newTable("STS001 T2", "Requests for support from new clients, by what followed and route of access", "requests", "Sequel", seqRows, roaCols)
	t3 := newTable("STS001 T3", "How each request's sequel was found", "requests", "Sequel", seqRows, append(slices.Clone(foundLabels), "Total"))
	res := &sts001Result{stMax: map[[2]uint64]bool{}}

	rule := sequelRule{
		window: 28,
		self: func(e event, cl cluster) bool {
			return e.isRequest && (e.start == cl.start || e.endRaw == cl.end)
		},
		breaks: func(e event) bool { return e.isRequest },
		rank:   func(e event) int { return rankST(e.st) },
		nfa:    func(e event) bool { return e.outcome >= 0 && int(e.outcome) < len(usable) && usable[e.outcome] },
	}
	var sc stsScratch
	for p := range ch.people {
		evs := ch.events[ch.starts[p]:ch.starts[p+1]]
		reqs, lts := sc.reqs[:0], sc.lts[:0]
		for _, e := range evs {
			if e.isRequest {
				reqs = append(reqs, e)
			}
			if c.lts.has(e.st) {
				lts = append(lts, e)
			}
		}
		sc.reqs, sc.lts = reqs, lts
		if len(reqs) == 0 {
			continue
		}
		inPeriod := func(end int32) bool { return end >= f.start && end <= f.end }
		outside := func(r int32) {
			x.leave(step, ReasonPeriod, "the request ends outside the period (or is open)", -1, r)
		}
		for _, cl := range clusters(&sc, reqs, 4, inPeriod, outRank, true, outside) {
			existing := false
			for _, s := range lts {
				if cl.start >= s.start && (cl.start <= s.endRaw || !okDate(s.endRaw)) {
					existing = true
				}
			}
			if existing {
				for _, r := range cl.rows {
					x.leave(step, ReasonCohort, "the person was already receiving long-term support when the request started", -1, r)
				}
				continue
			}
			sf := findSequel(&sc, evs, cl, rule, c.stMax)
			var row int
			switch sf.how {
			case foundService:
				row = rankST(sf.service.st)
				for _, e := range sf.stMax {
					res.stMax[[2]uint64{ch.people[p], uint64(uint32(e.start))}] = true
				}
			case foundNFA:
				if sf.nfa == cInvalid {
					row = otherReason
				} else {
					row = outcomeRow(sf.nfa)
				}
			default:
				row = outcomeRow(cl.outcome)
			}
			behind := sc.rows.join(cl.rows, sf.rows)
			age, _ := f.ageOn(int(cl.chosen), f.end)
			band := salBand(age)
			pid := ch.people[p]
			t1.addBoth(row, []int{0, 1, 2}[band], 3, pid, behind)
			t2.addBoth(row, roaOf(cl.chosen), len(roaCols)-1, pid, behind)
			t3.addBoth(row, sf.how, len(foundLabels), pid, behind)
		}
	}
	m := &Measure{ID: "STS001", Name: "Requests for support received from new clients, by what followed (sequel), route of access and age band",
		Method: "SALT STS001/STS001 replication code.txt", Source: c.m.Sources["nhse"],
		Notes: []string{
			"Requests of one person within 4 days of each other are one request (NHS England's clustering); a request counts when it ends in the period and the person had no long-term service open when it started.",
			"The sequel is the highest-ranking service in the chain of events that follows within 28 days (each within 3 days of the one before), else the latest NFA or end-of-life outcome in it, else the request's own outcome.",
		}}
	for _, b := range []*tableBuilder{t1, t2, t3} {
		b.share(x.list)
		m.Tables = append(m.Tables, b.done())
	}
	res.m = m
	return res
}

// stsSubsetRows is the events STS002a and STS002b search (service users'
// events starting by the period end), with NHS England's person ids over
// them, and the ST-Max rows left out.
func (c *ctx) stsSubsetRows() (*chronology, *exclusions) {
	c.once.stsSubset.Do(func() { c.stsSub, c.stsSubX = c.buildSTSSubset("Service users' events starting by the period end") })
	return c.stsSub, c.stsSubX
}

func (c *ctx) buildSTSSubset(step string) (*chronology, *exclusions) {
	f := c.f
	x := newExclusions()
	events := set(0).with(int(c.request)).with(int(c.assessment)).with(int(c.service)).with(int(c.review))
	rows := make([]int32, 0, f.n)
	for r := 0; r < f.n; r++ {
		ex := x
		if f.lists[fST][r] != c.stMax || c.stMax < 0 {
			ex = nil // only the ST-Max rows' exclusions are shown
		}
		if !c.relevant(ex, step, r, -1, cond{fClient, set(0).with(int(c.serviceUser))}, cond{fEvent, events}) {
			continue
		}
		if !c.startsBy(ex, step, r, -1, f.end) {
			continue
		}
		rows = append(rows, int32(r))
	}
	ids := c.hybridIDs(rows)
	k := 0
	for i, r := range rows {
		if ids[i] == 0 {
			if f.lists[fST][r] == c.stMax {
				x.leave(step, ReasonNoPerson, c.noIDDetail(int(r)), -1, r)
			}
			continue
		}
		rows[k], ids[k] = r, ids[i]
		k++
	}
	return c.chronology(rows[:k], ids[:k]), x
}

// stMaxClusters chains a person's ST-Max services (a new one starting
// within a day of the end of the one before is the same episode) and keeps
// the episodes ending in the period; keep chooses the ST-Max rows.
func (c *ctx) stMaxClusters(sc *stsScratch, x *exclusions, step string, evs []event, keep func(e event) bool, rank func(o int8) int) []cluster {
	f := c.f
	sm := sc.sm[:0]
	defer func() { sc.sm = sm[:0] }()
	for _, e := range evs {
		if e.typ == c.service && e.st == c.stMax && c.stMax >= 0 && keep(e) {
			if d := f.dates[dDOD][e.row]; okDate(d) && d < f.start {
				x.leave(step, ReasonPeriod, "the person died before "+validation.FormatDays(f.start), -1, e.row)
				continue
			}
			sm = append(sm, e)
		}
	}
	inPeriod := func(end int32) bool { return end >= f.start && end <= f.end }
	return clusters(sc, sm, 1, inPeriod, rank, false, func(r int32) {
		x.leave(step, ReasonPeriod, "the ST-Max episode ends outside the period (or is open)", -1, r)
	})
}

func (c *ctx) sts002a() *Measure {
	f := c.f
	step := "ST-Max for new clients after a request (STS001), ending in the period"
	s1 := c.sts001Run()
	ch, base := c.stsSubsetRows()
	x := newExclusions()
	ref := c.m.STS002aSequels
	rel := release(ref.Release)
	hier := c.rv.rank("Event_Outcome", release(c.m.NHSEOutcomeHierarchy.Release), c.m.NHSEOutcomeHierarchy.Values, 98)
	outRank := func(o int8) int {
		if o >= 0 && int(o) < len(hier) {
			return hier[o]
		}
		return 98
	}
	svcRank := c.rv.rank("Service_Type", release(c.m.STS002aServices.Release), c.m.STS002aServices.Values, -1)
	seqRows := append(slices.Clone(ref.Order), "No service found (unable to classify)", "Unable to classify")
	noService, unable := len(ref.Order), len(ref.Order)+1
	outcomeSeq := make([]int, len(c.listLabels(fOutcome)))
	for i := range outcomeSeq {
		outcomeSeq[i] = -1
	}
	stSeq := make([]int, len(c.listLabels(fST)))
	for i := range stSeq {
		stSeq[i] = -1
	}
	for _, r := range ref.Rows {
		pos := slices.Index(ref.Order, r.Sequel)
		for _, i := range c.rv.indexes("Event_Outcome", rel, r.Value) {
			if outcomeSeq[i] < 0 {
				outcomeSeq[i] = pos
			}
		}
		for _, i := range c.rv.indexes("Service_Type", rel, r.Value) {
			if stSeq[i] < 0 {
				stSeq[i] = pos
			}
		}
	}
	endedAsPlanned := int8(c.rv.one("Event_Outcome", rel, ref.EndedAsPlanned))
	otherSeq := slices.Index(ref.Order, ref.EndedAsPlannedSequel)
	isNFA := make([]bool, len(outcomeSeq))
	for i, l := range c.listLabels(fOutcome) {
		isNFA[i] = strings.HasPrefix(strings.ToUpper(strings.TrimSpace(l)), "NFA")
	}
	rule := sequelRule{
		window: 3,
		self: func(e event, cl cluster) bool {
			return e.st == c.stMax && (e.start == cl.start || e.endRaw == cl.end)
		},
		breaks: func(e event) bool { return e.st == c.stMax && c.stMax >= 0 },
		rank: func(e event) int {
			if e.st >= 0 && int(e.st) < len(svcRank) {
				return svcRank[e.st]
			}
			return -1
		},
		nfa: func(e event) bool { return e.outcome >= 0 && int(e.outcome) < len(isNFA) && isNFA[e.outcome] },
	}
	ownOutcome := func(o int8) int {
		switch {
		case o == endedAsPlanned && o >= 0:
			return otherSeq
		case o >= 0 && int(o) < len(outcomeSeq) && outcomeSeq[o] >= 0:
			return outcomeSeq[o]
		}
		return unable
	}
	ageCols := []string{"18 to 64", "65 and over", "Under 18", "Age unknown", "Total"}
	t1 := newTable("STS002a T1", "ST-Max episodes of new clients ending in the period, by what followed", "episodes", "Sequel", seqRows, ageCols)
	t2 := newTable("STS002a T2", "How each episode's sequel was found", "episodes", "Sequel", seqRows, append(slices.Clone(foundLabels), "Total"))
	var sc stsScratch
	for p, pid := range ch.people {
		evs := ch.events[ch.starts[p]:ch.starts[p+1]]
		keep := func(e event) bool { return s1.stMax[[2]uint64{pid, uint64(uint32(e.start))}] }
		for _, cl := range c.stMaxClusters(&sc, x, step, evs, keep, outRank) {
			sf := findSequel(&sc, evs, cl, rule, c.stMax)
			row := unable
			switch sf.how {
			case foundService:
				if sf.service.st >= 0 && int(sf.service.st) < len(stSeq) && stSeq[sf.service.st] >= 0 {
					row = stSeq[sf.service.st]
				}
			case foundNFA:
				if sf.nfa == cInvalid {
					row = otherSeq
				} else {
					row = ownOutcome(sf.nfa)
				}
			case foundNoService:
				o := cl.outcome
				switch {
				case o >= 0 && int(o) < len(isNFA) && isNFA[o]:
					row = ownOutcome(o)
				case o == endedAsPlanned && o >= 0:
					row = otherSeq
				default:
					row = noService
				}
			default:
				row = ownOutcome(cl.outcome)
			}
			behind := sc.rows.join(cl.rows, sf.rows)
			col := 3
			if age, ok := f.ageOn(int(cl.chosen), f.end); ok {
				col = []int{0, 1, 2}[salBand(age)]
			}
			t1.addBoth(row, col, 4, pid, behind)
			t2.addBoth(row, sf.how, len(foundLabels), pid, behind)
		}
	}
	m := &Measure{ID: "STS002a", Name: "What followed short-term support to maximise independence (ST-Max) for new clients",
		Method: "SALT STS002a/STS002a replication code.txt", Source: c.m.Sources["nhse"],
		Notes: []string{"The episodes are the ST-Max services that STS001 found as the sequel to a new client's request, chained where one starts within a day of the end of another; the sequel is looked for in the events starting within 3 days of the episode's end.",
			"Early cessation of service cannot be derived from CLD (NHS England's note), so those SALT categories stay empty."}}
	for _, b := range []*tableBuilder{t1, t2} {
		b.share(base.list)
		b.share(x.list)
		m.Tables = append(m.Tables, b.done())
	}
	return m
}

func (c *ctx) sts002b() *Measure {
	step := "ST-Max episodes of existing clients ending in the period"
	ch, base := c.stsSubsetRows()
	x := newExclusions()
	b := newTable("STS002b", "ST-Max episodes of existing clients ending in the period (high-level total)", "episodes", "", []string{"ST-Max episodes of existing clients"}, []string{"Total"})
	noRank := func(int8) int { return 0 }
	var sc stsScratch
	for p, pid := range ch.people {
		evs := ch.events[ch.starts[p]:ch.starts[p+1]]
		lts := sc.lts[:0]
		for _, e := range evs {
			if c.lts.has(e.st) {
				lts = append(lts, e)
			}
		}
		sc.lts = lts
		for _, cl := range c.stMaxClusters(&sc, x, step, evs, func(event) bool { return true }, noRank) {
			existing := false
			for _, s := range lts {
				if cl.start >= s.start && (cl.start <= s.endRaw || !okDate(s.endRaw)) {
					existing = true
				}
			}
			if !existing {
				for _, r := range cl.rows {
					x.leave(step, ReasonCohort, "the person had no long-term service open when the episode started (a new client: see STS002a)", -1, r)
				}
				continue
			}
			b.add(0, 0, pid, cl.rows)
		}
	}
	b.share(base.list)
	b.share(x.list)
	t := b.done()
	return &Measure{ID: "STS002b", Name: "Short-term support to maximise independence (ST-Max) for existing clients (high-level total)",
		Method: "SALT STS002b/STS002b replication code.txt", Source: c.m.Sources["nhse"], Partial: true,
		Missing: "NHS England's code gives the high-level total only: the breakdown of STS002b needs the route of access, which CLD records on requests only.",
		Tables:  []*Table{t}}
}
