package validation

import (
	"fmt"
	"sort"
	"strings"

	"cldvalidator/reader"
)

// releaseVotes counts list values written exactly as one release spells
// them and not as the other.
type releaseVotes struct {
	r1, r2     int
	r1Examples map[string]int // "Field: value" → rows
	r2Examples map[string]int
}

// releaseLists maps, per header position, each exact spelling to the
// releases that use it.
type releaseLists struct {
	fields []*Field          // R1 field (names are shared by both releases)
	r1     []map[string]bool // per field: exact R1 values
	r2     []map[string]bool // per field: exact R2 values
	// r1Only marks, per field, the Release 1 values that say "Release 1":
	// those Release 2 spells differently. A Release 1 value whose Release 2
	// spelling is not known (no mapping, and a partly known Release 2
	// list) may be spelled the same in both, so it votes for neither.
	r1Only []map[string]bool
	byHdr  map[string]int // normalised header → field index
}

func loadReleaseLists() *releaseLists {
	s1, _ := LoadSpec(R1)
	s2, _ := LoadSpec(R2)
	rl := &releaseLists{byHdr: map[string]int{}}
	for i, f := range s1.Fields {
		rl.fields = append(rl.fields, f)
		a, b, only := map[string]bool{}, map[string]bool{}, map[string]bool{}
		for _, v := range f.Values {
			a[v.Value] = true
		}
		f2 := s2.Field(f.Key)
		if f2 != nil {
			for _, v := range f2.Values {
				b[v.Value] = true
			}
		}
		mapped := map[string]bool{}
		for _, m := range s2.R1ToR2[f.Key] {
			mapped[NormalizeValue(m.R1)] = true
		}
		for v := range a {
			if !b[v] && (mapped[NormalizeValue(v)] || (f2 != nil && f2.ListComplete())) {
				only[v] = true
			}
		}
		rl.r1 = append(rl.r1, a)
		rl.r2 = append(rl.r2, b)
		rl.r1Only = append(rl.r1Only, only)
		rl.byHdr[NormalizeHeader(f.Name)] = i
		rl.byHdr[NormalizeHeader(f.Key)] = i
	}
	return rl
}

// vote adds one value of field fi seen on n rows.
func (rl *releaseLists) vote(v *releaseVotes, fi int, value string, n int) {
	if len(rl.r1[fi]) == 0 || len(rl.r2[fi]) == 0 {
		return // only a field both releases publish says which one is used
	}
	in1, in2 := rl.r1[fi][value], rl.r2[fi][value]
	switch {
	case rl.r1Only[fi][value]:
		v.r1 += n
		v.r1Examples[rl.fields[fi].Name+": "+value] += n
	case in2 && !in1:
		v.r2 += n
		v.r2Examples[rl.fields[fi].Name+": "+value] += n
	}
}

func newVotes() *releaseVotes {
	return &releaseVotes{r1Examples: map[string]int{}, r2Examples: map[string]int{}}
}

// DetectRelease chooses Release 1 or 2 from the list values of the first
// rows, and says why in a sentence.
func DetectRelease(header []string, b *reader.Batch) (Release, string) {
	rl := loadReleaseLists()
	v := newVotes()
	if b != nil {
		for c, h := range header {
			fi, ok := rl.byHdr[NormalizeHeader(h)]
			if !ok || len(rl.r1[fi]) == 0 {
				continue
			}
			for r := 0; r < b.Len(); r++ {
				rl.vote(v, fi, string(b.Cell(r, c)), 1)
			}
		}
	}
	switch {
	case v.r2 > v.r1:
		return R2, fmt.Sprintf("Checked against Release 2: %s of the list values in the first %s rows are written as Release 2 spells them (e.g. %s)%s.",
			Commas(v.r2), Commas(b.Len()), topExample(v.r2Examples), againstText(v.r1, "Release 1"))
	case v.r1 > v.r2:
		return R1, fmt.Sprintf("Checked against Release 1: %s of the list values in the first %s rows are written as Release 1 spells them (e.g. %s)%s.",
			Commas(v.r1), Commas(b.Len()), topExample(v.r1Examples), againstText(v.r2, "Release 2"))
	}
	return R2, "Checked against Release 2, the current release: the file's list values do not show which release it uses."
}

func againstText(n int, rel string) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(", against %s in %s spelling", Commas(n), rel)
}

func topExample(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	if len(keys) == 0 {
		return ""
	}
	return "'" + keys[0] + "'"
}

// checkMixedRelease counts, over the whole file, list values that only one
// release spells that way, and warns when both releases occur.
func (e *engine) checkMixedRelease() {
	rl := loadReleaseLists()
	v := newVotes()
	for fi, c := range e.fieldCol {
		if c < 0 || len(rl.r1[fi]) == 0 {
			continue
		}
		cs := e.cols[c]
		counts := cs.col.Counts()
		for id, cnt := range counts {
			if cnt > 0 {
				rl.vote(v, fi, cs.col.Value(uint32(id)), int(cnt))
			}
		}
	}
	if v.r1 == 0 || v.r2 == 0 {
		return
	}
	detail := fmt.Sprintf("%s values are in Release 1 spelling (most often %s) and %s in Release 2 spelling (most often %s)",
		Commas(v.r1), topExample(v.r1Examples), Commas(v.r2), topExample(v.r2Examples))
	e.fileIssue(-1, -1, "release-mixed", strings.TrimSpace(detail))
}

// noteUnlistedFields says, once per field, that a defined-list field with no
// published list was accepted as free text, and which values it holds.
func (e *engine) noteUnlistedFields() {
	for fi, c := range e.fieldCol {
		f := e.spec.Fields[fi]
		if c < 0 || !f.IsList() || f.HasPublishedList() {
			continue
		}
		cs := e.cols[c]
		counts := cs.col.Counts()
		type vc struct {
			v string
			n int
		}
		var vals []vc
		for id, cnt := range counts {
			if cnt > 0 && !cs.info[id].blank() {
				vals = append(vals, vc{cs.col.Value(uint32(id)), int(cnt)})
			}
		}
		if len(vals) == 0 {
			continue
		}
		sort.Slice(vals, func(i, j int) bool {
			if vals[i].n != vals[j].n {
				return vals[i].n > vals[j].n
			}
			return vals[i].v < vals[j].v
		})
		var parts []string
		for i, v := range vals {
			if i == 8 {
				parts = append(parts, fmt.Sprintf("and %d more", len(vals)-8))
				break
			}
			parts = append(parts, fmt.Sprintf("'%s' (%s)", v.v, Commas(v.n)))
		}
		e.fileIssue(c, fi, "list-no-published-values", strings.Join(parts, ", "))
	}
}
