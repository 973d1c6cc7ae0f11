package validation

import (
	"strings"

	"cldvalidator/reader"
)

// A header spelled differently, or not in the template, is about the
// header itself.
var (
	_ = sayRule("column-name-variant", words{value: headerText})
	_ = sayRule("column-unknown", words{value: headerText})
)

func headerText(r *Result, is Issue) string {
	if is.Col < 0 {
		return ""
	}
	return r.Table.Headers[is.Col]
}

// matchHeaders maps the file's columns to template fields, reports missing,
// misspelled, unknown and repeated columns, and prepares each column.
func (e *engine) matchHeaders(header []string) {
	s := e.spec
	e.fieldCol = make([]int, len(s.Fields))
	for i := range e.fieldCol {
		e.fieldCol[i] = -1
	}
	e.table.Headers = append([]string(nil), header...)
	dupCols := map[int][]int{} // field → extra file columns
	for c, h := range header {
		col := &Column{Header: h, Index: c, dict: newDict()}
		e.table.Cols = append(e.table.Cols, col)
		cs := &colState{col: col}
		e.cols = append(e.cols, cs)
		if strings.TrimSpace(h) == "" {
			e.fileIssue(c, -1, "column-unknown", reader.ColumnLetter(c))
			continue
		}
		f, exact := s.HeaderField(h)
		if f == nil {
			e.fileIssue(c, -1, "column-unknown", reader.ColumnLetter(c))
			continue
		}
		if e.fieldCol[f.Index] >= 0 {
			dupCols[f.Index] = append(dupCols[f.Index], c)
			continue
		}
		e.fieldCol[f.Index] = c
		col.Field = f
		if !exact {
			e.fileIssue(c, f.Index, "column-name-variant", "")
		}
	}
	for fi, extra := range dupCols {
		letters := []string{reader.ColumnLetter(e.fieldCol[fi])}
		for _, c := range extra {
			letters = append(letters, reader.ColumnLetter(c))
		}
		e.fileIssue(e.fieldCol[fi], fi, "column-duplicate", strings.Join(letters, ", "))
	}
	for _, f := range s.Fields {
		switch {
		case e.fieldCol[f.Index] >= 0 || f.Optional:
		case f.Mandatory.Level == "no" || f.Mandatory.Level == "unknown":
			e.fileIssue(-1, f.Index, "column-missing-optional", "")
		default:
			e.fileIssue(-1, f.Index, "column-missing", "")
		}
	}

	e.cond = compileConditions(s, e.fieldCol)
	for i, a := range e.cond.atoms {
		if a.col >= 0 {
			e.cols[a.col].atoms = append(e.cols[a.col].atoms, i)
		}
	}
	for _, cs := range e.cols {
		if f := cs.col.Field; f != nil {
			cs.checker = newValueChecker(s, f)
			if f.Type == "nhs_number" || f.Type == "postcode" {
				// Nearly one value per person: checking each row's value is
				// cheaper than looking it up among hundreds of thousands.
				cs.col.dict.goRaw()
			}
			if f.Type == "decimal" || f.Type == "integer" {
				cs.nextNums = make([]float64, 0, 64)
			}
		}
		// Id 0 is the empty string, interned up front: classify it too.
		e.classify(cs, 0)
	}
	// Live issues are rendered while rows load: the result needs its
	// columns from the start.
	e.res.fieldCol, e.res.cols = e.fieldCol, e.cols
	e.prepareRowRules()
	e.workers = make([]*worker, e.opts.Workers)
	for i := range e.workers {
		e.workers[i] = newWorker(e)
	}
	e.publish()
}
