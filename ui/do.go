package ui

import (
	"sort"
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// uiDo runs f on the UI goroutine. Every update that a background goroutine
// makes to a widget goes through here, so the time each one holds the UI
// goroutine is recorded (CallbackStats) and a panic inside it is contained
// (the window stays up, a crash log is written).
func (w *Window) uiDo(name string, f func()) {
	fyne.Do(func() {
		// Fyne's real driver runs these one at a time on its UI goroutine,
		// so the lock is never contended there; its test driver runs them
		// on the calling goroutine, and the lock keeps tests (which take
		// it too) from touching widgets at the same time.
		uiMu.Lock()
		defer uiMu.Unlock()
		start := time.Now()
		defer func() {
			callbacks.record(name, time.Since(start))
		}()
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
		start := time.Now()
		defer func() { callbacks.record(name, time.Since(start)) }()
		defer w.recoverUI(name)
		f()
	})
}

// CallbackStat is how long the callbacks of one kind held the UI goroutine.
type CallbackStat struct {
	Name  string
	Count int
	Max   time.Duration
	Total time.Duration
}

type callbackStats struct {
	mu sync.Mutex
	m  map[string]*CallbackStat
}

var callbacks = &callbackStats{m: map[string]*CallbackStat{}}

func (c *callbackStats) record(name string, d time.Duration) {
	c.mu.Lock()
	s := c.m[name]
	if s == nil {
		s = &CallbackStat{Name: name}
		c.m[name] = s
	}
	s.Count++
	s.Total += d
	if d > s.Max {
		s.Max = d
	}
	c.mu.Unlock()
}

// CallbackStats returns the timings of the UI-goroutine callbacks run so
// far, longest first.
func CallbackStats() []CallbackStat {
	callbacks.mu.Lock()
	defer callbacks.mu.Unlock()
	out := make([]CallbackStat, 0, len(callbacks.m))
	for _, s := range callbacks.m {
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Max > out[j].Max })
	return out
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
