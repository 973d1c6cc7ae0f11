//go:build !windows

package ui

// Windows has its own Open and Save dialogs (dialogs_windows.go); elsewhere
// Fyne's file dialog is used, so these report that none was shown.

func (w *Window) nativeOpen(exts []string, chosen func(path string)) bool { return false }

func (w *Window) nativeSave(title, def string, exts []string, chosen func(path string)) bool {
	return false
}
