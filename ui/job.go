package ui

import (
	"context"
	"sync/atomic"
	"time"
)

// job is one kind of background work whose latest start alone may change
// the window: the check, the comparison's older file, a chart's drawing,
// the issue filter, the measures. Starting it again, or stopping it,
// makes earlier starts stale: their context is cancelled and what they
// post to the UI goroutine is dropped. Its methods are called on the UI
// goroutine; a jobRun's post and current may be called from anywhere.
type job struct {
	w      *Window
	what   string // for the crash log: "checking a file"
	gen    atomic.Uint64
	cancel context.CancelFunc
	busy   bool // a start has not yet finished (UI goroutine only)
}

// jobRun is one start of a job, handed to its work.
type jobRun struct {
	j   *job
	gen uint64
	ctx context.Context
}

func newJob(w *Window, what string) *job { return &job{w: w, what: what} }

// start stops any earlier start and runs work on a background goroutine.
// A panic in work is logged (with no data) and reported; onPanic, when
// given, then runs on the UI goroutine if the start is still current.
func (j *job) start(work func(r *jobRun), onPanic func()) *jobRun {
	j.stop()
	ctx, cancel := context.WithCancel(context.Background())
	r := &jobRun{j: j, gen: j.gen.Add(1), ctx: ctx}
	j.cancel, j.busy = cancel, true
	j.w.goSafe(j.what, func() {
		defer cancel()
		work(r)
		r.post(j.what+" done", func() { j.busy = false })
	}, func() {
		r.post(j.what+" failed", func() {
			j.busy = false
			if onPanic != nil {
				onPanic()
			}
		})
	})
	return r
}

// after starts work after delay, unless the job is started again or
// stopped meanwhile (a redraw that waits for a resize to settle).
func (j *job) after(delay time.Duration, work func(r *jobRun)) {
	j.stop()
	gen := j.gen.Load()
	time.AfterFunc(delay, func() {
		j.w.uiDo(j.what+" start", func() {
			if j.gen.Load() == gen {
				j.start(work, nil)
			}
		})
	})
}

// stop cancels the current start, if any: its posts are dropped. It
// reports whether a start was still busy.
func (j *job) stop() bool {
	was := j.busy
	j.gen.Add(1)
	if j.cancel != nil {
		j.cancel()
		j.cancel = nil
	}
	j.busy = false
	return was
}

// running reports whether a start is busy (UI goroutine).
func (j *job) running() bool { return j.busy }

// current reports whether this is still the job's latest start.
func (r *jobRun) current() bool { return r.j.gen.Load() == r.gen }

// post runs f on the UI goroutine if this start is still current then.
func (r *jobRun) post(what string, f func()) {
	r.j.w.uiDo(what, func() {
		if r.current() {
			f()
		}
	})
}

// finish posts f as the start's last word: the job is no longer busy
// when f runs (its result or failure shown).
func (r *jobRun) finish(what string, f func()) {
	r.post(what, func() {
		r.j.busy = false
		f()
	})
}

// every calls f every d on its own goroutine until the returned stop is
// called (stop waits for it, and may be called more than once): for
// progress that is shown at a steady pace, whatever the work reports.
func (r *jobRun) every(d time.Duration, f func()) (stop func()) {
	return every(d, f)
}
