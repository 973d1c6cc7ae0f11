package validation

import (
	"fmt"
	"slices"
	"sort"
	"time"
)

// Summary holds the statistics users read first: what the file contains
// and the DHSC data-quality view of every field.
type Summary struct {
	Rows     int `json:"rows"`
	People   int `json:"people"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`

	// Rows by Event Type × Client Type; the last entry of each axis is
	// "(blank or invalid)".
	EventTypes  []string `json:"event_types"`
	ClientTypes []string `json:"client_types"`
	EventClient [][]int  `json:"rows_by_event_and_client_type"`

	Fields        []FieldQuality `json:"field_quality"`
	InvalidValues []ValueCount   `json:"invalid_values"`
	Rules         []RuleCount    `json:"issues_by_rule"`
	EventsByMonth []MonthCount   `json:"events_by_month"`
	AgeBands      []BandCount    `json:"people_by_age_band"`
	ServiceTypes  []BandCount    `json:"services_by_type"`
	OpenServices  int            `json:"open_services"`
	DurationMS    int64          `json:"duration_ms"`

	// ByConsequence splits the errors and warnings by what happens to the
	// rows centrally (rules.md C4), in the order of Consequences.
	ByConsequence []ConsequenceCount `json:"by_central_consequence"`
	// Periods are the stated reporting period and the one DHSC would
	// derive from the data (rules.md A1.4).
	Periods PeriodSummary `json:"periods"`
}

// ConsequenceCount counts the issues of one central consequence.
type ConsequenceCount struct {
	Central  string `json:"central"` // rejected, excluded, changed, none
	Label    string `json:"label"`
	Errors   int    `json:"errors"`
	Warnings int    `json:"warnings"`
	// Rows is the number of spreadsheet rows with such an issue (file-level
	// issues are not counted here).
	Rows int `json:"rows"`
}

// PeriodSummary is the stated and the derived reporting period.
type PeriodSummary struct {
	Stated  string `json:"stated"`  // the period on most rows, "" when none
	Derived string `json:"derived"` // "" when DHSC would derive none
	// DerivedWhy says why there is no derived period.
	DerivedWhy string `json:"derived_why,omitempty"`
	// DerivedGaps: a month inside a type's run has too few end dates
	// (tolerated when alone, but DHSC flags it).
	DerivedGaps bool `json:"derived_gaps,omitempty"`
	// DerivedIsStated: DHSC uses the stated period for this council.
	DerivedIsStated bool `json:"derived_is_stated,omitempty"`
}

// FieldQuality is one field's status × validity counts, as DHSC's
// data-quality dashboard reports them.
type FieldQuality struct {
	Field    string                      `json:"field"`
	Position int                         `json:"position"`
	Present  bool                        `json:"present"`
	Counts   [numStatus][numValidity]int `json:"-"`
	Invalid  int                         `json:"invalid"`
	Blank    int                         `json:"blank_mandatory"`
	Named    map[string]map[string]int   `json:"status_validity"`
}

// Complete is the share of rows where the field is valid or allowed to be
// blank.
func (f FieldQuality) Complete() float64 {
	total, ok := 0, 0
	for s := range f.Counts {
		for v := range f.Counts[s] {
			total += f.Counts[s][v]
			if Validity(v) == ValidityValid || Validity(v) == ValidityBlankOK {
				ok += f.Counts[s][v]
			}
		}
	}
	if total == 0 {
		return 1
	}
	return float64(ok) / float64(total)
}

// Filled is the share of rows where the field has a value.
func (f FieldQuality) Filled() float64 {
	total, filled := 0, 0
	for s := range f.Counts {
		for v := range f.Counts[s] {
			total += f.Counts[s][v]
			if Validity(v) == ValidityValid || Validity(v) == ValidityInvalid {
				filled += f.Counts[s][v]
			}
		}
	}
	if total == 0 {
		return 0
	}
	return float64(filled) / float64(total)
}

// ValueCount counts one invalid value of one field.
type ValueCount struct {
	Field    string `json:"field"`
	Value    string `json:"value"`
	Count    int    `json:"count"`
	Rule     string `json:"rule"`
	Personal bool   `json:"-"`
}

// RuleCount counts the issues of one rule.
type RuleCount struct {
	Rule     string         `json:"rule"`
	Title    string         `json:"title"`
	Severity string         `json:"severity"`
	Count    int            `json:"count"`
	ByColumn map[string]int `json:"by_column,omitempty"`
}

// MonthCount counts events starting in one month, by event type.
type MonthCount struct {
	Month  string         `json:"month"` // yyyy-mm
	ByType map[string]int `json:"by_event_type"`
	Total  int            `json:"total"`
}

// BandCount is a labelled count.
type BandCount struct {
	Label string `json:"label"`
	Count int    `json:"count"`
}

func (e *engine) summarise() *Summary {
	s := &Summary{Rows: e.table.Len(), People: e.res.People, DurationMS: time.Since(e.started).Milliseconds()}
	for _, is := range e.issues {
		switch is.Sev {
		case Error:
			s.Errors++
		case Warning:
			s.Warnings++
		default:
			s.Infos++
		}
	}
	// The parts run side by side, but on no more goroutines than the run
	// may use (the window leaves a processor for itself).
	parts := []func(*Summary){e.summariseFields, e.summariseEvents, e.summariseInvalid, e.summariseAges}
	e.parallel(len(parts), func(i int) { parts[i](s) })
	e.summariseRules(s)
	e.summariseConsequences(s)
	d := e.res.derived
	s.Periods = PeriodSummary{Stated: e.res.modalPeriod, Derived: d.String(), DerivedWhy: d.Why, DerivedGaps: d.Gaps, DerivedIsStated: d.Stated}
	return s
}

// summariseConsequences counts errors and warnings, and the rows they
// are on, by central consequence.
func (e *engine) summariseConsequences(s *Summary) {
	byClass := make([]ConsequenceCount, len(consequenceIDs))
	lastRow := make([]int32, len(consequenceIDs))
	for i := range lastRow {
		lastRow[i] = -1
	}
	for _, is := range e.issues { // sorted by row
		c := e.spec.Rules.Get(is.Rule).Central
		switch is.Sev {
		case Error:
			byClass[c].Errors++
		case Warning:
			byClass[c].Warnings++
		default:
			continue
		}
		if is.Row >= 0 && is.Row != lastRow[c] {
			byClass[c].Rows++
			lastRow[c] = is.Row
		}
	}
	for _, c := range Consequences {
		cc := byClass[c]
		cc.Central, cc.Label = c.String(), c.Label()
		s.ByConsequence = append(s.ByConsequence, cc)
	}
}

var statusNames = [numStatus]string{"Mandatory", "Applicable but not mandatory", "Not applicable", "Undetermined"}
var validityNames = [numValidity]string{"Passed: Valid", "Passed: Blank (Not Mandatory)", "Failed: Blank (Mandatory)", "Failed: Invalid"}

func (e *engine) summariseFields(s *Summary) {
	for fi, f := range e.spec.Fields {
		fq := FieldQuality{Field: f.Name, Position: f.Position, Present: e.fieldCol[fi] >= 0, Named: map[string]map[string]int{}}
		for _, w := range e.workers {
			for st := range w.counts[fi] {
				for v := range w.counts[fi][st] {
					fq.Counts[st][v] += int(w.counts[fi][st][v])
				}
			}
		}
		for st := range fq.Counts {
			m := map[string]int{}
			for v, c := range fq.Counts[st] {
				if c > 0 {
					m[validityNames[v]] = c
				}
				if Validity(v) == ValidityInvalid {
					fq.Invalid += c
				}
				if Validity(v) == ValidityBlankMandatory {
					fq.Blank += c
				}
			}
			if len(m) > 0 {
				fq.Named[statusNames[st]] = m
			}
		}
		s.Fields = append(s.Fields, fq)
	}
}

func (e *engine) summariseEvents(s *Summary) {
	ev, cl := e.field.event, e.field.client
	s.EventTypes = append(listValues(ev.f), "(blank or invalid)")
	s.ClientTypes = append(listValues(cl.f), "(blank or invalid)")
	s.EventClient = make([][]int, len(s.EventTypes))
	for i := range s.EventClient {
		s.EventClient[i] = make([]int, len(s.ClientTypes))
	}
	monthOf, months := e.startMonths()
	byMonth := make([][]int, len(months)) // by month index, then event type index
	for k := range byMonth {
		byMonth[k] = make([]int, len(s.EventTypes))
	}
	stVals := e.field.serviceType.f.Values
	stCounts := make([]int, len(stVals)+1) // the last: blank or invalid
	eventStart := e.field.eventStart
	for r := 0; r < e.table.Len(); r++ {
		ei, ci := int(ev.info(r).canon), int(cl.info(r).canon)
		if ei < 0 {
			ei = len(s.EventTypes) - 1
		}
		if ci < 0 {
			ci = len(s.ClientTypes) - 1
		}
		s.EventClient[ei][ci]++
		if monthOf != nil {
			if k := monthOf[eventStart.cs.col.ids.at(r)]; k >= 0 {
				byMonth[k][ei]++
			}
		}
		if e.eventIs(r, e.label.service) {
			if e.field.eventEnd.info(r).blank() {
				s.OpenServices++
			}
			c := int(e.field.serviceType.info(r).canon)
			if c < 0 {
				c = len(stVals)
			}
			stCounts[c]++
		}
	}
	s.EventsByMonth = monthCounts(months, byMonth, s.EventTypes)
	for i, v := range stVals {
		if c := stCounts[i]; c > 0 {
			s.ServiceTypes = append(s.ServiceTypes, BandCount{Label: v.Value, Count: c})
		}
	}
	if c := stCounts[len(stVals)]; c > 0 {
		s.ServiceTypes = append(s.ServiceTypes, BandCount{Label: "(blank or invalid)", Count: c})
	}
}

// listValues are a field's list values in the specification's order.
func listValues(f *Field) []string {
	out := make([]string, len(f.Values))
	for i, v := range f.Values {
		out[i] = v.Value
	}
	return out
}

// startMonths gives each Event Start Date value the index of its month in
// months (-1: no valid date), worked out once per distinct value so rows
// only add to arrays; months are the months seen, in order, as year*12 +
// month-1.
func (e *engine) startMonths() (monthOf, months []int32) {
	cs := e.field.eventStart.cs
	if cs == nil {
		return nil, nil
	}
	monthOf = monthsOf(cs)
	for _, key := range monthOf {
		if key >= 0 {
			months = append(months, key)
		}
	}
	slices.Sort(months)
	months = slices.Compact(months)
	for id, key := range monthOf {
		if key >= 0 {
			k, _ := slices.BinarySearch(months, key)
			monthOf[id] = int32(k)
		}
	}
	return monthOf, months
}

// monthCounts turns counts by month index and event type into the
// Summary's months, leaving out empty ones.
func monthCounts(months []int32, byMonth [][]int, types []string) []MonthCount {
	var out []MonthCount
	for k := range months {
		mc := MonthCount{Month: monthLabel(months[k]), ByType: map[string]int{}}
		for ei, c := range byMonth[k] {
			if c > 0 {
				mc.ByType[types[ei]] = c
				mc.Total += c
			}
		}
		if mc.Total > 0 {
			out = append(out, mc)
		}
	}
	return out
}

func monthLabel(m int32) string {
	y, mo := m/12, m%12+1
	return fmt.Sprintf("%04d-%02d", y, mo)
}

// summariseInvalid counts each invalid value of each field.
func (e *engine) summariseInvalid(s *Summary) {
	for fi, c := range e.fieldCol {
		if c < 0 {
			continue
		}
		cs := e.cols[c]
		if !cs.anyInvalid {
			continue // most columns have no invalid value at all
		}
		counts := map[string]*ValueCount{}
		f := e.spec.Fields[fi]
		for r := range cs.col.ids.Len() {
			id := cs.col.ids.at(r)
			vi := &cs.info[id]
			if vi.flags&vInvalid == 0 {
				continue
			}
			v := cs.col.Value(id)
			vc := counts[v]
			if vc == nil {
				vc = &ValueCount{Field: f.Name, Value: v, Rule: e.spec.Rules.Get(vi.rule).ID, Personal: f.Personal}
				counts[v] = vc
			}
			vc.Count++
			vc.Personal = vc.Personal || e.res.RowShifted(r) // under the wrong heading
		}
		for _, vc := range counts {
			s.InvalidValues = append(s.InvalidValues, *vc)
		}
	}
	sort.SliceStable(s.InvalidValues, func(i, j int) bool {
		a, b := s.InvalidValues[i], s.InvalidValues[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		if a.Field != b.Field {
			return a.Field < b.Field
		}
		return a.Value < b.Value
	})
}

// AgeBandLabels are the bands of people_by_age_band, in order.
var AgeBandLabels = []string{"Under 18", "18-64", "65-74", "75-84", "85-94", "95 and over", "Unknown"}

// summariseAges counts people by age at the end of the reporting period.
func (e *engine) summariseAges(s *Summary) {
	counts := make([]int, len(AgeBandLabels))
	seen := make([]bool, e.res.People)
	n := e.table.Len()
	for r := 0; r < n; r++ {
		p := e.res.personOf[r]
		if p < 0 || seen[p] {
			continue
		}
		dob, ok1 := e.field.dob.date(r)
		_, pe, ok2 := e.period(r)
		if !ok1 || !ok2 {
			continue
		}
		seen[p] = true
		counts[ageBand(ageOn(dob, pe))]++
	}
	for _, ok := range seen {
		if !ok {
			counts[len(counts)-1]++
		}
	}
	for i, l := range AgeBandLabels {
		s.AgeBands = append(s.AgeBands, BandCount{Label: l, Count: counts[i]})
	}
}

func ageBand(age int) int {
	switch {
	case age < 18:
		return 0
	case age < 65:
		return 1
	case age < 75:
		return 2
	case age < 85:
		return 3
	case age < 95:
		return 4
	}
	return 5
}

func (e *engine) summariseRules(s *Summary) {
	byRule := map[RuleID]*RuleCount{}
	var order []RuleID
	for _, is := range e.issues {
		rc := byRule[is.Rule]
		if rc == nil {
			r := e.spec.Rules.Get(is.Rule)
			rc = &RuleCount{Rule: r.ID, Title: r.Title, Severity: is.Sev.String(), ByColumn: map[string]int{}}
			byRule[is.Rule] = rc
			order = append(order, is.Rule)
		}
		rc.Count++
		col := e.res.ColumnName(is)
		if col == "" {
			col = "(file)"
		}
		rc.ByColumn[col]++
	}
	for _, id := range order {
		s.Rules = append(s.Rules, *byRule[id])
	}
	sort.SliceStable(s.Rules, func(i, j int) bool {
		a, b := s.Rules[i], s.Rules[j]
		if a.Severity != b.Severity {
			return sevRank(a.Severity) > sevRank(b.Severity)
		}
		return a.Count > b.Count
	})
}

func sevRank(s string) int {
	switch s {
	case "error":
		return 2
	case "warning":
		return 1
	}
	return 0
}
