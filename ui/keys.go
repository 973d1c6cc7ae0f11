package ui

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// Enter and Esc in dialogs. Fyne's dialogs take no keys: with nothing
// focused in them a key goes to the window's own handler, and a focused
// control keeps Esc to itself. So every dialog the window shows is
// tracked (track), the window's key handler and every control of ours
// (focus.go) send Esc and Enter here, and the dialog on top decides.

// hideable is what track needs of a dialog (Fyne's file dialogs too).
type hideable interface {
	Hide()
	SetOnClosed(func())
}

// modal is a dialog on show and what Enter and Esc do in it.
type modal struct {
	d          hideable
	enter, esc func()
}

// track registers a dialog before it is shown: Enter runs enter (nil:
// nothing), Esc runs esc (nil: the dialog closes).
func (w *Window) track(d hideable, enter, esc func()) {
	m := &modal{d: d, enter: enter, esc: esc}
	w.modals = append(w.modals, m)
	d.SetOnClosed(func() {
		for i, x := range w.modals {
			if x == m {
				w.modals = append(w.modals[:i], w.modals[i+1:]...)
				break
			}
		}
	})
}

func (w *Window) topModal() *modal {
	if len(w.modals) == 0 {
		return nil
	}
	return w.modals[len(w.modals)-1]
}

// escape is Esc: the dialog on top closes (or does what its Esc does);
// with none, a running check or comparison is cancelled.
func (w *Window) escape() {
	if m := w.topModal(); m != nil {
		if m.esc != nil {
			m.esc()
		} else {
			m.d.Hide()
		}
		return
	}
	w.cancelCompare()
	w.run.cancelRun()
}

// enter is Enter where the focused control has no use for it: the
// default button of the dialog on top.
func (w *Window) enter() {
	if m := w.topModal(); m != nil && m.enter != nil {
		m.enter()
	}
}

// The windows by canvas, so a control can find the window it is in.
var (
	windowsMu      sync.Mutex
	windowByCanvas = map[fyne.Canvas]*Window{}
)

func registerWindow(w *Window) {
	windowsMu.Lock()
	windowByCanvas[w.win.Canvas()] = w
	windowsMu.Unlock()
}

func windowOf(o fyne.CanvasObject) *Window {
	c := fyne.CurrentApp().Driver().CanvasForObject(o)
	windowsMu.Lock()
	defer windowsMu.Unlock()
	return windowByCanvas[c]
}

// windowKey handles the keys that belong to the window whatever has the
// keyboard (Esc, F1); it reports whether ev was one.
func windowKey(o fyne.CanvasObject, ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyEscape:
		escapeFrom(o)
	case fyne.KeyF1:
		if w := windowOf(o); w != nil {
			w.showHelp()
		}
	default:
		return false
	}
	return true
}

func escapeFrom(o fyne.CanvasObject) {
	if w := windowOf(o); w != nil {
		w.escape()
	}
}

func enterFrom(o fyne.CanvasObject) {
	if w := windowOf(o); w != nil {
		w.enter()
	}
}

// newDialog makes a dialog with the window's own buttons, so each has a
// focus ring and Enter presses the focused one. Enter with nothing focused
// presses def (nil: none); Esc runs esc (nil: the dialog closes). Show it
// with showDialog.
func (w *Window) newDialog(title string, content fyne.CanvasObject, buttons []*button, def *button, esc func()) *dialog.CustomDialog {
	d := dialog.NewCustomWithoutButtons(title, content, w.win)
	objs := make([]fyne.CanvasObject, len(buttons))
	for i, b := range buttons {
		objs[i] = b
	}
	d.SetButtons(objs)
	var enter func()
	if def != nil {
		enter = func() {
			if !def.Disabled() {
				def.OnTapped()
			}
		}
	}
	w.track(d, enter, esc)
	return d
}

// showDialog shows a dialog and gives the keyboard to focus (its text box
// or default button), so the ring shows where typing or Enter goes.
func (w *Window) showDialog(d dialog.Dialog, focus fyne.Focusable) {
	d.Show()
	if focus != nil {
		w.win.Canvas().Focus(focus)
	}
}

// dialogButtons lays out extra buttons inside a dialog's content.
func dialogButtons(bs ...*button) fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, len(bs))
	for i, b := range bs {
		objs[i] = b
	}
	return newFlow(objs...)
}
