//go:build !windows

package main

import "fyne.io/fyne/v2"

// maximise does nothing here: the window was sized to the work area, and
// window managers keep windows inside it.
func maximise(fyne.Window) {}
