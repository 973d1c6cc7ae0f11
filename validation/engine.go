package validation

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"cldvalidator/reader"
)

// Options control a validation run.
type Options struct {
	// Release to validate against: R1, R2, or "" / "auto" to choose from the
	// file's values.
	Release Release
	// Pack, when set, corrects or extends the embedded specification.
	Pack *Pack
	// Workers is the number of goroutines used for checking (default: the
	// number of CPUs).
	Workers int
	// BatchRows is the number of rows read and checked at a time.
	BatchRows int
	// OnProgress is called from the validating goroutine after each batch
	// and at each phase change. It must return quickly.
	OnProgress func(Progress)
	// OnIssues receives issues as they are found, already rendered (personal
	// data masked), so a window can show them before the run ends. Issues
	// found across records (duplicates, conflicts) arrive at the end.
	OnIssues func([]LiveIssue)
	// LiveLimit caps how many issues are rendered for OnIssues (default 20,000);
	// the complete list is always in the Result.
	LiveLimit int
	// Today is the date used for "in the future" checks (default: now).
	Today time.Time
	// OnInternalProblem receives a description of an internal problem (a
	// panic caught in a check; the other checks go on). It holds no cell
	// values. Nil: written to standard error. Called under a lock, from
	// any goroutine.
	OnInternalProblem func(msg string)
	// Fingerprint hashes the input file (SHA-256) alongside the check, for
	// the receipt in reports (Result.InputSHA256). Reports hash the file
	// themselves when it was not done here.
	Fingerprint bool
	// Sheet names the worksheet of a workbook to check (ValidateFile);
	// empty: the reader chooses and says why.
	Sheet string
}

// Progress reports how far a run has got.
type Progress struct {
	Phase      string // "Reading and checking rows", "Checking across records", "Summarising", "Done"
	Rows       int
	BytesDone  int64
	BytesTotal int64
	Errors     int
	Warnings   int
}

// Fraction is the share of the input read, 0..1.
func (p Progress) Fraction() float64 {
	if p.BytesTotal <= 0 {
		return 0
	}
	f := float64(p.BytesDone) / float64(p.BytesTotal)
	if f > 1 {
		f = 1
	}
	return f
}

// LiveIssue is an issue rendered for display while the run continues.
type LiveIssue struct {
	Row      int // spreadsheet row, 0 for the file
	Column   string
	Value    string
	Rule     string
	Severity Severity
	Message  string
	// PersonID (NHS Number masked) and EventType of the row, "" for the file.
	PersonID  string
	EventType string
}

// ErrCanceled is returned when the context is canceled during a run.
var ErrCanceled = errors.New("validation canceled")

// OpenFile opens a file with the readers, choosing the sheet and header row
// that best match either release's template.
func OpenFile(path string) (reader.Source, error) {
	return OpenSheet(path, "")
}

// OpenSheet opens a file like OpenFile, reading the named worksheet of a
// workbook ("" lets the reader choose).
func OpenSheet(path, sheet string) (reader.Source, error) {
	opts := ReaderOptions()
	opts.Sheet = sheet
	return reader.Open(path, opts)
}

// ReaderOptions are the reader options that find the template's header.
func ReaderOptions() reader.Options {
	r1, _ := LoadSpec(R1)
	r2, _ := LoadSpec(R2)
	return reader.Options{HeaderScore: func(cells []string) int {
		return max(r1.HeaderScore(cells), r2.HeaderScore(cells))
	}}
}

// ValidateFile opens and validates a file.
func ValidateFile(ctx context.Context, path string, opts Options) (*Result, error) {
	src, err := OpenSheet(path, opts.Sheet)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	return Validate(ctx, src, opts)
}

// Validate reads every row of src and checks it. The source is closed by
// the caller. On cancellation it returns ErrCanceled; on a reader error, the
// reader's *reader.Error.
func Validate(ctx context.Context, src reader.Source, opts Options) (*Result, error) {
	opts = opts.withDefaults()
	started := time.Now()
	fpPath := ""
	if opts.Fingerprint {
		fpPath = src.Info().Path
	}
	fingerprint := startFingerprint(fpPath)
	header := src.Header()
	if err := notCLD(src); err != nil {
		return nil, err
	}
	// What the reader says of the file before reading: its Info may change
	// while it reads (notes, warnings), so it is read again at the end.
	info := src.Info()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	rd := startReading(ctx, src, len(header), opts.BatchRows)
	defer rd.stop(cancel)

	// The release is chosen once the first batch is in (auto-detection
	// reads its values).
	first, ok := rd.next()
	if !ok {
		if err := rd.wait(ctx); err != nil {
			return nil, err
		}
	}
	if err := misaligned(info.Name, header, first); err != nil {
		return nil, err
	}
	spec, releaseNote, err := chooseSpec(header, first, opts)
	if err != nil {
		return nil, err
	}
	e := newEngine(spec, src, info, opts)
	e.started = started
	if releaseNote != "" {
		e.fileIssue(-1, -1, "release-detected", releaseNote)
	}
	e.matchHeaders(header)
	e.emitLive(0)
	for b := first; b != nil; b, _ = rd.next() {
		if ctx.Err() != nil {
			return nil, ErrCanceled
		}
		from := len(e.issues)
		// The batch goes back to the reader as soon as its cells are
		// interned; its rows are checked while the next batch is interned
		// (or by finish, for the last).
		if err := e.addBatch(b, func() { rd.release(b) }); err != nil {
			return nil, err
		}
		e.emitLive(from)
		e.progress("Reading and checking rows")
	}
	if err := rd.wait(ctx); err != nil {
		return nil, err
	}
	e.progress("Checking across records")
	from := len(e.issues)
	if err := e.finish(ctx); err != nil {
		return nil, err
	}
	e.emitLive(from)
	e.res.Started = started
	e.res.InputSHA256, e.res.InputSize = fingerprint()
	e.progress("Done")
	return e.res, nil
}

// withDefaults fills in the options left at zero.
func (o Options) withDefaults() Options {
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.BatchRows <= 0 {
		o.BatchRows = 8192
	}
	if o.LiveLimit <= 0 {
		o.LiveLimit = 20000
	}
	if o.Today.IsZero() {
		o.Today = time.Now()
	}
	return o
}

// readAhead reads batches on its own goroutine, so parsing the next batch
// overlaps with checking this one. Five batches circulate: the reader
// shares the processors with the checks, so its pace wavers; a few parsed
// batches in hand keep the checks from waiting for it.
type readAhead struct {
	batches chan *reader.Batch // read, in order; closed at the end
	free    chan *reader.Batch // back from the engine, to read into
	err     error              // the reader's error, once batches is closed
	wg      sync.WaitGroup
}

func startReading(ctx context.Context, src reader.Source, ncols, batchRows int) *readAhead {
	const inFlight = 5
	rd := &readAhead{batches: make(chan *reader.Batch, inFlight-1), free: make(chan *reader.Batch, inFlight)}
	for i := 0; i < inFlight; i++ {
		rd.free <- reader.NewBatch(ncols, batchRows)
	}
	rd.wg.Add(1)
	go func() {
		defer rd.wg.Done()
		defer close(rd.batches)
		for {
			var b *reader.Batch
			select {
			case b = <-rd.free:
			case <-ctx.Done():
				return
			}
			if err := src.Next(b); err != nil {
				if err != io.EOF {
					rd.err = err
				}
				return
			}
			select {
			case rd.batches <- b:
			case <-ctx.Done():
				return
			}
		}
	}()
	return rd
}

// next is the next batch read, ok false at the end.
func (rd *readAhead) next() (*reader.Batch, bool) {
	b, ok := <-rd.batches
	return b, ok
}

// release gives a batch back to be read into again.
func (rd *readAhead) release(b *reader.Batch) { rd.free <- b }

// wait waits for the reader to finish and returns its error, or
// ErrCanceled when the run was cancelled.
func (rd *readAhead) wait(ctx context.Context) error {
	rd.wg.Wait()
	if rd.err != nil {
		return rd.err
	}
	if ctx.Err() != nil {
		return ErrCanceled
	}
	return nil
}

// stop cancels the reader and waits for its goroutine (deferred by
// Validate, so no return leaves it running).
func (rd *readAhead) stop(cancel context.CancelFunc) {
	cancel()
	rd.wg.Wait()
}

// emitLive renders the issues found since from for Options.OnIssues, up
// to Options.LiveLimit in all.
func (e *engine) emitLive(from int) {
	if e.opts.OnIssues == nil || e.liveSent >= e.opts.LiveLimit {
		return
	}
	e.live = e.live[:0]
	for _, is := range e.issues[from:] {
		if e.liveSent >= e.opts.LiveLimit {
			break
		}
		e.live = append(e.live, e.res.liveIssue(is))
		e.liveSent++
	}
	if len(e.live) > 0 {
		e.opts.OnIssues(e.live)
	}
}

// startFingerprint hashes the input file (SHA-256) alongside the check, so
// the receipt in every report names the exact bytes that were checked. The
// returned function waits for the result ("" for pasted data or a file that
// could not be read).
func startFingerprint(path string) func() (string, int64) {
	if path == "" {
		return func() (string, int64) { return "", 0 }
	}
	type fp struct {
		sum  string
		size int64
	}
	ch := make(chan fp, 1)
	go func() {
		f, err := os.Open(path)
		if err != nil {
			ch <- fp{}
			return
		}
		defer f.Close()
		h := sha256.New()
		n, err := io.Copy(h, f)
		if err != nil {
			ch <- fp{}
			return
		}
		ch <- fp{hex.EncodeToString(h.Sum(nil)), n}
	}()
	return func() (string, int64) {
		r := <-ch
		return r.sum, r.size
	}
}

// engine is the state of one run.
type engine struct {
	spec     *Spec
	src      reader.Source
	opts     Options
	res      *Result
	table    *Table
	cols     []*colState
	fieldCol []int // spec field index → file column, -1 when missing
	cond     *conditions
	rules    ruleHandles
	workers  []*worker
	issues   []Issue
	errors   int
	warnings int
	liveSent int
	live     []LiveIssue // the batch of live issues being sent
	started  time.Time
	today    int32
	field    rowFields
	label    rowLabels
	rowRules []*rowRule
	colCost  []float64 // estimated interning cost of each column (ns per row)
	pending  pendingRows

	detailMu        sync.Mutex
	panicMu         sync.Mutex
	panicked        map[string]bool
	pendingInternal []string
}

// colState is the engine's view of one file column.
type colState struct {
	col     *Column
	checker *valueChecker
	info    []cellInfo  // by value id (published: see engine.publish)
	notes   []valueNote // suggestions and details of the column's values (cellInfo.note)
	nums    []float64
	atoms   []int // atoms testing this column's values
	// batchIDs holds the ids of the batch being interned.
	batchIDs []uint32
	// The working copies that interning writes; publish copies them to
	// info, nums and vals (and the column's ids) between steps.
	nextInfo []cellInfo
	nextNums []float64
	vals     []string // the dictionary's values, as published
	// anyInvalid records that some value of the column is invalid.
	anyInvalid bool
	// held is the bytes of the column's different values kept (MaxHeldText).
	held int64
}

// MaxHeldText bounds the bytes of different cell values a check keeps in
// memory (every distinct value of every column, for the Records tab and
// the reports). A generated extract of 1,048,575 rows keeps 20 MB (event
// references, NHS Numbers and person identifiers are most of it); a file
// of nothing but long, different texts is refused when it passes the
// limit, so that a check, and the report written after it, stays within
// about 1.5 GB (at 768 MB, 700,000 different 1,000-character values took
// 1.6 GB with the report). A variable so tests can lower it.
var MaxHeldText int64 = 256 << 20

// checkHeld refuses a file whose different values pass MaxHeldText.
func (e *engine) checkHeld() error {
	var total int64
	big := 0
	for c, cs := range e.cols {
		total += cs.held
		if cs.held > e.cols[big].held {
			big = c
		}
	}
	if total <= MaxHeldText {
		return nil
	}
	return &reader.Error{Name: e.res.Info.Name, Err: reader.ErrLimit, Message: fmt.Sprintf(
		"by row %s the file already holds more than %s of different values (%s of them in column '%s'), more than this tool can keep in memory, so it was not checked. A CLD extract repeats most of its values; check this is the right file, or split it into smaller files.",
		Commas(int(e.table.RowNum[len(e.table.RowNum)-1])), humanSize(MaxHeldText), humanSize(e.cols[big].held), e.table.Headers[big])}
}

// humanSize is a size for a sentence: "768 MB", "64 KB".
func humanSize(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", n>>10)
}

func newEngine(spec *Spec, src reader.Source, info reader.Info, opts Options) *engine {
	e := &engine{spec: spec, src: src, opts: opts}
	e.table = &Table{}
	e.res = &Result{Spec: spec, Info: info, HeaderRow: src.HeaderRow(), Table: e.table, words: wordsByRule(spec.Rules)}
	e.rules = resolveRules(spec.Rules)
	y, m, d := opts.Today.Date()
	e.today = DaysFromDate(y, int(m), d)
	return e
}

var _ = sayRule("row-extra-cells", words{detail: countDetail}) // Arg: the cells beyond the last header

// addBatch interns a batch into the table while the previous batch's rows
// are checked, on the same workers (see step). It calls release (when not
// nil) once it has no more use for the batch. The batch's own rows are
// checked with the next batch, or by finish.
func (e *engine) addBatch(b *reader.Batch, release func()) error {
	if release == nil {
		release = func() {}
	}
	n := b.Len()
	if n == 0 {
		release()
		return nil
	}
	base := e.table.Len()
	if base == 0 {
		e.reserve(b)
	}
	e.table.RowNum = append(e.table.RowNum, b.RowNum...)
	e.step(b, n)
	if err := e.checkHeld(); err != nil {
		release()
		return err
	}

	var overflow []Issue
	for rowNum, extra := range b.Overflow {
		for i, rn := range b.RowNum {
			if rn == rowNum {
				overflow = append(overflow, Issue{Row: int32(base + i), Col: -1, Field: -1, Rule: e.rules.rowExtraCells, Sev: e.sev(e.rules.rowExtraCells), Arg: int32(extra)})
				break
			}
		}
	}
	release()

	// Columns whose values are mostly different stop looking values up.
	if rows := e.table.Len(); rows >= 16384 {
		for _, cs := range e.cols {
			if d := cs.col.dict; !d.raw && len(d.vals)*2 > rows {
				d.goRaw()
				if c := cs.col.nextIDs.capacity(); c > len(d.vals) {
					d.vals = slices.Grow(d.vals, c-len(d.vals))
					cs.nextInfo = slices.Grow(cs.nextInfo, c-len(cs.nextInfo))
				}
			}
		}
	}
	e.publish()
	e.pending = pendingRows{lo: base, hi: base + n, overflow: overflow}
	return nil
}

// pendingRows are rows interned and published but not yet checked.
type pendingRows struct {
	lo, hi   int
	overflow []Issue // the batch's rows with cells beyond the last column
}

// step interns batch b (its first n rows; none when b is nil) and checks
// the pending rows, side by side on the workers. Interning comes first, a
// few groups of columns each walking the batch row by row (the batch is
// laid out row by row, so this reads memory in order) and keeping each
// column's dictionary to itself, dearest group first; then the pending
// rows' checks in small chunks, which fill the time a worker would
// otherwise wait for the other's last group. The checks read only what
// publish made visible; interning writes only the columns' working copies.
func (e *engine) step(b *reader.Batch, n int) {
	p := e.pending
	e.pending = pendingRows{}
	var shares [][]int
	if b != nil {
		shares = e.columnShares(4 * e.opts.Workers)
	}
	took := make([]time.Duration, len(shares))
	const chunkRows = 1024
	nchunks := (p.hi - p.lo + chunkRows - 1) / chunkRows
	type span struct {
		w      *worker
		lo, hi int // the chunk's issues in w.issues
	}
	spans := make([]span, nchunks)
	for _, w := range e.workers {
		w.issues = w.issues[:0]
	}
	e.parallelOn(len(shares)+nchunks, func(g, k int) {
		if k < len(shares) {
			start := time.Now()
			e.internColumns(shares[k], b, n)
			took[k] = time.Since(start)
			return
		}
		w := e.workers[g]
		c := k - len(shares)
		lo := p.lo + c*chunkRows
		first := len(w.issues)
		w.run(lo, min(p.hi, lo+chunkRows))
		slices.SortFunc(w.issues[first:], compareIssues)
		spans[c] = span{w, first, len(w.issues)}
	})
	for k, cols := range shares {
		e.learnCosts(cols, took[k], n)
	}
	for _, is := range p.overflow {
		e.addIssue(is)
	}
	for _, sp := range spans {
		for _, is := range sp.w.issues[sp.lo:sp.hi] {
			e.addIssue(is)
		}
	}
	e.flushInternal()
}

// publish makes what interning added visible to the row checks: each
// column's ids, value details, numbers and values, and the atoms' answers.
// The working copies go on growing; the checks of the next step read these
// (reads of published elements, writes beyond them: no two goroutines touch
// the same memory).
func (e *engine) publish() {
	for _, cs := range e.cols {
		cs.info, cs.nums, cs.vals = cs.nextInfo, cs.nextNums, cs.col.dict.vals
		cs.col.ids = cs.col.nextIDs
	}
	for _, a := range e.cond.atoms {
		a.cache = a.next
	}
}

func (e *engine) internColumns(cols []int, b *reader.Batch, n int) {
	// Everything the inner loop touches, gathered in one slice.
	type target struct {
		d    *Dict
		ids  []uint32 // this batch's ids, added to the column after the loop
		cs   *colState
		c    int
		held int64 // bytes of new values kept
	}
	ts := make([]target, len(cols))
	for i, c := range cols {
		cs := e.cols[c]
		cs.batchIDs = slices.Grow(cs.batchIDs[:0], n)[:n]
		ts[i] = target{d: cs.col.dict, ids: cs.batchIDs, cs: cs, c: c}
	}
	off, data, nc := b.Off, b.Data, b.NCols
	for r := 0; r < n; r++ {
		row := off[2*r*nc : 2*(r+1)*nc]
		for i := range ts {
			t := &ts[i]
			start, end := row[2*t.c], row[2*t.c+1]
			if start == end {
				t.ids[r] = 0 // blank (a field that does not apply): no call
				continue
			}
			id, isNew := t.d.intern(data[start:end])
			if isNew {
				e.classify(t.cs, id)
				t.held += int64(end - start)
			}
			t.ids[r] = id
		}
	}
	for _, t := range ts {
		t.cs.col.nextIDs.appendIDs(t.ids, uint32(len(t.d.vals)-1))
		t.cs.held += t.held
	}
}

// reserve sizes the row arrays from the first batch when the input's size
// says how many rows to expect (delimited text: bytes per row are about the
// same throughout), so a million rows do not regrow 50 arrays as they load.
func (e *engine) reserve(b *reader.Batch) {
	if f := e.res.Info.Format; f != "csv" && f != "tsv" {
		return
	}
	_, total := e.src.Progress()
	perRow := float64(len(b.Data)+b.Len()*b.NCols) / float64(b.Len())
	if total <= 0 || perRow <= 0 {
		return
	}
	// Quotes and line endings are not in the batch: allow 15% more rows.
	est := int(float64(total)/perRow*1.15) + b.Len()
	est = min(est, reader.DefaultLimits.MaxRows+1)
	if est <= b.Len()*2 {
		return
	}
	e.table.RowNum = make([]int32, 0, est)
	for _, cs := range e.cols {
		cs.col.nextIDs.reserve(est)
		if d := cs.col.dict; d.raw {
			d.vals = slices.Grow(d.vals, est)
			cs.nextInfo = slices.Grow(cs.nextInfo, est)
		}
	}
}

// columnShares deals the columns into groups of about the same interning
// work. What a column costs depends on the data (how
// many distinct values, how long, how dear to check), so the split learns:
// after each batch the time each worker took is spread over its columns'
// estimates (see learnCosts) and the columns are dealt out again, dearest
// first, to whichever worker has least so far.
func (e *engine) columnShares(groups int) [][]int {
	w := max(1, min(groups, len(e.cols)))
	if e.colCost == nil {
		e.colCost = make([]float64, len(e.cols))
		for c := range e.colCost {
			e.colCost[c] = 1
		}
	}
	order := make([]int, len(e.cols))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return e.colCost[order[i]] > e.colCost[order[j]] })
	shares := make([][]int, w)
	load := make([]float64, w)
	for _, c := range order {
		k := 0
		for i := range load {
			if load[i] < load[k] {
				k = i
			}
		}
		shares[k] = append(shares[k], c)
		load[k] += e.colCost[c]
	}
	// Dearest groups first, so the last ones taken are the cheap ones.
	idx := make([]int, w)
	for i := range idx {
		idx[i] = i
		sort.Ints(shares[i])
	}
	sort.SliceStable(idx, func(a, b int) bool { return load[idx[a]] > load[idx[b]] })
	out := make([][]int, 0, w)
	for _, i := range idx {
		if len(shares[i]) > 0 {
			out = append(out, shares[i])
		}
	}
	return out
}

// learnCosts updates the per-column cost estimates from the time a worker
// took for its share: the time is shared out in proportion to the current
// estimates, and blended with them so one slow batch does not swing it.
func (e *engine) learnCosts(share []int, took time.Duration, rows int) {
	est := 0.0
	for _, c := range share {
		est += e.colCost[c]
	}
	if est <= 0 || rows <= 0 {
		return
	}
	perRow := float64(took.Nanoseconds()) / float64(rows)
	for _, c := range share {
		measured := perRow * e.colCost[c] / est
		e.colCost[c] = 0.5*e.colCost[c] + 0.5*measured
	}
}

// parallel runs f(0) … f(n-1) side by side on at most Options.Workers
// goroutines (the window leaves a processor for itself) and waits for all.
// The tasks are taken in index order, so callers list the dearest first
// and the cheap ones fill in at the end.
func (e *engine) parallel(n int, f func(i int)) {
	e.parallelOn(n, func(_, i int) { f(i) })
}

// parallelOn is parallel for tasks that need to know which goroutine runs
// them: f(g, i) runs task i on goroutine g (0 ≤ g < Options.Workers), so
// each goroutine can keep state of its own.
func (e *engine) parallelOn(n int, f func(g, i int)) {
	var next atomic.Int32
	var wg sync.WaitGroup
	for g := 0; g < min(n, max(1, e.opts.Workers)); g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(g, i)
			}
		}()
	}
	wg.Wait()
}

// classify computes what the engine needs about a new distinct value.
func (e *engine) classify(cs *colState, id uint32) {
	raw := cs.col.dict.vals[id]
	var vi valueInfo
	var num float64
	if cs.checker != nil {
		vi, num = cs.checker.check(raw)
	} else {
		vi = valueInfo{canon: -1}
		if len(raw) == 0 {
			vi.flags = vBlank
		}
	}
	for uint32(len(cs.nextInfo)) <= id {
		cs.nextInfo = append(cs.nextInfo, cellInfo{})
	}
	ci := cellInfo{flags: vi.flags, rule: vi.rule, canon: vi.canon, days: vi.days}
	if vi.note != nil {
		cs.notes = append(cs.notes, *vi.note)
		ci.note = int32(len(cs.notes))
	}
	cs.nextInfo[id] = ci
	cs.anyInvalid = cs.anyInvalid || vi.flags&vInvalid != 0
	if cs.nextNums != nil || vi.flags&vHasNum != 0 {
		for uint32(len(cs.nextNums)) <= id {
			cs.nextNums = append(cs.nextNums, 0)
		}
		cs.nextNums[id] = num
	}
	for _, ai := range cs.atoms {
		a := e.cond.atoms[ai]
		for uint32(len(a.next)) <= id {
			a.next = append(a.next, triFalse)
		}
		a.next[id] = a.valueTri(&vi, raw)
	}
}

func (e *engine) progress(phase string) {
	if e.opts.OnProgress == nil {
		return
	}
	done, total := e.src.Progress()
	e.opts.OnProgress(Progress{Phase: phase, Rows: e.table.Len(), BytesDone: done, BytesTotal: total,
		Errors: e.errors, Warnings: e.warnings})
}

func (e *engine) sev(r RuleID) Severity { return e.spec.Rules.Get(r).Severity }

func (e *engine) addIssue(is Issue) {
	e.issues = append(e.issues, is)
	e.count(is)
}

func (e *engine) count(is Issue) {
	switch is.Sev {
	case Error:
		e.errors++
	case Warning:
		e.warnings++
	}
}

// fileIssue records a file-level issue with a detail string.
func (e *engine) fileIssue(col, field int, rule string, detail string) {
	id := e.spec.Rules.ID(rule)
	arg := int32(-1)
	if detail != "" {
		e.detailMu.Lock()
		arg = int32(len(e.res.details))
		e.res.details = append(e.res.details, detail)
		e.detailMu.Unlock()
	}
	e.addIssue(Issue{Row: -1, Col: int16(col), Field: int16(field), Rule: id, Sev: e.sev(id), Arg: arg})
}

// flushInternal turns panics caught in workers into file-level issues.
func (e *engine) flushInternal() {
	e.panicMu.Lock()
	pending := e.pendingInternal
	e.pendingInternal = nil
	e.panicMu.Unlock()
	for _, check := range pending {
		e.fileIssue(-1, -1, "internal-error", check)
	}
}

// finish runs the checks across records, builds the summary and sorts the
// issues.
func (e *engine) finish(ctx context.Context) error {
	e.step(nil, 0) // the last batch's rows
	for _, cs := range e.cols {
		cs.col.dict.done()
	}
	// The issues so far are in row order; what follows (file-level notes
	// and the checks across records) is sorted and merged in.
	rowIssues := len(e.issues)
	if e.table.Len() == 0 {
		e.fileIssue(-1, -1, "file-no-data", "")
	}
	// What the reader warns may make the verdict wrong (another worksheet
	// holds data, the file changed while it was read) comes first; every
	// view also shows it beside the verdict (Result.Info.Warnings).
	info := e.src.Info()
	for _, note := range append(append([]string(nil), info.Warnings...), info.Notes...) {
		e.fileIssue(-1, -1, "file-note", note)
	}
	e.res.Info = info
	// The value counts of the list columns, which the release check, the
	// notes and the summary read, are counted side by side first.
	var lists []*Column
	for fi, c := range e.fieldCol {
		if c >= 0 && e.spec.Fields[fi].IsList() {
			lists = append(lists, e.cols[c].col)
		}
	}
	e.parallel(len(lists), func(i int) { lists[i].Counts() })
	e.checkMixedRelease()
	e.noteUnlistedFields()
	cross := e.crossRecord(ctx)
	if ctx.Err() != nil {
		return ErrCanceled
	}
	e.issues = append(e.issues, cross...)
	for _, is := range cross {
		e.count(is)
	}
	sortIssues(e.issues[rowIssues:])
	e.issues = mergeSorted(e.issues[:rowIssues], e.issues[rowIssues:])
	e.progress("Summarising")
	e.res.Issues = e.issues
	e.res.Summary = e.summarise()
	e.res.Duration = time.Since(e.started)
	return nil
}

// notCLD refuses a file whose header row names (almost) none of the
// template's columns (rules.md A1.0): a letter, a report, or rows copied
// without their header. Such a "header" is usually the first person's
// details, so the message says how many template columns it names and
// never what it holds.
func notCLD(src reader.Source) error {
	header := src.Header()
	named, total := 0, 0
	var min int
	for _, rel := range []Release{R1, R2} {
		s, err := LoadSpec(rel)
		if err != nil {
			return err
		}
		named = max(named, s.headerMatches(header))
		total, min = len(s.Fields), s.Checks.Limits.MinHeaderColumns
	}
	if named >= min {
		return nil
	}
	info := src.Info()
	where := "Its first row"
	if row := src.HeaderRow(); row > 1 {
		where = fmt.Sprintf("Row %d, the first row with values,", row)
	}
	names := "none"
	if named > 0 {
		names = fmt.Sprintf("only %d", named)
	}
	return &reader.Error{Name: info.Name, Message: fmt.Sprintf(
		"this does not look like a CLD file. %s should hold the template's column names (LA Code, Reporting Period Start Date, NHS Number…), but it names %s of the %d template columns. "+
			"If the rows were copied without their header row, put the template's header row above them and try again; otherwise check you chose the CLD extract.",
		where, names, total)}
}

// chooseSpec picks the release: the one asked for, or (auto) the one the
// file's list values use.
func chooseSpec(header []string, first *reader.Batch, opts Options) (*Spec, string, error) {
	rel := opts.Release
	note := ""
	if rel == "" || rel == "auto" {
		var reason string
		rel, reason = DetectRelease(header, first)
		note = reason
	}
	if rel != R1 && rel != R2 {
		return nil, "", fmt.Errorf("unknown release %q: use r1, r2 or auto", rel)
	}
	spec, err := WithPack(rel, opts.Pack)
	if err != nil {
		return nil, "", err
	}
	if spec.PackNote != "" {
		if note != "" {
			note += " "
		}
		note += spec.PackNote + "."
	}
	return spec, note, nil
}
