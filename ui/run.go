package ui

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cldvalidator/reader"
	"cldvalidator/validation"
)

// runInput is what is being checked: a file, or text pasted from Excel.
type runInput struct {
	name  string // what to call it: the file name or "pasted data"
	path  string // "" for pasted text
	text  string // pasted text
	sheet string // the worksheet chosen (Worksheet…); "" lets the reader choose

	example bool // the bundled example: not listed in Recent files

	src func() (reader.Source, error) // tests: any source
}

func (in *runInput) open() (reader.Source, error) {
	if in.src != nil {
		return in.src()
	}
	if in.path != "" {
		return validation.OpenSheet(in.path, in.sheet)
	}
	return reader.FromText(in.text, validation.ReaderOptions())
}

// progressInterval is how often a running check updates the window,
// whatever the engine reports: often enough to look alive, seldom enough
// that the repaints do not hold up the UI goroutine while the check
// competes with them (BENCHMARKS.md, "Notes from the code").
const progressInterval = 250 * time.Millisecond

// runner runs one check at a time, as a job: a new check or Cancel makes
// the one before it stale.
type runner struct {
	w    *Window
	job  *job
	done chan struct{} // closed when the current run's goroutine ends
}

func newRunner(w *Window) *runner { return &runner{w: w, job: newJob(w, "checking a file")} }

// running reports whether a check is under way (UI goroutine).
func (r *runner) running() bool { return r.job.running() }

// startRun begins checking in. It runs on the UI goroutine.
func (w *Window) startRun(in *runInput) {
	w.run.start(in, w.checkOptions())
}

// checkOptions are the settings every check in the window uses: the
// release chosen in the selector, the spec pack (if one is set) and a
// fingerprint of the file, computed while checking, for the Excel report's
// receipt. The comparison's older file is checked with the same settings.
func (w *Window) checkOptions() validation.Options {
	return validation.Options{
		// A check's internal fault goes to the crash log (no data in it).
		OnInternalProblem: func(msg string) { AppendCrashLog(msg) },
		Release:           w.open.selectedRelease(),
		Pack:              w.pack,
		Fingerprint:       true,
		// Leave a processor for the window: with every core checking,
		// the UI goroutine waits too long for a turn (BENCHMARKS.md).
		Workers: max(1, runtime.GOMAXPROCS(0)-1),
		// Smaller batches than the engine's default: progress, live
		// issues and Cancel react within a batch.
		BatchRows: 4096,
	}
}

// recheck runs the last input again (after fixing the file, or with
// another release).
func (w *Window) recheck() {
	if w.input == nil {
		w.showMessage("Nothing to check again", "Open a CLD file first.")
		return
	}
	w.startRun(w.input)
}

func (r *runner) start(in *runInput, opts validation.Options) {
	done := make(chan struct{})
	r.done = done
	r.w.observe().checkStarted()
	r.w.beginRun(in)
	r.job.start(func(jr *jobRun) {
		defer close(done)
		r.work(jr, in, opts)
	}, r.w.endRun)
}

// cancelRun is the Cancel button: the run stops, the window says so at once.
func (r *runner) cancelRun() {
	if r.job.stop() {
		r.w.runCancelled()
	}
}

func (r *runner) work(jr *jobRun, in *runInput, opts validation.Options) {
	w, ctx := r.w, jr.ctx
	src, err := in.open()
	if err != nil {
		jr.finish("run failed", func() { w.runFailed(in, err) })
		return
	}
	defer src.Close()

	var (
		mu       sync.Mutex
		prog     validation.Progress
		live     []validation.LiveIssue
		progSeen bool
	)
	// The window is updated at a steady pace, whatever the engine reports.
	var lastRows, lastLive int
	lastPhase := ""
	stopTicker := jr.every(progressInterval, func() {
		mu.Lock()
		p, l, seen := prog, live, progSeen
		mu.Unlock()
		if !seen || (p.Rows == lastRows && len(l) == lastLive && p.Phase == lastPhase) {
			return
		}
		lastRows, lastLive, lastPhase = p.Rows, len(l), p.Phase
		jr.post("progress", func() {
			w.observe().issuesShown(len(l))
			w.showProgress(p, l)
		})
	})
	defer stopTicker() // also when the engine panics

	opts.OnProgress = func(p validation.Progress) {
		mu.Lock()
		prog, progSeen = p, true
		mu.Unlock()
	}
	opts.OnIssues = func(is []validation.LiveIssue) {
		mu.Lock()
		live = append(live, is...) // the engine reuses its slice
		mu.Unlock()
	}
	res, p, err := validateContained(ctx, src, opts)
	if p != nil {
		// Showing issues while the check runs is a convenience: if
		// rendering them failed inside the engine, log it (no data) and
		// check again without them rather than give no result.
		LogPanic("showing issues as they were found", p)
		src.Close()
		mu.Lock()
		live = nil
		mu.Unlock()
		if src, err = in.open(); err != nil {
			jr.finish("run failed", func() { w.runFailed(in, err) })
			return
		}
		defer src.Close()
		opts.OnIssues = nil
		res, err = validation.Validate(ctx, src, opts)
	}
	stopTicker()
	src.Close() // the result holds everything it needs

	switch {
	case errors.Is(err, validation.ErrCanceled) || ctx.Err() != nil:
		return // the window already says "Cancelled"
	case err != nil:
		jr.finish("run failed", func() { w.runFailed(in, err) })
		return
	}
	view := allIssues(len(res.Issues))
	w.observe().checkReturned()
	jr.finish("show result", func() {
		w.observe().issuesShown(len(res.Issues))
		w.showResult(in, res, view)
	})
}

// every calls f every d on a new goroutine until stop is called; stop
// waits for the goroutine to end and may be called more than once.
func every(d time.Duration, f func()) (stop func()) {
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(d)
		defer t.Stop()
		for {
			select {
			case <-quit:
				return
			case <-t.C:
				f()
			}
		}
	}()
	return sync.OnceFunc(func() { close(quit); <-done })
}

// validateContained runs the engine, returning a panic instead of
// propagating it.
func validateContained(ctx context.Context, src reader.Source, opts validation.Options) (res *validation.Result, p any, err error) {
	defer func() {
		if q := recover(); q != nil {
			res, p, err = nil, q, nil
		}
	}()
	res, err = validation.Validate(ctx, src, opts)
	return res, nil, err
}

// allIssues is the unfiltered view: every issue in file order.
func allIssues(n int) []int32 {
	v := make([]int32, n)
	for i := range v {
		v[i] = int32(i)
	}
	return v
}

// beginRun clears the window for a new check.
func (w *Window) beginRun(in *runInput) {
	w.input = in
	w.res = nil
	w.closeComparison() // it compared the file shown before
	w.setTitle(in.name)
	w.exportBtn.Disable()
	w.progress.begin(in.name)
	w.setStatus("Checking " + in.name + "…")
	w.summary.setRunning(in.name)
	w.issues.setLive(nil)
	w.records.setResult(nil)
	w.charts.setResult(nil)
	w.measures.beginRun(in.name)
	w.setMenu() // nothing to convert or compare while checking
}

// showProgress shows how far the run has got and the issues found so far.
func (w *Window) showProgress(p validation.Progress, live []validation.LiveIssue) {
	w.progress.update(p)
	w.issues.setLive(live)
}

// endRun hides the progress row.
func (w *Window) endRun() { w.progress.end() }

func (w *Window) runCancelled() {
	w.endRun()
	w.setStatus("Cancelled: " + w.input.name + " was not checked to the end.")
	w.summary.setCancelled(w.input.name)
	w.issues.setLive(nil)
	w.measures.setStopped("The check of " + w.input.name + " was cancelled, so there are no measures to show.")
}

func (w *Window) runFailed(in *runInput, err error) {
	w.endRun()
	w.input = in
	if in.path != "" {
		w.removeRecent(in.path) // Recent files lists files that open
	}
	// The status names the file; the Summary and the dialog say why, each
	// once, without repeating the status line.
	w.setStatus(in.name + " could not be checked.")
	why := failureReason(err)
	w.summary.setFailed(why)
	w.issues.setLive(nil)
	w.measures.setStopped(in.name + " could not be checked, so there are no measures to show.")
	w.showMessage("Could not check "+in.name, why)
}

// showResult shows a completed check in every tab.
func (w *Window) showResult(in *runInput, res *validation.Result, view []int32) {
	w.res = res
	w.endRun()
	if in.path != "" && !in.example {
		w.addRecent(in.path)
	}
	s := res.Summary
	w.setStatus(fmt.Sprintf("%s: %s rows checked against Release %s%s in %s.", in.name, validation.Commas(s.Rows),
		res.Spec.Release[1:], w.packUsedNote(res), seconds(res.Duration)))
	w.exportBtn.Enable()
	w.setMenu()
	w.summary.setResult(res)
	// The other tabs follow in separate callbacks, so the window paints
	// (and stays responsive) in between instead of blocking once for all.
	steps := []struct {
		name string
		f    func()
	}{
		{"show issues", func() { w.issues.setResult(res, view) }},
		{"show records", func() { w.records.setResult(res) }},
		{"show charts and rules", func() { w.charts.setResult(res); w.rules.setSpec(res.Spec) }},
		{"result shown", func() {
			for _, f := range w.onResult {
				f()
			}
		}},
	}
	w.goSafe("showing the result", func() {
		for _, st := range steps {
			w.uiDoWait(st.name, func() {
				if w.res == res {
					st.f()
				}
			})
		}
	}, nil)
}

// progressBar is the row shown while a check runs.
type progressBar struct {
	w       *Window
	bar     *widget.ProgressBar
	text    *widget.Label
	cancel  *button
	content *fyne.Container
}

// newProgressBar makes a progress row whose Cancel button calls cancel.
func newProgressBar(w *Window, cancel func()) *progressBar {
	p := &progressBar{w: w, bar: widget.NewProgressBar(), text: widget.NewLabel("")}
	p.cancel = newButtonWithIcon("Cancel", theme.CancelIcon(), cancel)
	p.content = border(nil, nil, nil, p.cancel, container.NewVBox(p.bar, p.text))
	p.content.Hide()
	return p
}

func (p *progressBar) begin(name string) {
	p.bar.SetValue(0)
	p.text.SetText("Opening " + name + "…")
	p.cancel.Enable()
	p.content.Show()
}

func (p *progressBar) update(pr validation.Progress) {
	f := pr.Fraction()
	p.bar.SetValue(f)
	// The reader measures bytes, which do not map evenly onto rows (a
	// workbook's shared strings come first), so no row total is guessed.
	rows := "Read " + validation.Commas(pr.Rows) + " rows"
	if f > 0 && f < 1 {
		rows += fmt.Sprintf(" (%d%% of the file)", int(100*f))
	}
	phase := ""
	if pr.Phase != "" && pr.Phase != "Reading and checking rows" {
		phase = " · " + pr.Phase
	}
	p.text.SetText(fmt.Sprintf("%s · %s and %s so far%s", rows, validation.Plural(pr.Errors, "error", "errors"),
		validation.Plural(pr.Warnings, "warning", "warnings"), phase))
}

func (p *progressBar) end() { p.content.Hide() }

// goSafe runs f on a new goroutine. A panic is contained: it is written to
// the crash log (no cell values), the user is told in plain English, and
// onPanic (if any) restores the window's state.
func (w *Window) goSafe(what string, f func(), onPanic func()) {
	w.jobs.Add(1)
	go func() {
		defer w.jobs.Done()
		defer func() {
			if p := recover(); p != nil {
				path := LogPanic(what, p)
				if onPanic != nil {
					onPanic()
				}
				w.uiDo("panic dialog", func() { w.showInternalProblem(what, path) })
			}
		}()
		f()
	}()
}

// recoverUI contains a panic in a UI-goroutine callback.
func (w *Window) recoverUI(what string) {
	if p := recover(); p != nil {
		path := LogPanic(what, p)
		w.showInternalProblem(what, path)
	}
}

func (w *Window) showInternalProblem(what, logPath string) {
	where := "A problem report could not be saved."
	if logPath != "" {
		where = "A short problem report (with none of your data in it) was saved to:\n" + logPath
	}
	w.showMessage("Something went wrong", "The CLD Validator met an internal problem while "+what+
		". Your file has not been changed, and the window is still usable.\n\n"+where+
		"\n\nPlease send that report to whoever supports the tool.")
}
