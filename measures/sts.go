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
	later := laterEvents(sc, evs, cl, rule)
	if len(later) == 0 {
		return sequelFound{how: foundNoChronology}
	}
	chain := sequelChain(sc, later, cl, rule)
	if len(chain) == 0 {
		return sequelFound{how: foundOutOfScope}
	}
	if sf, ok := serviceSequel(chain, rule, stMax); ok {
		return sf
	}
	return nfaSequel(chain, rule)
}

// laterEvents are the person's events starting on or after the cluster's
// end, the cluster itself aside (in sc's room).
func laterEvents(sc *stsScratch, evs []event, cl cluster, rule sequelRule) []event {
	later := sc.cand[:0]
	for _, e := range evs {
		if e.start >= cl.end && !rule.self(e, cl) {
			later = append(later, e)
		}
	}
	sc.cand = later
	return later
}

// sequelChain keeps, in place, the later events that form the chain. The
// methods' running minimums take events with the same start date
// together, so each group of equal starts is in or out as one: in while
// every event so far started within 3 days of the end of the one before
// (the first group: within the window of the cluster's end, or open), and
// no event of the cluster's kind has come.
func sequelChain(sc *stsScratch, later []event, cl cluster, rule sequelRule) []event {
	keep := slices.Grow(sc.keep[:0], len(later))[:len(later)]
	sc.keep = keep
	chainOK, scopeOK, noBreak := true, true, true
	for i := 0; i < len(later); {
		j := i + 1
		for j < len(later) && later[j].start == later[i].start {
			j++
		}
		linked, breaks := groupLinks(later, i, j, rule)
		chainOK = chainOK && linked
		noBreak = noBreak && !breaks
		scopeOK = scopeOK && groupInScope(later[i:j], i == 0, chainOK, cl, rule.window)
		for k := i; k < j; k++ {
			keep[k] = scopeOK && noBreak
		}
		i = j
	}
	kept := later[:0] // in place: a kept event never moves forward
	for k, e := range later {
		if keep[k] {
			kept = append(kept, e)
		}
	}
	return kept
}

// groupLinks reports whether each of the events later[i:j] (a group with
// one start date) starts within 3 days of the end of the event before it
// (linked), and whether one of them ends the chain (breaks).
func groupLinks(later []event, i, j int, rule sequelRule) (linked, breaks bool) {
	linked = true
	for k := i; k < j; k++ {
		if k > 0 && okDate(later[k-1].endRaw) && later[k].start-later[k-1].endRaw > 3 {
			linked = false
		}
		if rule.breaks(later[k]) {
			breaks = true
		}
	}
	return linked, breaks
}

// groupInScope reports whether a group of events is in the chain: while
// the chain holds (chainOK); the first group's events must also each be
// open or start within the window of the cluster's end.
func groupInScope(group []event, first, chainOK bool, cl cluster, window int32) bool {
	in := true
	for _, e := range group {
		ok := chainOK
		if first {
			switch {
			case !okDate(e.endRaw):
				ok = true
			case e.start-cl.end > window:
				ok = false
			}
		}
		in = in && ok
	}
	return in
}

// serviceSequel is the highest-ranking service in the chain, with the
// rows of every service of that rank and the ST-Max services among them;
// ok is false when the chain has no service that ranks.
func serviceSequel(chain []event, rule sequelRule, stMax int8) (sf sequelFound, ok bool) {
	best := -1
	for _, e := range chain {
		if r := rule.rank(e); r >= 0 && (best < 0 || r < best) {
			best, sf.service = r, e
		}
	}
	if best < 0 {
		return sequelFound{}, false
	}
	sf.how = foundService
	for _, e := range chain {
		if rule.rank(e) == best {
			sf.rows = append(sf.rows, e.row)
			if e.st == stMax && stMax >= 0 {
				sf.stMax = append(sf.stMax, e)
			}
		}
	}
	return sf, true
}

// nfaSequel is the latest usable NFA outcome in a chain with no service
// (cInvalid where the latest ones differ), or foundNoService when it has
// none.
func nfaSequel(chain []event, rule sequelRule) sequelFound {
	latest := dBlank
	found := false
	for _, e := range chain {
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
	sf := sequelFound{how: foundNFA, nfa: cBlank}
	for _, e := range chain {
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

// computeSTS001 follows NHS England's STS001 script: the events of service
// users in the period (sts001Chronology), the sequel categories
// (sts001Sequels) and route-of-access columns, then for each person their
// requests clustered, those of new clients kept and each one's sequel
// found and counted (sts001Count.person).
func (c *ctx) computeSTS001() *sts001Result {
	const step = "Requests for support from new clients ending in the period"
	x := newExclusions()
	ch := c.sts001Chronology(x, step)
	seq := c.sts001Sequels()
	roaCols, roaOf := c.routeOfAccessColumns(ch)
	ageCols := []string{"18 to 64", "65 and over", "Under 18", "Total"}
	k := &sts001Count{
		c: c, x: x, step: step, seq: seq, rule: seq.rule(), roaOf: roaOf, roaTotal: len(roaCols) - 1,
		byAge:   newTable("STS001 T1", "Requests for support from new clients, by what followed and age band", "requests", "Sequel", seq.rows, ageCols),
		byRoute: newTable("STS001 T2", "Requests for support from new clients, by what followed and route of access", "requests", "Sequel", seq.rows, roaCols),
		byHow:   newTable("STS001 T3", "How each request's sequel was found", "requests", "Sequel", seq.rows, append(slices.Clone(foundLabels), "Total")),
		res:     &sts001Result{stMax: map[[2]uint64]bool{}},
	}
	for p := range ch.people {
		k.person(ch, p)
	}
	m := &Measure{ID: "STS001", Name: "Requests for support received from new clients, by what followed (sequel), route of access and age band",
		Method: "SALT STS001/STS001 replication code.txt", Source: c.m.Sources["nhse"],
		Notes: []string{
			"Requests of one person within 4 days of each other are one request (NHS England's clustering); a request counts when it ends in the period and the person had no long-term service open when it started.",
			"The sequel is the highest-ranking service in the chain of events that follows within 28 days (each within 3 days of the one before), else the latest NFA or end-of-life outcome in it, else the request's own outcome.",
		}}
	for _, b := range []*tableBuilder{k.byAge, k.byRoute, k.byHow} {
		b.share(x.list)
		m.Tables = append(m.Tables, b.done())
	}
	k.res.m = m
	return k.res
}

// sts001Chronology is the events STS001 reads: service users' events
// starting by the period end, with a date of birth, of people alive at its
// start (the requests, and the chronology after them), by NHS England's
// person id. Only the requests' exclusions are shown.
func (c *ctx) sts001Chronology(x *exclusions, step string) *chronology {
	f := c.f
	events := set(0).with(int(c.request)).with(int(c.assessment)).with(int(c.service)).with(int(c.review))
	shown := func(r int32) bool { return f.lists[fEvent][r] == c.request }
	rows := make([]int32, 0, f.n)
	for r := 0; r < f.n; r++ {
		ex := x
		if !shown(int32(r)) {
			ex = nil
		}
		if !c.relevant(ex, step, r, -1, cond{fClient, set(0).with(int(c.serviceUser))}, cond{fEvent, events}) {
			continue
		}
		if !c.startsBy(ex, step, r, -1, f.end) || !c.hasBirth(ex, step, r, -1) || !c.aliveOn(ex, step, r, -1, f.start) {
			continue
		}
		rows = append(rows, int32(r))
	}
	return c.personChronology(x, step, rows, shown)
}

// personChronology orders rows into a chronology by NHS England's person
// id; rows without one are left out (recorded when shown says so).
func (c *ctx) personChronology(x *exclusions, step string, rows []int32, shown func(r int32) bool) *chronology {
	ids := c.hybridIDs(rows)
	k := 0
	for i, r := range rows {
		if ids[i] == 0 {
			if shown(r) {
				x.leave(step, ReasonNoPerson, c.noIDDetail(int(r)), -1, r)
			}
			continue
		}
		rows[k], ids[k] = r, ids[i]
		k++
	}
	return c.chronology(rows[:k], ids[:k])
}

// nhseOutcomeRank is NHS England's outcome hierarchy by list entry (lower
// first; 98 for an outcome it does not rank): it chooses a cluster's
// outcome among its latest-ending rows.
func (c *ctx) nhseOutcomeRank() func(o int8) int {
	hier := c.rv.rank("Event_Outcome", release(c.m.NHSEOutcomeHierarchy.Release), c.m.NHSEOutcomeHierarchy.Values, 98)
	return func(o int8) int {
		if o >= 0 && int(o) < len(hier) {
			return hier[o]
		}
		return 98
	}
}

// sts001Sequels is STS001's sequel categories in the file's list entries:
// the outcomes usable as a sequel, the services' ranking, and the table's
// rows (the service sequels, then the outcome sequels, then "Unable to
// classify").
type sts001Sequels struct {
	usable              []bool   // by outcome: usable as a sequel
	sequelOf            []string // by outcome: the sequel it means
	svcRank             []int    // by service type: its rank, which is its row (-1: not a sequel)
	outRank             func(o int8) int
	rows                []string
	unable, otherReason int // rows: unable to classify; conflicting outcomes
}

func (c *ctx) sts001Sequels() *sts001Sequels {
	outcomes := c.m.STS001Outcomes
	s := &sts001Sequels{usable: make([]bool, len(c.listLabels(fOutcome)))}
	s.sequelOf = make([]string, len(s.usable))
	for _, o := range outcomes.Rows {
		for _, i := range c.rv.indexes("Event_Outcome", release(outcomes.Release), o.Value) {
			if s.sequelOf[i] == "" {
				s.usable[i], s.sequelOf[i] = o.Usable, o.Sequel
			}
		}
	}
	s.outRank = c.nhseOutcomeRank()
	svcLabels := make([]string, len(c.m.STS001Services.Rows))
	for i, sv := range c.m.STS001Services.Rows {
		svcLabels[i] = sv.Value
	}
	s.svcRank = c.rv.rank("Service_Type", release(c.m.STS001Services.Release), svcLabels, -1)
	// The table's rows: the service sequels, then the outcome sequels.
	for _, sv := range c.m.STS001Services.Rows {
		s.rows = append(s.rows, sv.Sequel)
	}
	for _, o := range outcomes.Rows {
		if o.Usable && !slices.Contains(s.rows, o.Sequel) {
			s.rows = append(s.rows, o.Sequel)
		}
	}
	s.unable = len(s.rows)
	s.rows = append(s.rows, "Unable to classify")
	s.otherReason = s.rowOf("No Services Provided - other reason")
	return s
}

// rankST is a service type's rank (-1: not a sequel).
func (s *sts001Sequels) rankST(st int8) int {
	if st >= 0 && int(st) < len(s.svcRank) {
		return s.svcRank[st]
	}
	return -1
}

// isUsable reports whether an outcome can be a sequel.
func (s *sts001Sequels) isUsable(o int8) bool { return o >= 0 && int(o) < len(s.usable) && s.usable[o] }

// rowOf is a sequel's row.
func (s *sts001Sequels) rowOf(sequel string) int {
	if i := slices.Index(s.rows, sequel); i >= 0 {
		return i
	}
	return s.unable
}

// outcomeRow is the row of the sequel an outcome means.
func (s *sts001Sequels) outcomeRow(o int8) int {
	if s.isUsable(o) {
		return s.rowOf(s.sequelOf[o])
	}
	return s.unable
}

// rule is how STS001 looks for a request's sequel: within 28 days, until
// the next request.
func (s *sts001Sequels) rule() sequelRule {
	return sequelRule{
		window: 28,
		self: func(e event, cl cluster) bool {
			return e.isRequest && (e.start == cl.start || e.endRaw == cl.end)
		},
		breaks: func(e event) bool { return e.isRequest },
		rank:   func(e event) int { return s.rankST(e.st) },
		nfa:    func(e event) bool { return s.isUsable(e.outcome) },
	}
}

// row is the table row of what followed a request.
func (s *sts001Sequels) row(cl cluster, sf sequelFound) int {
	switch sf.how {
	case foundService:
		return s.rankST(sf.service.st)
	case foundNFA:
		if sf.nfa == cInvalid {
			return s.otherReason
		}
		return s.outcomeRow(sf.nfa)
	}
	return s.outcomeRow(cl.outcome)
}

// routeOfAccessColumns are STS001's route-of-access columns, the list or,
// where the release publishes none, the words the file's requests use;
// then "Blank or not valid" and "Total". of is a request's column.
func (c *ctx) routeOfAccessColumns(ch *chronology) (cols []string, of func(r int32) int) {
	f := c.f
	if fl := f.spec.Field("Request_Route_of_Access"); fl != nil && fl.HasPublishedList() {
		cols = c.listLabels(fROA)
		blank := len(cols)
		of = func(r int32) int {
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
						seen[t] = len(cols)
						cols = append(cols, t)
					}
				}
			}
		}
		blank := len(cols)
		of = func(r int32) int {
			if i, ok := seen[f.text(fROA, int(r))]; ok {
				return i
			}
			return blank
		}
	}
	return append(cols, "Blank or not valid", "Total"), of
}

// sts001Count counts STS001's requests, a person at a time, into its
// three tables.
type sts001Count struct {
	c                     *ctx
	x                     *exclusions
	step                  string
	seq                   *sts001Sequels
	rule                  sequelRule
	roaOf                 func(r int32) int
	roaTotal              int
	byAge, byRoute, byHow *tableBuilder
	res                   *sts001Result
	sc                    stsScratch
}

// person counts one person's requests: clustered (within 4 days of each
// other) and ending in the period; those of a new client (no long-term
// service open when the request started) counted under their sequel.
func (k *sts001Count) person(ch *chronology, p int) {
	f := k.c.f
	evs := ch.events[ch.starts[p]:ch.starts[p+1]]
	reqs, lts := k.requestsAndLTS(evs)
	if len(reqs) == 0 {
		return
	}
	outside := func(r int32) {
		k.x.leave(k.step, ReasonPeriod, "the request ends outside the period (or is open)", -1, r)
	}
	for _, cl := range clusters(&k.sc, reqs, 4, f.endsInPeriod, k.seq.outRank, true, outside) {
		if openAt(lts, cl.start) {
			for _, r := range cl.rows {
				k.x.leave(k.step, ReasonCohort, "the person was already receiving long-term support when the request started", -1, r)
			}
			continue
		}
		sf := findSequel(&k.sc, evs, cl, k.rule, k.c.stMax)
		k.count(ch.people[p], cl, sf)
	}
}

// requestsAndLTS are a person's requests and long-term services (in sc's
// room).
func (k *sts001Count) requestsAndLTS(evs []event) (reqs, lts []event) {
	reqs, lts = k.sc.reqs[:0], k.sc.lts[:0]
	for _, e := range evs {
		if e.isRequest {
			reqs = append(reqs, e)
		}
		if k.c.lts.has(e.st) {
			lts = append(lts, e)
		}
	}
	k.sc.reqs, k.sc.lts = reqs, lts
	return reqs, lts
}

// count counts a new client's request under its sequel, by age band,
// route of access and how the sequel was found; an ST-Max sequel joins
// STS002a's cohort.
func (k *sts001Count) count(pid uint64, cl cluster, sf sequelFound) {
	f := k.c.f
	row := k.seq.row(cl, sf)
	if sf.how == foundService {
		for _, e := range sf.stMax {
			k.res.stMax[[2]uint64{pid, uint64(uint32(e.start))}] = true
		}
	}
	behind := k.sc.rows.join(cl.rows, sf.rows)
	age, _ := f.ageOn(int(cl.chosen), f.end)
	k.byAge.addBoth(row, salBand(age), 3, pid, behind)
	k.byRoute.addBoth(row, k.roaOf(cl.chosen), k.roaTotal, pid, behind)
	k.byHow.addBoth(row, sf.how, len(foundLabels), pid, behind)
}

// openAt reports whether one of the long-term services was open on day
// (started by it, and ending on or after it or open).
func openAt(lts []event, day int32) bool {
	for _, s := range lts {
		if day >= s.start && (day <= s.endRaw || !okDate(s.endRaw)) {
			return true
		}
	}
	return false
}

// endsInPeriod reports whether an end date falls in the reporting period.
func (f *frame) endsInPeriod(end int32) bool { return end >= f.start && end <= f.end }

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
	return c.personChronology(x, step, rows, func(r int32) bool { return f.lists[fST][r] == c.stMax }), x
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
	return clusters(sc, sm, 1, f.endsInPeriod, rank, false, func(r int32) {
		x.leave(step, ReasonPeriod, "the ST-Max episode ends outside the period (or is open)", -1, r)
	})
}

// sts002a follows NHS England's STS002a script: the ST-Max episodes that
// followed a new client's request (STS001's cohort), chained and ending
// in the period, each counted under its sequel (sts002aSequels) by age
// band and by how it was found.
func (c *ctx) sts002a() *Measure {
	f := c.f
	step := "ST-Max for new clients after a request (STS001), ending in the period"
	s1 := c.sts001Run()
	ch, base := c.stsSubsetRows()
	x := newExclusions()
	seq := c.sts002aSequels()
	outRank := c.nhseOutcomeRank()
	rule := seq.rule(c.stMax)
	ageCols := []string{"18 to 64", "65 and over", "Under 18", "Age unknown", "Total"}
	t1 := newTable("STS002a T1", "ST-Max episodes of new clients ending in the period, by what followed", "episodes", "Sequel", seq.rows, ageCols)
	t2 := newTable("STS002a T2", "How each episode's sequel was found", "episodes", "Sequel", seq.rows, append(slices.Clone(foundLabels), "Total"))
	var sc stsScratch
	for p, pid := range ch.people {
		evs := ch.events[ch.starts[p]:ch.starts[p+1]]
		keep := func(e event) bool { return s1.stMax[[2]uint64{pid, uint64(uint32(e.start))}] }
		for _, cl := range c.stMaxClusters(&sc, x, step, evs, keep, outRank) {
			sf := findSequel(&sc, evs, cl, rule, c.stMax)
			row := seq.row(cl, sf)
			behind := sc.rows.join(cl.rows, sf.rows)
			col := 3
			if age, ok := f.ageOn(int(cl.chosen), f.end); ok {
				col = salBand(age)
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

// sts002aSequels is STS002a's sequel categories in the file's list
// entries: the sequel each outcome and service type means, the services'
// ranking, and the table's rows (the method's sequels in its order, then
// "No service found (unable to classify)" and "Unable to classify").
type sts002aSequels struct {
	rows              []string
	noService, unable int
	outcomeSeq, stSeq []int // by list entry: the row it means, -1 none
	svcRank           []int // by service type: its rank (-1: not a sequel)
	isNFA             []bool
	endedAsPlanned    int8
	otherSeq          int // the row of an ended-as-planned or conflicting outcome
}

func (c *ctx) sts002aSequels() *sts002aSequels {
	ref := c.m.STS002aSequels
	rel := release(ref.Release)
	s := &sts002aSequels{
		svcRank:   c.rv.rank("Service_Type", release(c.m.STS002aServices.Release), c.m.STS002aServices.Values, -1),
		rows:      append(slices.Clone(ref.Order), "No service found (unable to classify)", "Unable to classify"),
		noService: len(ref.Order), unable: len(ref.Order) + 1,
	}
	s.outcomeSeq = make([]int, len(c.listLabels(fOutcome)))
	for i := range s.outcomeSeq {
		s.outcomeSeq[i] = -1
	}
	s.stSeq = make([]int, len(c.listLabels(fST)))
	for i := range s.stSeq {
		s.stSeq[i] = -1
	}
	for _, r := range ref.Rows {
		pos := slices.Index(ref.Order, r.Sequel)
		for _, i := range c.rv.indexes("Event_Outcome", rel, r.Value) {
			if s.outcomeSeq[i] < 0 {
				s.outcomeSeq[i] = pos
			}
		}
		for _, i := range c.rv.indexes("Service_Type", rel, r.Value) {
			if s.stSeq[i] < 0 {
				s.stSeq[i] = pos
			}
		}
	}
	s.endedAsPlanned = int8(c.rv.one("Event_Outcome", rel, ref.EndedAsPlanned))
	s.otherSeq = slices.Index(ref.Order, ref.EndedAsPlannedSequel)
	s.isNFA = make([]bool, len(s.outcomeSeq))
	for i, l := range c.listLabels(fOutcome) {
		s.isNFA[i] = strings.HasPrefix(strings.ToUpper(strings.TrimSpace(l)), "NFA")
	}
	return s
}

// nfa reports whether an outcome is an NFA outcome.
func (s *sts002aSequels) nfa(o int8) bool { return o >= 0 && int(o) < len(s.isNFA) && s.isNFA[o] }

// rule is how STS002a looks for an episode's sequel: within 3 days, until
// the next ST-Max service.
func (s *sts002aSequels) rule(stMax int8) sequelRule {
	return sequelRule{
		window: 3,
		self: func(e event, cl cluster) bool {
			return e.st == stMax && (e.start == cl.start || e.endRaw == cl.end)
		},
		breaks: func(e event) bool { return e.st == stMax && stMax >= 0 },
		rank: func(e event) int {
			if e.st >= 0 && int(e.st) < len(s.svcRank) {
				return s.svcRank[e.st]
			}
			return -1
		},
		nfa: func(e event) bool { return s.nfa(e.outcome) },
	}
}

// ownOutcome is the row of the sequel an outcome means.
func (s *sts002aSequels) ownOutcome(o int8) int {
	switch {
	case o == s.endedAsPlanned && o >= 0:
		return s.otherSeq
	case o >= 0 && int(o) < len(s.outcomeSeq) && s.outcomeSeq[o] >= 0:
		return s.outcomeSeq[o]
	}
	return s.unable
}

// row is the table row of what followed an episode.
func (s *sts002aSequels) row(cl cluster, sf sequelFound) int {
	switch sf.how {
	case foundService:
		if st := sf.service.st; st >= 0 && int(st) < len(s.stSeq) && s.stSeq[st] >= 0 {
			return s.stSeq[st]
		}
		return s.unable
	case foundNFA:
		if sf.nfa == cInvalid {
			return s.otherSeq
		}
		return s.ownOutcome(sf.nfa)
	case foundNoService:
		switch o := cl.outcome; {
		case s.nfa(o):
			return s.ownOutcome(o)
		case o == s.endedAsPlanned && o >= 0:
			return s.otherSeq
		}
		return s.noService
	}
	return s.ownOutcome(cl.outcome)
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
			if !openAt(lts, cl.start) {
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
