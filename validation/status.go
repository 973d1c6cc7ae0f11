package validation

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Status is DHSC's field status for one row and field.
type Status uint8

const (
	StatusMandatory     Status = iota // "Mandatory"
	StatusApplicable                  // "Applicable but not mandatory"
	StatusNotApplicable               // "Not applicable"
	StatusUndetermined                // "Undetermined": the row's own values do not say (e.g. invalid Event Type)
	numStatus
)

func (s Status) String() string {
	return [...]string{"Mandatory", "Applicable but not mandatory", "Not applicable", "Undetermined"}[s]
}

// Validity is DHSC's validity of one row's value of a field.
type Validity uint8

const (
	ValidityValid          Validity = iota // "Passed: Valid"
	ValidityBlankOK                        // "Passed: Blank (Not Mandatory)"
	ValidityBlankMandatory                 // "Failed: Blank (Mandatory)"
	ValidityInvalid                        // "Failed: Invalid"
	numValidity
)

func (v Validity) String() string {
	return [...]string{"Valid", "Blank (not mandatory)", "Blank (mandatory)", "Invalid"}[v]
}

// tri is a three-valued truth: a condition on a value that is itself
// invalid is unknown.
type tri int8

const (
	triFalse   tri = 0
	triTrue    tri = 1
	triUnknown tri = 2
)

func triAnd(a, b tri) tri {
	switch {
	case a == triFalse || b == triFalse:
		return triFalse
	case a == triUnknown || b == triUnknown:
		return triUnknown
	}
	return triTrue
}

func triOr(a, b tri) tri {
	switch {
	case a == triTrue || b == triTrue:
		return triTrue
	case a == triUnknown || b == triUnknown:
		return triUnknown
	}
	return triFalse
}

func triNot(a tri) tri {
	switch a {
	case triTrue:
		return triFalse
	case triFalse:
		return triTrue
	}
	return triUnknown
}

// atom is one elementary test on a row: a list value, a prefix, a field's
// presence, or an age range. Value atoms are cached per distinct value.
type atom struct {
	kind     atomKind
	field    *Field
	col      int            // file column, -1 when the column is missing (reads as blank)
	set      map[int16]bool // atomIn: list indexes
	norm     map[string]bool
	prefixes []string // atomPrefix: normalised prefixes
	min, max int      // atomAge
	cache    []tri    // per dictionary id, filled when a value is first seen (published: engine.publish)
	next     []tri    // the working copy interning writes
	// blankUnknown: a blank value makes the test undetermined rather than
	// false (checks.json blank_is_undetermined).
	blankUnknown bool
}

type atomKind uint8

const (
	atomIn atomKind = iota
	atomPrefix
	atomPresent
	atomAge
)

// cnode is a compiled condition.
type cnode struct {
	op   byte // 'a' all, 'o' any, 'n' not, 'x' atom, 't' always true
	kids []*cnode
	atom int
}

func (n *cnode) eval(a []tri) tri {
	switch n.op {
	case 'x':
		return a[n.atom]
	case 'n':
		return triNot(n.kids[0].eval(a))
	case 'a':
		r := triTrue
		for _, k := range n.kids {
			if r = triAnd(r, k.eval(a)); r == triFalse {
				return r
			}
		}
		return r
	case 'o':
		r := triFalse
		for _, k := range n.kids {
			if r = triOr(r, k.eval(a)); r == triTrue {
				return r
			}
		}
		return r
	}
	return triTrue
}

// conditions compiles every field's applicability and mandatory condition
// into atoms and trees, and turns a row's atom values into statuses.
type conditions struct {
	atoms     []*atom
	atomKey   map[string]int
	apply     []*cnode // per field
	mandatory []*cnode // per field; nil: not mandatory
}

func compileConditions(s *Spec, fieldCol []int) *conditions {
	c := &conditions{atomKey: map[string]int{}}
	for _, f := range s.Fields {
		var app []*cnode
		if f.AppliesEvent != nil {
			app = append(app, c.leaf(s, fieldCol, &Cond{Field: "Event_Type", In: f.AppliesEvent}))
		}
		if f.AppliesClient != nil {
			app = append(app, c.leaf(s, fieldCol, &Cond{Field: "Client_Type", In: f.AppliesClient}))
		}
		switch len(app) {
		case 0:
			c.apply = append(c.apply, &cnode{op: 't'})
		case 1:
			c.apply = append(c.apply, app[0])
		default:
			c.apply = append(c.apply, &cnode{op: 'a', kids: app})
		}
		var m *cnode
		switch f.Mandatory.Level {
		case "always", "when applicable":
			m = &cnode{op: 't'}
		case "conditional":
			m = c.compile(s, fieldCol, f.Mandatory.When)
		}
		c.mandatory = append(c.mandatory, m)
	}
	return c
}

func (c *conditions) compile(s *Spec, fieldCol []int, cond *Cond) *cnode {
	switch {
	case len(cond.All) > 0:
		n := &cnode{op: 'a'}
		for _, k := range cond.All {
			n.kids = append(n.kids, c.compile(s, fieldCol, k))
		}
		return n
	case len(cond.Any) > 0:
		n := &cnode{op: 'o'}
		for _, k := range cond.Any {
			n.kids = append(n.kids, c.compile(s, fieldCol, k))
		}
		return n
	case cond.Not != nil:
		return &cnode{op: 'n', kids: []*cnode{c.compile(s, fieldCol, cond.Not)}}
	}
	return c.leaf(s, fieldCol, cond)
}

// leaf returns the node for an elementary condition, sharing atoms.
func (c *conditions) leaf(s *Spec, fieldCol []int, cond *Cond) *cnode {
	var key string
	a := &atom{col: -1}
	switch {
	case len(cond.AgeAt) == 2:
		a.kind, a.min, a.max = atomAge, cond.AgeAt[0], cond.AgeAt[1]
		key = fmt.Sprintf("age:%d-%d", a.min, a.max)
	default:
		f := s.MustField(cond.Field)
		a.field = f
		a.col = fieldCol[f.Index]
		a.blankUnknown = slices.Contains(s.Checks.BlankUndetermined.Fields, f.Key)
		switch {
		case cond.Present != nil:
			a.kind = atomPresent
			key = "present:" + f.Key
			if !*cond.Present {
				key = "absent:" + f.Key
			}
		case len(cond.Prefix) > 0:
			a.kind = atomPrefix
			for _, p := range cond.Prefix {
				a.prefixes = append(a.prefixes, NormalizeValue(p))
			}
			key = "prefix:" + f.Key + ":" + strings.Join(a.prefixes, "|")
		default:
			a.kind = atomIn
			a.set = map[int16]bool{}
			a.norm = map[string]bool{}
			for _, v := range cond.In {
				a.norm[NormalizeValue(v)] = true
				for i, lv := range f.Values {
					if NormalizeValue(lv.Value) == NormalizeValue(v) {
						a.set[int16(i)] = true
					}
				}
			}
			key = "in:" + f.Key + ":" + strings.Join(sortedKeys(a.norm), "|")
		}
	}
	i, ok := c.atomKey[key]
	if !ok {
		i = len(c.atoms)
		c.atoms = append(c.atoms, a)
		c.atomKey[key] = i
	}
	n := &cnode{op: 'x', atom: i}
	if cond.Present != nil && !*cond.Present {
		return &cnode{op: 'n', kids: []*cnode{n}}
	}
	return n
}

// valueTri evaluates a value atom for one distinct value.
func (a *atom) valueTri(vi *valueInfo, raw string) tri {
	if vi.blank() {
		if a.blankUnknown && a.kind != atomPresent {
			return triUnknown
		}
		return triFalse
	}
	switch a.kind {
	case atomPresent:
		return triTrue
	case atomIn:
		if vi.canon >= 0 {
			if a.set[vi.canon] {
				return triTrue
			}
			return triFalse
		}
		if a.field != nil && !a.field.HasPublishedList() {
			if a.norm[NormalizeValue(raw)] {
				return triTrue
			}
			return triFalse
		}
		return triUnknown
	case atomPrefix:
		v := raw
		if vi.canon >= 0 && a.field != nil {
			v = a.field.Values[vi.canon].Value
		}
		n := NormalizeValue(v)
		for _, p := range a.prefixes {
			if strings.HasPrefix(n, p) {
				return triTrue
			}
		}
		if vi.canon < 0 && vi.invalid() && a.field != nil && a.field.HasPublishedList() && a.field.ListComplete() {
			return triUnknown
		}
		return triFalse
	}
	return triUnknown
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// statuses turns a row's atom values into the status of every field.
func (c *conditions) statuses(atomVals []tri) []Status {
	st := make([]Status, len(c.apply))
	for fi := range c.apply {
		switch c.apply[fi].eval(atomVals) {
		case triFalse:
			st[fi] = StatusNotApplicable
			continue
		case triUnknown:
			st[fi] = StatusUndetermined
			continue
		}
		m := c.mandatory[fi]
		if m == nil {
			st[fi] = StatusApplicable
			continue
		}
		switch m.eval(atomVals) {
		case triTrue:
			st[fi] = StatusMandatory
		case triFalse:
			st[fi] = StatusApplicable
		default:
			st[fi] = StatusUndetermined
		}
	}
	return st
}

// ageTri tests an age atom for a date of birth and a reporting period end.
func (a *atom) ageTri(dob, periodEnd int32) tri {
	if age := ageOn(dob, periodEnd); age >= a.min && age <= a.max {
		return triTrue
	}
	return triFalse
}

// rowEval evaluates single rows outside a run (for tools such as the
// sample generator), with the same conditions and value checks as the engine.
type rowEval struct {
	cond     *conditions
	checkers []*valueChecker
	dob, end int
}

// RowStatuses returns DHSC's field status (Mandatory, Applicable, Not
// applicable, Undetermined) of every template field for one row whose
// cells are in template order. It applies exactly the engine's conditions.
func (s *Spec) RowStatuses(cells []string) []Status {
	s.rowEvalOnce.Do(func() {
		fieldCol := make([]int, len(s.Fields))
		ev := &rowEval{dob: s.MustField("Date_of_Birth").Index, end: s.MustField("Reporting_Period_End_Date").Index}
		for i, f := range s.Fields {
			fieldCol[i] = i
			ev.checkers = append(ev.checkers, newValueChecker(s, f))
		}
		ev.cond = compileConditions(s, fieldCol)
		s.rowEval = ev
	})
	ev := s.rowEval
	cell := func(i int) string {
		if i < len(cells) {
			return cells[i]
		}
		return ""
	}
	vals := make([]tri, len(ev.cond.atoms))
	for i, a := range ev.cond.atoms {
		if a.kind == atomAge {
			dob, ok1 := ev.checkers[ev.dob].date(cell(ev.dob))
			end, ok2 := ev.checkers[ev.end].date(cell(ev.end))
			vals[i] = triUnknown
			if ok1 && ok2 {
				vals[i] = a.ageTri(dob, end)
			}
			continue
		}
		raw := cell(a.col)
		vi, _ := ev.checkers[a.col].check(raw)
		vals[i] = a.valueTri(&vi, raw)
	}
	return ev.cond.statuses(vals)
}
