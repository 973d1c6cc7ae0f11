package validation

import "sort"

// Release 1 → Release 2 mapping of a file's values, as central processing
// does it (DHSC maps Release 1 submissions to Release 2 through the
// r1_to_r2 tables): used to preview and write a converted copy.

// MapOutcome says what happens to one value when a file is converted.
type MapOutcome int

const (
	MapUnchanged    MapOutcome = iota // same in both releases, or not a list field
	MapChanged                        // a Release 1 value with a Release 2 equivalent
	MapAlreadyR2                      // already written as Release 2
	MapNoEquivalent                   // a Release 1 value with no Release 2 equivalent
	MapNotListed                      // not a value of either list (left as it is)
	// MapR2Unknown: a valid Release 1 value whose Release 2 spelling is not
	// published (the field's Release 2 list is only partly known and no
	// mapping names it): left as it is, to be checked by hand.
	MapR2Unknown
)

func (m MapOutcome) String() string {
	return [...]string{"unchanged", "changed", "already Release 2", "no Release 2 equivalent", "not a listed value", "Release 2 spelling not known"}[m]
}

// ValueMap is how one distinct value of one field converts.
type ValueMap struct {
	Field      string // template header
	Key        string
	From, To   string
	Outcome    MapOutcome
	Rows       int
	Verified   bool   // the mapping pair is read in a source (not inferred)
	Confidence string // the mapping's confidence, from cld_r2.json
}

// R2Mapper converts Release 1 list values to Release 2.
type R2Mapper struct {
	r1, r2 *Spec
	// per field key: normalised R1 value → mapping
	pairs map[string]map[string]ValueMapping
	r2set map[string]map[string]bool
	r1set map[string]map[string]bool
}

// NewR2Mapper prepares the embedded mapping tables.
func NewR2Mapper() (*R2Mapper, error) {
	r1, err := LoadSpec(R1)
	if err != nil {
		return nil, err
	}
	r2, err := LoadSpec(R2)
	if err != nil {
		return nil, err
	}
	m := &R2Mapper{r1: r1, r2: r2, pairs: map[string]map[string]ValueMapping{},
		r2set: map[string]map[string]bool{}, r1set: map[string]map[string]bool{}}
	for key, list := range r2.R1ToR2 {
		m.pairs[key] = map[string]ValueMapping{}
		for _, p := range list {
			m.pairs[key][NormalizeValue(p.R1)] = p
		}
	}
	for _, f := range r2.Fields {
		m.r2set[f.Key] = map[string]bool{}
		for _, v := range f.Values {
			m.r2set[f.Key][v.Value] = true
		}
	}
	for _, f := range r1.Fields {
		m.r1set[f.Key] = map[string]bool{}
		for _, v := range f.Values {
			m.r1set[f.Key][NormalizeValue(v.Value)] = true
		}
	}
	return m, nil
}

// Map converts one value of a field (by key).
func (m *R2Mapper) Map(key, value string) ValueMap {
	f := m.r2.Field(key)
	vm := ValueMap{Key: key, From: value, To: value}
	if f != nil {
		vm.Field = f.Name
	}
	if f == nil || !f.IsList() || value == "" {
		return vm
	}
	if m.r2set[key][value] {
		// Identical in both releases, or already converted.
		if p, ok := m.pairs[key][NormalizeValue(value)]; ok && p.R2 == value && p.R1 == value {
			return vm
		}
		vm.Outcome = MapAlreadyR2
		return vm
	}
	if p, ok := m.pairs[key][NormalizeValue(value)]; ok {
		vm.Verified, vm.Confidence = p.Verified, p.Confidence
		if p.R2 == "" {
			vm.Outcome = MapNoEquivalent
			return vm
		}
		vm.To, vm.Outcome = p.R2, MapChanged
		return vm
	}
	if len(m.pairs[key]) == 0 && len(m.r2set[key]) == 0 {
		return vm // Release 2 publishes no list for this field: kept as written
	}
	if m.r1set[key][NormalizeValue(value)] && !f.ListComplete() {
		vm.Outcome = MapR2Unknown
		return vm
	}
	vm.Outcome = MapNotListed
	return vm
}

// PreviewR2 lists how every distinct list value of a file would convert,
// with row counts: changed values first, then those needing attention.
func (m *R2Mapper) PreviewR2(res *Result) []ValueMap {
	var out []ValueMap
	t := res.Table
	for _, col := range t.Cols {
		if col.Field == nil || !col.Field.IsList() {
			continue
		}
		counts := make([]int, col.Distinct())
		for r := 0; r < t.Len(); r++ {
			counts[col.ID(r)]++
		}
		for id, n := range counts {
			v := col.Value(uint32(id))
			if n == 0 || v == "" {
				continue
			}
			vm := m.Map(col.Field.Key, v)
			vm.Rows = n
			out = append(out, vm)
		}
	}
	rank := map[MapOutcome]int{MapNoEquivalent: 0, MapR2Unknown: 1, MapNotListed: 2, MapChanged: 3, MapAlreadyR2: 4, MapUnchanged: 5}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if rank[a.Outcome] != rank[b.Outcome] {
			return rank[a.Outcome] < rank[b.Outcome]
		}
		if a.Field != b.Field {
			return res.Spec.Field(a.Key).Position < res.Spec.Field(b.Key).Position
		}
		return a.Rows > b.Rows
	})
	return out
}
