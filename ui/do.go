package ui

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// uiDo runs f on the UI goroutine. Every update that a background goroutine
// makes to a widget goes through here, so a panic inside it is contained
// (the window stays up, a crash log is written) and an observer can time
// how long each one holds the UI goroutine.
func (w *Window) uiDo(name string, f func()) {
	fyne.Do(func() {
		// Fyne's real driver runs these one at a time on its UI goroutine,
		// so the lock is never contended there; its test driver runs them
		// on the calling goroutine, and the lock keeps tests (which take
		// it too) from touching widgets at the same time.
		uiMu.Lock()
		defer uiMu.Unlock()
		defer w.timeCallback(name, time.Now())
		defer w.recoverUI(name)
		f()
	})
}

var uiMu sync.Mutex

// uiDoWait is uiDo that waits until f has run.
func (w *Window) uiDoWait(name string, f func()) {
	fyne.DoAndWait(func() {
		uiMu.Lock()
		defer uiMu.Unlock()
		defer w.timeCallback(name, time.Now())
		defer w.recoverUI(name)
		f()
	})
}

// timeCallback tells the observer how long a callback took.
func (w *Window) timeCallback(name string, start time.Time) {
	if w.obs != nil {
		w.obs.callbackRan(name, time.Since(start))
	}
}

var cellPanic sync.Once

// recoverCell contains a panic while drawing a table cell: it is logged
// once (a table redraws often) and the user is told once.
func (w *Window) recoverCell() {
	if p := recover(); p != nil {
		cellPanic.Do(func() {
			path := LogPanic("drawing a table cell", p)
			go w.uiDo("cell panic dialog", func() { w.showInternalProblem("drawing a table", path) })
		})
	}
}
