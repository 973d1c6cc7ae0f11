//go:build windows

package ui

import "golang.org/x/sys/windows"

// The Windows system libraries the window calls directly (the clipboard
// picture, the native dialogs), loaded from the system folder only.
var (
	user32   = windows.NewLazySystemDLL("user32.dll")
	kernel32 = windows.NewLazySystemDLL("kernel32.dll")
)
