package ui

import "time"

// observer is told what the window shows and when, for the tests (which
// drive the dialogs they are handed: helpers_test.go) and the automation
// build (screenshots and UI benchmarks: automation.go). The release
// program has none (Window.obs is nil) and works the same without it.
//
// Its methods run on the UI goroutine, except checkReturned.
type observer interface {
	// A dialog was shown: a message (its title and text, as
	// "title: text"), a save dialog, a file chooser, the worksheet
	// chooser or the Release 2 conversion preview.
	messageShown(titleAndText string)
	saveDialogShown(*saveDialog)
	fileChooserShown(*fileChooser)
	sheetChooserShown(*sheetChooser)
	conversionShown(*convertView)

	// A check started; issues were shown (n so far: live while checking,
	// or the result's); the engine returned its result (on the check's
	// own goroutine, before the window shows it).
	checkStarted()
	issuesShown(n int)
	checkReturned()

	// A callback run through uiDo held the UI goroutine for d.
	callbackRan(name string, d time.Duration)
}

// observe is the window's observer, or one that does nothing.
func (w *Window) observe() observer {
	if w.obs == nil {
		return noObserver{}
	}
	return w.obs
}

// noObserver ignores everything; an observer that embeds it implements
// only what it needs.
type noObserver struct{}

func (noObserver) messageShown(string)               {}
func (noObserver) saveDialogShown(*saveDialog)       {}
func (noObserver) fileChooserShown(*fileChooser)     {}
func (noObserver) sheetChooserShown(*sheetChooser)   {}
func (noObserver) conversionShown(*convertView)      {}
func (noObserver) checkStarted()                     {}
func (noObserver) issuesShown(int)                   {}
func (noObserver) checkReturned()                    {}
func (noObserver) callbackRan(string, time.Duration) {}
