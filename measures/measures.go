// Package measures works out, from one checked Client Level Data file, the
// figures NHS England and DHSC compute centrally from CLD: the Short and
// Long Term (SALT) tables LTS001a/b/c, LTS002a/b, LTS003, LTS004, STS001,
// STS002a/b and the Adult Social Care Outcomes Framework measures 2A, 2D,
// 2E and 3D. Each follows the published method step by step (NHS England's
// replication scripts for SALT; DHSC's 2024/25-onwards scripts for ASCOF);
// the categories, orders and hierarchies the methods use are data
// (methods.json), and docs/measures.md says where this replication
// differs and why.
//
// Every figure can be opened: each cell of a table keeps the people (or
// events) it counts and the rows behind them, and each table keeps the
// rows left out at each step and why (an invalid value, outside the
// period, a duplicate, no person id, no age). Figures are this tool's
// replication, not official statistics.
//
// The package imports no GUI; it reads a finished validation.Result and
// never changes it.
package measures

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"sync"
	"time"

	"cldvalidator/validation"
)

// Disclaimer is said wherever figures are shown.
const Disclaimer = "These figures are this tool's replication of the published methods, worked out from this file alone before it is submitted. They are not official statistics: NHS England and DHSC compute theirs from every submission they hold, with data this file does not have (traced NHS Numbers, hospital records, earlier submissions)."

// Reason is why rows were left out.
type Reason uint8

// The reasons rows are left out of a table.
const (
	ReasonInvalid   Reason = iota + 1 // a value the step needs is blank or not valid (the check's issue)
	ReasonPeriod                      // outside the period (or the person died before it)
	ReasonDuplicate                   // the same event as another row
	ReasonNoPerson                    // no person id the method can use
	ReasonNoAge                       // no usable date of birth
	ReasonAge                         // an age the table does not count (e.g. under 18)
	// ReasonCohort marks rows that are not in a table's cohort by its
	// definition (an existing client's request in STS001, support for less
	// than 12 months in LTS001c): listed so a figure can be explained.
	ReasonCohort
)

// String is the reason in words.
func (r Reason) String() string {
	switch r {
	case ReasonInvalid:
		return "invalid value"
	case ReasonPeriod:
		return "outside the period"
	case ReasonDuplicate:
		return "duplicate"
	case ReasonNoPerson:
		return "no person id"
	case ReasonNoAge:
		return "no age"
	case ReasonAge:
		return "age not counted"
	case ReasonCohort:
		return "not in the cohort"
	}
	return "other"
}

// Exclusion is a group of rows left out at one step, for one reason and
// detail.
type Exclusion struct {
	Step   string // the step in words
	Reason Reason
	Detail string // what exactly, e.g. "Service Type: Value not in the defined list"
	// Column is the table column the rows would most likely have counted
	// in (from their own valid values), -1 when unknown.
	Column int
	Rows   []int32 // table rows (0-based), in file order
}

// Entry is one thing a cell counts (a person, a request, an episode) and
// the rows behind it.
type Entry struct {
	Person uint64  // the method's person key
	Rows   []int32 // table rows (0-based)
}

// Table is one published table (or one proportion with its numerator and
// denominator).
type Table struct {
	ID      string
	Title   string
	Unit    string // what a count counts: "people", "requests", "episodes", "reviews"
	RowHead string // what the rows are, e.g. "Primary Support Reason"
	Rows    []string
	Cols    []string
	Counts  [][]int
	// Ratio marks a proportion: its columns are Numerator and Denominator
	// and Percent gives the ratio of each row.
	Ratio      bool
	Notes      []string
	Exclusions []*Exclusion

	// What the cells count, in the order the measure added them, in
	// blocks of a fixed size (a table of a million entries is never
	// copied as it grows). They are not sorted by cell: working out a
	// figure only counts, and Entries picks a cell's entries out when
	// someone opens it. The rows behind them are copied into chunks of
	// the table's own: neither holds a pointer, so the garbage collector
	// never looks through them.
	blocks [][]entry
	chunks [][]int32
}

// entry is one thing counted in a row: in column col and, when also is
// not noCol, in column also too (a total, or a denominator that includes
// the numerator), so such a pair is stored once. Its rows are
// chunks[chunk][off : off+n].
type entry struct {
	person         uint64
	chunk, off, n  uint32
	row, col, also uint8 // a table has a few dozen rows and columns at most
}

// noCol is an entry's also when it counts in one column only.
const noCol = math.MaxUint8

// maxCells is the most rows, or columns, a table can have.
const maxCells = noCol - 1

// rowChunk is the size of a table's chunks of rows.
const rowChunk = 1 << 16

// Entries lists what cell (r, c) counts, in the order the measure counted
// them.
func (t *Table) Entries(r, c int) []Entry {
	if r < 0 || c < 0 || r >= len(t.Rows) || c >= len(t.Cols) || t.Counts[r][c] == 0 {
		return nil
	}
	out := make([]Entry, 0, t.Counts[r][c])
	r8, c8 := uint8(r), uint8(c)
	for _, bl := range t.blocks {
		for i := range bl {
			if e := &bl[i]; e.row == r8 && (e.col == c8 || e.also == c8) {
				rows := t.chunks[e.chunk][e.off : e.off+e.n : e.off+e.n]
				out = append(out, Entry{Person: e.person, Rows: rows})
			}
		}
	}
	return out
}

// Percent is a ratio row's numerator over its denominator, in percent; ok
// is false for a zero denominator.
func (t *Table) Percent(r int) (float64, bool) {
	if !t.Ratio || r < 0 || r >= len(t.Rows) || t.Counts[r][1] == 0 {
		return 0, false
	}
	return 100 * float64(t.Counts[r][0]) / float64(t.Counts[r][1]), true
}

// Left is the number of rows left out in all.
func (t *Table) Left() int {
	n := 0
	for _, e := range t.Exclusions {
		n += len(e.Rows)
	}
	return n
}

// Measure is one SALT table set or ASCOF measure.
type Measure struct {
	ID     string // e.g. "LTS001b", "ASCOF 2E"
	Name   string
	Method string    // the published file followed
	Source SourceRef // publisher, repository, commit, version
	// Partial is set when one file cannot give the whole measure; Missing
	// says what is missing.
	Partial bool
	Missing string
	Notes   []string // where this replication differs, and why
	Tables  []*Table
}

// Table finds a table by id.
func (m *Measure) Table(id string) *Table {
	for _, t := range m.Tables {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// Report is every measure worked out from one file.
type Report struct {
	File        string
	Release     validation.Release
	PeriodStart int32 // the reporting period the file states (days)
	PeriodEnd   int32
	Measures    []*Measure
	Duration    time.Duration

	res *validation.Result
}

// Measure finds a measure by id.
func (r *Report) Measure(id string) *Measure {
	for _, m := range r.Measures {
		if m.ID == id {
			return m
		}
	}
	return nil
}

// Period is the reporting period in words.
func (r *Report) Period() string {
	return validation.FormatDays(r.PeriodStart) + " to " + validation.FormatDays(r.PeriodEnd)
}

// PersonLabel is how a person is shown: the LA Person Unique Identifier of
// their first row, or their NHS Number (masked unless mask is false).
func (r *Report) PersonLabel(e Entry, mask bool) string {
	if len(e.Rows) == 0 {
		return ""
	}
	return r.res.PersonID(int(e.Rows[0]), mask)
}

// RowNumber is a table row's spreadsheet row.
func (r *Report) RowNumber(row int32) int { return int(r.res.Table.RowNum[row]) }

// Result is the check the report was worked out from.
func (r *Report) Result() *validation.Result { return r.res }

// ErrNoPeriod is returned for a file without a readable reporting period:
// every measure counts within it.
var ErrNoPeriod = errors.New("the file states no readable reporting period (Reporting Period Start and End Date), so no measure can be worked out: fix the period first")

// Compute works out every measure from a checked file.
func Compute(res *validation.Result) (*Report, error) {
	if res == nil || res.Table == nil {
		return nil, errors.New("measures: no checked file")
	}
	started := time.Now()
	m, err := loadMethods()
	if err != nil {
		return nil, err
	}
	rv, err := newResolver(res.Spec)
	if err != nil {
		return nil, err
	}
	f := newFrame(res)
	if !f.hasPeriod {
		return nil, ErrNoPeriod
	}
	c := &ctx{f: f, m: m, rv: rv}
	c.prepare()
	rep := &Report{File: res.Info.Name, Release: res.Spec.Release, PeriodStart: f.start, PeriodEnd: f.end, res: res}
	builders := []func() *Measure{
		c.lts001a, c.lts001b, c.lts001c, c.lts002a, c.lts002b, c.lts003, c.lts004,
		c.sts001, c.sts002a, c.sts002b,
		c.ascof2A, c.ascof2D, c.ascof2E, c.ascof3D,
	}
	out := make([]*Measure, len(builders))
	tasks := make([]func(), len(builders))
	var (
		mu     sync.Mutex
		panics []string
	)
	for i, b := range builders {
		i, b := i, b
		tasks[i] = func() {
			defer func() {
				if p := recover(); p != nil {
					mu.Lock()
					panics = append(panics, fmt.Sprint(p))
					mu.Unlock()
				}
			}()
			out[i] = b()
		}
	}
	parallel(tasks) // side by side
	if len(panics) > 0 {
		return nil, fmt.Errorf("measures: internal error: %s", panics[0])
	}
	rep.Measures = out
	rep.Duration = time.Since(started)
	return rep, nil
}

// Builders.

// tableBuilder collects a table's entries and exclusions.
type tableBuilder struct {
	t      *Table
	counts []int // row-major, len(Rows)*len(Cols)
	ex     map[exKey]*Exclusion
}

const blockSize = 1 << 14

type exKey struct {
	step   string
	reason Reason
	detail string
	col    int
}

func newTable(id, title, unit, rowHead string, rows, cols []string) *tableBuilder {
	if len(rows) > maxCells || len(cols) > maxCells {
		panic("measures: " + id + " has too many rows or columns")
	}
	return &tableBuilder{
		t:      &Table{ID: id, Title: title, Unit: unit, RowHead: rowHead, Rows: rows, Cols: cols},
		counts: make([]int, len(rows)*len(cols)),
		ex:     map[exKey]*Exclusion{},
	}
}

// add counts one entry in cell (r, c), with the rows behind it (copied).
func (b *tableBuilder) add(r, c int, person uint64, rows []int32) {
	b.put(r, c, -1, person, rows)
}

// addBoth counts one entry in cells (r, c) and (r, also): in its column
// and the row's total, or in a numerator and its denominator.
func (b *tableBuilder) addBoth(r, c, also int, person uint64, rows []int32) {
	if also == c {
		panic(fmt.Sprintf("measures: %s counts an entry twice in column %d", b.t.ID, c))
	}
	b.put(r, c, also, person, rows)
}

func (b *tableBuilder) put(r, c, also int, person uint64, rows []int32) {
	t := b.t
	nc := len(t.Cols)
	if r < 0 || c < 0 || r >= len(t.Rows) || c >= nc || also >= nc {
		panic(fmt.Sprintf("measures: %s has no cell (%d, %d)", t.ID, r, c))
	}
	e := entry{person: person, row: uint8(r), col: uint8(c), also: noCol, n: uint32(len(rows))}
	if also >= 0 {
		e.also = uint8(also)
	}
	// The rows go into the last chunk if they fit; a chunk, like a block,
	// starts small and doubles, and a list longer than a chunk gets one
	// of its own.
	k := len(t.chunks) - 1
	if k < 0 || len(t.chunks[k])+len(rows) > cap(t.chunks[k]) {
		size := 256
		if k >= 0 {
			size = min(2*cap(t.chunks[k]), rowChunk)
		}
		t.chunks = append(t.chunks, make([]int32, 0, max(size, len(rows))))
		k++
	}
	e.chunk, e.off = uint32(k), uint32(len(t.chunks[k]))
	t.chunks[k] = append(t.chunks[k], rows...)
	if n := len(t.blocks); n == 0 || len(t.blocks[n-1]) == cap(t.blocks[n-1]) {
		// Blocks double from 64 entries up to blockSize: a small table
		// stays small and nothing is copied as a table grows.
		size := 64
		if n > 0 {
			size = min(2*cap(t.blocks[n-1]), blockSize)
		}
		t.blocks = append(t.blocks, make([]entry, 0, size))
	}
	last := &t.blocks[len(t.blocks)-1]
	*last = append(*last, e)
	b.counts[r*nc+c]++
	if also >= 0 {
		b.counts[r*nc+also]++
	}
}

// leave records that row was left out.
func (b *tableBuilder) leave(step string, reason Reason, detail string, col int, row int32) {
	k := exKey{step, reason, detail, col}
	e := b.ex[k]
	if e == nil {
		e = &Exclusion{Step: step, Reason: reason, Detail: detail, Column: col}
		b.ex[k] = e
		b.t.Exclusions = append(b.t.Exclusions, e)
	}
	e.Rows = append(e.Rows, row)
}

// share adds exclusions recorded elsewhere (a measure's shared steps).
func (b *tableBuilder) share(es []*Exclusion) {
	b.t.Exclusions = append(b.t.Exclusions, es...)
}

// done fills in the counts and orders the exclusions, largest first.
func (b *tableBuilder) done() *Table {
	t := b.t
	nc := len(t.Cols)
	t.Counts = make([][]int, len(t.Rows))
	for r := range t.Counts {
		t.Counts[r] = b.counts[r*nc : (r+1)*nc : (r+1)*nc]
	}
	sort.SliceStable(t.Exclusions, func(i, j int) bool { return len(t.Exclusions[i].Rows) > len(t.Exclusions[j].Rows) })
	return t
}

// exclusions collects a measure's shared exclusions (steps before its
// tables split).
type exclusions struct {
	m    map[exKey]*Exclusion
	list []*Exclusion
}

func newExclusions() *exclusions { return &exclusions{m: map[exKey]*Exclusion{}} }

// leave records a row left out; a nil set records nothing (for rows whose
// exclusion a measure does not show).
func (x *exclusions) leave(step string, reason Reason, detail string, col int, row int32) {
	if x == nil {
		return
	}
	k := exKey{step, reason, detail, col}
	e := x.m[k]
	if e == nil {
		e = &Exclusion{Step: step, Reason: reason, Detail: detail, Column: col}
		x.m[k] = e
		x.list = append(x.list, e)
	}
	e.Rows = append(e.Rows, row)
}

// ratioAdd counts an entry in a proportion's row r: in the denominator
// (column 1) and, when in is true, the numerator (column 0) too.
func ratioAdd(b *tableBuilder, r int, in bool, person uint64, rows []int32) {
	if in {
		b.addBoth(r, 0, 1, person, rows)
	} else {
		b.add(r, 1, person, rows)
	}
}
