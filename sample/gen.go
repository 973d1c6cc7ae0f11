package sample

import (
	"fmt"
	"slices"
	"strconv"

	"cldvalidator/validation"
)

// Client types and event types, as the generator thinks of them. Labels are
// written in Release 1 spelling and translated when the row is built.
const (
	clServiceUser = iota
	clCarer
	clCarerByAssociation
)

const (
	evNone = iota
	evRequest
	evAssessment
	evService
	evReview
)

var clientLabels = [...]string{"Service User", "Carer", "Carer known by association"}
var eventLabels = [...]string{"", "Request", "Assessment", "Service", "Review"}
var refPrefix = [...]string{"", "REQ", "ASM", "SVC", "REV"}

// Release 1 labels the generator relies on.
const (
	psrCarer          = "Social Support: Support to Carer"
	psrLD             = "Learning Disability Support"
	psrMH             = "Mental Health Support"
	psrMemory         = "Support with Memory & Cognition"
	outOpen           = "Provision of service"
	outDeceased       = "NFA - Deceased"
	outEnded          = "Service ended as planned"
	outToAssessment   = "Progress to Assessment"
	outToReablement   = "Progress to Reablement/ST-Max"
	outToPlanning     = "Progress to Support Planning / Services"
	outToReassessment = "Progress to Re-assessment / Unplanned Review"
	outToFinancial    = "Progress to financial assessment"
	outNoChange       = "No change in package"
	outInfoAdvice     = "NFA - Information & Advice / Signposting only"
	outAdmitted       = "Admitted to hospital"
	dmDirectPayment   = "Direct Payment"
	dmManagedPB       = "CASSR Managed Personal Budget"
	dmCommissioned    = "CASSR Commissioned Support"
	assessFinancial   = "Financial Assessment"
	assessLongTerm    = "Long Term Assessment"
	assessShortTerm   = "Short Term Assessment"
	reasonPlanned     = "Planned"
	stLTCommunity     = "Long Term Support: Community"
	stLTResidential   = "Long Term Support: Residential Care"
	stLTNursing       = "Long Term Support: Nursing Care"
	stLTPrison        = "Long Term Support: Prison"
	stSTMax           = "Short Term Support: ST-Max"
	stLowLevel        = "Short Term Support: Ongoing Low Level"
	stOtherShort      = "Short Term Support: Other Short Term"
	stCarerDirect     = "Carer Support: Direct to Carer"
	stCarerInvolving  = "Carer Support: Support involving the person cared-for"
	routeHospital     = "Discharge from Hospital"
	routeCommunity    = "Community / Other route"
)

// person is one individual: a service user, a carer or a carer known by
// association, with everything that is the same on all of their rows.
type person struct {
	id, nhs     string
	nhsText     bool // written as a text cell in .xlsx
	first, last string
	names       *nameSet
	gp          *gpPractice
	gender, eth string
	dob, dod    int // dod 0: alive
	age         int // at the end of the reporting period
	client      int
	psr         string
	postcode    string
	accom       string // community accommodation (replaced by the care setting)
	employ      string
	hasCarer    string
	asd, visual string
	hearing     string
	dementia    string
	cfs         string
	psrOnReq    bool // Primary Support Reason recorded on requests
	caredFor    int
	linked      []string
	events      []event
	carers      []*person
}

// event is one request, assessment, service or review.
type event struct {
	typ        int
	start, end int // end 0: open service
	outcome    string
	desc       string
	route      string
	assessType string
	method     string
	eligible   string
	svcType    string
	component  string
	delivery   string
	prov       provider
	costP      int // unit cost in pence, 0: blank
	freq       string
	unitsC     int // planned units per week in hundredths, 0: blank
	reason     string
	roa        string
	revMethod  string
	cfs        bool // write Client Funding Status where it is optional
}

// row is one generated spreadsheet row and what the error seeder needs to
// know about it.
type row struct {
	cells   []string
	num     int // spreadsheet row
	client  int
	typ     int
	nhsText bool
	pRows   int  // the person's rows
	pIdx    int  // this row's place among them
	linked  bool // a carer in the file links to this person
}

// cols are the column positions of the fields (the template order, which
// is the specification's field order).
type cols struct {
	LACode, RPStart, RPEnd, NHS, LAID, First, Last, GPName, GPCode, Gender, Eth, DOB, DOD, Client, PSR,
	Postcode, Accom, Employ, HasCarer, ASD, Visual, Hearing, Dementia, CFS, EvType, EvRef, ESD, EED, Desc,
	Outcome, Route, AssessType, Eligible, MethodAssess, HrsCaring, NoAdults, Linked1, Linked2, Linked3,
	SvcType, Component, Delivery, ProvName, ProvID, ReviewReason, ROA, MethodReview, UnitCost, Freq, Units int
}

func resolveCols(s *validation.Spec) (cols, error) {
	var c cols
	var missing []string
	get := func(key string) int {
		f := s.Field(key)
		if f == nil {
			missing = append(missing, key)
			return -1
		}
		return f.Index
	}
	c = cols{
		LACode: get("LA_Code"), RPStart: get("Reporting_Period_Start_Date"), RPEnd: get("Reporting_Period_End_Date"),
		NHS: get("NHS_Number"), LAID: get("LA_Person_Unique_Identifier"), First: get("First_Name"), Last: get("Last_Name"),
		GPName: get("GP_Practice_Name"), GPCode: get("GP_Practice_Code"), Gender: get("Gender"), Eth: get("Ethnicity"),
		DOB: get("Date_of_Birth"), DOD: get("Date_of_Death"), Client: get("Client_Type"), PSR: get("Primary_Support_Reason"),
		Postcode: get("Postcode"), Accom: get("Accommodation_Status"), Employ: get("Employment_Status"),
		HasCarer: get("Has_Unpaid_Carer"), ASD: get("Autism_Spectrum_Disorder_ASD"), Visual: get("Visual_Impairment"),
		Hearing: get("Hearing_Impairment"), Dementia: get("Dementia"), CFS: get("Client_Funding_Status"),
		EvType: get("Event_Type"), EvRef: get("Event_Reference"), ESD: get("Event_Start_Date"), EED: get("Event_End_Date"),
		Desc: get("Event_Description"), Outcome: get("Event_Outcome"), Route: get("Request_Route_of_Access"),
		AssessType: get("Assessment_Type"), Eligible: get("Eligible_Needs_Identified"), MethodAssess: get("Method_of_Assessment"),
		HrsCaring: get("Total_Hrs_Caring_per_week"), NoAdults: get("No_of_adults_being_cared_for"),
		Linked1: get("Adult_1_Linked_Person_ID"), Linked2: get("Adult_2_Linked_Person_ID"), Linked3: get("Adult_3_Linked_Person_ID"),
		SvcType: get("Service_Type"), Component: get("Service_Component"), Delivery: get("Delivery_Mechanism"),
		ProvName: get("Provider_CQC_Location_Name"), ProvID: get("Provider_CQC_Location_ID"), ReviewReason: get("Review_Reason"),
		ROA: get("Review_Outcomes_Achieved"), MethodReview: get("Method_of_Review"), UnitCost: get("Unit_Cost"),
		Freq: get("Cost_Frequency_Unit_Type"), Units: get("Planned_units_per_week"),
	}
	if len(missing) > 0 {
		return c, fmt.Errorf("sample: the %s specification has no field %v", s.Release, missing)
	}
	return c, nil
}

// gen produces rows one at a time, a household (service user and carers)
// at a time.
type gen struct {
	opts                           Options
	spec                           *validation.Spec
	col                            cols
	headers                        []string
	dataRNG, errRNG                *rng // the data, and the seeded errors
	periodStart, periodEnd         int  // days
	periodStartText, periodEndText string
	laCode                         string
	translate                      map[string]map[string]string // R1 label → this release's label (R2)
	direct                         map[string]map[string]bool   // R1 label translated without a fallback
	canFinancial                   bool
	nhsN                           uint64
	nhsOffset                      uint64
	nextID                         int
	refN                           int
	queue                          []*row
	queuePos                       int
	emitted                        int
	errN                           int
	errDone                        int
	kindCount                      map[string]int
	truth                          *Truth
	seeder                         *errorSeeder
}

func newGen(o Options) (*gen, error) {
	s, err := validation.LoadSpec(o.Release)
	if err != nil {
		return nil, err
	}
	c, err := resolveCols(s)
	if err != nil {
		return nil, err
	}
	seed := uint64(o.Seed)
	g := &gen{
		opts:    o,
		spec:    s,
		col:     c,
		headers: s.Headers(),
		dataRNG: newRNG(seed),
		errRNG:  newRNG(seed ^ 0x5eed_e7707_ba5e),
		laCode:  "503",
		truth: &Truth{Release: string(o.Release), Rows: o.Rows, Seed: o.Seed, ErrorRate: o.ErrorRate,
			Errors: []SeededError{}},
		kindCount: map[string]int{},
	}
	y, m, d := o.PeriodEnd.Date()
	g.periodEnd = fromCivil(y, int(m), d)
	ny, nm, nd := civil(g.periodEnd + 1)
	if nd != 1 || (nm-1)%3 != 0 {
		return nil, fmt.Errorf("sample: the period end %s is not the last day of a quarter", fmtDate(g.periodEnd))
	}
	g.periodStart = fromCivil(ny-1, nm, 1)
	g.periodStartText, g.periodEndText = fmtDate(g.periodStart), fmtDate(g.periodEnd)
	if err := g.buildTranslation(); err != nil {
		return nil, err
	}
	g.canFinancial = g.has("Assessment_Type", assessFinancial)
	g.nhsOffset = g.dataRNG.u64() % 400000000
	g.nextID = 1000 + g.dataRNG.intn(9000)
	g.errN = int(o.ErrorRate*float64(o.Rows) + 0.5)
	if g.errN > 0 {
		if g.seeder, err = newErrorSeeder(g); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// Release 2 labels: R1 values are translated through the specification's
// r1_to_r2 table, for fields that have a Release 2 list. A value with no
// equivalent falls back to the nearest sensible R1 value, then to the first
// verified Release 2 value.
var r2Fallback = map[string]map[string]string{
	"Event_Outcome": {
		outToFinancial:                 outToPlanning,
		"Progress to End of Life Care": outToPlanning,
	},
}

func (g *gen) buildTranslation() error {
	if g.spec.Release != validation.R2 {
		return nil
	}
	r1, err := validation.LoadSpec(validation.R1)
	if err != nil {
		return err
	}
	g.translate = map[string]map[string]string{}
	g.direct = map[string]map[string]bool{}
	for _, f1 := range r1.Fields {
		f2 := g.spec.Field(f1.Key)
		if !f1.HasPublishedList() || f2 == nil || !f2.HasPublishedList() {
			continue
		}
		in2 := map[string]bool{}
		for _, v := range f2.Values {
			in2[v.Value] = true
		}
		m, d := map[string]string{}, map[string]bool{}
		for _, v := range f1.Values {
			if t := g.spec.ToR2(f1.Key, v.Value); in2[t] {
				m[v.Value], d[v.Value] = t, true
			}
		}
		for _, v := range f1.Values {
			if _, ok := m[v.Value]; ok {
				continue
			}
			if fb, ok := r2Fallback[f1.Key][v.Value]; ok && m[fb] != "" {
				m[v.Value] = m[fb]
				continue
			}
			m[v.Value] = f2.Values[0].Value
			for _, v2 := range f2.Values {
				if v2.Verified {
					m[v.Value] = v2.Value
					break
				}
			}
		}
		g.translate[f1.Key], g.direct[f1.Key] = m, d
	}
	return nil
}

// l writes a Release 1 label in the release's spelling.
func (g *gen) l(key, v string) string {
	if g.translate == nil || v == "" {
		return v
	}
	if m, ok := g.translate[key]; ok {
		if t, ok := m[v]; ok {
			return t
		}
	}
	return v
}

// has reports whether a Release 1 value has a true equivalent in the release.
func (g *gen) has(key, v string) bool {
	if g.direct == nil {
		return true
	}
	d, ok := g.direct[key]
	return !ok || d[v]
}

// next returns the next data row, or nil after the last.
func (g *gen) next() *row {
	if g.emitted >= g.opts.Rows {
		return nil
	}
	for g.queuePos >= len(g.queue) {
		g.queue = g.household(g.queue[:0])
		g.queuePos = 0
	}
	r := g.queue[g.queuePos]
	g.queue[g.queuePos] = nil
	g.queuePos++
	r.num = g.emitted + 2
	// Selection sampling: exactly errN of the Rows rows get an error, each
	// set of rows equally likely.
	if need := g.errN - g.errDone; need > 0 && g.errRNG.intn(g.opts.Rows-g.emitted) < need {
		if se, ok := g.seeder.seed(r); ok {
			g.truth.Errors = append(g.truth.Errors, se)
			g.errDone++
		}
	}
	g.emitted++
	return r
}

// People.

func (g *gen) household(out []*row) []*row {
	p := g.newServiceUser()
	g.serviceUserEvents(p)
	out = g.personRows(out, p)
	for _, c := range p.carers {
		out = g.personRows(out, c)
	}
	return out
}

var olderAgeBands = []wv{{"65", 23}, {"75", 36}, {"85", 37}, {"95", 4}}
var youngerAgeBands = []wv{{"19", 20}, {"30", 25}, {"45", 55}}
var bandWidth = map[string]int{"65": 9, "75": 9, "85": 9, "95": 6, "19": 10, "30": 14, "45": 19}

var psrYounger = []wv{
	{psrLD, 330}, {psrMH, 220}, {"Physical Support: Personal care support", 220},
	{"Physical Support: Access & mobility only", 60}, {psrMemory, 30}, {"Social Support: Substance misuse support", 40},
	{"Social Support: Support for Social Isolation/Other", 40}, {"Sensory Support: Support for visual impairment", 20},
	{"Sensory Support: Support for hearing impairment", 10}, {"Sensory Support: Support for dual impairment", 5},
	{"Social Support: Asylum seeker support", 8}, {"Unknown", 10},
}
var psrOlder = []wv{
	{"Physical Support: Personal care support", 520}, {"Physical Support: Access & mobility only", 100},
	{psrMemory, 220}, {psrMH, 50}, {"Social Support: Support for Social Isolation/Other", 40},
	{"Sensory Support: Support for visual impairment", 30}, {"Sensory Support: Support for hearing impairment", 20},
	{"Sensory Support: Support for dual impairment", 10}, {psrLD, 10},
}

func (g *gen) newServiceUser() *person {
	r := g.dataRNG
	p := &person{client: clServiceUser}
	older := r.chance(0.72)
	bands, psrs := youngerAgeBands, psrYounger
	if older {
		bands, psrs = olderAgeBands, psrOlder
	}
	b := pickW(r, bands)
	lo, _ := strconv.Atoi(b)
	age := lo + r.intn(bandWidth[b]+1)
	gender := pickW(r, []wv{{"Female", 620}, {"Male", 376}, {"Other", 2}, {"Unknown", 2}})
	if !older {
		gender = pickW(r, []wv{{"Male", 520}, {"Female", 476}, {"Other", 2}, {"Unknown", 2}})
	}
	g.basePerson(p, age, gender, nil)
	p.psr = pickW(r, psrs)
	p.psrOnReq = r.chance(0.5)
	switch {
	case p.age <= 64 && p.psr == psrLD:
		p.employ = pickW(r, []wv{{"Not in Paid Employment (not actively seeking work / retired)", 50},
			{"Paid: Less than 16 hours a week", 14}, {"Paid: 16 or more hours a week", 5},
			{"Not in Paid Employment (voluntary work only)", 9}, {"Not in Paid Employment (seeking work)", 8},
			{"Paid: Hours per week unknown", 2}, {"Unknown", 12}})
	case p.age <= 64:
		p.employ = pickW(r, []wv{{"Not in Paid Employment (not actively seeking work / retired)", 48},
			{"Not in Paid Employment (seeking work)", 14}, {"Paid: Less than 16 hours a week", 9},
			{"Paid: 16 or more hours a week", 8}, {"Paid: Hours per week unknown", 3},
			{"Not in Paid Employment (voluntary work only)", 4}, {"Unknown", 14}})
	case r.chance(0.3):
		p.employ = "Not in Paid Employment (not actively seeking work / retired)"
	}
	p.hasCarer = pickW(r, []wv{{"Yes", 38}, {"No", 62}})
	switch p.psr {
	case "Sensory Support: Support for visual impairment":
		p.visual = pickW(r, []wv{{"Blind/severely sight impaired", 55}, {"Partial sight/sight impaired", 45}})
		p.hearing = pickW(r, []wv{{"", 60}, {"No hearing impairment", 30}, {"Hard of hearing", 10}})
	case "Sensory Support: Support for hearing impairment":
		p.hearing = pickW(r, []wv{{"Deaf with speech", 30}, {"Deaf without speech", 15}, {"Hard of hearing", 55}})
		p.visual = pickW(r, []wv{{"", 60}, {"No visual impairment", 40}})
	case "Sensory Support: Support for dual impairment":
		p.visual = pickW(r, []wv{{"Blind/severely sight impaired", 40}, {"Partial sight/sight impaired", 60}})
		p.hearing = pickW(r, []wv{{"Deaf with speech", 40}, {"Hard of hearing", 60}})
	default:
		p.visual = pickW(r, []wv{{"", 45}, {"No visual impairment", 45}, {"Partial sight/sight impaired", 4},
			{"Visual impairment - severity unknown", 2}, {"Unknown", 4}})
		if r.chance(0.3) {
			p.hearing = pickW(r, []wv{{"No hearing impairment", 70}, {"Hard of hearing", 25}, {"Hearing impairment: Severity unknown", 5}})
		}
	}
	if p.psr == psrMemory && r.chance(0.7) {
		p.dementia = "Yes"
	}
	if p.psr == psrLD && r.chance(0.25) {
		p.asd = "Yes"
	}
	p.cfs = pickW(r, []wv{{"Joint Client and Social Care Funded", 46}, {"Fully Social Care Funded", 36},
		{"18(3) (full cost client)", 6}, {"Unknown - Individual Level", 12}})
	p.accom = g.communityAccommodation(p)
	return p
}

func (g *gen) communityAccommodation(p *person) string {
	r := g.dataRNG
	switch {
	case p.client != clServiceUser:
		return pickW(r, []wv{{"Owner occupier or shared ownership scheme", 52}, {"Tenant", 18},
			{"Tenant - private landlord", 11}, {"Settled mainstream housing with family / friends", 14},
			{"Sheltered housing / extra care housing / other sheltered housing", 2}, {"Unknown", 3}})
	case p.client == clServiceUser && p.psr == psrLD:
		return pickW(r, []wv{{"Settled mainstream housing with family / friends", 45}, {"Tenant", 18},
			{"Tenant - private landlord", 6}, {"Owner occupier or shared ownership scheme", 4},
			{"Supported accommodation / supported lodgings / supported group home", 22}, {"Unknown", 3},
			{"Staying with family / friends as a short-term guest", 2}})
	case p.client == clServiceUser && (p.psr == "Social Support: Substance misuse support" || p.psr == "Social Support: Asylum seeker support"):
		return pickW(r, []wv{{"Tenant", 30}, {"Tenant - private landlord", 20},
			{"Night shelter / emergency hostel / direct access hostel", 12}, {"Rough sleeper / squatting", 6},
			{"Placed in temporary accommodation by the council (inc. homelessness resettlement)", 12},
			{"Other temporary accommodation", 8}, {"Refuge", 2}, {"Unknown", 10}})
	case p.age >= 65:
		return pickW(r, []wv{{"Owner occupier or shared ownership scheme", 46}, {"Tenant", 22},
			{"Tenant - private landlord", 6}, {"Settled mainstream housing with family / friends", 9},
			{"Sheltered housing / extra care housing / other sheltered housing", 12}, {"Unknown", 2},
			{"Staying with family / friends as a short-term guest", 1}, {"Other temporary accommodation", 1},
			{"Mobile accommodation for Gypsy / Roma and Traveller communities", 1}})
	}
	return pickW(r, []wv{{"Tenant", 32}, {"Tenant - private landlord", 18}, {"Owner occupier or shared ownership scheme", 18},
		{"Settled mainstream housing with family / friends", 18},
		{"Supported accommodation / supported lodgings / supported group home", 6},
		{"Placed in temporary accommodation by the council (inc. homelessness resettlement)", 2},
		{"Approved premises for offenders released from prison or under probation supervision", 1},
		{"Other temporary accommodation", 2}, {"Unknown", 3}})
}

// basePerson fills the details every person has. like, when set, is a
// relative whose ethnicity, surname and address are shared.
func (g *gen) basePerson(p *person, age int, gender string, like *person) {
	r := g.dataRNG
	p.age = age
	hi := addYears(g.periodEnd, -age)       // born on this day: exactly age on the period end
	lo := addYears(g.periodEnd, -age-1) + 1 // one day older would be age+1
	p.dob = lo + r.intn(hi-lo+1)
	p.gender = gender
	if like != nil {
		p.eth, p.names, p.postcode, p.gp = like.eth, like.names, like.postcode, like.gp
		p.last = like.last
	} else {
		total := 0
		for _, e := range ethnicities {
			total += e.w
		}
		n := r.intn(total)
		for i := range ethnicities {
			if n < ethnicities[i].w {
				p.eth, p.names = ethnicities[i].label, ethnicities[i].names
				break
			}
			n -= ethnicities[i].w
		}
		p.last = pick(r, p.names.surnames)
		p.postcode = g.postcode()
		if r.chance(0.94) {
			p.gp = &gpPractices[r.intn(len(gpPractices))]
		}
	}
	by, _, _ := civil(p.dob)
	old := by < 1965
	female := gender == "Female" || (gender != "Male" && r.chance(0.5))
	switch {
	case female && old:
		p.first = pick(r, p.names.femaleOld)
	case female:
		p.first = pick(r, p.names.femaleYoung)
	case old:
		p.first = pick(r, p.names.maleOld)
	default:
		p.first = pick(r, p.names.maleYoung)
	}
	p.nhs = g.nhsNumber()
	p.nhsText = r.chance(0.15)
	g.nextID += 1 + r.intn(9)
	p.id = fmt.Sprintf("P%07d", g.nextID)
}

func (g *gen) postcode() string {
	r := g.dataRNG
	return fmt.Sprintf("%s %d%c%c", pickW(r, outwardCodes), 1+r.intn(9),
		inwardLetters[r.intn(len(inwardLetters))], inwardLetters[r.intn(len(inwardLetters))])
}

// nhsNumber returns a new, valid NHS Number: ten digits, the first 4 to 7,
// the last the modulus 11 check digit. Numbers walk a permutation of the
// 400,000,000 nine-digit stems, so no two people share one.
func (g *gen) nhsNumber() string {
	for {
		g.nhsN++
		stem := 400000000 + (g.nhsN*387420489+g.nhsOffset)%400000000
		s := strconv.FormatUint(stem, 10)
		check, ok := nhsCheckDigit(s)
		if !ok {
			continue
		}
		n := s + string(rune('0'+check))
		same := true
		for i := 1; i < 10; i++ {
			same = same && n[i] == n[0]
		}
		if !same {
			return n
		}
	}
}

// nhsCheckDigit computes the modulus 11 check digit of a nine-digit stem;
// ok is false when the check would be 10 (no valid number).
func nhsCheckDigit(stem string) (int, bool) {
	sum := 0
	for i := 0; i < 9; i++ {
		sum += int(stem[i]-'0') * (10 - i)
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	return check, check != 10
}

// Services.

// service makes a service event of a kind ("home", "dp", "res", …) for a
// person: its type, component, delivery, provider, costs and description;
// dates and outcome are set by the caller.
func (g *gen) service(kind string, p *person) event {
	b := &serviceBuilder{r: g.dataRNG, ev: event{typ: evService}}
	if !b.longTerm(kind, p) && !b.shortTerm(kind) && !b.carer(kind) {
		panic("sample: unknown service kind " + kind)
	}
	return b.ev
}

// serviceBuilder fills in one service event.
type serviceBuilder struct {
	r  *rng
	ev event
}

// prov names a provider, with probability p.
func (b *serviceBuilder) prov(ps []provider, p float64) {
	if b.r.chance(p) {
		b.ev.prov = pick(b.r, ps)
	}
}

// cost fills the cost fields; when the service is commissioned by the
// council (no cost needed), often leave them blank.
func (b *serviceBuilder) cost(freq string, lo, hi int, units int) {
	if b.ev.delivery == dmCommissioned && b.r.chance(0.3) {
		return
	}
	b.ev.freq, b.ev.costP, b.ev.unitsC = freq, b.r.between(lo, hi), units
}

// longTerm fills a long-term service; false for another kind.
func (b *serviceBuilder) longTerm(kind string, p *person) bool {
	r := b.r
	switch kind {
	case "home":
		b.ev.svcType, b.ev.component = stLTCommunity, "Home Support"
		b.ev.delivery = pickW(r, []wv{{dmCommissioned, 45}, {dmManagedPB, 45}, {"", 10}})
		b.prov(homeCareProviders, 0.95)
		b.cost("Hourly", 2150, 2795, pick(r, []int{350, 525, 700, 875, 1050, 1225, 1400, 1750, 2100, 2450, 2800}))
		b.ev.desc = pickW(r, []wv{{"Home care, 1 call a day", 2}, {"Home care, 2 calls a day", 3}, {"Home care, 4 calls a day", 2},
			{"Domiciliary care package", 3}, {"", 6}})
	case "dp":
		b.ev.svcType, b.ev.component, b.ev.delivery = stLTCommunity, "Direct Payment", dmDirectPayment
		if b.r.chance(0.6) {
			b.cost("Weekly", 9000, 52000, 100)
		} else {
			b.cost("Hourly", 1500, 1850, 100*r.between(6, 30)+50*b.r.intn(2))
		}
		b.ev.desc = pickW(r, []wv{{"Direct payment, personal assistant", 3}, {"Direct payment", 3}, {"", 5}})
	case "res":
		b.ev.svcType, b.ev.component = stLTResidential, "Long Term Residential Care"
		b.ev.delivery = pickW(r, []wv{{dmCommissioned, 55}, {dmManagedPB, 40}, {"", 5}})
		b.prov(careHomeProviders, 0.97)
		if p.age < 65 {
			b.cost("Weekly", 110000, 260000, 100)
		} else {
			b.cost("Weekly", 72000, 118000, 100)
		}
		b.ev.desc = pickW(r, []wv{{"Permanent residential placement", 4}, {"", 5}})
	case "nursing":
		b.ev.svcType, b.ev.component = stLTNursing, "Long Term Nursing Care"
		b.ev.delivery = pickW(r, []wv{{dmCommissioned, 55}, {dmManagedPB, 40}, {"", 5}})
		b.prov(nursingHomeProviders, 0.97)
		b.cost("Weekly", 92000, 145000, 100)
		b.ev.desc = pickW(r, []wv{{"Permanent nursing placement", 4}, {"", 5}})
	case "sl":
		b.ev.svcType, b.ev.component = stLTCommunity, "Community Supported Living"
		b.ev.delivery = pickW(r, []wv{{dmCommissioned, 50}, {dmManagedPB, 40}, {"", 10}})
		b.prov(supportedLivingProviders, 0.95)
		b.cost("Hourly", 1950, 2450, 100*b.r.between(15, 70))
		b.ev.desc = pickW(r, []wv{{"Supported living", 4}, {"Supported living, shared tenancy", 2}, {"", 5}})
	case "shared":
		b.ev.svcType, b.ev.component = stLTCommunity, "Shared Lives"
		b.ev.delivery = pickW(r, []wv{{dmCommissioned, 40}, {dmManagedPB, 60}})
		b.prov(sharedLivesProviders, 0.9)
		b.cost("Weekly", 32000, 62000, 100)
		b.ev.desc = pickW(r, []wv{{"Shared Lives long-term arrangement", 3}, {"", 5}})
	case "day":
		b.ev.svcType, b.ev.component = stLTCommunity, "Day Support"
		b.ev.delivery = pickW(r, []wv{{dmCommissioned, 50}, {dmManagedPB, 40}, {"", 10}})
		b.prov(dayProviders, 0.9)
		days := b.r.between(1, 5)
		b.cost("Per session", 3500, 7800, 100*days)
		b.ev.desc = pickW(r, []wv{{fmt.Sprintf("Day opportunities, %d days a week", days), 4}, {"", 5}})
	case "extra":
		b.ev.svcType, b.ev.component = stLTCommunity, "Extra care housing"
		b.ev.delivery = pickW(r, []wv{{dmCommissioned, 60}, {dmManagedPB, 40}})
		b.prov(extraCareProviders, 0.95)
		b.cost("Hourly", 2000, 2500, pick(r, []int{350, 525, 700, 1050, 1400}))
		b.ev.desc = pickW(r, []wv{{"Extra care, care hours", 3}, {"", 5}})
	case "prison":
		b.ev.svcType, b.ev.component, b.ev.delivery = stLTPrison, "Other Long Term Support", dmCommissioned
		b.ev.desc = "Social care support in prison"
	default:
		return false
	}
	return true
}

// shortTerm fills a short-term service; false for another kind.
func (b *serviceBuilder) shortTerm(kind string) bool {
	r := b.r
	switch kind {
	case "stmax":
		b.ev.svcType, b.ev.component, b.ev.delivery = stSTMax, "Reablement", dmCommissioned
		b.prov(reablementProviders, 0.8)
		b.ev.desc = pickW(r, []wv{{"Reablement after hospital discharge", 3}, {"Reablement", 3}, {"", 4}})
	case "equipment":
		b.ev.svcType, b.ev.component, b.ev.delivery = stLowLevel, "Equipment", dmCommissioned
		b.prov(equipmentProviders, 0.7)
		b.ev.desc = pickW(r, []wv{{"Community equipment", 3}, {"Equipment: bath lift", 1}, {"Equipment: grab rails, commode", 1},
			{"Telecare", 2}, {"", 4}})
	case "respite":
		b.ev.svcType, b.ev.component = stOtherShort, "Short Term Residential Care"
		b.ev.delivery = pickW(r, []wv{{dmCommissioned, 40}, {dmManagedPB, 50}, {"", 10}})
		b.prov(careHomeProviders, 0.95)
		if b.r.chance(0.7) {
			b.cost("Weekly", 68000, 95000, 100)
		} else {
			b.cost("Daily", 9500, 13500, 700)
		}
		b.ev.desc = pickW(r, []wv{{"Respite stay", 3}, {"Short stay, step-down from hospital", 2}, {"", 4}})
	case "stnursing":
		b.ev.svcType, b.ev.component = stOtherShort, "Short Term Nursing Care"
		b.ev.delivery = pickW(r, []wv{{dmCommissioned, 50}, {dmManagedPB, 50}})
		b.prov(nursingHomeProviders, 0.95)
		b.cost("Weekly", 90000, 130000, 100)
		b.ev.desc = pickW(r, []wv{{"Interim nursing placement", 3}, {"", 4}})
	default:
		return false
	}
	return true
}

// carer fills a service for a carer; false for another kind.
func (b *serviceBuilder) carer(kind string) bool {
	r := b.r
	switch kind {
	case "carerdp":
		b.ev.svcType, b.ev.component, b.ev.delivery = stCarerDirect, "Direct Payment", dmDirectPayment
		b.cost("One-off", 15000, 60000, 100)
		b.ev.desc = pickW(r, []wv{{"Carer's direct payment", 3}, {"Carer's personal budget, one-off", 2}, {"", 4}})
	case "carerweekly":
		b.ev.svcType, b.ev.component, b.ev.delivery = stCarerDirect, "Direct Payment", dmDirectPayment
		b.cost("Weekly", 1500, 6000, 100)
		b.ev.desc = pickW(r, []wv{{"Carer's direct payment", 3}, {"", 4}})
	case "carersitting":
		b.ev.svcType, b.ev.component = stCarerDirect, "Carer Sitting Service"
		b.ev.delivery = pickW(r, []wv{{dmCommissioned, 50}, {dmManagedPB, 50}})
		b.prov(homeCareProviders, 0.9)
		b.cost("Hourly", 1800, 2400, 100*b.r.between(2, 6))
		b.ev.desc = pickW(r, []wv{{"Sitting service, weekly", 3}, {"", 4}})
	case "carerrespite":
		b.ev.svcType, b.ev.component = stCarerInvolving, "Carer Respite"
		b.ev.delivery = pickW(r, []wv{{dmCommissioned, 50}, {dmManagedPB, 50}})
		b.prov(careHomeProviders, 0.9)
		b.cost("Daily", 9000, 14000, 700)
		b.ev.desc = pickW(r, []wv{{"Respite for carer", 3}, {"Carer break, care home stay", 2}, {"", 4}})
	default:
		return false
	}
	return true
}

// longTermKind chooses the long-term service a person would get.
func (g *gen) longTermKind(p *person) string {
	r := g.dataRNG
	switch {
	case p.psr == psrLD:
		return pickW(r, []wv{{"sl", 35}, {"shared", 8}, {"day", 15}, {"dp", 20}, {"res", 10}, {"home", 12}})
	case p.psr == psrMH:
		return pickW(r, []wv{{"home", 30}, {"sl", 22}, {"dp", 15}, {"res", 15}, {"day", 10}, {"nursing", 3}})
	case p.age >= 65:
		return pickW(r, []wv{{"home", 56}, {"res", 18}, {"nursing", 10}, {"extra", 5}, {"dp", 7}, {"day", 4}})
	}
	return pickW(r, []wv{{"home", 45}, {"dp", 34}, {"day", 9}, {"res", 5}, {"nursing", 4}, {"prison", 1}})
}

// Events.

func (g *gen) request(start, end int, route, outcome string) event {
	return event{typ: evRequest, start: start, end: end, route: route, outcome: outcome, cfs: g.dataRNG.chance(0.25),
		desc: pickW(g.dataRNG, []wv{{"New referral", 3}, {"Referral by telephone", 2}, {"", 5}})}
}

func (g *gen) assessment(p *person, start, end int, typ, outcome string) event {
	r := g.dataRNG
	ev := event{typ: evAssessment, start: start, end: end, assessType: typ, outcome: outcome, cfs: r.chance(0.4)}
	switch {
	case typ == assessFinancial:
		ev.outcome, ev.cfs = "", true
		ev.desc = pickW(r, []wv{{"Financial assessment", 3}, {"Financial reassessment", 1}, {"", 4}})
	case p.client != clServiceUser:
		ev.method = "Carer only"
		ev.desc = pickW(r, []wv{{"Carer's assessment", 4}, {"", 4}})
	case p.hasCarer == "Yes":
		ev.method = pickW(r, []wv{{"Service user and carer", 65}, {"Service user only", 35}})
	default:
		ev.method = pickW(r, []wv{{"Service user only", 92}, {"Service user and carer", 8}})
	}
	if typ == assessLongTerm && p.client == clServiceUser && ev.desc == "" {
		ev.desc = pickW(r, []wv{{"Care Act needs assessment", 3}, {"Reassessment of needs", 1}, {"", 4}})
	}
	if typ != assessFinancial && r.chance(0.7) {
		ev.eligible = "Yes"
		if outcome != outToPlanning && outcome != outToFinancial {
			ev.eligible = "No"
		}
	}
	return ev
}

func (g *gen) review(p *person, reason string, end int, outcome string) event {
	r := g.dataRNG
	ev := event{typ: evReview, start: end - r.between(0, 14), end: end, reason: reason, outcome: outcome}
	if outcome == "" {
		choices := []wv{{outNoChange, 70}, {outToPlanning, 15}, {outToReassessment, 8}}
		if p.age >= 85 && p.client == clServiceUser {
			choices = append(choices, wv{"Progress to End of Life Care", 3})
		}
		ev.outcome = pickW(r, choices)
	}
	if reason == reasonPlanned || r.chance(0.5) {
		ev.roa = pickW(r, []wv{{"Fully Met", 55}, {"Partially Met", 35}, {"Not Met", 10}})
	}
	switch {
	case p.client != clServiceUser:
		ev.revMethod = "Carer only"
		ev.desc = pickW(r, []wv{{"Carer's review", 3}, {"", 4}})
	case p.hasCarer == "Yes":
		ev.revMethod = pickW(r, []wv{{"Service user and carer", 50}, {"Service user only", 40}, {"Carer only", 10}})
	default:
		ev.revMethod = pickW(r, []wv{{"Service user only", 90}, {"Service user and carer", 10}})
	}
	if ev.desc == "" && p.client == clServiceUser {
		if reason == reasonPlanned {
			ev.desc = pickW(r, []wv{{"Annual review", 4}, {"Scheduled review", 2}, {"", 4}})
		} else {
			ev.desc = pickW(r, []wv{{"Unplanned review", 2}, {"Review following change in needs", 2}, {"", 4}})
		}
	}
	return ev
}

func (g *gen) serviceUserEvents(p *person) {
	if g.dataRNG.chance(0.56) {
		g.existingClient(p)
	} else {
		// What ended before the period is not in the file; a new client
		// whose request and its sequels all ended before it is not one.
		for tries := 0; len(p.events) == 0 && tries < 5; tries++ {
			g.newClient(p)
			p.events = slices.DeleteFunc(p.events, func(e event) bool { return e.end != 0 && e.end < g.periodStart })
		}
		if len(p.events) == 0 {
			g.existingClient(p)
		}
	}
	g.maybeDie(p)
	g.finish(p)
	if p.hasCarer == "Yes" && g.dataRNG.chance(0.5) {
		g.addCarer(p)
	}
}

// existingClient: a long-term service that began before the period, with
// reviews, and sometimes a hospital stay, a change of package or an ending.
func (g *gen) existingClient(p *person) {
	r := g.dataRNG
	lt := g.service(g.longTermKind(p), p)
	// Everyone is at least 19 on the period end, so 18 before it started.
	lt.start = r.between(max(addYears(p.dob, 18), g.periodStart-3000), g.periodStart-1)
	lt.outcome = outOpen
	p.events = append(p.events, lt)
	reviewEnd := r.between(g.periodStart, g.periodEnd)
	p.events = append(p.events, g.review(p, reasonPlanned, reviewEnd, ""))
	if r.chance(0.15) {
		second := reviewEnd + 182
		if second > g.periodEnd {
			second = reviewEnd - 182
		}
		if second >= g.periodStart && second <= g.periodEnd {
			p.events = append(p.events, g.review(p, reasonPlanned, second, ""))
		}
	}
	switch {
	case r.chance(0.10):
		g.hospitalStay(p, r.between(g.periodStart+30, g.periodEnd-45))
	case r.chance(0.09):
		g.changeOfPackage(p)
	case r.chance(0.05):
		end := r.between(g.periodStart+10, g.periodEnd)
		p.events[0].end = end
		p.events[0].outcome = pickW(r, []wv{{"NFA - Moved to another LA", 25}, {"NFA - 100% NHS funded care", 25},
			{"NFA - Support ended: Other reason", 25}, {"NFA - Self-funded client (inc. 12wk disregard)", 15},
			{"NFA - Support declined", 10}})
		p.events = slices.DeleteFunc(p.events, func(e event) bool { return e.typ == evReview && e.end > end })
	}
	if r.chance(0.2) {
		g.equipment(p, r.between(g.periodStart, g.periodEnd))
	}
	if lt.svcType == stLTCommunity && p.hasCarer == "Yes" && r.chance(0.15) {
		st := g.service("respite", p)
		st.start = r.between(g.periodStart, g.periodEnd-20)
		st.end, st.outcome = st.start+r.between(6, 14), outEnded
		p.events = append(p.events, st)
	}
	if g.canFinancial && r.chance(0.08) {
		start := r.between(g.periodStart, g.periodEnd-30)
		p.events = append(p.events, g.assessment(p, start, start+r.between(1, 30), assessFinancial, ""))
	}
}

func (g *gen) equipment(p *person, start int) {
	eq := g.service("equipment", p)
	eq.start = start
	if g.dataRNG.chance(0.7) {
		eq.end, eq.outcome = start, outEnded
	} else {
		eq.outcome = outOpen
	}
	p.events = append(p.events, eq)
}

// hospitalStay ends the current service on admission; after discharge
// (day h) comes a request, perhaps reablement, an unplanned review and a
// new or restarted long-term service.
func (g *gen) hospitalStay(p *person, h int) {
	r := g.dataRNG
	lt := &p.events[0]
	admit := max(h-r.between(3, 21), g.periodStart)
	lt.end, lt.outcome = admit, outAdmitted
	p.events = slices.DeleteFunc(p.events, func(e event) bool { return e.typ == evReview && e.start > admit && e.end < h })
	req := g.request(h, min(h+r.between(0, 2), g.periodEnd), routeHospital, pickW(r, []wv{{outToReablement, 50}, {outToReassessment, 50}}))
	req.desc = pickW(r, []wv{{"Hospital discharge referral", 3}, {"", 3}})
	p.events = append(p.events, req)
	next := req.end
	if req.outcome == outToReablement {
		st := g.service("stmax", p)
		st.start = next + r.between(0, 2)
		st.end = st.start + r.between(10, 42)
		if st.end > g.periodEnd {
			st.end, st.outcome = 0, outOpen
			p.events = append(p.events, st)
			return
		}
		st.outcome = pickW(r, []wv{{outEnded, 60}, {outToPlanning, 40}})
		p.events = append(p.events, st)
		next = st.end
	}
	rev := g.review(p, "Unplanned - Hospital (Planned and unplanned episodes)", next+r.between(0, 10), pickW(r, []wv{{outToPlanning, 60}, {outNoChange, 40}}))
	if rev.end > g.periodEnd {
		return
	}
	rev.start = max(rev.start, next)
	p.events = append(p.events, rev)
	kind := g.longTermKind(p)
	if rev.outcome == outToPlanning && p.age >= 65 {
		kind = pickW(g.dataRNG, []wv{{"home", 50}, {"res", 30}, {"nursing", 20}})
	}
	nlt := g.service(kind, p)
	nlt.start = rev.end + r.between(0, 5)
	if nlt.start <= g.periodEnd {
		nlt.outcome = outOpen
		p.events = append(p.events, nlt)
	}
}

// changeOfPackage: an unplanned review leads to the service ending and a
// different one starting.
func (g *gen) changeOfPackage(p *person) {
	r := g.dataRNG
	x := r.between(g.periodStart+20, g.periodEnd-30)
	reasons := []wv{{"Unplanned - Safeguarding concern", 15}, {"Unplanned - Other Reason", 45},
		{"Unplanned - Provider Failure", 8}, {"Unplanned - Change in Commissioning arrangements", 7}}
	if p.hasCarer == "Yes" {
		reasons = append(reasons, wv{"Unplanned - Carer related", 30})
	}
	reason := pickW(r, reasons)
	rev := g.review(p, reason, x, outToPlanning)
	p.events = append(p.events, rev)
	lt := &p.events[0]
	lt.end, lt.outcome = x, outEnded
	if reason == "Unplanned - Provider Failure" {
		lt.outcome = "NFA - Support ended: Other reason"
	}
	nlt := g.service(g.longTermKind(p), p)
	nlt.start, nlt.outcome = x+r.between(1, 10), outOpen
	p.events = append(p.events, nlt)
}

// newClient: a request in the period and what followed.
func (g *gen) newClient(p *person) {
	r := g.dataRNG
	// Requests arrive all through the period, and in the weeks before it:
	// a request completed before the period is not in the file, but what
	// followed it may be (so the period's first months have assessments
	// and services ending in them, as real extracts do).
	start := r.between(g.periodStart-40, g.periodEnd-2)
	end := min(start+r.between(0, 10), g.periodEnd)
	routes := []wv{{routeCommunity, 52}, {routeHospital, 30}, {"Diversion from Hospital Services", 5},
		{"Self-Funder", 4}, {"Transfer from Other LA", 3}}
	if p.psr == psrLD && p.age <= 25 {
		routes = append(routes, wv{"Planned Entry (Transition)", 40})
	}
	route := pickW(r, routes)
	var outcome string
	switch route {
	case routeHospital, "Diversion from Hospital Services":
		outcome = pickW(r, []wv{{outToReablement, 60}, {outToAssessment, 30}, {outInfoAdvice, 5},
			{"NFA - Self-funded client (inc. 12wk disregard)", 5}})
	case "Self-Funder":
		outcome = pickW(r, []wv{{outToAssessment, 40}, {"NFA - Self-funded client (inc. 12wk disregard)", 40}, {outInfoAdvice, 20}})
	case "Transfer from Other LA", "Planned Entry (Transition)":
		outcome = outToAssessment
	default:
		outcome = pickW(r, []wv{{outToAssessment, 60}, {outInfoAdvice, 22}, {"NFA - Support declined", 5},
			{outToReablement, 8}, {"NFA - No services offered: Other reason", 5}})
	}
	req := g.request(start, end, route, outcome)
	if route == routeHospital && r.chance(0.5) {
		req.desc = "Hospital discharge referral"
	}
	p.events = append(p.events, req)
	cur := end
	if outcome == outToReablement {
		st := g.service("stmax", p)
		st.start = cur + r.between(0, 2)
		if st.start > g.periodEnd {
			return
		}
		st.end = st.start + r.between(10, 42)
		if st.end > g.periodEnd {
			st.end, st.outcome = 0, outOpen
			p.events = append(p.events, st)
			return
		}
		st.outcome = pickW(r, []wv{{outToAssessment, 45}, {outEnded, 45}, {outAdmitted, 10}})
		p.events = append(p.events, st)
		if st.outcome != outToAssessment {
			return
		}
		cur = st.end
		outcome = outToAssessment
	}
	if outcome == outToAssessment {
		g.assessedClient(p, cur)
	}
}

// assessedClient: a new client's assessment from day cur, and the services
// and reviews that followed it in the period.
func (g *gen) assessedClient(p *person, cur int) {
	r := g.dataRNG
	as := g.assessment(p, 0, 0, pickW(r, []wv{{assessLongTerm, 85}, {assessShortTerm, 15}}), "")
	as.start = cur + r.between(0, 14)
	as.end = as.start + r.between(0, 35)
	if as.end > g.periodEnd {
		return // not finished in the period: not reported yet
	}
	outcomes := []wv{{outToPlanning, 65}, {"NFA - No services offered: Other reason", 8},
		{"NFA - Self-funded client (inc. 12wk disregard)", 6}, {"NFA - Support declined", 5}, {outInfoAdvice, 4}}
	if g.canFinancial {
		outcomes = append(outcomes, wv{outToFinancial, 12})
	}
	as.outcome = pickW(r, outcomes)
	if as.eligible != "" {
		as.eligible = "No"
		if as.outcome == outToPlanning || as.outcome == outToFinancial {
			as.eligible = "Yes"
		}
	}
	p.events = append(p.events, as)
	if as.outcome != outToPlanning && as.outcome != outToFinancial {
		return
	}
	if g.canFinancial && (as.outcome == outToFinancial || r.chance(0.5)) {
		fs := as.end + r.between(0, 10)
		fa := g.assessment(p, fs, fs+r.between(1, 28), assessFinancial, "")
		if fa.end <= g.periodEnd {
			p.events = append(p.events, fa)
		}
	}
	g.newService(p, as.end)
}

// newService: the service that followed an assessment ending on day
// assessed, its review, and sometimes equipment.
func (g *gen) newService(p *person, assessed int) {
	r := g.dataRNG
	kind := g.longTermKind(p)
	if r.chance(0.15) && p.age >= 65 {
		kind = pickW(r, []wv{{"respite", 70}, {"stnursing", 30}})
	}
	svc := g.service(kind, p)
	svc.start = assessed + r.between(3, 28)
	if svc.start > g.periodEnd {
		return
	}
	svc.outcome = outOpen
	if kind == "respite" || kind == "stnursing" {
		svc.end = svc.start + r.between(7, 42)
		svc.outcome = pickW(r, []wv{{outEnded, 70}, {outToPlanning, 30}})
		if svc.end > g.periodEnd {
			svc.end, svc.outcome = 0, outOpen
		}
	}
	p.events = append(p.events, svc)
	if svc.end == 0 {
		rev := g.review(p, reasonPlanned, svc.start+r.between(42, 90), "")
		if rev.end <= g.periodEnd {
			p.events = append(p.events, rev)
		}
	}
	if r.chance(0.25) {
		g.equipment(p, min(svc.start+r.between(0, 14), g.periodEnd))
	}
}

// maybeDie gives a few people a Date of Death in the period; nothing of
// theirs happens after it and their open services end on the day.
func (g *gen) maybeDie(p *person) {
	r := g.dataRNG
	prob := 0.008
	switch {
	case p.age >= 85:
		prob = 0.09
	case p.age >= 75:
		prob = 0.05
	case p.age >= 65:
		prob = 0.025
	}
	if !r.chance(prob) {
		return
	}
	dod := r.between(g.periodStart+20, g.periodEnd)
	var kept []event
	for _, e := range p.events {
		switch {
		case e.start > dod:
			continue
		case e.typ == evService && (e.end == 0 || e.end > dod):
			e.end, e.outcome = dod, outDeceased
		case e.end > dod:
			continue
		}
		kept = append(kept, e)
	}
	if len(kept) == 0 {
		return
	}
	p.events, p.dod = kept, dod
}

// finish sorts a person's events, keeps DHSC's event key unique, and sets
// the accommodation to the care setting of the latest long-term service.
func (g *gen) finish(p *person) {
	// Requests, assessments and reviews happen on working days.
	last := g.periodEnd
	if p.dod != 0 {
		last = min(last, p.dod)
	}
	for i := range p.events {
		if e := &p.events[i]; e.typ != evService {
			e.end = workday(e.end, max(g.periodStart, e.start), last)
			e.start = workday(e.start, e.start-7, e.end)
		}
	}
	slices.SortStableFunc(p.events, func(a, b event) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return a.typ - b.typ
	})
	seen := map[[2]int]bool{}
	for i := range p.events {
		e := &p.events[i]
		for seen[[2]int{e.typ, e.start}] {
			e.start-- // earlier start: still on or before the end
		}
		seen[[2]int{e.typ, e.start}] = true
	}
	if p.client != clServiceUser {
		return
	}
	for _, e := range p.events {
		if e.typ != evService || e.svcType == stLowLevel || e.svcType == stSTMax || e.svcType == stOtherShort {
			continue
		}
		switch e.component {
		case "Long Term Residential Care":
			p.accom = "Registered care home"
		case "Long Term Nursing Care":
			p.accom = "Registered nursing home"
		case "Community Supported Living":
			p.accom = "Supported accommodation / supported lodgings / supported group home"
		case "Shared Lives":
			p.accom = "Shared Lives scheme"
		case "Extra care housing":
			p.accom = "Sheltered housing / extra care housing / other sheltered housing"
		case "Other Long Term Support":
			if e.svcType == stLTPrison {
				p.accom = "Prison / Young offenders institution / detention centre"
			}
		default:
			if p.accom == "Registered care home" || p.accom == "Registered nursing home" {
				p.accom = g.communityAccommodation(p)
			}
		}
	}
}

// addCarer adds the service user's unpaid carer: a carer with their own
// events, or a carer known by association (one linking row).
func (g *gen) addCarer(su *person) {
	r := g.dataRNG
	c := &person{client: clCarerByAssociation, psr: psrCarer, hasCarer: "No", caredFor: 1, linked: []string{su.id}}
	if r.chance(0.4) {
		c.client = clCarer
	}
	if r.chance(0.12) {
		c.caredFor = 2 // also cares for someone the council does not support
	}
	opposite := map[string]string{"Male": "Female", "Female": "Male"}
	spouse := su.age >= 60 && r.chance(0.55)
	var age int
	gender := pickW(r, []wv{{"Female", 60}, {"Male", 40}})
	switch {
	case spouse:
		age = min(max(su.age+r.between(-6, 4), 60), 98)
		if o, ok := opposite[su.gender]; ok {
			gender = o
		}
	case su.age >= 55:
		age = r.between(30, min(64, su.age-18))
	default:
		age = min(su.age+r.between(20, 32), 92)
	}
	var like *person
	if spouse || r.chance(0.6) {
		like = su
	}
	g.basePerson(c, age, gender, like)
	if !spouse && like != nil && r.chance(0.6) {
		c.postcode = g.postcode() // a relative living elsewhere
	}
	c.accom = g.communityAccommodation(c)
	if spouse && su.accom != "Registered care home" && su.accom != "Registered nursing home" {
		c.accom = su.accom
	}
	switch {
	case c.age <= 64:
		c.employ = pickW(r, []wv{{"Paid: 16 or more hours a week", 30}, {"Paid: Less than 16 hours a week", 15},
			{"Not in Paid Employment (not actively seeking work / retired)", 35}, {"Unknown", 10},
			{"Not in Paid Employment (voluntary work only)", 5}, {"Not in Paid Employment (seeking work)", 5}})
	case r.chance(0.5):
		c.employ = "Not in Paid Employment (not actively seeking work / retired)"
	}
	if c.client == clCarer {
		g.carerEvents(c)
		g.finish(c)
	}
	su.carers = append(su.carers, c)
}

func (g *gen) carerEvents(c *person) {
	r := g.dataRNG
	if r.chance(0.5) {
		// Known carer: an ongoing service and a review.
		svc := g.service(pickW(r, []wv{{"carerweekly", 60}, {"carersitting", 40}}), c)
		svc.start, svc.outcome = r.between(g.periodStart-1500, g.periodStart-1), outOpen
		c.events = append(c.events, svc)
		reason := pickW(r, []wv{{reasonPlanned, 80}, {"Unplanned - Carer related", 20}})
		out := ""
		if reason != reasonPlanned {
			out = pickW(r, []wv{{outNoChange, 60}, {outToPlanning, 40}})
		}
		c.events = append(c.events, g.review(c, reason, r.between(g.periodStart, g.periodEnd), out))
		return
	}
	start := r.between(g.periodStart-5, g.periodEnd-2)
	req := g.request(start, min(max(start+r.between(0, 7), g.periodStart), g.periodEnd), routeCommunity,
		pickW(r, []wv{{outToAssessment, 85}, {outInfoAdvice, 15}}))
	req.desc = pickW(r, []wv{{"Carer referral", 3}, {"", 2}})
	c.events = append(c.events, req)
	if req.outcome != outToAssessment {
		return
	}
	as := g.assessment(c, 0, 0, assessLongTerm, pickW(r, []wv{{outToPlanning, 70}, {outInfoAdvice, 20},
		{"NFA - No services offered: Other reason", 10}}))
	as.start = req.end + r.between(0, 14)
	as.end = as.start + r.between(0, 28)
	if as.end > g.periodEnd {
		return
	}
	c.events = append(c.events, as)
	if as.outcome != outToPlanning {
		return
	}
	svc := g.service(pickW(r, []wv{{"carerdp", 50}, {"carerrespite", 25}, {"carersitting", 25}}), c)
	svc.start = as.end + r.between(3, 21)
	if svc.start > g.periodEnd {
		return
	}
	switch svc.freq {
	case "One-off":
		svc.end, svc.outcome = svc.start, outEnded
	case "Daily":
		svc.end, svc.outcome = svc.start+r.between(1, 14), outEnded
		if svc.end > g.periodEnd {
			svc.end, svc.outcome = 0, outOpen
		}
	default:
		svc.outcome = outOpen
		if svc.component == "Carer Respite" {
			svc.end, svc.outcome = svc.start+r.between(1, 14), outEnded
			if svc.end > g.periodEnd {
				svc.end, svc.outcome = 0, outOpen
			}
		}
	}
	c.events = append(c.events, svc)
	if svc.end == 0 {
		rev := g.review(c, reasonPlanned, svc.start+r.between(90, 180), "")
		if rev.end <= g.periodEnd {
			c.events = append(c.events, rev)
		}
	}
}

// Rows.

func (g *gen) personRows(out []*row, p *person) []*row {
	if p.client == clCarerByAssociation {
		return append(out, &row{cells: g.personCells(p), client: p.client, nhsText: p.nhsText, pRows: 1})
	}
	for i := range p.events {
		r := g.eventRow(p, &p.events[i])
		r.pRows, r.pIdx, r.linked = len(p.events), i, len(p.carers) > 0
		out = append(out, r)
	}
	return out
}

func (g *gen) personCells(p *person) []string {
	c := &g.col
	cells := make([]string, len(g.headers))
	cells[c.LACode] = g.laCode
	cells[c.RPStart], cells[c.RPEnd] = g.periodStartText, g.periodEndText
	cells[c.NHS], cells[c.LAID] = p.nhs, p.id
	cells[c.First], cells[c.Last] = p.first, p.last
	if p.gp != nil {
		cells[c.GPName], cells[c.GPCode] = p.gp.name, p.gp.code
	}
	cells[c.Gender] = g.l("Gender", p.gender)
	cells[c.Eth] = g.l("Ethnicity", p.eth)
	cells[c.DOB] = fmtDate(p.dob)
	if p.dod != 0 {
		cells[c.DOD] = fmtDate(p.dod)
	}
	cells[c.Client] = g.l("Client_Type", clientLabels[p.client])
	cells[c.PSR] = g.l("Primary_Support_Reason", p.psr)
	cells[c.Postcode] = p.postcode
	cells[c.Accom] = g.l("Accommodation_Status", p.accom)
	cells[c.Employ] = g.l("Employment_Status", p.employ)
	cells[c.HasCarer] = g.l("Has_Unpaid_Carer", p.hasCarer)
	if p.client == clServiceUser {
		cells[c.ASD] = p.asd
		cells[c.Visual] = g.l("Visual_Impairment", p.visual)
		cells[c.Hearing] = g.l("Hearing_Impairment", p.hearing)
		cells[c.Dementia] = p.dementia
	} else {
		cells[c.NoAdults] = strconv.Itoa(p.caredFor)
		linked := []int{c.Linked1, c.Linked2, c.Linked3}
		for i, id := range p.linked {
			cells[linked[i]] = id
		}
	}
	return cells
}

func (g *gen) eventRow(p *person, e *event) *row {
	c := &g.col
	cells := g.personCells(p)
	r := &row{cells: cells, client: p.client, typ: e.typ, nhsText: p.nhsText}
	if e.typ == evRequest && !p.psrOnReq {
		cells[c.PSR] = ""
	}
	g.refN++
	cells[c.EvType] = g.l("Event_Type", eventLabels[e.typ])
	cells[c.EvRef] = fmt.Sprintf("%s-%08d", refPrefix[e.typ], g.refN)
	cells[c.ESD] = fmtDate(e.start)
	if e.end != 0 {
		cells[c.EED] = fmtDate(e.end)
	}
	cells[c.Desc] = e.desc
	cells[c.Outcome] = g.l("Event_Outcome", e.outcome)
	if p.client == clServiceUser && (e.typ == evService || e.typ == evReview || e.cfs) {
		cells[c.CFS] = g.l("Client_Funding_Status", p.cfs)
	}
	switch e.typ {
	case evRequest:
		cells[c.Route] = g.l("Request_Route_of_Access", e.route)
	case evAssessment:
		cells[c.AssessType] = g.l("Assessment_Type", e.assessType)
		cells[c.Eligible] = e.eligible
		cells[c.MethodAssess] = g.l("Method_of_Assessment", e.method)
	case evService:
		cells[c.SvcType] = g.l("Service_Type", e.svcType)
		cells[c.Component] = g.l("Service_Component", e.component)
		cells[c.Delivery] = g.l("Delivery_Mechanism", e.delivery)
		cells[c.ProvName], cells[c.ProvID] = e.prov.name, e.prov.id
		if e.costP != 0 {
			cells[c.UnitCost] = fmtPence(e.costP)
			cells[c.Freq] = g.l("Cost_Frequency_Unit_Type", e.freq)
			cells[c.Units] = fmtHundredths(e.unitsC)
		}
	case evReview:
		cells[c.ReviewReason] = g.l("Review_Reason", e.reason)
		cells[c.ROA] = g.l("Review_Outcomes_Achieved", e.roa)
		cells[c.MethodReview] = g.l("Method_of_Review", e.revMethod)
	}
	return r
}

func fmtPence(p int) string { return fmt.Sprintf("%d.%02d", p/100, p%100) }

// fmtHundredths writes a number of hundredths without trailing zeros: 700
// is "7", 1050 "10.5", 375 "3.75".
func fmtHundredths(h int) string {
	s := strconv.Itoa(h / 100)
	if f := h % 100; f != 0 {
		if f%10 == 0 {
			return s + "." + strconv.Itoa(f/10)
		}
		return fmt.Sprintf("%s.%02d", s, f)
	}
	return s
}

// workday moves a day to the nearest working day in [lo, hi] (earlier
// first), or leaves it when there is none close by.
func workday(d, lo, hi int) int {
	for k := 0; k <= 3; k++ {
		if x := d - k; x >= lo && isWorkday(x) {
			return x
		}
	}
	for k := 1; k <= 3; k++ {
		if x := d + k; x <= hi && isWorkday(x) {
			return x
		}
	}
	return d
}

// isWorkday: not a weekend, Christmas Day, Boxing Day or New Year's Day.
func isWorkday(d int) bool {
	switch ((d % 7) + 7 + 4) % 7 { // 1970-01-01 was a Thursday; 0 is Sunday
	case 0, 6:
		return false
	}
	_, m, day := civil(d)
	return !(m == 12 && (day == 25 || day == 26)) && !(m == 1 && day == 1)
}
