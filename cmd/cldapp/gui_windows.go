//go:build windows

package main

import (
	"os/exec"
	"syscall"
	"unsafe"
)

var (
	user32      = syscall.NewLazyDLL("user32.dll")
	messageBoxW = user32.NewProc("MessageBoxW")
)

// showNativeMessage shows a Windows message box (no cgo, no window of
// ours needed: it works where OpenGL does not).
func showNativeMessage(title, text string) bool {
	t, err1 := syscall.UTF16PtrFromString(text)
	c, err2 := syscall.UTF16PtrFromString(title)
	if err1 != nil || err2 != nil || messageBoxW.Find() != nil {
		return false
	}
	const mbOK, mbIconInformation, mbSetForeground = 0x0, 0x40, 0x10000
	messageBoxW.Call(0, uintptr(unsafe.Pointer(t)), uintptr(unsafe.Pointer(c)), mbOK|mbIconInformation|mbSetForeground)
	return true
}

// hideChildWindow stops the probe child from flashing a console window.
func hideChildWindow(cmd *exec.Cmd) {
	const createNoWindow = 0x08000000
	cmd.SysProcAttr = &syscall.SysProcAttr{HideWindow: true, CreationFlags: createNoWindow}
}
