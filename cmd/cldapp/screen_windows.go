//go:build windows

package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
)

var showWindow = user32.NewProc("ShowWindow")

// maximise maximises the window, so Windows fits it to the work area with
// its own title bar and borders.
func maximise(win fyne.Window) {
	nw, ok := win.(driver.NativeWindow)
	if !ok {
		return
	}
	nw.RunNative(func(ctx any) {
		if c, ok := ctx.(driver.WindowsWindowContext); ok && c.HWND != 0 {
			const swMaximize = 3
			showWindow.Call(c.HWND, swMaximize)
		}
	})
}
