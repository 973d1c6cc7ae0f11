package measures

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"cldvalidator/validation"
)

// Text and JSON forms of a report, for the command line. Neither holds
// personal data: people are counted, never named; rows are spreadsheet
// row numbers.

// MethodLine says which published method a measure follows.
func (m *Measure) MethodLine() string {
	s := m.Source
	return fmt.Sprintf("%s, %s (%s, %s @ %.8s)", s.Publisher, s.Version, m.Method, s.Repository, s.Commit)
}

// CostLines say how many rows each check issue (and each other reason)
// removed from a table, most first: "3 rows left out: invalid value —
// Service Type: Value not in the defined list (Long-term support during the
// period)".
func (t *Table) CostLines() []string {
	var out []string
	for _, g := range t.LeftOut() {
		out = append(out, fmt.Sprintf("%s left out: %s — %s (%s)", plural(g.Count, "row", "rows"), g.Reason, g.Detail, g.Step))
	}
	return out
}

// LeftGroup is the rows left out at one step for one reason and detail,
// whatever column they would have counted in.
type LeftGroup struct {
	Step   string
	Reason Reason
	Detail string
	Count  int
	Groups []*Exclusion // by column
}

// LeftOut groups a table's exclusions by step, reason and detail, most
// rows first.
func (t *Table) LeftOut() []LeftGroup {
	var out []LeftGroup
	index := map[[3]string]int{}
	for _, e := range t.Exclusions {
		k := [3]string{e.Step, e.Reason.String(), e.Detail}
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, LeftGroup{Step: e.Step, Reason: e.Reason, Detail: e.Detail})
		}
		out[i].Count += len(e.Rows)
		out[i].Groups = append(out[i].Groups, e)
	}
	slices.SortStableFunc(out, func(a, b LeftGroup) int { return b.Count - a.Count })
	return out
}

// Rows is every row of a group, in file order.
func (g LeftGroup) Rows() []int32 {
	var out []int32
	for _, e := range g.Groups {
		out = append(out, e.Rows...)
	}
	slices.Sort(out)
	return out
}

// IssueCost is the number of rows the check's issues removed from a table
// (invalid or missing values, no person id, duplicates).
func (t *Table) IssueCost() int {
	n := 0
	for _, e := range t.Exclusions {
		switch e.Reason {
		case ReasonInvalid, ReasonNoPerson, ReasonDuplicate, ReasonNoAge:
			n += len(e.Rows)
		}
	}
	return n
}

// WriteText writes the report as plain text: each measure's tables (rows
// where everything is 0 are left out), proportions as percentages, and
// what was left out.
func (r *Report) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "SALT and ASCOF measures from %s (Release %s), period %s.\n", r.File, strings.TrimPrefix(string(r.Release), "R"), r.Period())
	fmt.Fprintf(bw, "%s\n", Disclaimer)
	for _, m := range r.Measures {
		fmt.Fprintf(bw, "\n== %s: %s\n", m.ID, m.Name)
		fmt.Fprintf(bw, "   Method: %s.\n", m.MethodLine())
		if m.Partial {
			fmt.Fprintf(bw, "   Partial: %s\n", m.Missing)
		}
		for _, n := range m.Notes {
			fmt.Fprintf(bw, "   Note: %s\n", n)
		}
		for _, t := range m.Tables {
			writeTextTable(bw, t)
		}
	}
	return bw.Flush()
}

func writeTextTable(w io.Writer, t *Table) {
	fmt.Fprintf(w, "\n   %s — %s (%s)\n", t.ID, t.Title, t.Unit)
	// Long column names are numbered, with a legend.
	cols := t.Cols
	width := 8
	long := false
	for _, c := range t.Cols {
		width = max(width, min(len(c), 14))
		long = long || len([]rune(c)) > 14
	}
	if long {
		cols = make([]string, len(t.Cols))
		var legend []string
		for i, c := range t.Cols {
			cols[i] = fmt.Sprintf("(%d)", i+1)
			legend = append(legend, fmt.Sprintf("(%d) %s", i+1, c))
		}
		fmt.Fprintf(w, "   Columns: %s\n", strings.Join(legend, "; "))
		width = 8
	}
	label := 10
	for i, r := range t.Rows {
		if rowHasCounts(t, i) {
			label = max(label, min(len(r), 60))
		}
	}
	head := fmt.Sprintf("   %-*s", label, truncate(t.RowHead, label))
	for _, c := range cols {
		head += fmt.Sprintf(" %*s", width, truncate(c, width))
	}
	if t.Ratio {
		head += fmt.Sprintf(" %*s", 8, "%")
	}
	fmt.Fprintln(w, head)
	shown := 0
	for i, r := range t.Rows {
		if !rowHasCounts(t, i) {
			continue
		}
		shown++
		line := fmt.Sprintf("   %-*s", label, truncate(r, label))
		for _, n := range t.Counts[i] {
			line += fmt.Sprintf(" %*s", width, validation.Commas(n))
		}
		if t.Ratio {
			if p, ok := t.Percent(i); ok {
				line += fmt.Sprintf(" %7.1f%%", p)
			} else {
				line += fmt.Sprintf(" %8s", "—")
			}
		}
		fmt.Fprintln(w, line)
	}
	if shown == 0 {
		fmt.Fprintln(w, "   (no one counted)")
	}
	for _, n := range t.Notes {
		fmt.Fprintf(w, "   Note: %s\n", n)
	}
	for _, l := range t.CostLines() {
		fmt.Fprintf(w, "   %s\n", l)
	}
}

func rowHasCounts(t *Table, i int) bool {
	for _, n := range t.Counts[i] {
		if n != 0 {
			return true
		}
	}
	return false
}

func truncate(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n-1]) + "…"
}

// maxJSONRows is how many row numbers a left-out group lists in JSON (the
// count is always complete).
const maxJSONRows = 100

type jsonReport struct {
	File       string        `json:"file"`
	Release    string        `json:"release"`
	Period     jsonPeriod    `json:"period"`
	Disclaimer string        `json:"disclaimer"`
	Measures   []jsonMeasure `json:"measures"`
}

type jsonPeriod struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

type jsonMeasure struct {
	ID      string      `json:"id"`
	Name    string      `json:"name"`
	Method  jsonMethod  `json:"method"`
	Partial bool        `json:"partial"`
	Missing string      `json:"missing,omitempty"`
	Notes   []string    `json:"notes,omitempty"`
	Tables  []jsonTable `json:"tables"`
}

type jsonMethod struct {
	SourceRef
	File string `json:"file"`
}

type jsonTable struct {
	ID        string     `json:"id"`
	Title     string     `json:"title"`
	Unit      string     `json:"unit"`
	RowHeader string     `json:"row_header,omitempty"`
	Rows      []string   `json:"rows"`
	Columns   []string   `json:"columns"`
	Counts    [][]int    `json:"counts"`
	Percent   []*float64 `json:"percent,omitempty"`
	Notes     []string   `json:"notes,omitempty"`
	LeftOut   []jsonLeft `json:"left_out"`
	IssueCost int        `json:"rows_removed_by_check_issues"`
}

type jsonLeft struct {
	Step       string `json:"step"`
	Reason     string `json:"reason"`
	Detail     string `json:"detail"`
	Rows       int    `json:"rows"`
	RowNumbers []int  `json:"row_numbers"`
}

// WriteJSON writes the report as JSON (see README: cldapp measures --json).
func (r *Report) WriteJSON(w io.Writer) error {
	jr := jsonReport{File: r.File, Release: string(r.Release), Disclaimer: Disclaimer,
		Period: jsonPeriod{validation.FormatDays(r.PeriodStart), validation.FormatDays(r.PeriodEnd)}}
	for _, m := range r.Measures {
		jm := jsonMeasure{ID: m.ID, Name: m.Name, Method: jsonMethod{m.Source, m.Method}, Partial: m.Partial, Missing: m.Missing, Notes: m.Notes}
		for _, t := range m.Tables {
			jt := jsonTable{ID: t.ID, Title: t.Title, Unit: t.Unit, RowHeader: t.RowHead, Rows: t.Rows, Columns: t.Cols,
				Counts: t.Counts, Notes: t.Notes, LeftOut: []jsonLeft{}, IssueCost: t.IssueCost()}
			if t.Ratio {
				for i := range t.Rows {
					if p, ok := t.Percent(i); ok {
						p := p
						jt.Percent = append(jt.Percent, &p)
					} else {
						jt.Percent = append(jt.Percent, nil)
					}
				}
			}
			for _, g := range t.LeftOut() {
				rows := g.Rows()
				jl := jsonLeft{Step: g.Step, Reason: g.Reason.String(), Detail: g.Detail, Rows: len(rows), RowNumbers: []int{}}
				for _, row := range rows[:min(len(rows), maxJSONRows)] {
					jl.RowNumbers = append(jl.RowNumbers, r.RowNumber(row))
				}
				jt.LeftOut = append(jt.LeftOut, jl)
			}
			jm.Tables = append(jm.Tables, jt)
		}
		jr.Measures = append(jr.Measures, jm)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	return enc.Encode(jr)
}
